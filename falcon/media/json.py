"""JSON media handlers at Falcon's ``falcon.media.json`` path.

Rules: a face over ``falcon.core.media``; nothing is implemented here.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core.media._json import JSONHandler
from falcon.core.media._ws import JSONHandlerWS

__all__ = ['JSONHandler', 'JSONHandlerWS']

set_home(__name__, globals(), ('JSONHandler', 'JSONHandlerWS'))
