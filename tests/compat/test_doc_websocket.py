"""WebSocket as documented (Falcon 4.4 "WebSocket (ASGI Only)" page and the ``WebSocket``
reference): routing and its default errors, the handshake, closing, payload types, media
handlers, options and the error types. WebSocket exists in ``falcon.asgi.App`` only."""

from __future__ import annotations

import json
from typing import Any

import msgpack  # type: ignore[import-untyped]
import pytest

import falcon
import falcon.asgi
import falcon.media
from falcon import testing


def _app(resource: Any, path: str = '/ws', **kwargs: Any) -> falcon.asgi.App:
    app = falcon.asgi.App(**kwargs)
    app.add_route(path, resource)
    return app


# -- routing and the default responders --------------------------------------------------------


async def test_no_route_closes_with_3404() -> None:
    app = falcon.asgi.App()
    async with testing.ASGIConductor(app) as conductor:
        with pytest.raises(falcon.WebSocketPathNotFound) as denied:
            async with conductor.simulate_ws('/missing'):
                pass
    assert denied.value.code == 3404


async def test_no_on_websocket_closes_with_3405() -> None:
    class HttpOnly:
        async def on_get(self, req: Any, resp: Any) -> None:
            pass

    async with testing.ASGIConductor(_app(HttpOnly())) as conductor:
        with pytest.raises(falcon.WebSocketHandlerNotFound) as denied:
            async with conductor.simulate_ws('/ws'):
                pass
    assert denied.value.code == 3405


async def test_default_responders_raise_http_errors_that_handlers_can_take() -> None:
    """The defaults raise HTTPRouteNotFound and HTTPMethodNotAllowed; an error handler
    registered for them is called with ``resp=None`` and the connection as ``ws``."""
    seen: list[Any] = []

    class HttpOnly:
        async def on_get(self, req: Any, resp: Any) -> None:
            pass

    async def handle(req: Any, resp: Any, error: Exception, params: Any, ws: Any = None) -> None:
        seen.append((type(error).__name__, resp, isinstance(ws, falcon.asgi.WebSocket)))
        await ws.close(4000 + len(seen))

    app = _app(HttpOnly())
    app.add_error_handler(falcon.HTTPRouteNotFound, handle)
    app.add_error_handler(falcon.HTTPMethodNotAllowed, handle)
    async with testing.ASGIConductor(app) as conductor:
        for path in ('/missing', '/ws'):
            with pytest.raises(falcon.WebSocketDisconnected):
                async with conductor.simulate_ws(path):
                    pass
    assert seen == [
        ('HTTPRouteNotFound', None, True),
        ('HTTPMethodNotAllowed', None, True),
    ]


async def test_path_parameters_reach_on_websocket() -> None:
    seen: list[Any] = []

    class Messages:
        async def on_get(self, req: Any, resp: Any, account_id: str) -> None:
            pass

        async def on_websocket(self, req: Any, ws: Any, account_id: str) -> None:
            seen.append((account_id, req.get_header('Some-Header')))
            await ws.accept()

    app = _app(Messages(), '/{account_id}/messages')
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/42/messages', headers={'Some-Header': 'v'}):
            pass
    assert seen == [('42', 'v')]


async def test_middleware_ws_methods_run_in_order() -> None:
    calls: list[Any] = []

    class Middleware:
        async def process_request_ws(self, req: Any, ws: Any) -> None:
            calls.append(('request_ws', req.path, ws.unaccepted))

        async def process_resource_ws(
            self, req: Any, ws: Any, resource: Any, params: dict[str, Any]
        ) -> None:
            calls.append(('resource_ws', type(resource).__name__, params))

    class Room:
        async def on_websocket(self, req: Any, ws: Any, name: str) -> None:
            calls.append(('responder', name))
            await ws.accept()

    app = _app(Room(), '/rooms/{name}', middleware=Middleware())
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/rooms/lobby'):
            pass
        with pytest.raises(falcon.WebSocketPathNotFound):
            async with conductor.simulate_ws('/nowhere'):
                pass
    assert calls == [
        ('request_ws', '/rooms/lobby', True),
        ('resource_ws', 'Room', {'name': 'lobby'}),
        ('responder', 'lobby'),
        ('request_ws', '/nowhere', True),
    ]


async def test_process_request_ws_may_reroute() -> None:
    class Reroute:
        async def process_request_ws(self, req: Any, ws: Any) -> None:
            req.path = '/ws'

    class Hello:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            await ws.send_text('hello')

    app = _app(Hello(), middleware=Reroute())
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/elsewhere') as ws:
            assert await ws.receive_text() == 'hello'


