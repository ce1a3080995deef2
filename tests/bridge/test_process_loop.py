"""The process's event loop: coroutines of plain threads (falcon.App, async_to_sync) share it."""

from __future__ import annotations

import asyncio
import contextvars
import gc
import io
import subprocess
import sys
import textwrap
import threading
import traceback
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.bridge
import falcon.testing
from falcon.bridge import await_, run_awaitable
from falcon.bridge._loop import process_loop
from falcon.util.sync import async_to_sync, runs_sync, sync_to_async

REPO = Path(__file__).resolve().parents[2]
THREADS = 16


def _environ(path: str) -> dict[str, Any]:
    return {
        'REQUEST_METHOD': 'GET',
        'PATH_INFO': path,
        'QUERY_STRING': '',
        'SERVER_NAME': 'localhost',
        'SERVER_PORT': '80',
        'SERVER_PROTOCOL': 'HTTP/1.1',
        'wsgi.url_scheme': 'http',
        'wsgi.input': io.BytesIO(),
        'wsgi.errors': io.StringIO(),
    }


def _wsgi_get(app: falcon.App, path: str) -> tuple[str, bytes]:
    status: list[str] = []
    body = app(_environ(path), lambda s, h, e=None: status.append(s))
    try:
        return status[0], b''.join(body)
    finally:
        close = getattr(body, 'close', None)
        if close is not None:
            close()


def _run_script(source: str, timeout: float = 30.0) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, '-c', textwrap.dedent(source)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# -- one loop, shared by every thread ----------------------------------------------------


class Shared:
    """Loop-bound objects, created by whichever request comes first."""

    def __init__(self) -> None:
        self.lock: asyncio.Lock | None = None
        self.semaphore: asyncio.Semaphore | None = None
        self.event: asyncio.Event | None = None
        self.queue: asyncio.Queue[int] | None = None
        self.inside = 0
        self.most_inside = 0
        self.counter = 0
        self.loops: set[int] = set()
        self.threads: set[str] = set()

    async def use(self, number: int) -> int:
        if self.lock is None:
            self.lock = asyncio.Lock()
            self.semaphore = asyncio.Semaphore(3)
            self.event = asyncio.Event()
            self.queue = asyncio.Queue()
        assert self.semaphore is not None and self.event is not None
        assert self.queue is not None
        self.loops.add(id(asyncio.get_running_loop()))
        self.threads.add(threading.current_thread().name)
        async with self.semaphore:
            self.inside += 1
            self.most_inside = max(self.most_inside, self.inside)
            await asyncio.sleep(0.001)
            self.inside -= 1
        async with self.lock:
            value = self.counter
            await asyncio.sleep(0)
            self.counter = value + 1
        await self.queue.put(number)
        taken = await self.queue.get()
        if number == 0:
            self.event.set()
        await asyncio.wait_for(self.event.wait(), timeout=10)
        return taken


def test_loop_bound_objects_work_from_sixteen_threads_via_async_to_sync() -> None:
    shared = Shared()
    # One thread creates the objects first, as the first request of a server would.
    assert async_to_sync(shared.use, 0) == 0
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(lambda n: async_to_sync(shared.use, n), range(1, 401)))
    assert sorted(results) == list(range(1, 401))
    assert shared.counter == 401
    assert 1 <= shared.most_inside <= 3
    assert shared.loops == {id(process_loop())}
    assert shared.threads == {'falcon-event-loop'}


def test_falcon_app_async_responders_share_loop_bound_objects_across_threads() -> None:
    shared = Shared()

    class Resource:
        async def on_get(self, req: falcon.Request, resp: falcon.Response, number: int) -> None:
            resp.media = {'taken': await shared.use(number)}

    app = falcon.App()
    app.add_route('/use/{number:int}', Resource())
    with ThreadPoolExecutor(THREADS) as pool:
        answers = list(pool.map(lambda n: _wsgi_get(app, f'/use/{n}'), range(200)))
    assert [status for status, _ in answers] == ['200 OK'] * 200
    assert [body for _, body in answers] == [b'{"taken": %d}' % n for n in range(200)]
    assert shared.counter == 200
    assert shared.loops == {id(process_loop())}


def test_hooks_middleware_and_error_handlers_run_on_the_same_loop() -> None:
    seen: list[int] = []

    async def record(*args: Any) -> None:
        seen.append(id(asyncio.get_running_loop()))

    class Middleware:
        async def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
            await record()

    async def handle(req: Any, resp: Any, error: Exception, params: Any) -> None:
        await record()
        resp.status = falcon.HTTP_418

    class Resource:
        @falcon.before(record)
        async def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
            await record()
            raise LookupError

    app = falcon.App(middleware=[Middleware()])
    app.add_route('/', Resource())
    app.add_error_handler(LookupError, handle)
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda _: _wsgi_get(app, '/')[0], range(8)))
    assert statuses == ["418 I'm a teapot"] * 8
    assert len(seen) == 32
    assert set(seen) == {id(process_loop())}


