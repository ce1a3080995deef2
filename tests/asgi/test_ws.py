"""WebSocket connections through falcon.asgi.App, driven by the simulated client."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import msgpack  # type: ignore[import-untyped]
import pytest

import falcon
import falcon.asgi
from falcon.asgi import WebSocket, WebSocketOptions
from falcon.asgi.ws import http_status_to_ws_code
from falcon.core._errors import PayloadTypeError
from falcon.core._ws import CLOSED, CONNECTING, OPEN
from falcon.testing import ASGIConductor
from falcon.testing._ws import simulate_ws


def app_with(resource: Any, path: str = '/ws', **kwargs: Any) -> falcon.asgi.App:
    app = falcon.asgi.App(**kwargs)
    app.add_route(path, resource)
    return app


class Echo:
    """The seed's EchoWebSocket."""

    def __init__(self) -> None:
        self.disconnected = asyncio.Event()

    async def on_websocket(self, req: Any, ws: Any) -> None:
        await ws.accept()
        try:
            while True:
                try:
                    data = await ws.receive_json()
                    await ws.send_json({'echo': data, 'type': 'json'})
                except ValueError:
                    message = await ws.receive_text()
                    await ws.send_text(f'Echo: {message}')
        except falcon.WebSocketDisconnected:
            self.disconnected.set()


def test_http_status_to_ws_code() -> None:
    assert http_status_to_ws_code(403) == 3403
    assert http_status_to_ws_code(500) == 3500


def test_options_defaults_and_arguments() -> None:
    options = WebSocketOptions()
    assert options.max_receive_queue == 32
    assert options.error_close_code == 1011
    assert options.default_close_reasons[1000] == 'Normal Closure'
    assert options.default_close_reasons[3404] == 'Not Found'
    assert set(options.media_handlers) == {
        falcon.WebSocketPayloadType.TEXT,
        falcon.WebSocketPayloadType.BINARY,
    }
    custom = WebSocketOptions(media_handlers={}, max_receive_queue=4)
    assert custom.media_handlers == {}
    assert custom.max_receive_queue == 4
    app = falcon.asgi.App()
    assert isinstance(app.ws_options, WebSocketOptions)
    app.ws_options = custom
    assert app.ws_options is custom


async def test_seed_echo() -> None:
    echo = Echo()
    async with ASGIConductor(app_with(echo)) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            await ws.send_json({'a': 1})
            assert await ws.receive_json() == {'echo': {'a': 1}, 'type': 'json'}
            await ws.send_text('not json')
            assert await ws.receive_text() == 'Echo: not json'
            await ws.send_text('hello')
            assert await ws.receive_text() == 'Echo: hello'
            await ws.send_text('[1, "two"]')
            assert await ws.receive_json() == {'echo': [1, 'two'], 'type': 'json'}
            await ws.send_text('{"half": ')
            assert await ws.receive_text() == 'Echo: {"half": '
    await asyncio.wait_for(echo.disconnected.wait(), 2)


async def test_message_kinds_both_ways() -> None:
    class Kinds:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            await ws.send_text(await ws.receive_text() + '!')
            await ws.send_data(await ws.receive_data() + b'!')
            await ws.send_json(await ws.receive_json())
            await ws.send_msgpack(await ws.receive_msgpack())
            await ws.send_media(await ws.receive_media())
            await ws.send_media(await ws.receive_media(), falcon.WebSocketPayloadType.BINARY)

    async with simulate_ws(app_with(Kinds()), '/ws') as ws:
        await ws.send_text('t')
        assert await ws.receive_text() == 't!'
        await ws.send_data(b'\x00\xff')
        assert await ws.receive_data() == b'\x00\xff!'
        await ws.send_json({'\u00e9': [1, None]})
        assert await ws.receive_json() == {'\u00e9': [1, None]}
        await ws.send_msgpack({'b': b'\x01'})
        assert await ws.receive_msgpack() == {'b': b'\x01'}
        await ws.send_json([1])
        assert await ws.receive_json() == [1]
        await ws.send_msgpack({'m': 2})
        assert await ws.receive_msgpack() == {'m': 2}


