"""The base class of HTTP errors."""

from __future__ import annotations

# Falcon's module exposes this name too.
from typing import TYPE_CHECKING as TYPE_CHECKING

from falcon.core._constants import MEDIA_JSON
from falcon.core._home import set_home
from falcon.core._http_error import HTTPError

__all__ = [
    'MEDIA_JSON',
    'HTTPError',
]

set_home(__name__, globals(), ('HTTPError',))
