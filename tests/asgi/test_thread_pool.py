"""falcon.asgi.App runs plain code on its own thread pool: sizing, configuration, laziness,
context variables, shutdown, and coroutine requests that stay fast while blocking ones run."""

from __future__ import annotations

import asyncio
import contextvars
import threading
import time
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.testing
from falcon.bridge._pool import DEFAULT_THREAD_POOL_SIZE, ThreadPool

request_id: contextvars.ContextVar[str] = contextvars.ContextVar('request_id', default='-')


class Blocking:
    def __init__(self, seconds: float = 1.0) -> None:
        self.seconds = seconds
        self.threads: set[str] = set()

    def on_get(self, req: Any, resp: Any) -> None:
        time.sleep(self.seconds)
        self.threads.add(threading.current_thread().name)
        resp.media = {'slept': self.seconds}


class Quick:
    async def on_get(self, req: Any, resp: Any) -> None:
        resp.media = {'quick': True}


def test_default_size_is_forty() -> None:
    app = falcon.asgi.App()
    assert DEFAULT_THREAD_POOL_SIZE == 40
    assert app.thread_pool_size == 40


async def test_pool_is_created_on_first_plain_call_only() -> None:
    app = falcon.asgi.App()
    app.add_route('/quick', Quick())
    app.add_route('/plain', Blocking(0))
    conductor = falcon.testing.ASGIConductor(app)
    assert (await conductor.simulate_get('/quick')).json == {'quick': True}
    assert not app._thread_pool.started
    assert (await conductor.simulate_get('/plain')).json == {'slept': 0}
    assert app._thread_pool.started


def test_plain_code_runs_on_the_apps_named_threads() -> None:
    app = falcon.asgi.App()
    resource = Blocking(0)
    app.add_route('/plain', resource)
    falcon.testing.TestClient(app).simulate_get('/plain')
    assert len(resource.threads) == 1
    assert resource.threads.pop().startswith('falcon-asgi')


@pytest.mark.parametrize('size', [0, -1, 1.5, '4', True, None])
def test_invalid_sizes_are_refused(size: Any) -> None:
    app = falcon.asgi.App()
    with pytest.raises(ValueError, match='thread_pool_size must be a positive int'):
        app.thread_pool_size = size
    with pytest.raises(ValueError, match='thread_pool_size must be a positive int'):
        ThreadPool(size)
    assert app.thread_pool_size == 40


async def test_setting_the_size_replaces_a_started_pool() -> None:
    app = falcon.asgi.App()
    app.add_route('/plain', Blocking(0))
    conductor = falcon.testing.ASGIConductor(app)
    await conductor.simulate_get('/plain')
    first = app._thread_pool.executor()
    app.thread_pool_size = 3
    assert app.thread_pool_size == 3
    assert not app._thread_pool.started
    assert first._shutdown
    await conductor.simulate_get('/plain')
    second = app._thread_pool.executor()
    assert second is not first
    assert second._max_workers == 3


async def test_size_limits_how_many_plain_calls_overlap() -> None:
    app = falcon.asgi.App()
    app.thread_pool_size = 2
    running = 0
    peak = 0
    lock = threading.Lock()

    class Counting:
        def on_get(self, req: Any, resp: Any) -> None:
            nonlocal running, peak
            with lock:
                running += 1
                peak = max(peak, running)
            time.sleep(0.05)
            with lock:
                running -= 1
            resp.text = 'ok'

    app.add_route('/count', Counting())
    conductor = falcon.testing.ASGIConductor(app)
    results = await asyncio.gather(*(conductor.simulate_get('/count') for _ in range(6)))
    assert [r.text for r in results] == ['ok'] * 6
    assert peak == 2


