"""App helpers at Falcon's ``falcon.app_helpers`` path.

Rules: a face over the core; nothing is implemented here. Both apps build their middleware
plan by calling ``prepare_middleware`` as this module holds it when they call it, so an
integration that replaces it here (Sentry inserts its own component) takes effect.
``prepare_middleware`` returns the core's plan: a tuple whose first three items are the
prepared ``process_request``, ``process_resource`` and ``process_response`` steps (each a
``(method, kind)`` pair; responses in reverse order), followed by the pairing, lifespan and
WebSocket steps.
"""

from __future__ import annotations

from falcon.core._error_serializer import default_serialize_error
from falcon.core._home import set_home
from falcon.core._middleware import prepare_middleware, prepare_middleware_ws
from falcon.core._stream_iter import CloseableStreamIterator

__all__ = [
    'CloseableStreamIterator',
    'default_serialize_error',
    'prepare_middleware',
    'prepare_middleware_ws',
]

set_home(
    __name__,
    globals(),
    (
        'CloseableStreamIterator',
        'default_serialize_error',
        'prepare_middleware',
        'prepare_middleware_ws',
    ),
)
