"""Time zone helpers: ``TimezoneGMT``."""

from __future__ import annotations

from falcon.core._structures import TimezoneGMT

__all__ = ['TimezoneGMT']
