"""Response behaviour as the Falcon 4.4 docstrings state it, in both kinds of app: header
methods and their Set-Cookie rules, header properties, cookies (arguments and errors),
removed and deprecated names, status forms."""

from __future__ import annotations

import datetime
import http
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.asgi
from falcon import testing

from ._support import resource

UTC = datetime.timezone.utc


def _respond(
    asgi: bool, make_app: Callable[..., Any], build: Callable[[Any], None], **kw: Any
) -> Any:
    def on_get(req: Any, resp: Any) -> None:
        build(resp)

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    return testing.simulate_get(app, '/', **kw)


@pytest.fixture
def resp(asgi: bool) -> Any:
    return falcon.asgi.Response() if asgi else falcon.Response()


@pytest.mark.parametrize(
    'call',
    [
        lambda resp: resp.set_header('Set-Cookie', 'a=1'),
        lambda resp: resp.set_header('set-cookie', 'a=1'),
        lambda resp: resp.delete_header('Set-Cookie'),
        lambda resp: resp.get_header('SET-COOKIE'),
        lambda resp: resp.set_headers({'Set-Cookie': 'a=1'}),
        lambda resp: resp.set_headers([('set-cookie', 'a=1')]),
    ],
)
def test_set_cookie_header_refused_by_header_methods(
    resp: Any, call: Callable[[Any], Any]
) -> None:
    with pytest.raises(ValueError):
        call(resp)


def test_append_header_set_cookie_gives_separate_lines(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    def build(resp: Any) -> None:
        resp.append_header('Set-Cookie', 'a=1')
        resp.append_header('Set-Cookie', 'b=2')
        resp.append_header('X-Thing', 'one')
        resp.append_header('x-thing', 'two')

    result = _respond(asgi, make_app, build)
    assert result.status_code == 200
    assert {name: cookie.value for name, cookie in result.cookies.items()} == {
        'a': '1',
        'b': '2',
    }
    assert result.headers['X-Thing'] == 'one, two'


def test_header_methods(resp: Any) -> None:
    resp.set_header('X-A', 'first')
    resp.set_header('x-a', 'second')
    assert resp.get_header('X-A') == 'second'
    resp.append_header('X-A', 'third')
    assert resp.get_header('x-a') == 'second, third'
    assert resp.get_header('X-Missing') is None
    assert resp.get_header('X-Missing', default='fallback') == 'fallback'
    resp.delete_header('X-A')
    assert resp.get_header('X-A') is None
    # Deleting a header that was never set does nothing.
    resp.delete_header('X-Never-Set')


def test_set_headers_dict_and_list(resp: Any) -> None:
    resp.set_header('X-Old', 'kept')
    resp.set_header('X-B', 'overwritten')
    resp.set_headers({'X-A': '1', 'X-B': '2'})
    resp.set_headers([('X-C', 'first'), ('x-c', 'last')])
    assert resp.headers == {'x-old': 'kept', 'x-a': '1', 'x-b': '2', 'x-c': 'last'}


@pytest.mark.parametrize('headers', [42, None, [('only-a-name',)], [('a', 'b', 'c')]])
def test_set_headers_rejects_other_shapes(resp: Any, headers: Any) -> None:
    with pytest.raises(ValueError):
        resp.set_headers(headers)


def test_headers_is_a_fresh_copy_without_cookies(resp: Any) -> None:
    resp.set_header('X-A', '1')
    resp.set_cookie('sid', 'abc')
    first = resp.headers
    first['X-B'] = '2'
    assert resp.headers == {'x-a': '1'}
    assert resp.headers is not resp.headers


def test_setting_a_header_property_to_none_deletes_it(resp: Any) -> None:
    resp.etag = 'abc'
    resp.location = '/x'
    resp.etag = None
    resp.location = None
    assert resp.get_header('ETag') is None
    assert resp.get_header('Location') is None
    assert resp.headers == {}


@pytest.mark.parametrize(
    ('value', 'header'),
    [
        ('abc', '"abc"'),
        ('"abc"', '"abc"'),
        ('W/"abc"', 'W/"abc"'),
    ],
)
def test_etag_is_quoted_when_needed(
    asgi: bool, make_app: Callable[..., Any], value: str, header: str
) -> None:
    result = _respond(asgi, make_app, lambda resp: setattr(resp, 'etag', value))
    assert result.headers['ETag'] == header


@pytest.mark.parametrize(
    ('value', 'header'),
    [
        (datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC), 'Wed, 02 Jan 2030 03:04:05 GMT'),
        (
            datetime.datetime(
                2030, 1, 2, 5, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
            ),
            'Wed, 02 Jan 2030 03:04:05 GMT',
        ),
    ],
)
def test_date_properties_are_http_dates_in_gmt(
    asgi: bool, make_app: Callable[..., Any], value: datetime.datetime, header: str
) -> None:
    def build(resp: Any) -> None:
        resp.expires = value
        resp.last_modified = value

    result = _respond(asgi, make_app, build)
    assert result.headers['Expires'] == header
    assert result.headers['Last-Modified'] == header


