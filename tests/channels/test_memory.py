"""The in-memory broker in one process: ids, history, resume, gaps, backpressure, counters,
names and clean-up, through ``Channels.subscribe``."""

from __future__ import annotations

import asyncio
import json

import pytest

import falcon
from falcon.channels import (
    BrokerUnavailable,
    Channels,
    Counters,
    Event,
    Gap,
    InvalidChannelName,
    MemoryBroker,
    SubscriberOverflow,
)
from falcon.channels._events import parse_id

from .conftest import until


async def take(subscription, count):
    items = []
    async for item in subscription:
        items.append(item)
        if len(items) == count:
            break
    return items


async def test_ids_increase_per_channel_in_the_redis_shape() -> None:
    channels = Channels()
    ids = [await channels.publish('room:1', n) for n in range(50)]
    keys = [parse_id(event_id) for event_id in ids]
    assert all(key is not None for key in keys)
    assert keys == sorted(keys) and len(set(keys)) == 50
    other = await channels.publish('room:2', 'x')
    assert parse_id(other) is not None


async def test_history_keeps_the_last_events() -> None:
    broker = MemoryBroker()
    channels = Channels(broker, history=3)
    ids = [await channels.publish('c', n) for n in range(5)]
    batch = await broker.read('c', '0-0')
    assert [entry[0] for entry in batch.entries] == ids[2:]
    assert batch.gap is True
    assert (await broker.read('c', ids[1])).gap is False
    assert (await broker.read('c', ids[0])).gap is True
    assert await broker.last_id('c') == ids[-1]
    assert await broker.last_id('empty') == '0-0'


async def test_resume_replays_the_missed_events_then_live() -> None:
    channels = Channels()
    ids = [await channels.publish('room', {'n': n}) for n in range(4)]
    async with channels.subscribe('room', after=ids[1]) as sub:
        first = await take(sub, 2)
        assert [(e.id, e.data) for e in first] == [(ids[2], {'n': 2}), (ids[3], {'n': 3})]
        live = asyncio.ensure_future(take(sub, 1))
        await asyncio.sleep(0.01)
        new_id = await channels.publish('room', 'later')
        [event] = await live
        assert (event.id, event.channel, event.data, event.is_gap) == (
            new_id,
            'room',
            'later',
            False,
        )
        assert sub.last_id == new_id


async def test_fresh_subscription_gets_new_events_only() -> None:
    channels = Channels()
    await channels.publish('room', 'old')
    async with channels.subscribe('room') as sub:
        new_id = await channels.publish('room', 'new')
        [event] = await take(sub, 1)
    assert (event.id, event.data) == (new_id, 'new')


async def test_resume_while_publishing_has_no_gap_and_no_duplicate() -> None:
    channels = Channels(history=10_000, queue_size=10_000)
    ids = [await channels.publish('seam', n) for n in range(100)]

    async def publisher():
        for n in range(100, 600):
            ids.append(await channels.publish('seam', n))
            if n % 7 == 0:
                await asyncio.sleep(0)

    task = asyncio.ensure_future(publisher())
    await asyncio.sleep(0)
    async with channels.subscribe('seam', after=ids[49]) as sub:
        received = await take(sub, 550)
    await task
    assert [e.data for e in received] == list(range(50, 600))
    assert [e.id for e in received] == ids[50:]


async def test_resume_older_than_history_starts_with_a_gap_marker() -> None:
    channels = Channels(history=2)
    ids = [await channels.publish('g', n) for n in range(5)]
    async with channels.subscribe('g', after=ids[0]) as sub:
        items = await take(sub, 3)
    assert items[0] == Gap('g', ids[0], 'history')
    assert items[0].is_gap is True
    assert [e.data for e in items[1:]] == [3, 4]


@pytest.mark.parametrize(
    ('resumed_after', 'gap'), [(0, True), (28, True), (29, False), (45, False)]
)
async def test_resume_replays_the_history_exactly(resumed_after: int, gap: bool) -> None:
    channels = Channels(history=20)
    ids = [await channels.publish('exact', n) for n in range(50)]
    expected = ids[max(resumed_after + 1, 30) :]
    async with channels.subscribe('exact', after=ids[resumed_after]) as sub:
        items = await take(sub, len(expected) + gap)
        assert not sub._queue and not sub._backlog
    if gap:
        assert items.pop(0) == Gap('exact', ids[resumed_after], 'history')
    assert [e.id for e in items] == expected


