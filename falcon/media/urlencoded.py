"""The URL-encoded form handler at Falcon's ``falcon.media.urlencoded`` path.

Rules: a face over ``falcon.core.media._urlencoded``; nothing is implemented here.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core.media._urlencoded import URLEncodedFormHandler

__all__ = ['URLEncodedFormHandler']

set_home(__name__, globals(), ('URLEncodedFormHandler',))
