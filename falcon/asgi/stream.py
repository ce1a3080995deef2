"""The ASGI request body stream (``falcon.asgi.stream``)."""

from falcon.asgi._stream import BoundedStream
from falcon.core._home import set_home

__all__ = ['BoundedStream']

set_home(__name__, globals(), ('BoundedStream',))
