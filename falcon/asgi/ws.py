"""WebSocket support of ASGI apps (``falcon.asgi.ws``)."""

from falcon.asgi._ws import WebSocket
from falcon.core._ws import WebSocketOptions, http_status_to_ws_code

__all__ = ['WebSocket', 'WebSocketOptions', 'http_status_to_ws_code']
