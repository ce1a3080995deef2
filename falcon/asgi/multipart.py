"""Multipart forms of the ASGI app: ``async for part in form`` and awaitable parts."""

from __future__ import annotations

from falcon.asgi._reader import BufferedReader
from falcon.core._errors import DelimiterError, MultipartParseError
from falcon.core._home import set_home
from falcon.core._mediatypes import parse_header
from falcon.core.media._base import AsyncReadableIO
from falcon.core.media._multipart import AsyncBodyPart as BodyPart
from falcon.core.media._multipart import AsyncMultipartForm as MultipartForm

__all__ = [
    'AsyncReadableIO',
    'BodyPart',
    'BufferedReader',
    'DelimiterError',
    'MultipartForm',
    'MultipartParseError',
    'parse_header',
]

set_home(__name__, globals(), ('BodyPart', 'MultipartForm'))
