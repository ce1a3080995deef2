"""The ASGI request (``falcon.asgi.request``)."""

from falcon.asgi._request import Request

__all__ = ['Request']
