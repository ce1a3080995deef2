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
from falcon.core._home import set_home

__all__ = [
    'HTTPFound',
    'HTTPMovedPermanently',
    'HTTPPermanentRedirect',
    'HTTPSeeOther',
    'HTTPStatus',
    'HTTPTemporaryRedirect',
]

set_home(
    __name__,
    globals(),
    (
        'HTTPFound',
        'HTTPMovedPermanently',
        'HTTPPermanentRedirect',
        'HTTPSeeOther',
        'HTTPTemporaryRedirect',
    ),
)
