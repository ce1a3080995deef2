"""Sending a streamed response body over ASGI.

Rules: the core names the kind of the body (:class:`falcon.core._body.BodyKind`); this module
is the one place the ASGI app reads, iterates and closes a source. Every kind of
``resp.stream`` becomes one async iterator of ``bytes``: async iterables as they are; async
file-likes read in blocks; sync file-likes and sync iterators read on the app's thread pool
(a list or tuple is walked inline). While the body is sent, a watcher waits for
``http.disconnect``; when the client leaves, the sender is cancelled and the source is closed
at once, even while it is idle. With ``keep_alive``, a ping is sent whenever nothing was sent
for that long (:mod:`falcon.asgi._keep_alive`). A source is closed exactly once (``aclose()``, else
``close()``, awaited on the server's loop when it is a coroutine function): after the body,
on disconnect, on an error, and when it is not sent at all (HEAD). An exception raised by
the source, or by closing it, is reported and ends the body.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from falcon.asgi._driver import run_in_thread
from falcon.asgi._keep_alive import KeepAlive, ticker_for
from falcon.core._body import BodyKind, start_close

__all__ = ['Sending', 'close_source', 'iterate_stream', 'send_streamed']

Send = Callable[[dict[str, Any]], Awaitable[None]]
Receive = Callable[[], Awaitable[dict[str, Any]]]

BLOCK_SIZE = 64 * 1024
_DONE = object()


async def close_source(source: Any, report: Callable[[BaseException], None]) -> None:
    """Close ``source`` on this loop; a failure to close it is reported."""
    try:
        pending = start_close(source)
        if pending is not None:
            await pending
    except Exception as error:
        report(error)


async def iterate_stream(
    kind: BodyKind, source: Any, run: Callable[..., Awaitable[Any]] = run_in_thread
) -> AsyncIterator[bytes]:
    """Yield the chunks of a stream of the given kind (the caller closes the source).

    Blocking reads go through ``run(func, *args)`` (the app's thread pool).
    """
    if kind is BodyKind.ASYNC_ITERABLE:
        async for chunk in source:
            yield chunk
    elif kind is BodyKind.ASYNC_FILE:
        read = source.read
        while chunk := await read(BLOCK_SIZE):
            yield chunk
    elif kind is BodyKind.FILE:
        read = source.read
        while chunk := await run(read, BLOCK_SIZE):
            yield chunk
    elif isinstance(source, (list, tuple)):
        for chunk in source:
            yield chunk
    else:
        iterator = iter(source)
        while (chunk := await run(next, iterator, _DONE)) is not _DONE:
            yield chunk


class Sending(KeepAlive):
    """One streamed response's state: what the watcher and the keep-alive pings need to
    stop the sending task, and the failures reported while the body is sent.

    Calling it reports a failure (see :meth:`__call__`).

    Attributes:
        failures: The exceptions reported by calling it, or ``None`` before the first.
    """

    # PERF: one object per open stream for the sender, its keep-alive state and its
    # failures (it was three: the sender's state, the keep-alive state and a list).
    __slots__ = ('client_left', 'failures', 'pumping', 'stopped', 'task')

    def __init__(self) -> None:
        self.sending = False
        self.ping_task = None
        self.failure = None
        self.task: asyncio.Task[Any] | None = None
        self.pumping = True
        self.client_left = False
        self.stopped = False
        self.failures: list[BaseException] | None = None

    def __call__(self, error: BaseException) -> None:
        """Keep ``error``, to be reported once the body is sent (by :meth:`settle`).

        PERF: the object itself is the reporter of its stream: no bound method is made
        and held per open stream.
        """
        failures = self.failures
        if failures is None:
            self.failures = [error]
        else:
            failures.append(error)

    async def settle(self) -> None:
        """Report the kept failures, once the body is sent (or the client left): awaited
        by :func:`send_streamed` when there is any. They stay kept here by default."""

    def stop(self) -> None:
        """Interrupt the sending task where it waits (once, and only while it sends)."""
        if self.pumping and not self.stopped and self.task is not None:
            self.stopped = True
            self.task.cancel()


async def _watch_for_disconnect(receive: Receive, sending: Sending) -> None:
    # A receive that fails leaves no way to notice the client leaving: the body stops too.
    try:
        while True:
            event = await receive()
            if event['type'] == 'http.disconnect':
                sending.client_left = True
                return
    finally:
        sending.stop()


async def send_streamed(
    chunks: AsyncIterator[bytes],
    send: Send,
    receive: Receive,
    report: Callable[[BaseException], None],
    source: Any = None,
    *,
    keep_alive: tuple[float, bytes] | None = None,
    sending: Sending | None = None,
    first_chunk: Callable[[Any, Any], bytes] | None = None,
) -> bool:
    """Send ``chunks`` as the body; return ``False`` when the client left first.

    ``source`` (the stream ``chunks`` reads, if any) is closed once ``chunks`` is.
    ``keep_alive`` is ``(interval, ping)``: ``ping`` is sent each time nothing was sent for
    ``interval`` seconds. ``sending`` is the response's :class:`Sending` when the caller
    made one (and passes it as ``report`` too, to have the failures settled by its
    :meth:`Sending.settle` once the body is sent); a new one otherwise. With
    ``first_chunk``, the first value ``chunks`` gives is an item, sent as
    ``first_chunk(chunks, item)`` (an SSE stream made with ``items_first=True``).
    """
    # PERF: the chunks are sent by the calling task itself, and the disconnect watcher is
    # the only task made per response (it was three: sender, watcher, and the caller
    # waiting on both). When the client leaves, the watcher cancels this task where it
    # waits, as asyncio.timeout() does, and the cancellation is taken back here.
    loop = asyncio.get_running_loop()
    task = asyncio.current_task(loop)
    assert task is not None
    if sending is None:
        sending = Sending()
    sending.task = task
    # PERF: the loop's create_task() directly, without ensure_future()'s checks.
    # PERF: a name given saves formatting a unique 'Task-N' one for every response.
    watcher = loop.create_task(
        _watch_for_disconnect(receive, sending), name='falcon disconnect watcher'
    )
    pinger: Sending | None = None
    if keep_alive is not None:
        pinger = sending
        ticker_for(*keep_alive).add(sending, send)
    failure: BaseException | None = None
    try:
        try:
            async for chunk in chunks:
                if first_chunk is not None:
                    chunk = first_chunk(chunks, chunk)
                    first_chunk = None
                if not chunk:
                    continue
                if sending.stopped:
                    # The source took the cancellation for itself and went on.
                    break
                if pinger is None:
                    await send({'type': 'http.response.body', 'body': chunk, 'more_body': True})
                    continue
                if pinger.ping_task is not None:
                    await pinger.ping_task
                pinger.sending = True
                await send({'type': 'http.response.body', 'body': chunk, 'more_body': True})
                pinger.sending = False
                pinger.sent()
                if pinger.failure is not None:
                    break
            sending.pumping = False
        except asyncio.CancelledError:
            sending.pumping = False
            uncancel = getattr(task, 'uncancel', None)
            if not sending.stopped or (uncancel is not None and uncancel() > 0):
                raise
        except Exception as error:
            sending.pumping = False
            failure = error
    finally:
        sending.pumping = False
        if pinger is not None:
            pinger.ticker.remove(pinger)
        if watcher.done():
            # PERF: the usual end of an idle stream (the client left): nothing to wait for.
            if not watcher.cancelled():
                watcher.exception()
        else:
            watcher.cancel()
            await asyncio.gather(watcher, return_exceptions=True)
        aclose = getattr(chunks, 'aclose', None)
        if aclose is not None:
            try:
                await aclose()
            except Exception as error:
                report(error)
        if source is not None:
            await close_source(source, report)
    client_left = sending.client_left
    if not client_left:
        if pinger is not None and pinger.failure is not None and failure is None:
            failure = pinger.failure
        if failure is not None:
            report(failure)
        await send({'type': 'http.response.body', 'body': b'', 'more_body': False})
    if sending.failures is not None:
        await sending.settle()
    return not client_left
