"""``falcon.channels`` on Redis under ``gunicorn -w 3 -k uvicorn.workers.UvicornWorker``:
SSE clients spread over the three workers each get every notification once and in order,
whichever worker it was published from; a client that reconnects with ``Last-Event-ID`` gets
exactly what it missed; delivery carries on after Redis is restarted mid-stream."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.channels.redis_server import REDIS_SERVER, RedisServer
from tests.e2e.e2e_servers import EXAMPLES, REPO, _gunicorn, free_port

httpx = pytest.importorskip('httpx')
pytest.importorskip('redis')

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(REDIS_SERVER is None, reason='redis-server is not installed'),
]

WORKERS = 3


@pytest.fixture(scope='module')
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, RedisServer]]:
    directory = tmp_path_factory.mktemp('channels-cluster')
    redis_server = RedisServer(directory)
    redis_server.start()
    port = free_port()
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join([str(EXAMPLES), str(REPO), str(Path(__file__).parent)])
    env['CHANNELS_REDIS_URL'] = redis_server.url
    command = _gunicorn(
        'channels_app:app', port, '-w', str(WORKERS), '-k', 'uvicorn.workers.UvicornWorker'
    )
    with open(directory / 'gunicorn.err', 'wb') as err:
        process = subprocess.Popen(
            command,
            cwd=EXAMPLES,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, (directory / 'gunicorn.err').read_text()
            with contextlib.suppress(OSError):
                with socket.create_connection(('127.0.0.1', port), timeout=0.5):
                    break
            assert time.monotonic() < deadline, 'gunicorn did not listen in time'
            time.sleep(0.05)
        yield f'http://127.0.0.1:{port}', redis_server
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            pass
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
        redis_server.stop()


class Listener:
    """One SSE client of ``/channels/notifications``."""

    def __init__(self, base: str, last_id: str | None = None) -> None:
        self.url = base + '/channels/notifications'
        self.headers = {'Last-Event-ID': last_id} if last_id else {}
        self.events: list[tuple[str, str | None, Any]] = []
        self.subscribed = asyncio.Event()
        self.pid = ''
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> Listener:
        started: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._task = asyncio.ensure_future(self._run(started))
        await started
        await asyncio.wait_for(self.subscribed.wait(), 10)
        return self

    async def _run(self, started: asyncio.Future[None]) -> None:
        async with httpx.AsyncClient(timeout=None) as client:
            async with client.stream('GET', self.url, headers=self.headers) as response:
                self.pid = response.headers['x-worker-pid']
                started.set_result(None)
                kind, event_id, data = 'message', None, None
                async for line in response.aiter_lines():
                    if line == ': subscribed':
                        self.subscribed.set()
                    elif line.startswith('event: '):
                        kind = line[7:]
                    elif line.startswith('id: '):
                        event_id = line[4:]
                    elif line.startswith('data: '):
                        data = json.loads(line[6:])
                    elif line == '' and data is not None:
                        self.events.append((kind, event_id, data))
                        kind, event_id, data = 'message', None, None

    def ids(self) -> list[str | None]:
        return [event_id for kind, event_id, _ in self.events if kind == 'notification']

    async def wait_for(self, count: int, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.ids()) < count:
            assert time.monotonic() < deadline, f'{len(self.ids())} of {count} arrived'
            await asyncio.sleep(0.02)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


async def publish(base: str, count: int, start: int) -> tuple[list[str], set[str]]:
    """POST ``count`` notifications, each on a new connection (so on any worker)."""
    ids: list[str] = []
    pids: set[str] = set()
    for n in range(start, start + count):
        for _attempt in range(50):
            async with httpx.AsyncClient(timeout=10) as client:
                result = await client.post(
                    base + '/channels/notifications',
                    json={'text': f'n{n}'},
                    headers={'Connection': 'close'},
                )
            if result.status_code == 200:
                break
            await asyncio.sleep(0.1)  # Redis is coming back
        assert result.status_code == 200, result.text
        ids.append(result.json()['id'])
        pids.add(result.headers['x-worker-pid'])
    return ids, pids


async def test_fan_out_resume_and_redis_restart_across_three_workers(cluster) -> None:
    base, redis_server = cluster
    listeners = [await Listener(base).start() for _ in range(12)]
    listener_pids = {listener.pid for listener in listeners}
    assert len(listener_pids) >= 2, listener_pids

    ids, publisher_pids = await publish(base, 60, 0)
    assert len(publisher_pids) >= 2, publisher_pids
    for listener in listeners:
        await listener.wait_for(60)
        assert listener.ids() == ids  # every event once, in order
        assert [data['text'] for _, _, data in listener.events] == [f'n{n}' for n in range(60)]

    # resume: a client leaves, events go on, it comes back with Last-Event-ID
    leaving = listeners.pop()
    await leaving.stop()
    last_seen = leaving.ids()[-1]
    missed, _ = await publish(base, 5, 60)
    back = await Listener(base, last_seen).start()
    await back.wait_for(5)
    assert back.ids() == missed

    # Redis restarted mid-stream: the open streams carry on with nothing lost
    redis_server.stop()
    await asyncio.sleep(0.5)
    redis_server.start()
    after_restart, _ = await publish(base, 5, 65)
    for listener in listeners:
        await listener.wait_for(70)
        assert listener.ids() == ids + missed + after_restart
    await back.wait_for(10)
    assert back.ids() == missed + after_restart

    for listener in [*listeners, back]:
        await listener.stop()


async def test_a_slow_consumer_is_bounded_and_told_what_it_missed(cluster) -> None:
    from falcon.channels import Channels, RedisBroker

    base, redis_server = cluster
    port = int(base.rsplit(':', 1)[1])
    fast = await Listener(base).start()
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    writer.write(b'GET /channels/notifications HTTP/1.1\r\nHost: slow\r\n\r\n')
    seen = b''
    while b': subscribed' not in seen:
        seen += await reader.read(65536)
    # the slow client reads nothing more while 4000 events of 8 KiB are published: far more
    # than the socket buffers and its queue of 1000 events hold
    publisher = Channels(RedisBroker(redis_server.url))
    filler = 'x' * 8192
    for n in range(4000):
        await publisher.publish('notifications', {'text': f'big{n}', 'filler': filler})
    await fast.wait_for(4000, timeout=60)
    assert [data['text'] for _, _, data in fast.events][-4000:] == [f'big{n}' for n in range(4000)]
    body = bytearray(seen)
    deadline = time.monotonic() + 60
    while b'"text":"big3999"' not in body:
        assert time.monotonic() < deadline
        body += await asyncio.wait_for(reader.read(1 << 20), 30)
    writer.close()
    text = bytes(body).decode()
    gaps = [json.loads(line[6:]) for line in text.split('\n') if line.startswith('data: {"after"')]
    assert gaps and all(gap['reason'] == 'overflow' for gap in gaps)
    missed = sum(gap['missed'] for gap in gaps)
    received = text.count('"text":"big')
    assert missed > 0
    assert received + missed == 4000  # each event either arrived or was counted as missed
    await fast.stop()
    await publisher.aclose()
