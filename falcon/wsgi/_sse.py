"""Server-Sent Events over WSGI: ``resp.sse`` as the iterable a WSGI server sends.

Rules: ``resp.sse`` may be a plain iterable or an async iterable of :class:`SSEvent`, ``None``
(a keep-alive ping), or ready-made ``bytes``/``str`` blocks. A plain iterable is walked on
the worker thread; it can ask for a ping by yielding ``None``. An async iterable is driven on
the worker thread's event loop (``falcon.bridge``), and a ``: ping`` comment is sent whenever
it stays idle for ``ping_interval`` seconds: the next item is awaited in a task that a ping
never cancels.

A WSGI server learns that the client left when a write fails, and then calls ``close()``:
the pending step is cancelled (the emitter's ``finally`` runs) and the emitter is closed with
``aclose()`` / ``close()``. An exception raised by the emitter is reported and ends the body.
asyncio is imported by the coroutines that use it: a WSGI app without async emitters never
loads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from falcon.bridge._sync import run_awaitable
from falcon.core._body import start_close
from falcon.core._sse import DEFAULT_PING_INTERVAL, PING, event_chunk

if TYPE_CHECKING:
    import asyncio

__all__ = ['DEFAULT_PING_INTERVAL', 'SSEBody']

_PING = bytes(PING)

_DONE = object()


class SSEBody:
    """The WSGI response iterable of an SSE stream.

    Args:
        emitter: The value of ``resp.sse``.
        report: Called with an exception raised by the emitter; the body then ends.
        ping_interval: Seconds of idleness before each ``: ping`` comment (async emitters
            only); ``None`` or ``0`` sends none.
        handler: JSON media handler for events given as ``json``.
    """

    __slots__ = ('_closed', '_emitter', '_handler', '_pending', '_ping_interval', '_report')

    def __init__(
        self,
        emitter: Any,
        report: Callable[[BaseException], None],
        ping_interval: float | None = DEFAULT_PING_INTERVAL,
        handler: Any = None,
    ) -> None:
        self._emitter = emitter
        self._report = report
        self._ping_interval = ping_interval if ping_interval else None
        self._handler = handler
        self._pending: asyncio.Future[Any] | None = None
        self._closed = False

    def __iter__(self) -> Iterator[bytes]:
        if hasattr(self._emitter, '__aiter__'):
            return self._iterate_async()
        return self._iterate_sync()

    def _iterate_sync(self) -> Iterator[bytes]:
        handler = self._handler
        try:
            for item in self._emitter:
                chunk = event_chunk(item, handler)
                if chunk:
                    yield chunk
        except Exception as error:
            self._report(error)

    def _iterate_async(self) -> Iterator[bytes]:
        iterator = self._emitter.__aiter__()
        handler = self._handler
        while not self._closed:
            try:
                item = run_awaitable(self._next(iterator))
                if item is _DONE:
                    return
                chunk = _PING if item is PING else event_chunk(item, handler)
            except Exception as error:
                self._report(error)
                return
            if chunk:
                yield chunk

    async def _next(self, iterator: Any) -> Any:
        import asyncio

        pending = self._pending
        if pending is None:
            pending = self._pending = asyncio.ensure_future(iterator.__anext__())
        done, _ = await asyncio.wait((pending,), timeout=self._ping_interval)
        if not done:
            return PING
        self._pending = None
        try:
            return pending.result()
        except StopAsyncIteration:
            return _DONE

    async def _aclose(self) -> None:
        import asyncio

        pending, self._pending = self._pending, None
        if pending is not None:
            pending.cancel()
            await asyncio.gather(pending, return_exceptions=True)
        closing = start_close(self._emitter)
        if closing is not None:
            await closing

    def close(self) -> None:
        """Stop the emitter: cancel its pending step and close it (called by the server)."""
        if self._closed:
            return
        self._closed = True
        try:
            if hasattr(self._emitter, '__aiter__'):
                run_awaitable(self._aclose())
            else:
                close = getattr(self._emitter, 'close', None)
                if close is not None:
                    close()
        except Exception as error:
            self._report(error)
