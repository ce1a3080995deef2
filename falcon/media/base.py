"""Media handler base classes at Falcon's ``falcon.media.base`` path.

Rules: a face over ``falcon.core.media._base``; nothing is implemented here.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core.media._base import BaseHandler, BinaryBaseHandlerWS, TextBaseHandlerWS

__all__ = ['BaseHandler', 'BinaryBaseHandlerWS', 'TextBaseHandlerWS']

set_home(__name__, globals(), ('BaseHandler', 'BinaryBaseHandlerWS', 'TextBaseHandlerWS'))
