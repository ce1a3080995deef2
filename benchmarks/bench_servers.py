"""Requests per second, latency and server CPU of the apps of ``bench_http`` under real servers.

Each scenario (hello world, JSON POST + 2 middleware) is served over loopback by three
servers, each with the falcon app and with the raw callable of the same mode (the floor):

* gunicorn, sync worker, 1 worker: ``falcon.App`` and the raw WSGI callable. This worker
  closes the connection after every response, so each request pays a new TCP connection;
* gunicorn, gthread worker, 1 worker with 8 threads: the same two apps, on connections the
  worker keeps alive;
* uvicorn, 1 worker, httptools when installed else h11: ``falcon.asgi.App`` and the raw
  ASGI callable.

For one scenario and one server, the raw and the falcon app are served at the same time by
two server processes on free ports of 127.0.0.1, and the load alternates between them:
raw, falcon, raw, falcon... for N rounds (``--rounds``). Both servers stay up for all the
rounds and are always terminated at the end. Each round is 0.5 s of warm-up (not counted)
then 2 s of counted requests (or ``--max-requests``, whichever comes first).

The load comes from a separate process (this file with ``client``): a small asyncio HTTP/1.1
client on raw streams holding N keep-alive connections, each sending the scenario's request
and reading the whole response before sending the next. A connection the server closes is
reopened, and that connect counts in the latency of the request that needed it; the client
counts these reconnects. Every response's status and body is compared with the raw
callable's, so a broken path is never measured. Over each round's counted window the client
also reads the CPU time the server used (the server process and all its descendants, such as
gunicorn's worker: ``/proc/<pid>/task/*/schedstat``, else ``/proc/<pid>/stat``) and divides
it by the counted requests: "server CPU us/req", which moves much less than req/s on a
shared machine, because time the server spends waiting for a core is not counted.

Reported per app: the best round's req/s with that round's p50 and p99 latency, the ratio of
the falcon app's best to the raw app's best, the median of the per-round ratios (round i
falcon over round i raw), and the median server CPU per request.

On a machine with at least two CPUs both servers are pinned to the first and the client to
the second; they still share the machine with everything else running on it.

``instructions`` counts instead, with valgrind's callgrind, the instructions the whole server
process executes per request (every app served twice, for 200 then 1 200 requests; the
difference over the extra requests cancels start-up): unlike req/s and CPU time, that figure
does not depend on what else runs on the machine. Each server run takes minutes (valgrind
runs Python about 50 times slower), so the whole count takes an hour or more.

Usage::

    python benchmarks/bench_servers.py                   # both scenarios, all three servers
    python benchmarks/bench_servers.py hello -c 16       # one scenario, 16 connections
    python benchmarks/bench_servers.py --server uvicorn --rounds 9 --verbose
    python benchmarks/run.py --servers                   # the same table through run.py
    python benchmarks/bench_servers.py instructions hello --server uvicorn   # callgrind
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import json
import math
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for _path in (str(REPO), str(HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import bench_http  # noqa: E402

__all__ = [
    'SERVERS',
    'SERVER_SCENARIOS',
    'LoadResult',
    'Server',
    'count_instructions',
    'main',
    'process_tree_cpu_seconds',
    'run_load',
    'run_pair',
]

SERVER_SCENARIOS = ('hello', 'json')
"""The scenarios of ``bench_http.SCENARIOS`` measured under servers."""

STARTUP_TIMEOUT = 30.0
MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 16 * 1024 * 1024
GTHREAD_THREADS = 8


@dataclass(frozen=True)
class Server:
    """One server configuration and the two apps it serves: the raw floor and falcon's."""

    name: str
    label: str
    program: str
    worker_class: str
    raw_attribute: str
    raw_label: str
    falcon_attribute: str
    falcon_label: str


