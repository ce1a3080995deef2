"""falcon.util helpers (mediatypes, misc, time), falcon.uri.parse_query_string options and
falcon.inspect text output (Falcon 4 Utilities and Inspect Module pages)."""

from __future__ import annotations

import datetime
import http
import re
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.inspect
from falcon import uri
from falcon.util import mediatypes
from falcon.util.time import TimezoneGMT

from ._support import resource


@pytest.mark.parametrize(
    ('line', 'expected'),
    [
        ('text/plain; charset=utf-8', ('text/plain', {'charset': 'utf-8'})),
        (
            'form-data; name="a b"; filename="x.txt"',
            ('form-data', {'name': 'a b', 'filename': 'x.txt'}),
        ),
        ('application/json', ('application/json', {})),
        ('text/plain; Charset=UTF-8', ('text/plain', {'charset': 'UTF-8'})),
        ('text/plain ; charset = utf-8 ', ('text/plain', {'charset': 'utf-8'})),
        ('attachment; filename="semi;colon.txt"', ('attachment', {'filename': 'semi;colon.txt'})),
    ],
)
def test_parse_header(line: str, expected: Any) -> None:
    assert mediatypes.parse_header(line) == expected
    assert falcon.parse_header(line) == expected


@pytest.mark.parametrize(
    ('media_type', 'header', 'expected'),
    [
        ('application/json', 'application/json; q=0.5, */*; q=0.1', 0.5),
        ('text/html', 'application/json; q=0.5, */*; q=0.1', 0.1),
        ('text/html', 'application/json', 0.0),
        ('text/html', 'text/*; q=0.3, text/html; q=0.7', 0.7),
        ('text/plain', 'text/*; q=0.3, text/html; q=0.7', 0.3),
        ('image/png', '*/*', 1.0),
    ],
)
def test_quality(media_type: str, header: str, expected: float) -> None:
    assert mediatypes.quality(media_type, header) == pytest.approx(expected)


@pytest.mark.parametrize(
    ('offered', 'header', 'expected'),
    [
        (['application/json', 'text/html'], 'text/*', 'text/html'),
        (['application/json', 'text/html'], 'image/png', ''),
        (
            ['application/json', 'text/html'],
            'text/html; q=0.2, application/json',
            'application/json',
        ),
        (['application/json'], '*/*', 'application/json'),
    ],
)
def test_best_match(offered: list[str], header: str, expected: str) -> None:
    assert mediatypes.best_match(offered, header) == expected


@pytest.mark.parametrize(
    ('status', 'code'),
    [
        (falcon.HTTP_404, 404),
        (b'201 Created', 201),
        (418, 418),
        (http.HTTPStatus.NO_CONTENT, 204),
        ('500', 500),
    ],
)
def test_http_status_to_code(status: Any, code: int) -> None:
    assert falcon.http_status_to_code(status) == code


@pytest.mark.parametrize('status', ['abc', '', b'x'])
def test_http_status_to_code_rejects(status: Any) -> None:
    with pytest.raises(ValueError):
        falcon.http_status_to_code(status)


@pytest.mark.parametrize(
    ('code', 'status'),
    [(404, '404 Not Found'), (http.HTTPStatus.CREATED, '201 Created'), ('200', '200 OK')],
)
def test_code_to_http_status(code: Any, status: str) -> None:
    assert falcon.code_to_http_status(code) == status


def test_timezone_gmt() -> None:
    with pytest.warns(falcon.util.DeprecatedWarning):
        zone = TimezoneGMT()
    assert zone.utcoffset(None) == datetime.timedelta(0)
    assert zone.dst(None) == datetime.timedelta(0)
    assert zone.tzname(None) == 'GMT'
    when = datetime.datetime(2020, 1, 1, tzinfo=zone)
    assert when.astimezone(datetime.timezone.utc).hour == 0


@pytest.mark.parametrize(
    ('query', 'kwargs', 'expected'),
    [
        ('a=1&a=&a=2', {'keep_blank': True}, {'a': ['1', '', '2']}),
        ('a=1&a=&a=2', {}, {'a': ['1', '2']}),
        ('a=1,2&a=3', {'csv': True}, {'a': ['1', '2', '3']}),
        ('a=1,,2', {'csv': True}, {'a': ['1', '2']}),
        ('a=1,,2', {'csv': True, 'keep_blank': True}, {'a': ['1', '', '2']}),
        ('x%20y=1&z+w=2', {}, {'x y': '1', 'z w': '2'}),
        ('&&a=1&', {}, {'a': '1'}),
        ('a=%E2%82%AC', {}, {'a': '€'}),
        ('a=b=c', {}, {'a': 'b=c'}),
        ('', {}, {}),
    ],
)
def test_parse_query_string_more(query: str, kwargs: dict[str, Any], expected: Any) -> None:
    assert uri.parse_query_string(query, **kwargs) == expected


def _app(asgi: bool, make_app: Callable[..., Any]) -> Any:
    app = make_app()

    def noop(req: Any, resp: Any) -> None:
        pass

    app.add_route('/items/{item_id}', resource(asgi, 'ItemResource', on_get=noop, on_post=noop))
    app.add_route('/health', resource(asgi, 'Health', on_get=noop))
    return app


def test_inspect_routes(asgi: bool, make_app: Callable[..., Any]) -> None:
    routes = falcon.inspect.inspect_routes(_app(asgi, make_app))
    assert [route.path for route in routes] == ['/items/{item_id}', '/health']
    assert [route.class_name for route in routes] == ['ItemResource', 'Health']
    methods = {method.method: method for method in routes[0].methods}
    assert {'GET', 'POST', 'OPTIONS'} <= set(methods)
    assert [methods['GET'].function_name, methods['POST'].function_name] == ['on_get', 'on_post']
    assert isinstance(routes[0].source_info, str)


def test_string_visitor_route_lines(asgi: bool, make_app: Callable[..., Any]) -> None:
    routes = falcon.inspect.inspect_routes(_app(asgi, make_app))
    text = falcon.inspect.StringVisitor().process(routes[0])
    lines = text.splitlines()
    assert lines[0].strip() == '⇒ /items/{item_id} - ItemResource:'
    method_lines = sorted((line.strip() for line in lines[1:]), key=lambda line: line[4:])
    assert len(method_lines) == 2
    assert re.fullmatch(r'[├└]── GET - on_get', method_lines[0])
    assert re.fullmatch(r'[├└]── POST - on_post', method_lines[1])
    assert lines[-1].strip().startswith('└──')
    internal = falcon.inspect.StringVisitor(internal=True).process(routes[0])
    assert 'OPTIONS' in internal
    verbose = falcon.inspect.StringVisitor(verbose=True).process(routes[0])
    assert routes[0].source_info in verbose


def test_app_to_string(asgi: bool, make_app: Callable[..., Any]) -> None:
    info = falcon.inspect.inspect_app(_app(asgi, make_app))
    kind = 'ASGI' if asgi else 'WSGI'
    text = info.to_string()
    assert text.splitlines()[0] == f'Falcon App ({kind})'
    assert '• Routes:' in text
    assert text.index('/items/{item_id}') < text.index('/health')
    assert info.to_string(name='MyApp').splitlines()[0] == f'MyApp ({kind})'
    assert str(info) == text
