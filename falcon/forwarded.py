"""The Forwarded header (RFC 7239): the ``Forwarded`` element type."""

from __future__ import annotations

from falcon.core._forwarded import Forwarded
from falcon.core._uri import unquote_string

__all__ = ['Forwarded', 'unquote_string']
