"""Media type helpers: header parameter parsing and Accept-header negotiation."""

from __future__ import annotations

from falcon.core._mediatypes import best_match, parse_header, quality

__all__ = ['best_match', 'parse_header', 'quality']