@pytest.mark.parametrize('after', ['', 'abc', '12', '1-2-3', '-1-0', '99999999999999999999999-0'])
async def test_an_after_that_is_not_an_id_is_a_fresh_subscription(after: str) -> None:
    channels = Channels()
    await channels.publish('m', 'old')
    sub = channels.subscribe('m', after=after)
    assert sub.last_id is None
    async with sub:
        new_id = await channels.publish('m', 'new')
        [event] = await take(sub, 1)
    assert event.id == new_id


async def test_drop_oldest_counts_and_marks_the_gap() -> None:
    channels = Channels(queue_size=3)
    async with channels.subscribe('slow') as sub:
        ids = [await channels.publish('slow', n) for n in range(10)]
        await until(lambda: len(sub._queue) == 3)
        items = await take(sub, 4)
        assert items[0] == Gap('slow', None, 'overflow', 7)
        assert [e.data for e in items[1:]] == [7, 8, 9]
        assert channels.counters('slow') == Counters(
            published=10, delivered=3, dropped=7, subscribers=1
        )
        assert sub.last_id == ids[-1]
        more = await channels.publish('slow', 10)
        [event] = await take(sub, 1)
        assert event.id == more
    assert channels.counters('slow').subscribers == 0


async def test_disconnect_policy_ends_the_slow_subscriber() -> None:
    channels = Channels(queue_size=3, overflow='disconnect')
    async with channels.subscribe('slow') as sub:
        for n in range(5):
            await channels.publish('slow', n)
        await until(lambda: sub._overflowed)
        # what was queued is let go (and counted) at once, before the subscriber ends
        assert not sub._queue
        assert channels.counters('slow').dropped == 5
        with pytest.raises(SubscriberOverflow, match='fell 3 events behind'):
            await take(sub, 1)
    counters = channels.counters('slow')
    assert (counters.delivered, counters.dropped, counters.subscribers) == (0, 5, 0)


async def test_counters_are_per_channels_object_and_add_up() -> None:
    broker = MemoryBroker()
    workers = [Channels(broker), Channels(broker), Channels(broker)]
    async with workers[1].subscribe('c') as one, workers[2].subscribe('c') as two:
        for n in range(3):
            await workers[n % 2].publish('c', n)
        await take(one, 3)
        await take(two, 3)
        per_worker = [worker.counters('c') for worker in workers]
        assert per_worker == [
            Counters(published=2),
            Counters(published=1, delivered=3, subscribers=1),
            Counters(delivered=3, subscribers=1),
        ]
        assert sum(per_worker, Counters()) == Counters(published=3, delivered=6, subscribers=2)
    assert Counters(1, 2, 3, 4) + Counters(10, 20, 30, 40) == Counters(11, 22, 33, 44)
    with pytest.raises(TypeError):
        Counters() + 1  # type: ignore[operator]


async def test_memory_stays_bounded_for_a_subscriber_that_never_reads() -> None:
    channels = Channels(history=50, queue_size=20)
    async with channels.subscribe('flood') as sub:
        for n in range(5000):
            await channels.publish('flood', n)
            if n % 10 == 0:
                await asyncio.sleep(0.001)
        await until(lambda: sub._queue and sub._queue[-1].data == 4999)
        assert len(sub._queue) == 20
        assert len(channels.broker._streams['flood'].entries) == 50
        assert channels.counters('flood').dropped == 4980


@pytest.mark.parametrize(
    ('name', 'message'),
    [
        ('', 'may not be empty'),
        ('x' * 201, 'at most 200 characters'),
        ('room 1', 'only ASCII letters'),
        ('room\n1', 'only ASCII letters'),
        ('caf\u00e9', 'only ASCII letters'),
        (42, 'is a str'),
    ],
)
async def test_invalid_channel_names_are_refused(name: object, message: str) -> None:
    channels = Channels()
    with pytest.raises(InvalidChannelName, match=message) as raised:
        await channels.publish(name, 'x')  # type: ignore[arg-type]
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, falcon.HTTPBadRequest)
    with pytest.raises(ValueError, match=message):
        channels.subscribe(name)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=message):
        channels.sse(name)  # type: ignore[arg-type]


async def test_valid_names_reach_200_characters() -> None:
    channels = Channels()
    name = 'a-Z_0.9:/@' * 20
    assert parse_id(await channels.publish(name, 1)) is not None


async def test_data_must_be_json() -> None:
    channels = Channels()
    with pytest.raises(TypeError, match='JSON-serializable'):
        await channels.publish('c', object())
    with pytest.raises(TypeError, match='JSON-serializable'):
        await channels.publish('c', float('nan'))