@pytest.mark.parametrize(
    ('send', 'receive', 'error'),
    [
        ('send_data', 'receive_text', PayloadTypeError),
        ('send_text', 'receive_data', TypeError),
        ('send_data', 'receive_media', ValueError),
    ],
)
async def test_bad_payload_is_consumed_and_connection_stays_usable(
    send: str, receive: str, error: type[Exception]
) -> None:
    errors: list[BaseException] = []

    class Strict:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            try:
                await getattr(ws, receive)()
            except Exception as ex:
                errors.append(ex)
            await ws.send_text(await ws.receive_text())

    payload: Any = b'\xc1\xc1' if send == 'send_data' else '{not json'
    async with simulate_ws(app_with(Strict()), '/ws') as ws:
        await getattr(ws, send)(payload)
        await ws.send_text('still here')
        assert await ws.receive_text() == 'still here'
    assert len(errors) == 1
    assert isinstance(errors[0], error)


@pytest.mark.parametrize(
    ('send', 'payload', 'decoder', 'error', 'fallback', 'expected'),
    [
        ('send_text', 'plain', 'receive_json', ValueError, 'receive_text', 'plain'),
        ('send_data', b'\xff\xfe', 'receive_json', ValueError, 'receive_data', b'\xff\xfe'),
        ('send_data', b'\xc1', 'receive_msgpack', ValueError, 'receive_data', b'\xc1'),
        ('send_text', 'text', 'receive_msgpack', PayloadTypeError, 'receive_text', 'text'),
        ('send_text', '[1]', 'receive_msgpack', PayloadTypeError, 'receive_json', [1]),
        ('send_data', b'{"a": 2}', 'receive_msgpack', ValueError, 'receive_json', {'a': 2}),
        ('send_text', '"m"', 'receive_msgpack', PayloadTypeError, 'receive_media', 'm'),
    ],
)
async def test_a_decoder_leaves_what_it_refuses_for_the_next_receive(
    send: str, payload: Any, decoder: str, error: type[Exception], fallback: str, expected: Any
) -> None:
    seen: list[Any] = []

    class Fallback:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            try:
                await getattr(ws, decoder)()
            except Exception as ex:
                seen.append(ex)
                seen.append(await getattr(ws, fallback)())
            seen.append(await ws.receive_text())

    async with simulate_ws(app_with(Fallback()), '/ws') as ws:
        await getattr(ws, send)(payload)
        await ws.send_text('next')
    assert isinstance(seen[0], error)
    assert seen[1:] == [expected, 'next']


async def test_each_decoder_refuses_a_message_once_then_takes_the_next() -> None:
    seen: list[Any] = []

    class Decoders:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            for receive in ('receive_json', 'receive_msgpack', 'receive_json'):
                try:
                    seen.append(await getattr(ws, receive)())
                except ValueError:
                    seen.append(f'{receive} refused')

    async with simulate_ws(app_with(Decoders()), '/ws') as ws:
        await ws.send_data(b'\xc1')  # neither JSON nor MessagePack
        await ws.send_text('{"n": 2}')
    # json refuses, msgpack refuses the same message, json again drops it and takes the next.
    assert seen == [
        'receive_json refused',
        'receive_msgpack refused',
        {'n': 2},
    ]


async def test_a_loop_on_one_decoder_moves_past_bad_messages() -> None:
    seen: list[Any] = []

    class SkipBad:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            while len(seen) < 5:
                try:
                    seen.append(await ws.receive_json())
                except ValueError:
                    seen.append('bad')

    async with simulate_ws(app_with(SkipBad()), '/ws') as ws:
        for text in ('1', 'x', 'y', '2', '{'):
            await ws.send_text(text)
    assert seen == [1, 'bad', 'bad', 2, 'bad']


