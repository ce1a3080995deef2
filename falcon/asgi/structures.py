"""Structures of ASGI apps (``falcon.asgi.structures``): the Server-Sent Event."""

from falcon.core._sse import SSEvent

__all__ = ['SSEvent']
