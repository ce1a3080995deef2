"""Falcon's module paths on public objects (``__module__``).

Rules: Falcon 4.4 defines each public class and function in one module (``falcon.errors``,
``falcon.app``, ``falcon.asgi.ws``...), and tools read that module back from ``__module__``:
APM agents and error trackers name transactions and error groups ``module:qualname``, pickle
finds a class through it, ``repr`` shows it. Ours are written in the core and the adapters, so
the module at Falcon's path (its "home") lists the objects it is the home of and calls
:func:`set_home` once, when it is imported. Each object has exactly one home, and the
package that re-exports it imports that module, so the name is set before the object is
used. Only ``__module__`` changes (and the name, where Falcon's differs); the object is the
one the core uses.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ['set_home']


def set_home(module_name: str, namespace: Mapping[str, Any], names: Iterable[str]) -> None:
    """Make ``module_name`` the home of each class or function ``namespace[name]``.

    Sets its ``__module__``; a top-level object known by another name in the core (the
    async ``BodyPart`` is ``AsyncBodyPart`` there) also takes ``name`` as its ``__name__``
    and ``__qualname__``, so that ``module:qualname`` finds it again.

    ``typing.get_type_hints()`` resolves a class's string annotations in the module its
    ``__module__`` names, where the names they use are not imported; so a class's own
    annotations are resolved first, where it is written, and kept as objects.
    """
    for name in names:
        obj = namespace[name]
        if isinstance(obj, type):
            _resolve_own_annotations(obj)
        obj.__module__ = module_name
        if obj.__name__ != name and obj.__qualname__ == obj.__name__:
            obj.__name__ = obj.__qualname__ = name


def _resolve_own_annotations(cls: type) -> None:
    own = inspect.get_annotations(cls)
    if not own:
        return
    try:
        hints = typing.get_type_hints(cls, include_extras=True)
    except Exception:
        return  # a name that cannot be resolved: left as written
    cls.__annotations__ = {key: hints.get(key, value) for key, value in own.items()}
