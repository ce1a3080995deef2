"""Constants of the ASGI specification (``falcon.asgi_spec``), from the core."""

from falcon.core._asgi_spec import EventType, ScopeType, WSCloseCode

__all__ = ['EventType', 'ScopeType', 'WSCloseCode']
