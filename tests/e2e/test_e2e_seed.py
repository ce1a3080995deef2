"""The seed's async user resource and its logging and auth middleware, verbatim, under uvicorn."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.e2e_servers import Server, serving

pytestmark = pytest.mark.slow


@pytest.fixture(scope='module')
def seed_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Server]]:
    specs = [('uvicorn', 'seed_users:app'), ('uvicorn', 'seed_middleware:app')]
    with serving(specs, tmp_path_factory.mktemp('seed-servers')) as (users, middleware):
        yield {'users': users, 'middleware': middleware}


@pytest.fixture
def users(seed_servers: dict[str, Server]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=seed_servers['users'].url, timeout=10.0) as client:
        yield client


@pytest.fixture
def guarded(seed_servers: dict[str, Server]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=seed_servers['middleware'].url, timeout=10.0) as client:
        yield client


def test_lists_users(users: httpx.Client) -> None:
    response = users.get('/users')
    assert response.status_code == 200
    assert response.headers['content-type'] == 'application/json'
    names = [user['name'] for user in response.json()['users']]
    assert names[:2] == ['Ada Lovelace', 'Alan Turing']


def test_gets_one_user(users: httpx.Client) -> None:
    response = users.get('/users/2')
    assert response.status_code == 200
    assert response.json() == {'id': '2', 'name': 'Alan Turing', 'email': 'alan@example.com'}


def test_unknown_user_is_404(users: httpx.Client) -> None:
    response = users.get('/users/404')
    assert response.status_code == 404
    assert response.json() == {'title': '404 Not Found', 'description': 'No user 404.'}


def test_creates_user(users: httpx.Client) -> None:
    response = users.post('/users', json={'name': 'Grace Hopper', 'email': 'grace@example.com'})
    assert response.status_code == 201
    created = response.json()
    assert created['name'] == 'Grace Hopper'
    fetched = users.get(f'/users/{created["id"]}')
    assert fetched.json() == created
    assert created in users.get('/users').json()['users']


@pytest.mark.parametrize(
    ('body', 'headers', 'status'),
    [
        (b'{"name": ', {'Content-Type': 'application/json'}, 400),
        (b'[1, 2]', {'Content-Type': 'application/json'}, 422),
        (b'', {'Content-Type': 'application/json'}, 400),
        (b'name=x', {'Content-Type': 'application/x-unknown'}, 415),
    ],
    ids=['malformed', 'not-an-object', 'empty', 'unknown-type'],
)
def test_bad_user_bodies_are_client_errors(
    users: httpx.Client, body: bytes, headers: dict[str, str], status: int
) -> None:
    response = users.post('/users', content=body, headers=headers)
    assert response.status_code == status
    assert response.headers['content-type'] == 'application/json'
    assert 'title' in response.json()


def test_middleware_lets_a_valid_token_through(guarded: httpx.Client) -> None:
    response = guarded.get('/profile', headers={'Authorization': 'Bearer ada-token'})
    assert response.status_code == 200
    assert response.json() == {'user': {'name': 'Ada Lovelace', 'roles': ['admin']}}


@pytest.mark.parametrize(
    ('headers', 'title'),
    [
        ({}, 'Authentication required'),
        ({'Authorization': ''}, 'Authentication required'),
        ({'Authorization': 'Bearer stolen'}, 'Invalid token'),
    ],
    ids=['missing', 'empty', 'invalid'],
)
def test_middleware_rejects_missing_or_invalid_tokens(
    guarded: httpx.Client, headers: dict[str, str], title: str
) -> None:
    response = guarded.get('/profile', headers=headers)
    assert response.status_code == 401
    assert response.headers['content-type'] == 'application/json'
    assert response.json() == {'title': title}


def test_middleware_guards_unrouted_paths_too(guarded: httpx.Client) -> None:
    assert guarded.get('/nowhere').status_code == 401
    authorized = guarded.get('/nowhere', headers={'Authorization': 'Bearer alan-token'})
    assert authorized.status_code == 404


def test_logging_middleware_prints_each_request(
    seed_servers: dict[str, Server], guarded: httpx.Client
) -> None:
    server = seed_servers['middleware']
    guarded.get('/profile', params={'marker': 'x'}, headers={'Authorization': 'Bearer ada-token'})
    guarded.delete('/logged-out')
    expected = ['Request: GET /profile', 'Request: DELETE /logged-out']
    deadline = time.monotonic() + 5
    while not all(line in server.stdout() for line in expected) and time.monotonic() < deadline:
        time.sleep(0.05)
    lines = server.stdout().splitlines()
    start = lines.index('Request: GET /profile')
    assert lines[start + 1].startswith('Response: 200 OK (')
    assert lines[start + 1].endswith('s)')
    rejected = lines.index('Request: DELETE /logged-out')
    assert lines[rejected + 1].startswith('Response: 401 Unauthorized (')
