"""Sending a streamed response body over ASGI.

Rules: every kind of ``resp.stream`` becomes one async iterator of ``bytes``: async
iterables as they are; async file-likes read in blocks; sync file-likes and sync iterators
read on the app's thread pool (a list or tuple is walked inline). While the body is sent, a watcher
waits for ``http.disconnect``; when the client leaves, the sender is cancelled and the
source is closed (``aclose()`` / ``close()``) at once, even while it is idle. An exception
raised by the source is reported and ends the body.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from falcon.asgi._driver import run_in_thread
from falcon.core._calls import is_async_callable

__all__ = ['iterate_stream', 'send_streamed']

Send = Callable[[dict[str, Any]], Awaitable[None]]
Receive = Callable[[], Awaitable[dict[str, Any]]]

BLOCK_SIZE = 64 * 1024
_DONE = object()


async def _close(source: Any) -> None:
    aclose = getattr(source, 'aclose', None)
    if aclose is not None:
        await aclose()
        return
    close = getattr(source, 'close', None)
    if close is not None:
        result = close()
        if inspect.isawaitable(result):
            await result


async def iterate_stream(
    source: Any, run: Callable[..., Awaitable[Any]] = run_in_thread
) -> AsyncIterator[bytes]:
    """Yield the chunks of any supported body source, closing the source at the end.

    Blocking reads go through ``run(func, *args)`` (the app's thread pool).
    """
    try:
        if hasattr(source, '__aiter__'):
            async for chunk in source:
                yield chunk
        elif hasattr(source, 'read'):
            read = source.read
            if is_async_callable(read):
                while chunk := await read(BLOCK_SIZE):
                    yield chunk
            else:
                while chunk := await run(read, BLOCK_SIZE):
                    yield chunk
        elif isinstance(source, (list, tuple)):
            for chunk in source:
                yield chunk
        else:
            iterator = iter(source)
            while (chunk := await run(next, iterator, _DONE)) is not _DONE:
                yield chunk
    finally:
        await _close(source)


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
) -> bool:
    """Send ``chunks`` as the body; return ``False`` when the client left first."""
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
    if client_left:
        return False
    failure = pump.exception() if not pump.cancelled() else None
    if failure is not None:
        report(failure)
    await send({'type': 'http.response.body', 'body': b'', 'more_body': False})
    return True
