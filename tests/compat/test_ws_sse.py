"""ASGI-only features: WebSocket (options, ``simulate_ws`` details) and server-sent events
and their fields (Falcon 4 WebSocket and SSE pages)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.media
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


def test_websocket_options_defaults() -> None:
    options = falcon.asgi.WebSocketOptions()
    assert options.error_close_code == 1011
    assert isinstance(options.default_close_reasons, dict)
    handlers = options.media_handlers
    assert isinstance(handlers[falcon.WebSocketPayloadType.TEXT], falcon.media.JSONHandlerWS)
    assert isinstance(
        handlers[falcon.WebSocketPayloadType.BINARY], falcon.media.MessagePackHandlerWS
    )
    assert isinstance(falcon.asgi.App().ws_options, falcon.asgi.WebSocketOptions)


def test_max_receive_queue_default() -> None:
    """A deliberate difference: Falcon 4 defaults max_receive_queue to 4; the brief this
    project implements documents ``WebSocketOptions(media_handlers=None,
    max_receive_queue=32)``, and the brief's default wins."""
    assert falcon.asgi.WebSocketOptions().max_receive_queue == 32


async def test_accept_with_subprotocol() -> None:
    seen: list[Any] = []

    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            seen.append(tuple(ws.subprotocols))
            seen.append(ws.unaccepted)
            await ws.accept(subprotocol='wamp', headers={'X-Hello': 'yes'})
            seen.append([ws.ready, ws.closed])
            await ws.send_text('hi')
            seen.append(await ws.receive_text())

    app = falcon.asgi.App()
    app.add_route('/ws', Res())
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/ws', subprotocols=['wamp', 'mqtt']) as ws:
            assert ws.subprotocol == 'wamp'
            assert await ws.receive_text() == 'hi'
            assert ws.ready
            assert ('x-hello', 'yes') in [(name.lower(), value) for name, value in ws.headers]
            await ws.send_text('bye')
    assert seen == [('wamp', 'mqtt'), True, [True, False], 'bye']


async def test_media_round_trip() -> None:
    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            media = await ws.receive_media()
            await ws.send_media({'echo': media})
            data = await ws.receive_data()
            await ws.send_data(data[::-1])
            await ws.send_media([1, 2], falcon.WebSocketPayloadType.BINARY)

    app = falcon.asgi.App()
    app.add_route('/ws', Res())
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            await ws.send_json({'a': 1})
            assert await ws.receive_json() == {'echo': {'a': 1}}
            await ws.send_data(b'\x01\x02\x03')
            assert await ws.receive_data() == b'\x03\x02\x01'
            assert await ws.receive_msgpack() == [1, 2]


@pytest.mark.parametrize(('code', 'reason'), [(1000, None), (4000, None), (4001, 'bye')])
async def test_server_close_code_and_reason(code: int, reason: str | None) -> None:
    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            await ws.close(code, reason) if reason else await ws.close(code)

    app = falcon.asgi.App()
    app.add_route('/ws', Res())
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/ws', spec_version='2.3') as ws:
            with pytest.raises(falcon.WebSocketDisconnected) as disconnected:
                await ws.receive_text()
            assert disconnected.value.code == code
            assert ws.closed
            assert ws.close_code == code
            if reason:
                assert ws.close_reason == reason


async def test_client_close_reaches_server() -> None:
    codes: list[int] = []

    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            try:
                await ws.receive_text()
            except falcon.WebSocketDisconnected as disconnected:
                codes.append(disconnected.code)

    app = falcon.asgi.App()
    app.add_route('/ws', Res())
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            await ws.close(4100)
    assert codes == [4100]


class _Fails:
    def __init__(self, error: Exception, accept: bool) -> None:
        self.error = error
        self.accept = accept

    async def on_websocket(self, req: Any, ws: Any) -> None:
        if self.accept:
            await ws.accept()
        raise self.error


