"""Bad input over the wire, where the server hands it to the app: always 4xx, never 500.

Requests go out as raw bytes so nothing is normalised on the way; every case runs against
the items API under all four servers (plain and async resources, gunicorn and uvicorn), and
checks the exact status and the start of the body: an error's title and description up to
the parser's own message, or the answer a lenient reading gives.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.e2e.e2e_client import raw_request
from tests.e2e.e2e_servers import Server

pytestmark = pytest.mark.slow

SERVER_IDS = ['sync-gunicorn', 'sync-uvicorn', 'async-gunicorn', 'async-uvicorn']
JSON = b'Content-Type: application/json\r\n'

BAD_JSON = ('Invalid JSON', 'Could not parse JSON body - ')
NOT_FOUND = ('404 Not Found', None)

# (case id, request head, body, expected status, (title, description start))
BODY_CASES = [
    ('malformed-json', b'POST /items HTTP/1.1\r\n' + JSON, b'{"name": ', 400, BAD_JSON),
    ('trailing-garbage', b'POST /items HTTP/1.1\r\n' + JSON, b'{"name": "x"} tail', 400, BAD_JSON),
    (
        'deep-json',
        b'POST /items HTTP/1.1\r\n' + JSON,
        b'[' * 100_000 + b']' * 100_000,
        400,
        BAD_JSON,
    ),
    ('invalid-utf8', b'POST /items HTTP/1.1\r\n' + JSON, b'{"name": "\xff\xfe"}', 400, BAD_JSON),
    (
        'huge-integer',
        b'POST /items HTTP/1.1\r\n' + JSON,
        b'{"tags": [' + b'9' * 5000 + b']}',
        400,
        BAD_JSON,
    ),
    (
        'empty-json',
        b'POST /items HTTP/1.1\r\n' + JSON,
        b'',
        400,
        ('Invalid JSON', 'Could not parse an empty JSON body'),
    ),
    (
        'nan-name',
        b'POST /items HTTP/1.1\r\n' + JSON,
        b'{"name": NaN}',
        422,
        ('Invalid item', '"name" must be a string of 1 to 100 characters.'),
    ),
    (
        'garbage-form',
        b'POST /items HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n',
        b'name=&tags=%FF%ZZ&&=&%',
        400,
        ('Invalid URL-encoded', 'Could not parse URL-encoded body - '),
    ),
    (
        'unknown-type',
        b'POST /items HTTP/1.1\r\nContent-Type: application/x-nothing\r\n',
        b'\x00\x01',
        415,
        ('415 Unsupported Media Type', 'application/x-nothing is an unsupported media type.'),
    ),
    (
        'bad-content-type',
        b'POST /items HTTP/1.1\r\nContent-Type: ;;;/\r\n',
        b'{}',
        415,
        ('415 Unsupported Media Type', ';;;/ is an unsupported media type.'),
    ),
]

WHOAMI = {'token': 't', 'user_agent': None, 'forwarded_host': '127.0.0.1'}

# Requests without a body whose query string or headers are malformed:
# (case id, request head, expected status, expected body). The body is an error's
# (title, description start), the exact JSON of a lenient answer, exact bytes, or None where
# it depends on what other tests stored.
HEAD_CASES = [
    (
        'limit-not-a-number',
        b'GET /items?limit=abc HTTP/1.1\r\n',
        400,
        ('Invalid parameter', 'The "limit" parameter is invalid. The value must be an integer.'),
    ),
    (
        'limit-bad-escape',
        b'GET /items?limit=%ZZ HTTP/1.1\r\n',
        400,
        ('Invalid parameter', 'The "limit" parameter is invalid. The value must be an integer.'),
    ),
    (
        'limit-too-big',
        b'GET /items?limit=' + b'9' * 3000 + b' HTTP/1.1\r\n',
        400,
        ('Invalid parameter', 'The "limit" parameter is invalid. The value may not exceed 100'),
    ),
    # %FF%FE%C0 decodes to three U+FFFD, a tag no item has.
    ('tag-invalid-utf8', b'GET /items?tag=%FF%FE%C0 HTTP/1.1\r\n', 200, {'items': []}),
    ('many-fields', b'GET /items?' + b'a=1&' * 900 + b' HTTP/1.1\r\n', 200, None),
    ('bare-separators', b'GET /items?&&&=&==&%&%2&tag HTTP/1.1\r\n', 200, None),
    # The undecodable segment is still routed, to a route whose id converter refuses it.
    ('path-invalid-utf8', b'GET /items/%FF HTTP/1.1\r\n', 404, NOT_FOUND),
    ('path-bad-escape', b'GET /items/%Z1 HTTP/1.1\r\n', 404, NOT_FOUND),
    # A visits cookie that is not a number counts as a first visit.
    (
        'cookie-escapes',
        b'GET /session HTTP/1.1\r\nCookie: visits="' + b'\\0' * 2000 + b'"; ;;=; x\r\n',
        200,
        {'visits': 1},
    ),
    (
        'cookie-invalid-utf8',
        b'GET /session HTTP/1.1\r\nCookie: visits=\xff\xfe; a=\xc0\r\n',
        200,
        {'visits': 1},
    ),
    # Media ranges whose q is not a number accept nothing, so JSON is not accepted.
    (
        'accept-garbage',
        b'GET /whoami HTTP/1.1\r\nAuthorization: t\r\nAccept: */*;q=abc, ;;, text/, /x\r\n',
        200,
        {**WHOAMI, 'accepts_json': False},
    ),
    # Nothing usable in the Forwarded element: the forwarded host is the Host header's.
    (
        'forwarded-garbage',
        b'GET /whoami HTTP/1.1\r\nAuthorization: t\r\nForwarded: for=;;host="unterminated\r\n',
        200,
        {**WHOAMI, 'accepts_json': True},
    ),
    (
        'if-none-match-garbage',
        b'GET /items/1 HTTP/1.1\r\nIf-None-Match: W/"x, "y, ,,,\r\n',
        200,
        None,
    ),
    # Neither JSON nor XML is acceptable, so the error has no body (Falcon's FAQ).
    (
        'error-accept-garbage',
        b'GET /missing HTTP/1.1\r\nAccept: application/xml;q=x, */*;q=\r\n',
        404,
        b'',
    ),
]


def _check_body(response: bytes, expected: Any) -> None:
    body = response.split(b'\r\n\r\n', 1)[1]
    if expected is None:
        return
    if isinstance(expected, bytes):
        assert body == expected
    elif isinstance(expected, tuple):
        title, description_start = expected
        error = json.loads(body)
        assert error['title'] == title, error
        if description_start is None:
            assert 'description' not in error, error
        else:
            assert error['description'].startswith(description_start), error
    else:
        assert json.loads(body) == expected


def _body_cases() -> list[Any]:
    cases = []
    for case, head, body, status, error in BODY_CASES:
        for index, server_id in enumerate(SERVER_IDS):
            cases.append(pytest.param(head, body, status, error, index, id=f'{case}-{server_id}'))
    return cases


@pytest.mark.parametrize(('head', 'body', 'status', 'error', 'server_index'), _body_cases())
def test_bad_bodies_are_client_errors(
    items_servers: list[Server],
    head: bytes,
    body: bytes,
    status: int,
    error: tuple[str, str],
    server_index: int,
) -> None:
    code, response = raw_request(items_servers[server_index].port, head, body)
    assert code == status, response[:500]
    assert b'\r\ncontent-type: application/json' in response.lower()
    _check_body(response, error)


@pytest.mark.parametrize('server_index', range(4), ids=SERVER_IDS)
@pytest.mark.parametrize(
    ('head', 'status', 'expected'),
    [pytest.param(head, status, expected, id=case) for case, head, status, expected in HEAD_CASES],
)
def test_bad_query_strings_and_headers_never_fail_the_server(
    items_servers: list[Server], server_index: int, head: bytes, status: int, expected: Any
) -> None:
    code, response = raw_request(items_servers[server_index].port, head)
    assert code == status, response[:500]
    _check_body(response, expected)
