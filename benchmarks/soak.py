"""Soak: serve ``soak_app`` under uvicorn or gunicorn for a long while and watch for growth.

The server runs as a subprocess on a free loopback port:

* ``--server uvicorn``: ``soak_app:asgi_app``, one process, httptools when installed (else
  h11), WebSockets through the ``websockets`` library;
* ``--server gunicorn``: ``soak_app:wsgi_app``, ``gthread`` worker class, 2 workers of 8
  threads each (a master and two worker processes), keep-alive 5 s as uvicorn's; the items
  live in an SQLite file the workers share. WSGI has no WebSocket, so the chat traffic only
  runs under uvicorn.

This process drives a mixed traffic on asyncio, paced (each loop pauses between requests)
so the soak can share a small machine: JSON CRUD cycles (``--crud-clients`` loops of create,
read, replace, read, delete, read the deleted item, delete it again:
201/200/200/200/204/404/404), raw and multipart uploads, streamed downloads, SSE clients
that read a few events and leave (one in four reads a finite stream to its end), WebSocket
chat members (uvicorn only) that join a room, talk, and leave (one in five by dropping the
TCP connection without a closing handshake), and clients that drop mid-request (half a body
sent, half a download read, half a request head sent; some with a TCP reset).

Every ``--interval`` seconds (default 10) it samples, from outside, the RSS, open file
descriptors and threads of every server process (``/proc/<pid>/status`` and
``/proc/<pid>/fd``), and, from inside, each worker's ``/_soak/stats``: asyncio tasks (ASGI),
threads and gc-tracked objects. With the traffic stopped, the server is sampled once more
after it settles, to compare with the idle sample taken before the traffic started.

At the end it prints, per metric, the idle values before and after, the first, last and
largest sample under traffic, and the least-squares slope per hour over the samples after
the warm-up (``--warmup-minutes``, default 2), with its standard error SE (and, to tell a
slow settling from a steady climb, the slope over the second half of those samples alone).
The verdict: "flat" when the slope's size is within the limit of ``FLAT_LIMITS_PER_HOUR``,
"noise" when it is above the limit but within 3 SE (the run cannot tell it from zero),
"load" for a climbing count of things in flight that is back to its idle value once the
traffic stops (``IN_FLIGHT_METRICS``), else "GROWING" or "falling". Then the responses by
status, every unexpected status or exception (the traffic's expected statuses are named per
request), and the server's log lines grouped. ``--json`` writes every sample (with the
request count so far) and the summary. The exit status is 1 when a metric is "GROWING", a
response or exception was unexpected, or the server logged a traceback.

Run::

    python benchmarks/soak.py --server uvicorn                       # 30 minutes
    python benchmarks/soak.py --server gunicorn --minutes 2 --json out.json
    python benchmarks/soak.py --report out.json                      # its summary again

Linux only (``/proc``). Not part of ``make test`` or ``make bench``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.metadata
import importlib.util
import json
import math
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

STARTUP_TIMEOUT_SECONDS = 30.0
SETTLE_SECONDS = 8.0
"""Wait after the traffic stops before the idle sample (longer than the keep-alive timeouts)."""

STORE_PATH_VARIABLE = 'SOAK_STORE_PATH'
"""Names the SQLite file the WSGI app's workers share their items in (see ``soak_app``)."""

CHAT_ECHO_TIMEOUT_SECONDS = 10.0
"""How long a chat member waits for its own messages to come back before it leaves."""

GUNICORN_WORKERS = 2
GUNICORN_THREADS = 8
GUNICORN_KEEPALIVE_SECONDS = 5
"""As uvicorn's default: an idle keep-alive connection is closed by the server after 5 s."""
CLIENT_KEEPALIVE_SECONDS = 1.0
"""The client drops idle connections well before the server would, so it never reuses one
the server is closing."""

FLAT_LIMITS_PER_HOUR = {
    'rss_mib': 2.0,
    'fds': 5.0,
    'threads': 1.0,
    'tasks': 5.0,
    'objects': 2000.0,
}
"""The largest slope after warm-up (per hour, summed over the server's processes) called flat."""