async def test_a_held_message_is_read_after_the_client_left_and_dropped_by_close() -> None:
    seen: list[Any] = []

    class Late:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            while not ws.closed:  # the client's message, then its disconnect, arrive
                await asyncio.sleep(0.01)
            with pytest.raises(ValueError):
                await ws.receive_json()
            seen.append(await ws.receive_text())
            with pytest.raises(falcon.WebSocketDisconnected):
                await ws.receive_text()

    async with simulate_ws(app_with(Late()), '/ws') as ws:
        await ws.send_text('last words')
        await ws.close()
    assert seen == ['last words']

    class ClosesFirst:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            with pytest.raises(ValueError):
                await ws.receive_json()
            await ws.close()
            with pytest.raises(falcon.WebSocketDisconnected):
                await ws.receive_text()
            seen.append('dropped')

    async with simulate_ws(app_with(ClosesFirst()), '/ws') as ws:
        await ws.send_text('unread')
        with pytest.raises(falcon.WebSocketDisconnected):
            await ws.receive_text()
    assert seen == ['last words', 'dropped']


async def test_attributes() -> None:
    seen: dict[str, Any] = {}

    class Inspect:
        async def on_websocket(self, req: Any, ws: Any, room: str) -> None:
            seen['before'] = (ws.ready_state, ws.unaccepted, ws.ready, ws.closed)
            await ws.accept(subprotocol='chat.v2', headers={'X-Room': room})
            seen['after'] = (ws.ready_state, ws.unaccepted, ws.ready, ws.closed)
            seen['room'] = room
            seen['is_websocket'] = req.is_websocket
            seen['subprotocols'] = ws.subprotocols
            seen['path'] = ws.path
            seen['query'] = ws.query_string
            seen['header'] = ws.headers.get('x-token')
            seen['client'] = ws.client_address
            seen['accept_headers'] = ws.supports_accept_headers
            ws.context.user = 'ann'
            seen['context'] = ws.context.user
            await ws.close(4000, 'bye')
            seen['closed'] = (ws.ready_state, ws.closed, ws.close_code)

    app = app_with(Inspect(), '/rooms/{room}')
    context = simulate_ws(
        app,
        '/rooms/blue',
        query_string='a=1',
        headers={'X-Token': 't'},
        subprotocols=['chat.v1', 'chat.v2'],
        spec_version='2.3',
    )
    async with context as ws:
        with pytest.raises(falcon.WebSocketDisconnected):
            await ws.receive_text()
    assert ws.subprotocol == 'chat.v2'
    assert ('x-room', 'blue') in ws.headers
    assert (ws.close_code, ws.close_reason) == (4000, 'bye')
    assert seen['before'] == (CONNECTING, True, False, False)
    assert seen['after'] == (OPEN, False, True, False)
    assert seen['room'] == 'blue'
    assert seen['is_websocket'] is True
    assert seen['subprotocols'] == ('chat.v1', 'chat.v2')
    assert (seen['path'], seen['query'], seen['header']) == ('/rooms/blue', 'a=1', 't')
    assert seen['client'][0] == '127.0.0.1'
    assert seen['accept_headers'] is True
    assert seen['context'] == 'ann'
    assert seen['closed'] == (CLOSED, True, 4000)


async def test_close_reason_defaults_with_spec_2_3() -> None:
    class Closer:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            await ws.close()

    context = simulate_ws(app_with(Closer()), '/ws', spec_version='2.3')
    async with context as ws:
        with pytest.raises(falcon.WebSocketDisconnected):
            await ws.receive_text()
    assert (ws.close_code, ws.close_reason) == (1000, 'Normal Closure')


@pytest.mark.parametrize(
    ('resource', 'path', 'error', 'code'),
    [
        (Echo(), '/missing', falcon.WebSocketPathNotFound, 3404),
        (
            type('HttpOnly', (), {'on_get': lambda self, req, resp: None})(),
            '/ws',
            falcon.WebSocketHandlerNotFound,
            3405,
        ),
    ],
)
async def test_no_route_or_no_handler(
    resource: Any, path: str, error: type[Exception], code: int
) -> None:
    with pytest.raises(error) as info:
        async with simulate_ws(app_with(resource), path):
            pass
    assert info.value.code == code  # type: ignore[attr-defined]


