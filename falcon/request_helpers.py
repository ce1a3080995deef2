"""Request parsing helpers at Falcon's ``falcon.request_helpers`` path.

Rules: a face over the core; nothing is implemented here. Falcon keeps only private names
in this module; those with a counterpart in the core are provided under Falcon's names.
"""

from __future__ import annotations

from falcon.core._cookies import parse_cookie_header as _parse_cookie_header
from falcon.core._header_props import request_header_property as _header_property
from falcon.core._headers import parse_etags as _parse_etags

__all__ = ['_header_property', '_parse_cookie_header', '_parse_etags']
