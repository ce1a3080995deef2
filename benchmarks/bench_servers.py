"""Requests per second and latency of the apps of ``bench_http`` under real servers.

Each scenario (hello world, JSON + query + 2 middleware) is served over loopback by:

* gunicorn, sync worker, 1 worker: ``falcon.App`` and the raw WSGI callable;
* uvicorn, 1 worker, httptools when installed else h11: ``falcon.asgi.App`` and the raw
  ASGI callable.

One server runs at a time, on a free port of 127.0.0.1, and is always terminated. The load
comes from a separate process (this file with ``client``): a small asyncio HTTP/1.1 client
on raw streams holding N keep-alive connections, each sending the scenario's request and
reading the whole response before sending the next. A connection the server closes (the
gunicorn sync worker closes every one) is reopened, and that connect counts in the latency
of the request that needed it. Requests of the warm-up are not counted; a run ends after
its duration or its request count, whichever comes first. Every response body is compared
with the raw callable's, so a broken path is never measured.

On a machine with at least two CPUs the server is pinned to the first and the client to the
second; they still share the machine with everything else running on it.

Usage::

    python benchmarks/bench_servers.py                 # both scenarios, all four servers
    python benchmarks/bench_servers.py hello -c 16     # one scenario, 16 connections
    python benchmarks/run.py --servers                 # the same table through run.py
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for _path in (str(REPO), str(HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import bench_http  # noqa: E402

__all__ = [
    'SERVER_SCENARIOS',
    'VARIANTS',
    'LoadResult',
    'Variant',
    'main',
    'run_load',
    'run_variant',
]

SERVER_SCENARIOS = ('hello', 'json')
"""The scenarios of ``bench_http.SCENARIOS`` measured under servers."""

STARTUP_TIMEOUT = 30.0
MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Variant:
    """One way of serving a scenario: a server and which of the scenario's callables."""

    server: str
    app_attribute: str
    label: str
    raw: bool


VARIANTS = (
    Variant('gunicorn', 'raw_wsgi', 'raw WSGI', raw=True),
    Variant('gunicorn', 'wsgi_app', 'falcon.App', raw=False),
    Variant('uvicorn', 'raw_asgi', 'raw ASGI', raw=True),
    Variant('uvicorn', 'asgi_app', 'falcon.asgi.App', raw=False),
)
"""Every measured combination, each falcon app right after its raw floor."""


