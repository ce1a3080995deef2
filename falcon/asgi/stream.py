"""The ASGI request body stream (``falcon.asgi.stream``)."""

from falcon.asgi._stream import BoundedStream

__all__ = ['BoundedStream']
