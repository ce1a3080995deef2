"""An ASGI app that counts open SSE emitters, served by uvicorn in the disconnect tests."""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import AsyncIterator
from typing import Any

import falcon
import falcon.asgi
from falcon.asgi import SSEvent


class Counters:
    def __init__(self) -> None:
        self.opened = 0
        self.closed = 0
        self.last_closed_at = 0.0


counters = Counters()


class IdleStream:
    """Sends one event, then waits forever: only a disconnect can end it."""

    async def on_get(self, req: Any, resp: Any) -> None:
        async def emitter() -> AsyncIterator[SSEvent]:
            counters.opened += 1
            try:
                yield SSEvent(data='x' * 64, event_id=str(counters.opened))
                await asyncio.Event().wait()
                yield SSEvent(data='never')
            finally:
                counters.closed += 1
                counters.last_closed_at = time.time()

        resp.sse = emitter()


def _rss_bytes() -> int:
    with open('/proc/self/statm') as statm:
        pages = int(statm.read().split()[1])
    import resource

    return pages * resource.getpagesize()


class Stats:
    async def on_get(self, req: Any, resp: Any) -> None:
        gc.collect()
        resp.media = {
            'opened': counters.opened,
            'closed': counters.closed,
            'last_closed_at': counters.last_closed_at,
            'tasks': len(asyncio.all_tasks()),
            'rss': _rss_bytes(),
        }


app = falcon.asgi.App()
app.sse_ping_interval = None
app.add_route('/idle', IdleStream())
app.add_route('/stats', Stats())


class Limits:
    """WebSocket error paths: oversized messages, unhandled errors, HTTP errors."""

    async def on_websocket(self, req: Any, ws: Any, mode: str) -> None:
        if mode == 'forbidden':
            raise falcon.HTTPForbidden(title='No entry')
        await ws.accept()
        message = await ws.receive_text()
        if mode == 'crash':
            raise RuntimeError('unhandled in on_websocket')
        await ws.send_text(message)
        await ws.receive_text()


app.add_route('/ws/{mode}', Limits())
app.ws_options.max_message_size = 1024