@dataclass
class LoadResult:
    """What one load run measured."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    reconnects: int
    client_cpu: float

    @property
    def per_second(self) -> float:
        """Completed requests per second of the measured window."""
        return self.requests / self.seconds if self.seconds else 0.0


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


_APP_ATTRIBUTES = frozenset(variant.app_attribute for variant in VARIANTS)


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


def _server_command(server: str, target: str, port: int) -> list[str]:
    if server == 'uvicorn':
        return [
            sys.executable, '-m', 'uvicorn', target,
            '--host', '127.0.0.1', '--port', str(port), '--workers', '1',
            '--http', uvicorn_http_implementation(), '--lifespan', 'off',
            '--no-access-log', '--log-level', 'warning',
        ]  # fmt: skip
    command = [
        sys.executable, '-m', 'gunicorn', target,
        '--worker-class', 'sync', '--workers', '1', '--bind', f'127.0.0.1:{port}',
        '--log-level', 'warning',
    ]  # fmt: skip
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


def _wait_until_listening(process: subprocess.Popen[bytes], port: int, name: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        if process.poll() is not None:
            raise RuntimeError(f'{name} exited with {process.returncode}')
        with contextlib.suppress(OSError):
            with socket.create_connection(('127.0.0.1', port), timeout=0.5):
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f'{name} did not listen within {STARTUP_TIMEOUT} s')
        time.sleep(0.05)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextlib.contextmanager
def serving(server: str, target: str, cpu: int | None) -> Iterator[int]:
    """Run ``server`` on ``target`` (``module:attribute``); yield its port once it listens.

    Args:
        server: ``gunicorn`` or ``uvicorn``.
        target: The app to serve, as ``module:attribute`` importable from ``benchmarks/``.
        cpu: The CPU to pin the server (and the workers it forks) to, or ``None``.

    Yields:
        The loopback port the server listens on.

    Raises:
        RuntimeError: When the server exits or does not listen in time.
    """
    port = _free_port()
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join(
        filter(None, [str(HERE), str(REPO), env.get('PYTHONPATH')])
    )
    process = subprocess.Popen(
        _server_command(server, target, port),
        cwd=HERE,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        preexec_fn=_pinned_to(cpu),
    )
    try:
        _wait_until_listening(process, port, f'{server} {target}')
        yield port
    finally:
        _stop(process)


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
    latencies: list[float]
    reconnects: int = 0
    first_measured: float = 0.0
    last_measured: float = 0.0
    cpu_at_first: float = 0.0
    cpu_at_last: float = 0.0


async def _connection(port: int, state: _LoadState) -> None:
    clock = time.perf_counter
    writer: asyncio.StreamWriter | None = None
    reader: asyncio.StreamReader | None = None
    try:
        while True:
            started = clock()
            if started >= state.stop_at or len(state.latencies) >= state.max_requests:
                return
            if writer is None or reader is None:
                if started >= state.measure_from:
                    state.reconnects += 1
                reader, writer = await asyncio.open_connection(
                    '127.0.0.1', port, limit=MAX_HEADER_BYTES
                )
            writer.write(state.request)
            status, body, keep_alive = await read_response(reader)
            finished = clock()
            if (status, body) != state.expected:
                raise ResponseError(f'got {status} {body[:200]!r}, expected {state.expected!r}')
            if started >= state.measure_from:
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
        latencies=[],
    )
    await asyncio.gather(*(_connection(port, state) for _ in range(connections)))
    latencies = sorted(state.latencies)
    if not latencies:
        return LoadResult(0, 0.0, 0.0, 0.0, state.reconnects, 0.0)
    p99_index = min(len(latencies) - 1, int(len(latencies) * 0.99))
    seconds = state.last_measured - state.first_measured
    return LoadResult(
        requests=len(latencies),
        seconds=seconds,
        p50_ms=statistics.median(latencies) * 1000.0,
        p99_ms=latencies[p99_index] * 1000.0,
        reconnects=state.reconnects,
        client_cpu=(state.cpu_at_last - state.cpu_at_first) / seconds if seconds else 0.0,
    )


def run_load(
    scenario_name: str,
    port: int,
    connections: int,
    warmup: float,
    duration: float,
    max_requests: int,
) -> LoadResult:
    """Load ``127.0.0.1:port`` with the request of a scenario, in this process.

    Args:
        scenario_name: A key of ``bench_http.SCENARIOS``.
        port: The server's loopback port.
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
    expected = bench_http._wsgi_outcome(scenario.raw_wsgi, scenario)
    request = request_bytes(scenario, port)
    return asyncio.run(_load(port, request, expected, connections, warmup, duration, max_requests))


def _client_process(
    scenario_name: str, port: int, options: argparse.Namespace, cpu: int | None
) -> LoadResult:
    command = [
        sys.executable, str(Path(__file__).resolve()), 'client', scenario_name,
        '--port', str(port), '--connections', str(options.connections),
        '--warmup', str(options.warmup), '--duration', str(options.duration),
        '--max-requests', str(options.max_requests),
    ]  # fmt: skip
    budget = options.warmup + options.duration + 30.0
    completed = subprocess.run(
        command,
        capture_output=True,
        check=False,
        timeout=budget,
        preexec_fn=_pinned_to(cpu),
    )
    if completed.returncode != 0:
        raise RuntimeError(f'load client failed:\n{completed.stderr.decode(errors="replace")}')
    return LoadResult(**json.loads(completed.stdout))


def run_variant(
    scenario_name: str, variant: Variant, options: argparse.Namespace, cpus: list[int]
) -> LoadResult:
    """Serve one scenario with one variant and load it from a separate client process."""
    server_cpu, client_cpu = (cpus[0], cpus[1]) if options.pin and len(cpus) >= 2 else (None, None)
    target = f'bench_servers:{scenario_name}__{variant.app_attribute}'
    with serving(variant.server, target, server_cpu) as port:
        return _client_process(scenario_name, port, options, client_cpu)


# -- table ---------------------------------------------------------------------------------------