IN_FLIGHT_METRICS = frozenset({'fds', 'tasks'})
"""Counts that follow the work in flight (a socket and a task or two per open request).

Under traffic they rise and fall with the request rate; a leak of them stays after the
traffic stops. So a climbing slope of one of these counts as "load", not "GROWING", when
the idle sample after the traffic is back at (or below) the idle sample before it.
"""

METRIC_LABELS = {
    'rss_mib': 'RSS MiB',
    'fds': 'open fds',
    'threads': 'threads',
    'tasks': 'asyncio tasks',
    'objects': 'gc objects',
}


# -- bookkeeping --------------------------------------------------------------------------------


@dataclass
class Tally:
    """What the traffic did and what went wrong."""

    statuses: Counter[int] = field(default_factory=Counter)
    operations: Counter[str] = field(default_factory=Counter)
    activity: Counter[str] = field(default_factory=Counter)
    unexpected: Counter[str] = field(default_factory=Counter)
    unexpected_examples: list[str] = field(default_factory=list)

    def answered(self, operation: str, status: int, expected: int | tuple[int, ...]) -> bool:
        """Count a response; note it when its status is not the one the request asks for."""
        self.statuses[status] += 1
        self.operations[operation] += 1
        allowed = expected if isinstance(expected, tuple) else (expected,)
        if status in allowed:
            return True
        self.problem(f'{operation}: status {status}, expected {"/".join(map(str, allowed))}')
        return False

    def problem(self, description: str) -> None:
        key = re.sub(r'\d+', 'N', description)
        self.unexpected[key] += 1
        if len(self.unexpected_examples) < 20:
            self.unexpected_examples.append(f'{time.strftime("%H:%M:%S")} {description}')


_RANDOM_BYTES = os.urandom(512 * 1024)


