"""Request and response helpers not probed elsewhere: links, dispositions, ranges, caching
headers, conditional headers, dates, forwarded details, parameter media, streams
(Falcon 4 Request & Response page)."""

from __future__ import annotations

import datetime
import functools
import io
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.asgi
from falcon import testing

from ._support import resource

UTC = datetime.timezone.utc


def _headers(
    asgi: bool, make_app: Callable[..., Any], build: Callable[[Any], None], **kw: Any
) -> Any:
    def on_get(req: Any, resp: Any) -> None:
        build(resp)

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    return testing.simulate_get(app, '/', **kw)


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
    result = _headers(
        asgi, make_app, lambda resp: resp.append_link('/things/2842', 'next', **kwargs)
    )
    assert result.headers['Link'] == link


def test_append_link_extension_rel_and_joining(asgi: bool, make_app: Callable[..., Any]) -> None:
    def build(resp: Any) -> None:
        resp.append_link('/a b', 'http://example.com/ext-type')
        resp.append_link('/c', 'alternate http://example.com/x')

    assert _headers(asgi, make_app, build).headers['Link'] == (
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
    result = _headers(asgi, make_app, lambda resp: setattr(resp, attr, name))
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

    assert _headers(asgi, make_app, build).headers[name] == header


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


def _probe(asgi: bool, make_app: Callable[..., Any], func: Callable[[Any], Any], **kw: Any) -> Any:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = {'value': func(req)}

    app = make_app()
    app.add_route('/p', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/p', **kw)
    assert result.status_code == 200, result.text
    return result.json['value']


def _status(
    asgi: bool, make_app: Callable[..., Any], func: Callable[[Any], Any], **kw: Any
) -> Any:
    def on_get(req: Any, resp: Any) -> None:
        func(req)

    app = make_app()
    app.add_route('/p', resource(asgi, on_get=on_get))
    return testing.simulate_get(app, '/p', **kw)


def _etags(value: Any) -> Any:
    if value is None:
        return None
    return [tag if tag == '*' else [str(tag), tag.is_weak] for tag in value]


@pytest.mark.parametrize(
    ('header', 'expected'),
    [
        ('"abc"', [['abc', False]]),
        ('W/"abc", "def"', [['abc', True], ['def', False]]),
        ('*', ['*']),
        ('"a,b", W/"c"', [['a,b', False], ['c', True]]),
    ],
)
@pytest.mark.parametrize('name', ['If-Match', 'If-None-Match'])
def test_conditional_etags(
    asgi: bool, make_app: Callable[..., Any], name: str, header: str, expected: Any
) -> None:
    attr = name.lower().replace('-', '_')
    value = _probe(asgi, make_app, lambda req: _etags(getattr(req, attr)), headers={name: header})
    assert value == expected


def test_conditional_etags_absent(asgi: bool, make_app: Callable[..., Any]) -> None:
    assert _probe(asgi, make_app, lambda req: [req.if_match, req.if_none_match]) == [None, None]


@pytest.mark.parametrize('attr', ['date', 'if_modified_since', 'if_unmodified_since'])
def test_date_headers(asgi: bool, make_app: Callable[..., Any], attr: str) -> None:
    name = {'date': 'Date'}.get(attr, attr.replace('_', '-').title())
    value = _probe(
        asgi,
        make_app,
        lambda req: getattr(req, attr).isoformat(),
        headers={name: 'Sun, 06 Nov 1994 08:49:37 GMT'},
    )
    assert value == '1994-11-06T08:49:37+00:00'
    assert _probe(asgi, make_app, lambda req: getattr(req, attr)) is None
    bad = _status(asgi, make_app, lambda req: getattr(req, attr), headers={name: 'yesterday'})
    assert bad.status_code == 400
    assert bad.json['title'] == 'Invalid header value'


@pytest.mark.parametrize(
    ('header', 'value'),
    [
        ('bytes=0-', [[0, -1], 'bytes']),
        ('bytes=-1', [[-1, -1], 'bytes']),
        ('bytes=5-5', [[5, 5], 'bytes']),
        ('items=0-9', [[0, 9], 'items']),
    ],
)
def test_range_forms(asgi: bool, make_app: Callable[..., Any], header: str, value: Any) -> None:
    func = lambda req: [list(req.range), req.range_unit]  # noqa: E731
    assert _probe(asgi, make_app, func, headers={'Range': header}) == value


@pytest.mark.parametrize(
    'header',
    ['bytes=5-2', 'bytes=a-1', 'bytes=0-1,3-4', '0-99', 'bytes=-', 'bytes=-0', 'bytes=1'],
)
def test_range_invalid(asgi: bool, make_app: Callable[..., Any], header: str) -> None:
    result = _status(asgi, make_app, lambda req: req.range, headers={'Range': header})
    assert result.status_code == 400
    assert result.json['title'] == 'Invalid header value'


def _require_header(getter: str, req: Any) -> Any:
    return getattr(req, getter)('X-N', required=True)


def test_header_as_int_and_datetime(asgi: bool, make_app: Callable[..., Any]) -> None:
    def func(req: Any) -> Any:
        return [req.get_header_as_int('X-Missing'), req.get_header_as_datetime('X-Missing')]

    assert _probe(asgi, make_app, func) == [None, None]
    for getter in ('get_header_as_int', 'get_header_as_datetime'):
        require = functools.partial(_require_header, getter)
        result = _status(asgi, make_app, require)
        assert result.status_code == 400
        assert result.json['title'] == 'Missing header value'
    bad = _status(
        asgi, make_app, lambda req: req.get_header_as_datetime('X-D'), headers={'X-D': 'x'}
    )
    assert bad.status_code == 400
    assert bad.json['title'] == 'Invalid header value'


def test_header_as_datetime_obs_date(asgi: bool, make_app: Callable[..., Any]) -> None:
    value = _probe(
        asgi,
        make_app,
        lambda req: req.get_header_as_datetime('X-D', obs_date=True).isoformat(),
        headers={'X-D': 'Sunday, 06-Nov-94 08:49:37 GMT'},
    )
    assert value == '1994-11-06T08:49:37+00:00'


@pytest.mark.parametrize(
    ('query', 'func', 'expected'),
    [
        ('p=%5B1%2C2%5D', lambda req: req.get_param_as_media('p'), [1, 2]),
        (
            'p=x%3D1%26y%3D2',
            lambda req: req.get_param_as_media('p', media_type=falcon.MEDIA_URLENCODED),
            {'x': '1', 'y': '2'},
        ),
        ('', lambda req: req.get_param_as_media('p'), None),
        ('', lambda req: req.get_param_as_media('p', default={'d': 1}), {'d': 1}),
        ('', lambda req: req.get_param_as_json('p', default=[]), []),
    ],
)
def test_param_as_media(
    asgi: bool, make_app: Callable[..., Any], query: str, func: Any, expected: Any
) -> None:
    assert _probe(asgi, make_app, func, query_string=query) == expected


@pytest.mark.parametrize(
    ('query', 'title'),
    [('p=%7Bbad', 'Invalid parameter'), ('', 'Missing parameter')],
)
def test_param_as_media_errors(
    asgi: bool, make_app: Callable[..., Any], query: str, title: str
) -> None:
    result = _status(
        asgi, make_app, lambda req: req.get_param_as_media('p', required=True), query_string=query
    )
    assert result.status_code == 400
    assert result.json['title'] == title


def test_query_string_as_media(asgi: bool, make_app: Callable[..., Any]) -> None:
    value = _probe(
        asgi,
        make_app,
        lambda req: req.get_query_string_as_media(),
        query_string='%7B%22q%22%3A%20%22x%22%2C%20%22n%22%3A%202%7D',
    )
    assert value == {'q': 'x', 'n': 2}
    empty = _probe(
        asgi, make_app, lambda req: req.get_query_string_as_media(default_when_empty={'e': 0})
    )
    assert empty == {'e': 0}


@pytest.mark.parametrize(
    ('header', 'parts'),
    [
        ('For=192.0.2.1;PROTO=https;Host=a.example', [['192.0.2.1', None, 'a.example', 'https']]),
        ('for="_gazonk"', [['_gazonk', None, None, None]]),
        (
            'for=unknown, for=198.51.100.17',
            [['unknown', None, None, None], ['198.51.100.17', None, None, None]],
        ),
        ('host="b.example:8080"', [[None, None, 'b.example:8080', None]]),
        ('for="[2001:db8:cafe::17]:4711"', [['[2001:db8:cafe::17]:4711', None, None, None]]),
    ],
)
def test_forwarded_details(
    asgi: bool, make_app: Callable[..., Any], header: str, parts: Any
) -> None:
    def func(req: Any) -> Any:
        return [[f.src, f.dest, f.host, f.scheme] for f in req.forwarded]

    assert _probe(asgi, make_app, func, headers={'Forwarded': header}) == parts


def test_forwarded_host_with_port(asgi: bool, make_app: Callable[..., Any]) -> None:
    func = lambda req: [req.forwarded_host, req.forwarded_uri]  # noqa: E731
    value = _probe(asgi, make_app, func, headers={'Forwarded': 'host=b.example:8080'})
    assert value == ['b.example:8080', 'http://b.example:8080/p']


def test_x_forwarded_host_with_port(asgi: bool, make_app: Callable[..., Any]) -> None:
    func = lambda req: [req.forwarded_host, req.forwarded_uri]  # noqa: E731
    value = _probe(asgi, make_app, func, headers={'X-Forwarded-Host': 'x.example:8443'})
    assert value == ['x.example:8443', 'http://x.example:8443/p']


def test_wsgi_bounded_stream_reads() -> None:
    def on_post(req: Any, resp: Any) -> None:
        stream = req.bounded_stream
        resp.media = [
            stream.read(2).decode(),
            stream.read().decode(),
            stream.read().decode(),
            req.stream is not None,
        ]

    app = falcon.App()
    app.add_route('/', resource(False, on_post=on_post))
    assert testing.simulate_post(app, '/', body=b'abcdef').json == ['ab', 'cdef', '', True]


def test_wsgi_bounded_stream_readline_and_iteration() -> None:
    def on_post(req: Any, resp: Any) -> None:
        resp.media = [req.bounded_stream.readline().decode(), req.bounded_stream.readlines()]
        resp.media[1] = [line.decode() for line in resp.media[1]]

    app = falcon.App()
    app.add_route('/', resource(False, on_post=on_post))
    result = testing.simulate_post(app, '/', body=b'one\ntwo\nthree')
    assert result.json == ['one\n', ['two\n', 'three']]


async def test_asgi_stream_reads() -> None:
    class Res:
        async def on_post(self, req: Any, resp: Any) -> None:
            first = await req.stream.read(2)
            rest = await req.stream.read()
            resp.media = [first.decode(), rest.decode(), (await req.stream.read()).decode()]

    app = falcon.asgi.App()
    app.add_route('/', Res())
    async with testing.ASGIConductor(app) as conductor:
        result = await conductor.simulate_post('/', body=b'abcdef', asgi_chunk_size=3)
    assert result.json == ['ab', 'cdef', '']


def test_media_default_when_empty_none_vs_missing(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    class Sync:
        def on_post(self, req: Any, resp: Any) -> None:
            resp.media = {'m': req.get_media(default_when_empty=None)}

    class Async:
        async def on_post(self, req: Any, resp: Any) -> None:
            resp.media = {'m': await req.get_media(default_when_empty=None)}

    app = make_app()
    app.add_route('/', Async() if asgi else Sync())
    assert testing.simulate_post(app, '/', content_type='application/json').json == {'m': None}
