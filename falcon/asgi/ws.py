"""WebSocket support of ASGI apps (``falcon.asgi.ws``)."""

from falcon.asgi._ws import WebSocket
from falcon.core._home import set_home
from falcon.core._ws import WebSocketOptions, http_status_to_ws_code

__all__ = ['WebSocket', 'WebSocketOptions', 'http_status_to_ws_code']

set_home(__name__, globals(), ('WebSocket', 'WebSocketOptions', 'http_status_to_ws_code'))
