"""Running the core's lifecycle under WSGI.

Rules: plain and builtin calls run directly on the worker thread. Coroutine functions run on
an event loop owned by the worker thread (created on first use, reused after), so
``async def`` responders, hooks and middleware work in a WSGI app.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from falcon.core._calls import ASYNC, CallPlan

__all__ = ['run_awaitable', 'run_plan']

_T = TypeVar('_T')
_local = threading.local()
_fallback: ThreadPoolExecutor | None = None


def _thread_loop() -> asyncio.AbstractEventLoop:
    loop: asyncio.AbstractEventLoop | None = getattr(_local, 'loop', None)
    if loop is None or loop.is_closed():
        loop = asyncio.new_event_loop()
        _local.loop = loop
    return loop


async def _await(awaitable: Awaitable[_T]) -> _T:
    return await awaitable


def run_awaitable(awaitable: Awaitable[_T]) -> _T:
    """Run ``awaitable`` to completion from synchronous code on this thread."""
    if asyncio._get_running_loop() is not None:
        global _fallback
        if _fallback is None:
            _fallback = ThreadPoolExecutor(thread_name_prefix='falcon-wsgi-async')
        return _fallback.submit(run_awaitable, awaitable).result()
    return _thread_loop().run_until_complete(_await(awaitable))


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
