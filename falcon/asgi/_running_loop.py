"""The running event loop of this thread, without a system call per request.

Rules: :func:`running_loop` answers exactly what ``asyncio._get_running_loop()`` answers:
the loop running in the calling thread, or None. Before Python 3.12 that function makes a
``getpid()`` system call on every call (to tell a forked child from its parent), which
costs about 0.3 us on a virtual machine and does not show in instruction counts; here the
loop found last is remembered with its thread and taken again while it still runs in the
calling thread (``BaseEventLoop`` sets ``_thread_id`` for as long as ``run_forever`` runs).
A loop without that attribute, another thread, a loop that stopped, and any forked child
(the memory is cleared after a fork) take ``asyncio._get_running_loop()`` again. From
Python 3.12 on, that function is cheap and is used as it is.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from threading import get_ident

__all__ = ['running_loop']

_get_running_loop = asyncio._get_running_loop

# (thread id, loop): the loop found running last, and the thread it ran in.
_last: tuple[int, asyncio.AbstractEventLoop] | None = None


def _remembered_running_loop() -> asyncio.AbstractEventLoop | None:
    last = _last
    ident = get_ident()
    if last is not None and last[0] == ident:
        loop = last[1]
        # PERF: one attribute read instead of the getpid() system call (about 0.3 us).
        if loop._thread_id == ident:  # type: ignore[attr-defined]
            return loop
    return _find_running_loop(ident)


def _find_running_loop(ident: int) -> asyncio.AbstractEventLoop | None:
    global _last
    loop = _get_running_loop()
    if loop is not None and getattr(loop, '_thread_id', None) == ident:
        _last = (ident, loop)
    return loop


def _forget() -> None:
    global _last
    _last = None


running_loop: Callable[[], asyncio.AbstractEventLoop | None]
if sys.version_info >= (3, 12):
    running_loop = _get_running_loop
else:
    running_loop = _remembered_running_loop
# A forked child forgets the parent's loop, whichever of the two functions is in use.
if hasattr(os, 'register_at_fork'):
    os.register_at_fork(after_in_child=_forget)
