"""Channels in both kinds of app: SSE through the test client with resume from
Last-Event-ID, gap events, overflow, bad names, publish_sync from plain responders, the
lifespan, and WebSocket fan-out with ``join``."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.testing
from falcon.channels import BrokerUnavailable, Channels, MemoryBroker

from .conftest import block, read_blocks, until


class Feed:
    def __init__(self, channels: Channels, **options: Any) -> None:
        self.channels = channels
        self.options = options

    def on_get(self, req, resp, room):
        resp.sse = self.channels.sse(f'room:{room}', req, **self.options)


class AsyncFeed(Feed):
    async def on_get(self, req, resp, room):
        resp.sse = self.channels.sse(f'room:{room}', req, **self.options)


def feed_app(make_app, asgi, channels, **options):
    app = make_app(middleware=[channels])
    app.add_route('/feed/{room}', (AsyncFeed if asgi else Feed)(channels, **options))
    return app


async def test_sse_streams_live_events(make_app, asgi) -> None:
    channels = Channels()
    app = feed_app(make_app, asgi, channels)
    async with falcon.testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_get_stream('/feed/1') as result:
            assert result.status_code == 200
            assert result.headers['content-type'] == 'text/event-stream'
            assert await read_blocks(result, 1) == b': subscribed\n\n'
            assert channels.counters('room:1').subscribers == 1
            first = await channels.publish('room:1', {'text': 'hi'})
            second = await channels.publish('room:1', 'two')
            body = await read_blocks(result, 2)
            assert body == block(first, '{"text":"hi"}') + block(second, '"two"')
        await until(lambda: channels.counters('room:1').subscribers == 0)
    assert channels._hubs == {}


async def test_sse_resumes_after_last_event_id(make_app, asgi) -> None:
    channels = Channels()
    app = feed_app(make_app, asgi, channels, event='chat', retry=3000)
    ids = [await channels.publish('room:2', n) for n in range(4)]
    async with falcon.testing.ASGIConductor(app) as conductor:
        headers = {'Last-Event-ID': ids[1]}
        async with conductor.simulate_get_stream('/feed/2', headers=headers) as result:
            body = await read_blocks(result, 4)
            assert body == b'retry: 3000\n\n: subscribed\n\n' + block(ids[2], '2', 'chat') + block(
                ids[3], '3', 'chat'
            )
            live = await channels.publish('room:2', 4)
            assert await read_blocks(result, 1) == block(live, '4', 'chat')


async def test_sse_resume_older_than_history_sends_a_gap_event(make_app, asgi) -> None:
    channels = Channels(history=2)
    app = feed_app(make_app, asgi, channels)
    ids = [await channels.publish('room:3', n) for n in range(5)]
    async with falcon.testing.ASGIConductor(app) as conductor:
        headers = {'Last-Event-ID': ids[0]}
        async with conductor.simulate_get_stream('/feed/3', headers=headers) as result:
            body = await read_blocks(result, 4)
    gap = json.dumps({'after': ids[0], 'reason': 'history', 'missed': None})
    assert body == (
        b': subscribed\n\nevent: gap\ndata: '
        + gap.encode()
        + b'\n\n'
        + block(ids[3], '3')
        + block(ids[4], '4')
    )


@pytest.mark.parametrize('last_id', ['garbage', '1-x', '', '-', '1-2-3', '\u00e9'])
async def test_a_malformed_last_event_id_is_a_fresh_subscription(make_app, asgi, last_id) -> None:
    channels = Channels()
    app = feed_app(make_app, asgi, channels)
    await channels.publish('room:4', 'old')
    async with falcon.testing.ASGIConductor(app) as conductor:
        headers = {'Last-Event-ID': last_id} if last_id.isascii() else {}
        async with conductor.simulate_get_stream('/feed/4', headers=headers) as result:
            assert result.status_code == 200
            assert await read_blocks(result, 1) == b': subscribed\n\n'
            new = await channels.publish('room:4', 'new')
            assert await read_blocks(result, 1) == block(new, '"new"')


async def test_an_invalid_channel_name_from_the_request_is_a_400(make_app, asgi) -> None:
    channels = Channels()
    app = feed_app(make_app, asgi, channels)
    async with falcon.testing.ASGIConductor(app) as conductor:
        result = await conductor.simulate_get('/feed/' + 'x' * 300)
        assert result.status_code == 400
        assert result.json == {
            'title': 'Invalid channel name',
            'description': 'a channel name has at most 200 characters',
        }
        result = await conductor.simulate_get('/feed/a%20b')
        assert result.status_code == 400
        assert result.json['title'] == 'Invalid channel name'


async def test_sse_disconnect_policy_ends_the_stream(make_app, asgi) -> None:
    channels = Channels(queue_size=2, overflow='disconnect')
    app = feed_app(make_app, asgi, channels)
    async with falcon.testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_get_stream('/feed/5') as result:
            assert await read_blocks(result, 1) == b': subscribed\n\n'
            hub = next(iter(next(iter(channels._hubs.values())).values()))
            [subscription] = hub.subscribers
            subscription._push(
                [falcon.channels.Event(f'1-{n}', 'room:5', b'1') for n in range(3)], False
            )
            await until(lambda: channels.counters('room:5').subscribers == 0)
            body = (await result.stream.read()).replace(b': ping\n\n', b'')
            assert body == b''
    assert channels.counters('room:5').dropped == 3


def test_publish_sync_from_plain_responders(asgi) -> None:
    channels = Channels()

    class Publish:
        def on_post(self, req, resp, room):
            resp.media = {'id': channels.publish_sync(f'room:{room}', req.get_media())}

    app = falcon.asgi.App(middleware=[channels]) if asgi else falcon.App(middleware=[channels])
    app.add_route('/publish/{room}', Publish())
    client = falcon.testing.TestClient(app)
    first = client.simulate_post('/publish/6', json={'text': 'a'})
    second = client.simulate_post('/publish/6', json={'text': 'b'})
    assert first.status_code == second.status_code == 200

    async def history():
        return await channels.broker.read('room:6', '0-0')

    batch = asyncio.run(history())
    assert batch.entries == [
        (first.json['id'], b'{"text":"a"}'),
        (second.json['id'], b'{"text":"b"}'),
    ]
    assert channels.counters('room:6').published == 2


def test_publish_sync_reaches_a_wsgi_sse_stream() -> None:
    channels = Channels()
    ids = [channels.publish_sync('room:7', n) for n in range(3)]
    app = falcon.App(middleware=[channels])
    app.sse_ping_interval = None

    class Finite:
        def on_get(self, req, resp):
            async def first_two():
                async with channels.subscribe('room:7', after=req.last_event_id) as sub:
                    count = 0
                    async for event in sub:
                        yield event.sse_block()
                        count += 1
                        if count == 2:
                            return

            resp.sse = first_two()

    app.add_route('/finite', Finite())
    result = falcon.testing.simulate_get(app, '/finite', headers={'Last-Event-ID': ids[0]})
    assert result.text == (block(ids[1], '1') + block(ids[2], '2')).decode()


async def test_lifespan_startup_fails_clearly_when_the_broker_is_down() -> None:
    class Down(MemoryBroker):
        async def connect(self) -> None:
            raise BrokerUnavailable('Redis at redis://127.0.0.1:1/0 is unreachable: refused')

    app = falcon.asgi.App(middleware=[Channels(Down())])
    with pytest.raises(RuntimeError, match=r'Redis at redis://127\.0\.0\.1:1/0 is unreachable'):
        async with falcon.testing.ASGIConductor(app):
            pass


class Chat:
    def __init__(self, channels: Channels) -> None:
        self.channels = channels

    async def on_websocket(self, req, ws, room):
        await ws.accept()

        async def relay(message):
            await self.channels.publish(f'room:{room}', message)

        await self.channels.join(
            ws, f'room:{room}', after=req.get_param('after'), on_message=relay
        )


async def test_websocket_join_fans_out_to_every_client() -> None:
    channels = Channels()
    app = falcon.asgi.App(middleware=[channels])
    app.add_route('/chat/{room}', Chat(channels))
    async with falcon.testing.ASGIConductor(app) as conductor:
        async with (
            conductor.simulate_ws('/chat/8') as alice,
            conductor.simulate_ws('/chat/8') as bob,
        ):
            await until(lambda: channels.counters('room:8').subscribers == 2)
            await alice.send_json({'user': 'alice', 'text': 'hi'})
            for ws in (alice, bob):
                message = await ws.receive_json()
                assert message == {
                    'type': 'event',
                    'channel': 'room:8',
                    'id': message['id'],
                    'data': {'user': 'alice', 'text': 'hi'},
                }
            await bob.send_text('not json')
            await bob.send_json('still here')
            assert (await alice.receive_json())['data'] == 'still here'
        await until(lambda: channels.counters('room:8').subscribers == 0)
    assert channels._hubs == {}


async def test_websocket_join_resumes_and_marks_gaps() -> None:
    channels = Channels(history=2)
    app = falcon.asgi.App(middleware=[channels])
    app.add_route('/chat/{room}', Chat(channels))
    ids = [await channels.publish('room:9', n) for n in range(4)]
    async with falcon.testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/chat/9', query_string=f'after={ids[0]}') as ws:
            assert await ws.receive_json() == {
                'type': 'gap',
                'channel': 'room:9',
                'after': ids[0],
                'reason': 'history',
                'missed': None,
            }
            assert [(await ws.receive_json())['id'] for _ in range(2)] == ids[2:]


async def test_websocket_slow_client_is_closed_with_1013() -> None:
    channels = Channels(queue_size=2, overflow='disconnect')
    app = falcon.asgi.App(middleware=[channels])
    app.add_route('/chat/{room}', Chat(channels))
    async with falcon.testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/chat/10') as ws:
            await until(lambda: channels.counters('room:10').subscribers == 1)
            hub = next(iter(next(iter(channels._hubs.values())).values()))
            [subscription] = hub.subscribers
            subscription._push(
                [falcon.channels.Event(f'1-{n}', 'room:10', b'1') for n in range(3)], False
            )
            with pytest.raises(falcon.WebSocketDisconnected):
                await ws.receive_json()
            assert ws.close_code == 1013


async def test_websocket_invalid_channel_name_closes_with_3400() -> None:
    channels = Channels()
    app = falcon.asgi.App(middleware=[channels])
    app.add_route('/chat/{room}', Chat(channels))
    async with falcon.testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/chat/a%20b') as ws:
            with pytest.raises(falcon.WebSocketDisconnected):
                await ws.receive_json()
            assert ws.close_code == 3400
