"""Real-time throughput in-process: WebSocket echo and Server-Sent Events, app vs raw ASGI.

Each figure drives an ASGI callable through in-memory queues (no sockets), so it measures
framework overhead only:

* WebSocket echo, round trip: one connection, the client sends a text message and waits
  for its echo, ``messages`` times. Each message costs two task switches through the event
  loop (about 10 us even for the raw app here), so this row mostly shows the loop.
* WebSocket echo, ready messages: one connection whose ``receive`` hands out ``messages``
  text messages that are already waiting, then the disconnect; ``send`` keeps a count. No
  task switch is measured: this is the framework's cost per message, the row the goal is
  set for. In both rows falcon runs an ``on_websocket`` responder with ``receive_text()`` /
  ``send_text()``; the raw app echoes ``websocket.receive`` events.
* SSE: responses of ``events`` ready events (1 000 by default). Falcon runs ``resp.sse`` = an
  async generator of ``SSEvent(data=..., event_id=...)``; the raw app formats ``id:``/``data:``
  blocks itself and sends each one as its own chunk. Falcon coalesces events that are ready
  together into one chunk, so the events are counted in the bytes received, not by chunk.

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
                yield SSEvent(data=str(i), event_id=str(i))

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
            block = f'id: {i}\ndata: {i}\n\n'.encode()
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


WS_GOAL_US = 3.5
"""Most microseconds per echoed WebSocket message allowed (0.75x Falcon 4.4's 4.66)."""
SSE_GOAL_US = 1.05
"""Most microseconds per SSE event allowed (0.75x Falcon 4.4's 1.40)."""


async def ws_ready_rate(app: App, messages: int) -> float:
    """Messages per second echoed when every message is already waiting: ``receive`` hands
    out the next one at once and ``send`` keeps a count, so no task switch is measured."""
    events: list[dict[str, Any]] = [{'type': 'websocket.connect'}]
    events += [{'type': 'websocket.receive', 'text': 'hello, falcon'}] * messages
    events.append({'type': 'websocket.disconnect', 'code': 1000})
    pending = iter(events)
    sent = [0]

    async def receive() -> dict[str, Any]:
        return next(pending)

    async def send(event: dict[str, Any]) -> None:
        sent[0] += 1

    start = time.perf_counter()
    await app(dict(WS_SCOPE), receive, send)
    elapsed = time.perf_counter() - start
    assert sent[0] == messages + 1, sent  # the accept, then one echo per message
    return messages / elapsed


async def measure(
    messages: int, events: int, responses: int, rounds: int
) -> list[tuple[str, float, float, float | None]]:
    """Rows ``(name, falcon_us, raw_us, goal_us)``: best of ``rounds``, microseconds per item."""

    async def ws_us(app: App) -> float:
        return 1e6 / await ws_echo_rate(app, messages)

    async def sse_us(make_app: Callable[[], App]) -> float:
        start = time.perf_counter()
        for _ in range(responses):
            await sse_rate(make_app(), events)
        return (time.perf_counter() - start) * 1e6 / (responses * events)

    async def ws_ready_us(app: App) -> float:
        return 1e6 / await ws_ready_rate(app, messages)

    falcon_ws = min([await ws_us(falcon_ws_app()) for _ in range(rounds)])
    raw_ws = min([await ws_us(raw_ws_app) for _ in range(rounds)])
    falcon_ready = min([await ws_ready_us(falcon_ws_app()) for _ in range(rounds)])
    raw_ready = min([await ws_ready_us(raw_ws_app) for _ in range(rounds)])
    sse_app, raw_sse = falcon_sse_app(events), raw_sse_app(events)
    falcon_sse = min([await sse_us(lambda: sse_app) for _ in range(rounds)])
    raw_sse_us = min([await sse_us(lambda: raw_sse) for _ in range(rounds)])
    return [
        ('WebSocket echo, round trip (us/message)', falcon_ws, raw_ws, None),
        ('WebSocket echo, ready messages (us/message)', falcon_ready, raw_ready, WS_GOAL_US),
        (f'SSE, {events} ready events with ids (us/event)', falcon_sse, raw_sse_us, SSE_GOAL_US),
    ]


def main(
    messages: int = 20_000, events: int = 1_000, responses: int = 20, rounds: int = 5
) -> list[Any]:
    """Measure, print a table, and return its rows ``(name, falcon_us, raw_us, goal_us)``."""
    rows = asyncio.run(measure(messages, events, responses, rounds))
    print(f'{"in process, one connection":<44} {"raw ASGI":>9} {"asgi.App":>9} {"goal":>7}')
    for name, app_us, raw_us, goal_us in rows:
        if goal_us is None:
            print(f'{name:<44} {raw_us:>9.2f} {app_us:>9.2f} {"-":>7}')
            continue
        verdict = 'ok' if app_us <= goal_us else 'OVER'
        print(f'{name:<44} {raw_us:>9.2f} {app_us:>9.2f} {goal_us:>7.2f}  {verdict}')
    return rows


if __name__ == '__main__':
    main()