SERVERS = (
    Server(
        'gunicorn-sync', 'gunicorn sync', 'gunicorn', 'sync',
        'raw_wsgi', 'raw WSGI', 'wsgi_app', 'falcon.App',
    ),
    Server(
        'gunicorn-gthread', 'gunicorn gthread', 'gunicorn', 'gthread',
        'raw_wsgi', 'raw WSGI', 'wsgi_app', 'falcon.App',
    ),
    Server(
        'uvicorn', 'uvicorn', 'uvicorn', '',
        'raw_asgi', 'raw ASGI', 'asgi_app', 'falcon.asgi.App',
    ),
)  # fmt: skip
"""Every measured server, in table order."""


@dataclass
class LoadResult:
    """What one load run measured."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    reconnects: int
    client_cpu: float
    server_cpu_seconds: float

    @property
    def per_second(self) -> float:
        """Completed requests per second of the measured window."""
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def server_us_per_request(self) -> float:
        """Server CPU microseconds per counted request (NaN when it could not be read)."""
        if not self.requests or math.isnan(self.server_cpu_seconds):
            return math.nan
        return self.server_cpu_seconds / self.requests * 1e6


# -- apps for the servers ------------------------------------------------------------------------

_APPS: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    """Serve ``<scenario>__<attribute>`` (e.g. ``hello__wsgi_app``) as a server target.

    Args:
        name: The scenario short name and the ``bench_http.Scenario`` attribute, joined by
            two underscores.

    Returns:
        The app, built once per process.

    Raises:
        AttributeError: When ``name`` names no scenario app.
    """
    scenario_name, separator, attribute = name.partition('__')
    factory = bench_http.SCENARIOS.get(scenario_name)
    if not separator or factory is None or attribute not in _APP_ATTRIBUTES:
        raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
    if name not in _APPS:
        _APPS[name] = getattr(factory(), attribute)
    return _APPS[name]


_APP_ATTRIBUTES = frozenset(
    attribute
    for server in SERVERS
    for attribute in (server.raw_attribute, server.falcon_attribute)
)


# -- server CPU ----------------------------------------------------------------------------------


def _descendants(root: int) -> list[int]:
    """``root`` and every process below it, from the parent ids in ``/proc/<pid>/stat``."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open(f'/proc/{entry}/stat', 'rb') as stat:
                data = stat.read()
        except OSError:
            continue
        parent = int(data[data.rindex(b')') + 2 :].split()[1])
        children.setdefault(parent, []).append(int(entry))
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children.get(pid, ()))
    return found


def _process_cpu_seconds(pid: int) -> float:
    """CPU time of one process: its threads' run time in ns, else its utime + stime ticks."""
    try:
        total_ns = 0
        for task in os.listdir(f'/proc/{pid}/task'):
            with open(f'/proc/{pid}/task/{task}/schedstat', 'rb') as schedstat:
                total_ns += int(schedstat.read().split()[0])
        if total_ns:
            return total_ns / 1e9
        with open(f'/proc/{pid}/stat', 'rb') as stat:
            data = stat.read()
    except OSError:
        return 0.0
    fields = data[data.rindex(b')') + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def process_tree_cpu_seconds(pids: list[int]) -> float:
    """Total CPU seconds used so far by ``pids`` (NaN without ``/proc``)."""
    if not os.path.isdir('/proc/self/task'):
        return math.nan
    return sum(_process_cpu_seconds(pid) for pid in pids)


# -- servers -------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(('127.0.0.1', 0))
        return int(probe.getsockname()[1])


def uvicorn_http_implementation() -> str:
    """``httptools`` when it is installed, else ``h11``."""
    return 'httptools' if importlib.util.find_spec('httptools') else 'h11'


def _gunicorn_has_control_socket() -> bool:
    from gunicorn.config import KNOWN_SETTINGS  # type: ignore[import-untyped]

    return any(setting.name == 'control_socket_disable' for setting in KNOWN_SETTINGS)


def _server_command(server: Server, target: str, port: int) -> list[str]:
    if server.program == 'uvicorn':
        return [
            sys.executable, '-m', 'uvicorn', target,
            '--host', '127.0.0.1', '--port', str(port), '--workers', '1',
            '--http', uvicorn_http_implementation(), '--lifespan', 'off',
            '--no-access-log', '--log-level', 'warning',
        ]  # fmt: skip
    command = [
        sys.executable, '-m', 'gunicorn', target,
        '--worker-class', server.worker_class, '--workers', '1',
        '--bind', f'127.0.0.1:{port}', '--log-level', 'warning',
    ]  # fmt: skip
    if server.worker_class == 'gthread':
        command += ['--threads', str(GTHREAD_THREADS)]
    if _gunicorn_has_control_socket():
        command.append('--no-control-socket')
    return command


def _cpus() -> list[int]:
    if not hasattr(os, 'sched_getaffinity'):
        return []
    return sorted(os.sched_getaffinity(0))


def _pinned_to(cpu: int | None) -> Callable[[], None] | None:
    if cpu is None:
        return None

    def pin() -> None:
        os.sched_setaffinity(0, {cpu})

    return pin


def _wait_until_listening(
    process: subprocess.Popen[bytes], port: int, name: str, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f'{name} exited with {process.returncode}')
        with contextlib.suppress(OSError):
            with socket.create_connection(('127.0.0.1', port), timeout=0.5):
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f'{name} did not listen within {timeout:g} s')
        time.sleep(0.05)


