"""Field converters for URI template fields such as ``{id:int}``."""

from __future__ import annotations

from falcon.core._dates import strptime as strptime
from falcon.core._home import set_home
from falcon.core.routing._converters import BUILTIN_CONVERTERS
from falcon.core.routing._converters import BaseConverter as BaseConverter
from falcon.core.routing._converters import DateTimeConverter as DateTimeConverter
from falcon.core.routing._converters import FloatConverter as FloatConverter
from falcon.core.routing._converters import IntConverter as IntConverter
from falcon.core.routing._converters import PathConverter as PathConverter
from falcon.core.routing._converters import RegexConverter as RegexConverter
from falcon.core.routing._converters import UUIDConverter as UUIDConverter

BUILTIN = BUILTIN_CONVERTERS
"""``(identifier, converter class)`` pairs of the converters every router knows."""

__all__ = [
    'BaseConverter',
    'DateTimeConverter',
    'FloatConverter',
    'IntConverter',
    'PathConverter',
    'RegexConverter',
    'UUIDConverter',
]

set_home(
    __name__,
    globals(),
    (
        'BaseConverter',
        'DateTimeConverter',
        'FloatConverter',
        'IntConverter',
        'PathConverter',
        'RegexConverter',
        'UUIDConverter',
    ),
)