@pytest.mark.parametrize(
    ('attr', 'value', 'name', 'header'),
    [
        ('vary', ('*',), 'Vary', '*'),
        ('accept_ranges', 'none', 'Accept-Ranges', 'none'),
        ('content_range', (0, 9, '*'), 'Content-Range', 'bytes 0-9/*'),
        ('location', '/søk?q=a b', 'Location', '/s%C3%B8k?q=a%20b'),
        ('content_location', '/søk', 'Content-Location', '/s%C3%B8k'),
        ('content_type', falcon.MEDIA_HTML, 'Content-Type', 'text/html; charset=utf-8'),
    ],
)
def test_more_header_properties(
    asgi: bool, make_app: Callable[..., Any], attr: str, value: Any, name: str, header: str
) -> None:
    result = _respond(asgi, make_app, lambda resp: setattr(resp, attr, value))
    assert result.headers[name] == header


def test_content_length_forced_from_text_and_data(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    def build(resp: Any) -> None:
        resp.content_length = 99
        resp.text = 'héllo'

    result = _respond(asgi, make_app, build)
    assert result.headers['Content-Length'] == '6'
    assert result.text == 'héllo'


def test_add_link_was_removed(resp: Any) -> None:
    with pytest.raises(falcon.util.AttributeRemovedError):
        resp.add_link('/things/2', 'next')
    resp.append_link('/things/2', 'next')
    assert resp.get_header('Link') == '</things/2>; rel=next'


def test_body_was_removed(resp: Any) -> None:
    with pytest.raises(AttributeError):
        resp.body = 'x'
    with pytest.raises(AttributeError):
        resp.body  # noqa: B018


@pytest.mark.parametrize(
    ('status', 'code'),
    [
        (201, 201),
        (http.HTTPStatus.ACCEPTED, 202),
        ('418 I am a teapot', 418),
        (falcon.HTTP_204, 204),
    ],
)
def test_status_forms_and_status_code(resp: Any, status: Any, code: int) -> None:
    resp.status = status
    assert resp.status_code == code


def test_status_code_setter_updates_status(resp: Any) -> None:
    assert resp.status_code == 200
    resp.status_code = 404
    assert resp.status_code == 404
    assert falcon.code_to_http_status(resp.status) == '404 Not Found'


def test_context_types(resp: Any) -> None:
    assert type(resp).context_type is falcon.Context
    assert isinstance(resp.context, falcon.Context)
    resp.context.answer = 42
    assert resp.context['answer'] == 42


@pytest.mark.parametrize('name', ['grüße', 'a b', 'a;b', ''])
def test_set_cookie_bad_name_is_key_error(resp: Any, name: str) -> None:
    with pytest.raises(KeyError):
        resp.set_cookie(name, 'value')


def test_set_cookie_non_ascii_value_is_value_error(resp: Any) -> None:
    with pytest.raises(ValueError):
        resp.set_cookie('name', 'grüße')


@pytest.mark.parametrize(('max_age', 'expected'), [(10, '10'), (10.7, '10'), ('10', '10')])
def test_set_cookie_max_age_coerced_to_int(
    asgi: bool, make_app: Callable[..., Any], max_age: Any, expected: str
) -> None:
    result = _respond(asgi, make_app, lambda resp: resp.set_cookie('a', 'b', max_age=max_age))
    assert result.cookies['a'].max_age == int(expected)


def test_set_cookie_every_argument(asgi: bool, make_app: Callable[..., Any]) -> None:
    expires = datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)

    def build(resp: Any) -> None:
        resp.set_cookie(
            'sid',
            'abc',
            expires=expires,
            max_age=300,
            domain='example.com',
            path='/app',
            secure=True,
            http_only=False,
            same_site='strict',
            partitioned=True,
        )

    result = _respond(asgi, make_app, build)
    cookie = result.cookies['sid']
    assert cookie.value == 'abc'
    assert cookie.expires == expires
    assert cookie.max_age == 300
    assert cookie.domain == 'example.com'
    assert cookie.path == '/app'
    assert cookie.secure is True
    assert cookie.http_only is False
    assert cookie.same_site == 'Strict'
    assert cookie.partitioned is True


def test_set_cookie_defaults(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _respond(asgi, make_app, lambda resp: resp.set_cookie('sid', 'abc'))
    cookie = result.cookies['sid']
    assert cookie.secure is True
    assert cookie.http_only is True
    assert cookie.same_site is None
    assert cookie.partitioned is False
    assert cookie.max_age is None
    assert cookie.expires is None


def test_unset_cookie_arguments(asgi: bool, make_app: Callable[..., Any]) -> None:
    def build(resp: Any) -> None:
        resp.unset_cookie('a', domain='example.com', path='/p')
        resp.unset_cookie('b', same_site='Strict')

    result = _respond(asgi, make_app, build)
    first, second = result.cookies['a'], result.cookies['b']
    assert (first.value, first.domain, first.path, first.same_site) == (
        '',
        'example.com',
        '/p',
        'Lax',
    )
    assert first.max_age == 0
    assert first.expires == datetime.datetime(1970, 1, 1, tzinfo=UTC)
    assert second.same_site == 'Strict'


def test_unset_cookie_samesite_is_deprecated(resp: Any) -> None:
    with pytest.warns(falcon.util.DeprecatedWarning):
        resp.unset_cookie('a', samesite='None')
    assert resp._set_cookie_values() == [
        'a=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; SameSite=None'
    ]


def test_unset_cookie_replaces_a_cookie_set_earlier(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    def build(resp: Any) -> None:
        resp.set_cookie('sid', 'abc')
        resp.unset_cookie('sid')

    result = _respond(asgi, make_app, build)
    assert list(result.cookies) == ['sid']
    assert result.cookies['sid'].value == ''
