"""Every kind of response body, in both kinds of app: what is sent, and that the source is
closed exactly once (awaited on the loop that read it when closing is a coroutine) after the
body, on HEAD, after an error midway and when the client leaves.

The apps are driven directly (``start_response`` / ``receive`` and ``send``) so that a test
controls exactly when the client leaves: a WSGI server calls the iterable's ``close()``
after a failed write; an ASGI server sends ``http.disconnect``.
"""

from __future__ import annotations

import asyncio
import io
import logging
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.testing
from falcon.asgi import SSEvent


class Broken(Exception):
    pass


class _Probe:
    """Counts reads and closes; remembers the loops async calls ran on."""

    def __init__(self, fail: bool = False) -> None:
        self.chunks = [b'one', b'two', b'three']
        self.fail = fail
        self.reads = 0
        self.closes = 0
        self.read_loops: set[int] = set()
        self.close_loops: list[int | None] = []

    def _next(self) -> bytes | None:
        if self.fail and self.reads == 1:
            self.reads += 1
            raise Broken('source failed')
        self.reads += 1
        index = self.reads - 1
        return self.chunks[index] if index < len(self.chunks) else None

    def _loop_id(self) -> int | None:
        try:
            return id(asyncio.get_running_loop())
        except RuntimeError:
            return None


class IterableSource(_Probe):
    def __iter__(self) -> Any:
        return self

    def __next__(self) -> bytes:
        chunk = self._next()
        if chunk is None:
            raise StopIteration
        return chunk

    def close(self) -> None:
        self.closes += 1


class FileSource(_Probe):
    def read(self, size: int = -1) -> bytes:
        return self._next() or b''

    def close(self) -> None:
        self.closes += 1


class AsyncIterableSource(_Probe):
    def __aiter__(self) -> Any:
        return self

    async def __anext__(self) -> bytes:
        self.read_loops.add(id(asyncio.get_running_loop()))
        chunk = self._next()
        if chunk is None:
            raise StopAsyncIteration
        return chunk

    async def aclose(self) -> None:
        self.close_loops.append(self._loop_id())
        self.closes += 1


class AsyncFileSource(_Probe):
    async def read(self, size: int = -1) -> bytes:
        self.read_loops.add(id(asyncio.get_running_loop()))
        return self._next() or b''

    async def close(self) -> None:
        self.close_loops.append(self._loop_id())
        self.closes += 1


class SSESource(AsyncIterableSource):
    async def __anext__(self) -> Any:
        return SSEvent(data=await super().__anext__())


class SSECloseSource(AsyncFileSource):
    """An emitter closed by an ``async def close()`` (it has no ``aclose()``)."""

    def __aiter__(self) -> Any:
        return self

    async def __anext__(self) -> Any:
        chunk = await self.read()
        if not chunk:
            raise StopAsyncIteration
        return SSEvent(data=chunk)


STREAMS = {
    'iterable': IterableSource,
    'file': FileSource,
    'async-iterable': AsyncIterableSource,
    'async-file': AsyncFileSource,
}
KINDS = {**STREAMS, 'sse': SSESource, 'sse-async-close': SSECloseSource}
BODY = {
    'stream': [b'one', b'two', b'three'],
    'sse': [b'data: one\n\n', b'data: two\n\n', b'data: three\n\n'],
}


def _expected(kind: str) -> list[bytes]:
    return BODY['sse' if kind.startswith('sse') else 'stream']


def _app(asgi: bool, kind: str, source: _Probe) -> Any:
    class Resource:
        def on_get(self, req: Any, resp: Any) -> None:
            if kind.startswith('sse'):
                resp.sse = source
            else:
                resp.stream = source

        on_head = on_get

    # Plain responders are accepted by the ASGI app too.
    app = falcon.asgi.App() if asgi else falcon.App()
    app.add_route('/body', Resource())
    return app


class _Exchange:
    """What the client saw: status, body chunks, whether the body ended, logged errors."""

    def __init__(self) -> None:
        self.status: int | None = None
        self.chunks: list[bytes] = []
        self.ended = False
        self.errors = ''


def _run_wsgi(app: Any, method: str, leave_after: int | None = None) -> _Exchange:
    exchange = _Exchange()
    errors = io.StringIO()
    env = falcon.testing.create_environ('/body', method=method, wsgierrors=errors)

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        exchange.status = int(status[:3])

    result = app(env, start_response)
    try:
        for chunk in result:
            if chunk:
                exchange.chunks.append(chunk)
            if leave_after is not None and len(exchange.chunks) == leave_after:
                break
        else:
            exchange.ended = True
    finally:
        close = getattr(result, 'close', None)
        if close is not None:
            close()
    exchange.errors = errors.getvalue()
    return exchange


def _run_asgi(app: Any, method: str, leave_after: int | None = None) -> _Exchange:
    exchange = _Exchange()
    scope = falcon.testing.create_scope('/body', method=method)

    async def main() -> None:
        left = asyncio.Event()
        requested = False

        async def receive() -> dict[str, Any]:
            nonlocal requested
            if not requested:
                requested = True
                return {'type': 'http.request', 'body': b'', 'more_body': False}
            await left.wait()
            return {'type': 'http.disconnect'}

        async def send(event: dict[str, Any]) -> None:
            if event['type'] == 'http.response.start':
                exchange.status = event['status']
                return
            if event.get('body'):
                exchange.chunks.append(event['body'])
            if not event.get('more_body', False):
                exchange.ended = True
            if leave_after is not None and len(exchange.chunks) == leave_after:
                left.set()
                # The write never completes: the client is gone.
                await asyncio.Event().wait()

        await app(scope, receive, send)

    asyncio.run(main())
    return exchange


