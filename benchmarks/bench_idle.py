"""What an idle real-time connection costs ``falcon.asgi.App``, measured in one process.

Idle connections are the unit of scale for Server-Sent Events and WebSockets: a server holds
many of them while nothing happens. This benchmark opens N (default 10 000) of each kind on
one event loop, driven by raw ASGI scopes, and reports per connection:

* bytes: ``tracemalloc`` current allocation after ``gc.collect()`` minus the baseline, / N
  (and the RSS growth, / N, from a separate pass without ``tracemalloc``);
* tasks: growth of ``len(asyncio.all_tasks())`` / N (the connection's own task included);
* timers: growth of the live (not cancelled) ``TimerHandle`` objects in ``loop._scheduled``
  / N;
* open time: the CPU time to open N connections until all of them are idle, / N (measured
  in the pass without ``tracemalloc``), and the part of it spent in garbage collections
  (which grows with everything the process holds, not only the connections).

An SSE connection: ``GET /events``; the responder sets ``resp.sse`` to an async generator
that waits on a future that is never resolved. A WebSocket connection: the responder
accepts, then awaits ``receive_text()``. Each connection's ``receive`` returns the first
event (``http.request`` / ``websocket.connect``) and then blocks until the client leaves;
its ``send`` keeps nothing. A connection is idle once its emitter (or responder) waits and
the app waits on ``receive`` again. The receive/send callables and the scope are built
before the baseline, so the figures are what the app adds.

Then every client leaves at once (``receive`` returns ``http.disconnect`` /
``websocket.disconnect``) and the benchmark checks that within 1 s every connection task
has ended, every emitter has been closed, and tasks, timers and memory are back to the
baseline.

Last, the peak allocation of one ASGI hello-world request (``tracemalloc`` peak minus the
current allocation before it, after a warm-up; the median of 20 requests).

Run: ``python benchmarks/bench_idle.py [--connections N]`` (``main()`` is also called by
``benchmarks/run.py`` after the real-time table).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import falcon
import falcon.asgi

__all__ = ['GOALS', 'Figures', 'main', 'measure']

SSE_SCOPE: dict[str, Any] = {
    'type': 'http',
    'asgi': {'version': '3.0', 'spec_version': '2.4'},
    'http_version': '1.1',
    'method': 'GET',
    'scheme': 'http',
    'path': '/events',
    'raw_path': b'/events',
    'query_string': b'',
    'root_path': '',
    'headers': [(b'host', b'localhost'), (b'accept', b'text/event-stream')],
    'client': ('127.0.0.1', 5000),
    'server': ('127.0.0.1', 8000),
}
WS_SCOPE: dict[str, Any] = {
    'type': 'websocket',
    'asgi': {'version': '3.0', 'spec_version': '2.3'},
    'http_version': '1.1',
    'scheme': 'ws',
    'path': '/ws',
    'raw_path': b'/ws',
    'query_string': b'',
    'root_path': '',
    'headers': [(b'host', b'localhost'), (b'sec-websocket-version', b'13')],
    'client': ('127.0.0.1', 5000),
    'server': ('127.0.0.1', 8000),
    'subprotocols': [],
}
HELLO_SCOPE: dict[str, Any] = {**SSE_SCOPE, 'path': '/', 'raw_path': b'/', 'headers': []}

GOALS: dict[str, dict[str, float]] = {
    # Falcon 4.4 on the same machine class, measured the same way.
    'SSE': {'kb': 7.0, 'tasks': 2, 'timers': 0, 'open_us': 56.0},
    'WebSocket': {'kb': 8.7},
    'request': {'kb': 5.5},
}
RELEASE_SECONDS = 1.0


class Probe:
    """Counts what the apps' responders do, so the benchmark knows when all are idle."""

    def __init__(self) -> None:
        self.waiting = 0
        self.closed = 0
        self.blocked = 0


