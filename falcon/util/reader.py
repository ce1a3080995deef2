"""Buffered reading of a byte stream (``falcon.util.reader``)."""

from __future__ import annotations

from falcon.core._errors import DelimiterError
from falcon.core._home import set_home
from falcon.core._reader import DEFAULT_CHUNK_SIZE, BufferedReader

__all__ = ['DEFAULT_CHUNK_SIZE', 'BufferedReader', 'DelimiterError']

set_home(__name__, globals(), ('BufferedReader',))