@pytest.mark.parametrize(
    ('error', 'accept', 'code'),
    [
        (RuntimeError('boom'), True, 1011),
        (falcon.HTTPNotFound(), False, 3404),
        (falcon.HTTPUnauthorized(), False, 3401),
        (falcon.HTTPForbidden(), True, 3403),
        (falcon.HTTPBadRequest(), False, 3400),
    ],
)
async def test_error_close_codes(error: Exception, accept: bool, code: int) -> None:
    app = falcon.asgi.App()
    app.add_route('/ws', _Fails(error, accept))
    async with testing.ASGIConductor(app) as conductor:
        with pytest.raises(falcon.WebSocketDisconnected) as disconnected:
            async with conductor.simulate_ws('/ws') as ws:
                await ws.receive_text()
        assert disconnected.value.code == code


async def test_custom_error_close_code() -> None:
    app = falcon.asgi.App()
    app.ws_options.error_close_code = 4999
    app.add_route('/ws', _Fails(RuntimeError('boom'), True))
    async with testing.ASGIConductor(app) as conductor:
        with pytest.raises(falcon.WebSocketDisconnected) as disconnected:
            async with conductor.simulate_ws('/ws') as ws:
                await ws.receive_text()
        assert disconnected.value.code == 4999


async def test_route_without_websocket_responder() -> None:
    class HttpOnly:
        async def on_get(self, req: Any, resp: Any) -> None:
            pass

    app = falcon.asgi.App()
    app.add_route('/ws', HttpOnly())
    async with testing.ASGIConductor(app) as conductor:
        with pytest.raises(falcon.WebSocketDisconnected) as disconnected:
            async with conductor.simulate_ws('/ws') as ws:
                await ws.receive_text()
        assert disconnected.value.code == 3405


async def test_websocket_error_handler() -> None:
    class Oops(Exception):
        pass

    seen: list[Any] = []

    async def handle(req: Any, resp: Any, error: Exception, params: Any, ws: Any = None) -> None:
        seen.append([resp, isinstance(ws, falcon.asgi.WebSocket)])
        await ws.close(4321)

    app = falcon.asgi.App()
    app.add_error_handler(Oops, handle)
    app.add_route('/ws', _Fails(Oops(), True))
    async with testing.ASGIConductor(app) as conductor:
        with pytest.raises(falcon.WebSocketDisconnected) as disconnected:
            async with conductor.simulate_ws('/ws') as ws:
                await ws.receive_text()
        assert disconnected.value.code == 4321
    assert seen == [[None, True]]


async def test_path_params_and_request_metadata() -> None:
    seen: list[Any] = []

    class Res:
        async def on_websocket(self, req: Any, ws: Any, room: str) -> None:
            seen.append([room, req.path, req.get_param('token'), req.get_header('X-Client')])
            await ws.accept()

    app = falcon.asgi.App()
    app.add_route('/rooms/{room}', Res())
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws(
            '/rooms/lobby', query_string='token=t', headers={'X-Client': 'c'}
        ):
            pass
    assert seen == [['lobby', '/rooms/lobby', 't', 'c']]


@pytest.mark.parametrize(
    ('kwargs', 'serialized'),
    [
        ({'comment': 'keepalive'}, b': keepalive\n\n'),
        ({'event_id': 'abc'}, b'id: abc\n\n'),
        ({'retry': 1500}, b'retry: 1500\n\n'),
        ({'event': 'tick'}, b'event: tick\n\n'),
        ({'text': 'hé'}, 'data: hé\n\n'.encode()),
        ({'json': [1, 'x']}, b'data: [1, "x"]\n\n'),
        ({'data': b'raw', 'text': 'ignored'}, b'data: raw\n\n'),
        ({'text': 'wins', 'json': {'a': 1}}, b'data: wins\n\n'),
        (
            {'comment': 'c', 'event': 'e', 'event_id': '1', 'retry': 10, 'data': b'd'},
            b': c\nevent: e\nid: 1\nretry: 10\ndata: d\n\n',
        ),
    ],
)
def test_sse_fields(kwargs: dict[str, Any], serialized: bytes) -> None:
    event = falcon.asgi.SSEvent(**kwargs)
    for name, value in kwargs.items():
        assert getattr(event, name) == value
    assert event.serialize() == serialized


def test_sse_defaults() -> None:
    event = falcon.asgi.SSEvent()
    assert [event.data, event.text, event.json, event.event, event.event_id] == [None] * 5
    assert [event.retry, event.comment] == [None, None]
