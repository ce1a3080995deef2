"""``falcon.channels`` on Redis under ``gunicorn -w 3 -k uvicorn.workers.UvicornWorker``.

The app is ``channels_app.py``: the channels example under ``/channels`` (``history=1000``,
``queue_size=1000``, ``'drop_oldest'``), the same resources under ``/small`` (``history=20``)
and ``/strict`` (``overflow='disconnect'``), and ``/_stats``, which reports what the worker
that answers holds. What is checked: SSE clients spread over the three workers each get
every notification once and in order, whichever worker it was published from; a client that
reconnects with ``Last-Event-ID`` gets exactly what it missed, or a ``gap`` event and then
exactly the retained events when its id is older than the history; delivery carries on after
Redis is restarted mid-stream, and afterwards every worker is back to the tasks it started
with and holds no Redis connection in use, Redis seeing no connection the workers do not
pool; a client that reads nothing keeps the memory of its worker bounded under both overflow
policies; under ``'disconnect'`` a slow SSE stream ends and a slow WebSocket is closed with
1013 while a fast client gets everything; the counters are per worker and add up; and a
worker whose Redis cannot be reached fails its start-up with a message naming it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.channels.redis_server import REDIS_SERVER, RedisServer
from tests.e2e.e2e_servers import EXAMPLES, REPO, _gunicorn, free_port

httpx = pytest.importorskip('httpx')
redis = pytest.importorskip('redis')
websockets = pytest.importorskip('websockets')
websockets_client = pytest.importorskip('websockets.asyncio.client')

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(REDIS_SERVER is None, reason='redis-server is not installed'),
]

WORKERS = 3
QUEUE_SIZE = 1000  # the queue of every mounted Channels (the default)
EVENT_SIZE = 8192  # the filler of the big events


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
    """One SSE client of a notification stream (``/channels/notifications`` by default)."""

    def __init__(
        self, base: str, last_id: str | None = None, path: str = '/channels/notifications'
    ) -> None:
        self.url = base + path
        self.headers = {'Last-Event-ID': last_id} if last_id else {}
        self.events: list[tuple[str, str | None, Any]] = []
        self.subscribed = asyncio.Event()
        self.pid = 0
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
                self.pid = int(response.headers['x-worker-pid'])
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


class SlowClient:
    """An SSE client on a raw socket with a small receive buffer, that reads only when told."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.received = bytearray()
        self.pid = 0

    @classmethod
    async def open(cls, base: str, path: str) -> SlowClient:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
        sock.connect(('127.0.0.1', int(base.rsplit(':', 1)[1])))
        reader, writer = await asyncio.open_connection(sock=sock, limit=1 << 20)
        writer.write(f'GET {path} HTTP/1.1\r\nHost: slow\r\n\r\n'.encode())
        client = cls(reader, writer)
        while b': subscribed\n\n' not in client.received:
            client.received += await asyncio.wait_for(reader.read(65536), 10)
        head = bytes(client.received).partition(b'\r\n\r\n')[0].decode().lower()
        assert 'transfer-encoding: chunked' in head, head
        client.pid = int(head.partition('x-worker-pid: ')[2].partition('\r\n')[0])
        return client

    async def read_until(self, condition: Callable[[bytes], bool], timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not condition(bytes(self.received)):
            assert time.monotonic() < deadline, f'{len(self.received)} bytes, no end'
            chunk = await asyncio.wait_for(self.reader.read(1 << 20), timeout)
            assert chunk, 'the server closed the connection'
            self.received += chunk

    def body(self) -> tuple[bytes, bool]:
        """The response body, de-chunked, and whether its last chunk has arrived."""
        rest = bytes(self.received).partition(b'\r\n\r\n')[2]
        body = bytearray()
        while rest:
            size_line, _, rest = rest.partition(b'\r\n')
            size = int(size_line, 16)
            if size == 0:
                return bytes(body), True
            body += rest[:size]
            rest = rest[size + 2 :]
        return bytes(body), False

    def events(self) -> list[tuple[str, str | None, Any]]:
        """The complete SSE events of the body, as ``(type, id, data)``."""
        found = []
        for block in self.body()[0].split(b'\n\n')[:-1]:
            fields = dict(line.split(': ', 1) for line in block.decode().split('\n'))
            if 'data' in fields:
                found.append(
                    (fields.get('event', 'message'), fields.get('id'), json.loads(fields['data']))
                )
        return found

    def close(self) -> None:
        self.writer.close()


async def publish(
    base: str, count: int, start: int, path: str = '/channels/notifications'
) -> tuple[list[str], list[int]]:
    """POST ``count`` notifications, each on a new connection (so on any worker); return their
    ids and the worker that answered each."""
    ids: list[str] = []
    pids: list[int] = []
    for n in range(start, start + count):
        for _attempt in range(50):
            async with httpx.AsyncClient(timeout=10) as client:
                result = await client.post(
                    base + path, json={'text': f'n{n}'}, headers={'Connection': 'close'}
                )
            if result.status_code == 200:
                break
            await asyncio.sleep(0.1)  # Redis is coming back
        assert result.status_code == 200, result.text
        ids.append(result.json()['id'])
        pids.append(int(result.headers['x-worker-pid']))
    return ids, pids


async def worker_stats(base: str) -> dict[int, dict[str, Any]]:
    """``/_stats`` of every worker, asked on new connections until each has answered."""
    found: dict[int, dict[str, Any]] = {}
    async with httpx.AsyncClient(timeout=10) as client:
        for _attempt in range(500):
            result = await client.get(base + '/_stats', headers={'Connection': 'close'})
            stats = result.json()
            found[stats['pid']] = stats
            if len(found) == WORKERS:
                return found
    raise AssertionError(f'only workers {sorted(found)} answered')


async def settled(
    base: str, condition: Callable[[dict[str, Any]], bool], timeout: float = 30.0
) -> dict[int, dict[str, Any]]:
    """The workers' stats once ``condition`` holds for every worker."""
    deadline = time.monotonic() + timeout
    while True:
        stats = await worker_stats(base)
        if all(condition(worker) for worker in stats.values()):
            return stats
        assert time.monotonic() < deadline, json.dumps(stats, indent=1)
        await asyncio.sleep(0.2)


def no_readers(worker: dict[str, Any]) -> bool:
    return all(not mounted['hubs'] for mounted in worker['mounted'].values())


def redis_clients(redis_server: RedisServer) -> int:
    """How many clients Redis has, this one left out."""
    client = redis.Redis(port=redis_server.port)
    try:
        return len(client.client_list()) - 1
    finally:
        client.close()


def pooled(stats: dict[int, dict[str, Any]], state: str) -> int:
    return sum(
        mounted['redis'][state]
        for worker in stats.values()
        for mounted in worker['mounted'].values()
    )


def redis_sockets(pid: int, redis_port: int) -> dict[str, int]:
    """The TCP sockets a process holds to Redis, counted by state (``ESTABLISHED``, or
    ``CLOSE_WAIT`` when Redis has closed its end), from ``/proc``."""
    inodes = set()
    for fd in Path(f'/proc/{pid}/fd').iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith('socket:['):
                inodes.add(target[8:-1])
    names = {'01': 'ESTABLISHED', '08': 'CLOSE_WAIT'}
    found: dict[str, int] = {}
    for line in Path(f'/proc/{pid}/net/tcp').read_text().splitlines()[1:]:
        fields = line.split()
        remote_port = int(fields[2].rpartition(':')[2], 16)
        if fields[9] in inodes and remote_port == redis_port:
            state = names.get(fields[3], fields[3])
            found[state] = found.get(state, 0) + 1
    return found


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (its peak) of a process, in KiB."""
    found = {}
    for line in Path(f'/proc/{pid}/status').read_text().splitlines():
        name, _, value = line.partition(':')
        if name in ('VmRSS', 'VmHWM'):
            found[name] = int(value.split()[0])
    return found


def big(n: int) -> dict[str, str]:
    return {'text': f'big{n}', 'filler': 'x' * EVENT_SIZE}


async def publish_big(publisher: Any, channel: str, count: int = 4000) -> list[str]:
    """Publish ``count`` big events, 20 at a time (Redis syncs its file at each write), and
    return their ids in the order of the channel."""
    from falcon.channels._events import parse_id

    ids: list[str] = []
    for start in range(0, count, 20):
        batch = range(start, min(start + 20, count))
        ids += await asyncio.gather(*(publisher.publish(channel, big(n)) for n in batch))
    return sorted(ids, key=parse_id)


async def test_fan_out_resume_and_redis_restart_across_three_workers(cluster) -> None:
    base, redis_server = cluster
    baseline = await settled(base, no_readers)
    listeners = [await Listener(base).start() for _ in range(12)]
    # The kernel hands each connection to whichever worker accepts first; on a busy machine
    # one worker can take a dozen in a row, so more listeners join until two workers hold some.
    while len({listener.pid for listener in listeners}) < 2 and len(listeners) < 60:
        listeners.append(await Listener(base).start())
    listener_pids = {listener.pid for listener in listeners}
    assert len(listener_pids) >= 2, listener_pids

    ids, publisher_pids = await publish(base, 60, 0)
    assert len(set(publisher_pids)) >= 2, publisher_pids
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

    before_restart = await worker_stats(base)
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

    # nothing left behind: each worker is back to the tasks it had before the clients came
    # (its /_stats request included), uses no Redis connection, and Redis sees only the
    # connections the workers' pools hold, no more than they held before the restart
    after = await settled(
        base,
        lambda worker: (
            no_readers(worker)
            and worker['tasks'] == baseline[worker['pid']]['tasks']
            and all(mounted['redis']['in_use'] == 0 for mounted in worker['mounted'].values())
        ),
    )
    assert after.keys() == baseline.keys()
    # every socket a worker holds to Redis is a connection of its pools (none was dropped
    # without being closed), and Redis has exactly the ones the workers hold open
    sockets = {pid: redis_sockets(pid, redis_server.port) for pid in after}
    for pid, worker in after.items():
        held = sum(mounted['redis']['connected'] for mounted in worker['mounted'].values())
        assert sum(sockets[pid].values()) == held, (sockets, worker)
    established = sum(found.get('ESTABLISHED', 0) for found in sockets.values())
    assert redis_clients(redis_server) == established
    assert pooled(after, 'idle') <= pooled(before_restart, 'idle') + pooled(
        before_restart, 'in_use'
    )
    print(
        f'\ntasks per worker {[baseline[pid]["tasks"] for pid in baseline]} before and '
        f'{[after[pid]["tasks"] for pid in baseline]} after; Redis connections pooled '
        f'{pooled(before_restart, "idle") + pooled(before_restart, "in_use")} before the '
        f'restart, {pooled(after, "idle")} after (none in use); sockets to Redis {sockets}; '
        f'Redis sees {redis_clients(redis_server)}'
    )


async def test_resume_older_than_the_history_starts_with_a_gap_event(cluster) -> None:
    base, _ = cluster
    path = '/small/notifications'  # history=20
    ids, publisher_pids = await publish(base, 50, 0, path)
    assert len(set(publisher_pids)) >= 2, publisher_pids
    behind = await Listener(base, ids[0], path).start()
    just_in = await Listener(base, ids[29], path).start()
    for listener in (behind, just_in):
        await listener.wait_for(20)
    live, _ = await publish(base, 1, 50, path)
    for listener in (behind, just_in):
        await listener.wait_for(21)
    assert behind.events[0] == (
        'gap',
        None,
        {'after': ids[0], 'reason': 'history', 'missed': None},
    )
    for listener, events in ((behind, behind.events[1:]), (just_in, just_in.events)):
        assert listener.ids() == ids[30:] + live
        assert [data['text'] for _, _, data in events] == [f'n{n}' for n in range(30, 51)]
        await listener.stop()


async def test_counters_are_per_worker_and_add_up(cluster) -> None:
    from falcon.channels import Counters

    base, _ = cluster
    path = '/small/notifications'
    channel = 'notifications'

    def counters(stats: dict[int, dict[str, Any]]) -> dict[int, Counters]:
        return {
            pid: Counters(**worker['mounted']['/small']['counters'].get(channel, {}))
            for pid, worker in stats.items()
        }

    before = counters(await settled(base, no_readers))
    listeners = [await Listener(base, path=path).start() for _ in range(6)]
    ids, publisher_pids = await publish(base, 30, 100, path)
    for listener in listeners:
        await listener.wait_for(30)
        assert listener.ids() == ids
    after = counters(await worker_stats(base))
    # each worker counts what it did itself: the events it published, the deliveries to its
    # own subscribers and those subscribers
    for pid in after:
        local = sum(1 for listener in listeners if listener.pid == pid)
        assert after[pid] == Counters(
            published=before[pid].published + publisher_pids.count(pid),
            delivered=before[pid].delivered + 30 * local,
            dropped=before[pid].dropped,
            subscribers=local,
        )
    # and the workers' counters add up to the whole cluster's
    total, earlier = sum(after.values(), Counters()), sum(before.values(), Counters())
    assert total.published - earlier.published == 30
    assert total.delivered - earlier.delivered == 30 * len(listeners)
    assert total.subscribers == len(listeners)
    for listener in listeners:
        await listener.stop()
    await settled(base, no_readers)


async def total_subscribers(base: str, prefix: str, channel: str) -> int:
    stats = await worker_stats(base)
    return sum(
        worker['mounted'][prefix]['counters'].get(channel, {}).get('subscribers', 0)
        for worker in stats.values()
    )


async def until_subscribers(base: str, prefix: str, channel: str, count: int) -> None:
    deadline = time.monotonic() + 20
    while (found := await total_subscribers(base, prefix, channel)) != count:
        assert time.monotonic() < deadline, f'{found} subscribers, not {count}'
        await asyncio.sleep(0.1)


@pytest.mark.parametrize(
    ('prefix', 'key_prefix', 'policy'),
    [
        ('/channels', 'falcon:channel:', 'drop_oldest'),
        ('/strict', 'e2e:strict:', 'disconnect'),
    ],
)
async def test_a_client_that_reads_nothing_holds_bounded_memory_under_its_policy(
    cluster, prefix, key_prefix, policy
) -> None:
    from falcon.channels import Channels, RedisBroker

    base, redis_server = cluster
    await settled(base, no_readers)
    path = f'{prefix}/notifications'
    fast = await Listener(base, path=path).start()
    slow = await SlowClient.open(base, path)
    await until_subscribers(base, prefix, 'notifications', 2)
    before = memory_kib(slow.pid)
    # the slow client reads nothing more while 4000 events of 8 KiB are published: far more
    # than the socket buffers and its queue of 1000 events hold
    publisher = Channels(RedisBroker(redis_server.url, prefix=key_prefix))
    ids = await publish_big(publisher, 'notifications')
    await publisher.aclose()
    await fast.wait_for(4000, timeout=60)
    assert fast.ids() == ids  # the fast client got every event, and no gap marker
    assert [kind for kind, _, _ in fast.events] == ['notification'] * 4000

    def read_all(worker: dict[str, Any]) -> bool:
        hub = worker['mounted'][prefix]['hubs'].get('notifications')
        return worker['pid'] != slow.pid or (hub is not None and hub['position'] == ids[-1])

    stats = (await settled(base, read_all))[slow.pid]
    after = memory_kib(slow.pid)
    # The worker holds at most a queue of 1000 events for the slow client. An event held
    # costs its JSON bytes, its decoded data and, once a fast subscriber of the same worker
    # was sent it, its SSE block: three times its 8 KiB at most. The slack covers one page
    # of events read from Redis being decoded, and the allocator. Unbounded, the 4000 events
    # would take at least 4000 x 16 KiB = 62.5 MiB.
    bound_kib = QUEUE_SIZE * 3 * EVENT_SIZE // 1024 + 16 * 1024
    growth = after['VmRSS'] - before['VmRSS']
    print(
        f'\n{policy}: worker {slow.pid} VmRSS {before["VmRSS"]} -> {after["VmRSS"]} KiB '
        f'(+{growth} KiB, bound {bound_kib} KiB), VmHWM {before["VmHWM"]} -> '
        f'{after["VmHWM"]} KiB, queues {stats["mounted"][prefix]["hubs"]["notifications"]}'
    )
    assert growth < bound_kib
    queued = stats['mounted'][prefix]['hubs']['notifications']['queued']
    dropped = stats['mounted'][prefix]['counters']['notifications']['dropped']
    if policy == 'drop_oldest':
        assert QUEUE_SIZE in queued  # the slow client's: full, its oldest events dropped
        last = f'id: {ids[-1]}\n'.encode()
        await slow.read_until(lambda received: last in received)
        events = slow.events()
        gaps = [data for kind, _, data in events if kind == 'gap']
        assert gaps and all(gap['reason'] == 'overflow' for gap in gaps)
        missed = sum(gap['missed'] for gap in gaps)
        received = [event_id for kind, event_id, _ in events if kind == 'notification']
        assert missed > 0
        assert len(received) + missed == 4000  # each event either arrived or was counted
        assert received == [event_id for event_id in ids if event_id in set(received)]
    else:
        assert max(queued) < QUEUE_SIZE  # the slow client's queue was let go at once
        assert dropped > QUEUE_SIZE
        # the server ends the slow stream once the client takes what was already sent
        await slow.read_until(lambda _: slow.body()[1])
        events = slow.events()
        received = [event_id for kind, event_id, _ in events if kind == 'notification']
        assert len(received) == len(events)  # no gap marker: the stream just ends
        assert 0 < len(received) < 4000
        assert received == ids[: len(received)]
        await until_subscribers(base, prefix, 'notifications', 1)  # the fast client's
    slow.close()
    await fast.stop()
    await settled(base, no_readers)


async def test_a_slow_websocket_is_closed_with_1013_under_disconnect(cluster) -> None:
    from falcon.channels import Channels, RedisBroker

    base, redis_server = cluster
    url = base.replace('http://', 'ws://') + '/strict/chat'
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
    sock.connect(('127.0.0.1', int(base.rsplit(':', 1)[1])))
    publisher = Channels(RedisBroker(redis_server.url, prefix='e2e:strict:'))
    fast_messages: list[dict[str, Any]] = []
    async with (
        # no compression: the filler would shrink to nothing
        websockets_client.connect(url, max_size=None, compression=None) as fast,
        websockets_client.connect(
            url, sock=sock, max_size=None, max_queue=4, compression=None, ping_interval=None
        ) as slow,
    ):

        async def consume() -> None:
            async for message in fast:
                fast_messages.append(json.loads(message))

        consuming = asyncio.ensure_future(consume())
        await until_subscribers(base, '/strict', 'chat', 2)
        publishing = asyncio.ensure_future(publish_big(publisher, 'chat'))
        # The slow client reads nothing until its worker has given up on it (the fast client
        # never falls behind), then takes what was sent before the close frame. (Stalled
        # for long after that, it would meet the server's closing and ping timeouts.)
        deadline = time.monotonic() + 60
        while not any(
            worker['mounted']['/strict']['counters'].get('chat', {}).get('dropped')
            for worker in (await worker_stats(base)).values()
        ):
            assert time.monotonic() < deadline, 'the slow client was not disconnected'
            assert not publishing.done(), 'all 4000 events published, none dropped'
            await asyncio.sleep(0.1)
        received = []
        with pytest.raises(websockets.exceptions.ConnectionClosed):
            while True:
                received.append(json.loads(await asyncio.wait_for(slow.recv(), 30)))
        assert slow.close_code == 1013
        ids = await publishing
        await publisher.aclose()
        assert 0 < len(received) < 4000
        assert [message['id'] for message in received] == ids[: len(received)]
        assert {message['type'] for message in received} == {'event'}
        deadline = time.monotonic() + 60
        while len(fast_messages) < 4000:
            assert time.monotonic() < deadline, f'{len(fast_messages)} of 4000 arrived'
            await asyncio.sleep(0.05)
        assert [message['id'] for message in fast_messages] == ids
        assert {message['type'] for message in fast_messages} == {'event'}
        consuming.cancel()
    await until_subscribers(base, '/strict', 'chat', 0)


def test_an_unreachable_redis_fails_the_worker_startup_clearly() -> None:
    redis_port = free_port()
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join([str(EXAMPLES), str(REPO), str(Path(__file__).parent)])
    env['CHANNELS_REDIS_URL'] = f'redis://127.0.0.1:{redis_port}/0'
    command = _gunicorn(
        'channels_app:app', free_port(), '-w', '1', '-k', 'uvicorn.workers.UvicornWorker'
    )
    result = subprocess.run(
        command, cwd=EXAMPLES, env=env, capture_output=True, stdin=subprocess.DEVNULL, timeout=60
    )
    stderr = result.stderr.decode()
    assert result.returncode != 0
    assert f'BrokerUnavailable: Redis at redis://127.0.0.1:{redis_port}/0 is unreachable' in stderr
    assert 'Application startup failed' in stderr
