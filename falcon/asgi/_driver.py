"""Running the core's lifecycle under ASGI.

Rules: coroutine functions are awaited on the event loop; builtin calls run inline; plain
user functions run on a thread pool with the caller's context variables, so a blocking
responder, hook or middleware never stalls the loop. Each app builds its own way of calling
(:func:`make_call_async`) around its own pool; :func:`call_async` uses the loop's default
executor, for code that has no app at hand.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from falcon.bridge._greenlet import run_in_greenlet
from falcon.bridge._sync import run_in_thread
from falcon.core._awaitables import check_returned
from falcon.core._calls import ASYNC, GREENLET, INLINE

__all__ = ['AsyncCall', 'call_async', 'make_call_async', 'run_in_thread']

AsyncCall = Callable[[Callable[..., Any], tuple[Any, ...], Mapping[str, Any], int], Awaitable[Any]]
Runner = Callable[..., Awaitable[Any]]


def make_call_async(run: Runner) -> AsyncCall:
    """A ``call(func, args, kwargs, kind)`` for the lifecycle that runs plain functions with
    ``run(func, *args, **kwargs)`` (a thread pool's ``run``)."""

    async def call_async(
        func: Callable[..., Any], args: tuple[Any, ...], kwargs: Mapping[str, Any], kind: int
    ) -> Any:
        """Call ``func`` the way its kind asks for, and await what it returns."""
        if kind == ASYNC:
            result = await func(*args, **kwargs)
            if result is not None:
                check_returned(func, result)
            return result
        if kind == INLINE:
            result = func(*args, **kwargs)
        elif kind == GREENLET:
            result = await run_in_greenlet(func, *args, **kwargs)
        else:
            result = await run(func, *args, **kwargs)
        if result is not None and hasattr(result, '__await__'):
            result = await result
        return result

    return call_async


call_async = make_call_async(run_in_thread)