async def test_sink_with_ws_keyword() -> None:
    seen: list[Any] = []

    async def sink(req: Any, resp: Any, ws: Any = None, **kwargs: Any) -> None:
        seen.append((resp, ws is not None, kwargs))
        if ws is not None:
            await ws.accept()
            await ws.send_text('sunk')
        else:
            resp.text = 'http'

    app = falcon.asgi.App()
    app.add_sink(sink, '/sink/(?P<rest>.*)')
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/sink/abc') as ws:
            assert await ws.receive_text() == 'sunk'
        result = await conductor.simulate_get('/sink/x')
    assert result.text == 'http'
    assert seen[0] == (None, True, {'rest': 'abc'})
    assert seen[1][1:] == (False, {'rest': 'x'})


async def test_sink_without_ws_keyword_gets_ws_as_resp() -> None:
    """Kept for compatibility (Falcon 4.1): without a ``ws`` parameter, the WebSocket is
    passed in place of ``resp``."""
    seen: list[Any] = []

    async def sink(req: Any, resp: Any, **kwargs: Any) -> None:
        seen.append(isinstance(resp, falcon.asgi.WebSocket))
        await resp.accept()

    app = falcon.asgi.App()
    app.add_sink(sink, '/sink')
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/sink'):
            pass
    assert seen == [True]


# -- handshake -----------------------------------------------------------------------------------


async def test_close_before_accept_denies() -> None:
    states: list[Any] = []

    class Deny:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.close()
            states.append((ws.unaccepted, ws.ready, ws.closed))

    async with testing.ASGIConductor(_app(Deny())) as conductor:
        with pytest.raises(falcon.WebSocketDisconnected):
            async with conductor.simulate_ws('/ws'):
                pass
    assert states == [(False, False, True)]


async def test_returning_without_accept_denies() -> None:
    class Ignore:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            if 'wamp' not in ws.subprotocols:
                return
            await ws.accept(subprotocol='wamp')

    async with testing.ASGIConductor(_app(Ignore())) as conductor:
        with pytest.raises(falcon.WebSocketDisconnected) as denied:
            async with conductor.simulate_ws('/ws'):
                pass
        assert denied.value.code == 1000
        async with conductor.simulate_ws('/ws', subprotocols=['mqtt', 'wamp']) as ws:
            assert ws.subprotocol == 'wamp'


async def test_returning_after_accept_closes_with_1000() -> None:
    class Once:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            await ws.send_text('only')

    async with testing.ASGIConductor(_app(Once())) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            assert await ws.receive_text() == 'only'
            with pytest.raises(falcon.WebSocketDisconnected) as closed:
                await ws.receive_text()
            assert closed.value.code == 1000
            assert ws.close_code == 1000


async def test_states_through_the_connection() -> None:
    states: list[Any] = []

    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            states.append((ws.unaccepted, ws.ready, ws.closed))
            await ws.accept()
            states.append((ws.unaccepted, ws.ready, ws.closed))
            await ws.close()
            states.append((ws.unaccepted, ws.ready, ws.closed))
            await ws.close()
            await ws.close(4000)
            states.append((ws.unaccepted, ws.ready, ws.closed))

    async with testing.ASGIConductor(_app(Res())) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            with pytest.raises(falcon.WebSocketDisconnected):
                await ws.receive_text()
            assert ws.close_code == 1000
    assert states == [
        (True, False, False),
        (False, True, False),
        (False, False, True),
        (False, False, True),
    ]


async def test_client_disconnect_sets_closed() -> None:
    states: list[Any] = []

    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            with pytest.raises(falcon.WebSocketDisconnected):
                await ws.receive_text()
            states.append((ws.ready, ws.closed))
            with pytest.raises(falcon.WebSocketDisconnected):
                await ws.send_text('too late')

    async with testing.ASGIConductor(_app(Res())) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            await ws.close(1001)
    assert states == [(False, True)]


@pytest.mark.parametrize(('version', 'supported'), [('2.0', False), ('2.1', True), ('2.3', True)])
async def test_supports_accept_headers(version: str, supported: bool) -> None:
    seen: list[bool] = []

    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            seen.append(ws.supports_accept_headers)
            if ws.supports_accept_headers:
                await ws.accept(headers=[('X-Server', 'falcon')])
            else:
                await ws.accept()

    async with testing.ASGIConductor(_app(Res())) as conductor:
        async with conductor.simulate_ws('/ws', spec_version=version) as ws:
            if supported:
                assert ('x-server', 'falcon') in [(n.lower(), v) for n, v in ws.headers]
    assert seen == [supported]


async def test_accept_headers_as_mapping() -> None:
    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept(headers={'X-One': '1', 'X-Two': '2'})

    async with testing.ASGIConductor(_app(Res())) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            headers = {name.lower(): value for name, value in ws.headers}
    assert headers['x-one'] == '1'
    assert headers['x-two'] == '2'


