"""create_environ, create_scope(_ws), create_req, create_asgi_req and the small helpers."""

from __future__ import annotations

import io
import socket
import sys
from typing import Any

import pytest

import falcon
from falcon import testing
from falcon.testing._helpers import normalize_headers
from falcon.util.deprecation import DeprecatedWarning

# -- create_environ --------------------------------------------------------------------------


def test_environ_defaults() -> None:
    env = testing.create_environ()
    assert env['REQUEST_METHOD'] == 'GET'
    assert env['PATH_INFO'] == '/'
    assert env['QUERY_STRING'] == ''
    assert env['SCRIPT_NAME'] == ''
    assert env['SERVER_NAME'] == 'falconframework.org'
    assert env['SERVER_PORT'] == '80'
    assert env['SERVER_PROTOCOL'] == 'HTTP/1.1'
    assert env['REMOTE_ADDR'] == '127.0.0.1'
    assert env['HTTP_HOST'] == 'falconframework.org'
    assert env['HTTP_USER_AGENT'] == testing.DEFAULT_UA == f'falcon-client/{falcon.__version__}'
    assert testing.DEFAULT_HOST == 'falconframework.org'
    assert env['wsgi.version'] == (1, 0)
    assert env['wsgi.url_scheme'] == 'http'
    assert env['wsgi.input'].read() == b''
    assert env['wsgi.errors'] is sys.stderr
    assert env['wsgi.multithread'] is False
    assert env['wsgi.multiprocess'] is True
    assert env['wsgi.run_once'] is False
    assert 'CONTENT_LENGTH' not in env
    assert 'CONTENT_TYPE' not in env
    assert 'wsgi.file_wrapper' not in env


@pytest.mark.parametrize(
    ('path', 'path_info'),
    [
        ('/', '/'),
        ('/a/b', '/a/b'),
        ('/a%20b', '/a b'),
        ('/caf%C3%A9', '/café'.encode().decode('latin-1')),
        ('/café', '/café'.encode().decode('latin-1')),
        ('/a%2Fb', '/a/b'),
        ('/100%', '/100%'),
    ],
)
def test_environ_path_is_decoded_and_tunnelled(path: str, path_info: str) -> None:
    assert testing.create_environ(path)['PATH_INFO'] == path_info


@pytest.mark.parametrize(
    ('kwargs', 'key', 'expected'),
    [
        ({'scheme': 'https'}, 'SERVER_PORT', '443'),
        ({'scheme': 'HTTPS'}, 'wsgi.url_scheme', 'https'),
        ({'scheme': 'https'}, 'HTTP_HOST', 'falconframework.org'),
        ({'port': 8000}, 'HTTP_HOST', 'falconframework.org:8000'),
        ({'port': 8000}, 'SERVER_PORT', '8000'),
        ({'scheme': 'https', 'port': 80}, 'HTTP_HOST', 'falconframework.org:80'),
        ({'host': 'example.com'}, 'SERVER_NAME', 'example.com'),
        ({'host': 'example.com'}, 'HTTP_HOST', 'example.com'),
        ({'http_version': '1.0'}, 'SERVER_PROTOCOL', 'HTTP/1.0'),
        ({'http_version': '2'}, 'SERVER_PROTOCOL', 'HTTP/2'),
        ({'http_version': '2.0'}, 'SERVER_PROTOCOL', 'HTTP/2'),
        ({'method': 'post'}, 'REQUEST_METHOD', 'POST'),
        ({'query_string': 'a=1&b=2'}, 'QUERY_STRING', 'a=1&b=2'),
        ({'root_path': '/api'}, 'SCRIPT_NAME', '/api'),
        ({'root_path': 'api'}, 'SCRIPT_NAME', '/api'),
        ({'app': 'v1'}, 'SCRIPT_NAME', '/v1'),
        ({'remote_addr': '10.0.0.1'}, 'REMOTE_ADDR', '10.0.0.1'),
        ({'body': 'héllo'}, 'CONTENT_LENGTH', '6'),
        ({'body': b'xyz'}, 'CONTENT_LENGTH', '3'),
        ({'headers': {'Content-Type': 'text/plain'}}, 'CONTENT_TYPE', 'text/plain'),
        ({'headers': {'X-Thing': ' padded '}}, 'HTTP_X_THING', 'padded'),
        ({'headers': {'X-Empty': None}}, 'HTTP_X_EMPTY', ''),
        ({'headers': [('X-A', '1'), ('x-a', '2')]}, 'HTTP_X_A', '1,2'),
        ({'headers': {'User-Agent': 'curl'}}, 'HTTP_USER_AGENT', 'curl'),
        ({'headers': {'Host': 'other:81'}}, 'HTTP_HOST', 'other:81'),
        ({'headers': {'Content-Length': '7'}, 'body': b'ab'}, 'CONTENT_LENGTH', '7'),
        ({'cookies': {'a': '1', 'b': '2'}}, 'HTTP_COOKIE', 'a=1; b=2'),
        ({'cookies': [('a', '1')], 'headers': {'Cookie': 'z=0'}}, 'HTTP_COOKIE', 'z=0; a=1'),
    ],
)
def test_environ_arguments(kwargs: dict[str, Any], key: str, expected: str) -> None:
    assert testing.create_environ(**kwargs)[key] == expected


