"""The process's event loop, on which plain threads run coroutines.

Rules: one event loop per process, run by a daemon thread that starts on first use; every
plain thread hands its coroutines to it and waits, so objects bound to a loop (locks, queues,
connection pools) work from any thread. A call carries a copy of the caller's context
variables, re-raises the coroutine's own exception object, and cancels the task when the
waiting thread is interrupted; a task cancelled on the loop raises ``CancelledError`` in the
waiting thread. Code running on the loop must not wait for it (``RuntimeError``, never a
deadlock). The loop belongs to the process that started it: its thread pauses while the
process forks, and a forked child starts its own loop on first use. At interpreter exit the
loop cancels what is left, stops, and is closed.
"""

from __future__ import annotations

import asyncio
import atexit
import contextvars
import os
import sys
import threading
from collections.abc import Awaitable, Coroutine
from typing import Any, TypeVar

__all__ = ['ProcessLoopClosed', 'process_loop', 'run_here', 'wait_for']

_T = TypeVar('_T')

_SHUTDOWN_TIMEOUT = 1.0
"""Seconds the exit handler gives cancelled tasks to finish and the loop thread to end."""


class _Running:
    """The loop of one process, the thread running it, and that process's id.

    Around a fork the thread is paused: it leaves ``run_forever()`` and ends, so the process
    forks with no thread of ours in the middle of anything, and a new thread takes the same
    loop up again in the parent.
    """

    __slots__ = ('exited', 'gate', 'loop', 'paused', 'pid', 'stopping', 'thread')

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.pid = os.getpid()
        self.stopping = False
        self.paused = False
        self.exited = False
        self.gate = threading.Lock()
        self.thread = self._new_thread()

    def _new_thread(self) -> threading.Thread:
        return threading.Thread(target=self._run, name='falcon-event-loop', daemon=True)

    def _run(self) -> None:
        loop = self.loop
        asyncio.set_event_loop(loop)
        while True:
            # A KeyboardInterrupt or SystemExit raised by a callback or by a task that no
            # thread waits for leaves run_forever(); the loop goes on serving the others. A
            # stray loop.stop() from user code is ignored the same way.
            try:
                loop.run_forever()
            except BaseException:
                continue
            with self.gate:
                if self.stopping or self.paused:
                    self.exited = True
                    return

    def pause(self) -> None:
        """Before a fork: stop the loop thread (waiting a moment for it) unless it is us."""
        if self.stopping or threading.current_thread() is self.thread:
            return
        self.paused = True
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=_SHUTDOWN_TIMEOUT)

    def resume(self) -> None:
        """After a fork, in the parent: run the loop on a new thread if the old one ended."""
        with self.gate:
            if not self.paused:
                return
            self.paused = False
            if self.exited:
                self.exited = False
                self.thread = self._new_thread()
                self.thread.start()


class ProcessLoopClosed(RuntimeError):
    """The process's event loop was closed at interpreter exit; no thread may start now."""


_state: _Running | None = None
_state_lock = threading.Lock()
_closed = False
_abandoned: list[_Running] = []
"""Loops inherited from a parent process: kept, never run or closed, so that the tasks and
sockets they hold are not finalized (or logged as destroyed) in the child."""


def process_loop() -> asyncio.AbstractEventLoop:
    """Return the event loop this process runs coroutines of plain threads on.

    Returns:
        The loop, started on a daemon thread on first use (again after a fork).
    """
    state = _state
    if state is not None and state.pid == os.getpid():
        return state.loop
    return _start()


def _start() -> asyncio.AbstractEventLoop:
    global _state
    with _state_lock:
        state = _state
        if state is not None:
            if state.pid == os.getpid():
                return state.loop
            _abandoned.append(state)
        elif _closed:
            raise ProcessLoopClosed('the event loop of this process was closed at exit')
        state = _Running(asyncio.new_event_loop())
        state.thread.start()
        _state = state
        return state.loop


def _pause_before_fork() -> None:
    state = _state
    if state is not None and state.pid == os.getpid():
        state.pause()


def _resume_after_fork() -> None:
    state = _state
    if state is not None and state.pid == os.getpid():
        state.resume()


def _forget_after_fork() -> None:
    """In a forked child: the parent's loop thread does not exist here; start afresh."""
    global _closed, _state, _state_lock
    _state_lock = threading.Lock()
    _closed = False
    if _state is not None:
        _abandoned.append(_state)
        _state = None


if sys.version_info >= (3, 12):

    def _new_task(
        loop: asyncio.AbstractEventLoop, coroutine: Coroutine[Any, Any, None]
    ) -> asyncio.Task[None]:
        # The first step runs now, in this turn of the loop: a coroutine that waits for
        # nothing wakes its caller without another turn.
        return asyncio.Task(coroutine, loop=loop, eager_start=True)

