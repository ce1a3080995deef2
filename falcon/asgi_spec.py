"""ASGI specification constants at Falcon's ``falcon.asgi_spec`` path.

Rules: a face over ``falcon.core._asgi_spec``; nothing is implemented here.
"""

from __future__ import annotations

from falcon.core._asgi_spec import EventType, ScopeType, WSCloseCode

__all__ = ['EventType', 'ScopeType', 'WSCloseCode']
