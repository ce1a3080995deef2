"""falcon-caching (``Cache`` for ``falcon.App``, ``AsyncCache`` for ``falcon.asgi.App``).

Its middleware looks the request up in ``process_resource`` and, on a hit, sets
``resp.text``, ``resp.content_type`` and ``resp.status`` and then ``resp.complete = True``,
which must skip the responder while ``process_response`` still runs. On a miss, the
decorated responder marks ``req.context.cache``, and ``process_response`` stores
``[resp.content_type, resp.text]`` under ``req.path`` and ``req.method``. It finds the
responder among the resource's ``on_*`` names built from ``falcon.COMBINED_METHODS`` and
reads ``falcon.__version__`` to pick ``resp.text`` over Falcon 2's ``resp.body``.
The ``simple`` backend keeps entries in memory.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

pytest.importorskip('falcon_caching')
pytest.importorskip('msgpack')

from falcon_caching import AsyncCache, Cache

import falcon
import falcon.asgi
from falcon import testing


class Calls:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def answer(self, req: Any, resp: Any, uid: str) -> None:
        self.seen.append(f'{req.method} {uid}')
        resp.text = json.dumps({'uid': uid, 'call': len(self.seen)})
        resp.content_type = 'application/vnd.user+json'


def _client(asgi: bool, calls: Calls, strategy: str = 'time-based') -> testing.TestClient:
    config = {'CACHE_TYPE': 'simple', 'CACHE_EVICTION_STRATEGY': strategy}
    if asgi:
        acache = AsyncCache(config=config)

        class AsyncUser:
            @acache.cached(timeout=60)
            async def on_get(self, req: Any, resp: Any, uid: str) -> None:
                calls.answer(req, resp, uid)

            async def on_post(self, req: Any, resp: Any, uid: str) -> None:
                calls.answer(req, resp, uid)

        class AsyncUncached:
            async def on_get(self, req: Any, resp: Any, uid: str) -> None:
                calls.answer(req, resp, uid)

        app: Any = falcon.asgi.App(middleware=[acache.middleware])
        app.add_route('/users/{uid}', AsyncUser())
        app.add_route('/plain/{uid}', AsyncUncached())
    else:
        cache = Cache(config=config)

        class User:
            @cache.cached(timeout=60)
            def on_get(self, req: Any, resp: Any, uid: str) -> None:
                calls.answer(req, resp, uid)

            def on_post(self, req: Any, resp: Any, uid: str) -> None:
                calls.answer(req, resp, uid)

        class Uncached:
            def on_get(self, req: Any, resp: Any, uid: str) -> None:
                calls.answer(req, resp, uid)

        app = falcon.App(middleware=[cache.middleware])
        app.add_route('/users/{uid}', User())
        app.add_route('/plain/{uid}', Uncached())
    return testing.TestClient(app)


def _check(result: testing.Result, body: dict[str, Any]) -> None:
    assert result.status == falcon.HTTP_200
    assert result.headers['content-type'] == 'application/vnd.user+json'
    assert result.json == body


def test_second_get_is_served_from_the_cache(asgi: bool) -> None:
    calls = Calls()
    client = _client(asgi, calls)
    first = client.simulate_get('/users/7')
    second = client.simulate_get('/users/7')
    _check(first, {'uid': '7', 'call': 1})
    _check(second, {'uid': '7', 'call': 1})
    assert second.headers['content-length'] == str(len(first.content))
    assert calls.seen == ['GET 7']


def test_entries_are_per_path(asgi: bool) -> None:
    calls = Calls()
    client = _client(asgi, calls)
    _check(client.simulate_get('/users/1'), {'uid': '1', 'call': 1})
    _check(client.simulate_get('/users/2'), {'uid': '2', 'call': 2})
    _check(client.simulate_get('/users/1'), {'uid': '1', 'call': 1})
    assert calls.seen == ['GET 1', 'GET 2']


def test_an_undecorated_responder_runs_every_time(asgi: bool) -> None:
    calls = Calls()
    client = _client(asgi, calls)
    _check(client.simulate_get('/plain/3'), {'uid': '3', 'call': 1})
    _check(client.simulate_get('/plain/3'), {'uid': '3', 'call': 2})


def test_time_based_strategy_keeps_the_entry_across_a_post(asgi: bool) -> None:
    calls = Calls()
    client = _client(asgi, calls)
    client.simulate_get('/users/5')
    _check(client.simulate_post('/users/5'), {'uid': '5', 'call': 2})
    _check(client.simulate_get('/users/5'), {'uid': '5', 'call': 1})
    assert calls.seen == ['GET 5', 'POST 5']


def test_rest_based_strategy_evicts_on_a_post(asgi: bool) -> None:
    calls = Calls()
    client = _client(asgi, calls, strategy='rest-based')
    client.simulate_get('/users/5')
    client.simulate_get('/users/5')
    _check(client.simulate_post('/users/5'), {'uid': '5', 'call': 2})
    _check(client.simulate_get('/users/5'), {'uid': '5', 'call': 3})
    _check(client.simulate_get('/users/5'), {'uid': '5', 'call': 3})
    assert calls.seen == ['GET 5', 'POST 5', 'GET 5']
