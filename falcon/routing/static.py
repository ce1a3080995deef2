"""Static routes: serve the files of a directory under a URL prefix."""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core.routing._static import StaticRoute as StaticRoute
from falcon.core.routing._static import StaticRouteAsync as StaticRouteAsync

# Private helpers Falcon keeps here: the core's objects that play the same part.
from falcon.core.routing._static import _BoundedFile as _BoundedFile
from falcon.core.routing._static import _is_not_modified as _is_not_modified
from falcon.core.routing._static import _open_file as _open_file

__all__ = ['StaticRoute', 'StaticRouteAsync']

set_home(__name__, globals(), ('StaticRoute', 'StaticRouteAsync'))
