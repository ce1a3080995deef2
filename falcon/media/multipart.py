"""Multipart form support: ``multipart/form-data`` forms and their body parts."""

from __future__ import annotations

from falcon.core._errors import MultipartParseError
from falcon.core._home import set_home
from falcon.core.media._handlers import MultipartFormHandler, MultipartParseOptions
from falcon.core.media._multipart import BodyPart, MultipartForm

__all__ = [
    'BodyPart',
    'MultipartForm',
    'MultipartFormHandler',
    'MultipartParseError',
    'MultipartParseOptions',
]

set_home(
    __name__,
    globals(),
    (
        'BodyPart',
        'MultipartForm',
        'MultipartFormHandler',
        'MultipartParseOptions',
    ),
)
