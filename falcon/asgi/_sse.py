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
that waits is kept and awaited once the chunk is sent. The usual event (printable text
data, perhaps a printable text id, nothing else) is formatted here as text, exactly as
:class:`SSEvent` formats it, and its chunk is encoded once; every other item is the bytes of
``event_chunk()``. When the body is closed - at the end, on client disconnect (the watcher
cancels the response's task where it waits), or on error - the emitter's pending step is
cancelled, which runs its ``finally`` at once even while it is idle, and the emitter is
closed with ``aclose()`` / ``close()``. An exception raised by the
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
import types
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from typing import Any, cast

from falcon.asgi._body import Sending
from falcon.core._body import start_close
from falcon.core._constants import MEDIA_JSON
from falcon.core._sse import DEFAULT_PING_INTERVAL, PING, SSEvent, event_chunk

__all__ = [
    'DEFAULT_PING_INTERVAL',
    'PING',
    'EventStream',
    'event_chunk',
    'event_stream',
    'first_chunk',
]

_DONE = object()
_BATCH_LIMIT = 64


class _ThreadedIterator:
    """Advance a plain iterator on the thread pool, as an async iterator; close it once
    nothing runs it."""

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

    def __aiter__(self) -> _ThreadedIterator:
        return self

    async def __anext__(self) -> Any:
        with self._lock:
            self._busy = True
        if self._run is not None:
            item = await self._run(self._step)
        else:
            loop = asyncio.get_running_loop()
            call = functools.partial(contextvars.copy_context().run, self._step)
            item = await loop.run_in_executor(None, call)
        if item is _DONE:
            raise StopAsyncIteration
        return item

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


class _AsyncIterator:
    """An ``__aiter__()`` result that has ``__anext__`` but no ``__aiter__`` of its own, made
    usable by ``async for``."""

    __slots__ = ('__anext__',)

    def __init__(self, iterator: Any) -> None:
        self.__anext__ = iterator.__anext__

    def __aiter__(self) -> _AsyncIterator:
        return self


async def _close_async(emitter: Any) -> None:
    pending = start_close(emitter)
    if pending is not None:
        await pending


class _Resumed:
    """An emitter step that was started and did not finish at once.

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


class _ChunkFull:
    """Awaited by the collector when its chunk holds :data:`_BATCH_LIMIT` blocks: hands
    :data:`_CHUNK_FULL` to the driver, which sends the chunk and resumes the collector."""

    __slots__ = ()

    def __await__(self) -> Generator[Any, None, None]:
        yield self


_CHUNK_FULL = _ChunkFull()
_FINISHED = object()


async def _collect(iterator: Any, chunks: list[str | bytes], handler: Any) -> None:
    """Append the block of every item of ``iterator`` to ``chunks``, pausing on
    :data:`_CHUNK_FULL` each time the chunk is full.

    The driver runs it with ``send()``: a step of the emitter that finishes at once hands
    its item here without leaving the loop; a step that waits yields what it waits on out to
    the driver, which sends the chunk first and then hands the wait to the task
    (:func:`_resume`).
    """
    # PERF: the usual event (text data, perhaps a text id, nothing else, all printable) is
    # formatted here as text, the way SSEvent._block formats it, and the chunk is encoded
    # once when it is sent: no call and no encoding per event. Any other item is the
    # bytes of event_chunk(); the chunk may mix both (see _chunk_bytes).
    append = chunks.append
    async for item in iterator:
        if item.__class__ is SSEvent:
            data = item.data
            if (
                data.__class__ is str
                and item.comment is None
                and item.event is None
                and item.retry is None
                and data.isprintable()
            ):
                event_id = item.event_id
                if event_id is None:
                    append(f'data: {data}\n\n')
                elif event_id.__class__ is str and event_id.isprintable():
                    append(f'id: {event_id}\ndata: {data}\n\n')
                else:
                    append(item._block(handler))
            else:
                append(item._block(handler))
        else:
            append(event_chunk(item, handler))
        if len(chunks) == _BATCH_LIMIT:
            await _CHUNK_FULL


def _first_block(item: Any, handler: Any) -> str | bytes:
    """The block of the first item: text for a usual event, as :func:`_collect` makes it
    (so that the first chunk joins as text too), else the bytes of ``event_chunk()``."""
    if item.__class__ is SSEvent:
        data = item.data
        if (
            data.__class__ is str
            and item.comment is None
            and item.event is None
            and item.retry is None
            and data.isprintable()
        ):
            event_id = item.event_id
            if event_id is None:
                return f'data: {data}\n\n'
            if event_id.__class__ is str and event_id.isprintable():
                return f'id: {event_id}\ndata: {data}\n\n'
    return event_chunk(item, handler)


def _chunk_bytes(chunks: list[str | bytes]) -> bytes:
    """The bytes of a chunk of blocks, each the text of a usual event or bytes."""
    try:
        if chunks[0].__class__ is str:
            return ''.join(cast('list[str]', chunks)).encode()
        return b''.join(cast('list[bytes]', chunks))
    except TypeError:
        # Text and bytes blocks mixed: the text is printable, so it encodes as it is.
        return b''.join([c.encode() if isinstance(c, str) else c for c in chunks])


@types.coroutine
def _resume(collector: Any, chunks: list[str | bytes], waits_on: Any) -> Generator[Any, Any, Any]:
    """Hand what the emitter waits on to the task and run the collector on, until its chunk
    is full, or its emitter waits again after events joined the chunk (what it waits on
    is returned, to be awaited here once the chunk is sent), or the emitter ends
    (:data:`_FINISHED`). An exception of the emitter propagates."""
    while True:
        try:
            sent = yield waits_on
        except GeneratorExit:
            collector.close()
            raise
        except BaseException as error:
            try:
                waits_on = collector.throw(error)
            except StopIteration:
                return _FINISHED
        else:
            try:
                waits_on = collector.send(sent)
            except StopIteration:
                return _FINISHED
        if chunks or waits_on is _CHUNK_FULL:
            return waits_on


# The chunk list of a stream before its first event (never appended to).
_NO_CHUNKS: list[str | bytes] = []


class EventStream(Sending):
    """The body of one SSE response, as an async iterator of ``bytes`` (see
    :func:`event_stream`), and the state of its sending (see
    :class:`falcon.asgi._body.Sending`); without a ``report`` of its own, it keeps the
    failures it reports, as a :class:`~falcon.asgi._body.Sending` does.
    """

    # PERF: an object of its own rather than an async generator: an idle subscriber holds
    # it and the coroutine of the pending __anext__, where an async generator also held its
    # asend object and the weak reference the loop's async generator hooks keep of it (and
    # ran those hooks, in Python, on every open). It is its own sending state too: one
    # object fewer per open stream.
    __slots__ = (
        '_chunks',
        '_collector',
        '_emitter',
        '_ended',
        '_handler',
        '_handlers',
        '_items_first',
        '_iterator',
        '_last_failure',
        '_report',
        '_threaded',
        '_waiting',
        '_waits_on',
    )

    def __init__(
        self,
        emitter: Any,
        report: Callable[[BaseException], None] | None = None,
        handler: Any = None,
        run: Callable[..., Awaitable[Any]] | None = None,
        handlers: Mapping[str, Any] | None = None,
        items_first: bool = False,
    ) -> None:
        Sending.__init__(self)
        self._emitter = emitter
        self._items_first = items_first
        self._report = self if report is None else report
        self._handler = handler
        self._handlers = handlers
        self._threaded: _ThreadedIterator | None = None
        iterator: Any
        if emitter.__class__ is types.AsyncGeneratorType:
            # PERF: an async generator is its own iterator: no look-up and no call.
            iterator = emitter
        elif hasattr(emitter, '__aiter__'):
            iterator = emitter.__aiter__()
            if not hasattr(iterator, '__aiter__'):
                iterator = _AsyncIterator(iterator)
        else:
            iterator = self._threaded = _ThreadedIterator(emitter, run)
        self._iterator = iterator
        self._collector: types.CoroutineType[Any, Any, None] | None = None
        self._chunks: list[str | bytes] = _NO_CHUNKS
        self._waiting = False
        self._waits_on: Any = None
        # Set when the stream has ended; the failure that ended it, if any, is reported
        # once the last chunk is sent (at the next step).
        self._ended = False
        self._last_failure: Exception | None = None

    def __aiter__(self) -> EventStream:
        return self

    def __anext__(self) -> Awaitable[Any]:
        if self._collector is None and not self._ended:
            if self._items_first:
                # PERF: the emitter's own first step, awaited by the sender, which hands
                # the item to first_chunk(): a subscriber waiting for its first event
                # holds no coroutine of ours, no collector and no chunk list.
                step: Awaitable[Any] = self._iterator.__anext__()
                return step
            return self._first_step()
        return self._next_chunk()

    async def _first_step(self) -> bytes:
        try:
            item = await self._iterator.__anext__()
        except StopAsyncIteration:
            self._ended = True
            raise
        except Exception as error:
            self._ended = True
            self._report(error)
            raise StopAsyncIteration from None
        return self.first_chunk(item)

    def first_chunk(self, item: Any) -> bytes:
        """The first chunk: the block of the emitter's first item and of the items ready
        after it (empty when the item cannot be serialized: it is reported, and the stream
        ends)."""
        handlers = self._handlers
        if handlers is not None:
            self._handler = handlers.get(MEDIA_JSON)
        try:
            chunks = self._chunks = [_first_block(item, self._handler)]
        except Exception as error:
            self._ended = True
            self._report(error)
            return b''
        collector = self._collector = cast(
            'types.CoroutineType[Any, Any, None]',
            _collect(self._iterator, chunks, self._handler),
        )
        try:
            waits_on = collector.send(None)
        except StopIteration:
            return self._chunk_out(chunks, True, None)
        except Exception as error:
            return self._chunk_out(chunks, False, error)
        self._waiting = waits_on is not _CHUNK_FULL
        self._waits_on = waits_on
        return self._chunk_out(chunks, False, None)

    def _chunk_out(
        self, chunks: list[str | bytes], finished: bool, failure: Exception | None
    ) -> bytes:
        """The bytes of a chunk of at least one block, after a step of the collector; the
        stream ends with it when the emitter finished or failed (the failure is reported at
        the next step, once the chunk is sent)."""
        if failure is not None or finished:
            self._ended = True
        self._last_failure = failure
        chunk = _chunk_bytes(chunks)
        chunks.clear()
        return chunk

    async def _next_chunk(self) -> bytes:
        if self._ended:
            last_failure = self._last_failure
            if last_failure is not None:
                self._last_failure = None
                self._report(last_failure)
            raise StopAsyncIteration
        collector = self._collector
        assert collector is not None
        chunks = self._chunks
        while True:
            failure: Exception | None = None
            finished = False
            try:
                if self._waiting:
                    waits_on = await _resume(collector, chunks, self._waits_on)
                else:
                    waits_on = collector.send(None)
            except StopIteration:
                finished = True
            except Exception as error:
                failure = error
            else:
                finished = waits_on is _FINISHED
                self._waiting = waits_on is not _CHUNK_FULL
                self._waits_on = waits_on
            if chunks:
                return self._chunk_out(chunks, finished, failure)
            if failure is not None:
                self._ended = True
                self._report(failure)
                raise StopAsyncIteration
            if finished:
                self._ended = True
                raise StopAsyncIteration

    async def aclose(self) -> None:
        """Cancel the emitter's pending step (its cleanup runs now) and close it."""
        self._ended = True
        # A failure not reported yet stays so: the last chunk was not sent.
        self._last_failure = None
        collector = self._collector
        if collector is not None:
            self._collector = None
            step = collector.cr_await
            if self._waiting and step is not None:
                # The emitter waits on a step nobody awaits: cancel it there, so that its
                # cleanup runs now, and let it finish.
                await _Resumed(step, None).abandon()
            collector.close()
        emitter = self._emitter
        if emitter is None:
            return
        self._emitter = None
        try:
            threaded = self._threaded
            if threaded is not None:
                threaded.close()
            else:
                await _close_async(emitter)
        except Exception as error:
            self._report(error)


def event_stream(
    emitter: Any,
    report: Callable[[BaseException], None],
    handler: Any = None,
    run: Callable[..., Awaitable[Any]] | None = None,
    *,
    handlers: Mapping[str, Any] | None = None,
    items_first: bool = False,
) -> AsyncIterator[bytes]:
    """The body of an SSE response, as an async iterator of ``bytes`` to be closed with
    ``aclose()`` (keep-alive pings are the sender's: ``falcon.asgi._body.send_streamed``).

    Args:
        emitter: The value of ``resp.sse``: an async iterable or a plain iterable.
        report: Called with an exception raised by the emitter; the stream then ends.
        handler: JSON media handler for events given as ``json``.
        run: Runs a plain emitter's ``next()`` off the loop, as ``run(func)`` (the app's
            thread pool); the loop's default executor when ``None``.
        handlers: Media handlers by media type: the JSON one is looked up there once the
            first event arrives, and used instead of ``handler`` (a subscriber that never
            gets an event costs no lookup).
        items_first: The first step gives the emitter's first item rather than bytes:
            the sender turns it into the first chunk with :func:`first_chunk` (an
            exception of the emitter's first step then reaches the sender, and a stream
            that cannot start costs no coroutine of its own).

    Returns:
        The iterator of event blocks, as ``bytes``; events that are ready together (at most
        64) are sent as one chunk. Closing it cancels the emitter's pending step and closes
        the emitter.
    """
    # PERF: the emitter is advanced by the response's own task: no producer task, no
    # buffer and no timer per connection. From the first event on, one collector coroutine
    # steps the emitter with ``async for`` and appends each block to the chunk: a step
    # that finishes at once costs no exception, no call and no check of ours. The
    # collector is run with ``send()``; when it yields, either its chunk is full or the
    # emitter waits, and the chunk is sent before that wait is awaited.
    return EventStream(emitter, report, handler, run, handlers, items_first)


first_chunk: Callable[[Any, Any], bytes] = EventStream.first_chunk
"""``first_chunk(stream, item)``: the first chunk of an event stream made with
``items_first=True``, from the item its first step gave."""
