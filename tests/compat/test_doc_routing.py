"""Routing behaviour as the Falcon 4.4 docstrings state it: the ``re`` converter's pattern
and group rules, converter failures answered with 404 in both kinds of app, the
documented ``find()`` result and the routing submodules."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.routing
from falcon import testing
from falcon.routing import (
    CompiledRouter,
    DateTimeConverter,
    FloatConverter,
    IntConverter,
    RegexConverter,
    UUIDConverter,
)

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