async def test_accept_without_subprotocol() -> None:
    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()

    async with testing.ASGIConductor(_app(Res())) as conductor:
        async with conductor.simulate_ws('/ws', subprotocols=['wamp']) as ws:
            assert ws.subprotocol is None


# -- close codes and reasons -------------------------------------------------------------------


@pytest.mark.parametrize(
    ('code', 'reason'),
    [(None, 'Normal Closure'), (1000, 'Normal Closure'), (3403, 'Forbidden'), (4321, None)],
)
async def test_close_reason_defaults(code: int | None, reason: str | None) -> None:
    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            await ws.close(code)

    async with testing.ASGIConductor(_app(Res())) as conductor:
        async with conductor.simulate_ws('/ws', spec_version='2.3') as ws:
            with pytest.raises(falcon.WebSocketDisconnected):
                await ws.receive_text()
            assert ws.close_code == (code or 1000)
            assert (ws.close_reason or None) == reason


async def test_custom_default_close_reasons() -> None:
    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            await ws.close(4001)

    app = _app(Res())
    app.ws_options.default_close_reasons[4001] = 'Custom'
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/ws', spec_version='2.3') as ws:
            with pytest.raises(falcon.WebSocketDisconnected):
                await ws.receive_text()
            assert ws.close_reason == 'Custom'


async def test_http_error_after_accept_closes_with_3000_plus_status() -> None:
    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            raise falcon.HTTPTooManyRequests()

    async with testing.ASGIConductor(_app(Res())) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            with pytest.raises(falcon.WebSocketDisconnected) as closed:
                await ws.receive_text()
    assert closed.value.code == 3429


