"""The WebSocket lifecycle routes, hooks and reports through the app's own machinery."""

from __future__ import annotations

import pathlib
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.testing
from falcon.testing._ws import simulate_ws


class Recorder:
    """Middleware recording which WebSocket stages ran."""

    def __init__(self) -> None:
        self.stages: list[str] = []

    async def process_request_ws(self, req: Any, ws: Any) -> None:
        self.stages.append('request')

    async def process_resource_ws(self, req: Any, ws: Any, resource: Any, params: Any) -> None:
        self.stages.append('resource')


class HttpOnly:
    def on_get(self, req: Any, resp: Any) -> None:
        resp.text = 'x'

    def on_post(self, req: Any, resp: Any) -> None:
        resp.text = 'y'


async def test_route_without_on_websocket_denies_with_the_routes_allow_list() -> None:
    recorder = Recorder()
    app = falcon.asgi.App(middleware=[recorder])
    app.add_route('/things', HttpOnly())
    http_allow = falcon.testing.simulate_request(app, 'PUT', '/things').headers['allow']

    context = simulate_ws(app, '/things', denial_response=True)
    with pytest.raises(falcon.WebSocketDisconnected):
        async with context:
            pass
    ws = context.simulator
    assert ws.denial_status == 405
    assert ('allow', http_allow) in ws.denial_headers
    assert http_allow == 'GET, POST, OPTIONS'
    # 405 is decided by routing: process_resource_ws does not run.
    assert recorder.stages == ['request']


async def test_missing_route_is_not_served_by_a_static_route(tmp_path: pathlib.Path) -> None:
    (tmp_path / 'page.txt').write_text('static text')
    recorder = Recorder()
    app = falcon.asgi.App(middleware=[recorder])
    app.add_static_route('/files', str(tmp_path))
    assert falcon.testing.simulate_get(app, '/files/page.txt').text == 'static text'

    with pytest.raises(falcon.WebSocketPathNotFound) as info:
        async with simulate_ws(app, '/files/page.txt'):
            pass
    assert info.value.code == 3404
    assert recorder.stages == ['request']


async def test_routing_goes_through_the_apps_get_responder() -> None:
    seen: list[tuple[str, bool]] = []

    class Chat:
        async def on_websocket(self, req: Any, ws: Any, room: str) -> None:
            await ws.accept()
            await ws.send_text(f'room {room} at {req.uri_template}')

    app = falcon.asgi.App()
    app.add_route('/chat/{room}', Chat())
    route = app._get_responder

    def spying_get_responder(req: Any) -> Any:
        seen.append((req.path, req.is_websocket))
        return route(req)

    app._get_responder = spying_get_responder  # type: ignore[method-assign]
    async with simulate_ws(app, '/chat/blue') as ws:
        assert await ws.receive_text() == 'room blue at /chat/{room}'
    assert seen == [('/chat/blue', True)]


async def test_hooked_responder_runs_hooks_with_the_connection() -> None:
    calls: list[str] = []

    def before(req: Any, ws: Any, resource: Any, params: Any, tag: str) -> None:
        calls.append(f'before {tag} {type(ws).__name__} {params}')

    async def after(req: Any, ws: Any, resource: Any) -> None:
        calls.append(f'after {ws.closed}')

    class Hooked:
        @falcon.before(before, 'b1')
        @falcon.after(after)
        async def on_websocket(self, req: Any, ws: Any, name: str) -> None:
            calls.append('responder')
            await ws.accept()
            await ws.close(4001)

    app = falcon.asgi.App()
    app.add_route('/hooked/{name}', Hooked())
    async with simulate_ws(app, '/hooked/ann') as ws:
        with pytest.raises(falcon.WebSocketDisconnected):
            await ws.receive_text()
    assert ws.close_code == 4001
    assert calls == ["before b1 WebSocket {'name': 'ann'}", 'responder', 'after True']


async def test_error_in_a_hook_is_reported_with_the_route_params() -> None:
    reported: list[tuple[str, dict[str, Any], bool]] = []

    def refuse(req: Any, ws: Any, resource: Any, params: Any) -> None:
        raise falcon.HTTPForbidden()

    class Guarded:
        @falcon.before(refuse)
        async def on_websocket(self, req: Any, ws: Any, name: str) -> None:
            raise AssertionError('the hook refuses first')

    app = falcon.asgi.App()
    app.add_route('/guarded/{name}', Guarded())
    app.set_error_reporter(
        lambda req, ex, params, handled: reported.append((type(ex).__name__, params, handled))
    )
    with pytest.raises(falcon.WebSocketDisconnected) as info:
        async with simulate_ws(app, '/guarded/bob'):
            pass
    assert info.value.code == 3403
    assert reported == [('HTTPForbidden', {'name': 'bob'}, True)]


class _Protocol:
    """Stands in for a server's protocol object, whose bound ``send`` the app is given."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.events = [{'type': 'websocket.connect'}]

    async def receive(self) -> dict[str, Any]:
        return self.events.pop(0) if self.events else {'type': 'websocket.disconnect'}

    async def send(self, event: dict[str, Any]) -> None:
        self.sent.append(event)


class _SansIOProtocol(_Protocol):
    pass


_SansIOProtocol.__module__ = 'uvicorn.protocols.websockets.websockets_sansio_impl'
_SansIOProtocol.__qualname__ = 'WebSocketsSansIOProtocol'


class _SansIOSubclass(_SansIOProtocol):
    pass


@pytest.mark.parametrize(
    ('protocol_type', 'extensions', 'expected'),
    [
        (_Protocol, {'websocket.http.response': {}}, ['websocket.http.response.start', 404]),
        (_Protocol, {}, ['websocket.close', 3404]),
        (_SansIOProtocol, {'websocket.http.response': {}}, ['websocket.close', 3404]),
        (_SansIOSubclass, {'websocket.http.response': {}}, ['websocket.close', 3404]),
    ],
)
async def test_rejection_uses_denial_only_where_the_server_takes_it_quietly(
    protocol_type: type[_Protocol], extensions: dict[str, Any], expected: list[Any]
) -> None:
    app = falcon.asgi.App()
    protocol = protocol_type()
    scope = falcon.testing.create_scope_ws('/missing')
    scope['extensions'] = extensions
    await app(scope, protocol.receive, protocol.send)
    first = protocol.sent[0]
    assert [first['type'], first.get('status', first.get('code'))] == expected
    assert len(protocol.sent) == (2 if expected[0] == 'websocket.http.response.start' else 1)


async def test_a_responder_returning_an_awaitable_closes_1011_naming_the_missing_await() -> None:
    reported: list[BaseException] = []

    class Forgetful:
        async def on_websocket(self, req: Any, ws: Any) -> Any:
            await ws.accept()
            return ws.send_text('never sent')

    app = falcon.asgi.App()
    app.add_route('/ws', Forgetful())
    app.set_error_reporter(lambda req, ex, params, handled: reported.append(ex))
    async with simulate_ws(app, '/ws') as ws:
        with pytest.raises(falcon.WebSocketDisconnected):
            await ws.receive_text()
    assert ws.close_code == 1011
    assert [type(ex).__name__ for ex in reported] == ['ForgottenAwaitError']
    assert 'Forgetful.on_websocket() returned' in str(reported[0])