def test_async_sinks_run_on_the_process_loop() -> None:
    async def sink(req: falcon.Request, resp: falcon.Response, **params: Any) -> None:
        await asyncio.sleep(0)
        resp.text = threading.current_thread().name

    app = falcon.App()
    app.add_sink(sink, '/sunk')
    assert _wsgi_get(app, '/sunk/anything') == ('200 OK', b'falcon-event-loop')


def test_the_process_loop_is_public_and_runs_background_work() -> None:
    async def background() -> str:
        await asyncio.sleep(0)
        return threading.current_thread().name

    loop = falcon.bridge.process_loop()
    assert loop is process_loop()
    future = asyncio.run_coroutine_threadsafe(background(), loop)
    assert future.result(timeout=5) == 'falcon-event-loop'


def test_await_and_runs_sync_use_the_same_loop() -> None:
    async def loop_id() -> int:
        return id(asyncio.get_running_loop())

    @runs_sync
    async def decorated() -> int:
        return await loop_id()

    expected = id(process_loop())
    assert run_awaitable(loop_id()) == expected
    assert await_(loop_id()) == expected
    assert decorated() == expected
    with ThreadPoolExecutor(2) as pool:
        assert pool.submit(await_, loop_id()).result() == expected


def test_asgi_thread_pool_code_waits_on_the_apps_loop() -> None:
    app = falcon.asgi.App()

    async def loop_id() -> int:
        return id(asyncio.get_running_loop())

    class Resource:
        def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
            resp.media = {'plain': async_to_sync(loop_id)}

        async def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
            resp.media = {'async': await loop_id()}

    app.add_route('/', Resource())

    async def both() -> tuple[Any, Any]:
        async with falcon.testing.ASGIConductor(app) as conductor:
            plain = await conductor.simulate_get('/')
            coroutine = await conductor.simulate_post('/')
        return plain.json, coroutine.json

    plain, coroutine = asyncio.run(both())
    assert plain == {'plain': coroutine['async']}
    assert coroutine['async'] != id(process_loop())


def test_a_call_from_a_thread_running_another_loop_waits_for_the_process_loop() -> None:
    async def on_process_loop() -> str:
        return threading.current_thread().name

    async def main() -> str:
        return async_to_sync(on_process_loop)

    assert asyncio.run(main()) == 'falcon-event-loop'


# -- context variables, exceptions, cancellation --------------------------------------------

request_id: contextvars.ContextVar[str] = contextvars.ContextVar('request_id', default='-')


def test_context_variables_are_carried_in_and_changes_stay_inside() -> None:
    async def read_and_change() -> str:
        seen = request_id.get()
        request_id.set('changed by the coroutine')
        return seen

    def in_thread(name: str) -> tuple[str, str]:
        request_id.set(name)
        return async_to_sync(read_and_change), request_id.get()

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(in_thread, [f'req-{n}' for n in range(64)]))
    assert results == [(f'req-{n}', f'req-{n}') for n in range(64)]


def test_context_variables_reach_async_responders_in_falcon_app() -> None:
    class Middleware:
        def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
            request_id.set(req.path)

    class Resource:
        async def on_get(self, req: falcon.Request, resp: falcon.Response, name: str) -> None:
            await asyncio.sleep(0)
            resp.text = request_id.get()

    app = falcon.App(middleware=[Middleware()])
    app.add_route('/ctx/{name}', Resource())
    with ThreadPoolExecutor(8) as pool:
        bodies = list(pool.map(lambda n: _wsgi_get(app, f'/ctx/{n}')[1], range(50)))
    assert bodies == [f'/ctx/{n}'.encode() for n in range(50)]


class Missing(LookupError):
    pass


async def _fail() -> None:
    await asyncio.sleep(0)
    raise Missing('not here')


def test_exceptions_keep_their_type_identity_and_traceback() -> None:
    with pytest.raises(Missing, match='not here') as caught:
        async_to_sync(_fail)
    frames = [frame.name for frame in traceback.extract_tb(caught.value.__traceback__)]
    assert '_fail' in frames
    assert frames[0] == 'test_exceptions_keep_their_type_identity_and_traceback'


def test_exceptions_of_async_responders_reach_falcon_error_handling() -> None:
    class Resource:
        async def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
            await _fail()

    caught: list[BaseException] = []

    def handle(req: Any, resp: Any, error: Exception, params: Any) -> None:
        caught.append(error)
        raise falcon.HTTPNotFound(title='gone')

    app = falcon.App()
    app.add_route('/', Resource())
    app.add_error_handler(Missing, handle)
    status, body = _wsgi_get(app, '/')
    assert status == '404 Not Found'
    assert body == b'{"title": "gone"}'
    assert [type(error) for error in caught] == [Missing]