@pytest.mark.parametrize(
    ('kwargs', 'message'),
    [
        ({'history': 0}, 'history'),
        ({'queue_size': 0}, 'queue_size'),
        ({'overflow': 'block'}, 'overflow'),
    ],
)
def test_bad_settings_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Channels(**kwargs)


async def test_no_task_or_queue_outlives_its_subscribers() -> None:
    channels = Channels()
    before = asyncio.all_tasks()
    async with channels.subscribe('a') as one, channels.subscribe('a') as two:
        async with channels.subscribe('b'):
            await channels.publish('a', 1)
            assert len(channels._hubs[asyncio.get_running_loop()]) == 2
            assert len(asyncio.all_tasks() - before) == 2
            assert (await take(one, 1))[0].data == 1
            assert (await take(two, 1))[0].data == 1
    assert channels._hubs == {}
    assert asyncio.all_tasks() == before
    assert all(not stream.listeners for stream in channels.broker._streams.values())


async def test_a_cancelled_subscriber_cleans_up() -> None:
    channels = Channels()
    before = asyncio.all_tasks()

    async def listen():
        async with channels.subscribe('c') as sub:
            async for _ in sub:
                pass

    task = asyncio.ensure_future(listen())
    await until(lambda: channels.counters('c').subscribers == 1)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert channels._hubs == {}
    assert asyncio.all_tasks() == before
    assert channels.counters('c').subscribers == 0


async def test_aclose_ends_the_loops_subscriptions() -> None:
    channels = Channels()
    async with channels.subscribe('c') as sub:
        task = asyncio.ensure_future(take(sub, 5))
        await asyncio.sleep(0.01)
        await channels.aclose()
        assert await task == []


async def test_events_published_from_another_thread_wake_the_subscriber() -> None:
    channels = Channels()
    async with channels.subscribe('t') as sub:
        event_id = await asyncio.to_thread(channels.publish_sync, 't', {'from': 'thread'})
        [event] = await asyncio.wait_for(take(sub, 1), 5)
    assert (event.id, event.data) == (event_id, {'from': 'thread'})


async def test_publish_sync_refuses_to_block_an_event_loop() -> None:
    channels = Channels()
    with pytest.raises(RuntimeError, match='would block the event loop'):
        channels.publish_sync('c', 1)


async def test_an_unreachable_broker_is_reported_clearly() -> None:
    class Down(MemoryBroker):
        async def connect(self) -> None:
            raise OSError('connection refused')

    channels = Channels(Down())
    with pytest.raises(BrokerUnavailable, match='cannot be reached: connection refused'):
        await channels.publish('c', 1)


def test_sse_and_websocket_shapes() -> None:
    event = Event('5-1', 'room', b'{"text":"a\\nb"}')
    assert event.sse_block() == b'id: 5-1\ndata: {"text":"a\\nb"}\n\n'
    assert event.sse_block('chat') == b'event: chat\nid: 5-1\ndata: {"text":"a\\nb"}\n\n'
    assert json.loads(event.ws_message()) == {
        'type': 'event',
        'channel': 'room',
        'id': '5-1',
        'data': {'text': 'a\nb'},
    }
    gap = Gap('room', '5-1', 'overflow', 3)
    assert gap.sse_block() == (
        b'event: gap\ndata: {"after": "5-1", "reason": "overflow", "missed": 3}\n\n'
    )
    assert json.loads(gap.ws_message()) == {
        'type': 'gap',
        'channel': 'room',
        'after': '5-1',
        'reason': 'overflow',
        'missed': 3,
    }


async def test_names_only_subscribed_to_leave_no_state_behind() -> None:
    channels = Channels()
    for n in range(50):
        async with channels.subscribe(f'probe:{n}'):
            pass
    assert channels.broker._streams == {}
    assert channels.stats() == {}
    await channels.publish('kept', 1)
    assert list(channels.broker._streams) == ['kept']
    assert channels.stats() == {'kept': Counters(published=1)}


async def test_a_reader_that_falls_behind_the_history_marks_the_gap_in_order() -> None:
    channels = Channels(history=5)
    async with channels.subscribe('burst') as sub:
        first = await channels.publish('burst', 'first')
        [event] = await take(sub, 1)
        assert event.id == first
        for n in range(20):  # no await yields to the reader in between
            await channels.publish('burst', n)
        items = await take(sub, 6)
    assert items[0] == Gap('burst', first, 'history')
    assert [e.data for e in items[1:]] == [15, 16, 17, 18, 19]