class Forbidden:
    async def on_websocket(self, req: Any, ws: Any) -> None:
        raise falcon.HTTPForbidden(title='No entry')


async def test_bad_json_depth_is_value_error() -> None:
    errors: list[BaseException] = []

    class Deep:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            try:
                await ws.receive_json()
            except ValueError as ex:
                errors.append(ex)

    async with simulate_ws(app_with(Deep()), '/ws') as ws:
        await ws.send_text('[' * 100_000)
    assert len(errors) == 1


async def test_http_error_before_accept_closes_with_3000_plus_status() -> None:
    with pytest.raises(falcon.WebSocketDisconnected) as info:
        async with simulate_ws(app_with(Forbidden()), '/ws'):
            pass
    assert info.value.code == 3403


async def test_http_error_before_accept_uses_denial_response() -> None:
    context = simulate_ws(app_with(Forbidden()), '/ws', denial_response=True)
    with pytest.raises(falcon.WebSocketDisconnected):
        async with context:
            pass
    ws = context.simulator
    assert ws.denial_status == 403
    assert ('content-type', 'application/json') in ws.denial_headers
    assert json.loads(ws.denial_body)['title'] == 'No entry'


async def test_http_error_after_accept_closes_with_3000_plus_status() -> None:
    class Later:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            await ws.receive_text()
            raise falcon.HTTPUnauthorized()

    async with simulate_ws(app_with(Later()), '/ws') as ws:
        await ws.send_text('x')
        with pytest.raises(falcon.WebSocketDisconnected):
            await ws.receive_text()
    assert ws.close_code == 3401


async def test_unhandled_error_closes_1011_and_is_reported() -> None:
    reported: list[BaseException] = []

    class Crash:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            raise RuntimeError('boom')

    app = app_with(Crash())
    app.set_error_reporter(lambda req, ex, params, handled: reported.append(ex))
    async with simulate_ws(app, '/ws') as ws:
        with pytest.raises(falcon.WebSocketDisconnected):
            await ws.receive_text()
    assert ws.close_code == 1011
    assert [str(ex) for ex in reported] == ['boom']


async def test_custom_error_close_code_and_handler() -> None:
    handled: list[tuple[Any, Any]] = []

    class Oops(Exception):
        pass

    class Raiser:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            raise Oops()

    async def handle_oops(req: Any, resp: Any, ex: Any, params: Any, ws: Any = None) -> None:
        handled.append((resp, ws))
        await ws.close(4321)

    app = app_with(Raiser())
    app.add_error_handler(Oops, handle_oops)
    async with simulate_ws(app, '/ws') as ws:
        with pytest.raises(falcon.WebSocketDisconnected):
            await ws.receive_text()
    assert ws.close_code == 4321
    assert handled[0][0] is None
    assert isinstance(handled[0][1], WebSocket)

    app.ws_options.error_close_code = 3011
    app2 = app_with(Raiser())
    app2.ws_options.error_close_code = 3011
    async with simulate_ws(app2, '/ws') as ws2:
        with pytest.raises(falcon.WebSocketDisconnected):
            await ws2.receive_text()
    assert ws2.close_code == 3011


async def test_responder_returning_closes_1000_or_rejects() -> None:
    class Quick:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()

    class Silent:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            pass

    async with simulate_ws(app_with(Quick()), '/ws') as ws:
        with pytest.raises(falcon.WebSocketDisconnected):
            await ws.receive_text()
    assert ws.close_code == 1000
    with pytest.raises(falcon.WebSocketDisconnected) as info:
        async with simulate_ws(app_with(Silent()), '/ws'):
            pass
    assert info.value.code == 1000


