"""The real-time page in headless Chromium: chat between two tabs, SSE through EventSource.

Chromium is driven over the Chrome DevTools Protocol with the ``websockets`` client. The
set-up (``make test``) installs Debian's ``chromium`` package when it is missing; the test
installs it too when run as root, and fails with instructions when it cannot.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import websockets

from tests.e2e.e2e_servers import Server, serving

pytestmark = pytest.mark.slow


def chromium_path() -> str | None:
    found = shutil.which('chromium') or shutil.which('chromium-browser')
    if found is None and hasattr(os, 'geteuid') and os.geteuid() == 0 and shutil.which('apt-get'):
        subprocess.run(
            [
                'sh',
                '-c',
                'apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium',
            ],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, 'DEBIAN_FRONTEND': 'noninteractive'},
            timeout=900,
        )
        found = shutil.which('chromium')
    return found


@pytest.fixture(scope='module')
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serving([('uvicorn', 'realtime:app')], tmp_path_factory.mktemp('browser')) as (running,):
        yield running


class DevTools:
    """A minimal Chrome DevTools Protocol client over one browser-level WebSocket."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.ids = itertools.count(1)
        self.waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.events: list[dict[str, Any]] = []  # notifications, e.g. Runtime.exceptionThrown
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        async for raw in self.connection:
            message = json.loads(raw)
            if 'method' in message:
                self.events.append(message)
            future = self.waiting.pop(message.get('id', -1), None)
            if future is not None and not future.done():
                future.set_result(message)

    async def call(self, method: str, session: str | None = None, **params: Any) -> Any:
        ident = next(self.ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.waiting[ident] = future
        message: dict[str, Any] = {'id': ident, 'method': method, 'params': params}
        if session is not None:
            message['sessionId'] = session
        await self.connection.send(json.dumps(message))
        reply = await asyncio.wait_for(future, 30)
        if 'error' in reply:
            raise RuntimeError(f'{method}: {reply["error"]}')
        return reply['result']

    async def open_tab(self, url: str) -> str:
        target = await self.call('Target.createTarget', url=url)
        attached = await self.call(
            'Target.attachToTarget', targetId=target['targetId'], flatten=True
        )
        return str(attached['sessionId'])

    async def evaluate(self, session: str, expression: str) -> Any:
        result = await self.call(
            'Runtime.evaluate', session, expression=expression, returnByValue=True
        )
        return result['result'].get('value')

    async def wait_for(self, session: str, expression: str, limit: float = 20) -> Any:
        deadline = time.monotonic() + limit
        while True:
            value = await self.evaluate(session, expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f'timed out waiting for {expression}')
            await asyncio.sleep(0.1)


async def browser_endpoint(process: subprocess.Popen[bytes], profile: Path) -> str:
    port_file = profile / 'DevToolsActivePort'
    deadline = time.monotonic() + 30
    while not port_file.exists() or len(port_file.read_text().splitlines()) < 2:
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError('Chromium did not start its DevTools endpoint')
        await asyncio.sleep(0.1)
    port, path = port_file.read_text().splitlines()[:2]
    return f'ws://127.0.0.1:{port}{path}'


@pytest.fixture
async def devtools(tmp_path: Path) -> AsyncIterator[DevTools]:
    executable = chromium_path()
    if executable is None:
        pytest.fail('Chromium is required for the browser test: apt-get install chromium')
    profile = tmp_path / 'profile'
    process = subprocess.Popen(
        [
            executable,
            '--headless=new',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--no-first-run',
            '--remote-debugging-port=0',
            f'--user-data-dir={profile}',
            'about:blank',
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        endpoint = await browser_endpoint(process, profile)
        async with websockets.connect(endpoint, max_size=None) as connection:
            client = DevTools(connection)
            yield client
            client.reader.cancel()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


async def test_chat_between_tabs_and_live_feed(server: Server, devtools: DevTools) -> None:
    page = server.url + '/realtime'
    first = await devtools.open_tab(page)
    second = await devtools.open_tab(page)
    for tab in (first, second):
        await devtools.wait_for(
            tab, "document.getElementById('chat-status')?.textContent === 'open'"
        )

    await devtools.evaluate(
        first,
        "document.getElementById('user').value = 'ann';"
        "document.getElementById('message').value = 'hello from the first tab';"
        "document.getElementById('chat-form').requestSubmit(); true",
    )
    received = await devtools.wait_for(
        second,
        "Array.from(document.querySelectorAll('.chat-message'))"
        ".map(e => e.textContent).find(t => t === 'ann: hello from the first tab')",
    )
    assert received == 'ann: hello from the first tab'
    assert await devtools.wait_for(
        first, "document.querySelectorAll('.chat-message').length === 1"
    )

    count = await devtools.wait_for(
        second,
        "document.querySelectorAll('.feed-event').length >= 2 && "
        "document.getElementById('last-count').textContent",
    )
    assert int(count) >= 1
    assert (
        await devtools.evaluate(second, "document.getElementById('feed-status').textContent")
        == 'open'
    )
