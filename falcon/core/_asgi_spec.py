"""Names the ASGI specification defines: scope types, event types, WebSocket close codes.

Rules: string and integer constants only, spelled exactly as the ASGI 3 specification and
RFC 6455 spell them (and the 3xxx codes this framework uses). The adapters and the test
client compare against these instead of repeating literals.
"""

from __future__ import annotations

__all__ = ['EventType', 'ScopeType', 'WSCloseCode']


class ScopeType:
    """The ``type`` of an ASGI connection scope."""

    HTTP = 'http'
    WS = 'websocket'
    LIFESPAN = 'lifespan'


class EventType:
    """The ``type`` of ASGI events, received and sent."""

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
    """WebSocket close codes this framework sends (RFC 6455, section 7.4).

    ``NORMAL`` and ``SERVER_ERROR`` are standard codes; ``FORBIDDEN``, ``PATH_NOT_FOUND``
    and ``HANDLER_NOT_FOUND`` are the 3000 plus HTTP status codes sent when a connection is
    denied, no route matches, or the matched resource has no ``on_websocket`` responder.
    """

    NORMAL = 1000
    SERVER_ERROR = 1011
    FORBIDDEN = 3403
    PATH_NOT_FOUND = 3404
    HANDLER_NOT_FOUND = 3405
