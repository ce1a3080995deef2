"""The CORS page of Falcon 4.4 and the ``CORSMiddleware`` docstring, probed in both kinds of
app: ``cors_enable``, responders overriding ``Access-Control-Allow-Origin``, preflight
requests answered from the ``Allow`` header (and denied without it, for custom
``on_options`` responders and sinks alike), static routes allowing ``GET`` preflights, and
each ``CORSMiddleware`` argument."""

from __future__ import annotations

import pathlib
from collections.abc import Callable
from typing import Any

import pytest

import falcon
from falcon import testing

from ._support import resource

ORIGIN = 'https://a.example'

_CORS_RESPONSE_HEADERS = (
    'Access-Control-Allow-Origin',
    'Access-Control-Allow-Credentials',
    'Access-Control-Expose-Headers',
    'Access-Control-Allow-Methods',
    'Access-Control-Allow-Headers',
    'Access-Control-Max-Age',
    'Access-Control-Allow-Private-Network',
)


def _cors_headers(result: Any) -> dict[str, str]:
    return {
        name: result.headers[name] for name in _CORS_RESPONSE_HEADERS if name in result.headers
    }


def _preflight(app: Any, path: str = '/', **headers: str) -> Any:
    sent = {'Origin': ORIGIN, 'Access-Control-Request-Method': 'POST'}
    sent.update(headers)
    return testing.simulate_options(app, path, headers=sent)


def _app(asgi: bool, make_app: Callable[..., Any], **kw: Any) -> Any:
    app = make_app(**kw)
    app.add_route(
        '/', resource(asgi, on_get=lambda req, resp: None, on_post=lambda req, resp: None)
    )
    return app


