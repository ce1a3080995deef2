"""The C constructor of ``falcon.core._fast_init`` for a class whose ``__init__`` only stores
its parameters and fixed starting values (the responses).

Rules: ``__init__`` stays the reference and what the C constructor does is read off it, never
written down twice. :func:`install_fast_constructor` runs ``__init__`` twice on bare
instances with a distinct probe object for each parameter and compares the slots: a slot
holding the parameter's probe stores that parameter, one holding the same immutable value
both times starts with that constant, one holding a new empty dict each time starts with a
new empty dict. Anything else (a slot left unset by one run only, a shared or non-empty
container, a probe in a slot of another name, a parameter stored nowhere, ``*args``,
keyword-only parameters) leaves the class without the C constructor. The constructor is
installed as strict: a call that omits a parameter or passes None for one runs ``__init__``,
which may put a default of its own there.
"""

from __future__ import annotations

import inspect
from typing import Any

__all__ = ['ABSENT', 'install_fast_constructor', 'read_slots']

_IMMUTABLE = (type(None), bool, int, float, str, bytes)

ABSENT = object()
"""What :func:`read_slots` gives for a slot that holds nothing."""


class _Probe:
    """A parameter value no ``__init__`` mistakes for anything it knows."""

    __slots__ = ()


def read_slots(cls: type, instance: Any) -> dict[str, Any]:
    """The value of every slot ``cls`` and its bases declare, read in ``instance`` through
    the slot's own descriptor (a property of the same name in a subclass does not hide it),
    or :data:`ABSENT`."""
    values: dict[str, Any] = {}
    for klass in cls.__mro__:
        declared = klass.__dict__.get('__slots__', ())
        for name in (declared,) if isinstance(declared, str) else declared:
            if name in ('__dict__', '__weakref__') or name in values:
                continue
            try:
                values[name] = klass.__dict__[name].__get__(instance, cls)
            except AttributeError:
                values[name] = ABSENT
    return values


def _slot_values(cls: type, params: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
    probes = {name: _Probe() for name in params}
    instance: Any = object.__new__(cls)
    cls.__init__(instance, *probes.values())  # type: ignore[misc]
    return read_slots(cls, instance), probes


def _plan(cls: type) -> tuple[tuple[str, ...], dict[str, Any], tuple[str, ...]] | None:
    """What ``cls.__init__`` stores: (parameters, constants, new-dict slots), or None."""
    init = cls.__init__  # type: ignore[misc]
    code = getattr(init, '__code__', None)
    if (
        code is None
        or code.co_kwonlyargcount
        or code.co_flags & (inspect.CO_VARARGS | inspect.CO_VARKEYWORDS)
    ):
        return None
    params = code.co_varnames[1 : code.co_argcount]
    first, first_probes = _slot_values(cls, params)
    second, second_probes = _slot_values(cls, params)
    constants: dict[str, Any] = {}
    dict_names: list[str] = []
    stored: set[str] = set()
    for name, value in first.items():
        again = second[name]
        if value is ABSENT and again is ABSENT:
            continue
        if type(value) is _Probe:
            if name not in params or value is not first_probes[name]:
                return None
            if again is not second_probes[name]:
                return None
            stored.add(name)
        elif type(value) in _IMMUTABLE and type(again) is type(value) and again == value:
            constants[name] = value
        elif type(value) is dict and type(again) is dict and not value and not again:
            if value is again:
                return None
            dict_names.append(name)
        else:
            return None
    if stored != set(params):
        return None
    return params, constants, tuple(dict_names)


def install_fast_constructor(cls: type) -> bool:
    """Give ``cls`` the C constructor where the extension was built and ``__init__`` allows it.

    Returns:
        Whether calls of ``cls`` now take the C constructor.
    """
    try:
        from falcon.core import _fast_init
    except ImportError:
        return False
    plan = _plan(cls)
    if plan is None:
        return False
    params, constants, dict_names = plan
    _fast_init.install(cls, params, constants, dict_names, True)
    return True
