"""How the lifecycles ask an adapter to call user code.

Rules: the core never calls a user function itself. The lifecycles (HTTP in
``falcon.core._lifecycle_async`` and its twin, WebSocket in ``falcon.core._ws``) hand every
call to a ``call(function, args, kwargs, kind)`` the adapter supplies. The kind, computed once
per function, tells the adapter how to run it:

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
from collections.abc import Callable, Mapping
from typing import Any

from falcon.core._awaitables import check_returned

__all__ = [
    'ASYNC',
    'GREENLET',
    'INLINE',
    'NO_KWARGS',
    'SYNC',
    'DIRECT_KINDS_async',
    'DIRECT_KINDS_sync',
    'call_kind',
    'is_async_callable',
    'mark_builtin',
    'settle_returned_async',
    'settle_returned_sync',
]

INLINE = 0
SYNC = 1
ASYNC = 2
GREENLET = 3

DIRECT_KINDS_async = frozenset((ASYNC,))
"""The kinds the asynchronous HTTP lifecycle awaits itself instead of through the adapter's
``call``: coroutine functions, whose result then only goes through ``settle_returned_async``."""
DIRECT_KINDS_sync = frozenset((INLINE, SYNC, GREENLET))
"""The kinds the synchronous twin calls itself: plain functions, which WSGI runs directly
anyway; an awaitable one returns then goes through ``settle_returned_sync``."""

NO_KWARGS: Mapping[str, Any] = {}


def _awaitable_of(value: Any) -> Any:
    return value


def settle_returned_async(
    func: Callable[..., Any], returned: Any, call: Callable[..., Any]
) -> None:
    """What an awaited coroutine function ``func`` returned, when not ``None``: an awaitable
    there is a forgotten ``await`` (:class:`ForgottenAwaitError`), anything else is ignored."""
    check_returned(func, returned)


def settle_returned_sync(
    func: Callable[..., Any], returned: Any, call: Callable[..., Any]
) -> None:
    """What a plain function ``func`` returned, when not ``None``: an awaitable (a plain
    function wrapping a coroutine function) is run to completion through the adapter's
    ``call``, as if ``func`` had been handed to it; anything else is ignored."""
    if hasattr(returned, '__await__'):
        call(_awaitable_of, (returned,), NO_KWARGS, SYNC)


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
