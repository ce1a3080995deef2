"""Static routes: serve the files of a directory under a URL prefix."""

from __future__ import annotations

from falcon.core.routing._static import StaticRoute as StaticRoute
from falcon.core.routing._static import StaticRouteAsync as StaticRouteAsync

__all__ = ['StaticRoute', 'StaticRouteAsync']
