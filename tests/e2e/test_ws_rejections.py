"""WebSocket handshakes rejected under real servers: the client sees the rejection, and no
server logs an error for it.

``tests/e2e/ws_rejections_app.py`` runs under uvicorn with each of its WebSocket
implementations (``auto``, which is websockets-sansio, the legacy ``websockets`` one and
``wsproto``), hypercorn and granian. A rejection before ``accept()`` is a denial response
with the error's status where the server announces the extension, and ``websocket.close``
(which the server answers with 403) where it does not, or where the server logs every denial
response as an error (uvicorn's websockets-sansio). Either way the handshake is answered
before the app returns, so the server's log has no ``ERROR`` line.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import websockets
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.e2e.e2e_servers import (
    EXAMPLES,
    REPO,
    STARTUP_TIMEOUT,
    Server,
    _hypercorn,
    _stop,
    _uvicorn,
    _wait_until_listening,
    free_port,
)

pytestmark = pytest.mark.slow

TARGET = 'tests.e2e.ws_rejections_app:app'

# server -> (command for a port, whether it gets denial responses)
SERVERS: dict[str, tuple[Callable[[int], list[str]], bool]] = {
    'uvicorn': (lambda port: _uvicorn(TARGET, port), False),
    'uvicorn-websockets': (lambda port: _uvicorn(TARGET, port, '--ws', 'websockets'), True),
    'uvicorn-wsproto': (lambda port: _uvicorn(TARGET, port, '--ws', 'wsproto'), True),
    'hypercorn': (lambda port: _hypercorn(f'asgi:{TARGET}', port), True),
    'granian': (
        lambda port: [
            *(sys.executable, '-m', 'granian', TARGET, '--interface', 'asgi'),
            *('--host', '127.0.0.1', '--port', str(port), '--workers', '1'),
            *('--no-access-log', '--log-level', 'warning'),
        ],
        True,
    ),
}
KINDS = [kind for kind in SERVERS if importlib.util.find_spec(kind.split('-')[0]) is not None]

# path -> the status and the JSON title of the denial response
REJECTIONS = {
    '/missing': (404, '404 Not Found'),
    '/forbidden': (403, 'No entry'),
    '/http-only': (405, '405 Method Not Allowed'),
    '/crash': (500, None),
}


def _launch(kind: str, log_dir: Path) -> Server:
    command, _ = SERVERS[kind]
    port = free_port()
    argv = command(port)
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join(filter(None, [str(REPO), env.get('PYTHONPATH')]))
    env['PYTHONUNBUFFERED'] = '1'
    stdout_path, stderr_path = log_dir / f'{kind}.out', log_dir / f'{kind}.err'
    with open(stdout_path, 'wb') as out, open(stderr_path, 'wb') as err:
        process = subprocess.Popen(
            argv,
            cwd=EXAMPLES,
            env=env,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    return Server(kind, f'ws://127.0.0.1:{port}', port, process, stdout_path, stderr_path)


@pytest.fixture(scope='module')
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Server]]:
    log_dir = tmp_path_factory.mktemp('ws-rejections')
    started: list[Server] = []
    try:
        for kind in KINDS:
            started.append(_launch(kind, log_dir))
        deadline = time.monotonic() + STARTUP_TIMEOUT
        for server in started:
            _wait_until_listening(server, deadline)
        yield {server.name: server for server in started}
    finally:
        _stop(started)


async def _rejection(url: str) -> tuple[int, bytes]:
    """The status and body of the HTTP response refusing the handshake."""
    with pytest.raises(InvalidStatus) as info:
        async with websockets.connect(url, open_timeout=10):
            pass
    response = info.value.response
    return int(response.status_code), bytes(response.body or b'')


def _error_lines(server: Server) -> list[str]:
    text = server.stdout() + server.stderr()
    return [
        line
        for line in text.splitlines()
        if line.startswith('ERROR') or 'handshake' in line or 'Exception in ASGI' in line
    ]


@pytest.mark.parametrize('kind', KINDS)
async def test_rejections_reach_the_client_and_log_no_error(
    servers: dict[str, Server], kind: str
) -> None:
    server = servers[kind]
    _, denies = SERVERS[kind]
    for path, (status, title) in REJECTIONS.items():
        status_seen, body = await _rejection(server.url + path)
        if denies:
            assert status_seen == status, path
            assert (json.loads(body)['title'] if body else None) == title, path
        else:
            assert (status_seen, body) == (403, b''), path
        assert await _rejection(server.url + path + '?no-denial') == (403, b''), path
    async with websockets.connect(server.url + '/late', open_timeout=10) as ws:
        with pytest.raises(ConnectionClosed):
            await asyncio.wait_for(ws.recv(), 10)
    assert ws.close_code == 3403
    await asyncio.sleep(0.3)  # let the server write what it logs
    assert _error_lines(server) == []
    # The unexpected exception is logged by the app itself, once per handshake.
    logged = server.stdout() + server.stderr()
    assert logged.count('Unhandled exception in a WebSocket connection') == 2
