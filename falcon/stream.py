"""The bounded WSGI input stream (``falcon.stream``)."""

from falcon.wsgi._stream import Body, BoundedStream

__all__ = ['Body', 'BoundedStream']
