"""Running coroutines from plain code and plain code from coroutines.

Rules: a plain thread runs coroutines on the process's event loop (``falcon.bridge._loop``),
shared by every thread, or, while it runs a call for an ASGI app's event loop, on that loop;
either way it waits for the outcome. A coroutine running on the process's loop cannot wait for
that same loop: it gets a ``RuntimeError`` naming the fix. Plain functions called from
coroutines run on the loop's default executor with the caller's context variables.

``import falcon`` imports this module for the names it re-exports, so importing it loads
neither asyncio nor the process's loop: the first call that needs them imports them, and a
WSGI app whose code is all plain never pays for them.
"""

from __future__ import annotations

import contextvars
import functools
import threading
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

__all__ = [
    'ASYNCIO_ALIASES',
    'async_to_sync',
    'asyncio_alias',
    'run_awaitable',
    'run_in_thread',
    'runs_sync',
    'serving_loop',
    'sync_to_async',
    'value_or_awaitable',
    'wrap_sync_to_async',
    'wrap_sync_to_async_unsafe',
]

Result = TypeVar('Result')

_local = threading.local()
_helper_lock = threading.Lock()
_single_thread: ThreadPoolExecutor | None = None

_ON_LOOP_MESSAGE = (
    'a coroutine running on the event loop that falcon runs coroutines of plain code on '
    'cannot wait for that loop (it would wait for itself forever): "await" the awaitable '
    'instead, or move the plain code that waits off the loop with '
    '"await falcon.util.sync_to_async(func, ...)"'
)


ASYNCIO_ALIASES = frozenset({'create_task', 'get_running_loop'})
"""Names that ``falcon``, ``falcon.util`` and ``falcon.util.sync`` re-export from asyncio."""


def asyncio_alias(module_name: str, name: str) -> Any:
    """Resolve ``name`` on ``module_name`` (a module's ``__getattr__``): asyncio's function
    for the names in :data:`ASYNCIO_ALIASES`, imported on first access; ``AttributeError``
    for any other name."""
    if name not in ASYNCIO_ALIASES:
        raise AttributeError(f'module {module_name!r} has no attribute {name!r}')
    import asyncio

    return getattr(asyncio, name)


def run_awaitable(awaitable: Awaitable[Result]) -> Result:
    """Run ``awaitable`` to completion from plain code and return its result.

    It runs on the event loop of the ASGI app this thread serves a call for, if any, and on
    the process's event loop otherwise; this thread waits. From a thread running another
    event loop, that loop waits too.

    Args:
        awaitable: A coroutine, task, future or other awaitable.

    Returns:
        What the awaitable returns; an exception it raises propagates.

    Raises:
        RuntimeError: Called on the thread of the process's event loop, which would wait
            for itself.
    """
    import asyncio

    from falcon.bridge._loop import ProcessLoopClosed, process_loop, run_here, wait_for

    serving = getattr(_local, 'serving', None)
    if serving is not None and serving.is_running() and asyncio._get_running_loop() is None:
        return wait_for(serving, awaitable)
    try:
        loop = process_loop()
    except ProcessLoopClosed:
        # An exit handler running after the loop was closed: no thread can start any more.
        return run_here(awaitable)
    if asyncio._get_running_loop() is loop:
        if asyncio.iscoroutine(awaitable):
            awaitable.close()
        raise RuntimeError(_ON_LOOP_MESSAGE)
    return wait_for(loop, awaitable)


def async_to_sync(
    coroutine: Callable[..., Awaitable[Result]], *args: Any, **kwargs: Any
) -> Result:
    """Call the coroutine function ``coroutine(*args, **kwargs)`` and wait for its result.

    Args:
        coroutine: A coroutine function.
        *args: Its positional arguments.
        **kwargs: Its keyword arguments.

    Returns:
        The coroutine's result (see :func:`run_awaitable` for where it runs).
    """
    return run_awaitable(coroutine(*args, **kwargs))


