"""Running a coroutine to completion from synchronous code, for the synchronous client.

Rules: each thread gets an event loop of its own, reused across requests, so loop-bound
objects an app keeps between requests stay usable; the loops are closed at exit. Tasks a
coroutine leaves behind are cancelled and awaited before the call returns. When a loop is
already running in the calling thread (an async test calling the synchronous client), it
cannot be re-entered: the coroutine then runs on a worker thread's loop instead.
"""

from __future__ import annotations

import asyncio
import atexit
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

__all__ = ['run_to_completion']

_T = TypeVar('_T')

_local = threading.local()
_loops: list[asyncio.AbstractEventLoop] = []
_loops_lock = threading.Lock()
_worker: ThreadPoolExecutor | None = None


def _close_loops() -> None:
    with _loops_lock:
        for loop in _loops:
            if not loop.is_closed() and not loop.is_running():
                loop.close()
        _loops.clear()


atexit.register(_close_loops)


def _thread_loop() -> asyncio.AbstractEventLoop:
    loop: asyncio.AbstractEventLoop | None = getattr(_local, 'loop', None)
    if loop is None or loop.is_closed():
        loop = asyncio.new_event_loop()
        _local.loop = loop
        with _loops_lock:
            _loops.append(loop)
    return loop


def _run_on_thread_loop(make_coroutine: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
    loop = _thread_loop()
    try:
        return loop.run_until_complete(make_coroutine())
    finally:
        leftovers = asyncio.all_tasks(loop)
        if leftovers:
            for task in leftovers:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))


def run_to_completion(make_coroutine: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
    """Run the coroutine ``make_coroutine()`` returns to completion, and return its result."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        running = False
    else:
        running = True
    if not running:
        # Run outside the except block, so that an exception the app logs carries no
        # 'no running event loop' context.
        return _run_on_thread_loop(make_coroutine)
    global _worker
    with _loops_lock:
        if _worker is None:
            _worker = ThreadPoolExecutor(thread_name_prefix='falcon-testing')
        worker = _worker
    return worker.submit(_run_on_thread_loop, make_coroutine).result()