def test_cors_is_off_by_default(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _app(asgi, make_app)
    assert _cors_headers(testing.simulate_get(app, '/', headers={'Origin': ORIGIN})) == {}
    preflight = _preflight(app)
    assert preflight.status_code == 200
    assert preflight.headers['Allow'] == 'GET, POST'
    assert _cors_headers(preflight) == {}


def test_cors_enable_covers_every_route_and_error_responses(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    app = _app(asgi, make_app, cors_enable=True)
    ok = testing.simulate_get(app, '/', headers={'Origin': ORIGIN})
    assert _cors_headers(ok) == {'Access-Control-Allow-Origin': '*'}
    missing = testing.simulate_get(app, '/missing', headers={'Origin': ORIGIN})
    assert missing.status_code == 404
    assert _cors_headers(missing) == {'Access-Control-Allow-Origin': '*'}
    assert 'Vary' not in ok.headers


def test_responder_may_override_allow_origin(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app(cors_enable=True)
    app.add_route(
        '/',
        resource(
            asgi,
            on_get=lambda req, resp: resp.set_header(
                'Access-Control-Allow-Origin', 'https://only.example'
            ),
        ),
    )
    result = testing.simulate_get(app, '/', headers={'Origin': ORIGIN})
    assert result.headers['Access-Control-Allow-Origin'] == 'https://only.example'


def test_preflight_is_answered_from_the_default_options_responder(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    app = _app(asgi, make_app, cors_enable=True)
    result = _preflight(app, **{'Access-Control-Request-Headers': 'Authorization'})
    assert result.status_code == 200
    assert _cors_headers(result) == {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': 'Authorization',
        'Access-Control-Max-Age': '86400',
    }


def test_options_without_request_method_is_no_preflight(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    app = _app(asgi, make_app, cors_enable=True)
    result = testing.simulate_options(app, '/', headers={'Origin': ORIGIN})
    assert result.status_code == 200
    assert result.headers['Allow'] == 'GET, POST'
    assert _cors_headers(result) == {'Access-Control-Allow-Origin': '*'}


def test_custom_options_responder_setting_allow(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app(cors_enable=True)
    app.add_route(
        '/',
        resource(asgi, on_options=lambda req, resp: resp.set_header('Allow', 'GET, PATCH')),
    )
    result = _preflight(app)
    assert result.headers['Access-Control-Allow-Methods'] == 'GET, PATCH'


def test_custom_options_responder_without_allow_denies_the_preflight(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    app = make_app(cors_enable=True)
    app.add_route('/', resource(asgi, on_options=lambda req, resp: None))
    result = _preflight(app)
    assert result.status_code == 200
    assert 'Access-Control-Allow-Methods' not in result.headers
    assert 'Access-Control-Allow-Headers' not in result.headers


def _sink(asgi: bool, allow: str | None) -> Any:
    def sink(req: Any, resp: Any, **kwargs: Any) -> None:
        if allow is not None:
            resp.set_header('Allow', allow)

    async def sink_async(req: Any, resp: Any, **kwargs: Any) -> None:
        sink(req, resp, **kwargs)

    return sink_async if asgi else sink


@pytest.mark.parametrize(('allow', 'methods'), [(None, None), ('GET, PUT', 'GET, PUT')])
def test_sink_preflight_needs_an_allow_header(
    asgi: bool, make_app: Callable[..., Any], allow: str | None, methods: str | None
) -> None:
    app = make_app(cors_enable=True)
    app.add_sink(_sink(asgi, allow), '/sink')
    result = _preflight(app, '/sink/thing')
    assert result.headers.get('Access-Control-Allow-Methods') == methods


def test_static_route_allows_get_preflight(
    asgi: bool, make_app: Callable[..., Any], tmp_path: pathlib.Path
) -> None:
    (tmp_path / 'app.js').write_text('1;')
    app = make_app(cors_enable=True)
    app.add_static_route('/static', tmp_path)
    result = _preflight(app, '/static/app.js', **{'Access-Control-Request-Method': 'GET'})
    assert result.status_code == 200
    assert result.headers['Access-Control-Allow-Methods'] == 'GET'
    assert result.headers['Access-Control-Allow-Origin'] == '*'
    assert result.content == b''
    served = testing.simulate_get(app, '/static/app.js', headers={'Origin': ORIGIN})
    assert served.text == '1;'
    assert served.headers['Access-Control-Allow-Origin'] == '*'


def test_failed_request_gets_no_preflight_answer(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app(cors_enable=True)
    result = _preflight(app, '/missing')
    assert result.status_code == 404
    assert _cors_headers(result) == {'Access-Control-Allow-Origin': '*'}


@pytest.mark.parametrize(
    ('allow_origins', 'origin', 'allowed'),
    [
        ('https://good.example', 'https://good.example', True),
        ('https://good.example', 'https://GOOD.example', False),
        (['https://one.example', 'https://two.example'], 'https://two.example', True),
        (('https://one.example',), 'https://three.example', False),
        ('*', 'https://any.example', True),
    ],
)
def test_allow_origins(
    asgi: bool,
    make_app: Callable[..., Any],
    allow_origins: Any,
    origin: str,
    allowed: bool,
) -> None:
    app = _app(asgi, make_app, middleware=[falcon.CORSMiddleware(allow_origins=allow_origins)])
    result = testing.simulate_get(app, '/', headers={'Origin': origin})
    if not allowed:
        assert _cors_headers(result) == {}
    elif allow_origins == '*':
        assert _cors_headers(result) == {'Access-Control-Allow-Origin': '*'}
    else:
        assert _cors_headers(result) == {'Access-Control-Allow-Origin': origin}
        assert result.headers['Vary'] == 'Origin'


def test_disallowed_origin_gets_no_preflight_answer(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    cors = falcon.CORSMiddleware(allow_origins='https://good.example')
    app = _app(asgi, make_app, middleware=[cors])
    result = _preflight(app, Origin='https://evil.example')
    assert _cors_headers(result) == {}


@pytest.mark.parametrize(
    ('expose', 'header'),
    [('X-Total', 'X-Total'), (['X-Total', 'X-Page'], 'X-Total, X-Page'), (None, None)],
)
def test_expose_headers(
    asgi: bool, make_app: Callable[..., Any], expose: Any, header: str | None
) -> None:
    app = _app(asgi, make_app, middleware=[falcon.CORSMiddleware(expose_headers=expose)])
    result = testing.simulate_get(app, '/', headers={'Origin': ORIGIN})
    assert result.headers.get('Access-Control-Expose-Headers') == header
    assert 'Access-Control-Expose-Headers' not in testing.simulate_get(app, '/').headers


def test_documented_example_allows_credentials_for_every_allowed_origin(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    cors = falcon.CORSMiddleware(allow_origins='example.com', allow_credentials='*')
    app = _app(asgi, make_app, middleware=cors)
    result = testing.simulate_get(app, '/', headers={'Origin': 'example.com'})
    assert _cors_headers(result) == {
        'Access-Control-Allow-Origin': 'example.com',
        'Access-Control-Allow-Credentials': 'true',
    }
    other = testing.simulate_get(app, '/', headers={'Origin': 'other.com'})
    assert _cors_headers(other) == {}


def test_credentials_only_for_listed_origins(asgi: bool, make_app: Callable[..., Any]) -> None:
    cors = falcon.CORSMiddleware(
        allow_origins=['https://a.example', 'https://b.example'],
        allow_credentials=['https://a.example', 'https://c.example'],
    )
    app = _app(asgi, make_app, middleware=[cors])
    a = testing.simulate_get(app, '/', headers={'Origin': 'https://a.example'})
    assert a.headers['Access-Control-Allow-Credentials'] == 'true'
    b = testing.simulate_get(app, '/', headers={'Origin': 'https://b.example'})
    assert _cors_headers(b) == {'Access-Control-Allow-Origin': 'https://b.example'}
    # Listed for credentials but not an allowed origin: nothing at all.
    c = testing.simulate_get(app, '/', headers={'Origin': 'https://c.example'})
    assert _cors_headers(c) == {}


def test_no_credentials_by_default(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _app(asgi, make_app, middleware=[falcon.CORSMiddleware()])
    result = testing.simulate_get(app, '/', headers={'Origin': ORIGIN})
    assert _cors_headers(result) == {'Access-Control-Allow-Origin': '*'}


@pytest.mark.parametrize('enabled', [True, False])
def test_allow_private_network_on_preflight(
    asgi: bool, make_app: Callable[..., Any], enabled: bool
) -> None:
    cors = falcon.CORSMiddleware(allow_private_network=enabled)
    app = _app(asgi, make_app, middleware=[cors])
    result = _preflight(app, **{'Access-Control-Request-Private-Network': 'true'})
    expected = 'true' if enabled else None
    assert result.headers.get('Access-Control-Allow-Private-Network') == expected
    assert result.headers['Access-Control-Allow-Methods'] == 'GET, POST'
    simple = testing.simulate_get(
        app, '/', headers={'Origin': ORIGIN, 'Access-Control-Request-Private-Network': 'true'}
    )
    assert 'Access-Control-Allow-Private-Network' not in simple.headers


def test_middleware_offers_both_spellings() -> None:
    cors = falcon.CORSMiddleware()
    assert callable(cors.process_response)
    assert callable(cors.process_response_async)
    assert falcon.middleware.UniversalMiddlewareWithProcessResponse in type(cors).__mro__
