"""Data structures: ``CaseInsensitiveDict``, ``Context`` and ``ETag``."""

from __future__ import annotations

from falcon.core._structures import CaseInsensitiveDict, Context, ETag

__all__ = ['CaseInsensitiveDict', 'Context', 'ETag']
