"""falcon.testing as its reference page, docstrings, FAQ and changelogs describe it.

Each test checks one documented statement, with both kinds of app where the feature exists
in both: the Falcon import paths of the testing modules, the ``simulate_*`` keywords, the
result types, the conductor and the WebSocket simulator, ``TestCase``, the helpers, and the
documented deprecations.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import io
import logging
import unittest
import warnings
from collections.abc import Callable
from typing import Any

import msgpack  # type: ignore[import-untyped]
import pytest

import falcon
import falcon.asgi
import falcon.testing.helpers
import falcon.util.misc
from falcon import testing
from falcon.util.deprecation import DeprecatedWarning

from ._support import resource

# -- the modules at Falcon's import paths ----------------------------------------------------

_MODULE_NAMES = {
    'falcon.testing.client': [
        'ASGIConductor',
        'Cookie',
        'Result',
        'ResultBodyStream',
        'StreamedResult',
        'TestClient',
        'simulate_delete',
        'simulate_get',
        'simulate_head',
        'simulate_options',
        'simulate_patch',
        'simulate_post',
        'simulate_put',
        'simulate_request',
    ],
    'falcon.testing.helpers': [
        'ASGILifespanEventEmitter',
        'ASGIRequestEventEmitter',
        'ASGIResponseEventCollector',
        'ASGIWebSocketSimulator',
        'DEFAULT_HOST',
        'DEFAULT_UA',
        'closed_wsgi_iterable',
        'create_asgi_req',
        'create_environ',
        'create_req',
        'create_scope',
        'create_scope_ws',
        'get_encoding_from_headers',
        'get_unused_port',
        'rand_string',
        'redirected',
    ],
    'falcon.testing.resource': [
        'SimpleTestResource',
        'SimpleTestResourceAsync',
        'capture_responder_args',
        'capture_responder_args_async',
        'set_resp_defaults',
        'set_resp_defaults_async',
    ],
    'falcon.testing.srmock': ['StartResponseMock'],
    'falcon.testing.test_case': ['TestCase', 'TestClient', 'Result'],
}


@pytest.mark.parametrize('module_name', sorted(_MODULE_NAMES))
def test_submodules_hold_the_same_objects(module_name: str) -> None:
    module = importlib.import_module(module_name)
    for name in _MODULE_NAMES[module_name]:
        assert getattr(module, name) is getattr(testing, name), name


def test_httpnow_is_the_deprecated_alias_of_http_now() -> None:
    assert testing.httpnow is falcon.util.misc.http_now is falcon.http_now
    assert 'httpnow' not in testing.__all__
    assert testing.httpnow().endswith(' GMT')


def test_default_ua_of_helpers_can_be_reassigned(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route(
        '/', resource(asgi, on_get=lambda req, resp: setattr(resp, 'text', req.user_agent))
    )
    assert testing.DEFAULT_UA == f'falcon-client/{falcon.__version__}'
    assert testing.simulate_get(app, '/').text == testing.DEFAULT_UA
    original = falcon.testing.helpers.DEFAULT_UA
    falcon.testing.helpers.DEFAULT_UA = 'curl/7.24.0 (x86_64-apple-darwin12.0)'
    try:
        assert testing.simulate_get(app, '/').text == 'curl/7.24.0 (x86_64-apple-darwin12.0)'
        assert (
            testing.create_environ()['HTTP_USER_AGENT'] == 'curl/7.24.0 (x86_64-apple-darwin12.0)'
        )
    finally:
        falcon.testing.helpers.DEFAULT_UA = original
    assert testing.simulate_get(app, '/').text == f'falcon-client/{falcon.__version__}'


# -- simulate_request keywords ---------------------------------------------------------------


def _echo(req: Any, resp: Any, **params: Any) -> None:
    resp.media = {
        'query_string': req.query_string,
        'params': req.params,
        'content_type': req.content_type,
        'user_agent': req.user_agent,
        'host': req.host,
        'port': req.port,
        'scheme': req.scheme,
        'remote_addr': req.remote_addr,
        'root_path': req.root_path,
        'uri': req.uri,
        'cookies': req.cookies,
        'x': req.get_header('X-Thing'),
        'host_header': req.get_header('Host'),
    }


def _echo_app(asgi: bool, make_app: Callable[..., Any]) -> Any:
    app = make_app()
    app.add_route('/echo', resource(asgi, on_get=_echo, on_post=_echo))
    return app


def test_query_string_overrides_params(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _echo_app(asgi, make_app)
    seen = testing.simulate_get(app, '/echo', query_string='a=1', params={'b': '2'}).json
    assert (seen['query_string'], seen['params']) == ('a=1', {'a': '1'})
    seen = testing.simulate_get(app, '/echo', query_string='', params={'b': '2'}).json
    assert (seen['query_string'], seen['params']) == ('', {})


def test_query_string_is_passed_as_is(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _echo_app(asgi, make_app)
    seen = testing.simulate_get(app, '/echo', query_string='q=a%20b&r=c+d').json
    assert seen['query_string'] == 'q=a%20b&r=c+d'
    assert seen['params'] == {'q': 'a b', 'r': 'c d'}


def test_params_encode_special_characters(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _echo_app(asgi, make_app)
    seen = testing.simulate_get(app, '/echo', params={'a': 'x&y=z', 'n': 3}).json
    assert seen['params'] == {'a': 'x&y=z', 'n': '3'}


@pytest.mark.parametrize(
    'kwargs', [{'query_string': 'b=2'}, {'params': {'b': '2'}}], ids=['query_string', 'params']
)
def test_query_in_path_excludes_other_query_keywords(
    asgi: bool, make_app: Callable[..., Any], kwargs: dict[str, Any]
) -> None:
    app = _echo_app(asgi, make_app)
    with pytest.raises(ValueError):
        testing.simulate_get(app, '/echo?a=1', **kwargs)


@pytest.mark.parametrize(
    'headers',
    [
        {'X-Thing': 'v', 'Content-Type': 'text/csv'},
        [('x-thing', 'v'), ('content-type', 'text/csv')],
    ],
    ids=['mapping', 'pairs'],
)
def test_content_type_takes_precedence_over_headers(
    asgi: bool, make_app: Callable[..., Any], headers: Any
) -> None:
    app = _echo_app(asgi, make_app)
    seen = testing.simulate_post(app, '/echo', headers=headers, body='a').json
    assert (seen['x'], seen['content_type']) == ('v', 'text/csv')
    seen = testing.simulate_post(
        app, '/echo', headers=headers, content_type=falcon.MEDIA_YAML, body='a'
    ).json
    assert (seen['x'], seen['content_type']) == ('v', 'application/yaml')


class _MediaEcho:
    def on_post(self, req: Any, resp: Any) -> None:
        resp.media = {'type': req.content_type, 'media': req.get_media()}


class _MediaEchoAsync:
    async def on_post(self, req: Any, resp: Any) -> None:
        resp.media = {'type': req.content_type, 'media': await req.get_media()}


class _BodyEcho:
    def on_post(self, req: Any, resp: Any) -> None:
        resp.content_type = 'application/octet-stream'
        resp.data = req.bounded_stream.read()


class _BodyEchoAsync:
    async def on_post(self, req: Any, resp: Any) -> None:
        resp.content_type = 'application/octet-stream'
        resp.data = await req.bounded_stream.read()


def test_json_and_msgpack_override_body_and_content_type(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    app = make_app()
    app.req_options.media_handlers[falcon.MEDIA_MSGPACK] = falcon.media.MessagePackHandler()
    app.add_route('/', _MediaEchoAsync() if asgi else _MediaEcho())
    common = {'body': 'ignored', 'content_type': 'text/plain', 'headers': {'Content-Type': 'x/y'}}
    result = testing.simulate_post(app, '/', json={'a': [1]}, **common)
    assert result.json == {'type': 'application/json', 'media': {'a': [1]}}
    result = testing.simulate_post(app, '/', json={'a': 1}, msgpack={'b': 2}, **common)
    assert result.json == {'type': falcon.MEDIA_MSGPACK, 'media': {'b': 2}}


def test_body_str_is_utf8_and_bytes_are_used_as_is(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    app = make_app()
    app.add_route('/', _BodyEchoAsync() if asgi else _BodyEcho())
    assert testing.simulate_post(app, '/', body='é').content == 'é'.encode()
    assert testing.simulate_post(app, '/', body=b'\xff\x00').content == b'\xff\x00'
    assert testing.simulate_post(app, '/').content == b''


def test_connection_keywords(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _echo_app(asgi, make_app)
    seen = testing.simulate_get(
        app,
        '/echo',
        protocol='https',
        host='api.example.com',
        port='8443',
        remote_addr='10.1.2.3',
        root_path='/v1',
    ).json
    assert seen['scheme'] == 'https'
    assert seen['host'] == 'api.example.com'
    assert seen['port'] == 8443
    assert seen['remote_addr'] == '10.1.2.3'
    assert seen['root_path'] == '/v1'
    assert seen['uri'] == 'https://api.example.com:8443/v1/echo'
    assert seen['host_header'] == 'api.example.com:8443'


def test_non_ascii_root_path(asgi: bool, make_app: Callable[..., Any]) -> None:
    seen = testing.simulate_get(_echo_app(asgi, make_app), '/echo', root_path='/café').json
    assert seen['root_path'] == '/café'
    assert seen['uri'] == 'http://falconframework.org/café/echo'


def test_remote_addr_defaults_to_localhost(asgi: bool, make_app: Callable[..., Any]) -> None:
    seen = testing.simulate_get(_echo_app(asgi, make_app), '/echo').json
    assert seen['remote_addr'] == '127.0.0.1'
    assert seen['root_path'] == ''


@pytest.mark.parametrize(
    ('version', 'host_header'),
    [('1', None), ('1.0', None), ('1.1', 'falconframework.org'), ('2', 'falconframework.org')],
)
def test_http_versions(
    asgi: bool, make_app: Callable[..., Any], version: str, host_header: str | None
) -> None:
    seen = testing.simulate_get(_echo_app(asgi, make_app), '/echo', http_version=version).json
    assert seen['host_header'] == host_header


@pytest.mark.parametrize('version', ['0.9', '3', '1.2', 'HTTP/1.1'])
def test_undocumented_http_versions_are_rejected(
    asgi: bool, make_app: Callable[..., Any], version: str
) -> None:
    with pytest.raises(ValueError):
        testing.simulate_get(_echo_app(asgi, make_app), '/echo', http_version=version)


def test_cookies_as_in_the_faq(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route(
        '/cookies',
        resource(asgi, on_get=lambda req, resp: setattr(resp, 'media', {'cookies': req.cookies})),
    )
    client = testing.TestClient(app)
    result = client.simulate_get('/cookies', cookies={'cookie': 'cookie value'})
    assert result.json == {'cookies': {'cookie': 'cookie value'}}
    result = client.simulate_get('/cookies', headers={'Cookie': 'xxx=yyy'})
    assert result.json == {'cookies': {'xxx': 'yyy'}}
    result = client.simulate_get('/cookies', headers={'Cookie': 'xxx=yyy; hello=world'})
    assert result.json == {'cookies': {'xxx': 'yyy', 'hello': 'world'}}
    result = client.simulate_get('/cookies', cookies=[('a', '1'), ('b', '2')])
    assert result.json == {'cookies': {'a': '1', 'b': '2'}}


def test_content_length_without_body_as_in_the_faq(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    class PostTest:
        def on_post(self, req: Any, resp: Any) -> None:
            if req.content_length in (None, 0):
                resp.status = falcon.HTTP_200
            elif req.stream.read(req.content_length or 0):
                resp.status = falcon.HTTP_201
            else:
                resp.status = falcon.HTTP_400

    class PostTestAsync:
        async def on_post(self, req: Any, resp: Any) -> None:
            if req.content_length in (None, 0):
                resp.status = falcon.HTTP_200
            elif await req.stream.read(req.content_length or 0):
                resp.status = falcon.HTTP_201
            else:
                resp.status = falcon.HTTP_400

    app = make_app()
    app.add_route('/resource', PostTestAsync() if asgi else PostTest())
    client = testing.TestClient(app)
    headers = [('Content-Length', '1')]
    assert (
        client.simulate_post(path='/resource', body='', headers=headers).status == falcon.HTTP_400
    )
    assert client.simulate_post(path='/resource', body='x').status == falcon.HTTP_201
    assert client.simulate_post(path='/resource').status == falcon.HTTP_200


def test_extras_reach_the_environ_or_scope(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = {'extra': (req.scope if asgi else req.env).get('x.extra')}

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/', extras={'x.extra': 'here'}).json == {'extra': 'here'}


def test_wsgierrors_and_file_wrapper() -> None:
    seen: dict[str, Any] = {}

    def on_get(req: Any, resp: Any) -> None:
        seen['wrapper'] = req.env.get('wsgi.file_wrapper')
        req.log_error('logged for the test')

    app = falcon.App()
    app.add_route('/', resource(False, on_get=on_get))
    errors = io.StringIO()

    def wrapper(filelike: Any, block_size: int = 8192) -> Any:
        return iter(lambda: filelike.read(block_size), b'')

    testing.simulate_get(app, '/', wsgierrors=errors, file_wrapper=wrapper)
    assert 'logged for the test' in errors.getvalue()
    assert seen['wrapper'] is wrapper


async def _raw_asgi_events(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope['type'] == 'lifespan':
        return
    events = []
    while True:
        event = await receive()
        events.append(event)
        if event['type'] == 'http.disconnect' or not event.get('more_body', False):
            break
    sizes = ','.join(
        str(len(event.get('body', b''))) if event['type'] == 'http.request' else 'disconnect'
        for event in events
    )
    await send({'type': 'http.response.start', 'status': 200, 'headers': []})
    await send({'type': 'http.response.body', 'body': sizes.encode()})


def test_asgi_chunk_size_and_disconnect_ttl() -> None:
    body = b'x' * 10
    assert testing.simulate_post(_raw_asgi_events, '/', body=body).text == '10'
    assert (
        testing.simulate_post(_raw_asgi_events, '/', body=body, asgi_chunk_size=4).text == '4,4,2'
    )
    # A TTL of 0 disconnects at once, before any http.request event.
    assert testing.simulate_post(_raw_asgi_events, '/', body=body, asgi_disconnect_ttl=0).text == (
        'disconnect'
    )


# -- Result and Cookie -----------------------------------------------------------------------


def test_result_attributes(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.status = falcon.HTTP_202
        resp.set_header('X-Thing', 'one')
        resp.media = {'word': 'naïve'}

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.status == '202 Accepted'
    assert result.status_code == 202
    assert result.headers['x-thing'] == result.headers['X-Thing'] == 'one'
    assert result.content_type == 'application/json'
    assert result.content == '{"word": "naïve"}'.encode()
    assert result.text == '{"word": "naïve"}'
    assert result.json == {'word': 'naïve'}
    assert result.cookies == {}


def test_result_text_assumes_utf8_without_an_encoding() -> None:
    result = testing.Result(
        [b'caf', 'é'.encode()], '200 OK', [('Content-Type', 'application/x-thing')]
    )
    assert result.encoding is None
    assert result.text == 'café'


def test_result_json_of_invalid_json_raises() -> None:
    result = testing.Result([b'not json'], '200 OK', [('Content-Type', 'application/json')])
    with pytest.raises(ValueError):
        result.json  # noqa: B018


def test_result_repr_and_rich(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    result = testing.TestClient(app).get('/endpoint')
    expected = """Result<404 Not Found application/json b'{"title": "404 Not Found"}'>"""
    assert repr(result) == expected
    rich_text = result.__rich__()
    assert rich_text.plain == expected
    rich_pretty = pytest.importorskip('rich.pretty')
    assert rich_pretty.pretty_repr(result) == expected


def test_result_repr_keeps_40_bytes_of_content() -> None:
    result = testing.Result([b'0123456789' * 5], '200 OK', [('Content-Type', 'text/plain')])
    assert repr(result) == (
        "Result<200 OK text/plain b'01234567890123456789...01234567890123456789'>"
    )
    empty = testing.Result([], '204 No Content', [])
    assert repr(empty) == 'Result<204 No Content>'


# -- TestClient, ASGIConductor and streamed results ------------------------------------------


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[str] = []


def _test_client_app(asgi: bool, make_app: Callable[..., Any]) -> Any:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = {'method': req.method, 'auth': req.get_header('Authorization')}

    app = make_app()
    responders = {f'on_{m.lower()}': on_get for m in ('GET', 'POST', 'PUT', 'PATCH', 'DELETE')}
    responders['on_options'] = responders['on_head'] = on_get
    app.add_route('/', resource(asgi, **responders))
    return app


@pytest.mark.filterwarnings('ignore::wsgiref.validate.WSGIWarning')
def test_test_client_default_headers_and_aliases(asgi: bool, make_app: Callable[..., Any]) -> None:
    client = testing.TestClient(_test_client_app(asgi, make_app), headers={'Authorization': 'd'})
    assert client.simulate_get('/').json == {'method': 'GET', 'auth': 'd'}
    assert client.get('/', headers={'Authorization': 'mine'}).json == {
        'method': 'GET',
        'auth': 'mine',
    }
    for alias in ('post', 'put', 'patch', 'delete', 'options'):
        assert getattr(client, alias)('/').json['method'] == alias.upper()
    assert client.head('/').status_code == 200
    assert client.request('LOCK', '/').status_code == 405


def test_test_client_methods_go_through_simulate_request(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    calls: list[tuple[Any, ...]] = []

    class Recording(testing.TestClient):
        def simulate_request(self, *args: Any, **kwargs: Any) -> testing.Result:
            calls.append(args)
            return super().simulate_request(*args, **kwargs)

    client = Recording(_test_client_app(asgi, make_app))
    client.simulate_get('/')
    client.post('/')
    client.simulate_delete('/')
    assert [call[0] for call in calls] == ['GET', 'POST', 'DELETE']


def test_asgi_one_shot_error_leaves_no_pending_lifespan_task(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Broken:
        async def on_get(self, req: Any, resp: Any) -> None:
            raise RuntimeError('unhandled')

    app = falcon.asgi.App()
    app.add_route('/', Broken())
    app.add_error_handler(RuntimeError, _reraise)
    # Garbage left by earlier tests in this process (say, an event loop's sockets) is
    # collected first, so that only what this request leaves behind can warn below.
    gc.collect()
    with caplog.at_level(logging.ERROR, logger='asyncio'), warnings.catch_warnings():
        warnings.simplefilter('error')
        with pytest.raises(RuntimeError, match='unhandled'):
            testing.simulate_get(app, '/')
        gc.collect()
    assert 'Task was destroyed but it is pending' not in caplog.text


def _reraise(req: Any, resp: Any, ex: BaseException, params: Any) -> None:
    raise ex


async def test_conductor_lifespan_aliases_and_streams() -> None:
    events: list[str] = []

    class Lifespan:
        async def process_startup(self, scope: Any, event: Any) -> None:
            events.append('startup')

        async def process_shutdown(self, scope: Any, event: Any) -> None:
            events.append('shutdown')

    class Feed:
        async def on_get(self, req: Any, resp: Any) -> None:
            async def emitter() -> Any:
                for number in range(3):
                    yield falcon.asgi.SSEvent(data=str(number).encode())

            resp.sse = emitter()

        async def on_post(self, req: Any, resp: Any) -> None:
            resp.media = await req.get_media()

    app = falcon.asgi.App(middleware=[Lifespan()])
    app.add_route('/events', Feed())
    conductor = testing.ASGIConductor(app, headers={'X-Default': 'd'})
    assert events == []
    async with conductor as entered:
        assert entered is conductor
        assert events == ['startup']
        assert (await conductor.simulate_post('/events', json={'id': 1})).json == {'id': 1}
        assert (await conductor.post('/events', json={'id': 2})).json == {'id': 2}
        assert (await conductor.request('LOCK', '/events')).status_code == 405
        async with conductor.get_stream('/events') as streamed:
            assert isinstance(streamed, testing.StreamedResult)
            assert isinstance(streamed.stream, testing.ResultBodyStream)
            assert streamed.status == '200 OK'
            assert streamed.content_type == 'text/event-stream'
            data = b''
            for _ in range(100):
                data += await streamed.stream.read()
                if data.count(b'\n\n') == 3:
                    break
            assert data == b'data: 0\n\ndata: 1\n\ndata: 2\n\n'
        assert events == ['startup']
    assert events == ['startup', 'shutdown']


@falcon.runs_sync
async def test_conductor_from_a_synchronous_test_through_runs_sync() -> None:
    # The documented workaround for synchronous test frameworks.
    app = falcon.asgi.App()
    app.add_route('/', testing.SimpleTestResourceAsync(body='ok'))
    async with testing.ASGIConductor(app) as conductor:
        assert (await conductor.get('/')).text == 'ok'


def test_conductor_through_async_to_sync() -> None:
    app = falcon.asgi.App()
    app.add_route('/', testing.SimpleTestResourceAsync(body='ok'))

    async def scenario() -> str:
        async with testing.ASGIConductor(app) as conductor:
            return (await conductor.simulate_get('/')).text

    assert falcon.async_to_sync(scenario) == 'ok'


async def test_streamed_result_finalize_disconnects_and_awaits_the_task() -> None:
    emitter = testing.ASGIRequestEventEmitter()
    seen: list[str] = []

    async def app_task() -> None:
        await emitter.emit()
        seen.append((await emitter.emit())['type'])

    task = asyncio.ensure_future(app_task())
    result = testing.StreamedResult(
        [b'a'], '200 OK', [('content-type', 'text/plain')], task, emitter
    )
    assert await result.stream.read() == b'a'
    assert not task.done()
    await result.finalize()
    assert task.done()
    assert emitter.disconnected
    assert seen == ['http.disconnect']


def test_result_body_stream_is_forward_only() -> None:
    chunks = [b'a']
    stream = testing.ResultBodyStream(chunks)

    async def reads() -> list[bytes]:
        first = await stream.read()
        chunks.append(b'b')
        chunks.append(b'c')
        return [first, await stream.read(), await stream.read()]

    assert asyncio.run(reads()) == [b'a', b'bc', b'']


# -- the WebSocket simulator -----------------------------------------------------------------


class _Echo:
    async def on_websocket(self, req: Any, ws: Any) -> None:
        await ws.accept(subprotocol='chat', headers={'X-Hello': 'yes'})
        while True:
            try:
                message = await ws.receive_text()
            except falcon.WebSocketDisconnected:
                return
            if message == 'bye':
                await ws.close(4001)
                return
            await ws.send_text(message.upper())


class _NeverAccepts:
    async def on_websocket(self, req: Any, ws: Any) -> None:
        await asyncio.sleep(60)


class _NeverFinishes:
    async def on_websocket(self, req: Any, ws: Any) -> None:
        await ws.accept()
        await asyncio.sleep(60)


def _ws_app() -> Any:
    app = falcon.asgi.App()
    app.add_route('/echo', _Echo())
    app.add_route('/mute', _NeverAccepts())
    app.add_route('/stuck', _NeverFinishes())
    return app


async def test_websocket_simulator_state() -> None:
    fresh = testing.ASGIWebSocketSimulator()
    assert (fresh.ready, fresh.closed, fresh.subprotocol) == (False, False, None)
    assert (fresh.headers, fresh.close_code, fresh.close_reason) == (None, None, None)
    async with testing.ASGIConductor(_ws_app()) as conductor:
        async with conductor.simulate_ws('/echo', subprotocols=['chat']) as ws:
            assert isinstance(ws, testing.ASGIWebSocketSimulator)
            assert (ws.ready, ws.closed, ws.subprotocol) == (True, False, 'chat')
            assert ('x-hello', 'yes') in [
                (name.lower(), value) for name, value in ws.headers or []
            ]
            assert (ws.close_code, ws.close_reason) == (None, None)
            await ws.send_text('hi')
            assert await ws.receive_text() == 'HI'
        assert (ws.ready, ws.closed, ws.close_code, ws.close_reason) == (False, True, 1000, '')

        async with conductor.websocket('/echo') as ws:
            await ws.send_text('bye')
            with pytest.raises(falcon.WebSocketDisconnected):
                await ws.receive_text()
            assert (ws.closed, ws.close_code) == (True, 4001)


async def test_websocket_simulator_client_close_code_and_reason() -> None:
    received: list[Any] = []

    class Listener:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            try:
                await ws.receive_text()
            except falcon.WebSocketDisconnected as ex:
                received.append(ex.code)

    app = falcon.asgi.App()
    app.add_route('/', Listener())
    async with testing.ASGIConductor(app) as conductor, conductor.simulate_ws('/') as ws:
        await ws.close(4002, 'done')
        assert (ws.closed, ws.close_code, ws.close_reason) == (True, 4002, 'done')
    assert received == [4002]


async def test_simulate_ws_timeouts_raise_timeout_error() -> None:
    async with testing.ASGIConductor(_ws_app()) as conductor:
        with pytest.raises(TimeoutError):
            async with conductor.simulate_ws('/mute', timeout=0.05):
                pass
        with pytest.raises(TimeoutError):
            async with conductor.simulate_ws('/stuck', timeout=0.05):
                pass


async def test_websocket_json_and_msgpack_round_trip() -> None:
    class Media:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()
            await ws.send_media(await ws.receive_media())
            data = await ws.receive_data()
            await ws.send_data(msgpack.packb(msgpack.unpackb(data)[::-1]))

    app = falcon.asgi.App()
    app.add_route('/', Media())
    async with testing.ASGIConductor(app) as conductor, conductor.simulate_ws('/') as ws:
        await ws.send_json({'a': [1, 2]})
        assert await ws.receive_json() == {'a': [1, 2]}
        await ws.send_msgpack([1, 2, 3])
        assert await ws.receive_msgpack() == [3, 2, 1]


# -- TestCase --------------------------------------------------------------------------------


def test_test_case_is_unittest_and_only_subclasses_are_collected() -> None:
    assert issubclass(testing.TestCase, unittest.TestCase)
    assert issubclass(testing.TestCase, testing.TestClient)
    assert testing.TestCase.__test__ is False

    class MyTestCase(testing.TestCase):
        def setUp(self) -> None:
            super().setUp()
            self.app = falcon.asgi.App()
            self.app.add_route('/messages/42', testing.SimpleTestResourceAsync(json={'m': 'x'}))

    class TestMyApp(MyTestCase):
        def test_get_message(self) -> None:
            self.assertEqual(self.simulate_get('/messages/42').json, {'m': 'x'})

        def test_default_app(self) -> None:
            self.assertIsInstance(self.app, falcon.asgi.App)

    class TestPlain(testing.TestCase):
        def test_app(self) -> None:
            self.assertIsInstance(self.app, falcon.App)
            self.assertEqual(self.simulate_get('/').status_code, 404)

    assert TestMyApp.__test__ is True
    for case in (TestMyApp, TestPlain):
        outcome = unittest.TestResult()
        unittest.defaultTestLoader.loadTestsFromTestCase(case).run(outcome)
        assert outcome.wasSuccessful(), outcome.errors + outcome.failures
        assert outcome.testsRun == (2 if case is TestMyApp else 1)


# -- helpers ---------------------------------------------------------------------------------


def test_create_environ_documented_arguments() -> None:
    env = testing.create_environ(
        path='/x',
        query_string='a=%20b c',
        port='8080',
        body='é',
        method='PUT',
        remote_addr='10.0.0.1',
        cookies={'c': 'v'},
    )
    assert env['QUERY_STRING'] == 'a=%20b c'
    assert env['SERVER_PORT'] == '8080'
    assert env['REQUEST_METHOD'] == 'PUT'
    assert env['REMOTE_ADDR'] == '10.0.0.1'
    assert env['HTTP_COOKIE'] == 'c=v'
    assert env['wsgi.input'].read() == 'é'.encode()
    assert env['HTTP_USER_AGENT'] == f'falcon-client/{falcon.__version__}'
    # app is the old name of root_path, which wins when both are given.
    assert testing.create_environ(app='/old')['SCRIPT_NAME'] == '/old'
    assert testing.create_environ(app='/old', root_path='/new')['SCRIPT_NAME'] == '/new'
    assert 'HTTP_HOST' not in testing.create_environ(http_version='1.0')


def test_create_scope_documented_arguments() -> None:
    scope = testing.create_scope(path='/a b?c=1', content_length=3, include_server=False)
    assert scope['path'] == '/a b'
    assert scope['raw_path'] == b'/a%20b'
    assert scope['query_string'] == b'c=1'
    assert [b'content-length', b'3'] in scope['headers']
    assert 'server' not in scope
    assert testing.create_scope(port='8000')['server'] == ('falconframework.org', 8000)
    with pytest.raises(ValueError):
        testing.create_scope(http_version='3')


def test_create_scope_ws_documented_arguments() -> None:
    scope = testing.create_scope_ws(scheme='wss', subprotocols=['a', 'b'], spec_version='2.3')
    assert scope['type'] == 'websocket'
    assert scope['scheme'] == 'wss'
    assert scope['server'] == ('falconframework.org', 443)
    assert scope['subprotocols'] == ['a', 'b']
    assert scope['asgi']['spec_version'] == '2.3'
    assert testing.create_scope_ws()['subprotocols'] == []
    for version in ('1.1', '2', '2.0'):
        testing.create_scope_ws(http_version=version)
    for version in ('1.0', '1'):
        with pytest.raises(ValueError):
            testing.create_scope_ws(http_version=version)


async def test_create_asgi_req_encodes_a_str_body() -> None:
    req = testing.create_asgi_req(body='é', path='/p')
    assert req.content_length == 2
    assert await req.stream.read() == 'é'.encode()


def test_start_response_mock_counts_calls() -> None:
    mock = testing.StartResponseMock()
    assert mock.call_count == 0
    mock('200 OK', [('Content-Type', 'text/plain')])
    assert mock.call_count == 1
    assert mock.status == '200 OK'


async def test_lifespan_emitter_waits_for_the_condition() -> None:
    condition = asyncio.Condition()
    emitter = testing.ASGILifespanEventEmitter(condition)
    assert await emitter.emit() == {'type': 'lifespan.startup'}
    shutdown = asyncio.ensure_future(emitter())
    await asyncio.sleep(0.01)
    assert not shutdown.done()
    async with condition:
        condition.notify()
    assert await asyncio.wait_for(shutdown, 1) == {'type': 'lifespan.shutdown'}


async def test_request_emitter_documented_behaviour() -> None:
    emitter = testing.ASGIRequestEventEmitter('é', chunk_size=1)
    assert not emitter.disconnected
    first = await emitter.emit()
    assert (first['type'], first['body']) == ('http.request', b'\xc3')
    emitter.disconnect(exhaust_body=False)
    assert emitter.disconnected
    assert await emitter() == {'type': 'http.disconnect'}
    immediate = testing.ASGIRequestEventEmitter(b'abc', disconnect_at=0)
    assert await immediate.emit() == {'type': 'http.disconnect'}


def test_redirected_is_deprecated_and_still_redirects() -> None:
    class MediaPrinter:
        def on_post(self, req: Any, resp: Any) -> None:
            print(req.get_media())

    client = testing.TestClient(falcon.App())
    client.app.add_route('/print', MediaPrinter())
    output = io.StringIO()
    with pytest.warns(DeprecatedWarning, match='redirected'):
        context = testing.redirected(stdout=output)
    with context:
        client.simulate_post('/print', json={'message': 'Hello'})
    assert output.getvalue() == "{'message': 'Hello'}\n"
    # The replacement the deprecation points to gives the same result.
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        client.simulate_post('/print', json={'message': 'Hello'})
    assert output.getvalue() == "{'message': 'Hello'}\n"