async def test_middleware_hooks_and_sinks() -> None:
    calls: list[str] = []

    class Middleware:
        async def process_request_ws(self, req: Any, ws: Any) -> None:
            calls.append('request_ws')

        def process_resource_ws(self, req: Any, ws: Any, resource: Any, params: Any) -> None:
            calls.append(f'resource_ws {params}')

        async def process_request(self, req: Any, resp: Any) -> None:
            calls.append('http only')

    async def before(req: Any, ws: Any, resource: Any, params: Any) -> None:
        calls.append(f'before {type(ws).__name__}')

    def after(req: Any, ws: Any, resource: Any) -> None:
        calls.append('after')

    class Hooked:
        @falcon.before(before)
        @falcon.after(after)
        async def on_websocket_item(self, req: Any, ws: Any, item_id: int) -> None:
            calls.append(f'responder {item_id!r}')
            await ws.accept()

    async def sink(req: Any, ws: Any, name: str) -> None:
        calls.append(f'sink {name}')
        await ws.accept()

    import re

    app = falcon.asgi.App(middleware=[Middleware()])
    app.add_route('/items/{item_id:int}', Hooked(), suffix='item')
    app.add_sink(sink, re.compile(r'/sink/(?P<name>\w+)'))
    async with simulate_ws(app, '/items/7'):
        pass
    async with simulate_ws(app, '/sink/abc'):
        pass
    assert calls == [
        'request_ws',
        "resource_ws {'item_id': 7}",
        'before WebSocket',
        'responder 7',
        'after',
        'request_ws',
        'sink abc',
    ]


async def test_middleware_rejects_with_http_error() -> None:
    class Auth:
        async def process_request_ws(self, req: Any, ws: Any) -> None:
            if not req.get_header('Authorization'):
                raise falcon.HTTPUnauthorized(title='Authentication required')

    app = app_with(Echo(), middleware=[Auth()])
    with pytest.raises(falcon.WebSocketDisconnected) as info:
        async with simulate_ws(app, '/ws'):
            pass
    assert info.value.code == 3401
    async with simulate_ws(app, '/ws', headers={'Authorization': 'x'}) as ws:
        await ws.send_json(1)
        assert await ws.receive_json() == {'echo': 1, 'type': 'json'}


async def test_sync_responder_runs_too() -> None:
    seen: list[str] = []

    class Plain:
        def on_websocket(self, req: Any, ws: Any) -> None:
            seen.append(req.path)

    with pytest.raises(falcon.WebSocketDisconnected):
        async with simulate_ws(app_with(Plain()), '/ws'):
            pass
    assert seen == ['/ws']


async def test_operations_out_of_order() -> None:
    outcomes: list[str] = []

    class Misuse:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            for call in (ws.send_text('x'), ws.receive_text()):
                try:
                    await call
                except falcon.OperationNotAllowed:
                    outcomes.append('not accepted')
            await ws.accept()
            try:
                await ws.accept()
            except falcon.OperationNotAllowed:
                outcomes.append('twice')
            for bad in (b'bytes', 1):
                try:
                    await ws.send_text(bad)
                except TypeError:
                    outcomes.append('type')
            await ws.close()
            await ws.close()
            try:
                await ws.send_text('late')
            except falcon.WebSocketDisconnected as ex:
                outcomes.append(f'closed {ex.code}')
            try:
                await ws.receive_text()
            except falcon.WebSocketDisconnected:
                outcomes.append('receive closed')

    async with simulate_ws(app_with(Misuse()), '/ws'):
        pass
    assert outcomes == [
        'not accepted',
        'not accepted',
        'twice',
        'type',
        'type',
        'closed 1000',
        'receive closed',
    ]


async def test_client_close_code_reaches_app() -> None:
    codes: list[int] = []
    gone = asyncio.Event()

    class Reader:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            try:
                await ws.receive_text()
            except falcon.WebSocketDisconnected as ex:
                codes.append(ex.code)
                codes.append(ws.ready_state)
                gone.set()

    async with simulate_ws(app_with(Reader()), '/ws') as ws:
        await ws.close(4001)
        await asyncio.wait_for(gone.wait(), 2)
    assert codes == [4001, CLOSED]


