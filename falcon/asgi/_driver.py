"""Running the core's lifecycle under ASGI.

Rules: coroutine functions are awaited on the event loop; builtin calls run inline; plain
user functions run on the default thread pool with the caller's context variables, so a
blocking responder, hook or middleware never stalls the loop.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from falcon.bridge._greenlet import run_in_greenlet
from falcon.bridge._sync import run_in_thread
from falcon.core._calls import ASYNC, GREENLET, INLINE, CallPlan, advance

__all__ = ['call_async', 'run_in_thread', 'run_plan_async']


async def call_async(
    func: Callable[..., Any], args: tuple[Any, ...], kwargs: Mapping[str, Any], kind: int
) -> Any:
    """Call ``func`` the way its kind asks for, and await what it returns."""
    if kind == ASYNC:
        return await func(*args, **kwargs)
    if kind == INLINE:
        result = func(*args, **kwargs)
    elif kind == GREENLET:
        result = await run_in_greenlet(func, *args, **kwargs)
    else:
        result = await run_in_thread(func, *args, **kwargs)
    if result is not None and hasattr(result, '__await__'):
        result = await result
    return result


async def run_plan_async(plan: CallPlan) -> Any:
    """Drive a core call plan to its end on the event loop and return its value."""
    outcome = advance(plan, None, None)
    while not outcome[0]:
        func, args, kwargs, kind = outcome[1]
        try:
            # PERF: coroutine functions, the common case, skip call_async's dispatch.
            if kind == ASYNC:
                outcome = advance(plan, await func(*args, **kwargs), None)
            else:
                outcome = advance(plan, await call_async(func, args, kwargs, kind), None)
        except Exception as error:
            outcome = advance(plan, None, error)
    return outcome[1]