@pytest.mark.parametrize('kind', [KeyboardInterrupt, SystemExit])
def test_keyboard_interrupt_and_system_exit_reach_the_caller_and_the_loop_goes_on(
    kind: type[BaseException],
) -> None:
    async def stop() -> None:
        await asyncio.sleep(0)
        raise kind('from the coroutine')

    with pytest.raises(kind, match='from the coroutine'):
        async_to_sync(stop)

    async def after() -> str:
        await asyncio.sleep(0)
        return 'still running'

    assert async_to_sync(after) == 'still running'


def test_a_task_cancelled_on_the_loop_raises_cancelled_error_in_the_waiting_thread() -> None:
    started = threading.Event()
    tasks: list[asyncio.Task[Any]] = []

    async def wait_forever() -> None:
        task = asyncio.current_task()
        assert task is not None
        tasks.append(task)
        started.set()
        await asyncio.sleep(3600)

    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(async_to_sync, wait_forever)
        assert started.wait(5)
        process_loop().call_soon_threadsafe(tasks[0].cancel)
        with pytest.raises(asyncio.CancelledError):
            waiting.result(timeout=5)


def test_an_interrupted_waiting_thread_cancels_its_task() -> None:
    result = _run_script(
        """
        import asyncio, signal, threading, time
        from falcon.util.sync import async_to_sync

        outcome = []

        async def long_job():
            try:
                await asyncio.sleep(3600)
            except asyncio.CancelledError:
                outcome.append('cancelled')
                raise

        main = threading.main_thread().ident
        threading.Timer(0.3, signal.pthread_kill, (main, signal.SIGINT)).start()
        began = time.monotonic()
        try:
            async_to_sync(long_job)
        except KeyboardInterrupt:
            outcome.append('interrupted')
        deadline = time.monotonic() + 5
        while len(outcome) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        print(sorted(outcome), time.monotonic() - began < 5)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['cancelled', 'interrupted'] True"
    assert result.stderr == ''


# -- code running on the loop ---------------------------------------------------------------


def test_waiting_for_the_loop_from_the_loop_raises_runtime_error_naming_the_fix() -> None:
    async def inner() -> int:
        return 1

    async def outer() -> int:
        return async_to_sync(inner)

    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter('always')
        with pytest.raises(RuntimeError, match='sync_to_async') as caught:
            async_to_sync(outer)
        gc.collect()
    assert 'cannot wait for that loop' in str(caught.value)
    assert [str(w.message) for w in warned] == []


def test_plain_code_moved_off_the_loop_may_wait_for_it() -> None:
    async def inner() -> str:
        return threading.current_thread().name

    def blocking_helper() -> str:
        return async_to_sync(inner)

    async def outer() -> str:
        return str(await sync_to_async(blocking_helper))

    assert async_to_sync(outer) == 'falcon-event-loop'


def test_a_stray_stop_does_not_end_the_loop() -> None:
    async def stop_it() -> None:
        asyncio.get_running_loop().stop()

    async def alive() -> str:
        await asyncio.sleep(0)
        return 'alive'

    async_to_sync(stop_it)
    assert async_to_sync(alive) == 'alive'


# -- the client leaves ----------------------------------------------------------------------


def test_an_async_body_closed_early_is_closed_on_the_loop() -> None:
    events: list[str] = []
    finished = threading.Event()

    async def chunks() -> Any:
        try:
            for number in range(1000):
                await asyncio.sleep(0)
                yield b'chunk %d\n' % number
        finally:
            events.append(f'closed on {threading.current_thread().name}')
            finished.set()

    class Resource:
        async def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
            resp.stream = chunks()

    app = falcon.App()
    app.add_route('/', Resource())
    body: Iterable[bytes] = app(_environ('/'), lambda s, h, e=None: None)
    iterator: Iterator[bytes] = iter(body)
    assert next(iterator) == b'chunk 0\n'
    assert next(iterator) == b'chunk 1\n'
    # The server found the client gone and closes the response iterable (PEP 3333).
    body.close()  # type: ignore[attr-defined]
    assert finished.wait(5)
    assert events == ['closed on falcon-event-loop']


def test_the_responder_runs_to_completion_while_the_worker_thread_waits() -> None:
    steps: list[str] = []

    class Resource:
        async def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
            await asyncio.sleep(0.05)
            steps.append('responder done')
            resp.text = 'late'

    app = falcon.App()
    app.add_route('/', Resource())
    status, body = _wsgi_get(app, '/')
    steps.append('worker thread resumed')
    assert (status, body) == ('200 OK', b'late')
    assert steps == ['responder done', 'worker thread resumed']


# -- fork and exit ----------------------------------------------------------------------------


def test_a_forked_child_runs_coroutines_on_its_own_loop() -> None:
    result = _run_script(
        """
        import asyncio, os, sys, threading
        from falcon.util.sync import async_to_sync

        async def where():
            await asyncio.sleep(0)
            return os.getpid(), id(asyncio.get_running_loop()), threading.current_thread().name

        lock_holder = {}

        async def make_lock():
            lock_holder['lock'] = asyncio.Lock()
            async with lock_holder['lock']:
                return True

        parent = async_to_sync(where)
        assert async_to_sync(make_lock)
        read_end, write_end = os.pipe()
        child = os.fork()
        if child == 0:
            os.close(read_end)
            try:
                pid, loop_id, thread = async_to_sync(where)
                answer = f'{pid == os.getpid()} {loop_id != parent[1]} {thread}'
                os.write(write_end, answer.encode())
            finally:
                os._exit(0)
        os.close(write_end)
        chunks = []
        while chunk := os.read(read_end, 100):
            chunks.append(chunk)
        os.waitpid(child, 0)
        print(b''.join(chunks).decode())
        print(async_to_sync(where) == parent)
        """,
        timeout=20,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split('\n')[:2] == ['True True falcon-event-loop', 'True']
    assert 'Traceback' not in result.stderr


def test_the_loop_pauses_while_the_process_forks_and_goes_on_in_the_parent() -> None:
    result = _run_script(
        """
        import asyncio, os, threading, time
        from falcon.bridge import _loop
        from falcon.util.sync import async_to_sync

        ticks = []

        async def tick():
            while True:
                ticks.append(time.monotonic())
                await asyncio.sleep(0.005)

        async def start():
            global ticker
            ticker = asyncio.create_task(tick())

        async def name():
            return threading.current_thread().name

        async_to_sync(start)
        time.sleep(0.05)
        thread_before = _loop._state.thread
        child = os.fork()
        if child == 0:
            os._exit(0 if async_to_sync(name) == 'falcon-event-loop' else 3)
        _, status = os.waitpid(child, 0)
        forked = time.monotonic()
        deadline = forked + 5
        while sum(1 for at in ticks if at > forked) < 5 and time.monotonic() < deadline:
            time.sleep(0.01)
        print(os.waitstatus_to_exitcode(status), async_to_sync(name))
        print(thread_before is not _loop._state.thread, not thread_before.is_alive())
        print(sum(1 for at in ticks if at > forked) >= 5)
        """,
        timeout=20,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split('\n') == ['0 falcon-event-loop', 'True True', 'True', '']
    assert 'Traceback' not in result.stderr


def test_multiprocessing_fork_children_get_a_fresh_loop() -> None:
    result = _run_script(
        """
        import asyncio, multiprocessing, threading
        from falcon.util.sync import async_to_sync

        async def loop_thread():
            # The parent's loop thread is replaced around each fork (a new thread resumes
            # the same loop), so the loop object, not the thread id, is what must persist.
            await asyncio.sleep(0)
            return threading.current_thread().name, id(asyncio.get_running_loop())

        def work(number):
            return async_to_sync(loop_thread)[0], number

        if __name__ == '__main__':
            parent = async_to_sync(loop_thread)
            with multiprocessing.get_context('fork').Pool(2) as pool:
                answers = pool.map(work, range(6))
            print(answers == [('falcon-event-loop', n) for n in range(6)])
            print(async_to_sync(loop_thread) == parent)
        """,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ['True', 'True']


def test_exit_cancels_pending_tasks_without_destroyed_task_reports() -> None:
    result = _run_script(
        """
        import asyncio, atexit

        async def late():
            await asyncio.sleep(0)
            return 'a later exit handler still runs coroutines'

        # Registered first, so it runs after falcon's own exit handler.
        atexit.register(lambda: print(async_to_sync(late), flush=True))

        from falcon.util.sync import async_to_sync

        background = []

        async def linger():
            try:
                await asyncio.sleep(3600)
            except asyncio.CancelledError:
                print('cancelled at exit', flush=True)
                raise

        async def stubborn():
            while True:
                try:
                    await asyncio.sleep(3600)
                except asyncio.CancelledError:
                    pass

        async def start():
            background.append(asyncio.create_task(linger()))
            background.append(asyncio.create_task(stubborn()))
            await asyncio.sleep(0)

        async_to_sync(start)
        print('exiting', flush=True)
        """,
        timeout=20,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split('\n') == [
        'exiting',
        'cancelled at exit',
        'a later exit handler still runs coroutines',
        '',
    ]
    assert result.stderr == ''