def _payload(rng: random.Random, size: int) -> bytes:
    """``size`` random-looking bytes (a slice of one random block, repeated as needed)."""
    start = rng.randrange(len(_RANDOM_BYTES))
    block = _RANDOM_BYTES[start:] + _RANDOM_BYTES[:start]
    return (block * (size // len(block) + 1))[:size]


def _describe_exception(operation: str, error: BaseException) -> str:
    """The request the exception hit, then its type and first line and those of its causes."""
    where = operation
    if isinstance(error, httpx.RequestError):
        with contextlib.suppress(RuntimeError):
            where += f' {error.request.method} {error.request.url.path}'
    chain: list[str] = []
    cause: BaseException | None = error
    while cause is not None and len(chain) < 5:
        text = str(cause).strip()
        chain.append(type(cause).__name__ + (f' {text.splitlines()[0][:120]}' if text else ''))
        cause = cause.__cause__ or cause.__context__
    return f'{where}: {" <- ".join(chain)}'


async def _guarded(tally: Tally, operation: str, step: Awaitable[None]) -> None:
    try:
        await step
    except asyncio.CancelledError:
        raise
    except Exception as error:
        tally.problem(_describe_exception(operation, error))


# -- traffic ------------------------------------------------------------------------------------


@dataclass
class Traffic:
    """The client side: one pooled HTTP client and the target's address."""

    port: int
    tally: Tally
    websockets: bool
    crud_clients: int
    client: httpx.AsyncClient
    stopping: asyncio.Event = field(default_factory=asyncio.Event)

    async def pause(self, seconds: float) -> None:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.stopping.wait(), seconds)

    async def loop(self, name: str, step: Callable[[random.Random], Awaitable[None]]) -> None:
        """Repeat ``step`` until the traffic stops; exceptions are counted, never fatal."""
        rng = random.Random(name)
        while not self.stopping.is_set():
            await _guarded(self.tally, name.split('#')[0], step(rng))

    # JSON CRUD: 7 requests per cycle.
    async def crud_cycle(self, rng: random.Random) -> None:
        tally, client = self.tally, self.client
        document = {'name': f'item-{rng.randrange(10**6)}', 'tags': ['a', 'b'], 'n': rng.random()}
        response = await client.post('/items', json=document)
        if not tally.answered('POST /items', response.status_code, 201):
            return
        item_id = response.json()['id']
        url = f'/items/{item_id}'
        if response.headers.get('location') != url:
            tally.problem(f'POST /items: location {response.headers.get("location")!r}')
        await self.pause(0.04)
        response = await client.get(url)
        if tally.answered('GET /items/{id}', response.status_code, 200):
            if response.json()['document'] != document:
                tally.problem('GET /items/{id}: wrong document')
        await self.pause(0.04)
        document['n'] = rng.random()
        response = await client.put(url, json=document)
        tally.answered('PUT /items/{id}', response.status_code, 200)
        await self.pause(0.04)
        response = await client.get(url)
        if tally.answered('GET /items/{id}', response.status_code, 200):
            if response.json()['document'] != document:
                tally.problem('GET /items/{id} after PUT: wrong document')
        await self.pause(0.04)
        response = await client.delete(url)
        tally.answered('DELETE /items/{id}', response.status_code, 204)
        await self.pause(0.04)
        response = await client.get(url)
        tally.answered('GET /items/{id} deleted', response.status_code, 404)
        await self.pause(0.04)
        response = await client.delete(url)
        tally.answered('DELETE /items/{id} deleted', response.status_code, 404)
        await self.pause(0.04)

    async def upload(self, rng: random.Random) -> None:
        size = rng.randrange(16 * 1024, 256 * 1024)
        response = await self.client.post('/uploads', content=_payload(rng, size))
        if self.tally.answered('POST /uploads', response.status_code, 200):
            if response.json() != {'bytes': size}:
                self.tally.problem(f'POST /uploads: {response.json()} for {size} bytes')
        self.tally.activity['bytes uploaded'] += size
        await self.pause(0.2)
        file_size = rng.randrange(1024, 128 * 1024)
        response = await self.client.post(
            '/uploads/form',
            data={'title': 'soak'},
            files={'file': ('blob.bin', _payload(rng, file_size), 'application/octet-stream')},
        )
        if self.tally.answered('POST /uploads/form', response.status_code, 200):
            expected = {
                'parts': [{'name': 'title', 'bytes': 4}, {'name': 'file', 'bytes': file_size}]
            }
            if response.json() != expected:
                self.tally.problem(f'POST /uploads/form: {response.json()} for {file_size} bytes')
        self.tally.activity['bytes uploaded'] += file_size
        await self.pause(0.2)

    async def download(self, rng: random.Random) -> None:
        size = rng.randrange(16 * 1024, 512 * 1024)
        received = 0
        async with self.client.stream('GET', '/download', params={'size': size}) as response:
            async for chunk in response.aiter_raw():
                received += len(chunk)
        if self.tally.answered('GET /download', response.status_code, 200) and received != size:
            self.tally.problem(f'GET /download: {received} of {size} bytes')
        self.tally.activity['bytes downloaded'] += received
        await self.pause(0.2)

    async def sse_visit(self, rng: random.Random) -> None:
        finite = rng.random() < 0.25
        wanted = 5 if finite else rng.randrange(3, 30)
        params = {'count': wanted} if finite else {}
        events = 0
        async with self.client.stream('GET', '/events', params=params) as response:
            if not self.tally.answered('GET /events', response.status_code, 200):
                return
            async for line in response.aiter_lines():
                if line.startswith('data:'):
                    events += 1
                    if not finite and events >= wanted:
                        break
        self.tally.activity['SSE events read'] += events
        self.tally.activity[
            'SSE clients left early' if not finite else 'SSE streams read whole'
        ] += 1
        if events != wanted:
            self.tally.problem(f'GET /events: {events} of {wanted} events')
        await self.pause(rng.uniform(0.1, 0.5))

    async def chat_visit(self, rng: random.Random) -> None:
        room = f'room-{rng.randrange(3)}'
        me = f'{id(rng)}-{rng.randrange(10**9)}'
        messages = rng.randrange(5, 30)
        pending: set[str] = set()
        async with connect(
            f'ws://127.0.0.1:{self.port}/chat/{room}',
            proxy=None,
            open_timeout=10,
            close_timeout=5,
            compression=None,
        ) as ws:
            reader = asyncio.create_task(self._chat_reader(ws, me, pending))
            try:
                for number in range(messages):
                    text = f'{me}:{number}'
                    pending.add(text)
                    await ws.send(json.dumps({'from': me, 'text': text}))
                    self.tally.activity['chat messages sent'] += 1
                    await self.pause(0.2)
                    if self.stopping.is_set():
                        return
                deadline = time.monotonic() + CHAT_ECHO_TIMEOUT_SECONDS
                while pending and time.monotonic() < deadline and not self.stopping.is_set():
                    await asyncio.sleep(0.05)
                if pending and not self.stopping.is_set():
                    self.tally.problem(
                        f'chat: {len(pending)} own messages not echoed'
                        f' within {CHAT_ECHO_TIMEOUT_SECONDS:g} s'
                    )
                if rng.random() < 0.2:
                    ws.transport.abort()
                    self.tally.activity['chat members dropped'] += 1
                else:
                    await ws.close()
                    self.tally.activity['chat members left'] += 1
            finally:
                reader.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await reader
        self.tally.operations['WS /chat/{room}'] += 1
        await self.pause(rng.uniform(0.1, 1.0))

    async def _chat_reader(self, ws: ClientConnection, me: str, pending: set[str]) -> None:
        with contextlib.suppress(ConnectionClosed):
            async for message in ws:
                data = json.loads(message)
                self.tally.activity['chat messages received'] += 1
                if data['from'] == me:
                    pending.discard(data['text'])

    async def drop(self, rng: random.Random) -> None:
        kind = rng.choice(('half body', 'half download', 'half head'))
        reader, writer = await asyncio.open_connection('127.0.0.1', self.port)
        try:
            if kind == 'half body':
                writer.write(
                    b'POST /uploads HTTP/1.1\r\nHost: soak\r\nContent-Length: 200000\r\n'
                    b'Content-Type: application/octet-stream\r\n\r\n' + b'z' * 50000
                )
                await writer.drain()
                await asyncio.sleep(0.05)
            elif kind == 'half download':
                writer.write(b'GET /download?size=4194304 HTTP/1.1\r\nHost: soak\r\n\r\n')
                await writer.drain()
                await reader.readexactly(64 * 1024)
            else:
                writer.write(b'GET /items/1 HTTP/1.1\r\nHost: soak\r\nAccept: applic')
                await writer.drain()
                await asyncio.sleep(0.05)
        finally:
            reset = rng.random() < 0.3
            if reset:
                sock = writer.get_extra_info('socket')
                sock.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b'\x01\x00\x00\x00\x00\x00\x00\x00'
                )
                writer.transport.abort()
            else:
                writer.close()
                with contextlib.suppress(ConnectionError):
                    await writer.wait_closed()
        self.tally.activity[f'dropped: {kind}{" (reset)" if reset else ""}'] += 1
        await self.pause(0.5)

    def tasks(self) -> list[asyncio.Task[None]]:
        plan: list[tuple[str, Callable[[random.Random], Awaitable[None]], int]] = [
            ('crud', self.crud_cycle, self.crud_clients),
            ('upload', self.upload, 2),
            ('download', self.download, 2),
            ('sse', self.sse_visit, 4),
            ('drop', self.drop, 1),
        ]
        if self.websockets:
            plan.append(('chat', self.chat_visit, 6))
        return [
            asyncio.create_task(self.loop(f'{name}#{number}', step))
            for name, step, count in plan
            for number in range(count)
        ]


