"""The Redis broker against a real ``redis-server`` on a free loopback port: fan-out between
independent ``Channels`` (as separate workers would be), resume and gaps, a server restart
mid-stream, a slow consumer, publishing during an outage, and a clear start-up failure."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip('redis')

import falcon.asgi
import falcon.testing
from falcon.channels import BrokerUnavailable, Channels, Gap, RedisBroker, SubscriberOverflow

from .conftest import read_blocks, until
from .redis_server import REDIS_SERVER, RedisServer, free_port

pytestmark = pytest.mark.skipif(REDIS_SERVER is None, reason='redis-server is not installed')


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def broker(server: RedisServer, **options) -> RedisBroker:
    return RedisBroker(server.url, block=0.2, backoff=(0.02, 0.2), **options)


async def take(subscription, count, timeout=10.0):
    items = []

    async def run():
        async for item in subscription:
            items.append(item)
            if len(items) == count:
                return

    await asyncio.wait_for(run(), timeout)
    return items


async def test_fan_out_between_workers(redis_server) -> None:
    workers = [Channels(broker(redis_server)) for _ in range(3)]
    async with (
        workers[0].subscribe('room') as one,
        workers[1].subscribe('room') as two,
        workers[2].subscribe('room') as three,
    ):
        ids = [await workers[n % 3].publish('room', n) for n in range(30)]
        for subscription in (one, two, three):
            events = await take(subscription, 30)
            assert [e.id for e in events] == ids
            assert [e.data for e in events] == list(range(30))
    for worker in workers:
        assert worker.counters('room').delivered == 30
        await worker.aclose()


async def test_resume_and_gap_from_history(redis_server) -> None:
    channels = Channels(broker(redis_server), history=5)
    ids = [await channels.publish('r', n) for n in range(3)]
    async with channels.subscribe('r', after=ids[0]) as sub:
        assert [e.data for e in await take(sub, 2)] == [1, 2]
    # MAXLEN ~ trims whole nodes of the stream only; trim exactly to make the gap certain
    client = channels.broker._client()
    more = [await channels.publish('r', n) for n in range(3, 20)]
    await client.xtrim('falcon:channel:r', maxlen=5, approximate=False)
    async with channels.subscribe('r', after=ids[2]) as sub:
        items = await take(sub, 6)
    assert items[0] == Gap('r', ids[2], 'history')
    assert [e.id for e in items[1:]] == more[-5:]
    await channels.aclose()


@pytest.mark.parametrize(
    ('resumed_after', 'gap'), [(0, True), (28, True), (29, False), (45, False)]
)
async def test_resume_replays_at_most_history_events(redis_server, resumed_after, gap) -> None:
    # MAXLEN ~ 20 trims whole stream nodes only, so Redis still holds all 50 events; a
    # subscriber that resumes gets the last 20 at most, after a gap marker when more followed
    channels = Channels(broker(redis_server), history=20)
    ids = [await channels.publish('exact', n) for n in range(50)]
    assert await channels.broker._client().xlen('falcon:channel:exact') == 50
    expected = ids[max(resumed_after + 1, 30) :]
    async with channels.subscribe('exact', after=ids[resumed_after]) as sub:
        items = await take(sub, len(expected) + gap)
        assert not sub._queue and not sub._backlog
    if gap:
        assert items.pop(0) == Gap('exact', ids[resumed_after], 'history')
    assert [e.id for e in items] == expected
    assert not any(item.is_gap for item in items)
    await channels.aclose()


async def test_resume_while_publishing_across_workers(redis_server) -> None:
    publisher = Channels(broker(redis_server))
    reader = Channels(broker(redis_server))
    ids = [await publisher.publish('seam', n) for n in range(50)]

    async def publish_more():
        for n in range(50, 300):
            ids.append(await publisher.publish('seam', n))

    task = asyncio.ensure_future(publish_more())
    await asyncio.sleep(0.01)
    async with reader.subscribe('seam', after=ids[9]) as sub:
        events = await take(sub, 290)
    await task
    assert [e.data for e in events] == list(range(10, 300))
    await publisher.aclose()
    await reader.aclose()


async def test_history_is_bounded_and_channels_expire(redis_server) -> None:
    channels = Channels(broker(redis_server, ttl=100), history=10)
    for n in range(2000):
        await channels.publish('bounded', n)
    client = channels.broker._client()
    assert await client.xlen('falcon:channel:bounded') < 200
    assert 0 < await client.ttl('falcon:channel:bounded') <= 100
    await channels.aclose()


async def test_restart_mid_stream_loses_nothing_within_history(redis_server) -> None:
    channels = Channels(broker(redis_server))
    before = asyncio.all_tasks()
    async with channels.subscribe('live') as sub:
        first = await channels.publish('live', 'before')
        assert [e.id for e in await take(sub, 1)] == [first]
        redis_server.stop()
        with pytest.raises(BrokerUnavailable, match='is unreachable'):
            await channels.publish('live', 'during')
        await asyncio.sleep(0.3)
        redis_server.start()
        after = [await channels.publish('live', n) for n in range(5)]
        events = await take(sub, 5)
        assert [e.id for e in events] == after
    await channels.aclose()
    assert asyncio.all_tasks() == before
    assert channels._hubs == {}
    assert channels.broker._clients.get(asyncio.get_running_loop()) is None
    await until(lambda: connected_clients(redis_server) == 1)  # the count's own connection


def connected_clients(server) -> int:
    import redis

    client = redis.Redis(port=server.port)
    try:
        return len(client.client_list())
    finally:
        client.close()


async def test_subscribers_resume_from_their_last_id_after_an_outage(redis_server) -> None:
    subscriber = Channels(broker(redis_server))
    async with subscriber.subscribe('outage') as sub:
        publisher = Channels(broker(redis_server))
        await publisher.publish('outage', 0)
        await take(sub, 1)
        redis_server.stop()
        await asyncio.sleep(0.3)
        redis_server.start()
        # published while the subscriber's reader is still backing off
        ids = [await publisher.publish('outage', n) for n in range(1, 4)]
        events = await take(sub, 3)
        assert [e.id for e in events] == ids
        await publisher.aclose()
    await subscriber.aclose()


async def test_publish_waits_through_a_short_outage_when_configured(redis_server) -> None:
    channels = Channels(broker(redis_server, publish_timeout=5.0))
    await channels.publish('w', 0)
    redis_server.stop()
    loop = asyncio.get_running_loop()
    loop.call_later(0.3, redis_server.start)
    ticks = 0

    async def ticker():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticking = asyncio.ensure_future(ticker())
    event_id = await channels.publish('w', 1)
    ticking.cancel()
    assert ticks > 10  # the loop kept running while publish waited
    assert (await channels.broker.read('w', '0-0')).entries[-1] == (event_id, b'1')
    await channels.aclose()


async def test_slow_consumer_drop_oldest_and_disconnect(redis_server) -> None:
    dropping = Channels(broker(redis_server), queue_size=5)
    closing = Channels(broker(redis_server), queue_size=5, overflow='disconnect')
    async with dropping.subscribe('slow') as slow, closing.subscribe('slow') as gone:
        for n in range(100):
            await dropping.publish('slow', n)
        await until(lambda: slow._queue and slow._queue[-1].data == 99)
        assert len(slow._queue) == 5
        items = await take(slow, 6)
        assert items[0] == Gap('slow', None, 'overflow', 95)
        assert [e.data for e in items[1:]] == [95, 96, 97, 98, 99]
        await until(lambda: gone._overflowed)
        with pytest.raises(SubscriberOverflow):
            await take(gone, 1)
    assert dropping.counters('slow').dropped == 95
    # the queued events and the rest of the batch that overflowed; nothing was delivered
    assert 6 <= closing.counters('slow').dropped <= 100
    assert closing.counters('slow').delivered == 0
    await dropping.aclose()
    await closing.aclose()


async def test_unreachable_redis_fails_the_lifespan_startup() -> None:
    port = free_port()
    app = falcon.asgi.App(middleware=[Channels(RedisBroker(f'redis://127.0.0.1:{port}/0'))])
    with pytest.raises(
        RuntimeError, match=rf'Redis at redis://127\.0\.0\.1:{port}/0 is unreachable'
    ):
        async with falcon.testing.ASGIConductor(app):
            pass


def test_the_url_password_is_not_shown() -> None:
    assert repr(RedisBroker('redis://user:secret@127.0.0.1:1/0')) == (
        "RedisBroker('redis://user:***@127.0.0.1:1/0')"
    )


async def test_sse_through_an_app_with_redis(redis_server) -> None:
    channels = Channels(broker(redis_server))

    class Feed:
        async def on_get(self, req, resp, room):
            resp.sse = channels.sse(f'room:{room}', req)

    app = falcon.asgi.App(middleware=[channels])
    app.sse_ping_interval = None
    app.add_route('/feed/{room}', Feed())
    other = Channels(broker(redis_server))
    ids = [await other.publish('room:1', n) for n in range(3)]
    async with falcon.testing.ASGIConductor(app) as conductor:
        headers = {'Last-Event-ID': ids[0]}
        async with conductor.simulate_get_stream('/feed/1', headers=headers) as result:
            body = await read_blocks(result, 3)
            assert body == (
                f': subscribed\n\nid: {ids[1]}\ndata: 1\n\nid: {ids[2]}\ndata: 2\n\n'.encode()
            )
    await other.aclose()
