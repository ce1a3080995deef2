"""Response behaviour as the Falcon 4.4 docstrings state it, in both kinds of app: header
methods and their Set-Cookie rules, header properties,
removed and deprecated names, status forms; ``append_link`` and its parameters,
``Content-Disposition`` helpers, ``set_stream`` with a length and ``render_body``."""

from __future__ import annotations

import datetime
import http
import io
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


@pytest.mark.parametrize(
    ('kwargs', 'link'),
    [
        ({}, '</things/2842>; rel=next'),
        ({'title': 'Next page'}, '</things/2842>; rel=next; title="Next page"'),
        (
            {'title_star': ('en', 'naïve')},
            "</things/2842>; rel=next; title*=UTF-8'en'na%C3%AFve",
        ),
        ({'anchor': '/a b'}, '</things/2842>; rel=next; anchor="/a%20b"'),
        ({'hreflang': 'en-GB'}, '</things/2842>; rel=next; hreflang=en-GB'),
        (
            {'hreflang': ['en', 'de']},
            '</things/2842>; rel=next; hreflang=en; hreflang=de',
        ),
        ({'type_hint': 'text/html'}, '</things/2842>; rel=next; type="text/html"'),
        ({'crossorigin': 'anonymous'}, '</things/2842>; rel=next; crossorigin'),
        (
            {'crossorigin': 'Use-Credentials'},
            '</things/2842>; rel=next; crossorigin="use-credentials"',
        ),
        (
            {'link_extension': [('foo', 'bar'), ('baz', '"q"')]},
            '</things/2842>; rel=next; foo=bar; baz="q"',
        ),
    ],
)
def test_append_link_params(
    asgi: bool, make_app: Callable[..., Any], kwargs: dict[str, Any], link: str
) -> None:
    result = _respond(
        asgi, make_app, lambda resp: resp.append_link('/things/2842', 'next', **kwargs)
    )
    assert result.headers['Link'] == link


def test_append_link_extension_rel_and_joining(asgi: bool, make_app: Callable[..., Any]) -> None:
    def build(resp: Any) -> None:
        resp.append_link('/a b', 'http://example.com/ext-type')
        resp.append_link('/c', 'alternate http://example.com/x')

    assert _respond(asgi, make_app, build).headers['Link'] == (
        '</a%20b>; rel="http://example.com/ext-type", </c>; rel="alternate http://example.com/x"'
    )


def test_append_link_bad_crossorigin() -> None:
    with pytest.raises(ValueError):
        falcon.Response().append_link('/x', 'next', crossorigin='sometimes')


@pytest.mark.parametrize(
    ('attr', 'name', 'header'),
    [
        ('downloadable_as', 'report.pdf', 'attachment; filename="report.pdf"'),
        ('viewable_as', 'report.pdf', 'inline; filename="report.pdf"'),
        pytest.param(
            'downloadable_as',
            'Ångström.pdf',
            "attachment; filename=A_ngstro_m.pdf; filename*=UTF-8''%C3%85ngstr%C3%B6m.pdf",
        ),
        pytest.param(
            'viewable_as',
            'résumé v2.txt',
            "inline; filename=re_sume__v2.txt; filename*=UTF-8''r%C3%A9sum%C3%A9%20v2.txt",
        ),
    ],
)
def test_content_disposition(
    asgi: bool, make_app: Callable[..., Any], attr: str, name: str, header: str
) -> None:
    result = _respond(asgi, make_app, lambda resp: setattr(resp, attr, name))
    assert result.headers['Content-Disposition'] == header


@pytest.mark.parametrize(
    ('attr', 'value', 'name', 'header'),
    [
        ('content_range', (0, 99, 1000), 'Content-Range', 'bytes 0-99/1000'),
        ('content_range', (0, 9, 100, 'items'), 'Content-Range', 'items 0-9/100'),
        ('cache_control', ['no-cache', 'max-age=0'], 'Cache-Control', 'no-cache, max-age=0'),
        ('cache_control', ('private',), 'Cache-Control', 'private'),
        ('vary', ['Accept', 'Accept-Encoding'], 'Vary', 'Accept, Accept-Encoding'),
        ('vary', ('Origin',), 'Vary', 'Origin'),
        ('retry_after', 120, 'Retry-After', '120'),
        ('accept_ranges', 'bytes', 'Accept-Ranges', 'bytes'),
        ('location', '/a b', 'Location', '/a%20b'),
        ('content_location', '/files/a b', 'Content-Location', '/files/a%20b'),
        (
            'expires',
            datetime.datetime(2030, 1, 2, 3, 4, 5),
            'Expires',
            'Wed, 02 Jan 2030 03:04:05 GMT',
        ),
        (
            'last_modified',
            datetime.datetime(1994, 11, 15, 12, 45, 26, tzinfo=UTC),
            'Last-Modified',
            'Tue, 15 Nov 1994 12:45:26 GMT',
        ),
        ('content_length', 42, 'Content-Length', '42'),
        ('content_type', 'text/csv', 'Content-Type', 'text/csv'),
    ],
)
def test_header_properties(
    asgi: bool, make_app: Callable[..., Any], attr: str, value: Any, name: str, header: str
) -> None:
    def build(resp: Any) -> None:
        setattr(resp, attr, value)
        if attr == 'content_length':
            resp.data = b'x' * 42

    assert _respond(asgi, make_app, build).headers[name] == header


def test_header_properties_read_back() -> None:
    resp = falcon.Response()
    resp.cache_control = ['no-store']
    resp.retry_after = 5
    resp.content_range = (1, 2, 3)
    resp.location = '/here'
    assert resp.cache_control == 'no-store'
    assert resp.retry_after == '5'
    assert resp.content_range == 'bytes 1-2/3'
    assert resp.location == '/here'
    resp.location = None
    assert resp.location is None
    assert resp.get_header('Location') is None


def test_set_stream_with_length(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.set_stream(io.BytesIO(b'streamed'), 8)

    if asgi:

        async def on_get_async(self: Any, req: Any, resp: Any) -> None:
            class Reader:
                def __init__(self) -> None:
                    self.done = False

                async def read(self, size: int = -1) -> bytes:
                    if self.done:
                        return b''
                    self.done = True
                    return b'streamed'

            resp.set_stream(Reader(), 8)

        res: Any = type('Res', (), {'on_get': on_get_async})()
    else:
        res = resource(False, on_get=on_get)
    app = make_app()
    app.add_route('/', res)
    result = testing.simulate_get(app, '/')
    assert result.headers['Content-Length'] == '8'
    assert result.content == b'streamed'


@pytest.mark.parametrize(
    ('field', 'value', 'expected'),
    [
        ('text', 'héllo', 'héllo'.encode()),
        ('data', b'\x00raw', b'\x00raw'),
        ('media', {'a': 1}, b'{"a": 1}'),
        (None, None, None),
    ],
)
def test_render_body(field: str | None, value: Any, expected: bytes | None) -> None:
    resp = falcon.Response()
    if field is not None:
        setattr(resp, field, value)
    assert resp.render_body() == expected
