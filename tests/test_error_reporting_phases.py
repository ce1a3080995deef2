"""Unhandled failures in every phase: logged through the app (``wsgi.errors`` under WSGI, the
``falcon.asgi.app`` logger under ASGI, never bare stderr) and given to the error reporter as
unhandled once the response has started; lifespan failures are logged, not reported."""

from __future__ import annotations

import io
import logging
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.testing


class Broken(Exception):
    pass


def failing() -> None:
    raise Broken('callback failed')


async def failing_async() -> None:
    raise Broken('async callback failed')


class Resource:
    def on_get(self, req: Any, resp: Any) -> None:
        raise Broken('responder failed')

    async def on_get_callback(self, req: Any, resp: Any) -> None:
        resp.schedule_sync(failing)
        resp.schedule(failing_async)
        resp.text = 'sent'

    async def on_websocket(self, req: Any, ws: Any) -> None:
        await ws.accept()
        raise Broken('websocket failed')


@pytest.fixture
def reports() -> list[tuple[str, bool]]:
    return []


def _app(app_type: type, reports: list[tuple[str, bool]], async_reporter: bool = False) -> Any:
    app = app_type()
    if async_reporter:

        async def reporter(req: Any, error: BaseException, params: Any, handled: bool) -> None:
            reports.append((str(error), handled))

        app.set_error_reporter(reporter)
    else:
        app.set_error_reporter(
            lambda req, error, params, handled: reports.append((str(error), handled))
        )
    app.add_route('/', Resource())
    app.add_route('/callback', Resource(), suffix='callback')
    return app


def test_request_phase(
    app_type: type, reports: list[tuple[str, bool]], caplog: pytest.LogCaptureFixture
) -> None:
    errors = io.StringIO()
    result = falcon.testing.simulate_get(_app(app_type, reports), '/', wsgierrors=errors)
    assert result.status_code == 500
    assert reports == [('responder failed', True)]
    if app_type is falcon.App:
        assert 'Broken: responder failed' in errors.getvalue()
        assert caplog.records == []
    else:
        assert [(r.name, r.message) for r in caplog.records] == [
            ('falcon.asgi.app', 'Unhandled exception in ASGI application')
        ]


def test_wsgi_stream_failure_goes_to_wsgi_errors(
    reports: list[tuple[str, bool]], caplog: pytest.LogCaptureFixture
) -> None:
    def chunks() -> Any:
        yield b'first'
        raise Broken('stream failed')

    app = falcon.App()
    app.set_error_reporter(
        lambda req, error, params, handled: reports.append((str(error), handled))
    )
    app.add_sink(lambda req, resp: setattr(resp, 'stream', chunks()), '/s')
    errors = io.StringIO()
    result = falcon.testing.simulate_get(app, '/s', wsgierrors=errors)
    assert result.content == b'first'
    assert reports == [('stream failed', False)]
    logged = errors.getvalue()
    assert '[FALCON] [ERROR] GET /s' in logged
    assert 'Exception while streaming the response body' in logged
    assert 'Broken: stream failed' in logged
    assert caplog.records == []


@pytest.mark.parametrize('async_reporter', [False, True], ids=['plain', 'async'])
async def test_asgi_stream_failure_with_either_reporter(
    async_reporter: bool, reports: list[tuple[str, bool]], caplog: pytest.LogCaptureFixture
) -> None:
    async def chunks() -> Any:
        yield b'first'
        raise Broken('stream failed')

    class Streaming:
        async def on_get(self, req: Any, resp: Any) -> None:
            resp.stream = chunks()

    app = _app(falcon.asgi.App, reports, async_reporter)
    app.add_route('/stream', Streaming())
    result = await falcon.testing.ASGIConductor(app).simulate_get('/stream')
    assert result.content == b'first'
    assert reports == [('stream failed', False)]
    assert [(r.name, r.message) for r in caplog.records] == [
        ('falcon.asgi.app', 'Exception while streaming the response body')
    ]


async def test_asgi_scheduled_callbacks(
    reports: list[tuple[str, bool]], caplog: pytest.LogCaptureFixture
) -> None:
    app = _app(falcon.asgi.App, reports)
    result = await falcon.testing.ASGIConductor(app).simulate_get('/callback')
    assert result.text == 'sent'
    assert reports == [('callback failed', False), ('async callback failed', False)]
    assert [(r.name, r.message) for r in caplog.records] == [
        ('falcon.asgi.app', 'Exception in a scheduled callback'),
        ('falcon.asgi.app', 'Exception in a scheduled callback'),
    ]


async def test_asgi_websocket(
    reports: list[tuple[str, bool]], caplog: pytest.LogCaptureFixture
) -> None:
    app = _app(falcon.asgi.App, reports)
    async with falcon.testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/') as ws:
            with pytest.raises(falcon.WebSocketDisconnected) as closed:
                await ws.receive_text()
    assert closed.value.code == 1011
    assert [(r.name, r.message) for r in caplog.records] == [
        ('falcon.asgi.app', 'Unhandled exception in a WebSocket connection')
    ]
    assert 'Broken: websocket failed' in caplog.text
    # The default WebSocket error handling answers it (close 1011), so it is handled.
    assert reports == [('websocket failed', True)]


@pytest.mark.parametrize('phase', ['startup', 'shutdown'])
async def test_asgi_lifespan_failures_are_logged_not_reported(
    phase: str, reports: list[tuple[str, bool]], caplog: pytest.LogCaptureFixture
) -> None:
    class Failing:
        async def process_startup(self, scope: Any, event: Any) -> None:
            if phase == 'startup':
                raise Broken('startup failed')

        async def process_shutdown(self, scope: Any, event: Any) -> None:
            raise Broken('shutdown failed')

    app = falcon.asgi.App(middleware=[Failing()])
    app.set_error_reporter(
        lambda req, error, params, handled: reports.append((str(error), handled))
    )
    sent: list[dict[str, Any]] = []
    events = iter([{'type': 'lifespan.startup'}, {'type': 'lifespan.shutdown'}])

    async def receive() -> dict[str, Any]:
        return next(events)

    async def send(event: dict[str, Any]) -> None:
        sent.append(event)

    with caplog.at_level(logging.ERROR, logger='falcon'):
        await app({'type': 'lifespan', 'asgi': {'version': '3.0'}}, receive, send)
    failed = sent[-1]
    assert failed['type'] == f'lifespan.{phase}.failed'
    assert f'Broken: {phase} failed' in failed['message']
    assert reports == []
    assert [(r.name, r.message) for r in caplog.records] == [
        ('falcon.asgi.app', f'Exception in lifespan.{phase}')
    ]
