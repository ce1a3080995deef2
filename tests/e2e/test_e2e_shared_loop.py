"""Async responders sharing loop-bound asyncio objects under gunicorn: threaded and preloaded.

The app (``tests/e2e/shared_loop_app.py``) keeps a module-level ``asyncio.Lock``, an
``asyncio.Semaphore`` and an object created by the first request that holds futures of the
loop; it runs a coroutine at import through ``async_to_sync``. Sixteen client threads send
400 requests to each server: every answer must be 200 with the right body, within 5 s, and the
server must log no traceback.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.e2e.e2e_servers import Server, serving

pytestmark = pytest.mark.slow

TARGET = 'tests.e2e.shared_loop_app:app'
KINDS = ['gunicorn-gthread', 'gunicorn-preload']
REQUESTS = 400
CLIENT_THREADS = 16
LIMIT = 5.0


@pytest.fixture(scope='module')
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Server]]:
    specs = [(kind, TARGET) for kind in KINDS]
    with serving(specs, tmp_path_factory.mktemp('shared-loop')) as started:
        yield dict(zip(KINDS, started, strict=True))


def _hammer(url: str) -> list[tuple[int, int, object, float]]:
    with httpx.Client(base_url=url, timeout=LIMIT + 5) as client:

        def one(number: int) -> tuple[int, int, object, float]:
            began = time.monotonic()
            response = client.get(f'/work/{number}')
            return number, response.status_code, response.json(), time.monotonic() - began

        with ThreadPoolExecutor(CLIENT_THREADS) as pool:
            return list(pool.map(one, range(REQUESTS)))


@pytest.mark.parametrize('kind', KINDS)
def test_loop_bound_objects_serve_every_request(servers: dict[str, Server], kind: str) -> None:
    server = servers[kind]
    answers = _hammer(server.url)
    assert [status for _, status, _, _ in answers] == [200] * REQUESTS
    assert [body for _, _, body, _ in answers] == [
        {'number': n, 'doubled': 2 * n, 'warm': True} for n in range(REQUESTS)
    ]
    slowest = max(elapsed for _, _, _, elapsed in answers)
    assert slowest < LIMIT, f'slowest request took {slowest:.2f} s'
    counts = [httpx.get(f'{server.url}/count', timeout=LIMIT).json() for _ in range(4)]
    if kind == 'gunicorn-gthread':
        # One process: the lock-protected counter saw every request exactly once.
        assert {count['count'] for count in counts} == {REQUESTS}
    else:
        assert all(0 <= count['count'] <= REQUESTS for count in counts)
    stderr = server.stderr()
    for trouble in ('Traceback', 'different event loop', 'Task was destroyed', 'Error'):
        assert trouble not in stderr, stderr
