"""Real-time throughput in-process: WebSocket echo and Server-Sent Events, app vs raw ASGI.

Each figure drives an ASGI callable through in-memory queues (no sockets), so it measures
framework overhead only:

* WebSocket echo: one connection, the client sends a text message and waits for its echo,
  ``messages`` times (a round trip per message). Falcon runs an ``on_websocket`` responder
  with ``receive_text()`` / ``send_text()``; the raw app echoes ``websocket.receive`` events.
* SSE: one response of ``events`` events. Falcon runs ``resp.sse`` = an async generator of
  ``SSEvent(data=...)``; the raw app formats ``data: ...`` blocks itself and sends each one
  as its own chunk. Falcon coalesces events that are ready together into one chunk, so the
  events are counted in the bytes received, not by chunk.

Run: ``python benchmarks/bench_realtime.py`` (``main()`` is also called by
``benchmarks/run.py``).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import falcon.asgi
from falcon.asgi import SSEvent

App = Callable[..., Any]

WS_SCOPE: dict[str, Any] = {
    'type': 'websocket',
    'asgi': {'version': '3.0', 'spec_version': '2.3'},
    'path': '/ws',
    'raw_path': b'/ws',
    'query_string': b'',
    'headers': [(b'host', b'localhost')],
    'client': ('127.0.0.1', 5000),
    'server': ('127.0.0.1', 8000),
    'subprotocols': [],
}
HTTP_SCOPE: dict[str, Any] = {
    'type': 'http',
    'asgi': {'version': '3.0', 'spec_version': '2.4'},
    'http_version': '1.1',
    'method': 'GET',
    'scheme': 'http',
    'path': '/events',
    'raw_path': b'/events',
    'query_string': b'',
    'root_path': '',
    'headers': [(b'host', b'localhost')],
    'client': ('127.0.0.1', 5000),
    'server': ('127.0.0.1', 8000),
}


class EchoResource:
    async def on_websocket(self, req: Any, ws: Any) -> None:
        await ws.accept()
        try:
            while True:
                await ws.send_text(await ws.receive_text())
        except falcon.WebSocketDisconnected:
            pass


class EventsResource:
    def __init__(self, count: int) -> None:
        self.count = count

    async def on_get(self, req: Any, resp: Any) -> None:
        count = self.count

        async def emitter() -> AsyncIterator[SSEvent]:
            for i in range(count):
                yield SSEvent(data=str(i))

        resp.sse = emitter()


def falcon_ws_app() -> App:
    app = falcon.asgi.App()
    app.add_route('/ws', EchoResource())
    return app


def falcon_sse_app(count: int) -> App:
    app = falcon.asgi.App()
    app.add_route('/events', EventsResource(count))
    return app


async def raw_ws_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    await receive()
    await send({'type': 'websocket.accept'})
    while True:
        event = await receive()
        if event['type'] == 'websocket.disconnect':
            return
        await send({'type': 'websocket.send', 'text': event['text']})


def raw_sse_app(count: int) -> App:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await receive()
        await send(
            {
                'type': 'http.response.start',
                'status': 200,
                'headers': [
                    (b'content-type', b'text/event-stream'),
                    (b'cache-control', b'no-cache'),
                ],
            }
        )
        for i in range(count):
            block = f'data: {i}\n\n'.encode()
            await send({'type': 'http.response.body', 'body': block, 'more_body': True})
        await send({'type': 'http.response.body', 'body': b'', 'more_body': False})

    return app


async def ws_echo_rate(app: App, messages: int) -> float:
    to_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    to_client: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    to_app.put_nowait({'type': 'websocket.connect'})

    async def send(event: dict[str, Any]) -> None:
        to_client.put_nowait(event)

    task = asyncio.ensure_future(app(dict(WS_SCOPE), to_app.get, send))
    accepted = await to_client.get()
    assert accepted['type'] == 'websocket.accept', accepted
    message = {'type': 'websocket.receive', 'text': 'hello, falcon'}
    start = time.perf_counter()
    for _ in range(messages):
        to_app.put_nowait(message)
        echoed = await to_client.get()
    elapsed = time.perf_counter() - start
    assert echoed['text'] == 'hello, falcon'
    to_app.put_nowait({'type': 'websocket.disconnect', 'code': 1000})
    await task
    return messages / elapsed


async def sse_rate(app: App, events: int) -> float:
    to_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    to_app.put_nowait({'type': 'http.request', 'body': b'', 'more_body': False})
    received = 0

    async def send(event: dict[str, Any]) -> None:
        nonlocal received
        body = event.get('body')
        if body:
            received += body.count(b'\n\n')

    start = time.perf_counter()
    await app(dict(HTTP_SCOPE), to_app.get, send)
    elapsed = time.perf_counter() - start
    assert received == events, received
    return events / elapsed


async def measure(messages: int, events: int, repeats: int) -> list[tuple[str, float, float]]:
    rows = []
    falcon_ws = max([await ws_echo_rate(falcon_ws_app(), messages) for _ in range(repeats)])
    raw_ws = max([await ws_echo_rate(raw_ws_app, messages) for _ in range(repeats)])
    rows.append(('WebSocket echo (messages/s)', falcon_ws, raw_ws))
    falcon_sse = max([await sse_rate(falcon_sse_app(events), events) for _ in range(repeats)])
    raw_sse = max([await sse_rate(raw_sse_app(events), events) for _ in range(repeats)])
    rows.append(('SSE (events/s)', falcon_sse, raw_sse))
    return rows


def main(messages: int = 20_000, events: int = 50_000, repeats: int = 3) -> list[Any]:
    """Measure, print a table, and return its rows ``(name, falcon, raw)``."""
    rows = asyncio.run(measure(messages, events, repeats))
    print(f'{"in-process, one connection":<30} {"falcon":>12} {"raw ASGI":>12} {"ratio":>7}')
    for name, app_rate, raw_rate in rows:
        print(f'{name:<30} {app_rate:>12,.0f} {raw_rate:>12,.0f} {raw_rate / app_rate:>6.2f}x')
    return rows


if __name__ == '__main__':
    main()
