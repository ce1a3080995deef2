"""HTTPStatus subclasses that redirect the client (301, 302, 303, 307, 308)."""

from __future__ import annotations

# Falcon's module exposes this name too.
from typing import TYPE_CHECKING as TYPE_CHECKING

from falcon.core import _http_status
from falcon.core._home import set_home
from falcon.core._http_status import *  # noqa: F403

__all__ = list(_http_status.__all__)

set_home(__name__, globals(), [name for name in __all__ if name != 'HTTPStatus'])
