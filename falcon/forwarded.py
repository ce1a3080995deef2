"""The Forwarded header (RFC 7239): the ``Forwarded`` element type."""

from __future__ import annotations

# Private parsing pieces Falcon keeps here: the core's objects that play the same part.
from falcon.core._forwarded import _QUOTED_STRING as _QUOTED_STRING
from falcon.core._forwarded import _TOKEN as _TOKEN
from falcon.core._forwarded import Forwarded, parse_forwarded_header
from falcon.core._home import set_home
from falcon.core._uri import unquote_string

_parse_forwarded_header = parse_forwarded_header

__all__ = ['Forwarded', 'unquote_string']

set_home(__name__, globals(), ('Forwarded',))
