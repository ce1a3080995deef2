"""Server-Sent Events over ASGI: ``resp.sse`` turned into the bytes of the response body.

Rules: ``resp.sse`` may be an async iterable or a plain iterable of :class:`SSEvent`, ``None``
(a keep-alive ping), or ready-made ``bytes``/``str`` blocks. While the emitter is idle for
``ping_interval`` seconds, a ``: ping`` comment is sent so that proxies keep the connection
open and a vanished client is noticed.

The emitter is iterated by one producer task that hands items to the body through a small
bounded buffer (at most 64 items ahead of the sender), so a ping never interrupts the
emitter. When the body is closed - at the end, on client disconnect (the sender cancels us
while we wait), or on error - the producer is cancelled, which runs the emitter's
``finally`` at once even while it is idle, and the emitter is closed with ``aclose()`` /
``close()``. An exception raised by the emitter, or an
item that cannot be serialized, is reported and ends the stream cleanly.

A plain iterable is advanced on the app's thread pool. A thread cannot be interrupted, so when the
client leaves while ``next()`` runs, the iterable is closed by that thread as soon as
``next()`` returns.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

from falcon.core._body import start_close
from falcon.core._sse import DEFAULT_PING_INTERVAL, PING, event_chunk

__all__ = ['DEFAULT_PING_INTERVAL', 'event_chunk', 'event_stream']

_DONE = object()
_BUFFER_LIMIT = 64


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


class _Buffer:
    """Items handed from the producer task to the body, at most ``limit`` at a time."""

    __slots__ = ('consumer', 'error', 'finished', 'items', 'limit', 'producer')

    def __init__(self, limit: int) -> None:
        self.items: list[Any] = []
        self.limit = limit
        self.finished = False
        self.error: BaseException | None = None
        self.consumer: asyncio.Future[None] | None = None
        self.producer: asyncio.Future[None] | None = None

    @staticmethod
    def wake(waiter: asyncio.Future[None] | None) -> None:
        if waiter is not None and not waiter.done():
            waiter.set_result(None)


async def _produce(next_item: Callable[[], Any], buffer: _Buffer) -> None:
    loop = asyncio.get_running_loop()
    try:
        while True:
            item = await next_item()
            if item is _DONE:
                break
            buffer.items.append(item)
            buffer.wake(buffer.consumer)
            if len(buffer.items) >= buffer.limit:
                buffer.producer = loop.create_future()
                await buffer.producer
    except StopAsyncIteration:
        pass
    except Exception as error:
        buffer.error = error
    finally:
        buffer.finished = True
        buffer.wake(buffer.consumer)


def _ping_due(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


async def event_stream(
    emitter: Any,
    report: Callable[[BaseException], None],
    ping_interval: float | None = DEFAULT_PING_INTERVAL,
    handler: Any = None,
    run: Callable[..., Awaitable[Any]] | None = None,
) -> AsyncIterator[bytes]:
    """Yield the body of an SSE response, with keep-alive pings while the emitter is idle.

    Args:
        emitter: The value of ``resp.sse``: an async iterable or a plain iterable.
        report: Called with an exception raised by the emitter; the stream then ends.
        ping_interval: Seconds of idleness before each ``: ping`` comment; ``None`` or ``0``
            sends none.
        handler: JSON media handler for events given as ``json``.
        run: Runs a plain emitter's ``next()`` off the loop, as ``run(func)`` (the app's
            thread pool); the loop's default executor when ``None``.

    Yields:
        Event blocks and pings, as ``bytes``; events that are ready together are sent as one
        chunk.
    """
    # PERF: the emitter runs in one producer task for its whole life (never a task per
    # event), and events that pile up while a chunk is being sent go out together.
    threaded: _ThreadedIterator | None = None
    next_item: Callable[[], Any]
    if hasattr(emitter, '__aiter__'):
        next_item = emitter.__aiter__().__anext__
    else:
        threaded = _ThreadedIterator(emitter, run)
        next_item = threaded.next
    loop = asyncio.get_running_loop()
    buffer = _Buffer(_BUFFER_LIMIT)
    producer = asyncio.ensure_future(_produce(next_item, buffer))
    try:
        while True:
            items = buffer.items
            if items:
                buffer.items = []
                buffer.wake(buffer.producer)
                chunks: list[bytes] = []
                failure: Exception | None = None
                for item in items:
                    try:
                        chunks.append(event_chunk(item, handler))
                    except Exception as error:
                        failure = error
                        break
                if chunks:
                    yield b''.join(chunks)
                if failure is not None:
                    report(failure)
                    return
                continue
            if buffer.finished:
                if buffer.error is not None:
                    report(buffer.error)
                return
            waiter = buffer.consumer = loop.create_future()
            timer = loop.call_later(ping_interval, _ping_due, waiter) if ping_interval else None
            try:
                await waiter
            finally:
                if timer is not None:
                    timer.cancel()
            if not buffer.items and not buffer.finished:
                yield PING
    finally:
        producer.cancel()
        await asyncio.gather(producer, return_exceptions=True)
        try:
            if threaded is not None:
                threaded.close()
            else:
                await _close_async(emitter)
        except Exception as error:
            report(error)
