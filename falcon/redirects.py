"""HTTPStatus subclasses that redirect the client (301, 302, 303, 307, 308)."""

from __future__ import annotations

# Falcon's module exposes this name too.
from typing import TYPE_CHECKING as TYPE_CHECKING

from falcon.core._errors import (
    HTTPFound,
    HTTPMovedPermanently,
    HTTPPermanentRedirect,
    HTTPSeeOther,
    HTTPStatus,
    HTTPTemporaryRedirect,
)

__all__ = [
    'HTTPFound',
    'HTTPMovedPermanently',
    'HTTPPermanentRedirect',
    'HTTPSeeOther',
    'HTTPStatus',
    'HTTPTemporaryRedirect',
]
