"""Patch points: functions that integrations replace at Falcon's public import paths.

Rules: APM agents and error trackers wrap framework functions by their public path (New
Relic wraps ``falcon.routing.util.map_http_methods``, Sentry replaces
``falcon.app_helpers.prepare_middleware``). The core never imports those modules (they
import the core), so where such a function is called, :func:`resolve` looks the name up in
the already-imported public modules and takes a replacement if one was installed. A module
that was never imported cannot have been patched. Lookups happen at setup time
(``add_route``, ``add_middleware``), never per request.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ['resolve']

_F = TypeVar('_F', bound=Callable[..., Any])


def resolve(default: _F, *modules: str) -> _F:
    """The function to call in place of ``default``.

    Returns the first attribute of the same name in ``modules`` (public module paths,
    looked up in ``sys.modules``) that is not ``default`` itself, else ``default``.
    """
    loaded = sys.modules
    name = default.__name__
    for module_name in modules:
        module = loaded.get(module_name)
        if module is not None:
            found = getattr(module, name, default)
            if found is not default:
                return found
    return default