def _stop(process: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextlib.contextmanager
def serving(
    server: Server,
    target: str,
    cpu: int | None,
    wrapper: list[str] | None = None,
    stderr: Any = None,
    startup_timeout: float = STARTUP_TIMEOUT,
) -> Iterator[tuple[int, int]]:
    """Run ``server`` on ``target`` (``module:attribute``) until the block ends.

    Args:
        server: The server configuration.
        target: The app to serve, as ``module:attribute`` importable from ``benchmarks/``.
        cpu: The CPU to pin the server (and the workers it forks) to, or ``None``.
        wrapper: A command the server runs under (e.g. valgrind and its options).
        stderr: Where the server's standard error goes (default: this process's).
        startup_timeout: Seconds the server has to start listening.

    Yields:
        The loopback port the server listens on and the server's process id.

    Raises:
        RuntimeError: When the server exits or does not listen in time.
    """
    port = _free_port()
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join(
        filter(None, [str(HERE), str(REPO), env.get('PYTHONPATH')])
    )
    process = subprocess.Popen(
        [*(wrapper or ()), *_server_command(server, target, port)],
        cwd=HERE,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        preexec_fn=_pinned_to(cpu),
    )
    try:
        _wait_until_listening(process, port, f'{server.label} {target}', startup_timeout)
        yield port, process.pid
    finally:
        _stop(process, grace=startup_timeout)


# -- load generator ------------------------------------------------------------------------------


def request_bytes(scenario: bench_http.Scenario, port: int) -> bytes:
    """The HTTP/1.1 request of ``scenario`` as sent on the wire to ``127.0.0.1:port``."""
    target = scenario.path + (f'?{scenario.query_string}' if scenario.query_string else '')
    lines = [f'{scenario.method} {target} HTTP/1.1', f'host: 127.0.0.1:{port}']
    lines.extend(f'{name}: {value}' for name, value in scenario.headers if name != 'host')
    if scenario.body:
        lines.append(f'content-length: {len(scenario.body)}')
    return ('\r\n'.join(lines) + '\r\n\r\n').encode('latin-1') + scenario.body


class ResponseError(Exception):
    """The server answered something other than the expected response."""


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    parts: list[bytes] = []
    size_total = 0
    while True:
        size_line = await reader.readuntil(b'\r\n')
        size = int(size_line.split(b';', 1)[0].strip(), 16)
        if size == 0:
            while await reader.readuntil(b'\r\n') != b'\r\n':
                pass
            return b''.join(parts)
        size_total += size
        if size_total > MAX_BODY_BYTES:
            raise ResponseError('chunked body too large')
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """Read one HTTP/1.1 response.

    Args:
        reader: The connection's stream.

    Returns:
        The status code, the body, and whether the server keeps the connection open.

    Raises:
        ResponseError: When the head is malformed or too large.
        asyncio.IncompleteReadError: When the server closes the connection mid-response.
    """
    try:
        head = await reader.readuntil(b'\r\n\r\n')
    except asyncio.LimitOverrunError as error:
        raise ResponseError('response head too large') from error
    status_line, *header_lines = head[:-4].split(b'\r\n')
    version, _, rest = status_line.partition(b' ')
    status = int(rest[:3])
    length: int | None = None
    chunked = False
    keep_alive = version == b'HTTP/1.1'
    for line in header_lines:
        name, _, value = line.partition(b':')
        name, value = name.strip().lower(), value.strip().lower()
        if name == b'content-length':
            length = int(value)
        elif name == b'transfer-encoding':
            chunked = value.endswith(b'chunked')
        elif name == b'connection':
            keep_alive = value == b'keep-alive' or (keep_alive and value != b'close')
    if chunked:
        body = await _read_chunked(reader)
    elif length is not None:
        if length > MAX_BODY_BYTES:
            raise ResponseError('body too large')
        body = await reader.readexactly(length)
    else:
        body = await reader.read(MAX_BODY_BYTES)
        keep_alive = False
    return status, body, keep_alive


@dataclass
class _LoadState:
    request: bytes
    expected: tuple[int, bytes]
    measure_from: float
    stop_at: float
    max_requests: int
    server_pid: int
    latencies: list[float]
    reconnects: int = 0
    first_measured: float = 0.0
    last_measured: float = 0.0
    cpu_at_first: float = 0.0
    cpu_at_last: float = 0.0
    server_pids: list[int] | None = None
    server_cpu_at_first: float = 0.0


async def _connection(port: int, state: _LoadState) -> None:
    clock = time.perf_counter
    writer: asyncio.StreamWriter | None = None
    reader: asyncio.StreamReader | None = None
    try:
        while True:
            started = clock()
            if started >= state.stop_at or len(state.latencies) >= state.max_requests:
                return
            measured = started >= state.measure_from
            if measured and state.server_pids is None:
                state.server_pids = _descendants(state.server_pid)
                state.server_cpu_at_first = process_tree_cpu_seconds(state.server_pids)
            if writer is None or reader is None:
                if measured:
                    state.reconnects += 1
                reader, writer = await asyncio.open_connection(
                    '127.0.0.1', port, limit=MAX_HEADER_BYTES
                )
            writer.write(state.request)
            status, body, keep_alive = await read_response(reader)
            finished = clock()
            if (status, body) != state.expected:
                raise ResponseError(f'got {status} {body[:200]!r}, expected {state.expected!r}')
            if measured:
                if not state.latencies:
                    state.first_measured = started
                    state.cpu_at_first = time.process_time()
                state.latencies.append(finished - started)
                state.last_measured = finished
                state.cpu_at_last = time.process_time()
            if not keep_alive:
                writer.close()
                writer = reader = None
    finally:
        if writer is not None:
            writer.close()


async def _load(
    port: int,
    server_pid: int,
    request: bytes,
    expected: tuple[int, bytes],
    connections: int,
    warmup: float,
    duration: float,
    max_requests: int,
) -> LoadResult:
    now = time.perf_counter()
    state = _LoadState(
        request=request,
        expected=expected,
        measure_from=now + warmup,
        stop_at=now + warmup + duration,
        max_requests=max_requests,
        server_pid=server_pid,
        latencies=[],
    )
    await asyncio.gather(*(_connection(port, state) for _ in range(connections)))
    server_cpu = (
        process_tree_cpu_seconds(state.server_pids) - state.server_cpu_at_first
        if state.server_pids is not None
        else math.nan
    )
    latencies = sorted(state.latencies)
    if not latencies:
        return LoadResult(0, 0.0, 0.0, 0.0, state.reconnects, 0.0, server_cpu)
    p99_index = min(len(latencies) - 1, int(len(latencies) * 0.99))
    seconds = state.last_measured - state.first_measured
    return LoadResult(
        requests=len(latencies),
        seconds=seconds,
        p50_ms=statistics.median(latencies) * 1000.0,
        p99_ms=latencies[p99_index] * 1000.0,
        reconnects=state.reconnects,
        client_cpu=(state.cpu_at_last - state.cpu_at_first) / seconds if seconds else 0.0,
        server_cpu_seconds=server_cpu,
    )


def run_load(
    scenario_name: str,
    port: int,
    server_pid: int,
    connections: int,
    warmup: float,
    duration: float,
    max_requests: int,
) -> LoadResult:
    """Load ``127.0.0.1:port`` with the request of a scenario, in this process.

    Args:
        scenario_name: A key of ``bench_http.SCENARIOS``.
        port: The server's loopback port.
        server_pid: The server's process id, whose CPU time (with its descendants') is read.
        connections: Concurrent keep-alive connections.
        warmup: Seconds of requests not counted.
        duration: Seconds of counted requests at most.
        max_requests: Counted requests at most.

    Returns:
        The measured figures.

    Raises:
        ResponseError: When a response differs from the raw callable's.
    """
    scenario = bench_http.SCENARIOS[scenario_name]()
    status, _headers, body = bench_http._wsgi_outcome(scenario.raw_wsgi, scenario)
    expected = (status, body)
    request = request_bytes(scenario, port)
    return asyncio.run(
        _load(port, server_pid, request, expected, connections, warmup, duration, max_requests)
    )


def _client_process(
    scenario_name: str,
    targets: list[tuple[int, int]],
    options: argparse.Namespace,
    cpu: int | None,
) -> list[list[LoadResult]]:
    command = [
        sys.executable, str(Path(__file__).resolve()), 'client', scenario_name,
        '--targets', ','.join(f'{port}:{pid}' for port, pid in targets),
        '--rounds', str(options.rounds), '--connections', str(options.connections),
        '--warmup', str(options.warmup), '--duration', str(options.duration),
        '--max-requests', str(options.max_requests),
    ]  # fmt: skip
    budget = options.rounds * len(targets) * (options.warmup + options.duration + 10.0) + 30.0
    completed = subprocess.run(
        command,
        capture_output=True,
        check=False,
        timeout=budget,
        preexec_fn=_pinned_to(cpu),
    )
    if completed.returncode != 0:
        raise RuntimeError(f'load client failed:\n{completed.stderr.decode(errors="replace")}')
    return [
        [LoadResult(**fields) for fields in round_results]
        for round_results in json.loads(completed.stdout)
    ]


def run_pair(
    scenario_name: str, server: Server, options: argparse.Namespace, cpus: list[int]
) -> tuple[list[LoadResult], list[LoadResult]]:
    """Serve a scenario's raw and falcon apps with ``server`` and load them alternately.

    Returns:
        The raw app's rounds and the falcon app's rounds, in order.
    """
    server_cpu, client_cpu = (cpus[0], cpus[1]) if options.pin and len(cpus) >= 2 else (None, None)
    with contextlib.ExitStack() as stack:
        targets = [
            stack.enter_context(
                serving(server, f'bench_servers:{scenario_name}__{attribute}', server_cpu)
            )
            for attribute in (server.raw_attribute, server.falcon_attribute)
        ]
        rounds = _client_process(scenario_name, targets, options, client_cpu)
    return [raw for raw, _ in rounds], [falcon for _, falcon in rounds]


# -- instructions per request (callgrind) --------------------------------------------------------

CALLGRIND_STARTUP_TIMEOUT = 900.0
_REFS = re.compile(rb'refs:\s*([\d,]+)')


def count_instructions(
    scenario_name: str, server: Server, attribute: str, requests: int, connections: int
) -> tuple[int, int]:
    """Serve one app under callgrind, send it ``requests`` requests, stop it.

    The server runs with ``PYTHONHASHSEED=1`` under ``valgrind --tool=callgrind
    --trace-children=yes`` (gunicorn with ``--timeout 900``, as everything runs about 50 times
    slower); the instructions of all its processes are added up.

    Returns:
        The requests the server answered (a few more than ``requests``: the connections'
        requests in flight when the count was reached) and the instructions it executed,
        start-up and shutdown included.
    """
    with tempfile.TemporaryDirectory() as directory:
        wrapper = [
            'env', 'PYTHONHASHSEED=1', 'GUNICORN_CMD_ARGS=--timeout 900',
            'valgrind', '--tool=callgrind', '--trace-children=yes',
            f'--callgrind-out-file={directory}/callgrind.%p', f'--log-file={directory}/log.%p',
        ]  # fmt: skip
        target = f'bench_servers:{scenario_name}__{attribute}'
        with serving(server, target, None, wrapper, startup_timeout=CALLGRIND_STARTUP_TIMEOUT) as (
            port,
            pid,
        ):
            time.sleep(1.0)
            result = run_load(scenario_name, port, pid, connections, 0.0, 86_400.0, requests)
        instructions = 0
        for log in Path(directory).glob('log.*'):
            for match in _REFS.finditer(log.read_bytes()):
                instructions += int(match.group(1).replace(b',', b''))
    return result.requests, instructions


def run_instructions(
    scenario_names: list[str], servers: list[Server], options: argparse.Namespace
) -> None:
    """Print the instructions per request of every app under every server.

    Each app is served twice, for ``options.low`` then ``options.high`` requests; the
    difference over the extra requests cancels start-up and shutdown.
    """
    print(
        f'Python {sys.version.split()[0]}; callgrind, PYTHONHASHSEED=1; {options.connections} '
        f'connections; ({options.high} - {options.low} requests); instructions per request of '
        'the whole server process (gunicorn: master + worker)'
    )
    print(
        f'{"scenario":<18}{"server":<18}{"app":<16}{"instr/req":>12}{"+instr":>12}{"raw/app":>10}'
    )
    for scenario_name in scenario_names:
        scenario_label = bench_http.SCENARIOS[scenario_name]().name
        for server in servers:
            raw_per_request = 0.0
            for attribute, label in (
                (server.raw_attribute, server.raw_label),
                (server.falcon_attribute, server.falcon_label),
            ):
                low = count_instructions(
                    scenario_name, server, attribute, options.low, options.connections
                )
                high = count_instructions(
                    scenario_name, server, attribute, options.high, options.connections
                )
                per_request = (high[1] - low[1]) / (high[0] - low[0])
                if attribute == server.raw_attribute:
                    raw_per_request = per_request
                    extra, share = '', '100 %'
                else:
                    extra = f'{per_request - raw_per_request:+,.0f}'
                    share = f'{raw_per_request / per_request * 100:.1f} %'
                print(
                    f'{scenario_label:<18}{server.label:<18}{label:<16}'
                    f'{per_request:>12,.0f}{extra:>12}{share:>10}',
                    flush=True,
                )


# -- table ---------------------------------------------------------------------------------------

_COLUMNS = (
    'scenario', 'server', 'app',
    'req/s', 'p50 ms', 'p99 ms', 'vs raw', 'median', 'srv us/req', '+us/req', 'conn/req',
    'client CPU',
)  # fmt: skip
_FIGURE_WIDTH = 11


def _format_row(cells: tuple[str, ...]) -> str:
    scenario, server, app, *figures = cells
    return f'{scenario:<18}{server:<18}{app:<16}' + ''.join(
        f'{cell:>{_FIGURE_WIDTH}}' for cell in figures
    )


def _best(results: list[LoadResult]) -> LoadResult:
    return max(results, key=lambda result: result.per_second)


def _median_us(results: list[LoadResult]) -> float:
    figures = [result.server_us_per_request for result in results]
    return statistics.median(figures) if not any(map(math.isnan, figures)) else math.nan


def _us(figure: float, sign: str = '') -> str:
    return '-' if math.isnan(figure) else f'{figure:{sign}.1f}'


def _rows(
    scenario_label: str, server: Server, raw: list[LoadResult], falcon: list[LoadResult]
) -> list[tuple[str, ...]]:
    raw_best, falcon_best = _best(raw), _best(falcon)
    best_ratio = falcon_best.per_second / raw_best.per_second if raw_best.per_second else 0.0
    paired = [
        pair_falcon.per_second / pair_raw.per_second
        for pair_raw, pair_falcon in zip(raw, falcon, strict=True)
        if pair_raw.per_second
    ]
    median_ratio = statistics.median(paired) if paired else 0.0
    raw_us, falcon_us = _median_us(raw), _median_us(falcon)
    rows = []
    for label, best, ratio, median, us, extra in (
        (server.raw_label, raw_best, '100 %', '100 %', raw_us, ''),
        (
            server.falcon_label,
            falcon_best,
            f'{best_ratio * 100:.0f} %',
            f'{median_ratio * 100:.0f} %',
            falcon_us,
            _us(falcon_us - raw_us, '+'),
        ),
    ):
        rows.append(
            (
                scenario_label,
                server.label,
                label,
                f'{best.per_second:,.0f}',
                f'{best.p50_ms:.2f}',
                f'{best.p99_ms:.2f}',
                ratio,
                median,
                _us(us),
                extra,
                f'{best.reconnects / best.requests if best.requests else 0.0:.2f}',
                f'{best.client_cpu * 100:.0f} %',
            )
        )
    return rows


def _describe(options: argparse.Namespace, cpus: list[int]) -> str:
    pinned = options.pin and len(cpus) >= 2
    pinning = f'servers on CPU {cpus[0]}, client on CPU {cpus[1]}' if pinned else 'not pinned'
    return (
        f'Python {sys.version.split()[0]}, {len(cpus) or "?"} CPUs ({pinning}); '
        f'{options.connections} connections; {options.rounds} alternating rounds of '
        f'{options.warmup:g} s warm-up + {options.duration:g} s (or {options.max_requests} '
        f'requests) per app; uvicorn --http {uvicorn_http_implementation()}, '
        f'gunicorn gthread with {GTHREAD_THREADS} threads'
    )


_LEGEND = """\
req/s, p50, p99: the best round; vs raw: best over best; median: median of the per-round
ratios; srv us/req: median server CPU per request (+us/req: falcon minus raw);
conn/req: new connections per request in the best round (sync closes every connection)."""


def _print_rounds(label: str, results: list[LoadResult]) -> None:
    figures = ', '.join(
        f'{result.per_second:,.0f}/s {_us(result.server_us_per_request)} us' for result in results
    )
    print(f'    {label}: {figures}')


def run_table(
    scenario_names: list[str], servers: list[Server], options: argparse.Namespace
) -> None:
    """Measure every server of the named scenarios and print the table, a server at a time."""
    cpus = _cpus()
    print(_describe(options, cpus))
    print(_format_row(_COLUMNS))
    print('-' * (18 + 18 + 16 + _FIGURE_WIDTH * (len(_COLUMNS) - 3)))
    for scenario_name in scenario_names:
        scenario_label = bench_http.SCENARIOS[scenario_name]().name
        for server in servers:
            raw, falcon = run_pair(scenario_name, server, options, cpus)
            for row in _rows(scenario_label, server, raw, falcon):
                print(_format_row(row), flush=True)
            if options.verbose:
                _print_rounds(server.raw_label, raw)
                _print_rounds(server.falcon_label, falcon)
    print(_LEGEND)


def _client_main(options: argparse.Namespace) -> int:
    targets = [
        (int(port), int(pid))
        for port, _, pid in (target.partition(':') for target in options.targets.split(','))
    ]
    rounds = [
        [
            asdict(
                run_load(
                    options.scenario,
                    port,
                    pid,
                    options.connections,
                    options.warmup,
                    options.duration,
                    options.max_requests,
                )
            )
            for port, pid in targets
        ]
        for _ in range(options.rounds)
    ]
    print(json.dumps(rounds))
    return 0


def _add_load_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        '-c', '--connections', type=int, default=8, help='concurrent connections (8)'
    )
    parser.add_argument('--rounds', type=int, default=5, help='alternating rounds per app (5)')
    parser.add_argument('--warmup', type=float, default=0.5, help='seconds not counted (0.5)')
    parser.add_argument('--duration', type=float, default=2.0, help='counted seconds (2)')
    parser.add_argument(
        '--max-requests', type=int, default=200_000, help='counted requests at most (200000)'
    )


