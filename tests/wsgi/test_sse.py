"""Server-Sent Events through falcon.App (WSGI): plain and async emitters, pings, close."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from falcon.asgi import SSEvent
from falcon.wsgi._app import App


def environ(method: str = 'GET', headers: dict[str, str] | None = None) -> dict[str, Any]:
    env: dict[str, Any] = {
        'REQUEST_METHOD': method,
        'PATH_INFO': '/',
        'QUERY_STRING': '',
        'SERVER_NAME': 'localhost',
        'SERVER_PORT': '80',
        'SERVER_PROTOCOL': 'HTTP/1.1',
        'wsgi.url_scheme': 'http',
        'wsgi.input': io.BytesIO(),
        'wsgi.errors': io.StringIO(),
    }
    for name, value in (headers or {}).items():
        env['HTTP_' + name.upper().replace('-', '_')] = value
    return env


def make_app(responder: Any, ping: float | None = None) -> App:
    app = App()
    app.sse_ping_interval = ping

    class Resource:
        on_get = staticmethod(responder)

    app.add_route('/', Resource())
    return app


def call(app: App, env: dict[str, Any] | None = None) -> tuple[str, dict[str, str], Any]:
    captured: list[Any] = []
    body = app(env or environ(), lambda status, headers: captured.extend((status, headers)))
    return captured[0], dict(captured[1]), body


def test_plain_generator() -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.sse = (SSEvent(data=f'n{i}', event_id=str(i)) for i in range(2))

    status, headers, body = call(make_app(on_get))
    assert status == '200 OK'
    assert headers['content-type'] == 'text/event-stream'
    assert headers['cache-control'] == 'no-cache'
    assert 'content-length' not in headers
    assert b''.join(body) == b'id: 0\ndata: n0\n\nid: 1\ndata: n1\n\n'
    body.close()


@pytest.mark.parametrize(
    ('items', 'expected'),
    [
        ([None], b': ping\n\n'),
        ([SSEvent(json=[1])], b'data: [1]\n\n'),
        ([b'data: raw\n\n', 'data: text\n\n'], b'data: raw\n\ndata: text\n\n'),
    ],
)
def test_item_kinds(items: list[Any], expected: bytes) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.sse = iter(items)

    _, _, body = call(make_app(on_get))
    assert b''.join(body) == expected


def test_async_generator_with_pings() -> None:
    async def on_get(req: Any, resp: Any) -> None:
        async def emitter() -> AsyncIterator[SSEvent]:
            yield SSEvent(data='a')
            await asyncio.sleep(0.25)
            yield SSEvent(data='b')

        resp.sse = emitter()

    _, _, body = call(make_app(on_get, ping=0.05))
    chunks = list(body)
    body.close()
    assert chunks[0] == b'data: a\n\n'
    assert chunks[-1] == b'data: b\n\n'
    assert chunks.count(b': ping\n\n') >= 2


def test_close_stops_idle_async_emitter() -> None:
    finalized: list[bool] = []

    async def on_get(req: Any, resp: Any) -> None:
        async def emitter() -> AsyncIterator[SSEvent]:
            try:
                yield SSEvent(data='a')
                await asyncio.sleep(3600)
                yield SSEvent(data='never')
            finally:
                finalized.append(True)

        resp.sse = emitter()

    _, _, body = call(make_app(on_get, ping=0.05))
    iterator = iter(body)
    assert next(iterator) == b'data: a\n\n'
    assert next(iterator) == b': ping\n\n'
    body.close()
    assert finalized == [True]
    body.close()


def test_close_stops_plain_generator() -> None:
    finalized: list[bool] = []

    def on_get(req: Any, resp: Any) -> None:
        def emitter() -> Iterator[SSEvent]:
            try:
                while True:
                    yield SSEvent(data='x')
            finally:
                finalized.append(True)

        resp.sse = emitter()

    _, _, body = call(make_app(on_get))
    iterator = iter(body)
    next(iterator)
    body.close()
    assert finalized == [True]


@pytest.mark.parametrize('asynchronous', [False, True])
def test_emitter_error_reported(asynchronous: bool) -> None:
    if asynchronous:

        async def on_get(req: Any, resp: Any) -> None:
            async def emitter() -> AsyncIterator[SSEvent]:
                yield SSEvent(data='ok')
                raise RuntimeError('emitter failed')

            resp.sse = emitter()

    else:

        def on_get(req: Any, resp: Any) -> None:
            def emitter() -> Iterator[SSEvent]:
                yield SSEvent(data='ok')
                raise RuntimeError('emitter failed')

            resp.sse = emitter()

    env = environ()
    _, _, body = call(make_app(on_get), env)
    assert b''.join(body) == b'data: ok\n\n'
    body.close()
    assert 'emitter failed' in env['wsgi.errors'].getvalue()


def test_last_event_id() -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.sse = iter([SSEvent(data=req.last_event_id)])

    _, _, body = call(make_app(on_get), environ(headers={'Last-Event-ID': '9'}))
    assert b''.join(body) == b'data: 9\n\n'
