"""The default router, which compiles its route tree into a lookup function."""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core._misc import is_python_func as is_python_func
from falcon.core.routing import _compiled
from falcon.core.routing._compiled import *  # noqa: F403
from falcon.core.routing._template import FIELD_PATTERN as _FIELD_PATTERN  # noqa: F401
from falcon.core.routing._util import map_http_methods as map_http_methods
from falcon.core.routing._util import set_default_responders as set_default_responders

__all__ = sorted(
    [*_compiled.__all__, 'is_python_func', 'map_http_methods', 'set_default_responders']
)

set_home(__name__, globals(), _compiled.__all__)
