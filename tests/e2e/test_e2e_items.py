"""The items API, plain and ``async def`` resources, under gunicorn (WSGI) and uvicorn (ASGI).

Every scenario runs against all four servers; each answer (status, the headers the app
chose, body) must equal the one from plain resources under gunicorn, the classic Falcon set-up.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.e2e_client import Answer, send
from tests.e2e.e2e_servers import Server

pytestmark = pytest.mark.slow

Step = tuple[str, str, dict[str, Any], int]

SCENARIOS: dict[str, list[Step]] = {
    'read': [
        ('GET', '/items', {}, 200),
        ('GET', '/items?tag=office&limit=1', {}, 200),
        ('GET', '/items?tag=garden', {}, 200),
        ('GET', '/items/1', {}, 200),
        ('GET', '/items/1', {'headers': {'If-None-Match': '"other"'}}, 200),
        ('GET', '/items/2/name', {}, 200),
        ('HEAD', '/items/1', {}, 405),
        ('OPTIONS', '/items', {}, 200),
        ('GET', '/items/99', {}, 404),
        ('GET', '/items/abc', {}, 404),
        ('GET', '/nowhere', {'headers': {'Accept': 'application/xml'}}, 404),
        ('PATCH', '/items', {}, 405),
        ('POST', '/items/1', {}, 405),
        ('GET', '/items?limit=0', {}, 400),
        ('GET', '/items?limit=many', {}, 400),
    ],
    'cookies': [
        ('GET', '/session', {}, 200),
        ('GET', '/session', {'headers': {'Cookie': 'visits=41'}}, 200),
        ('GET', '/session', {'headers': {'Cookie': 'theme=dark; visits=x'}}, 200),
    ],
    'headers': [
        ('GET', '/whoami', {}, 401),
        (
            'GET',
            '/whoami',
            {
                'headers': {
                    'Authorization': 'Bearer t0ken',
                    'X-Request-Id': 'abc-123',
                    'User-Agent': 'e2e-agent/1.0',
                    'Accept': 'text/html, application/json;q=0.5',
                    'Forwarded': 'for=192.0.2.1;host=api.example.com;proto=https',
                }
            },
            200,
        ),
    ],
    'create': [
        ('POST', '/items', {'json': {'name': 'lamp', 'tags': ['office']}}, 201),
        ('GET', '/items/3', {}, 200),
        ('PUT', '/items/3', {'json': {'name': 'desk lamp'}}, 200),
        ('POST', '/items', {'json': {'name': ''}}, 422),
        ('POST', '/items', {'json': ['not', 'an', 'object']}, 422),
        ('POST', '/items', {'content': b'name=x', 'headers': {'Content-Type': 'text/plain'}}, 415),
        ('PUT', '/items/99', {'json': {'name': 'x'}}, 404),
        ('GET', '/items?tag=office', {}, 200),
    ],
    'bodiless': [
        ('GET', '/items/1', {'headers': {'If-None-Match': '"1-3-1"'}}, 304),
        ('DELETE', '/session', {}, 204),
        ('DELETE', '/items/2', {}, 204),
        ('GET', '/items/2', {}, 404),
        ('DELETE', '/items/2', {}, 404),
        ('GET', '/items?tag=kitchen', {}, 200),
    ],
}

SERVER_IDS = ['sync-gunicorn', 'sync-uvicorn', 'async-gunicorn', 'async-uvicorn']

_transcripts: dict[tuple[str, str], list[Answer]] = {}


def transcript(server: Server, scenario: str) -> list[Answer]:
    """The answers of ``server`` to ``scenario``, each scenario sent once per server."""
    key = (server.name, scenario)
    if key not in _transcripts:
        _transcripts[key] = [
            send(server.url, method, path, **kwargs)
            for method, path, kwargs, _status in SCENARIOS[scenario]
        ]
    return _transcripts[key]


def _cases() -> list[Any]:
    cases = []
    for scenario in SCENARIOS:
        for index, server_id in enumerate(SERVER_IDS):
            cases.append(pytest.param(scenario, index, id=f'{scenario}-{server_id}'))
    return cases


@pytest.mark.parametrize(('scenario', 'server_index'), _cases())
def test_answers_like_plain_resources_under_gunicorn(
    items_servers: list[Server], scenario: str, server_index: int
) -> None:
    reference = transcript(items_servers[0], scenario)
    answers = transcript(items_servers[server_index], scenario)
    expected_statuses = [status for _method, _path, _kwargs, status in SCENARIOS[scenario]]
    assert [answer.status for answer in answers] == expected_statuses
    for step, (answer, expected) in enumerate(zip(answers, reference, strict=True)):
        method, path = SCENARIOS[scenario][step][:2]
        assert answer == expected, f'{method} {path}'


def _reference(items_servers: list[Server], scenario: str, step: int) -> Answer:
    return transcript(items_servers[0], scenario)[step]


def test_list_filters_limits_and_counts(items_servers: list[Server]) -> None:
    everything = _reference(items_servers, 'read', 0)
    assert everything.header('content-type') == 'application/json'
    assert everything.header('vary') == 'Accept'
    assert everything.header('x-total-count') == '2'
    assert everything.header('content-length') == str(len(everything.body))
    limited = _reference(items_servers, 'read', 1)
    assert limited.header('x-total-count') == '2'
    assert limited.body == b'{"items": [{"id": 1, "name": "pen", "tags": ["office"]}]}'
    assert _reference(items_servers, 'read', 2).body == b'{"items": []}'


def test_conditional_get_text_and_no_implicit_head(items_servers: list[Server]) -> None:
    item = _reference(items_servers, 'read', 3)
    assert item.header('etag') == '"1-3-1"'
    assert _reference(items_servers, 'read', 4).body == item.body
    name = _reference(items_servers, 'read', 5)
    assert name.body == b'mug'
    assert (name.header('content-type') or '').startswith('text/plain')
    head = _reference(items_servers, 'read', 6)
    assert head.body == b''
    assert 'HEAD' not in (head.header('allow') or 'HEAD')


def test_options_and_method_not_allowed(items_servers: list[Server]) -> None:
    options = _reference(items_servers, 'read', 7)
    assert {m.strip() for m in (options.header('allow') or '').split(',')} >= {'GET', 'POST'}
    for step in (11, 12):
        not_allowed = _reference(items_servers, 'read', step)
        assert 'GET' in (not_allowed.header('allow') or '')
        assert 'PATCH' not in (not_allowed.header('allow') or '')


def test_errors_have_json_bodies(items_servers: list[Server]) -> None:
    missing = _reference(items_servers, 'read', 8)
    assert missing.body == b'{"title": "404 Not Found", "description": "No item 99."}'
    bad_limit = _reference(items_servers, 'read', 13)
    assert bad_limit.header('content-type') == 'application/json'
    assert b'limit' in bad_limit.body


def test_cookies_round_trip(items_servers: list[Server]) -> None:
    first, returning, garbled = transcript(items_servers[0], 'cookies')
    assert (first.header('set-cookie') or '').startswith('visits=1;')
    assert first.body == b'{"visits": 1}'
    assert returning.body == b'{"visits": 42}'
    cookie = (returning.header('set-cookie') or '').lower()
    assert 'max-age=3600' in cookie
    assert 'path=/' in cookie
    assert 'httponly' in cookie
    assert garbled.body == b'{"visits": 1}'


def test_request_headers_reach_the_resource(items_servers: list[Server]) -> None:
    unauthorized, authorized = transcript(items_servers[0], 'headers')
    assert unauthorized.header('www-authenticate') == 'Bearer realm="items"'
    assert b'Authentication required' in unauthorized.body
    assert authorized.header('x-request-id') == 'abc-123'
    assert authorized.body == (
        b'{"token": "Bearer t0ken", "user_agent": "e2e-agent/1.0", "accepts_json": true, '
        b'"forwarded_host": "api.example.com"}'
    )


def test_create_replace_and_validate(items_servers: list[Server]) -> None:
    created, fetched, replaced, empty_name, not_object, wrong_type, missing, office = transcript(
        items_servers[0], 'create'
    )
    assert created.header('location') == '/items/3'
    assert created.body == b'{"id": 3, "name": "lamp", "tags": ["office"]}'
    assert fetched.body == created.body
    assert replaced.body == b'{"id": 3, "name": "desk lamp", "tags": []}'
    assert b'"title": "Invalid item"' in empty_name.body
    assert b'JSON object' in not_object.body
    assert wrong_type.header('content-type') == 'application/json'
    assert missing.status == 404
    assert office.header('x-total-count') == '2'


def test_not_modified_and_no_content(items_servers: list[Server]) -> None:
    not_modified, cleared, deleted, gone, again, kitchen = transcript(items_servers[0], 'bodiless')
    assert not_modified.status == 304
    assert not_modified.body == b''
    assert not_modified.header('etag') == '"1-3-1"'
    assert cleared.status == 204
    assert (cleared.header('set-cookie') or '').startswith('visits=')
    assert 'max-age=0' in (cleared.header('set-cookie') or '').lower()
    assert deleted.status == 204
    assert deleted.body == b''
    assert gone.body == again.body == b'{"title": "404 Not Found", "description": "No item 2."}'
    assert kitchen.body == b'{"items": []}'
