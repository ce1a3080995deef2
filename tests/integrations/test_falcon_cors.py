"""falcon-cors (``CORS(...).middleware``): CORS headers on preflight and actual requests.

Its middleware is plain (``process_resource(req, resp, resource, *params)``), which
``falcon.asgi.App`` accepts too in this package, so both apps are exercised. It reads
``req.get_header``, ``req.method`` and the resource's ``on_*`` methods (for the methods it
allows), and writes with ``resp.set_header``/``resp.append_header`` (``max_age`` is an
``int``). A preflight ``OPTIONS`` is answered by the framework's default ``OPTIONS``
responder, whose ``Allow`` header lists the resource's methods.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

pytest.importorskip('falcon_cors')

from falcon_cors import CORS

import falcon
import falcon.asgi
from falcon import testing
from tests.compat._support import resource

ORIGIN = 'https://app.example'
QUIET = logging.getLogger('tests.falcon_cors')


def _things(req: Any, resp: Any) -> None:
    resp.media = {'things': []}


def _client(asgi: bool) -> testing.TestClient:
    cors = CORS(
        logger=QUIET,
        allow_origins_list=[ORIGIN],
        allow_methods_list=['GET', 'POST', 'DELETE'],
        allow_headers_list=['x-token'],
        expose_headers_list=['x-total'],
        allow_credentials_origins_list=[ORIGIN],
        max_age=600,
    )
    app: Any = (
        falcon.asgi.App(middleware=[cors.middleware])
        if asgi
        else falcon.App(middleware=[cors.middleware])
    )
    app.add_route('/things', resource(asgi, on_get=_things, on_post=_things))

    open_resource = resource(asgi, 'Open', on_get=_things)
    open_resource.cors = CORS(logger=QUIET, allow_all_origins=True, allow_all_methods=True)
    app.add_route('/open', open_resource)

    closed_resource = resource(asgi, 'Closed', on_get=_things)
    closed_resource.cors_enabled = False
    app.add_route('/closed', closed_resource)
    return testing.TestClient(app)


def _cors_headers(result: testing.Result) -> dict[str, str]:
    return {
        name: value
        for name, value in result.headers.items()
        if name.lower().startswith('access-control-') or name.lower() == 'vary'
    }


def test_preflight_from_an_allowed_origin(asgi: bool) -> None:
    result = _client(asgi).simulate_options(
        '/things',
        headers={
            'Origin': ORIGIN,
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'X-Token',
        },
    )
    assert result.status == falcon.HTTP_200
    assert _cors_headers(result) == {
        'access-control-allow-origin': ORIGIN,
        # The allowed list meets the resource's own methods: DELETE has no responder.
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'X-Token',
        'access-control-allow-credentials': 'true',
        'access-control-max-age': '600',
    }
    assert result.headers['allow'] == 'GET, POST'
    assert result.content == b''


def test_preflight_for_a_method_the_resource_lacks_stops_before_credentials(asgi: bool) -> None:
    result = _client(asgi).simulate_options(
        '/things',
        headers={'Origin': ORIGIN, 'Access-Control-Request-Method': 'DELETE'},
    )
    assert result.status == falcon.HTTP_200
    # DELETE is in the allowed list but has no responder: the methods the resource does
    # have are listed, and neither credentials nor max-age follow.
    assert _cors_headers(result) == {
        'access-control-allow-origin': ORIGIN,
        'access-control-allow-methods': 'GET, POST',
    }


def test_preflight_with_a_header_not_allowed(asgi: bool) -> None:
    result = _client(asgi).simulate_options(
        '/things',
        headers={
            'Origin': ORIGIN,
            'Access-Control-Request-Method': 'GET',
            'Access-Control-Request-Headers': 'X-Token, X-Secret',
        },
    )
    assert _cors_headers(result) == {
        'access-control-allow-origin': ORIGIN,
        'access-control-allow-methods': 'GET, POST',
    }


def test_actual_request_from_an_allowed_origin(asgi: bool) -> None:
    result = _client(asgi).simulate_get('/things', headers={'Origin': ORIGIN})
    assert result.status == falcon.HTTP_200
    assert result.json == {'things': []}
    assert _cors_headers(result) == {
        'access-control-allow-origin': ORIGIN,
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'x-total',
    }


@pytest.mark.parametrize('origin', [None, 'https://elsewhere.example'], ids=['none', 'other'])
def test_other_or_no_origin_gets_no_cors_headers(asgi: bool, origin: str | None) -> None:
    headers = {'Origin': origin} if origin else {}
    result = _client(asgi).simulate_get('/things', headers=headers)
    assert result.status == falcon.HTTP_200
    assert result.json == {'things': []}
    assert _cors_headers(result) == {}


def test_a_resource_may_carry_its_own_policy(asgi: bool) -> None:
    client = _client(asgi)
    actual = client.simulate_get('/open', headers={'Origin': 'https://any.example'})
    assert _cors_headers(actual) == {'access-control-allow-origin': '*'}
    preflight = client.simulate_options(
        '/open',
        headers={'Origin': 'https://any.example', 'Access-Control-Request-Method': 'GET'},
    )
    assert _cors_headers(preflight) == {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET',
    }


def test_a_resource_may_opt_out(asgi: bool) -> None:
    result = _client(asgi).simulate_get('/closed', headers={'Origin': ORIGIN})
    assert result.status == falcon.HTTP_200
    assert _cors_headers(result) == {}
