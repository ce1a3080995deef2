"""Multipart form parsing (``multipart/form-data``, RFC 7578 over RFC 2046).

Rules: the forms never parse bytes themselves; the sans-I/O ``MultipartParser`` does, and
raises ``MultipartParseError`` for malformed input or exceeded limits. Part headers are
decoded as UTF-8 (falling back to Latin-1, so decoding never fails); ``filename*`` follows
RFC 8187 (UTF-8 or ISO-8859-1).

Strategy: the form, part stream and body part classes are written once, as the async ones
(``falcon.core.media._multipart_async``); the sync ones (``falcon.core.media._multipart_sync``)
are generated from them by ``scripts/unasync.py``. What does not read the body (the parse
options, the part headers and the decoding) is ``falcon.core.media._multipart_base``. This
module gathers both kinds under the names the media handlers and the public modules import.
"""

from __future__ import annotations

from falcon.core.media._multipart_async import (
    AsyncBodyPart,
    AsyncBodyPartStream,
    AsyncMultipartForm,
)
from falcon.core.media._multipart_base import PartParseOptions
from falcon.core.media._multipart_sync import BodyPart, BodyPartStream, MultipartForm

__all__ = [
    'AsyncBodyPart',
    'AsyncBodyPartStream',
    'AsyncMultipartForm',
    'BodyPart',
    'BodyPartStream',
    'MultipartForm',
    'PartParseOptions',
]