_COLUMNS = ('scenario', 'server', 'app', 'req/s', 'p50 ms', 'p99 ms', 'vs raw', 'client CPU')


def _format_row(cells: tuple[str, ...]) -> str:
    scenario, server, app, *figures = cells
    return f'{scenario:<22}{server:<10}{app:<17}' + ''.join(f'{cell:>11}' for cell in figures)


def _describe(options: argparse.Namespace, cpus: list[int]) -> str:
    pinned = options.pin and len(cpus) >= 2
    pinning = f'server on CPU {cpus[0]}, client on CPU {cpus[1]}' if pinned else 'not pinned'
    return (
        f'Python {sys.version.split()[0]}, {len(cpus) or "?"} CPUs ({pinning}); '
        f'{options.connections} connections, {options.warmup:g} s warm-up, '
        f'{options.duration:g} s or {options.max_requests} requests per run; '
        f'uvicorn --http {uvicorn_http_implementation()}, gunicorn sync worker'
    )


def run_table(scenario_names: list[str], options: argparse.Namespace) -> None:
    """Measure every variant of the named scenarios and print the table row by row."""
    cpus = _cpus()
    print(_describe(options, cpus))
    print(_format_row(_COLUMNS))
    print('-' * (22 + 10 + 17 + 11 * (len(_COLUMNS) - 3)))
    for scenario_name in scenario_names:
        scenario_label = bench_http.SCENARIOS[scenario_name]().name
        raw_per_second = 0.0
        for variant in VARIANTS:
            result = run_variant(scenario_name, variant, options, cpus)
            if variant.raw:
                raw_per_second = result.per_second
                ratio = '100 %'
            else:
                share = result.per_second / raw_per_second if raw_per_second else 0.0
                ratio = f'{share * 100:.0f} %'
            cells = (
                scenario_label,
                variant.server,
                variant.label,
                f'{result.per_second:,.0f}',
                f'{result.p50_ms:.2f}',
                f'{result.p99_ms:.2f}',
                ratio,
                f'{result.client_cpu * 100:.0f} %',
            )
            print(_format_row(cells), flush=True)


def _client_main(options: argparse.Namespace) -> int:
    result = run_load(
        options.scenario,
        options.port,
        options.connections,
        options.warmup,
        options.duration,
        options.max_requests,
    )
    fields = {
        'requests': result.requests,
        'seconds': result.seconds,
        'p50_ms': result.p50_ms,
        'p99_ms': result.p99_ms,
        'reconnects': result.reconnects,
        'client_cpu': result.client_cpu,
    }
    print(json.dumps(fields))
    return 0


def _add_load_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        '-c', '--connections', type=int, default=8, help='concurrent connections (8)'
    )
    parser.add_argument('--warmup', type=float, default=0.5, help='seconds not counted (0.5)')
    parser.add_argument('--duration', type=float, default=3.0, help='counted seconds (3)')
    parser.add_argument(
        '--max-requests', type=int, default=200_000, help='counted requests at most (200000)'
    )


def main(argv: list[str] | None = None) -> int:
    """Print the server table, or act as the load client (``client``); return the status."""
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ['client']:
        client = argparse.ArgumentParser(prog='bench_servers.py client')
        client.add_argument('scenario', choices=SERVER_SCENARIOS)
        client.add_argument('--port', type=int, required=True)
        _add_load_options(client)
        return _client_main(client.parse_args(arguments[1:]))
    parser = argparse.ArgumentParser(description=(__doc__ or '').splitlines()[0])
    parser.add_argument(
        'scenarios',
        nargs='*',
        help=f'scenarios: {", ".join(SERVER_SCENARIOS)} (default: both)',
    )
    _add_load_options(parser)
    parser.add_argument(
        '--no-pin', dest='pin', action='store_false', help='do not pin server and client to CPUs'
    )
    options = parser.parse_args(arguments)
    unknown = [name for name in options.scenarios if name not in SERVER_SCENARIOS]
    if unknown:
        parser.error(f'unknown scenario(s): {", ".join(unknown)}')
    started = time.perf_counter()
    run_table(options.scenarios or list(SERVER_SCENARIOS), options)
    print(f'({time.perf_counter() - started:.1f} s)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
