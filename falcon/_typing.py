"""Structural types at Falcon's private ``falcon._typing`` path.

Rules: a face over ``falcon.core._protocols``; nothing is implemented here. Libraries that
annotate against Falcon (plugins, instrumentation) import these protocols from this path.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core._protocols import UNSET as _UNSET
from falcon.core._protocols import (
    AsgiErrorHandler,
    AsgiMiddlewareWithProcessRequest,
    AsgiMiddlewareWithProcessRequestWs,
    AsgiMiddlewareWithProcessResource,
    AsgiMiddlewareWithProcessResourceWs,
    AsgiMiddlewareWithProcessResponse,
    AsgiMiddlewareWithProcessShutdown,
    AsgiMiddlewareWithProcessStartup,
    AsgiResponderCallable,
    AsgiResponderMethod,
    AsgiResponderWsCallable,
    AsgiSinkCallable,
    ErrorHandler,
    ErrorReporter,
    FindMethod,
    ResponderCallable,
    ResponderMethod,
    SerializeSync,
    SinkCallable,
    UniversalMiddlewareWithProcessRequest,
    UniversalMiddlewareWithProcessResource,
    UniversalMiddlewareWithProcessResponse,
    WsgiMiddlewareWithProcessRequest,
    WsgiMiddlewareWithProcessResource,
    WsgiMiddlewareWithProcessResponse,
    _Unset,
)

__all__ = [
    '_UNSET',
    'AsgiErrorHandler',
    'AsgiMiddlewareWithProcessRequest',
    'AsgiMiddlewareWithProcessRequestWs',
    'AsgiMiddlewareWithProcessResource',
    'AsgiMiddlewareWithProcessResourceWs',
    'AsgiMiddlewareWithProcessResponse',
    'AsgiMiddlewareWithProcessShutdown',
    'AsgiMiddlewareWithProcessStartup',
    'AsgiResponderCallable',
    'AsgiResponderMethod',
    'AsgiResponderWsCallable',
    'AsgiSinkCallable',
    'ErrorHandler',
    'ErrorReporter',
    'FindMethod',
    'ResponderCallable',
    'ResponderMethod',
    'SerializeSync',
    'SinkCallable',
    'UniversalMiddlewareWithProcessRequest',
    'UniversalMiddlewareWithProcessResource',
    'UniversalMiddlewareWithProcessResponse',
    'WsgiMiddlewareWithProcessRequest',
    'WsgiMiddlewareWithProcessResource',
    'WsgiMiddlewareWithProcessResponse',
    '_Unset',
]

set_home(__name__, globals(), [name for name in __all__ if not name.startswith('_')])
