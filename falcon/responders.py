"""The built-in responders at Falcon's ``falcon.responders`` path.

Rules: a face over ``falcon.core.routing._responders``; nothing is implemented here.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core.routing import _responders
from falcon.core.routing._responders import *  # noqa: F403

__all__ = list(_responders.__all__)

set_home(__name__, globals(), __all__)
