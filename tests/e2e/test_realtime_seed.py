"""The seed's WebSocket and SSE examples (examples/realtime.py) under uvicorn, real clients."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import httpx
import pytest
import websockets
from websockets.exceptions import InvalidStatus

from tests.e2e.e2e_servers import Server, serving

pytestmark = pytest.mark.slow


@pytest.fixture(scope='module')
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serving([('uvicorn', 'realtime:app')], tmp_path_factory.mktemp('realtime')) as (running,):
        yield running


def ws_url(server: Server, path: str) -> str:
    return server.url.replace('http://', 'ws://') + path


async def test_chat_broadcasts_to_every_client(server: Server) -> None:
    url = ws_url(server, '/chat')
    async with (
        websockets.connect(url) as ann,
        websockets.connect(url) as bob,
        websockets.connect(url) as cat,
    ):
        await asyncio.sleep(0.1)
        await ann.send(json.dumps({'user': 'ann', 'message': 'hello all'}))
        for client in (ann, bob, cat):
            data = json.loads(await asyncio.wait_for(client.recv(), 5))
            assert (data['user'], data['message']) == ('ann', 'hello all')
            assert isinstance(data['timestamp'], float)
        await bob.send(json.dumps({'message': 'anon'}))
        data = json.loads(await asyncio.wait_for(cat.recv(), 5))
        assert data['user'] == 'Anonymous'


async def test_echo_json_and_text_fallback(server: Server) -> None:
    async with websockets.connect(ws_url(server, '/echo')) as ws:
        await ws.send(json.dumps({'n': [1, 2]}))
        assert json.loads(await asyncio.wait_for(ws.recv(), 5)) == {
            'echo': {'n': [1, 2]},
            'type': 'json',
        }
        # Not JSON: receive_json() keeps the message, and the seed's fallback reads it as text.
        await ws.send('plain words')
        assert await asyncio.wait_for(ws.recv(), 5) == 'Echo: plain words'
        await ws.send('{"half": ')
        assert await asyncio.wait_for(ws.recv(), 5) == 'Echo: {"half": '
        await ws.send('[3]')
        assert json.loads(await asyncio.wait_for(ws.recv(), 5)) == {'echo': [3], 'type': 'json'}
        await ws.send('second')
        assert await asyncio.wait_for(ws.recv(), 5) == 'Echo: second'
    await asyncio.sleep(0.2)
    assert 'Client disconnected' in server.stdout()


# uvicorn's default WebSocket implementation logs every denial response as an error, so the
# app rejects with a close before accept() there, which uvicorn answers with 403 (see
# test_ws_rejections.py for the servers that get the 404 and 405 responses).


async def test_unknown_path_rejects_the_handshake(server: Server) -> None:
    with pytest.raises(InvalidStatus) as info:
        async with websockets.connect(ws_url(server, '/nowhere')):
            pass
    assert info.value.response.status_code == 403


async def test_http_route_without_websocket_rejects(server: Server) -> None:
    with pytest.raises(InvalidStatus) as info:
        async with websockets.connect(ws_url(server, '/events')):
            pass
    assert info.value.response.status_code == 403
    await asyncio.sleep(0.2)
    assert 'ERROR' not in server.stderr()


async def test_event_stream_resource(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as client:
        async with client.stream('GET', '/events') as response:
            assert response.status_code == 200
            assert response.headers['content-type'] == 'text/event-stream'
            assert response.headers['cache-control'] == 'no-cache'
            blocks: list[str] = []
            buffer = ''
            async for text in response.aiter_text():
                buffer += text
                while '\n\n' in buffer:
                    block, buffer = buffer.split('\n\n', 1)
                    blocks.append(block)
                if len(blocks) >= 2:
                    break
    first = dict(line.split(': ', 1) for line in blocks[0].splitlines())
    assert first['event'] == 'counter'
    assert first['id'] == '0'
    assert json.loads(first['data'])['count'] == 0
    second = dict(line.split(': ', 1) for line in blocks[1].splitlines())
    assert second['id'] == '1'


async def test_notification_stream_stays_open(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as client:
        async with client.stream('GET', '/notifications') as response:
            assert response.status_code == 200
            assert response.headers['content-type'] == 'text/event-stream'
            iterator = response.aiter_bytes()
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(iterator.__anext__(), 0.5)


def test_page_is_served(server: Server) -> None:
    response = httpx.get(server.url + '/realtime', timeout=10)
    assert response.status_code == 200
    assert 'new EventSource' in response.text
    assert "'/chat'" in response.text
