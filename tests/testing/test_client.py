"""simulate_request, TestClient, ASGIConductor and the Result types, against both apps."""

from __future__ import annotations

import asyncio
import inspect
import io
import json
import threading
from datetime import datetime, timezone
from typing import Any

import msgpack  # type: ignore[import-untyped]
import pytest

import falcon.asgi._app
import falcon.wsgi._app
from falcon import testing
from falcon.asgi import SSEvent


async def _read_body(req: Any) -> bytes:
    data = req.bounded_stream.read()
    if inspect.isawaitable(data):
        data = await data
    return bytes(data)


class Echo:
    """Answers with what it saw of the request."""

    async def on_get(self, req: Any, resp: Any, **params: Any) -> None:
        body = await _read_body(req)
        resp.media = {
            'method': req.method,
            'path': req.path,
            'params': params,
            'query_string': req.query_string,
            'query': req.params,
            'headers': {name.lower(): value for name, value in req.headers.items()},
            'cookies': req.cookies,
            'host': req.host,
            'port': req.port,
            'scheme': req.scheme,
            'remote_addr': req.remote_addr,
            'root_path': req.root_path,
            'content_type': req.content_type,
            'body': body.decode('latin-1'),
        }

    on_post = on_put = on_patch = on_delete = on_options = on_get

    async def on_head(self, req: Any, resp: Any, **params: Any) -> None:
        resp.media = {'head': True}


@pytest.fixture
def echo_app(app_type: type[Any]) -> Any:
    app = app_type()
    app.add_route('/echo', Echo())
    app.add_route('/echo/{name}', Echo())
    return app


def echo(app: Any, method: str = 'GET', path: str = '/echo', **kwargs: Any) -> dict[str, Any]:
    result = testing.simulate_request(app, method, path, **kwargs)
    assert result.status_code == 200, result.text
    data: dict[str, Any] = result.json
    return data


# -- the request as the app sees it ----------------------------------------------------------


def test_defaults(echo_app: Any) -> None:
    seen = echo(echo_app)
    assert seen['method'] == 'GET'
    assert seen['path'] == '/echo'
    assert seen['query_string'] == ''
    assert seen['host'] == 'falconframework.org'
    assert seen['port'] == 80
    assert seen['scheme'] == 'http'
    assert seen['remote_addr'] == '127.0.0.1'
    assert seen['headers']['user-agent'] == f'falcon-client/{falcon.__version__}'
    assert seen['headers']['host'] == 'falconframework.org'
    assert seen['body'] == ''


