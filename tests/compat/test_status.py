"""Response status forms and status-code helpers (Falcon 4 Response and Status Codes pages)."""

from __future__ import annotations

import http
from collections.abc import Callable
from typing import Any

import pytest

import falcon
from falcon import testing

from ._support import resource


@pytest.mark.parametrize(
    ('status', 'line', 'code'),
    [
        (falcon.HTTP_201, '201 Created', 201),
        (202, '202 Accepted', 202),
        (http.HTTPStatus.NOT_MODIFIED, '304 Not Modified', 304),
        (418, "418 I'm a teapot", 418),
        (falcon.HTTP_451, '451 Unavailable For Legal Reasons', 451),
    ],
)
def test_resp_status_forms(
    asgi: bool, make_app: Callable[..., Any], status: object, line: str, code: int
) -> None:
    seen: dict[str, object] = {}

    def on_get(req: Any, resp: Any) -> None:
        resp.status = status
        seen['code'] = resp.status_code

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.status_code == code
    assert result.status == line
    assert seen['code'] == code


def test_custom_status_string_is_sent_as_is(make_app: Callable[..., Any], asgi: bool) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.status = '299 Fine Indeed'

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.status_code == 299


def test_status_code_setter(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.status_code = 226

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/').status_code == 226


def test_default_response_is_200_empty(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route('/', resource(asgi, on_get=lambda req, resp: None))
    result = testing.simulate_get(app, '/')
    assert result.status == falcon.HTTP_200
    assert result.content == b''
    assert result.headers['Content-Length'] == '0'


def test_text_body_defaults_to_app_media_type(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.text = 'héllo'

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.headers['Content-Type'] == 'application/json'
    assert result.content == 'héllo'.encode()
    assert result.headers['Content-Length'] == str(len('héllo'.encode()))


def test_app_media_type_sets_default_content_type(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.text = 'plain'

    app = make_app(media_type=falcon.MEDIA_TEXT)
    app.add_route('/', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/').headers['Content-Type'] == 'text/plain; charset=utf-8'


def test_data_wins_over_nothing_and_text_wins_over_data(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.data = b'data'
        resp.text = 'text'

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/').text == 'text'


@pytest.mark.parametrize(
    ('value', 'line'),
    [
        (200, '200 OK'),
        (404, '404 Not Found'),
        (http.HTTPStatus.NOT_FOUND, '404 Not Found'),
        ('404', '404 Not Found'),
        (b'404', '404 Not Found'),
        (413, '413 Content Too Large'),
        (422, '422 Unprocessable Entity'),
    ],
)
def test_code_to_http_status(value: Any, line: str) -> None:
    assert falcon.code_to_http_status(value) == line


@pytest.mark.parametrize('value', [99, 1000, 'abc', '-404'])
def test_code_to_http_status_rejects(value: Any) -> None:
    with pytest.raises(ValueError):
        falcon.code_to_http_status(value)


@pytest.mark.parametrize(
    ('value', 'code'),
    [
        ('404 Not Found', 404),
        ('404', 404),
        (b'200 OK', 200),
        (http.HTTPStatus.CREATED, 201),
        (418, 418),
    ],
)
def test_http_status_to_code(value: Any, code: int) -> None:
    assert falcon.http_status_to_code(value) == code


@pytest.mark.parametrize('value', ['4', 'abc', '', b'x99'])
def test_http_status_to_code_rejects(value: Any) -> None:
    with pytest.raises(ValueError):
        falcon.http_status_to_code(value)


@pytest.mark.parametrize(
    ('name', 'line'),
    [
        ('HTTP_OK', '200 OK'),
        ('HTTP_NOT_FOUND', '404 Not Found'),
        ('HTTP_IM_A_TEAPOT', "418 I'm a teapot"),
        ('HTTP_TOO_MANY_REQUESTS', '429 Too Many Requests'),
        ('HTTP_SERVICE_UNAVAILABLE', '503 Service Unavailable'),
    ],
)
def test_named_status_constants(name: str, line: str) -> None:
    assert getattr(falcon, name) == line