# -- the server and its sampling ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return int(probe.getsockname()[1])


def _uvicorn_websockets() -> str:
    """uvicorn's sans-I/O ``websockets`` protocol when it has one, else the older one."""
    sansio = importlib.util.find_spec('uvicorn.protocols.websockets.websockets_sansio_impl')
    return 'websockets-sansio' if sansio else 'websockets'


def server_command(server: str, port: int) -> list[str]:
    if server == 'uvicorn':
        http = 'httptools' if importlib.util.find_spec('httptools') else 'h11'
        return [
            sys.executable, '-m', 'uvicorn', 'soak_app:asgi_app',
            '--host', '127.0.0.1', '--port', str(port), '--workers', '1',
            '--http', http, '--ws', _uvicorn_websockets(), '--lifespan', 'off',
            '--no-access-log', '--log-level', 'warning',
        ]  # fmt: skip
    return [
        sys.executable, '-m', 'gunicorn', 'soak_app:wsgi_app',
        '--worker-class', 'gthread', '--workers', str(GUNICORN_WORKERS),
        '--threads', str(GUNICORN_THREADS), '--bind', f'127.0.0.1:{port}',
        '--keep-alive', str(GUNICORN_KEEPALIVE_SECONDS),
        '--log-level', 'warning', '--no-control-socket',
    ]  # fmt: skip


