"""ASGI specification constants at Falcon's ``falcon.asgi_spec`` path.

Rules: a face over ``falcon.core._asgi_spec``; nothing is implemented here.
"""

from __future__ import annotations

from falcon.core._asgi_spec import EventType, ScopeType, WSCloseCode
from falcon.core._home import set_home

__all__ = ['EventType', 'ScopeType', 'WSCloseCode']

set_home(__name__, globals(), ('EventType', 'ScopeType', 'WSCloseCode'))
