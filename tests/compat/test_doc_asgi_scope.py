"""ASGI scopes and the lifespan protocol as documented for ``falcon.asgi.App`` (Falcon 4.4):
supported scope types and versions, ``process_startup``/``process_shutdown`` and the
``lifespan.*.failed`` events, and the ``falcon.asgi_spec`` constants."""

from __future__ import annotations

from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.asgi_spec
from falcon.asgi_spec import EventType, ScopeType, WSCloseCode


class Hello:
    async def on_get(self, req: Any, resp: Any) -> None:
        resp.text = 'hello'


def _http_scope(**overrides: Any) -> dict[str, Any]:
    scope: dict[str, Any] = {
        'type': 'http',
        'asgi': {'version': '3.0', 'spec_version': '2.3'},
        'http_version': '1.1',
        'method': 'GET',
        'scheme': 'http',
        'path': '/',
        'raw_path': b'/',
        'query_string': b'',
        'root_path': '',
        'headers': [(b'host', b'example.org')],
        'client': ('127.0.0.1', 5000),
        'server': ('example.org', 80),
    }
    scope.update(overrides)
    return scope


async def _serve(app: Any, scope: dict[str, Any]) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []
    events = [{'type': 'http.request', 'body': b'', 'more_body': False}]

    async def receive() -> dict[str, Any]:
        return events.pop(0) if events else {'type': 'http.disconnect'}

    async def send(event: dict[str, Any]) -> None:
        sent.append(event)

    await app(scope, receive, send)
    return sent


def _app() -> falcon.asgi.App:
    app = falcon.asgi.App()
    app.add_route('/', Hello())
    return app


async def test_supported_http_scope_is_served() -> None:
    sent = await _serve(_app(), _http_scope())
    assert sent[0]['type'] == 'http.response.start'
    assert sent[0]['status'] == 200
    assert sent[1]['body'] == b'hello'


async def test_missing_asgi_key_defaults_to_version_2_0() -> None:
    scope = _http_scope()
    del scope['asgi']
    sent = await _serve(_app(), scope)
    assert sent[0]['status'] == 200
    assert scope['asgi'] == {'version': '2.0'}


@pytest.mark.parametrize('spec_version', ['2.0', '2.1', '2.3', '2.4'])
async def test_http_spec_versions_2_x_are_served(spec_version: str) -> None:
    scope = _http_scope(asgi={'version': '3.0', 'spec_version': spec_version})
    assert (await _serve(_app(), scope))[0]['status'] == 200


@pytest.mark.parametrize('spec_version', ['1.0', '3.0', '10.0'])
async def test_unsupported_http_spec_version_is_refused(spec_version: str) -> None:
    scope = _http_scope(asgi={'version': '3.0', 'spec_version': spec_version})
    with pytest.raises(falcon.UnsupportedScopeError):
        await _serve(_app(), scope)


@pytest.mark.parametrize('http_version', ['1.0', '1.1', '2', '3'])
async def test_supported_http_versions(http_version: str) -> None:
    assert (await _serve(_app(), _http_scope(http_version=http_version)))[0]['status'] == 200


@pytest.mark.parametrize('http_version', ['0.9', '4', '2.0'])
async def test_unsupported_http_version_is_refused(http_version: str) -> None:
    with pytest.raises(falcon.UnsupportedError):
        await _serve(_app(), _http_scope(http_version=http_version))


async def test_unknown_scope_type_is_refused() -> None:
    with pytest.raises(falcon.UnsupportedScopeError):
        await _serve(_app(), _http_scope(type='webtransport'))


@pytest.mark.parametrize('spec_version', ['1.0', '3.0'])
async def test_unsupported_websocket_spec_version_is_refused(spec_version: str) -> None:
    scope = _http_scope(type='websocket', asgi={'version': '3.0', 'spec_version': spec_version})
    with pytest.raises(falcon.UnsupportedScopeError):
        await _serve(_app(), scope)


async def test_websocket_over_http_1_0_is_refused() -> None:
    scope = _http_scope(type='websocket', http_version='1.0')
    with pytest.raises(falcon.UnsupportedError):
        await _serve(_app(), scope)


# -- lifespan ---------------------------------------------------------------------------------


