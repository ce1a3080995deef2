"""falcon.testing in detail: Result fields, simulate_* keywords, TestCase,
ASGIConductor, create_environ/create_scope, SimpleTestResource and its hooks
(Falcon 4 Testing Helpers page)."""

from __future__ import annotations

import asyncio
import io
import unittest
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

import falcon
import falcon.asgi
from falcon import testing

from ._support import resource


def _probe(
    asgi: bool,
    make_app: Callable[..., Any],
    func: Callable[[Any], Any],
    path: str = '/p',
    method: str = 'GET',
    **kw: Any,
) -> Any:
    def responder(req: Any, resp: Any, **params: Any) -> None:
        resp.media = {'value': func(req)}

    app = make_app()
    app.add_route('/p', resource(asgi, 'Probe', **{f'on_{method.lower()}': responder}))
    result = testing.simulate_request(app, method, path, **kw)
    assert result.status_code == 200, result.text
    return result.json['value']


def test_result_content_type(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.text = 'x'
        resp.content_type = 'text/plain; charset=latin-1'

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.content_type == 'text/plain; charset=latin-1'
    assert result.encoding == 'latin-1'


@pytest.mark.parametrize(
    ('kw', 'query'),
    [
        ({'params': {'a': [1, 2], 'b': 'x y'}}, 'a=1&a=2&b=x%20y'),
        ({'params': {'a': [1, 2]}, 'params_csv': True}, 'a=1,2'),
        ({'params': {'t': True, 'f': False}}, 't=true&f=false'),
        ({'query_string': 'z=9&z=8'}, 'z=9&z=8'),
        ({}, ''),
    ],
)
def test_params_keywords(
    asgi: bool, make_app: Callable[..., Any], kw: dict[str, Any], query: str
) -> None:
    assert _probe(asgi, make_app, lambda req: req.query_string, **kw) == query


@pytest.mark.parametrize(
    ('path', 'kw'),
    [
        ('/p', {'query_string': '?a=1'}),
        ('p', {}),
        ('/p?a=1', {'query_string': 'b=2'}),
    ],
)
def test_simulate_rejects_bad_paths(
    asgi: bool, make_app: Callable[..., Any], path: str, kw: dict[str, Any]
) -> None:
    app = make_app()
    app.add_route('/p', resource(asgi, on_get=lambda req, resp: None))
    with pytest.raises(ValueError):
        testing.simulate_get(app, path, **kw)


def _body(req: Any) -> Any:
    if hasattr(req, 'bounded_stream') and not hasattr(req, 'scope'):
        data = req.bounded_stream.read()
    else:
        data = None
    return [req.content_type, req.content_length, None if data is None else data.decode()]


@pytest.mark.parametrize(
    ('kw', 'expected'),
    [
        ({'body': 'héllo'}, [None, 6, 'héllo']),
        ({'body': b'raw', 'content_type': 'text/plain'}, ['text/plain', 3, 'raw']),
        ({'json': {'k': 'v'}}, ['application/json', 10, '{"k": "v"}']),
        ({}, [None, None, '']),
    ],
)
def test_body_keywords(
    asgi: bool, make_app: Callable[..., Any], kw: dict[str, Any], expected: list[Any]
) -> None:
    value = _probe(asgi, make_app, _body, method='POST', **kw)
    assert value[:2] == expected[:2]
    if not asgi:
        assert value[2] == expected[2]


def test_asgi_body_stream(make_app: Callable[..., Any]) -> None:
    class Res:
        async def on_post(self, req: Any, resp: Any) -> None:
            resp.media = (await req.stream.read()).decode()

    app = falcon.asgi.App()
    app.add_route('/', Res())
    assert testing.simulate_post(app, '/', body='x' * 10000).json == 'x' * 10000
    assert testing.simulate_post(app, '/', body='abc', asgi_chunk_size=1).json == 'abc'


@pytest.mark.parametrize(
    'headers',
    [{'X-A': '1', 'x-b': '2'}, [('X-A', '1'), ('x-b', '2')]],
    ids=['dict', 'list'],
)
def test_headers_keyword(asgi: bool, make_app: Callable[..., Any], headers: Any) -> None:
    func = lambda req: [req.get_header('x-a'), req.get_header('X-B')]  # noqa: E731
    assert _probe(asgi, make_app, func, headers=headers) == ['1', '2']


def test_default_user_agent(asgi: bool, make_app: Callable[..., Any]) -> None:
    assert _probe(asgi, make_app, lambda req: req.user_agent) == testing.DEFAULT_UA
    assert testing.DEFAULT_UA.startswith('falcon-client/4.')
    assert testing.DEFAULT_HOST == 'falconframework.org'


def test_extras_keyword(asgi: bool, make_app: Callable[..., Any]) -> None:
    def func(req: Any) -> Any:
        return (req.scope if asgi else req.env)['my.extra']

    assert _probe(asgi, make_app, func, extras={'my.extra': 'value'}) == 'value'


def test_root_path_keyword(asgi: bool, make_app: Callable[..., Any]) -> None:
    def func(req: Any) -> Any:
        return [req.root_path, req.path, req.uri, req.relative_uri, req.prefix]

    assert _probe(asgi, make_app, func, root_path='/api', query_string='q=1') == [
        '/api',
        '/p',
        'http://falconframework.org/api/p?q=1',
        '/api/p?q=1',
        'http://falconframework.org/api',
    ]


def test_http_version_keyword(asgi: bool, make_app: Callable[..., Any]) -> None:
    def func(req: Any) -> Any:
        return req.scope['http_version'] if asgi else req.env['SERVER_PROTOCOL']

    value = _probe(asgi, make_app, func, http_version='1.0')
    assert value == ('1.0' if asgi else 'HTTP/1.0')


@pytest.mark.parametrize(
    ('kw', 'expected'),
    [
        ({'protocol': 'https', 'port': 8443}, ['https', 8443, 'falconframework.org:8443']),
        ({'protocol': 'https', 'port': 443}, ['https', 443, 'falconframework.org']),
        ({'host': 'h.example', 'port': 80}, ['http', 80, 'h.example']),
    ],
)
def test_protocol_host_port(
    asgi: bool, make_app: Callable[..., Any], kw: dict[str, Any], expected: list[Any]
) -> None:
    func = lambda req: [req.scheme, req.port, req.netloc]  # noqa: E731
    assert _probe(asgi, make_app, func, **kw) == expected


def test_file_wrapper_keyword() -> None:
    calls: list[Any] = []

    def wrapper(stream: Any, block_size: int) -> Any:
        calls.append(stream)
        return iter([b'wrapped'])

    stream = io.BytesIO(b'original')

    def on_get(req: Any, resp: Any) -> None:
        resp.stream = stream

    app = falcon.App()
    app.add_route('/', resource(False, on_get=on_get))
    result = testing.simulate_get(app, '/', file_wrapper=wrapper)
    assert result.content == b'wrapped'
    assert calls == [stream]


def test_testcase_builds_a_wsgi_app() -> None:
    outcomes: list[Any] = []

    class Case(testing.TestCase):
        def setUp(self) -> None:
            super().setUp()
            self.app.add_route('/', testing.SimpleTestResource(json={'a': 'b'}))

        def test_get(self) -> None:
            outcomes.append(type(self.app))
            outcomes.append(self.simulate_get('/').json)

    run = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(Case).run(run)
    assert run.wasSuccessful(), run.errors + run.failures
    assert outcomes == [falcon.App, {'a': 'b'}]


def test_simple_test_resource(asgi: bool, make_app: Callable[..., Any]) -> None:
    cls = testing.SimpleTestResourceAsync if asgi else testing.SimpleTestResource
    res = cls(status=falcon.HTTP_201, json={'k': 'v'}, headers={'X-Extra': 'yes'})
    app = make_app()
    app.add_route('/things/{thing_id}', res)
    assert res.called is False
    result = testing.simulate_get(app, '/things/7')
    assert result.status_code == 201
    assert result.json == {'k': 'v'}
    assert result.headers['X-Extra'] == 'yes'
    assert res.called is True
    assert res.captured_kwargs == {'thing_id': '7'}
    assert res.captured_req.path == '/things/7'
    assert res.captured_resp.status in (falcon.HTTP_201, 201)
    assert testing.simulate_post(app, '/things/8', body='b').status_code == 201
    assert res.captured_kwargs == {'thing_id': '8'}


def test_simple_test_resource_body_and_defaults(asgi: bool, make_app: Callable[..., Any]) -> None:
    cls = testing.SimpleTestResourceAsync if asgi else testing.SimpleTestResource
    app = make_app()
    app.add_route('/plain', cls(body='hello'))
    app.add_route('/empty', cls())
    assert testing.simulate_get(app, '/plain').text == 'hello'
    empty = testing.simulate_get(app, '/empty')
    assert empty.status_code == 200
    assert empty.content == b''
    with pytest.raises(ValueError):
        cls(body='x', json={'a': 'b'})


def test_capture_and_defaults_hooks(asgi: bool, make_app: Callable[..., Any]) -> None:
    before_capture = (
        testing.capture_responder_args_async if asgi else testing.capture_responder_args
    )
    before_defaults = testing.set_resp_defaults_async if asgi else testing.set_resp_defaults

    class Sync:
        _default_status = falcon.HTTP_202
        _default_body = 'defaulted'
        _default_headers = {'X-D': '1'}

        @falcon.before(before_capture)  # type: ignore[untyped-decorator]
        @falcon.before(before_defaults)  # type: ignore[untyped-decorator]
        def on_get(self, req: Any, resp: Any, **kwargs: Any) -> None:
            pass

    class Async(Sync):
        @falcon.before(before_capture)  # type: ignore[untyped-decorator]
        @falcon.before(before_defaults)  # type: ignore[untyped-decorator]
        async def on_get(self, req: Any, resp: Any, **kwargs: Any) -> None:
            pass

    res = Async() if asgi else Sync()
    app = make_app()
    app.add_route('/{x}', res)
    result = testing.simulate_get(app, '/1')
    assert result.status_code == 202
    assert result.text == 'defaulted'
    assert result.headers['X-D'] == '1'
    assert res.captured_kwargs == {'x': '1'}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ('kwargs', 'expected'),
    [
        (
            {'path': '/hello', 'query_string': 'a=1'},
            {
                'PATH_INFO': '/hello',
                'QUERY_STRING': 'a=1',
                'REQUEST_METHOD': 'GET',
                'SERVER_NAME': 'falconframework.org',
                'SERVER_PORT': '80',
                'SERVER_PROTOCOL': 'HTTP/1.1',
                'SCRIPT_NAME': '',
                'REMOTE_ADDR': '127.0.0.1',
                'wsgi.url_scheme': 'http',
                'HTTP_USER_AGENT': testing.DEFAULT_UA,
            },
        ),
        ({'scheme': 'https'}, {'SERVER_PORT': '443', 'wsgi.url_scheme': 'https'}),
        ({'port': 8000}, {'SERVER_PORT': '8000'}),
        ({'method': 'patch'}, {'REQUEST_METHOD': 'PATCH'}),
        ({'path': '/a%20b'}, {'PATH_INFO': '/a b'}),
        ({'app': '/root'}, {'SCRIPT_NAME': '/root'}),
        ({'root_path': '/root'}, {'SCRIPT_NAME': '/root'}),
        ({'remote_addr': '10.0.0.9'}, {'REMOTE_ADDR': '10.0.0.9'}),
        ({'http_version': '1.0'}, {'SERVER_PROTOCOL': 'HTTP/1.0'}),
        (
            {'headers': {'X-Thing': 'y', 'Content-Type': 'text/plain'}},
            {'HTTP_X_THING': 'y', 'CONTENT_TYPE': 'text/plain'},
        ),
        ({'cookies': {'a': 'b'}}, {'HTTP_COOKIE': 'a=b'}),
        ({'body': 'hello'}, {'CONTENT_LENGTH': '5'}),
    ],
)
def test_create_environ(kwargs: dict[str, Any], expected: dict[str, str]) -> None:
    env = testing.create_environ(**kwargs)
    for key, value in expected.items():
        assert env[key] == value, key


