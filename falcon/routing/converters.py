"""Field converters for URI template fields such as ``{id:int}``."""

from __future__ import annotations

from falcon.core._dates import strptime as strptime
from falcon.core._home import set_home
from falcon.core.routing import _converters
from falcon.core.routing._converters import *  # noqa: F403

BUILTIN = BUILTIN_CONVERTERS  # noqa: F405
"""``(identifier, converter class)`` pairs of the converters every router knows."""

# The converter classes; the core's table of them is ``BUILTIN`` here.
__all__ = [name for name in _converters.__all__ if name != 'BUILTIN_CONVERTERS']

set_home(__name__, globals(), __all__)
