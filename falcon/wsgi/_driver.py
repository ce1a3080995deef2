"""Running the core's lifecycle under WSGI.

Rules: plain and builtin calls run directly on the worker thread. Coroutine functions run on
an event loop owned by the worker thread (see ``falcon.bridge``), so ``async def``
responders, hooks and middleware work in a WSGI app.
"""

from __future__ import annotations

from typing import Any

from falcon.bridge._sync import run_awaitable
from falcon.core._calls import ASYNC, CallPlan

__all__ = ['run_awaitable', 'run_plan']


def run_plan(plan: CallPlan) -> Any:
    """Drive a core call plan to its end and return its value."""
    send = plan.send
    try:
        call = send(None)
    except StopIteration as stop:
        return stop.value
    while True:
        func, args, kwargs, kind = call
        try:
            result = func(*args, **kwargs)
            if kind == ASYNC or (result is not None and hasattr(result, '__await__')):
                result = run_awaitable(result)
        except Exception as ex:
            try:
                call = plan.throw(ex)
            except StopIteration as stop:
                return stop.value
            continue
        try:
            call = send(result)
        except StopIteration as stop:
            return stop.value
