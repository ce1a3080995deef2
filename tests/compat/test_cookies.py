"""Cookies: set_cookie/unset_cookie output and request cookie parsing (Falcon 4 Cookies guide)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from falcon import testing

from ._support import resource


def _set_cookie_header(
    asgi: bool, make_app: Callable[..., Any], setter: Callable[[Any], None], **app_kw: Any
) -> Any:
    def on_get(req: Any, resp: Any) -> None:
        setter(resp)

    app = make_app(**app_kw)
    app.add_route('/', resource(asgi, on_get=on_get))
    return testing.simulate_get(app, '/')


GMT_PLUS_2 = datetime.timezone(datetime.timedelta(hours=2))


@pytest.mark.parametrize(
    ('kwargs', 'header'),
    [
        ({}, 'a=b; HttpOnly; Secure'),
        ({'secure': False}, 'a=b; HttpOnly'),
        ({'http_only': False}, 'a=b; Secure'),
        ({'max_age': 300, 'secure': False}, 'a=b; HttpOnly; Max-Age=300'),
        ({'path': '/api', 'secure': False}, 'a=b; HttpOnly; Path=/api'),
        ({'domain': 'example.com', 'secure': False}, 'a=b; Domain=example.com; HttpOnly'),
        ({'same_site': 'Strict', 'secure': False}, 'a=b; HttpOnly; SameSite=Strict'),
        ({'same_site': 'None', 'http_only': False}, 'a=b; SameSite=None; Secure'),
        (
            {'expires': datetime.datetime(2040, 1, 1), 'secure': False},
            'a=b; expires=Sun, 01 Jan 2040 00:00:00 GMT; HttpOnly',
        ),
        (
            {'expires': datetime.datetime(2040, 1, 1, 2, 0, tzinfo=GMT_PLUS_2), 'secure': False},
            'a=b; expires=Sun, 01 Jan 2040 00:00:00 GMT; HttpOnly',
        ),
        (
            {
                'max_age': 60,
                'path': '/',
                'domain': 'example.com',
                'same_site': 'Lax',
            },
            'a=b; Domain=example.com; HttpOnly; Max-Age=60; Path=/; SameSite=Lax; Secure',
        ),
    ],
)
def test_set_cookie_header(
    asgi: bool, make_app: Callable[..., Any], kwargs: dict[str, Any], header: str
) -> None:
    result = _set_cookie_header(asgi, make_app, lambda resp: resp.set_cookie('a', 'b', **kwargs))
    assert result.headers['Set-Cookie'] == header


def test_partitioned_attribute(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _set_cookie_header(
        asgi, make_app, lambda resp: resp.set_cookie('a', 'b', partitioned=True)
    )
    attributes = [part.strip() for part in result.headers['Set-Cookie'].split(';')]
    assert 'Partitioned' in attributes
    assert result.cookies['a'].partitioned is True


def test_secure_cookies_by_default_off(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.set_cookie('a', 'b')

    app = make_app()
    app.resp_options.secure_cookies_by_default = False
    app.add_route('/', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/').headers['Set-Cookie'] == 'a=b; HttpOnly'


def test_result_cookie_fields(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _set_cookie_header(
        asgi,
        make_app,
        lambda resp: resp.set_cookie(
            'sid', 'xyz', max_age=10, path='/p', domain='example.com', same_site='Lax'
        ),
    )
    cookie = result.cookies['sid']
    assert cookie.name == 'sid'
    assert cookie.value == 'xyz'
    assert cookie.max_age == 10
    assert cookie.path == '/p'
    assert cookie.domain == 'example.com'
    assert cookie.secure is True
    assert cookie.http_only is True
    assert cookie.same_site == 'Lax'
    assert cookie.expires is None


def test_unset_cookie(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _set_cookie_header(asgi, make_app, lambda resp: resp.unset_cookie('sid', path='/p'))
    cookie = result.cookies['sid']
    assert cookie.value == ''
    assert cookie.path == '/p'
    assert cookie.domain == ''
    assert cookie.same_site == 'Lax'
    assert cookie.expires is not None
    assert cookie.expires < datetime.datetime.now(datetime.timezone.utc)
    assert result.headers['Set-Cookie'].split('expires=')[1].split(';')[0].endswith(' GMT')


def test_unset_cookie_same_site(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _set_cookie_header(
        asgi, make_app, lambda resp: resp.unset_cookie('sid', same_site='Strict')
    )
    assert result.cookies['sid'].same_site == 'Strict'


def test_set_cookie_twice_keeps_last(asgi: bool, make_app: Callable[..., Any]) -> None:
    def setter(resp: Any) -> None:
        resp.set_cookie('a', 'first')
        resp.set_cookie('a', 'second')

    result = _set_cookie_header(asgi, make_app, setter)
    assert result.cookies['a'].value == 'second'


def test_several_cookies_each_get_a_header(asgi: bool, make_app: Callable[..., Any]) -> None:
    def setter(resp: Any) -> None:
        resp.set_cookie('a', '1')
        resp.set_cookie('b', '2')

    result = _set_cookie_header(asgi, make_app, setter)
    assert {name: c.value for name, c in result.cookies.items()} == {'a': '1', 'b': '2'}


def _echo_cookies(asgi: bool, make_app: Callable[..., Any], cookie_header: str) -> Any:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = {
            'cookies': req.cookies,
            'values': req.get_cookie_values('a'),
            'missing': req.get_cookie_values('zzz'),
        }

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    return testing.simulate_get(app, '/', headers={'Cookie': cookie_header}).json


def test_request_cookies(asgi: bool, make_app: Callable[..., Any]) -> None:
    data = _echo_cookies(asgi, make_app, 'a=1; b=2')
    assert data == {'cookies': {'a': '1', 'b': '2'}, 'values': ['1'], 'missing': None}


def test_duplicate_request_cookies(asgi: bool, make_app: Callable[..., Any]) -> None:
    data = _echo_cookies(asgi, make_app, 'a=1; b=2; a=3')
    assert data['cookies'] == {'a': '1', 'b': '2'}
    assert data['values'] == ['1', '3']


def test_quoted_cookie_value(asgi: bool, make_app: Callable[..., Any]) -> None:
    assert _echo_cookies(asgi, make_app, 'a="xyz"')['cookies'] == {'a': 'xyz'}


def test_simulate_cookies_keyword(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = req.cookies

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/', cookies={'x': 'y', 'n': '1'}).json == {
        'x': 'y',
        'n': '1',
    }
