"""The ASGI response (``falcon.asgi.response``)."""

from falcon.asgi._response import Response

__all__ = ['Response']