async def test_disconnect_noticed_while_app_is_not_reading() -> None:
    noticed: list[float] = []

    class Busy:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            while not ws.closed:
                await asyncio.sleep(0.01)
            noticed.append(time.monotonic())

    async with simulate_ws(app_with(Busy()), '/ws') as ws:
        left = time.monotonic()
        await ws.close()
    assert noticed and noticed[0] - left < 0.5


async def test_oversized_message_closes_1009() -> None:
    class Small:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            while True:
                await ws.send_text(await ws.receive_text())

    app = app_with(Small())
    app.ws_options.max_message_size = 16
    async with simulate_ws(app, '/ws') as ws:
        await ws.send_text('x' * 16)
        assert await ws.receive_text() == 'x' * 16
        await ws.send_text('\u00e9' * 9)
        with pytest.raises(falcon.WebSocketDisconnected):
            await ws.receive_text()
    assert ws.close_code == 1009


async def test_invalid_unicode_text_closes_1007() -> None:
    async with simulate_ws(app_with(Echo()), '/ws') as ws:
        await ws.send_text('\udc80')
        with pytest.raises(falcon.WebSocketDisconnected):
            await ws.receive_text()
    assert ws.close_code == 1007


async def test_flooding_peer_is_held_back_by_the_bounded_queue() -> None:
    started = asyncio.Event()
    release = asyncio.Event()
    received: list[str] = []

    class Slow:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            started.set()
            await release.wait()
            try:
                while True:
                    received.append(await ws.receive_text())
            except falcon.WebSocketDisconnected:
                pass

    app = app_with(Slow())
    app.ws_options.max_receive_queue = 4
    async with simulate_ws(app, '/ws') as ws:
        await started.wait()
        for i in range(200):
            await ws.send_text(str(i))
        await asyncio.sleep(0.05)
        # The app pulled only what fits in its queue (plus the one the reader holds).
        assert ws._to_app.qsize() >= 200 - 4 - 1
        release.set()
        for _ in range(100):
            if len(received) == 200:
                break
            await asyncio.sleep(0.01)
    assert received == [str(i) for i in range(200)]


async def test_raw_asgi_and_seed_constructor() -> None:
    events: list[dict[str, Any]] = []
    inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def receive() -> dict[str, Any]:
        return await inbox.get()

    async def send(event: dict[str, Any]) -> None:
        events.append(event)

    scope = {'type': 'websocket', 'path': '/', 'headers': [], 'asgi': {'spec_version': '2.0'}}
    ws = WebSocket(scope, receive, send)
    assert not ws.supports_accept_headers
    with pytest.raises(falcon.OperationNotAllowed):
        await ws.accept(headers={'x': 'y'})
    await ws.accept()
    await inbox.put({'type': 'websocket.receive', 'bytes': msgpack.packb([1])})
    assert await ws.receive_msgpack() == [1]
    await inbox.put({'type': 'websocket.disconnect', 'code': 1001})
    with pytest.raises(falcon.WebSocketDisconnected) as info:
        await ws.receive_text()
    assert info.value.code == 1001
    assert ws.closed
    await ws._shutdown()
    assert events == [{'type': 'websocket.accept'}]
    with pytest.raises(TypeError):
        WebSocket('2.3', scope)


async def test_send_failure_means_disconnected() -> None:
    async def receive() -> dict[str, Any]:
        await asyncio.sleep(3600)
        return {}

    async def send(event: dict[str, Any]) -> None:
        if event['type'] == 'websocket.send':
            raise OSError('peer gone')

    scope = {'type': 'websocket', 'path': '/', 'headers': []}
    ws = WebSocket('2.3', scope, receive, send)
    await ws.accept()
    with pytest.raises(falcon.WebSocketDisconnected) as info:
        await ws.send_text('x')
    assert info.value.code == 1006
    assert ws.closed
    await ws._shutdown()


