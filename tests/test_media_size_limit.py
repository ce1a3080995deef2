"""req_options.max_media_size bounds what get_media() reads, counting bytes received."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import falcon
import falcon.asgi
import falcon.testing


class Echo:
    def on_post(self, req: Any, resp: Any) -> None:
        resp.media = {'got': req.get_media()}


class AsyncEcho:
    async def on_post(self, req: Any, resp: Any) -> None:
        resp.media = {'got': await req.get_media()}


class CountingInput(io.BytesIO):
    """A wsgi.input that records how much was read from it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def test_wsgi_declared_length_over_the_limit_is_refused_before_reading() -> None:
    app = falcon.App()
    app.req_options.max_media_size = 100
    app.add_route('/', Echo())
    body = b'[' + b'1,' * 100 + b'1]'
    environ = falcon.testing.create_environ(
        method='POST', path='/', body=body, headers={'Content-Type': 'application/json'}
    )
    stream = CountingInput(body)
    environ['wsgi.input'] = stream
    start_response = falcon.testing.StartResponseMock()
    chunks = app(environ, start_response)
    assert start_response.status == '413 Content Too Large'
    assert b'Request body too large' in b''.join(chunks)
    assert stream.bytes_read == 0


def test_asgi_body_without_length_is_counted_as_it_arrives() -> None:
    app = falcon.asgi.App()
    app.req_options.max_media_size = 1000
    app.add_route('/', Echo())
    scope = falcon.testing.create_scope(method='POST', path='/')
    scope['headers'] = [(b'host', b'example.com'), (b'content-type', b'application/json')]
    chunk = b'1,' * 150
    events = [
        {'type': 'http.request', 'body': b'[', 'more_body': True},
        *({'type': 'http.request', 'body': chunk, 'more_body': True} for _ in range(100)),
        {'type': 'http.request', 'body': b'1]', 'more_body': False},
    ]
    received = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal received
        received += 1
        if events:
            return events.pop(0)
        await asyncio.sleep(3600)
        return {'type': 'http.disconnect'}

    async def send(event: dict[str, Any]) -> None:
        sent.append(event)

    asyncio.run(app(scope, receive, send))
    assert sent[0]['status'] == 413
    assert received < 10


def _declared_over_limit_status(app: Any, resource: Any, body: bytes) -> str:
    app.req_options.max_media_size = 100
    app.add_route('/', resource)
    headers = {'Content-Type': 'application/json', 'Content-Length': '101'}
    if isinstance(app, falcon.asgi.App):
        # The test client would refuse the mismatch; a raw scope states the length as is.
        scope = falcon.testing.create_scope(method='POST', path='/')
        scope['headers'] = [
            (b'host', b'example.com'),
            (b'content-type', b'application/json'),
            (b'content-length', b'101'),
        ]
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {'type': 'http.request', 'body': body, 'more_body': False}

        async def send(event: dict[str, Any]) -> None:
            sent.append(event)

        asyncio.run(app(scope, receive, send))
        return str(sent[0]['status'])
    environ = falcon.testing.create_environ(method='POST', path='/', body=body, headers=headers)
    environ['CONTENT_LENGTH'] = '101'
    start_response = falcon.testing.StartResponseMock()
    app(environ, start_response)
    return start_response.status.split()[0]


def test_declared_length_over_the_limit_is_413_even_when_less_arrives() -> None:
    for body in (b'', b'[1]'):
        assert _declared_over_limit_status(falcon.App(), Echo(), body) == '413'
        assert _declared_over_limit_status(falcon.asgi.App(), Echo(), body) == '413'
        assert _declared_over_limit_status(falcon.asgi.App(), AsyncEcho(), body) == '413'
