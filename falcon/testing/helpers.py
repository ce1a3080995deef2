"""Request-building helpers at Falcon's ``falcon.testing.helpers`` import path.

Rules: a re-export of ``falcon.testing._helpers``, ``_asgi`` and ``_ws``. One thing is more
than a re-export, because Falcon documents it: assigning ``DEFAULT_UA`` on this module
changes the ``User-Agent`` that simulated requests send when they set none.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from falcon.core._home import set_home
from falcon.testing import _helpers
from falcon.testing._asgi import (
    ASGILifespanEventEmitter,
    ASGIRequestEventEmitter,
    ASGIResponseEventCollector,
)
from falcon.testing._helpers import (
    DEFAULT_HOST,
    DEFAULT_UA,
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
from falcon.testing._ws import ASGIWebSocketSimulator, _WSContextManager

__all__ = [
    'DEFAULT_HOST',
    'DEFAULT_UA',
    'ASGILifespanEventEmitter',
    'ASGIRequestEventEmitter',
    'ASGIResponseEventCollector',
    'ASGIWebSocketSimulator',
    '_WSContextManager',
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
]


class _HelpersModule(types.ModuleType):
    """This module's type: an assigned ``DEFAULT_UA`` also reaches the request builders."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == 'DEFAULT_UA':
            _helpers.DEFAULT_UA = value
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _HelpersModule

set_home(
    __name__,
    globals(),
    (
        'ASGILifespanEventEmitter',
        'ASGIRequestEventEmitter',
        'ASGIResponseEventCollector',
        'ASGIWebSocketSimulator',
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
    ),
)
