"""The channels version of the brief's chat and notification examples
(``examples/realtime_channels.py``) and the demo page that mounts it."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

import falcon.asgi
import falcon.testing

from .conftest import read_blocks, until

EXAMPLES = Path(__file__).resolve().parents[2] / 'examples'


@pytest.fixture
def example(monkeypatch):
    monkeypatch.syspath_prepend(str(EXAMPLES))
    monkeypatch.delenv('CHANNELS_REDIS_URL', raising=False)
    for name in ('realtime_channels', 'realtime', 'demo'):
        sys.modules.pop(name, None)
    return importlib.import_module('realtime_channels')


async def test_chat_reaches_every_client_and_resumes(example) -> None:
    app = falcon.asgi.App()
    channels = example.build(app)
    async with falcon.testing.ASGIConductor(app) as conductor:
        async with (
            conductor.simulate_ws('/channels/chat') as alice,
            conductor.simulate_ws('/channels/chat') as bob,
        ):
            await until(lambda: channels.counters('chat').subscribers == 2)
            await alice.send_json({'user': 'alice', 'message': 'hi'})
            await alice.send_json(['not', 'an', 'object'])
            await bob.send_json({'message': 'hello'})
            for ws in (alice, bob):
                first, second = await ws.receive_json(), await ws.receive_json()
                assert (first['data']['user'], first['data']['message']) == ('alice', 'hi')
                assert (second['data']['user'], second['data']['message']) == (
                    'Anonymous',
                    'hello',
                )
                assert isinstance(first['data']['timestamp'], float)
        async with conductor.simulate_ws(f'/channels/chat?after={first["id"]}') as carol:
            resumed = await carol.receive_json()
            assert resumed == second


async def test_notifications_resume_from_last_event_id(example) -> None:
    app = falcon.asgi.App()
    app.sse_ping_interval = None
    example.build(app)
    async with falcon.testing.ASGIConductor(app) as conductor:
        ids = []
        for text in ('one', 'two', 'three'):
            result = await conductor.simulate_post('/channels/notifications', json={'text': text})
            ids.append(result.json['id'])
        headers = {'Last-Event-ID': ids[0]}
        async with conductor.simulate_get_stream(
            '/channels/notifications', headers=headers
        ) as result:
            body = await read_blocks(result, 4)
    assert body == (
        b'retry: 2000\n\n: subscribed\n\n'
        + f'event: notification\nid: {ids[1]}\ndata: {{"text":"two"}}\n\n'.encode()
        + f'event: notification\nid: {ids[2]}\ndata: {{"text":"three"}}\n\n'.encode()
    )


async def test_the_demo_lists_and_serves_the_channels_page(example) -> None:
    demo = importlib.import_module('demo')
    async with falcon.testing.ASGIConductor(demo.app) as conductor:
        index = await conductor.simulate_get('/')
        assert '<a href="/channels">/channels</a>' in index.text
        # the chat and feed on channels come first, the verbatim ones after them
        assert index.text.index('href="/channels"') < index.text.index('href="/realtime"')
        page = await conductor.simulate_get('/channels')
        assert page.status_code == 200
        assert page.headers['content-type'] == 'text/html; charset=utf-8'
        assert "new EventSource(base + '/notifications')" in page.text


def test_make_channels_picks_redis_from_the_environment(example, monkeypatch) -> None:
    pytest.importorskip('redis')
    monkeypatch.setenv('CHANNELS_REDIS_URL', 'redis://127.0.0.1:6390/0')
    channels = example.make_channels()
    assert repr(channels.broker) == "RedisBroker('redis://127.0.0.1:6390/0')"
