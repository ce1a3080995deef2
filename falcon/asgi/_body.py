"""Sending a streamed response body over ASGI.

Rules: the core names the kind of the body (:class:`falcon.core._body.BodyKind`); this module
is the one place the ASGI app reads, iterates and closes a source. Every kind of
``resp.stream`` becomes one async iterator of ``bytes``: async iterables as they are; async
file-likes read in blocks; sync file-likes and sync iterators read on the app's thread pool
(a list or tuple is walked inline). While the body is sent, a watcher waits for
``http.disconnect``; when the client leaves, the sender is cancelled and the source is closed
at once, even while it is idle. A source is closed exactly once (``aclose()``, else
``close()``, awaited on the server's loop when it is a coroutine function): after the body,
on disconnect, on an error, and when it is not sent at all (HEAD). An exception raised by
the source, or by closing it, is reported and ends the body.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from falcon.asgi._driver import run_in_thread
from falcon.core._body import BodyKind, start_close

__all__ = ['close_source', 'iterate_stream', 'send_streamed']

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


async def _wait_for_disconnect(receive: Receive) -> None:
    while True:
        event = await receive()
        if event['type'] == 'http.disconnect':
            return


async def _pump(chunks: AsyncIterator[bytes], send: Send) -> None:
    async for chunk in chunks:
        if chunk:
            await send({'type': 'http.response.body', 'body': chunk, 'more_body': True})


async def send_streamed(
    chunks: AsyncIterator[bytes],
    send: Send,
    receive: Receive,
    report: Callable[[BaseException], None],
    source: Any = None,
) -> bool:
    """Send ``chunks`` as the body; return ``False`` when the client left first.

    ``source`` (the stream ``chunks`` reads, if any) is closed once ``chunks`` is.
    """
    pump = asyncio.ensure_future(_pump(chunks, send))
    watcher = asyncio.ensure_future(_wait_for_disconnect(receive))
    try:
        await asyncio.wait((pump, watcher), return_when=asyncio.FIRST_COMPLETED)
    finally:
        client_left = watcher.done() and not watcher.cancelled() and watcher.exception() is None
        for task in (pump, watcher):
            if not task.done():
                task.cancel()
        await asyncio.gather(pump, watcher, return_exceptions=True)
        aclose = getattr(chunks, 'aclose', None)
        if aclose is not None:
            try:
                await aclose()
            except Exception as error:
                report(error)
        if source is not None:
            await close_source(source, report)
    if client_left:
        return False
    failure = pump.exception() if not pump.cancelled() else None
    if failure is not None:
        report(failure)
    await send({'type': 'http.response.body', 'body': b'', 'more_body': False})
    return True
