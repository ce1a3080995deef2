"""Testing helpers: simulate requests to a WSGI or ASGI app without a server.

``simulate_get(app, '/path')`` and friends, :class:`TestClient` (a client bound to one app),
:class:`ASGIConductor` (an async client that also runs the ASGI lifespan), the
:class:`Result` of a request, and helpers to build environs, scopes and requests.

Rules: a re-export. ``__all__`` is the union of Falcon's modules of this package (importing
them sets the module path, ``__module__``, of the objects they are the home of;
falcon.core._home) and of the conformance helpers, which are this package's own. The names
are star-imported from the modules that define them, whose ``__all__`` type checkers read.
"""

from __future__ import annotations

from falcon.core._dates import http_now as _http_now
from falcon.testing import _conformance
from falcon.testing import client as client
from falcon.testing import helpers as helpers
from falcon.testing import resource as resource
from falcon.testing import srmock as srmock
from falcon.testing import test_case as test_case
from falcon.testing._asgi import *  # noqa: F403
from falcon.testing._case import TestCase as TestCase
from falcon.testing._client import *  # noqa: F403
from falcon.testing._conformance import *  # noqa: F403
from falcon.testing._helpers import *  # noqa: F403
from falcon.testing._helpers import StartResponseMock as StartResponseMock
from falcon.testing._resource import *  # noqa: F403
from falcon.testing._result import *  # noqa: F403
from falcon.testing._scope import *  # noqa: F403
from falcon.testing._simulate import *  # noqa: F403
from falcon.testing._ws import ASGIWebSocketSimulator as ASGIWebSocketSimulator

__all__ = [
    *client.__all__,
    *helpers.__all__,
    *resource.__all__,
    *srmock.__all__,
    'TestCase',
    *_conformance.__all__,
]

# Falcon's old name for ``falcon.http_now``: deprecated since Falcon 4.1, to be removed in
# Falcon 5.0, and so left out of ``__all__``.
httpnow = _http_now
