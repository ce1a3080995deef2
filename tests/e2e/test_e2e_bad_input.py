"""Bad input over the wire, where the server hands it to the app: always 4xx, never 500.

Requests go out as raw bytes so nothing is normalised on the way; every case runs against
the items API under all four servers (plain and async resources, gunicorn and uvicorn).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.e2e_client import raw_request
from tests.e2e.e2e_servers import Server

pytestmark = pytest.mark.slow

SERVER_IDS = ['sync-gunicorn', 'sync-uvicorn', 'async-gunicorn', 'async-uvicorn']
JSON = b'Content-Type: application/json\r\n'

# (case id, request head, body, expected status)
BODY_CASES = [
    ('malformed-json', b'POST /items HTTP/1.1\r\n' + JSON, b'{"name": ', 400),
    ('trailing-garbage', b'POST /items HTTP/1.1\r\n' + JSON, b'{"name": "x"} tail', 400),
    ('deep-json', b'POST /items HTTP/1.1\r\n' + JSON, b'[' * 100_000 + b']' * 100_000, 400),
    ('invalid-utf8', b'POST /items HTTP/1.1\r\n' + JSON, b'{"name": "\xff\xfe"}', 400),
    ('huge-integer', b'POST /items HTTP/1.1\r\n' + JSON, b'{"tags": [' + b'9' * 5000 + b']}', 400),
    ('empty-json', b'POST /items HTTP/1.1\r\n' + JSON, b'', 400),
    ('nan-name', b'POST /items HTTP/1.1\r\n' + JSON, b'{"name": NaN}', 422),
    (
        'garbage-form',
        b'POST /items HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n',
        b'name=&tags=%FF%ZZ&&=&%',
        400,
    ),
    (
        'unknown-type',
        b'POST /items HTTP/1.1\r\nContent-Type: application/x-nothing\r\n',
        b'\x00\x01',
        415,
    ),
    (
        'bad-content-type',
        b'POST /items HTTP/1.1\r\nContent-Type: ;;;/\r\n',
        b'{}',
        415,
    ),
]

# Requests without a body whose query string or headers are malformed.
HEAD_CASES = [
    ('limit-not-a-number', b'GET /items?limit=abc HTTP/1.1\r\n', 400),
    ('limit-bad-escape', b'GET /items?limit=%ZZ HTTP/1.1\r\n', 400),
    ('limit-too-big', b'GET /items?limit=' + b'9' * 3000 + b' HTTP/1.1\r\n', 400),
    ('tag-invalid-utf8', b'GET /items?tag=%FF%FE%C0 HTTP/1.1\r\n', 200),
    ('many-fields', b'GET /items?' + b'a=1&' * 900 + b' HTTP/1.1\r\n', 200),
    ('bare-separators', b'GET /items?&&&=&==&%&%2&tag HTTP/1.1\r\n', 200),
    ('path-invalid-utf8', b'GET /items/%FF HTTP/1.1\r\n', 404),
    ('path-bad-escape', b'GET /items/%Z1 HTTP/1.1\r\n', 404),
    (
        'cookie-escapes',
        b'GET /session HTTP/1.1\r\nCookie: visits="' + b'\\0' * 2000 + b'"; ;;=; x\r\n',
        200,
    ),
    (
        'cookie-invalid-utf8',
        b'GET /session HTTP/1.1\r\nCookie: visits=\xff\xfe; a=\xc0\r\n',
        200,
    ),
    (
        'accept-garbage',
        b'GET /whoami HTTP/1.1\r\nAuthorization: t\r\nAccept: */*;q=abc, ;;, text/, /x\r\n',
        200,
    ),
    (
        'forwarded-garbage',
        b'GET /whoami HTTP/1.1\r\nAuthorization: t\r\nForwarded: for=;;host="unterminated\r\n',
        200,
    ),
    (
        'if-none-match-garbage',
        b'GET /items/1 HTTP/1.1\r\nIf-None-Match: W/"x, "y, ,,,\r\n',
        200,
    ),
    (
        'error-accept-garbage',
        b'GET /missing HTTP/1.1\r\nAccept: application/xml;q=x, */*;q=\r\n',
        404,
    ),
]


def _body_cases() -> list[Any]:
    cases = []
    for case, head, body, status in BODY_CASES:
        for index, server_id in enumerate(SERVER_IDS):
            cases.append(pytest.param(head, body, status, index, id=f'{case}-{server_id}'))
    return cases


@pytest.mark.parametrize(('head', 'body', 'status', 'server_index'), _body_cases())
def test_bad_bodies_are_client_errors(
    items_servers: list[Server], head: bytes, body: bytes, status: int, server_index: int
) -> None:
    code, response = raw_request(items_servers[server_index].port, head, body)
    assert code == status, response[:500]
    assert b'\r\ncontent-type: application/json' in response.lower()


@pytest.mark.parametrize('server_index', range(4), ids=SERVER_IDS)
@pytest.mark.parametrize(
    ('head', 'status'),
    [pytest.param(head, status, id=case) for case, head, status in HEAD_CASES],
)
def test_bad_query_strings_and_headers_never_fail_the_server(
    items_servers: list[Server], server_index: int, head: bytes, status: int
) -> None:
    code, response = raw_request(items_servers[server_index].port, head)
    assert code == status, response[:500]
