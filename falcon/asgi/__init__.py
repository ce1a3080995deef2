"""The ASGI side of falcon: ``falcon.asgi.App`` and its request, response and streams.

Rules: translate only. The scope becomes the core request's primitives; the core's response
head becomes ASGI events. WebSocket and Server-Sent Events live here because only ASGI
carries them natively.
"""

from falcon.asgi._app import App
from falcon.asgi._request import Request
from falcon.asgi._response import Response
from falcon.asgi._stream import BoundedStream
from falcon.asgi._ws import WebSocket
from falcon.core._sse import SSEvent
from falcon.core._ws import WebSocketOptions

__all__ = [
    'App',
    'BoundedStream',
    'Request',
    'Response',
    'SSEvent',
    'WebSocket',
    'WebSocketOptions',
]
