"""Time zone helpers: ``TimezoneGMT``."""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core._structures import TimezoneGMT

__all__ = ['TimezoneGMT']

set_home(__name__, globals(), ('TimezoneGMT',))
