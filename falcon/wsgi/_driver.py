"""Carrying out the lifecycle's calls under WSGI.

Rules: plain and builtin calls run directly on the worker thread. Coroutine functions run on
the process's event loop, one for every worker thread, while the worker thread waits (see
``falcon.bridge._loop``), so ``async def`` responders, hooks and middleware work in a WSGI
app and may share objects bound to that loop.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from falcon.bridge._sync import run_awaitable
from falcon.core._awaitables import check_returned
from falcon.core._calls import ASYNC

__all__ = ['call_sync', 'run_awaitable']


def call_sync(
    func: Callable[..., Any], args: tuple[Any, ...], kwargs: Mapping[str, Any], kind: int
) -> Any:
    """Run one call of the lifecycle on this thread and return its result.

    A coroutine function (or a plain function that returns an awaitable) runs on the
    process's event loop; this thread waits for it.
    """
    result = func(*args, **kwargs)
    if kind == ASYNC:
        result = run_awaitable(result)
        if result is not None:
            check_returned(func, result)
    elif result is not None and hasattr(result, '__await__'):
        return run_awaitable(result)
    return result