class SSEResource:
    def __init__(self, probe: Probe) -> None:
        self.probe = probe

    async def on_get(self, req: Any, resp: Any) -> None:
        probe = self.probe

        async def emitter() -> AsyncIterator[Any]:
            try:
                probe.waiting += 1
                # A future of its own: the waiters of a shared asyncio.Event sit in a
                # deque, and each cancelled one is removed in O(N).
                await asyncio.get_running_loop().create_future()
                yield None
            finally:
                probe.closed += 1

        resp.sse = emitter()


class WSResource:
    def __init__(self, probe: Probe) -> None:
        self.probe = probe

    async def on_websocket(self, req: Any, ws: Any) -> None:
        probe = self.probe
        await ws.accept()
        try:
            probe.waiting += 1
            await ws.receive_text()
        except falcon.WebSocketDisconnected:
            pass
        finally:
            probe.closed += 1


class HelloResource:
    async def on_get(self, req: Any, resp: Any) -> None:
        resp.text = 'Hello, World!'


class Client:
    """One idle client: ``receive`` gives the first event, then waits until ``leave()``."""

    __slots__ = ('first', 'gone', 'last', 'probe', 'scope')

    def __init__(
        self, probe: Probe, scope: dict[str, Any], first: dict[str, Any], last: dict[str, Any]
    ) -> None:
        self.probe = probe
        self.scope = dict(scope)
        self.first: dict[str, Any] | None = first
        self.last = last
        self.gone = asyncio.get_running_loop().create_future()

    async def receive(self) -> dict[str, Any]:
        first = self.first
        if first is not None:
            self.first = None
            return first
        self.probe.blocked += 1
        await self.gone
        return self.last

    async def send(self, event: dict[str, Any]) -> None:
        pass

    def leave(self) -> None:
        if not self.gone.done():
            self.gone.set_result(None)


@dataclass
class Figures:
    """Per-connection figures of one kind of connection."""

    kind: str
    connections: int
    bytes_each: float = 0.0
    rss_each: float = 0.0
    tasks_each: float = 0.0
    timers_each: float = 0.0
    open_us: float = 0.0
    open_gc_us: float = 0.0
    release_s: float = 0.0
    release_cpu_s: float = 0.0
    released: bool = False
    leftovers: list[str] = field(default_factory=list)


