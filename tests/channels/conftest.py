"""Fixtures and helpers for the channels tests: both kinds of app, SSE and WebSocket reading."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def make_app(make_app: Callable[..., Any], asgi: bool) -> Callable[..., Any]:
    """The harness's factory for the app kind under test, with one change: a WSGI app learns
    that a streaming client left only when it writes, so its streams ping every 50 ms
    (``read_blocks`` leaves pings out); an ASGI app does not ping."""

    def factory(**kwargs: Any) -> Any:
        app = make_app(**kwargs)
        app.sse_ping_interval = None if asgi else 0.05
        return app

    return factory


async def until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Wait until ``condition()`` is true (fails the test after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError('condition not met in time')
        await asyncio.sleep(0.005)


async def read_blocks(result: Any, count: int, timeout: float = 5.0) -> bytes:
    """Read a streamed SSE body until it holds ``count`` blocks, keep-alive pings left out."""
    body = b''
    deadline = time.monotonic() + timeout
    while body.count(b'\n\n') < count:
        if time.monotonic() > deadline:
            raise AssertionError(f'only {body!r} arrived')
        body += await result.stream.read()
        body = body.replace(b': ping\n\n', b'')
        await asyncio.sleep(0.005)
    return body


def block(event_id: str, data: str, event: str | None = None) -> bytes:
    """The SSE block of one channel event."""
    head = f'event: {event}\n' if event else ''
    return f'{head}id: {event_id}\ndata: {data}\n\n'.encode()