else:

    def _new_task(
        loop: asyncio.AbstractEventLoop, coroutine: Coroutine[Any, Any, None]
    ) -> asyncio.Task[None]:
        return loop.create_task(coroutine)


class _Call:
    """One coroutine handed to a loop by a waiting thread, and its outcome."""

    __slots__ = ('context', 'done', 'error', 'result', 'task', 'withdrawn')

    def __init__(self) -> None:
        self.context = contextvars.copy_context()
        self.done = threading.Lock()
        self.done.acquire()
        self.task: asyncio.Task[None] | None = None
        self.result: Any = None
        self.error: BaseException | None = None
        self.withdrawn = False

    def start(self, loop: asyncio.AbstractEventLoop, coroutine: Coroutine[Any, Any, Any]) -> None:
        """On the loop: run the coroutine as a task in the caller's context."""
        if self.withdrawn:
            coroutine.close()
            return
        try:
            self.task = self.context.run(_new_task, loop, self._outcome(coroutine))
        except BaseException as error:
            coroutine.close()
            self.error = error
            self.done.release()

    async def _outcome(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        # Recording the outcome here, rather than in a done callback, wakes the caller one
        # loop iteration sooner, and keeps KeyboardInterrupt and SystemExit (delivered to the
        # caller) from stopping the loop.
        try:
            self.result = await coroutine
        except BaseException as error:
            self.error = error
        finally:
            self.task = None
            self.done.release()

    def withdraw(self) -> None:
        """On the loop, after the caller stopped waiting: cancel the task."""
        self.withdrawn = True
        if self.task is not None:
            self.task.cancel()


async def _await(awaitable: Awaitable[_T]) -> _T:
    return await awaitable


def run_here(awaitable: Awaitable[_T]) -> _T:
    """Run ``awaitable`` on a temporary event loop of the calling thread, then close it."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(_await(awaitable))
    finally:
        try:
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            loop.close()


def wait_for(loop: asyncio.AbstractEventLoop, awaitable: Awaitable[_T]) -> _T:
    """Run ``awaitable`` on ``loop`` (running on another thread) and wait for its outcome.

    The caller must not be running on ``loop``.
    """
    if not asyncio.iscoroutine(awaitable):
        awaitable = _await(awaitable)
    call = _Call()
    try:
        loop.call_soon_threadsafe(call.start, loop, awaitable)
    except BaseException:
        awaitable.close()
        raise
    try:
        call.done.acquire()
    except BaseException:
        # The waiting thread was interrupted (KeyboardInterrupt, an exception raised into
        # it): the task must not run on unobserved.
        if not loop.is_closed():
            loop.call_soon_threadsafe(call.withdraw)
        raise
    error = call.error
    if error is not None:
        call.error = None
        try:
            raise error
        finally:
            del error, call
    result: _T = call.result
    return result


async def _cancel_leftovers() -> None:
    current = asyncio.current_task()
    leftovers = [task for task in asyncio.all_tasks() if task is not current]
    for task in leftovers:
        task.cancel()
    if leftovers:
        await asyncio.wait(leftovers, timeout=_SHUTDOWN_TIMEOUT)
    for task in leftovers:
        if not task.done():
            # A task that ignores cancellation is left as it is, without the
            # "Task was destroyed but it is pending" report at interpreter exit.
            task._log_destroy_pending = False  # type: ignore[attr-defined]
        elif not task.cancelled():
            task.exception()
    await asyncio.get_running_loop().shutdown_asyncgens()


def _shutdown() -> None:
    """At interpreter exit: cancel the loop's tasks, stop it and close it.

    Exit handlers that run after this one (those registered before falcon was imported) can
    start no thread on Python 3.12+; their calls get :class:`ProcessLoopClosed`, and
    ``run_awaitable`` then runs the coroutine with :func:`run_here`.
    """
    global _closed, _state
    state = _state
    if state is None or state.pid != os.getpid() or not state.thread.is_alive():
        return
    with _state_lock:
        _state = None
        _closed = True
    loop = state.loop
    try:
        wait = asyncio.run_coroutine_threadsafe(_cancel_leftovers(), loop)
        wait.result(timeout=_SHUTDOWN_TIMEOUT + 1.0)
    except BaseException:
        # Stopping goes on whatever became of the cancelled tasks.
        pass
    state.stopping = True
    loop.call_soon_threadsafe(loop.stop)
    state.thread.join(timeout=_SHUTDOWN_TIMEOUT)
    if not state.thread.is_alive():
        loop.close()


atexit.register(_shutdown)
os.register_at_fork(
    before=_pause_before_fork,
    after_in_parent=_resume_after_fork,
    after_in_child=_forget_after_fork,
)