async def _lifespan(
    app: Any, spec_version: str | None = '2.0', events: tuple[str, ...] = ('startup', 'shutdown')
) -> list[dict[str, Any]]:
    incoming = [{'type': f'lifespan.{name}'} for name in events]
    sent: list[dict[str, Any]] = []
    asgi: dict[str, str] = {'version': '3.0'}
    if spec_version is not None:
        asgi['spec_version'] = spec_version
    scope = {'type': 'lifespan', 'asgi': asgi}

    async def receive() -> dict[str, Any]:
        return incoming.pop(0)

    async def send(event: dict[str, Any]) -> None:
        sent.append(event)

    await app(scope, receive, send)
    return sent


class Recorder:
    def __init__(self, name: str, calls: list[str], fail: str = '') -> None:
        self.name = name
        self.calls = calls
        self.fail = fail

    async def process_startup(self, scope: dict[str, Any], event: dict[str, Any]) -> None:
        self.calls.append(f'{self.name}:{event["type"]}:{scope["type"]}')
        if self.fail == 'startup':
            raise RuntimeError(f'{self.name} cannot start')

    async def process_shutdown(self, scope: dict[str, Any], event: dict[str, Any]) -> None:
        self.calls.append(f'{self.name}:{event["type"]}')
        if self.fail == 'shutdown':
            raise RuntimeError(f'{self.name} cannot stop')


async def test_lifespan_startup_and_shutdown_complete() -> None:
    calls: list[str] = []
    app = falcon.asgi.App(middleware=[Recorder('a', calls), Recorder('b', calls)])
    sent = await _lifespan(app)
    assert sent == [{'type': 'lifespan.startup.complete'}, {'type': 'lifespan.shutdown.complete'}]
    assert calls == [
        'a:lifespan.startup:lifespan',
        'b:lifespan.startup:lifespan',
        'b:lifespan.shutdown',
        'a:lifespan.shutdown',
    ]


async def test_startup_exception_becomes_startup_failed() -> None:
    calls: list[str] = []
    app = falcon.asgi.App(middleware=[Recorder('a', calls, fail='startup'), Recorder('b', calls)])
    sent = await _lifespan(app, events=('startup',))
    assert [event['type'] for event in sent] == ['lifespan.startup.failed']
    assert 'RuntimeError: a cannot start' in sent[0]['message']
    assert calls == ['a:lifespan.startup:lifespan']


async def test_shutdown_exception_becomes_shutdown_failed() -> None:
    calls: list[str] = []
    app = falcon.asgi.App(middleware=[Recorder('a', calls, fail='shutdown')])
    sent = await _lifespan(app)
    assert [event['type'] for event in sent] == [
        'lifespan.startup.complete',
        'lifespan.shutdown.failed',
    ]
    assert 'RuntimeError: a cannot stop' in sent[1]['message']


@pytest.mark.parametrize('spec_version', [None, '1.0', '2.0', '2.1'])
async def test_lifespan_spec_versions_1_x_and_2_x(spec_version: str | None) -> None:
    sent = await _lifespan(falcon.asgi.App(), spec_version=spec_version)
    assert sent == [{'type': 'lifespan.startup.complete'}, {'type': 'lifespan.shutdown.complete'}]


async def test_unsupported_lifespan_spec_version_is_refused() -> None:
    with pytest.raises(falcon.UnsupportedScopeError):
        await _lifespan(falcon.asgi.App(), spec_version='3.0')


# -- falcon.asgi_spec -------------------------------------------------------------------------


def test_asgi_spec_constants() -> None:
    assert (ScopeType.HTTP, ScopeType.WS, ScopeType.LIFESPAN) == ('http', 'websocket', 'lifespan')
    assert EventType.HTTP_REQUEST == 'http.request'
    assert EventType.HTTP_RESPONSE_START == 'http.response.start'
    assert EventType.HTTP_RESPONSE_BODY == 'http.response.body'
    assert EventType.HTTP_DISCONNECT == 'http.disconnect'
    assert EventType.LIFESPAN_STARTUP_FAILED == 'lifespan.startup.failed'
    assert EventType.LIFESPAN_SHUTDOWN_FAILED == 'lifespan.shutdown.failed'
    assert EventType.WS_CONNECT == 'websocket.connect'
    assert EventType.WS_CLOSE == 'websocket.close'
    assert WSCloseCode.NORMAL == 1000
    assert WSCloseCode.SERVER_ERROR == 1011
    assert WSCloseCode.PATH_NOT_FOUND == 3404
    assert WSCloseCode.HANDLER_NOT_FOUND == 3405
    assert falcon.asgi_spec.__all__ == ['EventType', 'ScopeType', 'WSCloseCode']
