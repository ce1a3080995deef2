"""A WSGI app whose ``async def`` responders share loop-bound asyncio objects.

Served by gunicorn's threaded worker, every request runs on one of eight worker threads; the
lock, the semaphore and the batcher (created by the first request, holding futures and a
background task) work only because every thread's coroutines run on the same event loop.
At import the module runs a coroutine through ``falcon.util.sync.async_to_sync``, as an app
warming a cache would, which is what a preloading arbiter does before it forks its workers.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import falcon
from falcon.util.sync import async_to_sync


async def _warm_up() -> str:
    await asyncio.sleep(0.01)
    return f'warmed in {os.getpid()}'


WARM = async_to_sync(_warm_up)
LOCK = asyncio.Lock()
SEMAPHORE = asyncio.Semaphore(4)


class Batcher:
    """Doubles numbers on a background task; callers wait on futures of the loop."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[tuple[int, asyncio.Future[int]]] = asyncio.Queue()
        self._worker = asyncio.get_running_loop().create_task(self._serve())

    async def _serve(self) -> None:
        while True:
            number, future = await self._queue.get()
            await asyncio.sleep(0)
            if not future.cancelled():
                future.set_result(number * 2)

    async def double(self, number: int) -> int:
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        await self._queue.put((number, future))
        return await future


_batcher: Batcher | None = None
_counter = 0


def _batcher_on_first_use() -> Batcher:
    global _batcher
    if _batcher is None:
        _batcher = Batcher()
    return _batcher


class Work:
    async def on_get(self, req: falcon.Request, resp: falcon.Response, number: int) -> None:
        global _counter
        async with SEMAPHORE:
            await asyncio.sleep(0.002)
            async with LOCK:
                seen = _counter
                await asyncio.sleep(0)
                _counter = seen + 1
            doubled = await _batcher_on_first_use().double(number)
        resp.media = {'number': number, 'doubled': doubled, 'warm': WARM.startswith('warmed')}


class Count:
    async def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        async with LOCK:
            resp.media = {'count': _counter, 'pid': os.getpid()}


def create_app() -> Any:
    """The app: ``GET /work/{number}`` and ``GET /count``."""
    wsgi_app = falcon.App()
    wsgi_app.add_route('/work/{number:int}', Work())
    wsgi_app.add_route('/count', Count())
    return wsgi_app


app = create_app()
