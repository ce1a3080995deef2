"""Server-Sent Events over ASGI: ``resp.sse`` turned into the bytes of the response body.

Rules: ``resp.sse`` may be an async iterable or a plain iterable of :class:`SSEvent`, ``None``
(a keep-alive ping), or ready-made ``bytes``/``str`` blocks. While the emitter is idle for
``ping_interval`` seconds, a ``: ping`` comment is sent so that proxies keep the connection
open and a vanished client is noticed.

The next item is awaited in a task of its own, and a ping never cancels it (cancelling a
pending ``__anext__`` would kill the emitter). When the body is closed - at the end, on
client disconnect (the sender cancels us while we wait), or on error - the pending task is
cancelled, which runs the emitter's ``finally`` at once even while it is idle, and the
emitter is closed with ``aclose()`` / ``close()``. An exception raised by the emitter, or an
item that cannot be serialized, is reported and ends the stream cleanly.

A plain iterable is advanced on the thread pool. A thread cannot be interrupted, so when the
client leaves while ``next()`` runs, the iterable is closed by that thread as soon as
``next()`` returns.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import inspect
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from falcon.core._sse import PING, SSEvent

__all__ = ['DEFAULT_PING_INTERVAL', 'event_chunk', 'event_stream']

DEFAULT_PING_INTERVAL = 15.0
"""Seconds of emitter idleness after which a keep-alive comment is sent."""

_DONE = object()


def event_chunk(item: Any, handler: Any = None) -> bytes:
    """The bytes to send for one item produced by an SSE emitter.

    Args:
        item: An :class:`SSEvent`, ``None`` (a ping), or a block as ``bytes`` or ``str``.
        handler: JSON media handler for events given as ``json``.

    Returns:
        The serialized block.

    Raises:
        TypeError: The item is of no supported type.
        ValueError: The event has a field that cannot be serialized.
    """
    if isinstance(item, SSEvent):
        return item.serialize(handler)
    if item is None:
        return PING
    if isinstance(item, (bytes, bytearray, memoryview)):
        return bytes(item)
    if isinstance(item, str):
        return item.encode('utf-8')
    raise TypeError(f'An SSE emitter yielded {type(item).__name__}; expected SSEvent or None')


class _ThreadedIterator:
    """Advance a plain iterator on the thread pool; close it once nothing runs it."""

    __slots__ = ('_busy', '_closed', '_iterator', '_lock', '_source')

    def __init__(self, source: Any) -> None:
        self._source = source
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
    aclose = getattr(emitter, 'aclose', None)
    if aclose is not None:
        await aclose()
        return
    close = getattr(emitter, 'close', None)
    if close is not None:
        result = close()
        if inspect.isawaitable(result):
            await result


async def event_stream(
    emitter: Any,
    report: Callable[[BaseException], None],
    ping_interval: float | None = DEFAULT_PING_INTERVAL,
    handler: Any = None,
) -> AsyncIterator[bytes]:
    """Yield the body of an SSE response, with keep-alive pings while the emitter is idle.

    Args:
        emitter: The value of ``resp.sse``: an async iterable or a plain iterable.
        report: Called with an exception raised by the emitter; the stream then ends.
        ping_interval: Seconds of idleness before each ``: ping`` comment; ``None`` or ``0``
            sends none.
        handler: JSON media handler for events given as ``json``.

    Yields:
        Event blocks and pings, as ``bytes``.
    """
    threaded: _ThreadedIterator | None = None
    next_item: Callable[[], Any]
    if hasattr(emitter, '__aiter__'):
        iterator = emitter.__aiter__()
        next_item = iterator.__anext__
    else:
        threaded = _ThreadedIterator(emitter)
        next_item = threaded.next
    timeout = ping_interval if ping_interval else None
    pending: asyncio.Future[Any] | None = None
    try:
        while True:
            if pending is None:
                pending = asyncio.ensure_future(next_item())
            done, _ = await asyncio.wait((pending,), timeout=timeout)
            if not done:
                yield PING
                continue
            finished, pending = pending, None
            try:
                item = finished.result()
                if item is _DONE:
                    return
                chunk = event_chunk(item, handler)
            except StopAsyncIteration:
                return
            except Exception as error:
                report(error)
                return
            if chunk:
                yield chunk
    finally:
        if pending is not None:
            pending.cancel()
            await asyncio.gather(pending, return_exceptions=True)
        try:
            if threaded is not None:
                threaded.close()
            else:
                await _close_async(emitter)
        except Exception as error:
            report(error)
