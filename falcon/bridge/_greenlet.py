"""``await_``: awaiting a coroutine from plain code, one call at a time.

Rules: ``await_(awaitable)`` works wherever the framework runs plain code:

* inside a function marked with :func:`on_event_loop` and called by ``falcon.asgi.App``: the
  function runs in a greenlet on the event loop thread, and ``await_`` switches to the loop
  to await (no thread, no blocking; the greenlet package is needed);
* inside a plain function that ``falcon.asgi.App`` runs on its thread pool: the awaitable is
  handed to the app's event loop and the worker thread waits for it;
* in a WSGI app, or any thread without a running loop: the awaitable runs on the process's
  event loop (see ``falcon.bridge._loop``), shared by every thread.

Called on an event loop thread outside those cases, it raises ``RuntimeError`` instead of
blocking the loop.

asyncio and the process's loop are imported by the first ``await_`` call that needs them,
not with this module.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from falcon.bridge._sync import run_awaitable, serving_loop

__all__ = ['await_', 'on_event_loop', 'run_in_greenlet']

_T = TypeVar('_T')
_F = TypeVar('_F', bound=Callable[..., Any])


def _bridge_greenlet_type() -> type[Any]:
    cached: type[Any] | None = globals().get('_BridgeGreenlet')
    if cached is not None:
        return cached
    # The optional greenlet package ships no type information; importing it by name keeps
    # it (and so a missing-stubs error) out of type checkers' view, here and in users' runs.
    try:
        base: type[Any] = importlib.import_module('greenlet').greenlet
    except ImportError as error:  # pragma: no cover - greenlet is a dev dependency
        raise RuntimeError(
            'on_event_loop needs the greenlet package: pip install "falcon[bridge]"'
        ) from error
    bridge = type(
        '_BridgeGreenlet',
        (base,),
        {'__doc__': 'A greenlet whose code may call await_().', '__module__': __name__},
    )
    globals()['_BridgeGreenlet'] = bridge
    return bridge


def await_(awaitable: Awaitable[_T]) -> _T:
    """Wait for ``awaitable`` from plain code and return its result (or raise its error).

    In a function marked with :func:`on_event_loop`, the greenlet hands the awaitable to the
    event loop it runs on; elsewhere this thread waits while the app's or the process's
    event loop runs it.

    Args:
        awaitable: A coroutine, task, future or other awaitable.

    Returns:
        What the awaitable returns.

    Raises:
        RuntimeError: Called on an event loop thread outside a function marked with
            :func:`on_event_loop`, where waiting would block the loop.
    """
    bridge = globals().get('_BridgeGreenlet')
    if bridge is not None:
        current = importlib.import_module('greenlet').getcurrent()
        if isinstance(current, bridge):
            result: _T = current.parent.switch(awaitable)
            return result
    import asyncio

    from falcon.bridge._loop import wait_for

    loop = serving_loop()
    if loop is not None and loop.is_running():
        return wait_for(loop, awaitable)
    if asyncio._get_running_loop() is not None:
        if asyncio.iscoroutine(awaitable):
            awaitable.close()
        raise RuntimeError(
            'await_() was called on the event loop thread from code that is not marked with '
            'falcon.bridge.on_event_loop; use "await" there, or mark the function'
        )
    return run_awaitable(awaitable)


async def run_in_greenlet(func: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
    """Run plain ``func`` in a greenlet on this event loop; its ``await_`` calls are awaited
    here."""
    child = _bridge_greenlet_type()(func)
    request = child.switch(*args, **kwargs)
    while not child.dead:
        try:
            value = await request
        except BaseException as error:
            request = child.throw(error)
        else:
            request = child.switch(value)
    result: _T = request
    return result


def on_event_loop(func: _F) -> _F:
    """Mark a plain responder, hook, middleware method or error handler to run on the
    event loop thread in a greenlet (``falcon.asgi.App``) instead of on the thread pool.

    Such a function must not block; it waits for async libraries with :func:`await_`.

    Args:
        func: The plain function to mark.

    Returns:
        ``func`` itself, marked.
    """
    func.__falcon_greenlet__ = True  # type: ignore[attr-defined]
    return func
