"""The ASGI response (``falcon.asgi.response``)."""

from falcon.asgi._response import Response
from falcon.core._home import set_home

__all__ = ['Response']

set_home(__name__, globals(), ('Response',))
