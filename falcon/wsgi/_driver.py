"""Running the core's lifecycle under WSGI.

Rules: plain and builtin calls run directly on the worker thread. Coroutine functions run on
an event loop owned by the worker thread (see ``falcon.bridge``), so ``async def``
responders, hooks and middleware work in a WSGI app.
"""

from __future__ import annotations

from typing import Any

from falcon.bridge._sync import run_awaitable
from falcon.core._calls import ASYNC, CallPlan, advance

__all__ = ['run_awaitable', 'run_plan']


def run_plan(plan: CallPlan) -> Any:
    """Drive a core call plan to its end on this thread and return its value."""
    finished, item = advance(plan, None, None)
    while not finished:
        func, args, kwargs, kind = item
        try:
            result = func(*args, **kwargs)
            if kind == ASYNC or (result is not None and hasattr(result, '__await__')):
                result = run_awaitable(result)
        except Exception as error:
            finished, item = advance(plan, None, error)
        else:
            finished, item = advance(plan, result, None)
    return item