class GCTimer:
    """A ``gc.callbacks`` entry adding up the time spent in garbage collections."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.started = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == 'start':
            self.started = time.process_time()
        else:
            self.seconds += time.process_time() - self.started


def _live_timers(loop: asyncio.AbstractEventLoop) -> int:
    scheduled = getattr(loop, '_scheduled', ())
    return sum(1 for handle in scheduled if not handle.cancelled())


def _rss_bytes() -> int:
    try:
        with open('/proc/self/statm') as statm:
            return int(statm.read().split()[1]) * resource.getpagesize()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _make_app(probe: Probe) -> Any:
    app = falcon.asgi.App()
    app.add_route('/events', SSEResource(probe))
    app.add_route('/ws', WSResource(probe))
    app.add_route('/', HelloResource())
    return app


_FIRST = {
    'SSE': (
        {'type': 'http.request', 'body': b'', 'more_body': False},
        {'type': 'http.disconnect'},
    ),
    'WebSocket': ({'type': 'websocket.connect'}, {'type': 'websocket.disconnect', 'code': 1001}),
}
_SCOPES = {'SSE': SSE_SCOPE, 'WebSocket': WS_SCOPE}


async def _settle(done: Callable[[], bool], limit_s: float) -> bool:
    deadline = time.perf_counter() + limit_s
    while not done():
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(0)
    return True


async def _run_pass(kind: str, count: int, traced: bool) -> Figures:
    """Open ``count`` idle connections of ``kind``, measure, disconnect, check release."""
    loop = asyncio.get_running_loop()
    probe = Probe()
    app = _make_app(probe)
    first, last = _FIRST[kind]
    scope = _SCOPES[kind]
    # Warm-up: the app compiles its router and plans on first use.
    warm = [Client(probe, scope, first, last) for _ in range(20)]
    warm_tasks = [asyncio.ensure_future(app(c.scope, c.receive, c.send)) for c in warm]
    await _settle(lambda: probe.blocked == 20, 5)
    for client in warm:
        client.leave()
    await asyncio.gather(*warm_tasks)
    probe.waiting = probe.closed = probe.blocked = 0
    del warm, warm_tasks

    clients = [Client(probe, scope, first, last) for _ in range(count)]
    figures = Figures(kind, count)
    gc.collect()
    tasks_before = len(asyncio.all_tasks())
    timers_before = _live_timers(loop)
    rss_before = _rss_bytes()
    if traced:
        tracemalloc.start()
    traced_before = tracemalloc.get_traced_memory()[0] if traced else 0

    collecting = GCTimer()
    gc.callbacks.append(collecting)
    started = time.process_time()
    tasks = [asyncio.ensure_future(app(c.scope, c.receive, c.send)) for c in clients]

    def all_idle() -> bool:
        return probe.waiting == count and probe.blocked >= count

    if not await _settle(all_idle, 120):
        raise RuntimeError(f'{kind}: the connections never became idle')
    for _ in range(3):
        await asyncio.sleep(0)
    figures.open_us = (time.process_time() - started) * 1e6 / count
    gc.callbacks.remove(collecting)
    figures.open_gc_us = collecting.seconds * 1e6 / count
    gc.collect()
    if traced:
        figures.bytes_each = (tracemalloc.get_traced_memory()[0] - traced_before) / count
    figures.rss_each = (_rss_bytes() - rss_before) / count
    figures.tasks_each = (len(asyncio.all_tasks()) - tasks_before) / count
    figures.timers_each = (_live_timers(loop) - timers_before) / count

    left = time.perf_counter()
    left_cpu = time.process_time()
    for client in clients:
        client.leave()

    # tracemalloc slows everything down a few times: the traced pass checks what is
    # released, the other one how fast.
    limit_s = RELEASE_SECONDS * (60 if traced else 1)
    pending = set(tasks)
    while pending and time.perf_counter() - left < limit_s:
        _, pending = await asyncio.wait(pending, timeout=RELEASE_SECONDS / 20)
    figures.release_s = time.perf_counter() - left
    figures.release_cpu_s = time.process_time() - left_cpu
    finished = not pending and probe.closed == count and figures.release_s <= limit_s
    failed = [task for task in tasks if task.done() and not task.cancelled() and task.exception()]
    del tasks, clients
    # Let cancelled callbacks and finished tasks go, then compare with the baseline.
    for _ in range(3):
        await asyncio.sleep(0)
    gc.collect()
    tasks_left = len(asyncio.all_tasks()) - tasks_before
    timers_left = _live_timers(loop) - timers_before
    leftovers = []
    if not finished:
        leftovers.append(f'not released within {limit_s:.0f} s')
    if failed:
        leftovers.append(f'{len(failed)} connections failed: {failed[0].exception()!r}')
    if tasks_left > 0:
        leftovers.append(f'{tasks_left} tasks left')
    if timers_left > 0:
        leftovers.append(f'{timers_left} timers left')
    if traced:
        # asyncio's registry of tasks (a WeakSet) keeps the table it grew to: not a leak.
        kept = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.Filter(True, '*_weakrefset.py')]
        )
        memory_left = tracemalloc.get_traced_memory()[0] - traced_before
        memory_left -= sum(stat.size for stat in kept.statistics('filename'))
        tracemalloc.stop()
        # Free lists and caches keep a little; more than 2 % of what was held is a leak.
        if memory_left > 0.02 * figures.bytes_each * count + 65536:
            leftovers.append(f'{memory_left / count:.0f} bytes per connection left')
    figures.leftovers = leftovers
    figures.released = not leftovers
    return figures


async def measure_kind(kind: str, count: int) -> Figures:
    """Figures for ``count`` idle connections of ``kind`` (``'SSE'`` or ``'WebSocket'``)."""
    timed = await _run_pass(kind, count, traced=False)
    traced = await _run_pass(kind, count, traced=True)
    timed.bytes_each = traced.bytes_each
    timed.leftovers = sorted(set(timed.leftovers) | set(traced.leftovers))
    timed.released = timed.released and traced.released
    return timed


async def request_peak(samples: int = 20) -> float:
    """Median peak allocation of one ASGI hello-world request, in bytes."""
    app = _make_app(Probe())
    request = {'type': 'http.request', 'body': b'', 'more_body': False}

    async def receive() -> dict[str, Any]:
        return request

    async def send(event: dict[str, Any]) -> None:
        pass

    for _ in range(200):
        await app(dict(HELLO_SCOPE), receive, send)
    peaks = []
    gc.collect()
    tracemalloc.start()
    for _ in range(samples):
        scope = dict(HELLO_SCOPE)
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        await app(scope, receive, send)
        peaks.append(tracemalloc.get_traced_memory()[1] - before)
    tracemalloc.stop()
    return statistics.median(peaks)


async def measure(count: int) -> tuple[list[Figures], float]:
    """Figures for SSE and WebSocket idle connections, and the hello request's peak bytes."""
    rows = [await measure_kind('SSE', count), await measure_kind('WebSocket', count)]
    return rows, await request_peak()


