"""Failures after the response has started go to the app's error reporter, in both modes."""

from __future__ import annotations

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


@pytest.fixture(params=[falcon.App, falcon.asgi.App], ids=['wsgi', 'asgi'])
def app(request: pytest.FixtureRequest) -> Any:
    return request.param()


@pytest.mark.parametrize(
    ('resource', 'first_chunk', 'message'),
    [(SSEResource, b'data: one', 'emitter failed'), (StreamResource, b'first', 'stream failed')],
)
@pytest.mark.parametrize('reporter_is_async', [False, True])
def test_failures_mid_stream_reach_the_error_reporter(
    app: Any, resource: type, first_chunk: bytes, message: str, reporter_is_async: bool
) -> None:
    reported: list[tuple[Any, BaseException]] = []

    if reporter_is_async:

        async def reporter(req: Any, error: BaseException) -> None:
            reported.append((req, error))

    else:

        def reporter(req: Any, error: BaseException) -> None:
            reported.append((req, error))

    app.set_error_reporter(reporter)
    app.add_route('/', resource())
    result = falcon.testing.simulate_get(app, '/')
    assert result.status_code == 200
    assert first_chunk in result.content
    assert len(reported) == 1
    req, error = reported[0]
    assert isinstance(error, Broken)
    assert str(error) == message
    assert req.path == '/'


def test_without_a_reporter_the_traceback_is_logged(app: Any) -> None:
    app.add_route('/', SSEResource())
    result = falcon.testing.simulate_get(app, '/', wsgierrors=None)
    assert result.status_code == 200
