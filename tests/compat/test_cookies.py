"""Cookies an app sends, as the Falcon 4.4 Cookies guide and ``Response`` reference document
them, in both kinds of app: the exact ``Set-Cookie`` line of ``set_cookie`` and
``unset_cookie``, the arguments they refuse, the ``secure_cookies_by_default`` option, the
fields of ``Result.cookies`` and the ``cookies`` keyword of the simulated requests.

The one home of each cookie behaviour: reading request cookies is a both-modes conformance
scenario (``tests_shared/test_cookies.py``); the parser and formatter themselves are unit
tested in ``tests/core/test_cookies.py``; the deprecated ``samesite`` argument is in
``test_doc_deprecations.py``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.asgi
from falcon import testing

from ._support import resource

UTC = datetime.timezone.utc
GMT_PLUS_2 = datetime.timezone(datetime.timedelta(hours=2))
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)


def _respond(
    asgi: bool, make_app: Callable[..., Any], setter: Callable[[Any], None], **app_kw: Any
) -> Any:
    def on_get(req: Any, resp: Any) -> None:
        setter(resp)

    app = make_app(**app_kw)
    app.add_route('/', resource(asgi, on_get=on_get))
    return testing.simulate_get(app, '/')


@pytest.fixture
def resp(asgi: bool) -> Any:
    return falcon.asgi.Response() if asgi else falcon.Response()


# -- set_cookie: the Set-Cookie line -------------------------------------------------------


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
            {'expires': datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC), 'secure': False},
            'a=b; expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly',
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
    result = _respond(asgi, make_app, lambda resp: resp.set_cookie('a', 'b', **kwargs))
    assert result.headers['Set-Cookie'] == header


def test_partitioned_attribute(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _respond(asgi, make_app, lambda resp: resp.set_cookie('a', 'b', partitioned=True))
    attributes = [part.strip() for part in result.headers['Set-Cookie'].split(';')]
    assert 'Partitioned' in attributes
    assert result.cookies['a'].partitioned is True


def test_secure_cookies_by_default_off(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.set_cookie('a', 'b')

    app = make_app()
    assert app.resp_options.secure_cookies_by_default is True
    app.resp_options.secure_cookies_by_default = False
    app.add_route('/', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/').headers['Set-Cookie'] == 'a=b; HttpOnly'


def test_set_cookie_twice_keeps_last(asgi: bool, make_app: Callable[..., Any]) -> None:
    def setter(resp: Any) -> None:
        resp.set_cookie('a', 'first')
        resp.set_cookie('a', 'second')

    result = _respond(asgi, make_app, setter)
    assert result.cookies['a'].value == 'second'


def test_several_cookies_each_get_a_header(asgi: bool, make_app: Callable[..., Any]) -> None:
    def setter(resp: Any) -> None:
        resp.set_cookie('a', '1')
        resp.set_cookie('b', '2', http_only=False)

    result = _respond(asgi, make_app, setter)
    assert {name: c.value for name, c in result.cookies.items()} == {'a': '1', 'b': '2'}
    assert (result.cookies['a'].http_only, result.cookies['b'].http_only) == (True, False)


@pytest.mark.parametrize(('max_age', 'expected'), [(10, '10'), (10.7, '10'), ('10', '10')])
def test_set_cookie_max_age_coerced_to_int(
    asgi: bool, make_app: Callable[..., Any], max_age: Any, expected: str
) -> None:
    result = _respond(asgi, make_app, lambda resp: resp.set_cookie('a', 'b', max_age=max_age))
    assert result.cookies['a'].max_age == int(expected)


@pytest.mark.parametrize('name', ['grüße', 'a b', 'a;b', ''])
def test_set_cookie_bad_name_is_key_error(resp: Any, name: str) -> None:
    with pytest.raises(KeyError):
        resp.set_cookie(name, 'value')


def test_set_cookie_non_ascii_value_is_value_error(resp: Any) -> None:
    with pytest.raises(ValueError):
        resp.set_cookie('name', 'grüße')


def test_set_cookie_unknown_same_site_is_value_error(resp: Any) -> None:
    with pytest.raises(ValueError):
        resp.set_cookie('c', 'v', same_site='Sometimes')


# -- Result.cookies ------------------------------------------------------------------------


def test_result_cookie_fields(asgi: bool, make_app: Callable[..., Any]) -> None:
    expires = datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)

    def setter(resp: Any) -> None:
        resp.set_cookie(
            'full',
            'abc',
            expires=expires,
            max_age=60,
            domain='example.com',
            path='/p',
            secure=False,
            http_only=False,
            same_site='strict',
            partitioned=True,
        )
        resp.set_cookie('plain', 'v')

    cookies = _respond(asgi, make_app, setter).cookies
    assert set(cookies) == {'full', 'plain'}
    assert all(isinstance(cookie, testing.Cookie) for cookie in cookies.values())
    full = cookies['full']
    assert [full.name, full.value, full.max_age, full.domain, full.path] == [
        'full',
        'abc',
        60,
        'example.com',
        '/p',
    ]
    # The SameSite value is sent (and read back) capitalized, whatever case it was given in.
    assert [full.secure, full.http_only, full.same_site, full.partitioned] == [
        False,
        False,
        'Strict',
        True,
    ]
    assert full.expires == expires
    assert full.expires is not None and full.expires.tzinfo is not None
    plain = cookies['plain']
    assert [plain.name, plain.value, plain.secure, plain.http_only] == ['plain', 'v', True, True]
    # Documented: domain and path are empty strings when the cookie does not set them.
    assert [plain.expires, plain.max_age, plain.domain, plain.path, plain.same_site] == [
        None,
        None,
        '',
        '',
        None,
    ]
    assert plain.partitioned is False


# -- unset_cookie --------------------------------------------------------------------------


def test_unset_cookie_header(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _respond(asgi, make_app, lambda resp: resp.unset_cookie('sid'))
    assert result.headers['Set-Cookie'] == (
        'sid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; SameSite=Lax'
    )


def test_unset_cookie_arguments(asgi: bool, make_app: Callable[..., Any]) -> None:
    def setter(resp: Any) -> None:
        resp.unset_cookie('a', domain='example.com', path='/p')
        resp.unset_cookie('b', path='/p')
        resp.unset_cookie('c', same_site='Strict')

    result = _respond(asgi, make_app, setter)
    first, second, third = result.cookies['a'], result.cookies['b'], result.cookies['c']
    assert (first.value, first.domain, first.path, first.same_site) == (
        '',
        'example.com',
        '/p',
        'Lax',
    )
    assert first.max_age == 0
    assert first.expires == EPOCH
    assert (second.value, second.domain, second.path) == ('', '', '/p')
    assert third.same_site == 'Strict'


def test_unset_cookie_replaces_a_cookie_set_earlier(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    def setter(resp: Any) -> None:
        resp.set_cookie('sid', 'abc')
        resp.unset_cookie('sid')

    result = _respond(asgi, make_app, setter)
    assert list(result.cookies) == ['sid']
    assert result.cookies['sid'].value == ''


# -- the cookies keyword of simulated requests ----------------------------------------------


@pytest.mark.parametrize(
    'cookies', [{'a': '1', 'b': 'two'}, [('a', '1'), ('b', 'two')]], ids=['dict', 'list']
)
def test_simulate_cookies_keyword(asgi: bool, make_app: Callable[..., Any], cookies: Any) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = req.cookies

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/', cookies=cookies).json == {'a': '1', 'b': 'two'}