def test_environ_http_1_0_has_no_host_header() -> None:
    assert 'HTTP_HOST' not in testing.create_environ(http_version='1.0')


def test_environ_body_file_wrapper_and_errors() -> None:
    errors = io.StringIO()

    def wrapper(file: Any, size: int) -> Any:
        return file

    env = testing.create_environ(body='data', wsgierrors=errors, file_wrapper=wrapper)
    assert env['wsgi.input'].read() == b'data'
    assert env['wsgi.errors'] is errors
    assert env['wsgi.file_wrapper'] is wrapper


def test_environ_cookie_objects_use_their_value() -> None:
    class Value:
        value = 'v'

    assert testing.create_environ(cookies={'n': Value()})['HTTP_COOKIE'] == 'n=v'


@pytest.mark.parametrize(
    'kwargs',
    [
        {'path': 'relative'},
        {'query_string': '?a=1'},
        {'http_version': '4'},
        {'headers': {'X-Int': 5}},
        {'headers': [('X-Alone',)]},
        {'headers': {'': 'x'}},
    ],
)
def test_environ_rejects_bad_arguments(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        testing.create_environ(**kwargs)


# -- create_scope ----------------------------------------------------------------------------


def test_scope_contents() -> None:
    scope = testing.create_scope(
        '/caf%C3%A9/x',
        query_string='a=1',
        method='post',
        headers={'X-Thing': 'one', 'Content-Type': 'text/plain'},
        remote_addr='10.1.2.3',
        root_path='/api',
        content_length=12,
    )
    assert scope['type'] == 'http'
    assert scope['asgi'] == {'version': '3.0', 'spec_version': '2.4'}
    assert scope['http_version'] == '1.1'
    assert scope['method'] == 'POST'
    assert scope['scheme'] == 'http'
    assert scope['path'] == '/café/x'
    assert scope['raw_path'] == b'/caf%C3%A9/x'
    assert scope['query_string'] == b'a=1'
    assert scope['root_path'] == '/api'
    assert scope['server'] == ('falconframework.org', 80)
    assert scope['client'][0] == '10.1.2.3'
    assert 49152 <= scope['client'][1] <= 65535
    assert scope['headers'] == [
        [b'host', b'falconframework.org'],
        [b'x-thing', b'one'],
        [b'content-type', b'text/plain'],
        [b'content-length', b'12'],
        [b'user-agent', f'falcon-client/{falcon.__version__}'.encode()],
    ]


@pytest.mark.parametrize(
    ('kwargs', 'key', 'expected'),
    [
        ({}, 'client', ('127.0.0.1',)),
        ({'scheme': 'https'}, 'server', ('falconframework.org', 443)),
        ({'scheme': 'https'}, 'scheme', 'https'),
        ({'port': 8080, 'host': 'h'}, 'server', ('h', 8080)),
        ({'http_version': '2.0'}, 'http_version', '2'),
        ({'http_version': '1'}, 'http_version', '1.0'),
        ({'path': '/sp ace'}, 'raw_path', b'/sp%20ace'),
        ({'path': '/é'}, 'raw_path', b'/%C3%A9'),
    ],
)
def test_scope_arguments(kwargs: dict[str, Any], key: str, expected: Any) -> None:
    value = testing.create_scope(**kwargs)[key]
    if key == 'client':
        value = value[:1]
    assert value == expected


def test_scope_headers_and_cookies() -> None:
    scope = testing.create_scope(
        headers=[('Accept', 'a'), ('accept', 'b'), ('Host', 'x:1')],
        cookies={'k': 'v'},
        port=8000,
    )
    headers = dict((bytes(name), bytes(value)) for name, value in scope['headers'])
    assert headers[b'accept'] == b'a,b'
    assert headers[b'host'] == b'x:1'
    assert headers[b'cookie'] == b'k=v'


def test_scope_host_header_carries_non_default_port() -> None:
    scope = testing.create_scope(port=8000)
    assert [b'host', b'falconframework.org:8000'] in scope['headers']


def test_scope_without_server() -> None:
    assert 'server' not in testing.create_scope(include_server=False)


@pytest.mark.parametrize(
    'kwargs',
    [{'scheme': 'ws'}, {'query_string': '?x'}, {'http_version': '0.9'}, {'path': 'x'}],
)
def test_scope_rejects_bad_arguments(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        testing.create_scope(**kwargs)


def test_scope_ws() -> None:
    scope = testing.create_scope_ws('/chat', subprotocols='wamp, mqtt', scheme='wss')
    assert scope['type'] == 'websocket'
    assert scope['scheme'] == 'wss'
    assert scope['asgi'] == {'version': '3.0', 'spec_version': '2.1'}
    assert scope['subprotocols'] == ['wamp', 'mqtt']
    assert [b'sec-websocket-protocol', b'wamp, mqtt'] in scope['headers']
    assert scope['server'] == ('falconframework.org', 443)
    assert 'method' not in scope
    assert testing.create_scope_ws(subprotocols=['a'])['subprotocols'] == ['a']
    assert testing.create_scope_ws()['subprotocols'] == []
    with pytest.raises(ValueError):
        testing.create_scope_ws(scheme='http')


# -- request objects -------------------------------------------------------------------------


def test_create_req() -> None:
    req = testing.create_req(
        path='/things/1',
        query_string='limit=3',
        headers={'Accept': 'application/json'},
        method='PUT',
        cookies={'sid': 'abc'},
    )
    assert req.method == 'PUT'
    assert req.path == '/things/1'
    assert req.get_param('limit') == '3'
    assert req.get_header('Accept') == 'application/json'
    assert req.cookies == {'sid': 'abc'}
    assert req.host == 'falconframework.org'


async def test_create_asgi_req() -> None:
    req = testing.create_asgi_req(
        body=b'{"a": 1}', path='/x', method='POST', headers={'Content-Type': 'application/json'}
    )
    assert req.method == 'POST'
    assert req.path == '/x'
    assert req.content_length == 8
    assert await req.get_media() == {'a': 1}


async def test_create_asgi_req_with_req_type() -> None:
    import falcon.asgi._request

    class Custom(falcon.asgi._request.Request):
        pass

    req = testing.create_asgi_req(req_type=Custom, path='/y')
    assert isinstance(req, Custom)
    assert req.path == '/y'


# -- small helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(('low', 'high'), [(0, 0), (1, 1), (5, 10), (0, 64)])
def test_rand_string(low: int, high: int) -> None:
    for _ in range(20):
        text = testing.rand_string(low, high)
        assert low <= len(text) <= high
        assert all(' ' <= char <= '~' for char in text)


def test_get_unused_port() -> None:
    port = testing.get_unused_port()
    assert 1024 <= port <= 65535
    with socket.socket() as sock:
        sock.bind(('localhost', port))


def test_redirected() -> None:
    out, err = io.StringIO(), io.StringIO()
    original = sys.stdout, sys.stderr
    with pytest.warns(DeprecatedWarning), testing.redirected(stdout=out, stderr=err):
        print('to out')
        print('to err', file=sys.stderr)
    assert (sys.stdout, sys.stderr) == original
    assert out.getvalue() == 'to out\n'
    assert err.getvalue() == 'to err\n'


def test_redirected_restores_after_an_error() -> None:
    original = sys.stdout
    with (
        pytest.warns(DeprecatedWarning),
        pytest.raises(KeyError),
        testing.redirected(stdout=io.StringIO()),
    ):
        raise KeyError
    assert sys.stdout is original


class Closable:
    def __init__(self, chunks: list[bytes], fail: bool = False) -> None:
        self.chunks = chunks
        self.fail = fail
        self.closed = 0

    def __iter__(self) -> Any:
        yield from self.chunks
        if self.fail:
            raise RuntimeError('boom')

    def close(self) -> None:
        self.closed += 1


@pytest.mark.parametrize('chunks', [[], [b'a'], [b'a', b'', b'b']])
def test_closed_wsgi_iterable_closes(chunks: list[bytes]) -> None:
    iterable = Closable(chunks)
    assert list(testing.closed_wsgi_iterable(iterable)) == chunks
    assert iterable.closed == 1


def test_closed_wsgi_iterable_closes_on_error() -> None:
    iterable = Closable([b'a'], fail=True)
    with pytest.raises(RuntimeError):
        list(testing.closed_wsgi_iterable(iterable))
    assert iterable.closed == 1


def test_closed_wsgi_iterable_prefetches_first_chunk() -> None:
    started = []

    def app_body() -> Any:
        started.append(True)
        yield b'x'

    wrapped = testing.closed_wsgi_iterable(app_body())
    assert started == [True]
    assert list(wrapped) == [b'x']


def test_start_response_mock() -> None:
    mock = testing.StartResponseMock()
    assert mock.call_count == 0
    mock('200 OK', [('Content-Type', 'text/plain')])
    assert mock.call_count == 1
    assert mock.status == '200 OK'
    assert mock.headers == [('content-type', 'text/plain')]
    assert mock.headers_dict['CONTENT-TYPE'] == 'text/plain'
    assert mock.exc_info is None


@pytest.mark.parametrize(
    ('headers', 'expected'),
    [
        ({}, None),
        ({'content-type': 'text/plain'}, 'ISO-8859-1'),
        ({'content-type': 'text/plain; charset=utf-16'}, 'utf-16'),
        ({'content-type': 'application/json'}, 'UTF-8'),
        ({'content-type': 'application/octet-stream'}, None),
    ],
)
def test_get_encoding_from_headers(headers: dict[str, str], expected: str | None) -> None:
    assert testing.get_encoding_from_headers(headers) == expected


@pytest.mark.parametrize(
    ('headers', 'expected'),
    [
        (None, []),
        ({}, []),
        ({'A': 'x'}, [('A', 'x')]),
        ([('A', ' x '), ('B', None)], [('A', 'x'), ('B', '')]),
    ],
)
def test_normalize_headers(headers: Any, expected: list[tuple[str, str]]) -> None:
    assert normalize_headers(headers) == expected
