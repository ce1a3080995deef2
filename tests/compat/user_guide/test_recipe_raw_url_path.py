"""Recipe on routing by the raw URL path (user/recipes/raw-url-path.rst), and the FAQ's point
that an encoded slash is decoded before routing: middleware puts the still-encoded path back
(``RAW_URI`` or ``REQUEST_URI`` under WSGI, the scope's ``raw_path`` under ASGI)."""

import pytest

import falcon
import falcon.asgi
import falcon.uri
from falcon import testing

TARGET = '/proxy/https%3A%2F%2Fexample.net%2Fa'


class KeepRawPath:
    def process_request(self, req, resp):
        raw = req.env.get('RAW_URI') or req.env.get('REQUEST_URI')
        if raw:
            req.path = raw.split('?', 1)[0]


class AsyncKeepRawPath:
    async def process_request(self, req, resp):
        raw = req.scope.get('raw_path')
        if raw:
            req.path = raw.decode('ascii')


def _target(req, resp, target):
    resp.media = {'target': falcon.uri.decode(target)}


def _health(req, resp, target):
    resp.media = {'checked': falcon.uri.decode(target)}


class Proxy:
    def on_get(self, req, resp, target):
        _target(req, resp, target)

    def on_get_health(self, req, resp, target):
        _health(req, resp, target)


class AsyncProxy:
    async def on_get(self, req, resp, target):
        _target(req, resp, target)

    async def on_get_health(self, req, resp, target):
        _health(req, resp, target)


def _app(asgi, keep_raw=True):
    if asgi:
        app = falcon.asgi.App(middleware=[AsyncKeepRawPath()] if keep_raw else [])
        proxy = AsyncProxy()
    else:
        app = falcon.App(middleware=[KeepRawPath()] if keep_raw else [])
        proxy = Proxy()
    app.add_route('/proxy/{target}', proxy)
    app.add_route('/proxy/{target}/health', proxy, suffix='health')
    return app


def _get(asgi, path, keep_raw=True):
    return testing.simulate_get(
        _app(asgi, keep_raw), path, extras=None if asgi else {'RAW_URI': path}
    )


def test_encoded_field_reaches_the_responder(asgi):
    result = _get(asgi, TARGET)
    assert result.status_code == 200
    assert result.json == {'target': 'https://example.net/a'}


def test_suffixed_route_after_the_field(asgi):
    result = _get(asgi, TARGET + '/health')
    assert result.status_code == 200
    assert result.json == {'checked': 'https://example.net/a'}


def test_encoded_slash_stays_inside_the_field(asgi):
    result = _get(asgi, TARGET + '%2Fhealth')
    assert result.status_code == 200
    assert result.json == {'target': 'https://example.net/a/health'}


@pytest.mark.parametrize('tail', ['', '/health', '%2Fhealth'])
def test_decoded_path_matches_no_route(asgi, tail):
    result = _get(asgi, TARGET + tail, keep_raw=False)
    assert result.status_code == 404
    assert result.json == {'title': '404 Not Found'}


def test_request_uri_with_a_query_string():
    result = testing.simulate_get(
        _app(asgi=False),
        TARGET,
        query_string='v=2',
        extras={'REQUEST_URI': TARGET + '?v=2'},
    )
    assert result.json == {'target': 'https://example.net/a'}