def _run(asgi: bool, app: Any, method: str, leave_after: int | None = None) -> _Exchange:
    return (_run_asgi if asgi else _run_wsgi)(app, method, leave_after)


def _assert_closed_once(source: _Probe) -> None:
    assert source.closes == 1
    if source.read_loops:
        # Closing ran on the loop that read the source.
        assert len(source.read_loops) == 1
        assert source.close_loops == list(source.read_loops)
    elif source.close_loops:
        assert None not in source.close_loops


@pytest.mark.parametrize('kind', list(KINDS))
def test_get_sends_every_chunk_then_closes_once(asgi: bool, kind: str) -> None:
    source = KINDS[kind]()
    exchange = _run(asgi, _app(asgi, kind, source), 'GET')
    assert exchange.status == 200
    assert b''.join(exchange.chunks) == b''.join(_expected(kind))
    assert exchange.ended
    _assert_closed_once(source)


@pytest.mark.parametrize('kind', list(KINDS))
def test_head_sends_no_body_and_closes_without_reading(asgi: bool, kind: str) -> None:
    source = KINDS[kind]()
    exchange = _run(asgi, _app(asgi, kind, source), 'HEAD')
    assert exchange.status == 200
    assert exchange.chunks == []
    assert exchange.ended
    assert source.reads == 0
    assert source.closes == 1
    if asgi and source.close_loops:
        # Awaited on the server's loop (asyncio.run gave it one).
        assert None not in source.close_loops


@pytest.mark.parametrize('kind', list(STREAMS))
def test_204_never_sends_the_stream_and_closes_it(asgi: bool, kind: str) -> None:
    source = STREAMS[kind]()

    class Resource:
        def on_get(self, req: Any, resp: Any) -> None:
            resp.status = falcon.HTTP_204
            resp.stream = source

    app = falcon.asgi.App() if asgi else falcon.App()
    app.add_route('/body', Resource())
    exchange = _run(asgi, app, 'GET')
    assert exchange.status == 204
    assert exchange.chunks == []
    assert source.reads == 0
    assert source.closes == 1


@pytest.mark.parametrize('kind', list(KINDS))
def test_error_midway_ends_the_body_reports_and_closes_once(
    asgi: bool, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    source = KINDS[kind](fail=True)
    with caplog.at_level(logging.ERROR, logger='falcon.asgi.app'):
        exchange = _run(asgi, _app(asgi, kind, source), 'GET')
    assert exchange.status == 200
    assert exchange.chunks == _expected(kind)[:1]
    assert exchange.ended
    _assert_closed_once(source)
    what = (
        'Exception in the SSE emitter'
        if kind.startswith('sse')
        else 'Exception while streaming the response body'
    )
    if asgi:
        assert [record.getMessage() for record in caplog.records] == [what]
        assert isinstance(caplog.records[0].exc_info[1], Broken)  # type: ignore[index]
    else:
        assert what in exchange.errors
        assert 'Broken: source failed' in exchange.errors


@pytest.mark.parametrize('kind', list(KINDS))
def test_client_leaving_stops_reading_and_closes_once(asgi: bool, kind: str) -> None:
    source = KINDS[kind]()
    exchange = _run(asgi, _app(asgi, kind, source), 'GET', leave_after=1)
    assert exchange.status == 200
    assert not exchange.ended
    if kind.startswith('sse') and asgi:
        # The ASGI SSE body sends the events the emitter has ready as one chunk.
        events = _expected(kind)
        assert len(exchange.chunks) == 1
        assert exchange.chunks[0] in [b''.join(events[:n]) for n in (1, 2, 3)]
    else:
        assert exchange.chunks == _expected(kind)[:1]
        assert source.reads == 1
    _assert_closed_once(source)


def test_async_generator_stream_is_closed_on_head(asgi: bool) -> None:
    """An async generator that was started elsewhere runs its ``finally`` once, awaited."""
    finished: list[str] = []

    async def chunks() -> Any:
        try:
            yield b'one'
            yield b'two'
        finally:
            finished.append('closed')

    class Resource:
        async def on_get(self, req: Any, resp: Any) -> None:
            stream = chunks()
            assert await stream.__anext__() == b'one'
            resp.stream = stream

        on_head = on_get

    app = falcon.asgi.App() if asgi else falcon.App()
    app.add_route('/body', Resource())
    exchange = _run(asgi, app, 'HEAD')
    assert exchange.status == 200
    assert exchange.chunks == []
    assert finished == ['closed']


def test_wsgi_closes_the_source_when_start_response_fails() -> None:
    source = AsyncFileSource()
    app = _app(False, 'async-file', source)
    env = falcon.testing.create_environ('/body', wsgierrors=io.StringIO())

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        raise OSError('connection reset')

    with pytest.raises(OSError, match='connection reset'):
        app(env, start_response)
    assert source.reads == 0
    assert source.closes == 1


def test_asgi_closes_the_source_when_the_head_cannot_be_sent() -> None:
    source = AsyncFileSource()
    app = _app(True, 'async-file', source)
    scope = falcon.testing.create_scope('/body')

    async def receive() -> dict[str, Any]:
        return {'type': 'http.request', 'body': b'', 'more_body': False}

    async def send(event: dict[str, Any]) -> None:
        raise OSError('connection reset')

    async def main() -> int:
        with pytest.raises(OSError, match='connection reset'):
            await app(scope, receive, send)
        return id(asyncio.get_running_loop())

    loop_id = asyncio.run(main())
    assert source.reads == 0
    assert source.closes == 1
    assert source.close_loops == [loop_id]
