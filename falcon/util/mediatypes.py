"""Media type helpers: header parameter parsing and Accept-header negotiation."""

from __future__ import annotations

# Private parsing helpers Falcon keeps here: the core's objects that play the same part.
from falcon.core._home import set_home
from falcon.core._mediatypes import _MediaRange as _MediaRange
from falcon.core._mediatypes import _MediaType as _MediaType
from falcon.core._mediatypes import _parse_media_range as _parse_media_range
from falcon.core._mediatypes import _parse_media_ranges as _parse_media_ranges
from falcon.core._mediatypes import _parse_media_type as _parse_media_type
from falcon.core._mediatypes import best_match, parse_header, quality

__all__ = ['best_match', 'parse_header', 'quality']

set_home(__name__, globals(), ('best_match', 'parse_header', 'quality'))
