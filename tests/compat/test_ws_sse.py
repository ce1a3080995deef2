"""ASGI-only features: WebSocket and server-sent events (Falcon 4 WebSocket and SSE pages)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

import falcon
import falcon.asgi
from falcon import testing


class Echo:
    async def on_websocket(self, req: Any, ws: Any) -> None:
        await ws.accept()
        while True:
            try:
                text = await ws.receive_text()
            except falcon.WebSocketDisconnected:
                return
            await ws.send_text(f'echo:{text}')


class Refuse:
    async def on_websocket(self, req: Any, ws: Any) -> None:
        raise falcon.HTTPForbidden()


async def test_websocket_echo() -> None:
    app = falcon.asgi.App()
    app.add_route('/ws', Echo())
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            await ws.send_text('hi')
            assert await ws.receive_text() == 'echo:hi'


@pytest.mark.parametrize(('path', 'code'), [('/nowhere', 3404), ('/refuse', 3403)])
async def test_websocket_error_close_codes(path: str, code: int) -> None:
    app = falcon.asgi.App()
    app.add_route('/refuse', Refuse())
    async with testing.ASGIConductor(app) as conductor:
        with pytest.raises(falcon.WebSocketDisconnected) as disconnected:
            async with conductor.simulate_ws(path) as ws:
                await ws.receive_text()
        assert disconnected.value.code == code


@pytest.mark.parametrize(
    ('event', 'serialized'),
    [
        (falcon.asgi.SSEvent(data=b'hi'), b'data: hi\n\n'),
        (falcon.asgi.SSEvent(text='hi'), b'data: hi\n\n'),
        (falcon.asgi.SSEvent(json={'a': 1}), b'data: {"a": 1}\n\n'),
        (falcon.asgi.SSEvent(), b': ping\n\n'),
        (
            falcon.asgi.SSEvent(data=b'x', event='update', event_id='7', retry=5000),
            b'event: update\nid: 7\nretry: 5000\ndata: x\n\n',
        ),
    ],
)
def test_sse_serialize(event: falcon.asgi.SSEvent, serialized: bytes) -> None:
    assert event.serialize() == serialized


async def test_sse_response() -> None:
    class Feed:
        async def on_get(self, req: Any, resp: Any) -> None:
            async def events() -> AsyncIterator[falcon.asgi.SSEvent]:
                yield falcon.asgi.SSEvent(text='one')
                yield falcon.asgi.SSEvent(text='two', event='n')

            resp.sse = events()

    app = falcon.asgi.App()
    app.add_route('/feed', Feed())
    result = testing.simulate_get(app, '/feed')
    assert result.status_code == 200
    assert result.headers['Content-Type'] == 'text/event-stream'
    assert result.content == b'data: one\n\nevent: n\ndata: two\n\n'
