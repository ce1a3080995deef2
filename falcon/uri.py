"""URI utilities: percent-encoding and decoding, query strings and Host values."""

from __future__ import annotations

from falcon.core._uri import *  # noqa: F403
from falcon.util import uri as _util_uri

# The same list as ``falcon.util.uri``, the home of these functions.
__all__ = list(_util_uri.__all__)