async def test_seed_chat_broadcast() -> None:
    import falcon.asgi as fasgi

    class ChatWebSocket:
        def __init__(self) -> None:
            self.connections: set[Any] = set()

        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            self.connections.add(ws)
            try:
                while True:
                    message = await ws.receive_text()
                    data = json.loads(message)
                    await self.broadcast(
                        {
                            'user': data.get('user', 'Anonymous'),
                            'message': data.get('message', ''),
                            'timestamp': time.time(),
                        }
                    )
            except falcon.WebSocketDisconnected:
                pass
            finally:
                self.connections.discard(ws)

        async def broadcast(self, data: Any) -> None:
            if self.connections:
                message = json.dumps(data)
                await asyncio.gather(
                    *[ws.send_text(message) for ws in self.connections], return_exceptions=True
                )

    chat = ChatWebSocket()
    app = fasgi.App()
    app.add_route('/chat', chat)
    async with ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/chat') as ann, conductor.simulate_ws('/chat') as bob:
            while len(chat.connections) < 2:
                await asyncio.sleep(0)
            await ann.send_text(json.dumps({'user': 'ann', 'message': 'hi'}))
            for client in (ann, bob):
                got = await client.receive_json()
                assert (got['user'], got['message']) == ('ann', 'hi')
    assert not chat.connections


def _raw_connection(queue_size: int = 32) -> tuple[WebSocket, asyncio.Queue[dict[str, Any]]]:
    inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def send(event: dict[str, Any]) -> None:
        pass

    scope = {'type': 'websocket', 'path': '/', 'headers': []}
    return WebSocket('2.3', scope, inbox.get, send, None, queue_size), inbox


def _text(text: str) -> dict[str, Any]:
    return {'type': 'websocket.receive', 'text': text}


async def test_receivers_that_time_out_leave_nothing_behind() -> None:
    ws, inbox = _raw_connection()
    await ws.accept()
    for _ in range(50):
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(ws.receive_text(), 0.001)
    assert not ws._message_wanted
    await inbox.put(_text('after the timeouts'))
    assert await asyncio.wait_for(ws.receive_text(), 1) == 'after the timeouts'
    await ws.close()
    await ws._shutdown()


async def test_concurrent_receivers_each_take_one_message_then_see_the_disconnect() -> None:
    ws, inbox = _raw_connection()
    await ws.accept()
    first = asyncio.ensure_future(ws.receive_text())
    second = asyncio.ensure_future(ws.receive_text())
    await asyncio.sleep(0)
    await inbox.put(_text('a'))
    await inbox.put(_text('b'))
    assert sorted(await asyncio.gather(first, second)) == ['a', 'b']
    third = asyncio.ensure_future(ws.receive_text())
    fourth = asyncio.ensure_future(ws.receive_data())
    await asyncio.sleep(0)
    await inbox.put({'type': 'websocket.disconnect', 'code': 1001})
    results = await asyncio.gather(third, fourth, return_exceptions=True)
    assert [type(result) for result in results] == [falcon.WebSocketDisconnected] * 2
    assert [result.code for result in results] == [1001, 1001]  # type: ignore[union-attr]
    await ws._shutdown()


async def test_messages_before_the_disconnect_are_read_first() -> None:
    ws, inbox = _raw_connection()
    await ws.accept()
    for text in ('one', 'two'):
        await inbox.put(_text(text))
    await inbox.put({'type': 'websocket.disconnect', 'code': 1000})
    for _ in range(10):
        await asyncio.sleep(0)
    assert ws.closed
    assert await ws.receive_text() == 'one'
    assert await ws.receive_text() == 'two'
    with pytest.raises(falcon.WebSocketDisconnected):
        await ws.receive_text()
    await ws._shutdown()


async def test_the_reader_pulls_no_more_than_the_receive_queue_holds() -> None:
    ws, inbox = _raw_connection(queue_size=3)
    await ws.accept()
    for i in range(10):
        await inbox.put(_text(str(i)))
    for _ in range(10):
        await asyncio.sleep(0)
    assert inbox.qsize() == 7
    assert await ws.receive_text() == '0'
    for _ in range(10):
        await asyncio.sleep(0)
    assert inbox.qsize() == 6
    assert [await ws.receive_text() for _ in range(9)] == [str(i) for i in range(1, 10)]
    await ws.close()
    await ws._shutdown()
