"""Routing in detail: converter options, custom converters, compound segments, extended
methods, method maps; static routes (Falcon 4 Routing page, falcon.routing reference,
App.add_static_route)."""

from __future__ import annotations

import datetime
import os
import pathlib
import uuid
from collections.abc import Callable
from typing import Any

import pytest

import falcon
from falcon import routing, testing
from falcon.routing.util import SuffixedMethodNotFoundError

from ._support import resource

pytestmark = pytest.mark.filterwarnings('ignore:Unknown REQUEST_METHOD')


def _typed(req: Any, resp: Any, **params: Any) -> None:
    resp.media = {key: [type(value).__name__, str(value)] for key, value in params.items()}


@pytest.mark.parametrize(
    ('template', 'path', 'expected'),
    [
        ('/n/{n:int}', '/n/0', ['int', '0']),
        ('/n/{n:int}', '/n/ 1', None),
        ('/n/{n:int}', '/n/1 ', None),
        ('/n/{n:int}', '/n/1.0', None),
        ('/n/{n:int(2)}', '/n/42', ['int', '42']),
        ('/n/{n:int(2)}', '/n/420', None),
        ('/n/{n:int(min=-5)}', '/n/-5', ['int', '-5']),
        ('/n/{n:int(min=-5)}', '/n/-6', None),
        ('/n/{n:int(max=100)}', '/n/100', ['int', '100']),
        ('/n/{n:int(max=100)}', '/n/101', None),
        ('/n/{n:int(num_digits=3, min=10)}', '/n/009', None),
        ('/n/{n:int(num_digits=3, min=10)}', '/n/010', ['int', '10']),
        ('/f/{x:float}', '/f/1e3', ['float', '1000.0']),
        ('/f/{x:float}', '/f/-0.25', ['float', '-0.25']),
        ('/f/{x:float}', '/f/inf', None),
        ('/f/{x:float}', '/f/nan', None),
        ('/f/{x:float}', '/f/ 1.5', None),
        ('/f/{x:float(finite=False)}', '/f/inf', ['float', 'inf']),
        ('/f/{x:float(min=0)}', '/f/-0.5', None),
        ('/f/{x:float(max=1.5)}', '/f/1.5', ['float', '1.5']),
        ('/f/{x:float(max=1.5)}', '/f/1.6', None),
        (
            '/d/{d:dt}',
            '/d/2024-01-02T03:04:05Z',
            ['datetime', '2024-01-02 03:04:05+00:00'],
        ),
        ('/d/{d:dt}', '/d/2024-01-02', None),
        ('/d/{d:dt("%Y%m%d")}', '/d/20240102', ['datetime', '2024-01-02 00:00:00']),
        ('/d/{d:dt("%H:%M")}', '/d/25:00', None),
        (
            '/u/{u:uuid}',
            '/u/6e9b2b8e3f0a4a4e8a3e1d6b3f0e4c2a',
            ['UUID', '6e9b2b8e-3f0a-4a4e-8a3e-1d6b3f0e4c2a'],
        ),
        (
            '/u/{u:uuid}',
            '/u/6E9B2B8E-3F0A-4A4E-8A3E-1D6B3F0E4C2A',
            ['UUID', '6e9b2b8e-3f0a-4a4e-8a3e-1d6b3f0e4c2a'],
        ),
        ('/u/{u:uuid}', '/u/6e9b2b8e-3f0a-4a4e-8a3e-1d6b3f0e4c2', None),
        ('/p/{rest:path}', '/p/one', ['str', 'one']),
        ('/p/{rest:path}', '/p/a/b/c', ['str', 'a/b/c']),
        ('/p/x/{rest:path}', '/p/x/deep/er/file.tar.gz', ['str', 'deep/er/file.tar.gz']),
    ],
)
def test_converter_options(
    asgi: bool, make_app: Callable[..., Any], template: str, path: str, expected: Any
) -> None:
    app = make_app()
    app.add_route(template, resource(asgi, on_get=_typed))
    result = testing.simulate_get(app, path)
    if expected is None:
        assert result.status_code == 404
    else:
        assert result.status_code == 200
        assert list(result.json.values()) == [expected]


@pytest.mark.parametrize(
    ('converter', 'value', 'expected'),
    [
        (routing.IntConverter(), '12', 12),
        (routing.IntConverter(), 'x', None),
        (routing.IntConverter(num_digits=2), '123', None),
        (routing.IntConverter(min=1, max=3), '2', 2),
        (routing.IntConverter(min=1, max=3), '4', None),
        (routing.FloatConverter(), '2.5', 2.5),
        (routing.FloatConverter(), 'nan', None),
        (routing.FloatConverter(), 'x1', None),
        (routing.DateTimeConverter('%Y'), '2020', datetime.datetime(2020, 1, 1)),
        (routing.DateTimeConverter('%Y'), '20', None),
        (routing.UUIDConverter(), str(uuid.UUID(int=1)), uuid.UUID(int=1)),
        (routing.UUIDConverter(), 'nope', None),
        (routing.PathConverter(), ['a', 'b'], 'a/b'),
    ],
)
def test_converter_classes(converter: Any, value: Any, expected: Any) -> None:
    assert converter.convert(value) == expected


