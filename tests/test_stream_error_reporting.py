"""Failures after the response has started are logged and reported as unhandled, in both
modes."""

from __future__ import annotations

import io
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.testing
from falcon.asgi import SSEvent


class Broken(Exception):
    pass


class SSEResource:
    def on_get(self, req: Any, resp: Any) -> None:
        def emitter() -> Any:
            yield SSEvent(data=b'one')
            raise Broken('emitter failed')

        resp.sse = emitter()


class StreamResource:
    def on_get(self, req: Any, resp: Any) -> None:
        async def chunks() -> Any:
            yield b'first'
            raise Broken('stream failed')

        resp.stream = chunks()


@pytest.fixture
def app(make_app: Any) -> Any:
    return make_app()


@pytest.mark.parametrize(
    ('resource', 'first_chunk', 'message'),
    [(SSEResource, b'data: one', 'emitter failed'), (StreamResource, b'first', 'stream failed')],
)
def test_failures_mid_stream_are_logged_and_reported_as_unhandled(
    app: Any, resource: type, first_chunk: bytes, message: str, caplog: pytest.LogCaptureFixture
) -> None:
    # Falcon 4.4 documents that exceptions raised while streaming the body are not given to
    # the error reporter; this project reports them, as unhandled (a documented extension),
    # and the traceback still reaches the app's error log.
    reported: list[tuple[BaseException, bool]] = []
    app.set_error_reporter(lambda req, error, params, handled: reported.append((error, handled)))
    app.add_route('/', resource())
    errors = io.StringIO()
    result = falcon.testing.simulate_get(app, '/', wsgierrors=errors)
    assert result.status_code == 200
    assert first_chunk in result.content
    assert [(str(error), handled) for error, handled in reported] == [(message, False)]
    logged = errors.getvalue() + caplog.text
    assert f'Broken: {message}' in logged


def test_without_a_reporter_the_traceback_is_logged(app: Any) -> None:
    app.add_route('/', SSEResource())
    result = falcon.testing.simulate_get(app, '/', wsgierrors=None)
    assert result.status_code == 200
