"""Fan-out through ``falcon.channels`` on Redis: 1 publisher, many SSE subscribers, 3 workers.

Starts ``redis-server`` and ``gunicorn -w 3 -k uvicorn.workers.UvicornWorker`` serving the
channels example (``examples/realtime_channels.py`` with ``CHANNELS_REDIS_URL``), opens
``--subscribers`` SSE connections to ``/channels/notifications`` (plain asyncio sockets in
this process, spread over the workers by the kernel), then one client publishes ``--events``
notifications over one keep-alive connection, at ``--rate`` per second (0: back to back).
Each notification carries its publication time; each subscriber notes when it arrives.

Prints deliveries per second (every event received by every subscriber, from the first
publication to the last arrival) and the publish-to-receive latency p50/p99/max. The
clients run in one process on the same machine as the servers, so on a small machine they
take CPU from the servers; the figures are a floor.

Run: ``python benchmarks/bench_channels.py [--subscribers 1000] [--events 200] [--rate 0]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / 'examples'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return int(sock.getsockname()[1])


def wait_listening(port: int, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f'{process.args[0]} exited with {process.returncode}')
        with contextlib.suppress(OSError):
            with socket.create_connection(('127.0.0.1', port), timeout=0.5):
                return
        if time.monotonic() > deadline:
            raise RuntimeError('the server did not listen in time')
        time.sleep(0.05)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)


class Subscriber:
    """One SSE connection read line by line; notes the latency of each notification."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.last_arrival = 0.0
        self.subscribed = asyncio.Event()

    async def run(self, port: int) -> None:
        reader, writer = await asyncio.open_connection('127.0.0.1', port, limit=2**20)
        writer.write(b'GET /channels/notifications HTTP/1.1\r\nHost: bench\r\n\r\n')
        try:
            while True:
                line = await reader.readline()
                if not line:
                    return
                if line.startswith(b': subscribed'):
                    self.subscribed.set()
                elif line.startswith(b'data: '):
                    now = time.time()
                    sent = json.loads(line[6:])['t']
                    self.latencies.append(now - sent)
                    self.last_arrival = now
        finally:
            writer.close()


async def publish(port: int, events: int, rate: float) -> tuple[float, float]:
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    started = time.time()
    for n in range(events):
        body = json.dumps({'text': f'n{n}', 't': time.time()}).encode()
        writer.write(
            b'POST /channels/notifications HTTP/1.1\r\nHost: bench\r\n'
            b'Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' % (len(body), body)
        )
        length = 0
        while True:
            line = await reader.readline()
            if line.lower().startswith(b'content-length:'):
                length = int(line.split(b':')[1])
            if line in (b'\r\n', b''):
                break
        await reader.readexactly(length)
        if rate:
            await asyncio.sleep(max(0.0, started + (n + 1) / rate - time.time()))
    writer.close()
    return started, time.time()


async def measure(port: int, subscribers: int, events: int, rate: float) -> dict[str, float]:
    clients = [Subscriber() for _ in range(subscribers)]
    tasks = []
    for client in clients:
        tasks.append(asyncio.ensure_future(client.run(port)))
        await asyncio.sleep(0.001)
    await asyncio.wait_for(asyncio.gather(*(c.subscribed.wait() for c in clients)), 120)
    first, published = await publish(port, events, rate)
    deadline = time.monotonic() + 120
    while any(len(c.latencies) < events for c in clients) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    latencies = sorted(value for c in clients for value in c.latencies)
    last = max(c.last_arrival for c in clients)
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        'deliveries': len(latencies),
        'expected': subscribers * events,
        'publish_per_s': events / (published - first),
        'deliveries_per_s': len(latencies) / (last - first),
        'p50_ms': quantiles[49] * 1000,
        'p99_ms': quantiles[98] * 1000,
        'max_ms': latencies[-1] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--subscribers', type=int, default=1000)
    parser.add_argument('--events', type=int, default=200)
    parser.add_argument('--rate', type=float, default=0.0, help='events/s; 0: back to back')
    parser.add_argument('--workers', type=int, default=3)
    args = parser.parse_args()
    redis_server = shutil.which('redis-server')
    if redis_server is None:
        sys.exit('redis-server is not installed (Debian: apt-get install redis-server)')
    with tempfile.TemporaryDirectory() as directory:
        redis_port, port = free_port(), free_port()
        redis = subprocess.Popen(
            [redis_server, '--port', str(redis_port), '--bind', '127.0.0.1',
             '--dir', directory, '--save', '', '--appendonly', 'no'],
            stdout=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        env = dict(os.environ)
        env['PYTHONPATH'] = os.pathsep.join([str(EXAMPLES), str(REPO)])
        env['CHANNELS_REDIS_URL'] = f'redis://127.0.0.1:{redis_port}/0'
        server = subprocess.Popen(
            [sys.executable, '-m', 'gunicorn', 'realtime_channels:app',
             '-b', f'127.0.0.1:{port}', '-w', str(args.workers),
             '-k', 'uvicorn.workers.UvicornWorker', '--log-level', 'warning',
             '--backlog', '4096'],
            cwd=EXAMPLES, env=env, stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            wait_listening(redis_port, redis)
            wait_listening(port, server)
            figures = asyncio.run(measure(port, args.subscribers, args.events, args.rate))
        finally:
            stop(server)
            stop(redis)
    print(
        f'channels fan-out: {args.subscribers} SSE subscribers on {args.workers} workers, '
        f'{args.events} events ({"back to back" if not args.rate else f"{args.rate:g}/s"})'
    )
    print(
        f'  delivered {figures["deliveries"]:.0f} of {figures["expected"]:.0f}; '
        f'{figures["deliveries_per_s"]:,.0f} deliveries/s; '
        f'publishing {figures["publish_per_s"]:,.0f} events/s'
    )
    print(
        f'  publish-to-receive latency: p50 {figures["p50_ms"]:.1f} ms, '
        f'p99 {figures["p99_ms"]:.1f} ms, max {figures["max_ms"]:.1f} ms'
    )


if __name__ == '__main__':
    main()
