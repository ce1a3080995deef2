"""How the lifecycle asks an adapter to call user code.

Rules: the core never calls a user function itself. The lifecycle is a generator that yields
a :data:`Call` (function, positional args, keyword args, kind) and receives the result (or has
the exception thrown into it). The kind, computed once per function, tells the adapter's
driver how to run it:

* ``INLINE``: framework code that never blocks; run it directly in both modes.
* ``SYNC``: a plain user function. WSGI calls it directly; ASGI runs it on a thread pool so
  the event loop never blocks.
* ``ASYNC``: a coroutine function. ASGI awaits it; WSGI runs it on an event loop owned by the
  worker thread.
* ``GREENLET``: a plain function marked ``falcon.bridge.on_event_loop``. ASGI runs it in a
  greenlet on the event loop thread (its ``await_`` calls are awaited there); WSGI calls it
  directly.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Generator, Mapping
from typing import Any

__all__ = [
    'ASYNC',
    'GREENLET',
    'INLINE',
    'NO_KWARGS',
    'SYNC',
    'Call',
    'CallPlan',
    'advance',
    'call_kind',
    'is_async_callable',
    'mark_builtin',
]

INLINE = 0
SYNC = 1
ASYNC = 2
GREENLET = 3

Call = tuple[Callable[..., Any], tuple[Any, ...], Mapping[str, Any], int]
CallPlan = Generator[Call, Any, Any]

NO_KWARGS: Mapping[str, Any] = {}


def is_async_callable(func: Any) -> bool:
    """Whether calling ``func`` returns an awaitable (coroutine functions, partials of them,
    and objects whose ``__call__`` is a coroutine function)."""
    while isinstance(func, functools.partial):
        func = func.func
    if inspect.iscoroutinefunction(func):
        return True
    if not inspect.isfunction(func) and not inspect.ismethod(func):
        call = type(func).__call__ if callable(func) else None
        return call is not None and inspect.iscoroutinefunction(call)
    return False


def mark_builtin(func: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a framework function so that adapters run it inline."""
    func.__falcon_builtin__ = True  # type: ignore[attr-defined]
    return func


def call_kind(func: Any) -> int:
    """The kind of ``func``: ``INLINE`` for marked framework code, else ``ASYNC`` or ``SYNC``."""
    if getattr(func, '__falcon_builtin__', False):
        return INLINE
    if getattr(func, '__falcon_greenlet__', False):
        return GREENLET
    return ASYNC if is_async_callable(func) else SYNC


def advance(plan: CallPlan, value: Any, error: BaseException | None) -> tuple[bool, Any]:
    """Resume ``plan`` with the outcome of its last call.

    Returns ``(False, next_call)`` while the plan has calls to make, and ``(True, result)``
    once it has finished. Drivers loop on this, so that only running a call differs
    between them.
    """
    try:
        call = plan.send(value) if error is None else plan.throw(error)
    except StopIteration as stop:
        return True, stop.value
    return False, call
