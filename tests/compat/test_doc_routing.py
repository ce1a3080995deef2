"""Routing behaviour as the Falcon 4.4 Routing page and docstrings state it: the ``re``
converter's pattern and group rules, the options and classes of the other converters, custom
converters, compound segments, converter failures answered with 404 in both kinds of app,
suffixed and extended-method responders, method maps and default responders, the documented
``find()`` result and the routing submodules."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.routing
from falcon import routing, testing
from falcon.routing import (
    CompiledRouter,
    DateTimeConverter,
    FloatConverter,
    IntConverter,
    RegexConverter,
    UUIDConverter,
)
from falcon.routing.util import SuffixedMethodNotFoundError

from ._support import resource


def _route(asgi: bool, make_app: Callable[..., Any], template: str, path: str) -> Any:
    seen: list[dict[str, Any]] = []

    def on_get(req: Any, resp: Any, **params: Any) -> None:
        seen.append(params)

    app = make_app()
    app.add_route(template, resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, path)
    return (result.status_code, seen[0] if seen else result.json)


@pytest.mark.parametrize(
    ('template', 'path', 'params'),
    [
        ('/teams/{tid:int(8)}', '/teams/12345678', {'tid': 12345678}),
        ('/c/{n:int(8, min=10000000)}', '/c/10000000', {'n': 10000000}),
        (
            '/logs/{day:dt("%Y-%m-%d")}',
            '/logs/2024-02-29',
            {'day': datetime.datetime(2024, 2, 29)},
        ),
        ('/python/versions/{version:float(min=3.7)}', '/python/versions/3.8', {'version': 3.8}),
        ('/prefix/{name:re("[a-zA-Z]+")}', '/prefix/Falcon', {'name': 'Falcon'}),
        (
            '/p/{id:re("product(?P<id>[0-9]+)?", group="id")}',
            '/p/product42',
            {'id': '42'},
        ),
        (
            '/diff/{left:uuid}...{right:uuid}',
            f'/diff/{uuid.UUID(int=1)}...{uuid.UUID(int=2).hex}',
            {'left': uuid.UUID(int=1), 'right': uuid.UUID(int=2)},
        ),
    ],
)
def test_documented_converter_examples(
    asgi: bool, make_app: Callable[..., Any], template: str, path: str, params: dict[str, Any]
) -> None:
    assert _route(asgi, make_app, template, path) == (200, params)


@pytest.mark.parametrize(
    ('template', 'path'),
    [
        ('/teams/{tid:int(8)}', '/teams/1234567'),
        ('/c/{n:int(8, min=10000000)}', '/c/09999999'),
        ('/logs/{day:dt("%Y-%m-%d")}', '/logs/2023-02-29'),
        ('/v/{version:float(min=3.7)}', '/v/3.6'),
        ('/v/{version:float}', '/v/nan'),
        ('/prefix/{name:re("[a-zA-Z]+")}', '/prefix/Falcon4'),
        # An optional group left out of the match is a failure to convert.
        ('/p/{id:re("product(?P<id>[0-9]+)?", group="id")}', '/p/product'),
        ('/u/{left:uuid}', '/u/not-a-uuid'),
    ],
)
def test_unconvertible_field_is_404(
    asgi: bool, make_app: Callable[..., Any], template: str, path: str
) -> None:
    assert _route(asgi, make_app, template, path) == (404, {'title': '404 Not Found'})


def test_float_converter_finite_false_matches_nan_and_inf(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    status, params = _route(asgi, make_app, '/v/{x:float(finite=False)}', '/v/-inf')
    assert (status, params) == (200, {'x': float('-inf')})


def test_regex_converter_pattern_must_be_str() -> None:
    with pytest.raises(TypeError):
        RegexConverter(b'[a-z]+')  # type: ignore[arg-type]


def test_regex_converter_unknown_group_is_refused() -> None:
    with pytest.raises(ValueError):
        RegexConverter('[a-z]+', group='missing')


@pytest.mark.parametrize(
    'template', ['/a/{x:re(b"x")}', '/a/{x:re("x", group="g")}', '/a/{x:re("(")}']
)
def test_bad_re_converter_arguments_refuse_the_route(
    asgi: bool, make_app: Callable[..., Any], template: str
) -> None:
    app = make_app()

    def on_get(req: Any, resp: Any, **params: Any) -> None:
        resp.text = 'unused'

    with pytest.raises(ValueError, match='converter'):
        app.add_route(template, resource(asgi, on_get=on_get))


def test_regex_converter_is_anchored() -> None:
    converter = RegexConverter('[0-9]{3}')
    assert converter.convert('123') == '123'
    assert converter.convert('1234') is None
    assert converter.convert('x123') is None


@pytest.mark.parametrize(
    ('converter', 'value', 'expected'),
    [
        (IntConverter(), ' 12', None),
        (IntConverter(num_digits=2), '123', None),
        (IntConverter(max=5), '6', None),
        (FloatConverter(max=1.5), '1.6', None),
        (FloatConverter(finite=False), 'inf', float('inf')),
        (UUIDConverter(), 'urn:uuid:' + str(uuid.UUID(int=7)), uuid.UUID(int=7)),
        (UUIDConverter(), uuid.UUID(int=7).hex, uuid.UUID(int=7)),
        (
            DateTimeConverter(),
            '2024-01-02T03:04:05+0100',
            datetime.datetime(
                2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
            ),
        ),
    ],
)
def test_converter_convert(converter: Any, value: str, expected: Any) -> None:
    assert converter.convert(value) == expected


def test_find_returns_the_documented_tuple() -> None:
    class Things:
        def on_get(self, req: Any, resp: Any, thing_id: int) -> None:
            resp.text = 'x'

    things = Things()
    router = CompiledRouter()
    router.add_route('/things/{thing_id:int}', things, compile=True)
    found = router.find('/things/42', req=None)
    assert found is not None
    found_resource, method_map, params, template = found
    assert found_resource is things
    assert method_map['GET'] == things.on_get
    assert params == {'thing_id': 42}
    assert template == '/things/{thing_id:int}'
    assert router.find('/things/x') is None
    assert router.find('/nothing') is None


def test_routing_submodules_are_package_attributes() -> None:
    assert falcon.routing.util.SuffixedMethodNotFoundError is not None
    assert falcon.routing.compiled.CompiledRouter is CompiledRouter
    assert falcon.routing.converters.RegexConverter is RegexConverter
    assert falcon.routing.static.StaticRoute is falcon.routing.StaticRoute
    assert issubclass(falcon.routing.compiled.UnacceptableRouteError, ValueError)


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


@pytest.mark.filterwarnings('ignore:Unknown REQUEST_METHOD')
@pytest.mark.parametrize('method', ['PROPFIND', 'MKCOL', 'REPORT'])
def test_webdav_responders(asgi: bool, make_app: Callable[..., Any], method: str) -> None:
    def responder(req: Any, resp: Any) -> None:
        resp.media = req.method

    app = make_app()
    app.add_route('/dav', resource(asgi, 'Dav', **{f'on_{method.lower()}': responder}))
    assert testing.simulate_request(app, method, '/dav').json == method
    assert testing.simulate_get(app, '/dav').status_code == 405


@pytest.mark.filterwarnings('ignore:Unknown REQUEST_METHOD')
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