def test_create_environ_body_and_streams() -> None:
    env = testing.create_environ(body=b'payload')
    assert env['wsgi.input'].read() == b'payload'
    assert env['wsgi.version'] == (1, 0)
    assert env['wsgi.multithread'] is False
    assert env['wsgi.multiprocess'] is True
    assert env['wsgi.run_once'] is False


def test_create_scope() -> None:
    scope = testing.create_scope(
        path='/hello',
        query_string='a=1',
        method='post',
        headers={'X-Thing': 'y'},
        remote_addr='10.0.0.9',
        content_length=5,
    )
    assert scope['type'] == 'http'
    assert scope['asgi']['version'] == '3.0'
    assert scope['method'] == 'POST'
    assert scope['path'] == '/hello'
    assert scope['query_string'] == b'a=1'
    assert scope['http_version'] == '1.1'
    assert scope['scheme'] == 'http'
    assert scope['server'] == ('falconframework.org', 80)
    assert scope['client'][0] == '10.0.0.9'
    headers = [tuple(pair) for pair in scope['headers']]
    assert (b'x-thing', b'y') in headers
    assert (b'content-length', b'5') in headers
    assert all(name == name.lower() for name, _ in headers)


def test_create_scope_options() -> None:
    assert 'server' not in testing.create_scope(include_server=False)
    assert testing.create_scope(scheme='https')['server'] == ('falconframework.org', 443)
    assert testing.create_scope(port=8080)['server'] == ('falconframework.org', 8080)
    assert testing.create_scope(root_path='/r')['root_path'] == '/r'
    ws_scope = testing.create_scope_ws(path='/ws')
    assert ws_scope['type'] == 'websocket'
    assert ws_scope['scheme'] == 'ws'


