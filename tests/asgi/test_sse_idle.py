"""SSE over ASGI at scale: an idle stream holds two tasks and no timer of its own, ready
events share a chunk, and a stream stops cleanly whatever it was doing when the client left."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

import falcon.asgi
import falcon.media
from falcon.asgi import SSEvent
from falcon.asgi._sse import event_stream


def live_timers() -> int:
    loop = asyncio.get_running_loop()
    return sum(1 for handle in getattr(loop, '_scheduled', ()) if not handle.cancelled())


class Client:
    """One client of ``GET /``: keeps the body chunks; ``leave()`` disconnects it."""

    def __init__(self, app: Any, hold_sends: bool = False) -> None:
        self.app = app
        self.chunks: list[bytes] = []
        self.finished = False
        self.gone = asyncio.Event()
        self.hold_sends = hold_sends
        self.sending = asyncio.Event()
        self.first: dict[str, Any] | None = {'type': 'http.request', 'body': b''}
        self.task: asyncio.Task[None] | None = None

    async def receive(self) -> dict[str, Any]:
        first, self.first = self.first, None
        if first is not None:
            return first
        await self.gone.wait()
        return {'type': 'http.disconnect'}

    async def send(self, event: dict[str, Any]) -> None:
        if event['type'] != 'http.response.body':
            return
        if self.hold_sends:
            self.sending.set()
            await asyncio.Event().wait()
        if event.get('more_body'):
            self.chunks.append(event['body'])
        else:
            self.finished = True

    def start(self) -> None:
        scope = {
            'type': 'http',
            'asgi': {'version': '3.0'},
            'http_version': '1.1',
            'method': 'GET',
            'path': '/',
            'query_string': b'',
            'headers': [],
        }
        self.task = asyncio.ensure_future(self.app(scope, self.receive, self.send))

    async def leave(self) -> None:
        self.gone.set()
        assert self.task is not None
        await asyncio.wait_for(self.task, 1)


def app_for(make_emitter: Any, ping: float | None = None) -> falcon.asgi.App:
    class Events:
        async def on_get(self, req: Any, resp: Any) -> None:
            resp.sse = make_emitter()

    app = falcon.asgi.App()
    app.sse_ping_interval = ping
    app.add_route('/', Events())
    return app


async def test_idle_streams_hold_two_tasks_each_and_share_one_ping_timer() -> None:
    waiting = 0

    async def idle() -> AsyncIterator[SSEvent]:
        nonlocal waiting
        yield SSEvent(data='hello')
        waiting += 1
        await asyncio.Event().wait()
        yield SSEvent(data='never')

    app = app_for(idle, ping=0.05)
    tasks, timers = len(asyncio.all_tasks()), live_timers()
    clients = [Client(app) for _ in range(5)]
    for client in clients:
        client.start()
    for _ in range(100):
        if waiting == len(clients):
            break
        await asyncio.sleep(0.01)
    assert len(asyncio.all_tasks()) == tasks + 2 * len(clients)
    assert live_timers() == timers + 1
    await asyncio.sleep(0.2)
    for client in clients:
        await client.leave()
        assert client.chunks[0] == b'data: hello\n\n'
        assert 3 <= len(client.chunks[1:]) <= 5
        assert set(client.chunks[1:]) == {b': ping\n\n'}
        assert not client.finished
    await asyncio.sleep(0)
    assert len(asyncio.all_tasks()) == tasks
    assert live_timers() == timers


async def test_ready_events_share_a_chunk_of_at_most_64() -> None:
    async def ready() -> AsyncIterator[SSEvent]:
        for i in range(100):
            yield SSEvent(data=str(i))
        await asyncio.sleep(0)
        yield SSEvent(data='after a pause')

    client = Client(app_for(ready))
    client.start()
    assert client.task is not None
    await asyncio.wait_for(client.task, 2)
    expected = [
        b''.join(b'data: %d\n\n' % i for i in range(start, end))
        for start, end in ((0, 64), (64, 100))
    ]
    assert client.chunks == [*expected, b'data: after a pause\n\n']
    assert client.finished


class _Bursts:
    """An async iterator (not a generator) of the same bursts as ``bursts()`` below."""

    def __init__(self) -> None:
        self.items: list[str | None] = ['a', 'b', None, 'c', 'd', None, None, 'e']

    def __aiter__(self) -> _Bursts:
        return self

    async def __anext__(self) -> SSEvent:
        while self.items:
            item = self.items.pop(0)
            if item is not None:
                return SSEvent(data=item, event_id=item)
            await asyncio.sleep(0)
        raise StopAsyncIteration


async def _bursts() -> AsyncIterator[SSEvent]:
    for item in ['a', 'b', None, 'c', 'd', None, None, 'e']:
        if item is None:
            await asyncio.sleep(0)
        else:
            yield SSEvent(data=item, event_id=item)


@pytest.mark.parametrize('emitter', [_bursts, _Bursts], ids=['generator', 'iterator'])
async def test_events_ready_after_a_wait_share_the_chunk_of_the_awaited_one(
    emitter: Callable[[], Any],
) -> None:
    client = Client(app_for(emitter))
    client.start()
    assert client.task is not None
    await asyncio.wait_for(client.task, 2)
    assert client.chunks == [
        b'id: a\ndata: a\n\nid: b\ndata: b\n\n',
        b'id: c\ndata: c\n\nid: d\ndata: d\n\n',
        b'id: e\ndata: e\n\n',
    ]
    assert client.finished


async def test_an_error_after_a_wait_ends_the_stream_after_the_ready_events(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def failing() -> AsyncIterator[SSEvent]:
        yield SSEvent(data='1')
        await asyncio.sleep(0)
        yield SSEvent(data='2')
        yield SSEvent(data='3')
        raise RuntimeError('emitter broke')

    client = Client(app_for(failing))
    client.start()
    assert client.task is not None
    await asyncio.wait_for(client.task, 2)
    assert client.chunks == [b'data: 1\n\n', b'data: 2\n\ndata: 3\n\n']
    assert client.finished
    assert 'emitter broke' in caplog.text


async def test_an_emitter_waiting_during_a_send_is_closed_when_the_client_leaves() -> None:
    closed_at: list[float] = []

    async def slow() -> AsyncIterator[SSEvent]:
        try:
            yield SSEvent(data='first')
            await asyncio.sleep(3600)
            yield SSEvent(data='never')
        finally:
            closed_at.append(time.monotonic())

    tasks = len(asyncio.all_tasks())
    client = Client(app_for(slow, ping=30), hold_sends=True)
    client.start()
    await asyncio.wait_for(client.sending.wait(), 1)
    left_at = time.monotonic()
    await client.leave()
    assert len(closed_at) == 1 and closed_at[0] - left_at < 1
    await asyncio.sleep(0)
    assert len(asyncio.all_tasks()) == tasks


async def test_an_emitter_that_ignores_the_cancellation_still_stops() -> None:
    steps: list[str] = []

    async def stubborn() -> AsyncIterator[SSEvent]:
        yield SSEvent(data='first')
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            steps.append('cancelled')
        try:
            while True:
                yield SSEvent(data='after the cancellation')
                await asyncio.sleep(0)
        finally:
            steps.append('closed')

    client = Client(app_for(stubborn))
    client.start()
    await asyncio.sleep(0.02)
    await client.leave()
    assert steps == ['cancelled', 'closed']
    assert client.chunks == [b'data: first\n\n']
    assert not client.finished


async def test_an_async_iterator_returning_futures_is_served() -> None:
    class Futures:
        def __init__(self) -> None:
            self.left = 3

        def __aiter__(self) -> Futures:
            return self

        def __anext__(self) -> asyncio.Future[SSEvent]:
            future: asyncio.Future[SSEvent] = asyncio.get_running_loop().create_future()
            if self.left:
                self.left -= 1
                asyncio.get_running_loop().call_soon(
                    future.set_result, SSEvent(data=str(self.left))
                )
            else:
                future.set_exception(StopAsyncIteration())
            return future

    client = Client(app_for(Futures))
    client.start()
    assert client.task is not None
    await asyncio.wait_for(client.task, 2)
    assert b''.join(client.chunks) == b'data: 2\n\ndata: 1\n\ndata: 0\n\n'
    assert client.finished


class _Loud(SSEvent):
    """A subclass: serialized through its own ``serialize()``."""

    def serialize(self, handler: Any = None) -> Any:
        return super().serialize(handler).upper()


_MIXED: list[tuple[Any, bytes]] = [
    (SSEvent(data='plain'), b'data: plain\n\n'),
    (SSEvent(data='with id', event_id='7'), b'id: 7\ndata: with id\n\n'),
    (SSEvent(data='two\nlines', event_id='8'), b'id: 8\ndata: two\ndata: lines\n\n'),
    (SSEvent(data='tab\there'), b'data: tab\there\n\n'),
    (
        SSEvent(data='caf\u00e9 \u2603', event_id='\u00e9'),
        'id: \u00e9\ndata: caf\u00e9 \u2603\n\n'.encode(),
    ),
    (SSEvent(data='lone \ud800'), b'data: lone \\ud800\n\n'),
    (SSEvent(data='x', event_id='tab\t'), b'id: tab\t\ndata: x\n\n'),
    (SSEvent(data=b'bytes', event_id='9'), b'id: 9\ndata: bytes\n\n'),
    (SSEvent(data='x', event='tick'), b'event: tick\ndata: x\n\n'),
    (SSEvent(data='x', comment='note'), b': note\ndata: x\n\n'),
    (SSEvent(data='x', retry=10), b'retry: 10\ndata: x\n\n'),
    (SSEvent(data='x', text='ignored', json={'n': 1}), b'data: x\n\n'),
    (SSEvent(json={'n': 1}), b'data: {"n": 1}\n\n'),
    (SSEvent(), b': ping\n\n'),
    (None, b': ping\n\n'),
    (b'data: ready-made bytes\n\n', b'data: ready-made bytes\n\n'),
    ('data: ready-made text\n\n', b'data: ready-made text\n\n'),
    (_Loud(data='loud'), b'DATA: LOUD\n\n'),
]


@pytest.mark.parametrize('first', [0, 3, 16], ids=['text-first', 'bytes-first', 'ping-first'])
async def test_a_chunk_mixing_usual_events_and_other_items_has_the_bytes_of_each(
    first: int,
) -> None:
    # The usual events (printable text data, perhaps a printable text id) are formatted as
    # text and the others as bytes; a chunk mixing them has each one's exact bytes, in order.
    items = _MIXED[first:] + _MIXED[:first]

    async def ready() -> AsyncIterator[Any]:
        for item, _ in items:
            yield item
        await asyncio.sleep(0)
        for item, _ in items:
            yield item

    client = Client(app_for(ready))
    client.start()
    assert client.task is not None
    await asyncio.wait_for(client.task, 2)
    expected = b''.join(wire for _, wire in items)
    assert client.chunks == [expected, expected]
    assert client.finished


class Emitter:
    """An async iterator of the given items, then a failure or a wait; records its close."""

    def __init__(self, items: list[Any], then: BaseException | None = None) -> None:
        self.items = list(items)
        self.then = then
        self.closed = 0
        self.waiting = False

    def __aiter__(self) -> Emitter:
        return self

    async def __anext__(self) -> Any:
        if self.items:
            return self.items.pop(0)
        if self.then is not None:
            raise self.then
        self.waiting = True
        try:
            await asyncio.get_running_loop().create_future()
        finally:
            self.waiting = False
        raise AssertionError('never resolved')

    async def aclose(self) -> None:
        self.closed += 1


async def test_an_event_stream_closed_before_its_first_step_closes_its_emitter() -> None:
    emitter = Emitter([])
    failures: list[BaseException] = []
    stream: Any = event_stream(emitter, failures.append)
    await stream.aclose()
    await stream.aclose()
    assert emitter.closed == 1
    assert failures == []
    with pytest.raises(StopAsyncIteration):
        await stream.__anext__()


async def test_an_emitter_failure_is_reported_once_after_the_last_chunk() -> None:
    error = ValueError('broken')
    emitter = Emitter([SSEvent(data='a'), SSEvent(data='b', event_id='2')], then=error)
    failures: list[BaseException] = []
    stream: Any = event_stream(emitter, failures.append)
    assert await stream.__anext__() == b'data: a\n\nid: 2\ndata: b\n\n'
    assert failures == []
    with pytest.raises(StopAsyncIteration):
        await stream.__anext__()
    assert failures == [error]
    with pytest.raises(StopAsyncIteration):
        await stream.__anext__()
    await stream.aclose()
    assert failures == [error]
    assert emitter.closed == 1


async def test_a_failure_after_a_chunk_never_sent_is_not_reported() -> None:
    emitter = Emitter([SSEvent(data='a')], then=ValueError('broken'))
    failures: list[BaseException] = []
    stream: Any = event_stream(emitter, failures.append)
    assert await stream.__anext__() == b'data: a\n\n'
    await stream.aclose()
    assert failures == []
    assert emitter.closed == 1


async def test_an_event_stream_closed_while_its_emitter_waits_cancels_the_wait() -> None:
    emitter = Emitter([SSEvent(data='a')])
    stream: Any = event_stream(emitter, [].append)
    assert await stream.__anext__() == b'data: a\n\n'
    step = asyncio.ensure_future(stream.__anext__())
    await asyncio.sleep(0)
    assert emitter.waiting
    step.cancel()
    with pytest.raises(asyncio.CancelledError):
        await step
    assert not emitter.waiting
    await stream.aclose()
    assert emitter.closed == 1


async def test_json_events_use_the_app_json_handler_found_at_the_first_event() -> None:
    release = asyncio.Event()

    async def events() -> AsyncIterator[Any]:
        await release.wait()
        yield SSEvent(json={'n': 1})
        yield SSEvent(json={'n': 2}, event_id='2')
        await asyncio.sleep(0)
        yield SSEvent(json={'n': 3}, event='tick')

    app = app_for(events)
    client = Client(app)
    client.start()
    assert client.task is not None
    await asyncio.sleep(0.01)
    # Set while the subscriber waits for its first event: every event uses it.
    app.resp_options.media_handlers[falcon.MEDIA_JSON] = falcon.media.JSONHandler(
        dumps=lambda obj: json.dumps(obj, indent=None, separators=(',', '=')),
    )
    release.set()
    await asyncio.wait_for(client.task, 2)
    assert client.chunks == [
        b'data: {"n"=1}\n\nid: 2\ndata: {"n"=2}\n\n',
        b'event: tick\ndata: {"n"=3}\n\n',
    ]
    assert client.finished
