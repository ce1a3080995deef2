"""HTTPStatus: end a request early with a given status."""

from __future__ import annotations

# Falcon's module exposes this name too.
from typing import TYPE_CHECKING as TYPE_CHECKING

from falcon.core._home import set_home
from falcon.core._http_status import HTTPStatus
from falcon.core._status import http_status_to_code

__all__ = [
    'HTTPStatus',
    'http_status_to_code',
]

set_home(__name__, globals(), ('HTTPStatus',))
