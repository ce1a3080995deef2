"""The ASGI request (``falcon.asgi.request``)."""

from falcon.asgi._request import Request
from falcon.core._home import set_home

__all__ = ['Request']

set_home(__name__, globals(), ('Request',))
