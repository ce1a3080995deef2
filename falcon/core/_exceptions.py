"""The framework's exceptions that are not HTTP responses.

Rules: plain exception classes, raised for misuse of an API (wrong app kind, wrong payload
type, an operation in the wrong state), unparsable media types and closed WebSocket
connections. They carry no response data; the app reports them as any other exception.
"""

from __future__ import annotations

__all__ = [
    'CompatibilityError',
    'DelimiterError',
    'HeaderNotSupported',
    'InvalidMediaRange',
    'InvalidMediaType',
    'OperationNotAllowed',
    'PayloadTypeError',
    'UnsupportedError',
    'UnsupportedScopeError',
    'WebSocketDisconnected',
    'WebSocketHandlerNotFound',
    'WebSocketPathNotFound',
    'WebSocketServerError',
]


class CompatibilityError(ValueError):
    """An app, resource or component was used in a way this kind of app does not support.

    For example, mixing pieces that only work with another app type.
    """


class HeaderNotSupported(ValueError):
    """The header cannot be set or read this way (e.g. ``Set-Cookie`` via ``set_header``)."""


class UnsupportedError(RuntimeError):
    """The server or the environment does not support the requested operation."""


class UnsupportedScopeError(RuntimeError):
    """The ASGI scope type or version is not supported."""


class OperationNotAllowed(ValueError):
    """The operation is not allowed in the object's current state."""


class PayloadTypeError(TypeError):
    """A WebSocket message payload has the wrong type (text where bytes are due, or the
    reverse)."""


class DelimiterError(OSError):
    """A stream ended before the expected delimiter was found."""


class InvalidMediaType(ValueError):
    """A media type string (e.g. a ``Content-Type`` value) could not be parsed."""


class InvalidMediaRange(InvalidMediaType):
    """A media range (e.g. in an ``Accept`` header) could not be parsed."""


class WebSocketDisconnected(ConnectionError):
    """The WebSocket connection was closed, or is no longer open.

    Args:
        code: The WebSocket close code; defaults to 1000 (normal closure).

    Attributes:
        code: The close code.
    """

    code: int

    def __init__(self, code: int | None = None) -> None:
        self.code = code or 1000
        super().__init__(self.code)


class WebSocketPathNotFound(WebSocketDisconnected):
    """No route matches the path of a WebSocket connection."""


class WebSocketHandlerNotFound(WebSocketDisconnected):
    """The routed resource has no ``on_websocket`` responder."""


class WebSocketServerError(WebSocketDisconnected):
    """An unhandled error occurred while serving a WebSocket connection."""
