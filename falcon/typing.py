"""Type aliases and protocols for annotating Falcon apps (``falcon.typing``)."""

from __future__ import annotations

from falcon.core import _typing
from falcon.core._home import set_home
from falcon.core._typing import *  # noqa: F403

__all__ = list(_typing.__all__)

set_home(__name__, globals(), ('AsyncReadableIO', 'ReadableIO'))