def runs_sync(coroutine: Callable[..., Awaitable[Result]]) -> Callable[..., Result]:
    """Decorate a coroutine function so that calling it runs it to completion.

    Args:
        coroutine: A coroutine function.

    Returns:
        A plain function with the same arguments that returns the coroutine's result.
    """

    @functools.wraps(coroutine)
    def invoke(*args: Any, **kwargs: Any) -> Result:
        return async_to_sync(coroutine, *args, **kwargs)

    return invoke


def _serve(
    loop: asyncio.AbstractEventLoop, func: Callable[..., Result], *args: Any, **kwargs: Any
) -> Result:
    previous = getattr(_local, 'serving', None)
    _local.serving = loop
    try:
        return func(*args, **kwargs)
    finally:
        _local.serving = previous


def serving_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop this worker thread is running a call for, if any."""
    return getattr(_local, 'serving', None)


async def run_in_thread(func: Callable[..., Result], *args: Any, **kwargs: Any) -> Result:
    """Run ``func`` on the loop's default executor, carrying context variables along.

    While it runs, :func:`serving_loop` in that thread names the calling loop, so the
    function can hand awaitables back to it (``falcon.bridge.await_``).
    """
    import asyncio

    loop = asyncio.get_running_loop()
    context = contextvars.copy_context()
    call = functools.partial(context.run, _serve, loop, func, *args, **kwargs)
    return await loop.run_in_executor(None, call)


async def sync_to_async(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run the plain function ``func(*args, **kwargs)`` on the thread pool and await it.

    Args:
        func: A plain (possibly blocking) function.
        *args: Its positional arguments.
        **kwargs: Its keyword arguments.

    Returns:
        What ``func`` returns; an exception it raises propagates.
    """
    return await run_in_thread(func, *args, **kwargs)


def wrap_sync_to_async(
    func: Callable[..., Any], threadsafe: bool | None = None
) -> Callable[..., Coroutine[Any, Any, Any]]:
    """Wrap a plain function as a coroutine function that runs it off the event loop.

    Args:
        func: The function.
        threadsafe: ``False`` runs every call on one shared thread, for functions that are
            not safe to run concurrently; otherwise the default thread pool is used.

    Returns:
        A coroutine function with the same arguments as ``func``.
    """
    if threadsafe is False:

        @functools.wraps(func)
        async def serialized(*args: Any, **kwargs: Any) -> Any:
            import asyncio
            from concurrent.futures import ThreadPoolExecutor

            global _single_thread
            with _helper_lock:
                if _single_thread is None:
                    _single_thread = ThreadPoolExecutor(max_workers=1)
            loop = asyncio.get_running_loop()
            context = contextvars.copy_context()
            call = functools.partial(context.run, func, *args, **kwargs)
            return await loop.run_in_executor(_single_thread, call)

        return serialized

    @functools.wraps(func)
    async def pooled(*args: Any, **kwargs: Any) -> Any:
        return await run_in_thread(func, *args, **kwargs)

    return pooled


def wrap_sync_to_async_unsafe(func: Callable[..., Any]) -> Callable[..., Coroutine[Any, Any, Any]]:
    """Wrap a plain function as a coroutine function that calls it directly on the loop.

    Only for functions that never block.

    Args:
        func: A plain function that returns quickly.

    Returns:
        A coroutine function with the same arguments as ``func``.
    """

    @functools.wraps(func)
    async def direct(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return direct


def value_or_awaitable(
    loop: asyncio.AbstractEventLoop | None, coroutine: Coroutine[Any, Any, Result]
) -> Coroutine[Any, Any, Result] | Result:
    """Return ``coroutine`` to await when called on an event loop thread; from a plain
    thread while ``loop`` runs, run it on ``loop``, wait, and return its value.

    This is what lets plain responders running on an ASGI app's thread pool call
    ``req.get_media()`` or ``req.stream.read()`` and get the value, as in a WSGI app.
    """
    import asyncio

    from falcon.bridge._loop import wait_for

    if loop is not None and asyncio._get_running_loop() is None and loop.is_running():
        return wait_for(loop, coroutine)
    return coroutine
