"""Disconnects under uvicorn: idle SSE emitters close promptly; 1,000 abrupt drops leak nothing.

Also the WebSocket error paths over a real connection: a rejected handshake, close codes for
oversized messages and unhandled errors.
"""

from __future__ import annotations

import asyncio
import socket
import struct
import time
from collections.abc import Iterator

import httpx
import pytest
import websockets
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.e2e.e2e_servers import Server, serving

pytestmark = pytest.mark.slow


@pytest.fixture(scope='module')
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    target = 'tests.e2e.realtime_probe:app'
    with serving([('uvicorn', target)], tmp_path_factory.mktemp('probe')) as (running,):
        yield running


def stats(server: Server) -> dict[str, float]:
    return httpx.get(server.url + '/stats', timeout=10).json()  # type: ignore[no-any-return]


async def open_idle_stream(server: Server) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection('127.0.0.1', server.port)
    writer.write(b'GET /idle HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n')
    await writer.drain()
    received = b''
    while b'data: ' not in received:
        chunk = await asyncio.wait_for(reader.read(4096), 10)
        assert chunk, 'the server closed the stream early'
        received += chunk
    return reader, writer


def drop_abruptly(writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info('socket')
    # SO_LINGER with a zero timeout: close() sends RST instead of a graceful FIN.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    writer.transport.abort()


async def wait_for_closed(server: Server, count: float, limit: float) -> dict[str, float]:
    deadline = time.monotonic() + limit
    while True:
        current = stats(server)
        if current['closed'] >= count or time.monotonic() > deadline:
            return current
        await asyncio.sleep(0.02)


async def test_idle_emitter_closed_within_one_second(server: Server) -> None:
    before = stats(server)
    _, writer = await open_idle_stream(server)
    left_at = time.time()
    writer.close()
    after = await wait_for_closed(server, before['closed'] + 1, 5)
    assert after['closed'] == before['closed'] + 1
    assert after['last_closed_at'] - left_at < 1.0


async def test_thousand_abrupt_disconnects_leave_no_tasks_or_memory(server: Server) -> None:
    async def one_round() -> None:
        _, writer = await open_idle_stream(server)
        drop_abruptly(writer)

    async def rounds(count: int) -> None:
        for _batch in range(count // 50):
            await asyncio.gather(*(one_round() for _ in range(50)))

    await rounds(100)
    warm = await wait_for_closed(server, stats(server)['opened'], 10)
    assert warm['opened'] == warm['closed']
    await asyncio.sleep(0.2)
    baseline = stats(server)

    await rounds(1000)
    after = await wait_for_closed(server, baseline['closed'] + 1000, 20)
    assert after['opened'] == baseline['opened'] + 1000
    assert after['closed'] == after['opened']
    for _ in range(50):
        after = stats(server)
        if after['tasks'] <= baseline['tasks']:
            break
        await asyncio.sleep(0.1)
    assert after['tasks'] <= baseline['tasks']
    assert after['rss'] - baseline['rss'] < 8 * 1024 * 1024


def ws_url(server: Server, path: str) -> str:
    return server.url.replace('http://', 'ws://') + path


async def test_websocket_http_error_rejects_the_handshake(server: Server) -> None:
    # A close before accept() under uvicorn's default WebSocket implementation, which answers
    # it with 403 (denial responses, with the error's body, are in test_ws_rejections.py).
    with pytest.raises(InvalidStatus) as info:
        async with websockets.connect(ws_url(server, '/ws/forbidden')):
            pass
    assert info.value.response.status_code == 403


@pytest.mark.parametrize(
    ('mode', 'message', 'code'),
    [('echo', 'x' * 2048, 1009), ('crash', 'go', 1011)],
)
async def test_websocket_close_codes(server: Server, mode: str, message: str, code: int) -> None:
    async with websockets.connect(ws_url(server, f'/ws/{mode}')) as ws:
        await ws.send(message)
        with pytest.raises(ConnectionClosed) as info:
            await asyncio.wait_for(ws.recv(), 5)
    assert info.value.rcvd is not None
    assert info.value.rcvd.code == code
    if mode == 'crash':
        await asyncio.sleep(0.1)
        assert 'unhandled in on_websocket' in server.stderr()
