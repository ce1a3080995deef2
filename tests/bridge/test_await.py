"""await_() and on_event_loop: plain code awaiting coroutines in both kinds of app."""

from __future__ import annotations

import asyncio
import io
import threading

import pytest

import falcon
import falcon.asgi
from falcon.bridge import await_, on_event_loop


async def fetch_value(value: int) -> int:
    await asyncio.sleep(0)
    return value * 2


async def fail_later() -> None:
    await asyncio.sleep(0)
    raise LookupError('missing')


class PlainResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = {
            'value': await_(fetch_value(21)),
            'thread': threading.current_thread().name,
        }


class LoopResource:
    @on_event_loop
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = {
            'value': await_(fetch_value(5)),
            'thread': threading.current_thread().name,
        }

    @on_event_loop
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        try:
            await_(fail_later())
        except LookupError as error:
            resp.media = {'caught': str(error)}


def _wsgi_get(app: falcon.App, path: str) -> tuple[str, bytes]:
    environ = {
        'REQUEST_METHOD': 'GET',
        'PATH_INFO': path,
        'QUERY_STRING': '',
        'SERVER_NAME': 'localhost',
        'SERVER_PORT': '80',
        'wsgi.url_scheme': 'http',
        'wsgi.input': io.BytesIO(),
        'wsgi.errors': io.StringIO(),
    }
    status: list[str] = []
    body = b''.join(app(environ, lambda s, h, e=None: status.append(s)))
    return status[0], body


async def _asgi_call(app: falcon.asgi.App, method: str, path: str) -> tuple[int, bytes]:
    scope = {
        'type': 'http',
        'asgi': {'version': '3.0'},
        'http_version': '1.1',
        'method': method,
        'scheme': 'http',
        'path': path,
        'query_string': b'',
        'headers': [(b'host', b'localhost')],
    }
    sent: list[dict] = []

    async def receive() -> dict:
        return {'type': 'http.request', 'body': b'', 'more_body': False}

    async def send(event: dict) -> None:
        sent.append(event)

    await app(scope, receive, send)
    return sent[0]['status'], b''.join(e.get('body', b'') for e in sent[1:])


def test_await_in_wsgi_plain_responder() -> None:
    app = falcon.App()
    app.add_route('/', PlainResource())
    status, body = _wsgi_get(app, '/')
    assert status == '200 OK'
    assert b'"value": 42' in body


async def test_await_in_asgi_thread_pool_responder() -> None:
    app = falcon.asgi.App()
    app.add_route('/', PlainResource())
    status, body = await _asgi_call(app, 'GET', '/')
    assert status == 200
    assert b'"value": 42' in body
    assert threading.current_thread().name.encode() not in body


async def test_on_event_loop_runs_in_a_greenlet_on_the_loop_thread() -> None:
    app = falcon.asgi.App()
    app.add_route('/', LoopResource())
    status, body = await _asgi_call(app, 'GET', '/')
    assert status == 200
    assert b'"value": 10' in body
    assert threading.current_thread().name.encode() in body


async def test_errors_raised_by_the_awaitable_reach_the_plain_code() -> None:
    app = falcon.asgi.App()
    app.add_route('/', LoopResource())
    status, body = await _asgi_call(app, 'POST', '/')
    assert status == 200
    assert body == b'{"caught": "missing"}'


async def test_await_on_the_loop_thread_outside_a_bridge_is_refused() -> None:
    coroutine = fetch_value(1)
    with pytest.raises(RuntimeError, match='on_event_loop'):
        await_(coroutine)


def test_on_event_loop_functions_run_directly_in_wsgi() -> None:
    app = falcon.App()
    app.add_route('/', LoopResource())
    status, body = _wsgi_get(app, '/')
    assert status == '200 OK'
    assert b'"value": 10' in body
