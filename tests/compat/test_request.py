"""Request metadata: host, URIs, proxies, headers, Accept negotiation (Falcon 4 Request page)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from falcon import testing

from ._support import resource


def _probe(
    asgi: bool,
    make_app: Callable[..., Any],
    func: Callable[[Any], Any],
    path: str = '/p',
    **kw: Any,
) -> Any:
    def on_get(req: Any, resp: Any, **params: Any) -> None:
        resp.media = {'value': func(req)}

    app = make_app()
    app.add_route('/p', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, path, **kw)
    assert result.status_code == 200, result.text
    return result.json['value']


URL_PARTS = lambda req: [  # noqa: E731
    req.scheme,
    req.host,
    req.port,
    req.netloc,
    req.uri,
    req.relative_uri,
    req.path,
    req.query_string,
]


@pytest.mark.parametrize(
    ('kw', 'parts'),
    [
        (
            {'query_string': 'x=1'},
            [
                'http',
                'falconframework.org',
                80,
                'falconframework.org',
                'http://falconframework.org/p?x=1',
                '/p?x=1',
                '/p',
                'x=1',
            ],
        ),
        (
            {'protocol': 'https'},
            [
                'https',
                'falconframework.org',
                443,
                'falconframework.org',
                'https://falconframework.org/p',
                '/p',
                '/p',
                '',
            ],
        ),
        (
            {'host': 'example.com', 'port': 8080},
            [
                'http',
                'example.com',
                8080,
                'example.com:8080',
                'http://example.com:8080/p',
                '/p',
                '/p',
                '',
            ],
        ),
    ],
)
def test_url_parts(asgi: bool, make_app: Callable[..., Any], kw: Any, parts: Any) -> None:
    assert _probe(asgi, make_app, URL_PARTS, **kw) == parts


def test_url_is_uri(asgi: bool, make_app: Callable[..., Any]) -> None:
    assert _probe(asgi, make_app, lambda req: req.url == req.uri) is True


def test_host_header_wins_over_server_name(asgi: bool, make_app: Callable[..., Any]) -> None:
    value = _probe(
        asgi, make_app, lambda req: [req.host, req.port], headers={'Host': 'api.example.org:9000'}
    )
    assert value == ['api.example.org', 9000]


def test_subdomain(asgi: bool, make_app: Callable[..., Any]) -> None:
    assert _probe(asgi, make_app, lambda req: req.subdomain, host='api.example.com') == 'api'


FORWARDED_PARTS = lambda req: [  # noqa: E731
    req.host,
    req.scheme,
    req.forwarded_host,
    req.forwarded_scheme,
    req.forwarded_uri,
]


@pytest.mark.parametrize(
    ('headers', 'parts'),
    [
        (
            {},
            [
                'falconframework.org',
                'http',
                'falconframework.org',
                'http',
                'http://falconframework.org/p',
            ],
        ),
        (
            {'X-Forwarded-Host': 'proxy.example', 'X-Forwarded-Proto': 'https'},
            [
                'falconframework.org',
                'http',
                'proxy.example',
                'https',
                'https://proxy.example/p',
            ],
        ),
        (
            {'Forwarded': 'for=192.0.2.60;proto=https;host=example.com'},
            ['falconframework.org', 'http', 'example.com', 'https', 'https://example.com/p'],
        ),
        (
            {
                'Forwarded': 'host=first.example, host=second.example',
                'X-Forwarded-Host': 'xfh.example',
            },
            [
                'falconframework.org',
                'http',
                'first.example',
                'http',
                'http://first.example/p',
            ],
        ),
    ],
)
def test_forwarded_parts(
    asgi: bool, make_app: Callable[..., Any], headers: Any, parts: Any
) -> None:
    assert _probe(asgi, make_app, FORWARDED_PARTS, headers=headers) == parts


def test_forwarded_elements(asgi: bool, make_app: Callable[..., Any]) -> None:
    def func(req: Any) -> Any:
        return [[f.src, f.dest, f.host, f.scheme] for f in req.forwarded]

    value = _probe(
        asgi,
        make_app,
        func,
        headers={'Forwarded': 'for=192.0.2.60;proto=https;by=203.0.113.43, for="[2001:db8::1]"'},
    )
    assert value == [
        ['192.0.2.60', '203.0.113.43', None, 'https'],
        ['[2001:db8::1]', None, None, None],
    ]


def test_forwarded_absent_is_none(asgi: bool, make_app: Callable[..., Any]) -> None:
    assert _probe(asgi, make_app, lambda req: req.forwarded) is None


@pytest.mark.parametrize(
    ('headers', 'route'),
    [
        ({}, ['10.1.1.1']),
        ({'X-Forwarded-For': '1.1.1.1, 2.2.2.2'}, ['1.1.1.1', '2.2.2.2', '10.1.1.1']),
        ({'X-Real-IP': '3.3.3.3'}, ['3.3.3.3', '10.1.1.1']),
        (
            {'Forwarded': 'for=4.4.4.4', 'X-Forwarded-For': '1.1.1.1'},
            ['4.4.4.4', '10.1.1.1'],
        ),
    ],
)
def test_access_route(asgi: bool, make_app: Callable[..., Any], headers: Any, route: Any) -> None:
    value = _probe(
        asgi,
        make_app,
        lambda req: [req.remote_addr, req.access_route],
        headers=headers,
        remote_addr='10.1.1.1',
    )
    assert value == ['10.1.1.1', route]


def test_default_remote_addr(asgi: bool, make_app: Callable[..., Any]) -> None:
    assert _probe(asgi, make_app, lambda req: req.remote_addr) == '127.0.0.1'


def test_accept_defaults(asgi: bool, make_app: Callable[..., Any]) -> None:
    def func(req: Any) -> Any:
        return [
            req.accept,
            req.client_accepts_json,
            req.client_accepts_xml,
            req.client_accepts_msgpack,
            req.client_accepts('text/html'),
        ]

    assert _probe(asgi, make_app, func) == ['*/*', True, True, True, True]


def test_accept_specific(asgi: bool, make_app: Callable[..., Any]) -> None:
    def func(req: Any) -> Any:
        return [req.client_accepts_json, req.client_accepts_xml, req.client_accepts('text/plain')]

    value = _probe(asgi, make_app, func, headers={'Accept': 'application/json, text/*;q=0.5'})
    assert value == [True, False, True]


# Falcon 4 (like mimeparse before it) returns the LAST of equally good candidates, which is
# why its error serializer offers (XML, text/xml, JSON) and */* gets JSON.


@pytest.mark.parametrize(
    ('accept', 'offered', 'preferred'),
    [
        ('application/json', ['application/xml', 'application/json'], 'application/json'),
        (
            'application/xml;q=0.5, application/json',
            ['application/xml', 'application/json'],
            'application/json',
        ),
        (
            'application/xml, application/json;q=0.1',
            ['application/json', 'application/xml'],
            'application/xml',
        ),
        ('text/html', ['application/json'], None),
        ('text/*', ['application/json', 'text/plain'], 'text/plain'),
        (
            '*/*',
            ['application/xml', 'application/json'],
            'application/json',
        ),
        (
            '*/*',
            ['application/json', 'application/xml'],
            'application/xml',
        ),
    ],
)
def test_client_prefers(
    asgi: bool, make_app: Callable[..., Any], accept: str, offered: list[str], preferred: Any
) -> None:
    value = _probe(
        asgi, make_app, lambda req: req.client_prefers(offered), headers={'Accept': accept}
    )
    assert value == preferred


def test_get_header(asgi: bool, make_app: Callable[..., Any]) -> None:
    def func(req: Any) -> Any:
        return [
            req.get_header('x-custom'),
            req.get_header('X-CUSTOM'),
            req.get_header('X-Missing'),
            req.get_header('X-Missing', default='d'),
            ('x-custom' if asgi else 'X-CUSTOM') in req.headers,
            req.headers_lower.get('x-custom'),
        ]

    value = _probe(asgi, make_app, func, headers={'X-Custom': 'v'})
    assert value == ['v', 'v', None, 'd', True, 'v']


def test_required_header_missing(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        req.get_header('X-Token', required=True)

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.status_code == 400
    assert result.json['title'] == 'Missing header value'


@pytest.mark.parametrize(
    ('header', 'value'),
    [
        ('bytes=0-99', [[0, 99], 'bytes']),
        ('bytes=-100', [[-100, -1], 'bytes']),
        ('bytes=10-', [[10, -1], 'bytes']),
    ],
)
def test_range(asgi: bool, make_app: Callable[..., Any], header: str, value: Any) -> None:
    func = lambda req: [list(req.range), req.range_unit]  # noqa: E731
    assert _probe(asgi, make_app, func, headers={'Range': header}) == value


def test_no_range_is_none(asgi: bool, make_app: Callable[..., Any]) -> None:
    assert _probe(asgi, make_app, lambda req: [req.range, req.range_unit]) == [None, None]


def test_content_length(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_post(req: Any, resp: Any) -> None:
        resp.media = [req.content_length, req.content_type]

    app = make_app()
    app.add_route('/', resource(asgi, on_post=on_post, on_get=on_post))
    result = testing.simulate_post(app, '/', body=b'hello', content_type='text/plain')
    assert result.json == [5, 'text/plain']
    assert testing.simulate_get(app, '/').json == [None, None]


def test_invalid_int_header_is_400(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = req.get_header_as_int('X-N')

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/', headers={'X-N': 'abc'})
    assert result.status_code == 400
    assert result.json['title'] == 'Invalid header value'


def test_uri_template(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any, item_id: Any) -> None:
        resp.media = [req.uri_template, item_id]

    app = make_app()
    app.add_route('/items/{item_id:int}', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/items/7').json == ['/items/{item_id:int}', 7]


def test_get_header_as_int_and_datetime(asgi: bool, make_app: Callable[..., Any]) -> None:
    def func(req: Any) -> Any:
        when = req.get_header_as_datetime('If-Modified-Since')
        return [req.get_header_as_int('X-N'), when.isoformat()]

    value = _probe(
        asgi,
        make_app,
        func,
        headers={'X-N': '12', 'If-Modified-Since': 'Tue, 15 Nov 1994 12:45:26 GMT'},
    )
    assert value == [12, '1994-11-15T12:45:26+00:00']


def test_method_and_auth(asgi: bool, make_app: Callable[..., Any]) -> None:
    value = _probe(
        asgi, make_app, lambda req: [req.method, req.auth], headers={'Authorization': 'Bearer t'}
    )
    assert value == ['GET', 'Bearer t']