@contextlib.contextmanager
def serving(server: str, log_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = free_port()
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join(
        filter(None, [str(HERE), str(REPO), env.get('PYTHONPATH')])
    )
    env[STORE_PATH_VARIABLE] = str(log_path.with_name('items.sqlite'))
    with log_path.open('wb') as log:
        process = subprocess.Popen(
            server_command(server, port),
            cwd=HERE,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while True:
            if process.poll() is not None:
                tail = log_path.read_text(errors='replace').splitlines()[-5:]
                raise RuntimeError(f'{server} exited with {process.returncode}: {tail}')
            with contextlib.suppress(OSError), socket.create_connection(('127.0.0.1', port), 0.5):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f'{server} did not listen within {STARTUP_TIMEOUT_SECONDS} s')
            time.sleep(0.05)
        yield process, port
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _children(pid: int) -> list[int]:
    children = []
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = Path(f'/proc/{entry}/stat').read_text()
            parent = int(stat.rsplit(')', 1)[1].split()[1])
            if parent == pid:
                children.append(int(entry))
    return sorted(children)


def process_metrics(pid: int) -> dict[str, float] | None:
    """RSS (MiB), threads, open file descriptors and CPU seconds of a process (``None``: gone)."""
    try:
        status = Path(f'/proc/{pid}/status').read_text()
        fds = len(os.listdir(f'/proc/{pid}/fd'))
        stat = Path(f'/proc/{pid}/stat').read_text()
    except OSError:
        return None
    fields = dict(line.split(':', 1) for line in status.splitlines() if ':' in line)
    ticks = stat.rsplit(')', 1)[1].split()[11:13]  # utime and stime, fields 14 and 15
    return {
        'cpu_s': sum(map(int, ticks)) / os.sysconf('SC_CLK_TCK'),
        'rss_mib': int(fields['VmRSS'].split()[0]) / 1024,
        'threads': int(fields['Threads'].strip()),
        'fds': fds,
    }


async def inside_stats(port: int, worker_pids: list[int]) -> dict[int, dict[str, Any]]:
    """``/_soak/stats`` of every worker (a fresh connection per call, until each answered)."""
    found: dict[int, dict[str, Any]] = {}
    limits = httpx.Limits(max_keepalive_connections=0)
    async with httpx.AsyncClient(
        base_url=f'http://127.0.0.1:{port}', limits=limits, timeout=10
    ) as client:
        for _ in range(10 * max(1, len(worker_pids))):
            response = await client.get('/_soak/stats')
            stats = response.json()
            found[stats['pid']] = stats
            if set(worker_pids) <= set(found):
                break
    return found


async def take_sample(server_pid: int, port: int, started: float) -> dict[str, Any]:
    pids = [server_pid, *_children(server_pid)]
    inside = await inside_stats(port, pids[1:] or pids[:1])
    processes = {pid: metrics for pid in pids if (metrics := process_metrics(pid)) is not None}
    totals: dict[str, float] = {
        name: sum(metrics[name] for metrics in processes.values())
        for name in ('rss_mib', 'fds', 'threads')
    }
    tasks = [stats['tasks'] for stats in inside.values() if stats['tasks'] is not None]
    if tasks:
        totals['tasks'] = sum(tasks)
    totals['objects'] = sum(stats['objects'] for stats in inside.values())
    return {
        't': round(time.monotonic() - started, 1),
        'processes': {str(pid): metrics for pid, metrics in processes.items()},
        'inside': {str(pid): stats for pid, stats in inside.items()},
        'totals': totals,
    }


# -- figures ------------------------------------------------------------------------------------


def slope_per_hour(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Least-squares slope of ``(seconds, value)`` points, per hour, and its standard error."""
    n = len(points)
    if n < 3:
        return math.nan, math.nan
    mean_t = sum(t for t, _ in points) / n
    mean_v = sum(v for _, v in points) / n
    sxx = sum((t - mean_t) ** 2 for t, _ in points)
    sxy = sum((t - mean_t) * (v - mean_v) for t, v in points)
    slope = sxy / sxx
    residuals = sum((v - mean_v - slope * (t - mean_t)) ** 2 for t, v in points)
    error = math.sqrt(residuals / (n - 2) / sxx)
    return slope * 3600, error * 3600


def _verdict(metric: str, slope: float, error: float, limit: float, idle_growth: float) -> str:
    if abs(slope) <= limit:
        return 'flat'
    if abs(slope) <= 3 * error:
        return 'noise'
    if slope < 0:
        return 'falling'
    if metric in IN_FLIGHT_METRICS and idle_growth <= 0:
        return 'load'
    return 'GROWING'


def summarize(
    idle_before: dict[str, Any],
    samples: list[dict[str, Any]],
    idle_after: dict[str, Any],
    warmup: float,
) -> dict[str, dict[str, float | str]]:
    summary: dict[str, dict[str, float | str]] = {}
    for metric, limit in FLAT_LIMITS_PER_HOUR.items():
        if metric not in idle_before['totals']:
            continue
        values = [sample['totals'][metric] for sample in samples]
        after_warmup = [(s['t'], s['totals'][metric]) for s in samples if s['t'] >= warmup]
        slope, error = slope_per_hour(after_warmup)
        second_half, _ = slope_per_hour(after_warmup[len(after_warmup) // 2 :])
        summary[metric] = {
            'idle_before': idle_before['totals'][metric],
            'first': values[0],
            'end_of_warmup': after_warmup[0][1] if after_warmup else math.nan,
            'last': values[-1],
            'max': max(values),
            'idle_after': idle_after['totals'][metric],
            'slope_per_hour': slope,
            'slope_error': error,
            'second_half_slope_per_hour': second_half,
            'limit_per_hour': limit,
            'verdict': _verdict(
                metric,
                slope,
                error,
                limit,
                idle_after['totals'][metric] - idle_before['totals'][metric],
            ),
        }
    return summary


def _number(value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f'{value:.1f}'
    return str(int(value))


def print_report(result: dict[str, Any]) -> None:
    config = result['config']
    print(
        f'\n{config["server"]}: {config["minutes"]} min, sample every {config["interval"]} s, '
        f'slopes over t >= {config["warmup_minutes"]} min ({len(result["samples"])} samples)'
    )
    header = (
        'metric',
        'idle before',
        'first',
        'last',
        'max',
        'idle after',
        'slope/h ± SE',
        '2nd half',
        'limit',
        '',
    )
    rows = [header]
    for metric, row in result['summary'].items():
        rows.append(
            (
                METRIC_LABELS[metric],
                _number(row['idle_before']),
                _number(row['first']),
                _number(row['last']),
                _number(row['max']),
                _number(row['idle_after']),
                f'{row["slope_per_hour"]:+.2f} ± {row["slope_error"]:.2f}',
                f'{row["second_half_slope_per_hour"]:+.2f}',
                f'{row["limit_per_hour"]:g}',
                str(row['verdict']),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        print(
            '  '.join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    tally = result['traffic']
    seconds = config['minutes'] * 60
    requests = sum(tally['operations'].values())
    print(
        f'\nserver processes seen: {len(result["server_pids"])}; CPU seconds: server '
        f'{result["server_cpu_s"]:.0f} ({result["server_cpu_s"] / seconds:.0%} of a CPU), '
        f'client {result["client_cpu_s"]:.0f} ({result["client_cpu_s"] / seconds:.0%})'
    )
    print(f'\nresponses by status: {dict(sorted(tally["statuses"].items()))}')
    print(f'requests: {requests} ({requests / seconds:.0f}/s)')
    for name, count in sorted(tally['operations'].items()):
        print(f'  {name}: {count}')
    for name, count in sorted(tally['activity'].items()):
        print(f'  {name}: {count}')
    half_bodies = sum(
        count for name, count in tally['activity'].items() if name.startswith('dropped: half body')
    )
    print(
        f'uploads the app saw cut short: {result["uploads_cut_short"]}'
        f' (half bodies sent: {half_bodies})'
    )
    print(f'unexpected statuses or exceptions: {sum(tally["unexpected"].values())}')
    for description, count in Counter(tally['unexpected']).most_common(20):
        print(f'  {count} x {description}')
    log = result['server_log']
    print(f'server log: {log["lines"]} lines, {log["tracebacks"]} tracebacks')
    for line, count in log['distinct'].items():
        print(f'  {count} x | {line}')


# -- the run ------------------------------------------------------------------------------------


async def _workers_booted(server_pid: int, workers: int) -> None:
    """Wait until the server has forked ``workers`` processes, then let them settle."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while len(_children(server_pid)) < workers:
        if time.monotonic() > deadline:
            raise RuntimeError(f'{workers} workers did not start in {STARTUP_TIMEOUT_SECONDS} s')
        await asyncio.sleep(0.1)
    await asyncio.sleep(2)


async def soak(
    options: argparse.Namespace, process: subprocess.Popen[bytes], port: int
) -> dict[str, Any]:
    started = time.monotonic()
    await _workers_booted(process.pid, GUNICORN_WORKERS if options.server == 'gunicorn' else 0)
    idle_before = await take_sample(process.pid, port, started)
    tally = Tally()
    limits = httpx.Limits(
        max_connections=64, max_keepalive_connections=32, keepalive_expiry=CLIENT_KEEPALIVE_SECONDS
    )
    samples: list[dict[str, Any]] = []
    async with httpx.AsyncClient(
        base_url=f'http://127.0.0.1:{port}', limits=limits, timeout=30
    ) as client:
        traffic = Traffic(
            port,
            tally,
            websockets=options.server == 'uvicorn',
            crud_clients=options.crud_clients,
            client=client,
        )
        workers = traffic.tasks()
        started = time.monotonic()
        deadline = started + options.minutes * 60
        next_sample = started + options.interval
        while time.monotonic() < deadline:
            await asyncio.sleep(max(0.0, min(next_sample, deadline) - time.monotonic()))
            if time.monotonic() >= next_sample:
                next_sample += options.interval
                sample = await take_sample(process.pid, port, started)
                sample['requests'] = sum(tally.operations.values())
                samples.append(sample)
                if options.verbose:
                    totals = ' '.join(f'{k}={_number(v)}' for k, v in sample['totals'].items())
                    print(
                        f't={sample["t"]:.0f}s {totals} requests={sum(tally.operations.values())} '
                        f'unexpected={sum(tally.unexpected.values())}',
                        flush=True,
                    )
        traffic.stopping.set()
        _, still_running = await asyncio.wait(workers, timeout=30)
        for task in still_running:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
    await asyncio.sleep(SETTLE_SECONDS)
    idle_after = await take_sample(process.pid, port, started)
    return {
        'idle_before': idle_before,
        'samples': samples,
        'idle_after': idle_after,
        'summary': summarize(idle_before, samples, idle_after, options.warmup_minutes * 60),
        'traffic': {
            'statuses': dict(tally.statuses),
            'operations': dict(tally.operations),
            'activity': dict(tally.activity),
            'unexpected': dict(tally.unexpected),
            'unexpected_examples': tally.unexpected_examples,
        },
        'still_running_at_stop': len(still_running),
        'server_pids': sorted({int(pid) for sample in samples for pid in sample['processes']}),
        'server_cpu_s': sum(metrics['cpu_s'] for metrics in idle_after['processes'].values()),
        'client_cpu_s': sum(os.times()[:2]),
        'uploads_cut_short': sum(
            stats['uploads_cut_short'] for stats in idle_after['inside'].values()
        ),
    }


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return 'not installed'


def read_log(path: Path) -> dict[str, Any]:
    lines = path.read_text(errors='replace').splitlines()
    return {
        'lines': len(lines),
        'tracebacks': sum(line.startswith('Traceback') for line in lines),
        'distinct': dict(Counter(re.sub(r'\d+', 'N', line) for line in lines).most_common(20)),
        'head': lines[:40],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--server', choices=('uvicorn', 'gunicorn'))
    parser.add_argument('--minutes', type=float, default=30.0)
    parser.add_argument('--warmup-minutes', type=float, default=2.0)
    parser.add_argument('--interval', type=float, default=10.0, help='seconds between samples')
    parser.add_argument('--json', type=Path, help='write the samples and the summary here')
    parser.add_argument(
        '--crud-clients', type=int, default=8, help='concurrent JSON CRUD loops (default 8)'
    )
    parser.add_argument('--verbose', action='store_true', help='print each sample')
    parser.add_argument(
        '--report',
        type=Path,
        help="summarize a run's saved JSON again (with this version's limits) instead of running",
    )
    options = parser.parse_args(argv)
    if options.report:
        result = json.loads(options.report.read_text())
        result['config']['flat_limits_per_hour'] = FLAT_LIMITS_PER_HOUR
        result['summary'] = summarize(
            result['idle_before'],
            result['samples'],
            result['idle_after'],
            result['config']['warmup_minutes'] * 60,
        )
        return _finish(result, options.json)
    if options.server is None:
        parser.error('--server is required (or --report)')
    if options.warmup_minutes * 2 > options.minutes:
        options.warmup_minutes = options.minutes / 4
    with tempfile.TemporaryDirectory(prefix='soak-') as scratch:
        log_path = Path(scratch) / 'server.log'
        with serving(options.server, log_path) as (process, port):
            result = asyncio.run(soak(options, process, port))
        result['server_log'] = read_log(log_path)
    result['config'] = {
        'server': options.server,
        'command': ' '.join(server_command(options.server, 0)[1:])
        .replace(':0 ', ':PORT ')
        .replace('--port 0 ', '--port PORT '),
        'minutes': options.minutes,
        'warmup_minutes': options.warmup_minutes,
        'interval': options.interval,
        'python': sys.version.split()[0],
        'allocator_environment': {
            name: value for name, value in os.environ.items() if name.startswith('MALLOC_')
        },
        'packages': {
            name: _version(name) for name in ('gunicorn', 'uvicorn', 'h11', 'websockets', 'httpx')
        },
        'falcon': next(iter(result['idle_before']['inside'].values()))['falcon'],
        'flat_limits_per_hour': FLAT_LIMITS_PER_HOUR,
    }
    return _finish(result, options.json)


def _finish(result: dict[str, Any], json_path: Path | None) -> int:
    print_report(result)
    if json_path:
        json_path.write_text(json.dumps(result, sort_keys=True, separators=(',', ':')) + '\n')
    failed = sum(result['traffic']['unexpected'].values()) or result['server_log']['tracebacks']
    growing = [metric for metric, row in result['summary'].items() if row['verdict'] == 'GROWING']
    return 1 if failed or growing else 0


if __name__ == '__main__':
    sys.exit(main())
