"""Inspect an app: routes, middleware, static routes, sinks and error handlers.

``inspect_app(app).to_string()`` describes a ``falcon.App`` or ``falcon.asgi.App`` as text;
the ``falcon-inspect-app`` command prints the same from the command line.
"""

from __future__ import annotations

from falcon.app import App
from falcon.core._home import set_home
from falcon.core._inspect import (
    AppInfo,
    ErrorHandlerInfo,
    InspectVisitor,
    MiddlewareClassInfo,
    MiddlewareInfo,
    MiddlewareMethodInfo,
    MiddlewareTreeInfo,
    MiddlewareTreeItemInfo,
    RouteInfo,
    RouteMethodInfo,
    SinkInfo,
    StaticRouteInfo,
    StringVisitor,
    _source_info,
    _source_info_and_name,
    inspect_app,
    inspect_compiled_router,
    inspect_error_handlers,
    inspect_middleware,
    inspect_routes,
    inspect_sinks,
    inspect_static_routes,
    register_router,
)

# Private helpers Falcon keeps here: the core's objects that play the same part.
from falcon.core._inspect import _filter_internal as _filter_internal
from falcon.core._inspect import _is_internal as _is_internal
from falcon.core._inspect import _supported_routers as _supported_routers
from falcon.core._inspect import _Traversable as _Traversable
from falcon.core.routing._compiled import CompiledRouter, CompiledRouterNode

_get_source_info = _source_info
_get_source_info_and_name = _source_info_and_name

__all__ = [
    'App',
    'AppInfo',
    'CompiledRouter',
    'CompiledRouterNode',
    'ErrorHandlerInfo',
    'InspectVisitor',
    'MiddlewareClassInfo',
    'MiddlewareInfo',
    'MiddlewareMethodInfo',
    'MiddlewareTreeInfo',
    'MiddlewareTreeItemInfo',
    'RouteInfo',
    'RouteMethodInfo',
    'SinkInfo',
    'StaticRouteInfo',
    'StringVisitor',
    'inspect_app',
    'inspect_compiled_router',
    'inspect_error_handlers',
    'inspect_middleware',
    'inspect_routes',
    'inspect_sinks',
    'inspect_static_routes',
    'register_router',
]

# The app and router classes re-exported here have their homes in falcon.app and
# falcon.routing.compiled.
set_home(
    __name__,
    globals(),
    [name for name in __all__ if name not in ('App', 'CompiledRouter', 'CompiledRouterNode')],
)
