"""Routing: the default compiled router, field converters and static routes."""

from __future__ import annotations

from falcon.core.routing._compiled import CompiledRouter as CompiledRouter
from falcon.core.routing._compiled import CompiledRouter as DefaultRouter
from falcon.core.routing._compiled import CompiledRouterOptions as CompiledRouterOptions
from falcon.core.routing._converters import BaseConverter as BaseConverter
from falcon.core.routing._converters import DateTimeConverter as DateTimeConverter
from falcon.core.routing._converters import FloatConverter as FloatConverter
from falcon.core.routing._converters import IntConverter as IntConverter
from falcon.core.routing._converters import PathConverter as PathConverter
from falcon.core.routing._converters import RegexConverter as RegexConverter
from falcon.core.routing._converters import UUIDConverter as UUIDConverter
from falcon.core.routing._static import StaticRoute as StaticRoute
from falcon.core.routing._static import StaticRouteAsync as StaticRouteAsync
from falcon.core.routing._util import map_http_methods as map_http_methods
from falcon.core.routing._util import set_default_responders as set_default_responders

# As in Falcon, the submodules are attributes of the package once it is imported.
from falcon.routing import compiled as compiled
from falcon.routing import converters as converters
from falcon.routing import static as static
from falcon.routing import util as util

__all__ = [
    'BaseConverter',
    'CompiledRouter',
    'CompiledRouterOptions',
    'DateTimeConverter',
    'DefaultRouter',
    'FloatConverter',
    'IntConverter',
    'PathConverter',
    'RegexConverter',
    'StaticRoute',
    'StaticRouteAsync',
    'UUIDConverter',
    'map_http_methods',
    'set_default_responders',
]