def test_path_converter_must_be_last(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    with pytest.raises(ValueError):
        app.add_route('/p/{rest:path}/tail', resource(asgi, on_get=_typed))


class _Upper(routing.BaseConverter):
    def __init__(self, suffix: str = '', limit: int = 99) -> None:
        self.suffix = suffix
        self.limit = limit

    def convert(self, value: str) -> Any:
        if len(value) > self.limit:
            return None
        return value.upper() + self.suffix


@pytest.mark.parametrize(
    ('template', 'path', 'expected'),
    [
        ('/c/{v:upper}', '/c/abc', 'ABC'),
        ('/c/{v:upper("!")}', '/c/abc', 'ABC!'),
        ('/c/{v:upper(suffix="?", limit=2)}', '/c/ab', 'AB?'),
        ('/c/{v:upper(suffix="?", limit=2)}', '/c/abc', None),
    ],
)
def test_custom_converter(
    asgi: bool, make_app: Callable[..., Any], template: str, path: str, expected: Any
) -> None:
    app = make_app()
    app.router_options.converters['upper'] = _Upper
    app.add_route(template, resource(asgi, on_get=_typed))
    result = testing.simulate_get(app, path)
    if expected is None:
        assert result.status_code == 404
    else:
        assert result.json == {'v': ['str', expected]}


@pytest.mark.parametrize('name', ['', 'has space', '1abc', 'dash-name'])
def test_converter_names_are_validated(make_app: Callable[..., Any], name: str) -> None:
    app = make_app()
    with pytest.raises(ValueError):
        app.router_options.converters[name] = _Upper


def test_converter_overrides_builtin(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.router_options.converters['int'] = _Upper
    app.add_route('/c/{v:int}', resource(asgi, on_get=_typed))
    assert testing.simulate_get(app, '/c/xy').json == {'v': ['str', 'XY']}


@pytest.mark.parametrize(
    ('template', 'path', 'expected'),
    [
        ('/r/{a}-{b}', '/r/x-y', {'a': 'x', 'b': 'y'}),
        ('/r/{a}-{b}', '/r/xy', None),
        ('/r/v{version}.json', '/r/v2.json', {'version': '2'}),
        ('/r/v{version}.json', '/r/v2.xml', None),
        ('/r/{a}_{b}/{c}', '/r/1_2/3', {'a': '1', 'b': '2', 'c': '3'}),
    ],
)
def test_compound_segments(
    asgi: bool, make_app: Callable[..., Any], template: str, path: str, expected: Any
) -> None:
    def on_get(req: Any, resp: Any, **params: Any) -> None:
        resp.media = params

    app = make_app()
    app.add_route(template, resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, path)
    if expected is None:
        assert result.status_code == 404
    else:
        assert result.json == expected


def test_suffixed_responders_allow_header(asgi: bool, make_app: Callable[..., Any]) -> None:
    res = resource(asgi, on_get=_typed, on_post_collection=_typed, on_get_collection=_typed)
    app = make_app()
    app.add_route('/items', res, suffix='collection')
    result = testing.simulate_delete(app, '/items')
    assert result.status_code == 405
    assert result.headers['Allow'] == 'GET, POST, OPTIONS'


def test_missing_suffix_is_rejected(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    with pytest.raises(SuffixedMethodNotFoundError):
        app.add_route('/items', resource(asgi, on_get=_typed), suffix='nothing')


def test_constants_method_lists() -> None:
    assert len(falcon.COMBINED_METHODS) == 24
    assert len(falcon.WEBDAV_METHODS) == 13
    for method in ('PROPFIND', 'MKCOL', 'LOCK', 'UNLOCK', 'COPY', 'MOVE', 'REPORT'):
        assert method in falcon.WEBDAV_METHODS
        assert method in falcon.COMBINED_METHODS
    for method in ('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'CONNECT'):
        assert method in falcon.COMBINED_METHODS


@pytest.mark.parametrize('method', ['PROPFIND', 'MKCOL', 'REPORT'])
def test_webdav_responders(asgi: bool, make_app: Callable[..., Any], method: str) -> None:
    def responder(req: Any, resp: Any) -> None:
        resp.media = req.method

    app = make_app()
    app.add_route('/dav', resource(asgi, 'Dav', **{f'on_{method.lower()}': responder}))
    assert testing.simulate_request(app, method, '/dav').json == method
    assert testing.simulate_get(app, '/dav').status_code == 405


def test_unknown_method_is_405(asgi: bool, make_app: Callable[..., Any]) -> None:
    """A deliberate difference: Falcon 4 answers a method outside COMBINED_METHODS with
    400 (Invalid HTTP method); this project answers 405 with ``Allow``, as its foundation
    issue requires (docs/migration-from-falcon.md)."""
    app = make_app()
    app.add_route('/', resource(asgi, on_get=_typed))
    result = testing.simulate_request(app, 'FROBNICATE', '/')
    assert result.status_code == 405
    assert result.headers['Allow'] == 'GET, OPTIONS'


def test_map_http_methods() -> None:
    class Res:
        def on_get(self, req: Any, resp: Any) -> None:
            pass

        def on_put(self, req: Any, resp: Any) -> None:
            pass

        def on_get_x(self, req: Any, resp: Any) -> None:
            pass

    res = Res()
    method_map = routing.map_http_methods(res)
    assert set(method_map) == {'GET', 'PUT'}
    assert method_map['GET'] == res.on_get
    suffixed = routing.map_http_methods(res, suffix='x')
    assert set(suffixed) == {'GET'}
    assert suffixed['GET'] == res.on_get_x
    with pytest.raises(SuffixedMethodNotFoundError):
        routing.map_http_methods(res, suffix='y')


def test_map_http_methods_on_request_fallback() -> None:
    class Res:
        def on_request(self, req: Any, resp: Any) -> None:
            pass

        def on_get(self, req: Any, resp: Any) -> None:
            pass

    res = Res()
    method_map = routing.map_http_methods(res, default_to_on_request=True)
    assert method_map['GET'] == res.on_get
    assert method_map['POST'] == res.on_request
    assert set(method_map) == set(falcon.COMBINED_METHODS)


def test_set_default_responders() -> None:
    class Res:
        def on_get(self, req: Any, resp: Any) -> None:
            pass

    res = Res()
    method_map = routing.map_http_methods(res)
    routing.set_default_responders(method_map)
    assert set(method_map) == set(falcon.COMBINED_METHODS)
    assert method_map['GET'] == res.on_get
    assert callable(method_map['OPTIONS'])
    assert callable(method_map['POST'])


def test_on_request_default_in_app(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_request(req: Any, resp: Any) -> None:
        resp.media = ['any', req.method]

    def on_get(req: Any, resp: Any) -> None:
        resp.media = ['get']

    app = make_app()
    assert app.router_options.default_to_on_request is False
    app.router_options.default_to_on_request = True
    app.add_route('/', resource(asgi, on_request=on_request, on_get=on_get))
    assert testing.simulate_get(app, '/').json == ['get']
    assert testing.simulate_patch(app, '/').json == ['any', 'PATCH']


@pytest.fixture
def static_dir(tmp_path: pathlib.Path) -> pathlib.Path:
    (tmp_path / 'hello.txt').write_bytes(b'hello world')
    (tmp_path / 'page.html').write_bytes(b'<p>hi</p>')
    (tmp_path / 'thing.foo').write_bytes(b'foo')
    (tmp_path / 'noext').write_bytes(b'raw')
    (tmp_path / 'sub').mkdir()
    (tmp_path / 'sub' / 'deep.css').write_bytes(b'body {}')
    (tmp_path / 'we~ird.txt').write_bytes(b'w')
    return tmp_path


@pytest.mark.parametrize('prefix', ['/static', '/static/'])
def test_static_prefix_forms(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path, prefix: str
) -> None:
    app = make_app()
    app.add_static_route(prefix, static_dir)
    assert testing.simulate_get(app, '/static/hello.txt').content == b'hello world'
    assert testing.simulate_get(app, '/static/sub/deep.css').content == b'body {}'
    assert testing.simulate_get(app, '/statichello.txt').status_code == 404


@pytest.mark.parametrize('prefix', ['static', ''])
def test_static_prefix_must_be_absolute(
    make_app: Callable[..., Any], static_dir: pathlib.Path, prefix: str
) -> None:
    with pytest.raises(ValueError):
        make_app().add_static_route(prefix, static_dir)


@pytest.mark.parametrize(
    'path',
    [
        '/static/sub/../../secret',
        '/static/sub//deep.css',
        '/static/sub\\deep.css',
        '/static/hello.txt.',
        '/static/we~ird.txt',
        '/static/hello.txt%00',
        '/static/sub',
        '/static/sub/',
    ],
)
def test_static_rejections(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path, path: str
) -> None:
    app = make_app()
    app.add_static_route('/static', static_dir)
    assert testing.simulate_get(app, path).status_code == 404


@pytest.mark.parametrize(
    ('name', 'content_type'),
    [
        ('hello.txt', 'text/plain'),
        ('page.html', 'text/html'),
        ('sub/deep.css', 'text/css'),
        ('noext', 'application/octet-stream'),
    ],
)
def test_static_content_type(
    asgi: bool,
    make_app: Callable[..., Any],
    static_dir: pathlib.Path,
    name: str,
    content_type: str,
) -> None:
    app = make_app()
    app.add_static_route('/static', static_dir)
    result = testing.simulate_get(app, f'/static/{name}')
    assert result.headers['Content-Type'].split(';')[0] == content_type


def test_static_media_types_option(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path
) -> None:
    app = make_app()
    app.resp_options.static_media_types['.foo'] = 'application/x-foo'
    app.add_static_route('/static', static_dir)
    result = testing.simulate_get(app, '/static/thing.foo')
    assert result.headers['Content-Type'] == 'application/x-foo'
    assert app.resp_options.static_media_types['.js'].endswith('javascript')


def test_static_fallback_is_downloadable_under_its_own_name(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/ui', static_dir, fallback_filename='page.html', downloadable=True)
    result = testing.simulate_get(app, '/ui/missing/route')
    assert result.content == b'<p>hi</p>'
    assert result.headers['Content-Disposition'] == 'attachment; filename="page.html"'


def test_static_missing_fallback_rejected(
    make_app: Callable[..., Any], static_dir: pathlib.Path
) -> None:
    with pytest.raises(ValueError):
        make_app().add_static_route('/ui', static_dir, fallback_filename='nope.html')


@pytest.mark.parametrize(
    ('header', 'status', 'body', 'content_range'),
    [
        ('bytes=0-4', 206, b'hello', 'bytes 0-4/11'),
        ('bytes=6-', 206, b'world', 'bytes 6-10/11'),
        ('bytes=-5', 206, b'world', 'bytes 6-10/11'),
        ('bytes=6-100', 206, b'world', 'bytes 6-10/11'),
        ('bytes=0-10', 206, b'hello world', 'bytes 0-10/11'),
        ('bytes=11-', 416, None, 'bytes */11'),
        ('bytes=20-30', 416, None, 'bytes */11'),
    ],
)
def test_static_range(
    asgi: bool,
    make_app: Callable[..., Any],
    static_dir: pathlib.Path,
    header: str,
    status: int,
    body: bytes | None,
    content_range: str,
) -> None:
    app = make_app()
    app.add_static_route('/static', static_dir)
    result = testing.simulate_get(app, '/static/hello.txt', headers={'Range': header})
    assert result.status_code == status
    assert result.headers['Content-Range'] == content_range
    if body is not None:
        assert result.content == body
        assert result.headers['Content-Length'] == str(len(body))


def test_static_range_other_unit_is_ignored(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', static_dir)
    result = testing.simulate_get(app, '/static/hello.txt', headers={'Range': 'items=0-1'})
    assert result.status_code == 200
    assert result.content == b'hello world'


def test_static_last_modified(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path
) -> None:
    stamp = 1_700_000_000
    os.utime(static_dir / 'hello.txt', (stamp, stamp))
    app = make_app()
    app.add_static_route('/static', static_dir)
    result = testing.simulate_get(app, '/static/hello.txt')
    assert result.headers['Last-Modified'] == 'Tue, 14 Nov 2023 22:13:20 GMT'
    same = testing.simulate_get(
        app, '/static/hello.txt', headers={'If-Modified-Since': 'Tue, 14 Nov 2023 22:13:20 GMT'}
    )
    assert same.status_code == 304
    assert same.content == b''
    later = testing.simulate_get(
        app, '/static/hello.txt', headers={'If-Modified-Since': 'Wed, 15 Nov 2023 00:00:00 GMT'}
    )
    assert later.status_code == 304
    earlier = testing.simulate_get(
        app, '/static/hello.txt', headers={'If-Modified-Since': 'Mon, 13 Nov 2023 00:00:00 GMT'}
    )
    assert earlier.status_code == 200
    assert earlier.content == b'hello world'


def test_static_etag(asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path) -> None:
    app = make_app()
    app.add_static_route('/static', static_dir)
    etag = testing.simulate_get(app, '/static/hello.txt').headers['ETag']
    assert etag.startswith('"') and etag.endswith('"')
    hit = testing.simulate_get(app, '/static/hello.txt', headers={'If-None-Match': etag})
    assert hit.status_code == 304
    star = testing.simulate_get(app, '/static/hello.txt', headers={'If-None-Match': '*'})
    assert star.status_code == 304
    miss = testing.simulate_get(app, '/static/hello.txt', headers={'If-None-Match': '"other"'})
    assert miss.status_code == 200