def test_create_req_helpers() -> None:
    req = testing.create_req(path='/x', query_string='a=1', headers={'X-Y': 'z'})
    assert isinstance(req, falcon.Request)
    assert [req.path, req.get_param('a'), req.get_header('X-Y')] == ['/x', '1', 'z']
    asgi_req = testing.create_asgi_req(path='/y', body=b'abc')
    assert isinstance(asgi_req, falcon.asgi.Request)
    assert asgi_req.path == '/y'


async def test_conductor_streams() -> None:
    class Stream:
        async def on_get(self, req: Any, resp: Any) -> None:
            async def chunks() -> AsyncIterator[bytes]:
                yield b'a'
                yield b'b'

            resp.content_type = 'text/plain'
            resp.stream = chunks()

    app = falcon.asgi.App()
    app.add_route('/s', Stream())
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_get_stream('/s') as streamed:
            assert streamed.status_code == 200
            assert streamed.headers['Content-Type'] == 'text/plain'
            data = b''
            for _ in range(200):
                data += await streamed.stream.read()
                if data == b'ab':
                    break
                await asyncio.sleep(0)
            assert data == b'ab'
        result = await conductor.simulate_get('/s')
        assert result.content == b'ab'


async def test_conductor_lifespan() -> None:
    events: list[str] = []

    class Lifespan:
        async def process_startup(self, scope: Any, event: Any) -> None:
            events.append('startup')

        async def process_shutdown(self, scope: Any, event: Any) -> None:
            events.append('shutdown')

    app = falcon.asgi.App(middleware=[Lifespan()])
    app.add_route('/', testing.SimpleTestResourceAsync(body='ok'))
    async with testing.ASGIConductor(app, headers={'X-Default': 'd'}) as conductor:
        assert events == ['startup']
        result = await conductor.simulate_get('/')
        assert result.text == 'ok'
    assert events == ['startup', 'shutdown']


def test_test_client_async_context_gives_conductor() -> None:
    app = falcon.asgi.App()
    app.add_route('/', testing.SimpleTestResourceAsync(body='ok'))
    client = testing.TestClient(app)

    async def run() -> str:
        text = ''
        async with client as conductor:
            assert isinstance(conductor, testing.ASGIConductor)
            text = (await conductor.simulate_get('/')).text
        return text

    assert asyncio.run(run()) == 'ok'
