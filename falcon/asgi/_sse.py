"""Server-Sent Events over ASGI: ``resp.sse`` turned into the bytes of the response body.

Rules: ``resp.sse`` may be an async iterable or a plain iterable of :class:`SSEvent`, ``None``
(a keep-alive ping), or ready-made ``bytes``/``str`` blocks. Keep-alive pings are not sent
here: the app hands the body to ``falcon.asgi._body.send_streamed`` with
``keep_alive=(sse_ping_interval, PING)``, which sends a ``: ping`` comment whenever nothing
was sent for that long, so that proxies keep the connection open and a vanished client is
noticed.

The emitter is advanced by the response's own task, one step at a time. Events that are
ready together (at most 64) go out as one chunk: after an event, the next step is started at
once, and while steps finish without waiting, their events join the chunk; the first step
that waits is kept and awaited once the chunk is sent. When the body is closed - at the end,
on client disconnect (the watcher cancels the response's task where it waits), or on error -
the emitter's pending step is cancelled, which runs its ``finally`` at once even while it is
idle, and the emitter is closed with ``aclose()`` / ``close()``. An exception raised by the
emitter, or an item that cannot be serialized, is reported and ends the stream cleanly,
after the events before it are sent.

A plain iterable is advanced on the app's thread pool. A thread cannot be interrupted, so when the
client leaves while ``next()`` runs, the iterable is closed by that thread as soon as
``next()`` returns.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from types import AsyncGeneratorType
from typing import Any

from falcon.core._body import start_close
from falcon.core._sse import DEFAULT_PING_INTERVAL, PING, SSEvent, event_chunk

__all__ = ['DEFAULT_PING_INTERVAL', 'PING', 'event_chunk', 'event_stream']

_DONE = object()
_BATCH_LIMIT = 64


class _ThreadedIterator:
    """Advance a plain iterator on the thread pool; close it once nothing runs it."""

    __slots__ = ('_busy', '_closed', '_iterator', '_lock', '_run', '_source')

    def __init__(self, source: Any, run: Callable[..., Awaitable[Any]] | None = None) -> None:
        self._source = source
        self._run = run
        self._iterator: Iterator[Any] = iter(source)
        self._lock = threading.Lock()
        self._busy = False
        self._closed = False

    def _step(self) -> Any:
        try:
            return next(self._iterator, _DONE)
        finally:
            with self._lock:
                self._busy = False
                close_now = self._closed
            if close_now:
                self._close_source()

    async def next(self) -> Any:
        with self._lock:
            self._busy = True
        if self._run is not None:
            return await self._run(self._step)
        loop = asyncio.get_running_loop()
        call = functools.partial(contextvars.copy_context().run, self._step)
        return await loop.run_in_executor(None, call)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._busy:
                return
        self._close_source()

    def _close_source(self) -> None:
        close = getattr(self._source, 'close', None)
        if close is not None:
            close()


async def _close_async(emitter: Any) -> None:
    pending = start_close(emitter)
    if pending is not None:
        await pending


class _Resumed:
    """The rest of an emitter step that was started and did not finish at once.

    Awaiting it hands what the step waits on to the task and drives the step to its end,
    exactly as awaiting the step would have (``yield from`` without its first ``send``).
    """

    __slots__ = ('step', 'yielded')

    def __init__(self, step: Any, yielded: Any) -> None:
        self.step = step
        self.yielded = yielded

    def __await__(self) -> Generator[Any, Any, Any]:
        step, yielded = self.step, self.yielded
        while True:
            try:
                sent = yield yielded
            except GeneratorExit:
                step.close()
                raise
            except BaseException as error:
                try:
                    yielded = step.throw(error)
                except StopIteration as stop:
                    return stop.value
            else:
                try:
                    yielded = step.send(sent)
                except StopIteration as stop:
                    return stop.value

    async def abandon(self) -> None:
        """Cancel the step where it waits and let it finish (the emitter's cleanup)."""
        try:
            self.yielded = self.step.throw(asyncio.CancelledError())
        except BaseException:
            return
        try:
            await self
        except (Exception, asyncio.CancelledError):
            pass


def _step_now(step: Any) -> tuple[Any, _Resumed | None]:
    """Run an emitter step as far as it goes without waiting: ``(item, None)`` when it
    finished, ``(None, rest)`` when it waits (await ``rest`` for the item)."""
    send = getattr(step, 'send', None)
    if send is None:
        step = step.__await__()
        send = step.send
    try:
        yielded = send(None)
    except StopIteration as stop:
        return stop.value, None
    return None, _Resumed(step, yielded)


class _ReadyEvents:
    """Collects the events of an async generator that are ready now into one chunk.

    :meth:`collect` is a plain generator driven with ``send(None)``: it steps the emitter
    with ``yield from``, so a step that finishes at once hands its item back without a
    ``StopIteration`` to catch, and a step that waits yields what it waits on to the
    driver, which sends the chunk, sets :attr:`waited` and awaits the rest as a
    :class:`_Resumed`; the waiting step's item is then the generator's return value.
    """

    __slots__ = ('chunks', 'waited')

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.waited = False

    def collect(self, next_item: Callable[[], Any], handler: Any) -> Generator[Any, Any, Any]:
        """Append blocks until a step waits (its item is returned) or the chunk is full."""
        chunks = self.chunks
        append = chunks.append
        for _ in range(len(chunks), _BATCH_LIMIT):
            item = yield from next_item()
            if self.waited:
                return item
            append(
                item._block(handler) if item.__class__ is SSEvent else event_chunk(item, handler)
            )
        return None


async def event_stream(
    emitter: Any,
    report: Callable[[BaseException], None],
    handler: Any = None,
    run: Callable[..., Awaitable[Any]] | None = None,
) -> AsyncIterator[bytes]:
    """Yield the body of an SSE response (keep-alive pings are the sender's:
    ``falcon.asgi._body.send_streamed``).

    Args:
        emitter: The value of ``resp.sse``: an async iterable or a plain iterable.
        report: Called with an exception raised by the emitter; the stream then ends.
        handler: JSON media handler for events given as ``json``.
        run: Runs a plain emitter's ``next()`` off the loop, as ``run(func)`` (the app's
            thread pool); the loop's default executor when ``None``.

    Yields:
        Event blocks, as ``bytes``; events that are ready together (at most 64) are sent as
        one chunk.
    """
    # PERF: the emitter is advanced by the response's own task: no producer task, no
    # buffer and no timer per connection. After an event, the next step is started at
    # once; while steps finish without waiting, their events join the same chunk. The
    # first step that waits is kept, and awaited once that chunk is sent.
    threaded: _ThreadedIterator | None = None
    next_item: Callable[[], Any]
    if hasattr(emitter, '__aiter__'):
        next_item = emitter.__aiter__().__anext__
    else:
        threaded = _ThreadedIterator(emitter, run)
        next_item = threaded.next
    plain_steps = isinstance(emitter, AsyncGeneratorType)
    pending: _Resumed | None = None
    try:
        while True:
            chunks: list[bytes] = []
            failure: Exception | None = None
            finished = False
            try:
                if pending is not None:
                    rest, pending = pending, None
                    item = await rest
                else:
                    item = await next_item()
                if plain_steps:
                    # PERF: an async generator's ready events are collected by a plain
                    # generator that steps it with ``yield from``: no StopIteration raised
                    # and caught per event, which halves the cost of a step; one
                    # StopIteration per full chunk instead.
                    chunks.append(
                        item._block(handler)
                        if item.__class__ is SSEvent
                        else event_chunk(item, handler)
                    )
                    ready = _ReadyEvents(chunks)
                    collector = ready.collect(next_item, handler)
                    try:
                        waits_on = collector.send(None)
                    except StopIteration:
                        pass
                    else:
                        ready.waited = True
                        pending = _Resumed(collector, waits_on)
                else:
                    while True:
                        if item is _DONE:
                            finished = True
                            break
                        chunks.append(event_chunk(item, handler))
                        if len(chunks) >= _BATCH_LIMIT:
                            break
                        item, pending = _step_now(next_item())
                        if pending is not None:
                            break
            except StopAsyncIteration:
                finished = True
            except Exception as error:
                failure = error
            if chunks:
                yield b''.join(chunks)
            if failure is not None:
                report(failure)
                return
            if finished:
                return
    finally:
        if pending is not None:
            await pending.abandon()
        try:
            if threaded is not None:
                threaded.close()
            else:
                await _close_async(emitter)
        except Exception as error:
            report(error)
