"""Server-Sent Events through falcon.asgi.App: headers, events, pings, disconnects, errors."""

from __future__ import annotations

import asyncio
import gc
import json
import time
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

import falcon.asgi
from falcon.asgi import SSEvent


class Client:
    """A minimal ASGI HTTP client that can leave while the body streams."""

    def __init__(self, app: Any, path: str = '/', headers: dict[str, str] | None = None) -> None:
        self.app = app
        self.scope = {
            'type': 'http',
            'asgi': {'version': '3.0', 'spec_version': '2.4'},
            'http_version': '1.1',
            'method': 'GET',
            'scheme': 'http',
            'path': path,
            'raw_path': path.encode(),
            'query_string': b'',
            'root_path': '',
            'headers': [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
            'client': ('127.0.0.1', 5000),
            'server': ('127.0.0.1', 8000),
        }
        self.events: list[dict[str, Any]] = []
        self.inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.inbox.put_nowait({'type': 'http.request', 'body': b'', 'more_body': False})
        self.body_event = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    async def receive(self) -> dict[str, Any]:
        return await self.inbox.get()

    async def send(self, event: dict[str, Any]) -> None:
        self.events.append(event)
        self.body_event.set()

    def start(self) -> None:
        self.task = asyncio.ensure_future(self.app(self.scope, self.receive, self.send))

    async def run(self, timeout: float = 5) -> None:
        self.start()
        assert self.task is not None
        await asyncio.wait_for(self.task, timeout)

    async def disconnect(self) -> None:
        await self.inbox.put({'type': 'http.disconnect'})
        assert self.task is not None
        await asyncio.wait_for(self.task, 5)

    @property
    def status(self) -> int:
        return int(self.events[0]['status'])

    @property
    def headers(self) -> dict[str, str]:
        return {k.decode(): v.decode() for k, v in self.events[0]['headers']}

    @property
    def body(self) -> bytes:
        return b''.join(e.get('body', b'') for e in self.events[1:])

    @property
    def finished(self) -> bool:
        return bool(self.events) and self.events[-1].get('more_body') is False


def make_app(resource: Any, ping: float | None = None) -> falcon.asgi.App:
    app = falcon.asgi.App()
    app.sse_ping_interval = ping
    app.add_route('/', resource)
    return app


class Emitting:
    def __init__(self, events: list[Any]) -> None:
        self.events = events

    async def on_get(self, req: Any, resp: Any) -> None:
        async def emitter() -> AsyncIterator[Any]:
            for event in self.events:
                yield event

        resp.sse = emitter()


@pytest.mark.parametrize(
    ('events', 'body'),
    [
        ([SSEvent(data=b'a'), SSEvent(text='b')], b'data: a\n\ndata: b\n\n'),
        ([SSEvent(json={'n': 1}, event='tick')], b'event: tick\ndata: {"n": 1}\n\n'),
        ([None], b': ping\n\n'),
        ([SSEvent(data='x').serialize()], b'data: x\n\n'),
        (['data: raw\n\n'], b'data: raw\n\n'),
        ([], b''),
    ],
)
async def test_async_emitter(events: list[Any], body: bytes) -> None:
    client = Client(make_app(Emitting(events)))
    await client.run()
    assert client.status == 200
    assert client.headers['content-type'] == 'text/event-stream'
    assert client.headers['cache-control'] == 'no-cache'
    assert 'content-length' not in client.headers
    assert client.body == body
    assert client.finished


async def test_sync_emitter_runs_on_thread_pool() -> None:
    class Sync:
        def on_get(self, req: Any, resp: Any) -> None:
            resp.sse = (SSEvent(data=str(i)) for i in range(3))

    client = Client(make_app(Sync()))
    await client.run()
    assert client.body == b'data: 0\n\ndata: 1\n\ndata: 2\n\n'


async def test_content_type_set_by_app_is_kept() -> None:
    class Typed:
        async def on_get(self, req: Any, resp: Any) -> None:
            resp.content_type = 'text/event-stream; charset=utf-8'
            resp.sse = iter([SSEvent(data='x')])

    client = Client(make_app(Typed()))
    await client.run()
    assert client.headers['content-type'] == 'text/event-stream; charset=utf-8'


async def test_head_sends_no_events() -> None:
    resource = Emitting([SSEvent(data='x')])
    resource.on_head = resource.on_get  # type: ignore[attr-defined]
    client = Client(make_app(resource))
    client.scope['method'] = 'HEAD'
    await client.run()
    assert client.status == 200
    assert client.body == b''


async def test_last_event_id() -> None:
    class Resume:
        async def on_get(self, req: Any, resp: Any) -> None:
            start = int(req.last_event_id or 0) + 1

            async def emitter() -> AsyncIterator[SSEvent]:
                for i in range(start, start + 2):
                    yield SSEvent(data=str(i), event_id=str(i))

            resp.sse = emitter()

    client = Client(make_app(Resume()), headers={'Last-Event-ID': '5'})
    await client.run()
    assert client.body == b'id: 6\ndata: 6\n\nid: 7\ndata: 7\n\n'


async def test_pings_while_idle() -> None:
    release = asyncio.Event()

    class Idle:
        async def on_get(self, req: Any, resp: Any) -> None:
            async def emitter() -> AsyncIterator[SSEvent]:
                yield SSEvent(data='first')
                await release.wait()
                yield SSEvent(data='last')

            resp.sse = emitter()

    client = Client(make_app(Idle(), ping=0.05))
    client.start()
    await asyncio.sleep(0.3)
    release.set()
    assert client.task is not None
    await asyncio.wait_for(client.task, 5)
    body = client.body
    assert body.startswith(b'data: first\n\n')
    assert body.endswith(b'data: last\n\n')
    assert body.count(b': ping\n\n') >= 3
    assert client.finished


async def test_idle_emitter_closed_within_one_second_of_disconnect() -> None:
    closed_at: list[float] = []
    started = asyncio.Event()

    class Forever:
        async def on_get(self, req: Any, resp: Any) -> None:
            async def emitter() -> AsyncIterator[SSEvent]:
                try:
                    yield SSEvent(data='hello')
                    started.set()
                    await asyncio.Event().wait()
                    yield SSEvent(data='never')
                finally:
                    closed_at.append(time.monotonic())

            resp.sse = emitter()

    baseline = len(asyncio.all_tasks())
    client = Client(make_app(Forever(), ping=None))
    client.start()
    await asyncio.wait_for(started.wait(), 5)
    left_at = time.monotonic()
    await client.disconnect()
    assert closed_at and closed_at[0] - left_at < 1.0
    assert client.body == b'data: hello\n\n'
    assert not client.finished
    await asyncio.sleep(0)
    assert len(asyncio.all_tasks()) == baseline


async def test_emitter_exception_is_reported_and_stream_ends(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Broken:
        async def on_get(self, req: Any, resp: Any) -> None:
            async def emitter() -> AsyncIterator[SSEvent]:
                yield SSEvent(data='ok')
                raise RuntimeError('emitter failed')

            resp.sse = emitter()

    client = Client(make_app(Broken()))
    await client.run()
    assert client.body == b'data: ok\n\n'
    assert client.finished
    assert [(r.name, r.message) for r in caplog.records] == [
        ('falcon.asgi.app', 'Exception in the SSE emitter')
    ]
    assert 'RuntimeError: emitter failed' in caplog.text


@pytest.mark.parametrize('item', [42, SSEvent(event='bad\nname', data='x')])
async def test_unserializable_item_reported(item: Any, caplog: pytest.LogCaptureFixture) -> None:
    client = Client(make_app(Emitting([SSEvent(data='ok'), item, SSEvent(data='after')])))
    await client.run()
    assert client.body == b'data: ok\n\n'
    assert client.finished
    assert [(r.name, r.message) for r in caplog.records] == [
        ('falcon.asgi.app', 'Exception in the SSE emitter')
    ]


@pytest.mark.parametrize(
    ('first', 'message'),
    [(42, 'TypeError'), (SSEvent(data='x', event_id='a\nb'), 'ValueError')],
)
async def test_unserializable_first_item_ends_the_stream_empty(
    first: Any, message: str, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client(make_app(Emitting([first, SSEvent(data='never sent')])))
    await client.run()
    assert client.body == b''
    assert client.finished
    assert [(r.name, r.message) for r in caplog.records] == [
        ('falcon.asgi.app', 'Exception in the SSE emitter')
    ]
    assert message in caplog.text


async def test_emitter_failing_before_its_first_event_is_reported_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Failing:
        async def on_get(self, req: Any, resp: Any) -> None:
            async def emitter() -> AsyncIterator[SSEvent]:
                await asyncio.sleep(0)
                raise RuntimeError('no first event')
                yield SSEvent(data='unreachable')

            resp.sse = emitter()

    client = Client(make_app(Failing()))
    await client.run()
    assert client.events[1:] == [{'type': 'http.response.body', 'body': b'', 'more_body': False}]
    assert [(r.name, r.message) for r in caplog.records] == [
        ('falcon.asgi.app', 'Exception in the SSE emitter')
    ]
    assert 'RuntimeError: no first event' in caplog.text


async def test_first_event_ready_with_others_goes_out_as_one_chunk() -> None:
    client = Client(make_app(Emitting([None, SSEvent(data='a', event_id='1'), b'data: raw\n\n'])))
    await client.run()
    assert [e.get('body') for e in client.events[1:]] == [
        b': ping\n\nid: 1\ndata: a\n\ndata: raw\n\n',
        b'',
    ]
    assert client.finished


async def test_sync_emitter_closed_after_disconnect() -> None:
    closed: list[bool] = []
    started = asyncio.Event()
    loop = asyncio.get_running_loop()

    class SlowSync:
        def on_get(self, req: Any, resp: Any) -> None:
            def emitter() -> Iterator[SSEvent]:
                try:
                    yield SSEvent(data='one')
                    loop.call_soon_threadsafe(started.set)
                    time.sleep(0.2)
                    yield SSEvent(data='two')
                    time.sleep(10)
                finally:
                    closed.append(True)

            resp.sse = emitter()

    client = Client(make_app(SlowSync()))
    client.start()
    await asyncio.wait_for(started.wait(), 5)
    await client.disconnect()
    for _ in range(50):
        if closed:
            break
        await asyncio.sleep(0.05)
    assert closed == [True]


class SeedEventStream:
    """The seed's EventStreamResource, with a short sleep."""

    async def on_get(self, req: Any, resp: Any) -> None:
        resp.content_type = 'text/event-stream'
        resp.set_header('Cache-Control', 'no-cache')
        resp.set_header('Connection', 'keep-alive')

        async def event_stream() -> AsyncIterator[bytes]:
            counter = 0
            while True:
                event = SSEvent(
                    data=f'{{"count": {counter}, "timestamp": "{time.time()}"}}',
                    event_type='counter',
                    event_id=str(counter),
                )
                yield event.serialize().encode('utf-8')
                counter += 1
                await asyncio.sleep(0.01)

        resp.stream = event_stream()


async def test_seed_stream_example() -> None:
    client = Client(make_app(SeedEventStream()))
    client.start()
    await asyncio.sleep(0.1)
    await client.disconnect()
    blocks = client.body.split(b'\n\n')
    assert blocks[0].startswith(b'event: counter\nid: 0\ndata: {"count": 0, ')
    assert json.loads(blocks[1].split(b'data: ')[1])['count'] == 1


async def test_abrupt_disconnects_leave_nothing_behind() -> None:
    open_emitters = 0
    closed = 0

    class Counting:
        async def on_get(self, req: Any, resp: Any) -> None:
            async def emitter() -> AsyncIterator[SSEvent]:
                nonlocal open_emitters, closed
                open_emitters += 1
                try:
                    yield SSEvent(data='x' * 100)
                    await asyncio.sleep(3600)
                    yield SSEvent(data='never')
                finally:
                    closed += 1

            resp.sse = emitter()

    app = make_app(Counting(), ping=None)

    async def one_client() -> None:
        client = Client(app)
        client.start()
        while len(client.events) < 2:
            await asyncio.sleep(0)
        await client.disconnect()

    await one_client()
    gc.collect()
    baseline_tasks = len(asyncio.all_tasks())
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for _batch in range(10):
            await asyncio.gather(*(one_client() for _ in range(100)))
        gc.collect()
        await asyncio.sleep(0)
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert open_emitters == closed == 1001
    assert len(asyncio.all_tasks()) == baseline_tasks
    assert after - before < 256 * 1024


async def test_sse_through_the_conductor() -> None:
    from falcon.testing import ASGIConductor

    class Ticks:
        async def on_get(self, req: Any, resp: Any) -> None:
            async def emitter() -> AsyncIterator[SSEvent]:
                for i in range(3):
                    yield SSEvent(json={'tick': i}, event='tick')
                    await asyncio.sleep(0.01)

            resp.sse = emitter()

    async with ASGIConductor(make_app(Ticks())) as conductor:
        result = await conductor.simulate_get('/')
        assert result.headers['content-type'] == 'text/event-stream'
        assert result.text.count('event: tick\n') == 3
        async with conductor.simulate_get_stream('/') as streamed:
            first = await streamed.stream.read()
            assert first.startswith(b'event: tick\ndata: {"tick": 0}\n\n')