async def test_unhandled_error_is_logged_and_closes_with_1011(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            raise ValueError('boom')

    async with testing.ASGIConductor(_app(Res())) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            with pytest.raises(falcon.WebSocketDisconnected) as closed:
                await ws.receive_text()
    assert closed.value.code == 1011
    assert [(r.name, r.message) for r in caplog.records] == [
        ('falcon.asgi.app', 'Unhandled exception in a WebSocket connection')
    ]
    assert 'ValueError: boom' in caplog.text


async def test_unhandled_disconnect_is_not_an_error(caplog: pytest.LogCaptureFixture) -> None:
    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            await ws.receive_text()

    async with testing.ASGIConductor(_app(Res())) as conductor:
        async with conductor.simulate_ws('/ws'):
            pass
    assert caplog.records == []


# -- payloads and media -------------------------------------------------------------------------


async def test_payload_type_errors_are_type_errors() -> None:
    results: list[Any] = []

    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            for receive in (ws.receive_text, ws.receive_data):
                try:
                    await receive()
                except TypeError as error:
                    results.append(type(error))
            results.append(await ws.receive_text())

    assert issubclass(falcon.PayloadTypeError, TypeError)
    async with testing.ASGIConductor(_app(Res())) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            await ws.send_data(b'bin')
            await ws.send_text('text')
            await ws.send_text('still open')
    assert results == [falcon.PayloadTypeError, falcon.PayloadTypeError, 'still open']


async def test_send_data_accepts_bytes_like() -> None:
    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            await ws.send_data(b'a')
            await ws.send_data(bytearray(b'b'))
            await ws.send_data(memoryview(b'c'))

    async with testing.ASGIConductor(_app(Res())) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            assert [await ws.receive_data() for _ in range(3)] == [b'a', b'b', b'c']


async def test_default_media_handlers() -> None:
    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            text = await ws.receive_media()
            binary = await ws.receive_media()
            await ws.send_media({'text': text})
            await ws.send_media({'binary': binary}, falcon.WebSocketPayloadType.BINARY)

    async with testing.ASGIConductor(_app(Res())) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            await ws.send_text(json.dumps({'é': 1}))
            await ws.send_data(msgpack.packb({'b': b'\x00'}, use_bin_type=True))
            assert json.loads(await ws.receive_text()) == {'text': {'é': 1}}
            assert msgpack.unpackb(await ws.receive_data(), raw=False) == {
                'binary': {'b': b'\x00'}
            }


async def test_invalid_json_raises_json_decode_error() -> None:
    results: list[Any] = []

    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            try:
                await ws.receive_media()
            except json.JSONDecodeError as error:
                results.append(type(error))
            results.append(await ws.receive_media())

    async with testing.ASGIConductor(_app(Res())) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            await ws.send_text('{nope')
            await ws.send_text('[1]')
    assert results == [json.JSONDecodeError, [1]]


async def test_custom_ws_media_handlers() -> None:
    class Upper(falcon.media.TextBaseHandlerWS):
        def serialize(self, media: object) -> str:
            return str(media).upper()

        def deserialize(self, payload: str) -> object:
            return payload.lower()

    class Reverse(falcon.media.BinaryBaseHandlerWS):
        def serialize(self, media: object) -> bytes:
            return bytes(media)[::-1]  # type: ignore[call-overload]

        def deserialize(self, payload: bytes) -> object:
            if payload == b'bad':
                raise ValueError('error decoding payload')
            return payload[::-1]

    results: list[Any] = []

    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            results.append(await ws.receive_media())
            results.append(await ws.receive_media())
            try:
                await ws.receive_media()
            except ValueError as error:
                results.append(str(error))
            await ws.send_media('shout')
            await ws.send_media(b'abc', payload_type=falcon.WebSocketPayloadType.BINARY)

    app = _app(Res())
    app.ws_options.media_handlers[falcon.WebSocketPayloadType.TEXT] = Upper()
    app.ws_options.media_handlers[falcon.WebSocketPayloadType.BINARY] = Reverse()
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            await ws.send_text('HeLLo')
            await ws.send_data(b'xyz')
            await ws.send_data(b'bad')
            assert await ws.receive_text() == 'SHOUT'
            assert await ws.receive_data() == b'cba'
    assert results == ['hello', b'zyx', 'error decoding payload']


def test_ws_base_handlers_raise_not_implemented() -> None:
    for handler in (falcon.media.TextBaseHandlerWS(), falcon.media.BinaryBaseHandlerWS()):
        with pytest.raises(NotImplementedError):
            handler.serialize({})
        with pytest.raises(NotImplementedError):
            handler.deserialize(
                'x' if isinstance(handler, falcon.media.TextBaseHandlerWS) else b'x'
            )


def test_json_and_msgpack_ws_handlers() -> None:
    text = falcon.media.JSONHandlerWS()
    assert text.serialize({'a': 'é'}) == '{"a": "é"}'
    assert text.deserialize('[1, 2]') == [1, 2]
    custom = falcon.media.JSONHandlerWS(
        dumps=lambda obj: json.dumps(obj, separators=(',', ':')), loads=lambda s: ('x', s)
    )
    assert custom.serialize({'a': 1}) == '{"a":1}'
    assert custom.deserialize('1') == ('x', '1')
    binary = falcon.media.MessagePackHandlerWS()
    packed = binary.serialize({'s': 'é', 'b': b'\x01'})
    assert binary.deserialize(packed) == {'s': 'é', 'b': b'\x01'}
    assert msgpack.unpackb(packed, raw=False) == {'s': 'é', 'b': b'\x01'}


# -- options ---------------------------------------------------------------------------------


def test_options_are_plain_attributes() -> None:
    options = falcon.asgi.WebSocketOptions()
    assert options.error_close_code == 1011
    assert options.default_close_reasons[1000] == 'Normal Closure'
    assert options.default_close_reasons[1011] == 'Internal Server Error'
    assert set(options.media_handlers) == {
        falcon.WebSocketPayloadType.TEXT,
        falcon.WebSocketPayloadType.BINARY,
    }
    assert isinstance(
        options.media_handlers[falcon.WebSocketPayloadType.TEXT], falcon.media.TextBaseHandlerWS
    )
    assert isinstance(
        options.media_handlers[falcon.WebSocketPayloadType.BINARY],
        falcon.media.BinaryBaseHandlerWS,
    )
    assert falcon.asgi.App().ws_options is not falcon.asgi.App().ws_options


@pytest.mark.parametrize('queue', [0, 1, 4])
async def test_max_receive_queue_settings(queue: int) -> None:
    """Setting ``max_receive_queue`` to 0 bypasses the queue; messages still arrive in order
    and a disconnect is still seen."""
    results: list[Any] = []

    class Res:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            while True:
                try:
                    results.append(await ws.receive_text())
                except falcon.WebSocketDisconnected as gone:
                    results.append(gone.code)
                    return

    app = _app(Res())
    app.ws_options.max_receive_queue = queue
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/ws') as ws:
            for index in range(6):
                await ws.send_text(str(index))
            await ws.close(4100)
    assert results == ['0', '1', '2', '3', '4', '5', 4100]


# -- error types ---------------------------------------------------------------------------


def test_error_types() -> None:
    assert falcon.WebSocketDisconnected().code == 1000
    assert falcon.WebSocketDisconnected(3001).code == 3001
    for error_type in (
        falcon.WebSocketPathNotFound,
        falcon.WebSocketHandlerNotFound,
        falcon.WebSocketServerError,
    ):
        assert issubclass(error_type, falcon.WebSocketDisconnected)
    assert issubclass(falcon.PayloadTypeError, TypeError)
    assert [member.name for member in falcon.WebSocketPayloadType] == ['TEXT', 'BINARY']


def test_http_status_to_ws_code() -> None:
    from falcon.asgi.ws import http_status_to_ws_code

    assert http_status_to_ws_code(404) == 3404
    assert http_status_to_ws_code(500) == 3500
