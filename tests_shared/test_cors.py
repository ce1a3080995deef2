"""CORS: cors_enable=True and CORSMiddleware, simple and preflight requests."""

from __future__ import annotations

from typing import Any

import falcon
from tests._harness import Case, cases, run
from tests_shared._support import resource


def simple(app: Any) -> None:
    app.add_route('/', resource(lambda req, resp: setattr(resp, 'text', 'ok'), ('get', 'post')))


def with_middleware(**options: Any) -> Any:
    def build(app: Any) -> None:
        app.add_middleware(falcon.CORSMiddleware(**options))
        simple(app)

    return build


ENABLED = {'cors_enable': True}
ORIGIN = {'headers': {'Origin': 'https://a.example'}}
PREFLIGHT = {
    'headers': {
        'Origin': 'https://a.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'X-Custom, Content-Type',
    }
}

CASES = [
    Case(
        'disabled-no-header', simple, request=ORIGIN, headers={'access-control-allow-origin': None}
    ),
    Case(
        'enabled-any-origin',
        simple,
        app_kwargs=ENABLED,
        request=ORIGIN,
        headers={'access-control-allow-origin': '*'},
    ),
    Case(
        'enabled-no-origin-header',
        simple,
        app_kwargs=ENABLED,
        headers={'access-control-allow-origin': None},
    ),
    Case(
        'preflight',
        simple,
        method='OPTIONS',
        app_kwargs=ENABLED,
        request=PREFLIGHT,
        headers={
            'access-control-allow-origin': '*',
            'access-control-allow-methods': 'GET, POST',
            'access-control-allow-headers': 'X-Custom, Content-Type',
            'access-control-max-age': '86400',
        },
    ),
    Case(
        'middleware-listed-origin',
        with_middleware(allow_origins=['https://a.example']),
        request=ORIGIN,
        headers={'access-control-allow-origin': 'https://a.example'},
    ),
    Case(
        'middleware-unlisted-origin',
        with_middleware(allow_origins='https://b.example'),
        request=ORIGIN,
        headers={'access-control-allow-origin': None},
    ),
    Case(
        'middleware-credentials',
        with_middleware(allow_origins='*', allow_credentials='*'),
        request=ORIGIN,
        headers={
            'access-control-allow-origin': 'https://a.example',
            'access-control-allow-credentials': 'true',
        },
    ),
    Case(
        'middleware-expose',
        with_middleware(expose_headers=['X-Total']),
        request=ORIGIN,
        headers={'access-control-expose-headers': 'X-Total'},
    ),
    Case(
        'middleware-preflight',
        with_middleware(),
        method='OPTIONS',
        request=PREFLIGHT,
        headers={'access-control-allow-methods': 'GET, POST'},
    ),
    Case(
        'middleware-private-network',
        with_middleware(allow_private_network=True),
        method='OPTIONS',
        request={
            'headers': {**PREFLIGHT['headers'], 'Access-Control-Request-Private-Network': 'true'}
        },
        headers={'access-control-allow-private-network': 'true'},
    ),
]


@cases(CASES)
def test_cors(case: Case) -> None:
    run(case)
