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

    Sets its ``__module__``, and that of the methods written in a class's body (tools that
    name a method from its function read the function's). A top-level object known by
    another name in the core (the async ``BodyPart`` is ``AsyncBodyPart`` there) also takes
    ``name`` as its ``__name__`` and ``__qualname__``, so that ``module:qualname`` finds it.

    ``typing.get_type_hints()`` resolves a class's string annotations in the module its
    ``__module__`` names, where the names they use are not imported; so a class's own
    annotations are resolved first, where it is written, and kept as objects.
    """
    for name in names:
        obj = namespace[name]
        if isinstance(obj, type):
            _resolve_own_annotations(obj)
            _move_methods(obj, module_name, name)
        obj.__module__ = module_name
        if obj.__name__ != name and obj.__qualname__ == obj.__name__:
            obj.__name__ = obj.__qualname__ = name


def _move_methods(cls: type, module_name: str, name: str) -> None:
    prefix = f'{cls.__qualname__}.'
    for member in vars(cls).values():
        function = getattr(member, '__func__', member)
        if inspect.isfunction(function) and function.__qualname__.startswith(prefix):
            function.__module__ = module_name
            if cls.__qualname__ == cls.__name__:
                function.__qualname__ = f'{name}.{function.__qualname__[len(prefix) :]}'


def _resolve_own_annotations(cls: type) -> None:
    own = inspect.get_annotations(cls)
    if not own:
        return
    try:
        hints = typing.get_type_hints(cls, include_extras=True)
    except Exception:
        return  # a name that cannot be resolved: left as written
    cls.__annotations__ = {key: hints.get(key, value) for key, value in own.items()}
