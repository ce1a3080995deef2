"""Inspect an app: routes, middleware, static routes, sinks and error handlers.

``inspect_app(app).to_string()`` describes a ``falcon.App`` or ``falcon.asgi.App`` as text;
the ``falcon-inspect-app`` command prints the same from the command line.
"""

from __future__ import annotations

from falcon.app import App as App
from falcon.core import _inspect, _inspect_visitors
from falcon.core._home import set_home
from falcon.core._inspect import *  # noqa: F403

# Private helpers Falcon keeps here: the core's objects that play the same part.
from falcon.core._inspect import _filter_internal as _filter_internal
from falcon.core._inspect import _is_internal as _is_internal
from falcon.core._inspect import _source_info, _source_info_and_name
from falcon.core._inspect import _supported_routers as _supported_routers
from falcon.core._inspect import _Traversable as _Traversable
from falcon.core._inspect_visitors import *  # noqa: F403
from falcon.core.routing._compiled import CompiledRouter as CompiledRouter
from falcon.core.routing._compiled import CompiledRouterNode as CompiledRouterNode

_get_source_info = _source_info
_get_source_info_and_name = _source_info_and_name

__all__ = sorted(
    ['App', 'CompiledRouter', 'CompiledRouterNode', *_inspect.__all__, *_inspect_visitors.__all__]
)

# The app and router classes re-exported here have their homes in falcon.app and
# falcon.routing.compiled.
set_home(__name__, globals(), [*_inspect.__all__, *_inspect_visitors.__all__])