def _verdict(ok: bool) -> str:
    return 'ok' if ok else 'OVER'


def print_table(rows: list[Figures], peak: float) -> None:
    """Print the figures next to their goals."""
    count = rows[0].connections if rows else 0
    print(f'Idle connections, in process, {count} at once (per connection)')
    print(f'{"":<30}{"ours":>10}{"goal":>10}')
    for row in rows:
        goals = GOALS[row.kind]
        lines = [
            ('KB (tracemalloc)', row.bytes_each / 1024, goals.get('kb'), '.2f'),
            ('KB (RSS growth)', row.rss_each / 1024, None, '.2f'),
            ('tasks', row.tasks_each, goals.get('tasks'), '.2f'),
            ('live timers', row.timers_each, goals.get('timers'), '.2f'),
            ('open (us)', row.open_us, goals.get('open_us'), '.1f'),
            ('  of which gc (us)', row.open_gc_us, None, '.1f'),
        ]
        for name, value, goal, spec in lines:
            goal_text = '' if goal is None else format(goal, spec)
            # Judged as printed: one timer shared by all connections shows as 0.00.
            verdict = '' if goal is None else _verdict(float(format(value, spec)) <= goal)
            print(f'{row.kind + " " + name:<30}{value:>10{spec}}{goal_text:>10}  {verdict}')
        released = 'all released' if row.released else '; '.join(row.leftovers)
        print(
            f'{row.kind + " release (ms)":<30}{row.release_s * 1000:>10.0f}'
            f'{RELEASE_SECONDS * 1000:>10.0f}  {_verdict(row.released)} ({released}; '
            f'{row.release_cpu_s * 1000:.0f} ms of CPU)'
        )
    goal = GOALS['request']['kb']
    print(
        f'{"hello request peak KB":<30}{peak / 1024:>10.2f}{goal:>10.2f}  '
        f'{_verdict(peak / 1024 <= goal)}'
    )


def main(connections: int = 10_000) -> tuple[list[Figures], float]:
    """Measure, print the table, and return ``(rows, request_peak_bytes)``."""
    rows, peak = asyncio.run(measure(connections))
    print_table(rows, peak)
    return rows, peak


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--connections', type=int, default=10_000, help='idle connections')
    main(parser.parse_args().connections)