def main(argv: list[str] | None = None) -> int:
    """Print the server table, or act as the load client (``client``); return the status."""
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ['client']:
        client = argparse.ArgumentParser(prog='bench_servers.py client')
        client.add_argument('scenario', choices=SERVER_SCENARIOS)
        client.add_argument(
            '--targets', required=True, help='PORT:PID,... loaded in this order every round'
        )
        _add_load_options(client)
        return _client_main(client.parse_args(arguments[1:]))
    if arguments[:1] == ['instructions']:
        counting = argparse.ArgumentParser(prog='bench_servers.py instructions')
        counting.add_argument('scenarios', nargs='*', help='hello, json (default: both)')
        counting.add_argument('-c', '--connections', type=int, default=8)
        counting.add_argument('--server', action='append', choices=[s.name for s in SERVERS])
        counting.add_argument('--low', type=int, default=200, help='requests of the first run')
        counting.add_argument('--high', type=int, default=1200, help='requests of the second run')
        counted = counting.parse_args(arguments[1:])
        if set(counted.scenarios) - set(SERVER_SCENARIOS):
            counting.error(f'scenarios: {", ".join(SERVER_SCENARIOS)}')
        run_instructions(
            counted.scenarios or list(SERVER_SCENARIOS),
            [server for server in SERVERS if not counted.server or server.name in counted.server],
            counted,
        )
        return 0
    parser = argparse.ArgumentParser(description=(__doc__ or '').splitlines()[0])
    parser.add_argument(
        'scenarios',
        nargs='*',
        help=f'scenarios: {", ".join(SERVER_SCENARIOS)} (default: both)',
    )
    _add_load_options(parser)
    parser.add_argument(
        '--server',
        action='append',
        choices=[server.name for server in SERVERS],
        help='measure only this server (repeatable; default: all)',
    )
    parser.add_argument(
        '--verbose', action='store_true', help="print every round's req/s and server CPU"
    )
    parser.add_argument(
        '--no-pin', dest='pin', action='store_false', help='do not pin servers and client to CPUs'
    )
    options = parser.parse_args(arguments)
    unknown = [name for name in options.scenarios if name not in SERVER_SCENARIOS]
    if unknown:
        parser.error(f'unknown scenario(s): {", ".join(unknown)}')
    if options.rounds < 1:
        parser.error('--rounds must be at least 1')
    servers = [server for server in SERVERS if not options.server or server.name in options.server]
    started = time.perf_counter()
    run_table(options.scenarios or list(SERVER_SCENARIOS), servers, options)
    load = (
        '; load average {:.1f} {:.1f} {:.1f} at the end'.format(*os.getloadavg())
        if hasattr(os, 'getloadavg')
        else ''
    )
    print(f'({time.perf_counter() - started:.1f} s{load})')
    return 0


if __name__ == '__main__':
    sys.exit(main())
