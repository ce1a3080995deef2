"""The worker threads an ASGI app runs its plain (blocking) code on.

Rules: one pool per app, sized for blocking I/O rather than for CPU work. The executor is
created on first use, so an app that never runs plain code starts no thread, and a new size
takes effect from the next call. Submitting never blocks the event loop: when every thread is
busy, calls wait in the executor's queue while the loop goes on serving coroutines. Each call
carries the caller's context variables and may hand awaitables back to the calling loop
(``falcon.bridge.await_``). Shutting the pool down lets queued calls finish without waiting
for them; a later call starts a fresh executor.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from falcon.bridge._sync import _serve

__all__ = ['DEFAULT_THREAD_POOL_SIZE', 'ThreadPool']

Result = TypeVar('Result')

DEFAULT_THREAD_POOL_SIZE = 40
"""Threads per app unless told otherwise. Plain responders mostly wait (on a database, a
disk, another service), so the useful number is set by how many such waits may overlap, not
by the number of cores; 40 is also the default limit of anyio's worker threads, which
Starlette and FastAPI run plain endpoints on."""


def _checked_size(size: Any) -> int:
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f'thread_pool_size must be a positive int, not {size!r}')
    return size


class ThreadPool:
    """A lazily started pool of ``size`` worker threads."""

    __slots__ = ('_executor', '_lock', '_size', 'name')

    def __init__(self, size: int = DEFAULT_THREAD_POOL_SIZE, name: str = 'falcon-worker') -> None:
        self._size = _checked_size(size)
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self.name = name

    @property
    def size(self) -> int:
        """The most threads the pool runs at once."""
        return self._size

    @size.setter
    def size(self, size: int) -> None:
        size = _checked_size(size)
        with self._lock:
            self._size = size
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False)

    @property
    def started(self) -> bool:
        """Whether the executor exists (it is created by the first call)."""
        return self._executor is not None

    def executor(self) -> ThreadPoolExecutor:
        """The executor, created on first use."""
        executor = self._executor
        if executor is None:
            with self._lock:
                executor = self._executor
                if executor is None:
                    executor = self._executor = ThreadPoolExecutor(
                        max_workers=self._size, thread_name_prefix=self.name
                    )
        return executor

    async def run(self, func: Callable[..., Result], *args: Any, **kwargs: Any) -> Result:
        """Run ``func(*args, **kwargs)`` on a worker thread and await its result.

        The call sees the caller's context variables, and ``serving_loop()`` names the
        calling loop while it runs.
        """
        loop = asyncio.get_running_loop()
        context = contextvars.copy_context()
        call = functools.partial(context.run, _serve, loop, func, *args, **kwargs)
        return await loop.run_in_executor(self.executor(), call)

    def shutdown(self) -> None:
        """Stop the threads once their queued calls are done, without waiting for them."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False)
