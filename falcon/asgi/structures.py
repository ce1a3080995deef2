"""Structures of ASGI apps (``falcon.asgi.structures``): the Server-Sent Event."""

from falcon.core._home import set_home
from falcon.core._sse import SSEvent

__all__ = ['SSEvent']

set_home(__name__, globals(), ('SSEvent',))
