"""Data structures: ``CaseInsensitiveDict``, ``Context`` and ``ETag``."""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core._structures import CaseInsensitiveDict, Context, ETag

__all__ = ['CaseInsensitiveDict', 'Context', 'ETag']

set_home(__name__, globals(), ('CaseInsensitiveDict', 'Context', 'ETag'))
