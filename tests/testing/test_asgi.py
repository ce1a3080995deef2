"""The simulated ASGI events: request emitter, response collector, lifespan emitter."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from falcon.testing import (
    ASGILifespanEventEmitter,
    ASGIRequestEventEmitter,
    ASGIResponseEventCollector,
)

# -- request emitter -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ('body', 'chunk_size', 'expected'),
    [
        (None, None, [(b'', False)]),
        (b'', 4, [(b'', False)]),
        ('héllo', None, [('héllo'.encode(), False)]),
        (b'abcdefghij', 4, [(b'abcd', True), (b'efgh', True), (b'ij', False)]),
        (b'abcd', 4, [(b'abcd', False)]),
        (memoryview(b'xyz'), 1, [(b'x', True), (b'y', True), (b'z', False)]),
    ],
)
async def test_emitter_body_chunks(
    body: Any, chunk_size: int | None, expected: list[tuple[bytes, bool]]
) -> None:
    emitter = ASGIRequestEventEmitter(body, chunk_size=chunk_size)
    events = [await emitter() for _ in expected]
    assert events == [
        {'type': 'http.request', 'body': chunk, 'more_body': more} for chunk, more in expected
    ]


async def test_emitter_waits_for_disconnect_after_body() -> None:
    emitter = ASGIRequestEventEmitter(b'x')
    assert (await emitter.emit())['type'] == 'http.request'
    waiting = asyncio.create_task(emitter.emit())
    await asyncio.sleep(0.01)
    assert not waiting.done()
    assert not emitter.disconnected
    emitter.disconnect()
    assert await asyncio.wait_for(waiting, 1) == {'type': 'http.disconnect'}
    assert emitter.disconnected
    assert await emitter() == {'type': 'http.disconnect'}


async def test_emitter_disconnects_at_deadline() -> None:
    emitter = ASGIRequestEventEmitter(disconnect_at=time.time() + 0.05)
    await emitter()
    started = time.monotonic()
    assert await emitter() == {'type': 'http.disconnect'}
    assert time.monotonic() - started >= 0.03
    assert emitter.disconnected


async def test_emitter_past_deadline_disconnects_before_body() -> None:
    emitter = ASGIRequestEventEmitter(b'body', disconnect_at=time.time() - 1)
    assert emitter.disconnected
    assert await emitter() == {'type': 'http.disconnect'}


async def test_emitter_disconnect_exhausts_body_by_default() -> None:
    emitter = ASGIRequestEventEmitter(b'abcdef', chunk_size=3)
    emitter.disconnect()
    assert await emitter() == {'type': 'http.request', 'body': b'abc', 'more_body': True}
    assert await emitter() == {'type': 'http.request', 'body': b'def', 'more_body': False}
    assert await emitter() == {'type': 'http.disconnect'}


async def test_emitter_disconnect_without_body() -> None:
    emitter = ASGIRequestEventEmitter(b'abcdef')
    emitter.disconnect(exhaust_body=False)
    assert await emitter() == {'type': 'http.disconnect'}


@pytest.mark.parametrize('chunk_size', [0, -1])
def test_emitter_rejects_bad_chunk_size(chunk_size: int) -> None:
    with pytest.raises(ValueError):
        ASGIRequestEventEmitter(b'x', chunk_size=chunk_size)


# -- response collector ----------------------------------------------------------------------


async def test_collector_records_a_response() -> None:
    collector = ASGIResponseEventCollector()
    await collector(
        {'type': 'http.response.start', 'status': 201, 'headers': [(b'x-a', b'caf\xe9')]}
    )
    await collector({'type': 'http.response.body', 'body': b'ab', 'more_body': True})
    await collector({'type': 'http.response.body', 'body': b'', 'more_body': True})
    assert not collector.complete
    await collector.collect({'type': 'http.response.body', 'body': b'c'})
    assert collector.status == 201
    assert collector.headers == [('x-a', 'café')]
    assert collector.body_chunks == [b'ab', b'c']
    assert collector.more_body is False
    assert collector.complete
    assert len(collector.events) == 4


@pytest.mark.parametrize(
    ('events', 'error'),
    [
        ([{'type': 7}], TypeError),
        ([{'type': 'http.response.push'}], ValueError),
        ([{'type': 'http.response.start', 'status': '200'}], TypeError),
        ([{'type': 'http.response.start', 'status': True}], TypeError),
        ([{'type': 'http.response.start', 'status': 200, 'headers': [('a', b'b')]}], TypeError),
        ([{'type': 'http.response.start', 'status': 200, 'headers': [(b'a', 'b')]}], TypeError),
        ([{'type': 'http.response.start', 'status': 200, 'headers': [(b'A', b'b')]}], ValueError),
        ([{'type': 'http.response.start', 'status': 200, 'headers': [(b'', b'b')]}], ValueError),
        (
            [{'type': 'http.response.start', 'status': 200, 'headers': [(b'a', b'x\r\ny')]}],
            ValueError,
        ),
        ([{'type': 'http.response.body', 'body': b'x'}], ValueError),
        (
            [
                {'type': 'http.response.start', 'status': 200},
                {'type': 'http.response.start', 'status': 200},
            ],
            ValueError,
        ),
        (
            [
                {'type': 'http.response.start', 'status': 200},
                {'type': 'http.response.body', 'body': 'text'},
            ],
            TypeError,
        ),
        (
            [
                {'type': 'http.response.start', 'status': 200},
                {'type': 'http.response.body', 'body': b'', 'more_body': 1},
            ],
            TypeError,
        ),
        (
            [
                {'type': 'http.response.start', 'status': 200},
                {'type': 'http.response.body', 'body': b''},
                {'type': 'http.response.body', 'body': b'late'},
            ],
            ValueError,
        ),
    ],
)
async def test_collector_rejects_invalid_events(
    events: list[dict[str, Any]], error: type[Exception]
) -> None:
    collector = ASGIResponseEventCollector()
    with pytest.raises(error):
        for event in events:
            await collector(event)


async def test_collector_accepts_lifespan_events() -> None:
    collector = ASGIResponseEventCollector()
    await collector({'type': 'lifespan.startup.complete'})
    assert collector.events == [{'type': 'lifespan.startup.complete'}]
    assert collector.status is None


async def test_collector_wait_until() -> None:
    collector = ASGIResponseEventCollector()

    async def respond() -> None:
        await asyncio.sleep(0.01)
        await collector({'type': 'http.response.start', 'status': 204})

    task = asyncio.create_task(respond())
    await asyncio.wait_for(collector.wait_until(lambda: collector.status is not None), 1)
    assert collector.status == 204
    await task


# -- lifespan emitter ------------------------------------------------------------------------


async def test_lifespan_emitter_notified() -> None:
    condition = asyncio.Condition()
    emitter = ASGILifespanEventEmitter(condition)
    assert await emitter() == {'type': 'lifespan.startup'}
    waiting = asyncio.create_task(emitter.emit())
    await asyncio.sleep(0.01)
    assert not waiting.done()
    async with condition:
        condition.notify()
    assert await asyncio.wait_for(waiting, 1) == {'type': 'lifespan.shutdown'}
    forever = asyncio.create_task(emitter.emit())
    await asyncio.sleep(0.01)
    assert not forever.done()
    forever.cancel()


async def test_lifespan_emitter_shutdown_requested_before_waiting() -> None:
    emitter = ASGILifespanEventEmitter(asyncio.Condition())
    await emitter()
    await emitter.request_shutdown()
    assert await asyncio.wait_for(emitter(), 1) == {'type': 'lifespan.shutdown'}
