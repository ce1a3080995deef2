"""Names the ASGI specification gives to scope types, event types and close codes.

Rules: constants only (plain ``str``/``int`` class attributes), so comparing with what a
server sends needs no conversion; the values are the specification's, the close codes in
the 3xxx range are the framework's own (``3000`` plus an HTTP status).
"""

from __future__ import annotations

__all__ = ['EventType', 'ScopeType', 'WSCloseCode']


class ScopeType:
    """The ``type`` of an ASGI connection scope."""

    HTTP = 'http'
    WS = 'websocket'
    LIFESPAN = 'lifespan'


class EventType:
    """The ``type`` of the events an ASGI app receives and sends."""

    HTTP_REQUEST = 'http.request'
    HTTP_RESPONSE_START = 'http.response.start'
    HTTP_RESPONSE_BODY = 'http.response.body'
    HTTP_DISCONNECT = 'http.disconnect'

    LIFESPAN_STARTUP = 'lifespan.startup'
    LIFESPAN_STARTUP_COMPLETE = 'lifespan.startup.complete'
    LIFESPAN_STARTUP_FAILED = 'lifespan.startup.failed'
    LIFESPAN_SHUTDOWN = 'lifespan.shutdown'
    LIFESPAN_SHUTDOWN_COMPLETE = 'lifespan.shutdown.complete'
    LIFESPAN_SHUTDOWN_FAILED = 'lifespan.shutdown.failed'

    WS_CONNECT = 'websocket.connect'
    WS_ACCEPT = 'websocket.accept'
    WS_RECEIVE = 'websocket.receive'
    WS_SEND = 'websocket.send'
    WS_DISCONNECT = 'websocket.disconnect'
    WS_CLOSE = 'websocket.close'


class WSCloseCode:
    """WebSocket close codes the framework uses (RFC 6455, section 7.4)."""

    NORMAL = 1000
    SERVER_ERROR = 1011
    FORBIDDEN = 3403
    PATH_NOT_FOUND = 3404
    HANDLER_NOT_FOUND = 3405
