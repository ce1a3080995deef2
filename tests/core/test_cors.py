"""CORSMiddleware, against small request/response fakes."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from falcon.core._cors import CORSMiddleware, UniversalMiddlewareWithProcessResponse


class FakeRequest:
    def __init__(self, method: str = 'GET', headers: dict[str, str] | None = None) -> None:
        self.method = method
        self._headers = {name.lower(): value for name, value in (headers or {}).items()}

    def get_header(self, name: str) -> str | None:
        return self._headers.get(name.lower())


class FakeResponse:
    def __init__(self, headers: dict[str, str] | None = None) -> None:
        self.headers: dict[str, str] = {}
        for name, value in (headers or {}).items():
            self.set_header(name, value)

    def get_header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def set_header(self, name: str, value: str) -> None:
        self.headers[name.lower()] = value

    def append_header(self, name: str, value: str) -> None:
        key = name.lower()
        self.headers[key] = f'{self.headers[key]}, {value}' if key in self.headers else value

    def delete_header(self, name: str) -> None:
        self.headers.pop(name.lower(), None)


def run(
    middleware: CORSMiddleware,
    req: FakeRequest,
    resp: FakeResponse | None = None,
    req_succeeded: bool = True,
) -> dict[str, str]:
    resp = resp or FakeResponse()
    middleware.process_response(req, resp, None, req_succeeded)
    return resp.headers


ORIGIN = 'https://app.example'
OTHER_ORIGIN = 'https://evil.example'


def test_is_universal_middleware() -> None:
    assert UniversalMiddlewareWithProcessResponse in CORSMiddleware.__mro__


def test_no_origin_no_headers() -> None:
    assert run(CORSMiddleware(), FakeRequest()) == {}


@pytest.mark.parametrize(
    ('kwargs', 'origin', 'expected'),
    [
        ({}, ORIGIN, {'access-control-allow-origin': '*'}),
        (
            {'allow_origins': ORIGIN},
            ORIGIN,
            {'access-control-allow-origin': ORIGIN, 'vary': 'Origin'},
        ),
        (
            {'allow_origins': [ORIGIN, 'https://b.example']},
            ORIGIN,
            {'access-control-allow-origin': ORIGIN, 'vary': 'Origin'},
        ),
        ({'allow_origins': [ORIGIN]}, OTHER_ORIGIN, {}),
        ({'allow_origins': []}, ORIGIN, {}),
        (
            {'allow_credentials': '*'},
            ORIGIN,
            {
                'access-control-allow-origin': ORIGIN,
                'access-control-allow-credentials': 'true',
                'vary': 'Origin',
            },
        ),
        (
            {'allow_credentials': [ORIGIN]},
            ORIGIN,
            {
                'access-control-allow-origin': ORIGIN,
                'access-control-allow-credentials': 'true',
                'vary': 'Origin',
            },
        ),
        ({'allow_credentials': [ORIGIN]}, OTHER_ORIGIN, {'access-control-allow-origin': '*'}),
        (
            {'allow_origins': [ORIGIN], 'allow_credentials': ORIGIN},
            ORIGIN,
            {
                'access-control-allow-origin': ORIGIN,
                'access-control-allow-credentials': 'true',
                'vary': 'Origin',
            },
        ),
        (
            {'expose_headers': ['X-Total', 'X-Page']},
            ORIGIN,
            {
                'access-control-allow-origin': '*',
                'access-control-expose-headers': 'X-Total, X-Page',
            },
        ),
        (
            {'expose_headers': 'X-Total'},
            ORIGIN,
            {'access-control-allow-origin': '*', 'access-control-expose-headers': 'X-Total'},
        ),
        ({'expose_headers': 'X-Total', 'allow_origins': [ORIGIN]}, OTHER_ORIGIN, {}),
    ],
)
def test_simple_requests(kwargs: dict[str, Any], origin: str, expected: dict[str, str]) -> None:
    assert run(CORSMiddleware(**kwargs), FakeRequest(headers={'Origin': origin})) == expected


def test_existing_allow_origin_is_kept() -> None:
    resp = FakeResponse({'Access-Control-Allow-Origin': 'https://set.by.app'})
    headers = run(
        CORSMiddleware(allow_credentials='*'), FakeRequest(headers={'Origin': ORIGIN}), resp
    )
    assert headers == {'access-control-allow-origin': 'https://set.by.app'}


def test_vary_is_appended() -> None:
    resp = FakeResponse({'Vary': 'Accept'})
    headers = run(
        CORSMiddleware(allow_origins=ORIGIN), FakeRequest(headers={'Origin': ORIGIN}), resp
    )
    assert headers['vary'] == 'Accept, Origin'


PREFLIGHT_HEADERS = {'Origin': ORIGIN, 'Access-Control-Request-Method': 'PUT'}


@pytest.mark.parametrize(
    ('request_headers', 'expected_allow_headers'),
    [
        (PREFLIGHT_HEADERS, '*'),
        (
            {**PREFLIGHT_HEADERS, 'Access-Control-Request-Headers': 'X-Token, Content-Type'},
            'X-Token, Content-Type',
        ),
    ],
)
def test_preflight(request_headers: dict[str, str], expected_allow_headers: str) -> None:
    resp = FakeResponse({'Allow': 'GET, PUT, OPTIONS'})
    headers = run(CORSMiddleware(), FakeRequest('OPTIONS', request_headers), resp)
    assert headers == {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, PUT, OPTIONS',
        'access-control-allow-headers': expected_allow_headers,
        'access-control-max-age': '86400',
    }


def test_preflight_without_allow_removes_cors_headers() -> None:
    resp = FakeResponse()
    headers = run(
        CORSMiddleware(allow_credentials='*', expose_headers='X-A'),
        FakeRequest('OPTIONS', PREFLIGHT_HEADERS),
        resp,
    )
    assert headers == {'vary': 'Origin'}


@pytest.mark.parametrize(
    ('method', 'request_headers', 'req_succeeded'),
    [
        ('OPTIONS', {'Origin': ORIGIN}, True),
        ('GET', PREFLIGHT_HEADERS, True),
        ('OPTIONS', PREFLIGHT_HEADERS, False),
    ],
)
def test_not_a_preflight(
    method: str, request_headers: dict[str, str], req_succeeded: bool
) -> None:
    resp = FakeResponse({'Allow': 'GET'})
    headers = run(CORSMiddleware(), FakeRequest(method, request_headers), resp, req_succeeded)
    assert headers == {'allow': 'GET', 'access-control-allow-origin': '*'}


@pytest.mark.parametrize(
    ('allow_private_network', 'request_value', 'expected'),
    [
        (True, 'true', 'true'),
        (True, None, None),
        (True, 'false', None),
        (False, 'true', None),
    ],
)
def test_private_network(
    allow_private_network: bool, request_value: str | None, expected: str | None
) -> None:
    request_headers = dict(PREFLIGHT_HEADERS)
    if request_value is not None:
        request_headers['Access-Control-Request-Private-Network'] = request_value
    resp = FakeResponse({'Allow': 'GET'})
    middleware = CORSMiddleware(allow_private_network=allow_private_network)
    headers = run(middleware, FakeRequest('OPTIONS', request_headers), resp)
    assert headers.get('access-control-allow-private-network') == expected


@pytest.mark.parametrize(
    'kwargs',
    [
        {'allow_origins': ['*']},
        {'allow_origins': [ORIGIN, '*']},
        {'allow_credentials': ['*']},
        {'allow_credentials': (ORIGIN, '*')},
    ],
)
def test_wildcard_inside_iterable_is_rejected(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match='wildcard'):
        CORSMiddleware(**kwargs)


def test_configuration_is_normalised() -> None:
    middleware = CORSMiddleware(
        allow_origins=(origin for origin in [ORIGIN]), allow_credentials=ORIGIN
    )
    assert middleware.allow_origins == frozenset({ORIGIN})
    assert middleware.allow_credentials == frozenset({ORIGIN})
    assert CORSMiddleware().allow_credentials == frozenset()
    assert CORSMiddleware().expose_headers is None


def test_process_response_async() -> None:
    resp = FakeResponse({'Allow': 'GET'})
    req = FakeRequest('OPTIONS', PREFLIGHT_HEADERS)
    asyncio.run(CORSMiddleware().process_response_async(req, resp, None, True))
    assert resp.headers['access-control-allow-methods'] == 'GET'
    assert resp.headers['access-control-allow-origin'] == '*'
