"""The bounded WSGI input stream (``falcon.stream``)."""

from falcon.core._home import set_home
from falcon.wsgi._stream import Body, BoundedStream

__all__ = ['Body', 'BoundedStream']

set_home(__name__, globals(), ('BoundedStream',))