@pytest.mark.parametrize('method', ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
def test_method(echo_app: Any, method: str) -> None:
    assert echo(echo_app, method)['method'] == method


@pytest.mark.parametrize(
    ('helper', 'method'),
    [
        (testing.simulate_get, 'GET'),
        (testing.simulate_post, 'POST'),
        (testing.simulate_put, 'PUT'),
        (testing.simulate_patch, 'PATCH'),
        (testing.simulate_delete, 'DELETE'),
        (testing.simulate_options, 'OPTIONS'),
    ],
)
def test_verb_helpers(echo_app: Any, helper: Any, method: str) -> None:
    assert helper(echo_app, '/echo').json['method'] == method


def test_head(echo_app: Any) -> None:
    result = testing.simulate_head(echo_app, '/echo')
    assert result.status_code == 200
    assert result.content == b''
    assert result.json is None
    assert int(result.headers['Content-Length']) > 0


@pytest.mark.parametrize(
    ('path', 'kwargs', 'query_string', 'query'),
    [
        ('/echo?a=1&b=x', {}, 'a=1&b=x', {'a': '1', 'b': 'x'}),
        ('/echo', {'query_string': 'a=1&a=2'}, 'a=1&a=2', {'a': ['1', '2']}),
        ('/echo', {'params': {'a': 'x y', 'flag': True}}, 'a=x%20y&flag=true', None),
        ('/echo', {'params': {'t': ['1', '2']}}, 't=1&t=2', {'t': ['1', '2']}),
        ('/echo', {'params': {'t': ['1', '2']}, 'params_csv': True}, 't=1,2', None),
        ('/echo', {'query_string': 'old=1', 'params': {'new': 2}}, 'old=1', {'old': '1'}),
    ],
)
def test_query(
    echo_app: Any,
    path: str,
    kwargs: dict[str, Any],
    query_string: str,
    query: dict[str, Any] | None,
) -> None:
    seen = echo(echo_app, path=path, **kwargs)
    assert seen['query_string'] == query_string
    if query is not None:
        assert seen['query'] == query


@pytest.mark.parametrize(
    'kwargs',
    [
        {'path': '/echo?a=1', 'query_string': 'b=2'},
        {'path': '/echo?a=1', 'params': {'b': 2}},
        {'path': '/echo', 'query_string': '?a=1'},
        {'path': 'echo'},
        {'path': '/echo', 'headers': {'X-Number': 1}},
        {'path': '/echo', 'http_version': '0.9'},
    ],
)
def test_invalid_arguments(echo_app: Any, kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        testing.simulate_request(echo_app, **kwargs)


def test_path_is_decoded(echo_app: Any) -> None:
    seen = echo(echo_app, path='/echo/caf%C3%A9%20au%20lait')
    assert seen['path'] == '/echo/café au lait'
    assert seen['params'] == {'name': 'café au lait'}


@pytest.mark.parametrize(
    'headers',
    [
        {'X-Custom': 'one', 'Accept': 'text/plain'},
        [('X-Custom', 'one'), ('Accept', 'text/plain')],
    ],
)
def test_headers_mapping_or_pairs(echo_app: Any, headers: Any) -> None:
    seen = echo(echo_app, headers=headers)
    assert seen['headers']['x-custom'] == 'one'
    assert seen['headers']['accept'] == 'text/plain'


def test_repeated_headers_are_joined(echo_app: Any) -> None:
    seen = echo(echo_app, headers=[('X-Tag', 'a'), ('X-Tag', 'b')])
    assert seen['headers']['x-tag'] == 'a,b'


def test_user_agent_and_host_can_be_overridden(echo_app: Any) -> None:
    seen = echo(echo_app, headers={'User-Agent': 'curl/8', 'Host': 'api.example.com'})
    assert seen['headers']['user-agent'] == 'curl/8'
    assert seen['host'] == 'api.example.com'


@pytest.mark.parametrize(
    ('kwargs', 'content_type', 'body'),
    [
        ({'body': 'héllo'}, None, 'héllo'.encode().decode('latin-1')),
        ({'body': b'\x00\xff'}, None, '\x00\xff'),
        ({'body': 'x', 'content_type': 'text/plain'}, 'text/plain', 'x'),
        (
            {'body': 'x', 'content_type': 'text/csv', 'headers': {'Content-Type': 'a/b'}},
            'text/csv',
            'x',
        ),
        ({'json': {'a': 'é'}}, 'application/json', '{"a": "é"}'.encode().decode('latin-1')),
        (
            {'json': [1], 'body': 'ignored', 'content_type': 'text/plain'},
            'application/json',
            '[1]',
        ),
        ({'msgpack': {'a': 1}}, 'application/msgpack', msgpack.packb({'a': 1}).decode('latin-1')),
        ({'msgpack': 1, 'json': 2}, 'application/msgpack', msgpack.packb(1).decode('latin-1')),
    ],
)
def test_body_and_content_type(
    echo_app: Any, kwargs: dict[str, Any], content_type: str | None, body: str
) -> None:
    seen = echo(echo_app, 'POST', **kwargs)
    assert seen['content_type'] == content_type
    assert seen['body'] == body
    assert seen['headers']['content-length'] == str(len(body))


def test_json_media_round_trip(app_type: type[Any]) -> None:
    class Media:
        async def on_post(self, req: Any, resp: Any) -> None:
            resp.media = {'got': await req.get_media()}

    app = app_type()
    app.add_route('/', Media())
    assert testing.simulate_post(app, '/', json={'a': [1, 2]}).json == {'got': {'a': [1, 2]}}


def test_cookies(echo_app: Any) -> None:
    seen = echo(echo_app, cookies={'sid': 'abc', 'theme': 'dark'})
    assert seen['cookies'] == {'sid': 'abc', 'theme': 'dark'}
    seen = echo(echo_app, cookies=[('a', '1')], headers={'Cookie': 'b=2'})
    assert seen['cookies'] == {'a': '1', 'b': '2'}


@pytest.mark.parametrize(
    ('kwargs', 'key', 'expected'),
    [
        ({'protocol': 'https'}, 'scheme', 'https'),
        ({'protocol': 'https'}, 'port', 443),
        ({'host': 'example.com'}, 'host', 'example.com'),
        ({'port': 8080}, 'port', 8080),
        ({'remote_addr': '10.2.3.4'}, 'remote_addr', '10.2.3.4'),
        ({'root_path': '/api'}, 'root_path', '/api'),
    ],
)
def test_connection_arguments(
    echo_app: Any, kwargs: dict[str, Any], key: str, expected: Any
) -> None:
    assert echo(echo_app, **kwargs)[key] == expected


# -- protocol-level arguments, seen by raw apps ------------------------------------------------


class Captured:
    """A raw WSGI or ASGI app that records its environ or scope and body events."""

    def __init__(self) -> None:
        self.env: dict[str, Any] = {}
        self.scope: dict[str, Any] = {}
        self.events: list[dict[str, Any]] = []

    def wsgi(self, env: dict[str, Any], start_response: Any) -> list[bytes]:
        self.env = env
        start_response('200 OK', [('Content-Type', 'text/plain')])
        return [b'wsgi']

    async def asgi(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope['type'] != 'http':
            raise ValueError('http only')
        self.scope = scope
        while True:
            event = await receive()
            self.events.append(event)
            if not event.get('more_body'):
                break
        await send({'type': 'http.response.start', 'status': 200, 'headers': []})
        await send({'type': 'http.response.body', 'body': b'asgi'})


@pytest.mark.parametrize(
    ('version', 'protocol', 'scope_version'),
    [('1.0', 'HTTP/1.0', '1.0'), ('1.1', 'HTTP/1.1', '1.1'), ('2', 'HTTP/2', '2')],
)
def test_http_version(version: str, protocol: str, scope_version: str) -> None:
    captured = Captured()
    testing.simulate_get(captured.wsgi, '/', http_version=version)
    testing.simulate_get(captured.asgi, '/', http_version=version)
    assert captured.env['SERVER_PROTOCOL'] == protocol
    assert captured.scope['http_version'] == scope_version


def test_extras() -> None:
    captured = Captured()
    testing.simulate_get(captured.wsgi, '/', extras={'custom.key': 1})
    testing.simulate_get(captured.asgi, '/', extras={'extensions': {'x': {}}})
    assert captured.env['custom.key'] == 1
    assert captured.scope['extensions'] == {'x': {}}


def test_extras_may_not_change_the_method() -> None:
    captured = Captured()
    with pytest.raises(ValueError):
        testing.simulate_get(captured.wsgi, '/', extras={'REQUEST_METHOD': 'POST'})
    with pytest.raises(ValueError):
        testing.simulate_get(captured.asgi, '/', extras={'method': 'POST'})
    testing.simulate_get(captured.wsgi, '/', extras={'REQUEST_METHOD': 'GET'})


def test_file_wrapper_and_wsgierrors() -> None:
    errors = io.StringIO()
    seen: dict[str, Any] = {}

    def wrapper(file: Any, block_size: int = 8192) -> Any:
        return iter(lambda: file.read(block_size), b'')

    def app(env: dict[str, Any], start_response: Any) -> list[bytes]:
        seen['file_wrapper'] = env['wsgi.file_wrapper']
        env['wsgi.errors'].write('logged')
        start_response('204 No Content', [])
        return []

    testing.simulate_get(app, '/', file_wrapper=wrapper, wsgierrors=errors)
    assert seen['file_wrapper'] is wrapper
    assert errors.getvalue() == 'logged'


def test_wsgierrors_receives_app_errors() -> None:
    class Broken:
        def on_get(self, req: Any, resp: Any) -> None:
            raise RuntimeError('kaboom')

    app = falcon.wsgi._app.App()
    app.add_route('/', Broken())
    errors = io.StringIO()
    result = testing.simulate_get(app, '/', wsgierrors=errors)
    assert result.status_code == 500
    assert 'kaboom' in errors.getvalue()


def test_file_wrapper_serves_file_bodies() -> None:
    calls: list[int] = []

    def wrapper(file: Any, block_size: int) -> Any:
        calls.append(block_size)
        return iter(lambda: file.read(block_size), b'')

    class File:
        def on_get(self, req: Any, resp: Any) -> None:
            resp.stream = io.BytesIO(b'file contents')
            resp.content_type = 'text/plain'

    app = falcon.wsgi._app.App()
    app.add_route('/', File())
    result = testing.simulate_get(app, '/', file_wrapper=wrapper)
    assert result.text == 'file contents'
    assert len(calls) == 1


@pytest.mark.parametrize(
    ('size', 'chunk_size', 'expected'), [(10, 4, [4, 4, 2]), (3, 4096, [3]), (0, 2, [0])]
)
def test_asgi_chunk_size(size: int, chunk_size: int, expected: list[int]) -> None:
    captured = Captured()
    testing.simulate_post(captured.asgi, '/', body=b'x' * size, asgi_chunk_size=chunk_size)
    assert [len(event['body']) for event in captured.events] == expected


def test_asgi_disconnect_ttl(app_type: type[Any], asgi: bool) -> None:
    class Waits:
        async def on_get(self, req: Any, resp: Any) -> None:
            resp.text = 'ok'

    app = app_type()
    app.add_route('/', Waits())
    if asgi:
        with pytest.raises(ConnectionError):
            testing.simulate_get(app, '/', asgi_disconnect_ttl=0)
    else:
        assert testing.simulate_get(app, '/', asgi_disconnect_ttl=0).text == 'ok'


async def test_asgi_disconnect_ttl_ends_a_stream() -> None:
    class Forever:
        async def on_get(self, req: Any, resp: Any) -> None:
            async def events() -> Any:
                while True:
                    yield SSEvent(data=b'tick')
                    await asyncio.sleep(0.01)

            resp.sse = events()

    app = falcon.asgi._app.App()
    app.add_route('/', Forever())
    async with testing.ASGIConductor(app) as conductor:
        result = await asyncio.wait_for(conductor.simulate_get('/', asgi_disconnect_ttl=0.05), 5)
    assert result.status_code == 200
    assert b'data: tick' in result.content


# -- results ---------------------------------------------------------------------------------


def raw_wsgi_app(status: str, headers: list[tuple[str, str]], body: bytes) -> Any:
    def app(env: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response(status, headers)
        return [body]

    return app


@pytest.mark.parametrize(
    ('content_type', 'body', 'encoding', 'text'),
    [
        ('application/json', '{"é": 1}'.encode(), 'UTF-8', '{"é": 1}'),
        ('text/plain; charset=utf-8', 'é'.encode(), 'utf-8', 'é'),
        ('text/plain', 'é'.encode('latin-1'), 'ISO-8859-1', 'é'),
        ('application/octet-stream', 'é'.encode(), None, 'é'),
        ('text/plain; charset=utf-16', 'hi'.encode('utf-16'), 'utf-16', 'hi'),
    ],
)
def test_result_text_and_encoding(
    content_type: str, body: bytes, encoding: str | None, text: str
) -> None:
    app = raw_wsgi_app('200 OK', [('Content-Type', content_type)], body)
    result = testing.simulate_get(app, '/')
    assert result.content == body
    assert result.encoding == encoding
    assert result.text == text
    assert result.content_type == content_type


def test_result_json() -> None:
    empty = testing.simulate_get(raw_wsgi_app('204 No Content', [], b''), '/')
    assert empty.json is None
    assert empty.text == ''
    full = testing.simulate_get(
        raw_wsgi_app('200 OK', [('Content-Type', 'application/json')], b'[1, 2]'), '/'
    )
    assert full.json == [1, 2]


def test_result_status_and_headers(app_type: type[Any]) -> None:
    class Teapot:
        def on_get(self, req: Any, resp: Any) -> None:
            resp.status = 418
            resp.set_header('X-Answer', '42')
            resp.text = 'short and stout'

    app = app_type()
    app.add_route('/', Teapot())
    result = testing.simulate_get(app, '/')
    assert result.status == "418 I'm a teapot"
    assert result.status_code == 418
    assert result.headers['x-answer'] == result.headers['X-ANSWER'] == '42'
    assert result.text == 'short and stout'
    assert repr(result).startswith("Result<418 I'm a teapot")


def test_result_repr_shortens_content() -> None:
    result = testing.Result([b'a' * 30, b'b' * 30], '200 OK', [('content-type', 'text/plain')])
    assert repr(result) == "Result<200 OK text/plain b'" + 'a' * 20 + '...' + 'b' * 20 + "'>"


@pytest.mark.parametrize(
    ('header', 'name', 'expected'),
    [
        (
            'a=1',
            'a',
            {'value': '1', 'path': '', 'domain': '', 'http_only': False, 'secure': False},
        ),
        (
            'sid=abc; Path=/app; Domain=example.com; Secure; HttpOnly; Max-Age=60',
            'sid',
            {
                'value': 'abc',
                'path': '/app',
                'domain': 'example.com',
                'secure': True,
                'http_only': True,
                'max_age': 60,
            },
        ),
        (
            'e=1; expires=Wed, 21 Oct 2015 07:28:00 GMT',
            'e',
            {'expires': datetime(2015, 10, 21, 7, 28, tzinfo=timezone.utc), 'max_age': None},
        ),
        ('q="a b\\"c"', 'q', {'value': 'a b"c'}),
        ('o="\\073x"', 'o', {'value': ';x'}),
        ('s=1; SameSite=Strict; Partitioned', 's', {'same_site': 'Strict', 'partitioned': True}),
        ('z=0; max-age=0', 'z', {'max_age': 0, 'same_site': None, 'partitioned': False}),
        ('empty=', 'empty', {'value': ''}),
    ],
)
def test_result_cookies(header: str, name: str, expected: dict[str, Any]) -> None:
    app = raw_wsgi_app('200 OK', [('Content-Type', 'text/plain'), ('Set-Cookie', header)], b'')
    cookie = testing.simulate_get(app, '/').cookies[name]
    assert cookie.name == name
    for attribute, value in expected.items():
        assert getattr(cookie, attribute) == value, attribute


@pytest.mark.parametrize('header', ['novalue', '=nameless', 'bad name=1', ''])
def test_result_ignores_invalid_cookies(header: str) -> None:
    app = raw_wsgi_app('200 OK', [('Content-Type', 'text/plain'), ('Set-Cookie', header)], b'')
    assert testing.simulate_get(app, '/').cookies == {}


def test_result_cookies_set_by_the_app(app_type: type[Any]) -> None:
    class Cookies:
        def on_get(self, req: Any, resp: Any) -> None:
            resp.set_cookie('sid', 'a b', max_age=10, path='/', same_site='Lax')
            resp.set_cookie('plain', 'v', secure=False, http_only=False, partitioned=True)
            resp.text = 'ok'

    app = app_type()
    app.add_route('/', Cookies())
    cookies = testing.simulate_get(app, '/').cookies
    assert set(cookies) == {'sid', 'plain'}
    sid, plain = cookies['sid'], cookies['plain']
    assert (sid.value, sid.max_age, sid.path, sid.same_site) == ('a b', 10, '/', 'Lax')
    assert sid.secure and sid.http_only and not sid.partitioned
    assert (plain.value, plain.secure, plain.http_only, plain.partitioned) == (
        'v',
        False,
        False,
        True,
    )


# -- invalid apps ----------------------------------------------------------------------------


class ClosingBody:
    def __init__(self, chunks: list[Any]) -> None:
        self.chunks = chunks
        self.closed = False

    def __iter__(self) -> Any:
        return iter(self.chunks)

    def close(self) -> None:
        self.closed = True


def test_wsgi_iterable_is_closed() -> None:
    body = ClosingBody([b'a', b'b'])

    def app(env: dict[str, Any], start_response: Any) -> Any:
        start_response('200 OK', [('Content-Type', 'text/plain')])
        return body

    assert testing.simulate_get(app, '/').text == 'ab'
    assert body.closed


@pytest.mark.parametrize(
    ('status', 'headers', 'chunks'),
    [
        ('200 OK', [('Content-Type', 'text/plain')], ['text, not bytes']),
        ('200 OK', [('Content-Type', 'text/plain', 'extra')], [b'']),
        ('200 OK', [('Bad Name', 'x'), ('Content-Type', 'text/plain')], [b'']),
        ('200 OK', [], [b'missing content type']),
        (200, [('Content-Type', 'text/plain')], [b'']),
    ],
)
def test_invalid_wsgi_responses_raise(status: Any, headers: Any, chunks: list[Any]) -> None:
    body = ClosingBody(chunks)

    def app(env: dict[str, Any], start_response: Any) -> Any:
        start_response(status, headers)
        return body

    with pytest.raises(AssertionError):
        testing.simulate_get(app, '/')


def test_wsgi_app_that_never_starts_a_response() -> None:
    def app(env: dict[str, Any], start_response: Any) -> Any:
        return []

    with pytest.raises(RuntimeError, match='start_response'):
        testing.simulate_get(app, '/')


@pytest.mark.parametrize(
    ('events', 'error'),
    [
        ([{'type': 'http.response.start', 'status': '200 OK', 'headers': []}], TypeError),
        ([{'type': 'http.response.body', 'body': b'x'}], ValueError),
        ([], ConnectionError),
    ],
)
def test_invalid_asgi_responses_raise(
    events: list[dict[str, Any]], error: type[Exception]
) -> None:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope['type'] != 'http':
            return
        for event in events:
            await send(event)

    with pytest.raises(error):
        testing.simulate_get(app, '/')


def test_asgi_app_errors_propagate() -> None:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope['type'] == 'http':
            raise LookupError('from the app')

    with pytest.raises(LookupError):
        testing.simulate_get(app, '/')


class AppObject:
    """An ASGI app written as a class with an async ``__call__``."""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope['type'] != 'http':
            return
        await send({'type': 'http.response.start', 'status': 200, 'headers': []})
        await send({'type': 'http.response.body', 'body': b'object'})


def test_asgi_app_objects_are_detected() -> None:
    assert testing.simulate_get(AppObject(), '/').content == b'object'


# -- lifespan --------------------------------------------------------------------------------


class Lifespan:
    def __init__(self) -> None:
        self.calls: list[str] = []

    async def process_startup(self, scope: dict[str, Any], event: dict[str, Any]) -> None:
        self.calls.append('startup')

    async def process_shutdown(self, scope: dict[str, Any], event: dict[str, Any]) -> None:
        self.calls.append('shutdown')

    async def process_request(self, req: Any, resp: Any) -> None:
        self.calls.append('request')


def test_one_shot_requests_run_inside_a_lifespan() -> None:
    middleware = Lifespan()
    app = falcon.asgi._app.App(middleware=[middleware])
    testing.simulate_get(app, '/')
    testing.simulate_get(app, '/')
    assert middleware.calls == ['startup', 'request', 'shutdown'] * 2


async def test_conductor_runs_one_lifespan() -> None:
    middleware = Lifespan()
    app = falcon.asgi._app.App(middleware=[middleware])
    async with testing.ASGIConductor(app) as conductor:
        assert middleware.calls == ['startup']
        await conductor.simulate_get('/')
        await conductor.get('/')
    assert middleware.calls == ['startup', 'request', 'request', 'shutdown']


@pytest.mark.parametrize(
    ('phase', 'message'), [('startup', 'start up'), ('shutdown', 'shut down')]
)
async def test_conductor_lifespan_failure(phase: str, message: str) -> None:
    class Failing:
        async def process_startup(self, scope: Any, event: Any) -> None:
            if phase == 'startup':
                raise RuntimeError('no database')

        async def process_shutdown(self, scope: Any, event: Any) -> None:
            if phase == 'shutdown':
                raise RuntimeError('stuck')

    app = falcon.asgi._app.App(middleware=[Failing()])
    with pytest.raises(RuntimeError, match=f'failed to {message}'):
        async with testing.ASGIConductor(app):
            pass


def test_one_shot_lifespan_failure() -> None:
    class Failing:
        async def process_startup(self, scope: Any, event: Any) -> None:
            raise RuntimeError('no database')

    app = falcon.asgi._app.App(middleware=[Failing()])
    with pytest.raises(RuntimeError, match='no database'):
        testing.simulate_get(app, '/')


async def test_conductor_with_app_without_lifespan() -> None:
    captured = Captured()
    async with testing.ASGIConductor(captured.asgi) as conductor:
        result = await conductor.simulate_post('/', body='hi')
    assert result.content == b'asgi'
    assert captured.events[0]['body'] == b'hi'


async def test_conductor_lifespan_state_reaches_requests() -> None:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope['type'] == 'lifespan':
            await receive()
            scope['state']['db'] = 'connected'
            await send({'type': 'lifespan.startup.complete'})
            await receive()
            await send({'type': 'lifespan.shutdown.complete'})
            return
        await send({'type': 'http.response.start', 'status': 200, 'headers': []})
        await send({'type': 'http.response.body', 'body': scope['state']['db'].encode()})

    async with testing.ASGIConductor(app) as conductor:
        assert (await conductor.simulate_get('/')).text == 'connected'
    assert testing.simulate_get(app, '/').text == 'connected'


# -- clients ---------------------------------------------------------------------------------


def test_test_client_default_headers(echo_app: Any) -> None:
    client = testing.TestClient(echo_app, headers={'X-Default': 'd', 'Accept': 'text/plain'})
    seen = client.simulate_get('/echo', headers={'accept': 'application/json'}).json
    assert seen['headers']['x-default'] == 'd'
    assert seen['headers']['accept'] == 'application/json'
    assert client.simulate_get('/echo', headers=None).json['headers']['x-default'] == 'd'
    pairs = client.simulate_get('/echo', headers=[('X-Other', 'o')]).json['headers']
    assert (pairs['x-other'], pairs['x-default']) == ('o', 'd')


@pytest.mark.parametrize(
    ('name', 'method'),
    [
        ('simulate_get', 'GET'),
        ('simulate_post', 'POST'),
        ('simulate_put', 'PUT'),
        ('simulate_patch', 'PATCH'),
        ('simulate_delete', 'DELETE'),
        ('simulate_options', 'OPTIONS'),
        ('get', 'GET'),
        ('post', 'POST'),
        ('put', 'PUT'),
        ('patch', 'PATCH'),
        ('delete', 'DELETE'),
        ('options', 'OPTIONS'),
    ],
)
def test_test_client_methods(echo_app: Any, name: str, method: str) -> None:
    client = testing.TestClient(echo_app)
    assert getattr(client, name)('/echo').json['method'] == method


def test_test_client_head_and_request(echo_app: Any) -> None:
    client = testing.TestClient(echo_app)
    assert client.simulate_head('/echo').content == b''
    assert client.head('/echo').status_code == 200
    assert client.simulate_request('PUT', '/echo').json['method'] == 'PUT'
    assert client.request(method='PATCH', path='/echo').json['method'] == 'PATCH'


async def test_sync_client_inside_a_running_loop(echo_app: Any) -> None:
    client = testing.TestClient(echo_app)
    assert client.simulate_get('/echo').json['method'] == 'GET'


def test_sync_client_from_several_threads(echo_app: Any) -> None:
    client = testing.TestClient(echo_app)
    results: list[int] = []

    def work() -> None:
        for _ in range(5):
            results.append(client.simulate_get('/echo').status_code)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200] * 20


async def test_test_client_as_conductor(echo_app: Any) -> None:
    client = testing.TestClient(echo_app, headers={'X-Default': 'd'})
    async with client as conductor:
        assert isinstance(conductor, testing.ASGIConductor)
        seen = (await conductor.simulate_get('/echo')).json
    assert seen['headers']['x-default'] == 'd'


@pytest.mark.parametrize(
    ('name', 'method'),
    [
        ('simulate_get', 'GET'),
        ('simulate_post', 'POST'),
        ('simulate_put', 'PUT'),
        ('simulate_patch', 'PATCH'),
        ('simulate_delete', 'DELETE'),
        ('simulate_options', 'OPTIONS'),
        ('get', 'GET'),
        ('post', 'POST'),
        ('put', 'PUT'),
        ('patch', 'PATCH'),
        ('delete', 'DELETE'),
        ('options', 'OPTIONS'),
    ],
)
async def test_conductor_methods(echo_app: Any, name: str, method: str) -> None:
    async with testing.ASGIConductor(echo_app, headers={'X-D': '1'}) as conductor:
        seen = (await getattr(conductor, name)('/echo', params={'a': 1})).json
    assert seen['method'] == method
    assert seen['query'] == {'a': '1'}
    assert seen['headers']['x-d'] == '1'


async def test_conductor_head_and_request(echo_app: Any) -> None:
    async with testing.ASGIConductor(echo_app) as conductor:
        assert (await conductor.simulate_head('/echo')).content == b''
        assert (await conductor.head('/echo')).status_code == 200
        assert (await conductor.simulate_request('PUT', '/echo')).json['method'] == 'PUT'
        assert (await conductor.request('DELETE', '/echo')).json['method'] == 'DELETE'


async def test_conductor_websocket() -> None:
    seen: dict[str, Any] = {'query_strings': []}

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope['type'] != 'websocket':
            return
        seen['headers'] = dict(scope['headers'])
        seen['query_strings'].append(scope['query_string'])
        await receive()
        await send({'type': 'websocket.accept'})
        message = await receive()
        await send({'type': 'websocket.send', 'text': message['text'].upper()})
        await receive()

    async with testing.ASGIConductor(app, headers={'X-Default': 'd'}) as conductor:
        async with conductor.simulate_ws('/chat', query_string='room=1') as ws:
            await ws.send_text('hello')
            assert await ws.receive_text() == 'HELLO'
        async with conductor.websocket('/chat') as ws:
            await ws.send_text('again')
            assert await ws.receive_text() == 'AGAIN'
    assert seen['headers'][b'x-default'] == b'd'
    assert seen['query_strings'] == [b'room=1', b'']


def test_websocket_simulator_is_exported() -> None:
    assert testing.ASGIWebSocketSimulator.__name__ == 'ASGIWebSocketSimulator'
    with pytest.raises(AttributeError):
        testing.NoSuchThing  # noqa: B018


# -- streaming -------------------------------------------------------------------------------


class Ticker:
    def __init__(self, count: int | None) -> None:
        self.count = count
        self.closed = asyncio.Event()

    async def on_get(self, req: Any, resp: Any) -> None:
        async def events() -> Any:
            number = 0
            try:
                while self.count is None or number < self.count:
                    yield SSEvent(json={'n': number})
                    number += 1
                    await asyncio.sleep(0.005)
            finally:
                self.closed.set()

        resp.sse = events()


async def read_until(stream: testing.ResultBodyStream, marker: bytes) -> bytes:
    data = b''
    for _ in range(1000):
        data += await stream.read()
        if marker in data:
            return data
        await asyncio.sleep(0.002)
    raise AssertionError(f'{marker!r} never arrived; got {data!r}')


async def test_stream_sse_while_it_runs() -> None:
    ticker = Ticker(count=None)
    app = falcon.asgi._app.App()
    app.add_route('/events', ticker)
    async with (
        testing.ASGIConductor(app) as conductor,
        conductor.simulate_get_stream('/events') as result,
    ):
        assert isinstance(result, testing.StreamedResult)
        assert result.status_code == 200
        assert result.headers['content-type'] == 'text/event-stream'
        data = await read_until(result.stream, b'"n": 2')
        assert data.startswith(b'data: {"n": 0}\n\n')
        assert not ticker.closed.is_set()
    assert ticker.closed.is_set()


async def test_stream_alias_and_finite_stream() -> None:
    app = falcon.asgi._app.App()
    app.add_route('/events', Ticker(count=2))
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.get_stream('/events') as result:
            data = await read_until(result.stream, b'"n": 1')
        assert b'"n": 0' in data
        assert (await conductor.simulate_get('/events')).text.count('data:') == 2


async def test_stream_wsgi_app() -> None:
    class Chunks:
        def on_get(self, req: Any, resp: Any) -> None:
            resp.content_type = 'text/plain'
            resp.stream = iter([b'one ', b'two ', b'three'])

    app = falcon.wsgi._app.App()
    app.add_route('/', Chunks())
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_get_stream('/') as result:
            assert result.status_code == 200
            data = await read_until(result.stream, b'three')
        assert data == b'one two three'
        assert (await conductor.simulate_get('/')).text == 'one two three'


def test_result_body_stream_reads_new_chunks() -> None:
    chunks: list[bytes] = []
    stream = testing.ResultBodyStream(chunks)

    async def scenario() -> list[bytes]:
        reads = [await stream.read()]
        chunks.extend([b'a', b'b'])
        reads.append(await stream.read())
        reads.append(await stream.read())
        chunks.append(b'c')
        reads.append(await stream.read())
        return reads

    assert asyncio.run(scenario()) == [b'', b'ab', b'', b'c']


def test_result_json_decodes_utf8_body(app_type: type[Any]) -> None:
    class Unicode:
        def on_get(self, req: Any, resp: Any) -> None:
            resp.media = {'word': 'naïve'}

    app = app_type()
    app.add_route('/', Unicode())
    result = testing.simulate_get(app, '/')
    assert result.json == {'word': 'naïve'}
    assert json.loads(result.content) == {'word': 'naïve'}


async def test_conductor_shuts_down_when_the_block_raises() -> None:
    middleware = Lifespan()
    app = falcon.asgi._app.App(middleware=[middleware])
    with pytest.raises(KeyError):
        async with testing.ASGIConductor(app):
            raise KeyError('from the test')
    assert middleware.calls == ['startup', 'shutdown']


_SHORTCUTS = ['get', 'head', 'post', 'put', 'options', 'patch', 'delete']


@pytest.mark.parametrize(
    'name',
    ['simulate_request', *(f'simulate_{verb}' for verb in _SHORTCUTS), 'request', *_SHORTCUTS],
)
def test_both_clients_have_each_request_method_with_falcons_signature(name: str) -> None:
    sync_method = getattr(testing.TestClient, name)
    async_method = getattr(testing.ASGIConductor, name)
    assert sync_method.__name__ == async_method.__name__ == name
    assert sync_method.__doc__ == async_method.__doc__
    assert not inspect.iscoroutinefunction(sync_method)
    assert inspect.iscoroutinefunction(async_method)
    expected = {
        'simulate_request': '(self, *args, **kwargs)',
        **{f'simulate_{verb}': "(self, path='/', **kwargs)" for verb in _SHORTCUTS},
    }.get(name, '(client, *args, **kwargs)')
    for method in (sync_method, async_method):
        parameters = inspect.signature(method).replace(return_annotation=inspect.Parameter.empty)
        plain = parameters.replace(
            parameters=[p.replace(annotation=p.empty) for p in parameters.parameters.values()]
        )
        assert str(plain) == expected


@pytest.mark.parametrize('verb', _SHORTCUTS)
def test_functional_shortcuts_carry_their_names(verb: str) -> None:
    function = getattr(testing, f'simulate_{verb}')
    assert function.__name__ == function.__qualname__ == f'simulate_{verb}'
    assert function.__module__ == 'falcon.testing.client'
    assert str(inspect.signature(function)).startswith('(app: ')
    assert list(inspect.signature(function).parameters) == ['app', 'path', 'kwargs']
