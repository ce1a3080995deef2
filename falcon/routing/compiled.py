"""The default router, which compiles its route tree into a lookup function."""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core._misc import is_python_func as is_python_func
from falcon.core.routing._compiled import CompiledRouter as CompiledRouter
from falcon.core.routing._compiled import CompiledRouterNode as CompiledRouterNode
from falcon.core.routing._compiled import CompiledRouterOptions as CompiledRouterOptions
from falcon.core.routing._compiled import ConverterDict as ConverterDict
from falcon.core.routing._template import FIELD_PATTERN as _FIELD_PATTERN  # noqa: F401
from falcon.core.routing._template import UnacceptableRouteError as UnacceptableRouteError
from falcon.core.routing._util import map_http_methods as map_http_methods
from falcon.core.routing._util import set_default_responders as set_default_responders

__all__ = [
    'CompiledRouter',
    'CompiledRouterNode',
    'CompiledRouterOptions',
    'ConverterDict',
    'UnacceptableRouteError',
    'is_python_func',
    'map_http_methods',
    'set_default_responders',
]

set_home(
    __name__,
    globals(),
    (
        'CompiledRouter',
        'CompiledRouterNode',
        'CompiledRouterOptions',
        'ConverterDict',
        'UnacceptableRouteError',
    ),
)
