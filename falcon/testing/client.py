"""The test client at Falcon's ``falcon.testing.client`` import path.

Rules: a re-export only. The client, its results and the ``simulate_*`` functions live in
``falcon.testing._client``, ``._result`` and ``._simulate``; this module adds no behaviour
of its own.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.testing._client import (
    ASGIConductor,
    Cookie,
    Result,
    ResultBodyStream,
    StreamedResult,
    TestClient,
    _AsyncContextManager,
    simulate_delete,
    simulate_get,
    simulate_head,
    simulate_options,
    simulate_patch,
    simulate_post,
    simulate_put,
    simulate_request,
)
from falcon.testing._result import _ResultBase
from falcon.testing._simulate import _is_asgi_app

__all__ = [
    'ASGIConductor',
    'Cookie',
    'Result',
    'ResultBodyStream',
    'StreamedResult',
    'TestClient',
    '_AsyncContextManager',
    '_ResultBase',
    '_is_asgi_app',
    'simulate_delete',
    'simulate_get',
    'simulate_head',
    'simulate_options',
    'simulate_patch',
    'simulate_post',
    'simulate_put',
    'simulate_request',
]

set_home(
    __name__,
    globals(),
    (
        'ASGIConductor',
        'Cookie',
        'Result',
        'ResultBodyStream',
        'StreamedResult',
        'TestClient',
        'simulate_delete',
        'simulate_get',
        'simulate_head',
        'simulate_options',
        'simulate_patch',
        'simulate_post',
        'simulate_put',
        'simulate_request',
    ),
)