async def test_context_variables_reach_plain_middleware_hooks_and_responders() -> None:
    seen: list[tuple[str, str]] = []
    lock = threading.Lock()

    def note(where: str) -> None:
        with lock:
            seen.append((where, request_id.get()))

    class SetsId:
        async def process_request(self, req: Any, resp: Any) -> None:
            request_id.set(req.get_header('X-Id'))

        def process_resource(self, req: Any, resp: Any, resource: Any, params: Any) -> None:
            note('resource')

        def process_response(self, req: Any, resp: Any, resource: Any, ok: bool) -> None:
            note('response')
            resp.set_header('X-Seen', request_id.get())

    def before(req: Any, resp: Any, resource: Any, params: Any) -> None:
        time.sleep(0.01)
        note('hook')

    class Echo:
        @falcon.before(before)
        def on_get(self, req: Any, resp: Any) -> None:
            time.sleep(0.01)
            note('responder')
            resp.text = request_id.get()

    app = falcon.asgi.App(middleware=[SetsId()])
    app.add_route('/echo', Echo())
    conductor = falcon.testing.ASGIConductor(app)
    ids = [f'id-{n}' for n in range(12)]
    results = await asyncio.gather(
        *(conductor.simulate_get('/echo', headers={'X-Id': value}) for value in ids)
    )
    assert [r.text for r in results] == ids
    assert [r.headers['X-Seen'] for r in results] == ids
    assert len(seen) == 4 * len(ids)
    assert {value for _, value in seen} == set(ids)


async def test_lifespan_shutdown_stops_the_pool() -> None:
    app = falcon.asgi.App()
    app.add_route('/plain', Blocking(0))
    async with falcon.testing.ASGIConductor(app) as conductor:
        assert (await conductor.simulate_get('/plain')).json == {'slept': 0}
        executor = app._thread_pool.executor()
    assert not app._thread_pool.started
    assert executor._shutdown
    # A later request starts a fresh pool.
    result = await falcon.testing.ASGIConductor(app).simulate_get('/plain')
    assert result.json == {'slept': 0}
    assert app._thread_pool.started


async def test_plain_stream_and_sse_sources_use_the_pool() -> None:
    threads: list[str] = []

    def chunks() -> Any:
        for chunk in (b'a', b'b'):
            threads.append(threading.current_thread().name)
            yield chunk

    def events() -> Any:
        threads.append(threading.current_thread().name)
        yield falcon.asgi.SSEvent(data=b'x')

    class Streams:
        async def on_get(self, req: Any, resp: Any) -> None:
            resp.stream = chunks()

        async def on_get_sse(self, req: Any, resp: Any) -> None:
            resp.sse = events()

    app = falcon.asgi.App()
    app.add_route('/stream', Streams())
    app.add_route('/sse', Streams(), suffix='sse')
    conductor = falcon.testing.ASGIConductor(app)
    assert (await conductor.simulate_get('/stream')).text == 'ab'
    assert (await conductor.simulate_get('/sse')).text == 'data: x\n\n'
    assert threads and all(name.startswith('falcon-asgi') for name in threads)


async def test_coroutine_requests_stay_fast_while_blocking_requests_run() -> None:
    """The acceptance check: 8 plain requests sleep 1 s each (more than the 6 threads the
    loop's default executor has on 2 cores) while 20 async requests each finish at once."""
    app = falcon.asgi.App()
    blocking = Blocking(1.0)
    app.add_route('/blocking', blocking)
    app.add_route('/quick', Quick())
    conductor = falcon.testing.ASGIConductor(app)

    async def timed_quick() -> float:
        started = time.perf_counter()
        result = await conductor.simulate_get('/quick')
        assert result.status_code == 200
        assert result.json == {'quick': True}
        return time.perf_counter() - started

    started = time.perf_counter()
    slow = [asyncio.ensure_future(conductor.simulate_get('/blocking')) for _ in range(8)]
    await asyncio.sleep(0.05)
    durations = []
    for _ in range(20):
        durations.append(await timed_quick())
    slow_results = await asyncio.gather(*slow)
    elapsed = time.perf_counter() - started
    assert max(durations) < 0.2
    assert [r.json for r in slow_results] == [{'slept': 1.0}] * 8
    # All eight ran at once on the app's pool: about one second, not two.
    assert elapsed < 1.8
    assert len(blocking.threads) == 8


async def test_pool_and_ws_options_made_once_and_kept_on_the_app() -> None:
    app = falcon.asgi.App()
    app.add_route('/plain', Blocking(0))
    pool = app._thread_pool
    assert isinstance(pool, ThreadPool)
    assert app._thread_pool is pool
    assert app._call is app._call
    options = app.ws_options
    assert app.ws_options is options
    replacement = falcon.asgi.WebSocketOptions()
    app.ws_options = replacement
    assert app.ws_options is replacement
    # Another app has a pool and options of its own.
    other = falcon.asgi.App()
    assert other._thread_pool is not pool
    assert other.ws_options is not replacement
    conductor = falcon.testing.ASGIConductor(app)
    assert (await conductor.simulate_get('/plain')).json == {'slept': 0}
    assert pool.started
    assert not other._thread_pool.started
