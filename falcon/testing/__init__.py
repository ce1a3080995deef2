"""Testing helpers: simulate requests to a WSGI or ASGI app without a server.

``simulate_get(app, '/path')`` and friends, :class:`TestClient` (a client bound to one app),
:class:`ASGIConductor` (an async client that also runs the ASGI lifespan), the
:class:`Result` of a request, and helpers to build environs, scopes and requests.
"""

from __future__ import annotations

# isort: split
# Falcon's modules of this package: importing them sets the Falcon module path
# (``__module__``) of the objects they are the home of (falcon.core._home).
from falcon.testing import client as client
from falcon.testing import helpers as helpers
from falcon.testing import resource as resource
from falcon.testing import srmock as srmock
from falcon.testing import test_case as test_case

# isort: split
from falcon.core._dates import http_now as _http_now
from falcon.testing._asgi import (
    ASGILifespanEventEmitter,
    ASGIRequestEventEmitter,
    ASGIResponseEventCollector,
)
from falcon.testing._case import TestCase
from falcon.testing._client import (
    ASGIConductor,
    Cookie,
    Result,
    ResultBodyStream,
    StreamedResult,
    TestClient,
    simulate_delete,
    simulate_get,
    simulate_head,
    simulate_options,
    simulate_patch,
    simulate_post,
    simulate_put,
    simulate_request,
)
from falcon.testing._helpers import (
    DEFAULT_HOST,
    DEFAULT_UA,
    StartResponseMock,
    closed_wsgi_iterable,
    create_asgi_req,
    create_environ,
    create_req,
    create_scope,
    create_scope_ws,
    get_encoding_from_headers,
    get_unused_port,
    rand_string,
    redirected,
)
from falcon.testing._resource import (
    SimpleTestResource,
    SimpleTestResourceAsync,
    capture_responder_args,
    capture_responder_args_async,
    set_resp_defaults,
    set_resp_defaults_async,
)
from falcon.testing._ws import ASGIWebSocketSimulator

__all__ = [
    'DEFAULT_HOST',
    'DEFAULT_UA',
    'ASGIConductor',
    'ASGILifespanEventEmitter',
    'ASGIRequestEventEmitter',
    'ASGIResponseEventCollector',
    'ASGIWebSocketSimulator',
    'Cookie',
    'Result',
    'ResultBodyStream',
    'SimpleTestResource',
    'SimpleTestResourceAsync',
    'StartResponseMock',
    'StreamedResult',
    'TestCase',
    'TestClient',
    'capture_responder_args',
    'capture_responder_args_async',
    'closed_wsgi_iterable',
    'create_asgi_req',
    'create_environ',
    'create_req',
    'create_scope',
    'create_scope_ws',
    'get_encoding_from_headers',
    'get_unused_port',
    'rand_string',
    'redirected',
    'set_resp_defaults',
    'set_resp_defaults_async',
    'simulate_delete',
    'simulate_get',
    'simulate_head',
    'simulate_options',
    'simulate_patch',
    'simulate_post',
    'simulate_put',
    'simulate_request',
]

# Falcon's old name for ``falcon.http_now``: deprecated since Falcon 4.1, to be removed in
# Falcon 5.0, and so left out of ``__all__``.
httpnow = _http_now


from falcon.testing._conformance import (  # noqa: E402
    ModeMismatchError as ModeMismatchError,
)
from falcon.testing._conformance import app_kinds as app_kinds  # noqa: E402
from falcon.testing._conformance import (  # noqa: E402
    assert_same_result as assert_same_result,
)
from falcon.testing._conformance import both_modes as both_modes  # noqa: E402
from falcon.testing._conformance import compare_apps as compare_apps  # noqa: E402
from falcon.testing._conformance import compare_modes as compare_modes  # noqa: E402
from falcon.testing._conformance import is_asgi_app as is_asgi_app  # noqa: E402

__all__ += [
    'ModeMismatchError',
    'app_kinds',
    'assert_same_result',
    'both_modes',
    'compare_apps',
    'compare_modes',
    'is_asgi_app',
]
