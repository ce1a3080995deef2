"""A forgotten ``await`` gets the same answer in both kinds of app: a plain 500, and a logged
``ForgottenAwaitError`` that names the awaitable, where it came from and the fix."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.testing
from falcon.core._awaitables import ForgottenAwaitError

BARE_500 = {'title': '500 Internal Server Error'}


async def later() -> str:
    return 'later'


async def check(req: Any) -> None:
    raise falcon.HTTPForbidden()


class Things:
    async def on_post(self, req: Any, resp: Any) -> None:
        resp.media = req.get_media()

    async def on_post_index(self, req: Any, resp: Any) -> None:
        data = req.get_media()
        resp.media = {'a': data['a']}

    async def on_post_awaited(self, req: Any, resp: Any) -> None:
        resp.media = await req.get_media()

    async def on_post_property(self, req: Any, resp: Any) -> None:
        resp.media = req.media

    def on_post_plain(self, req: Any, resp: Any) -> None:
        resp.media = req.get_media()

    async def on_get_text(self, req: Any, resp: Any) -> None:
        resp.text = later()

    async def on_get_data(self, req: Any, resp: Any) -> None:
        resp.data = later()

    async def on_get_media(self, req: Any, resp: Any) -> None:
        resp.media = later()

    async def on_get_stream(self, req: Any, resp: Any) -> None:
        resp.stream = later()

    async def on_get_sse(self, req: Any, resp: Any) -> None:
        resp.sse = later()

    async def on_get_returns(self, req: Any, resp: Any) -> Any:
        return check(req)


async def returning_hook(req: Any, resp: Any, resource: Any, params: Any) -> Any:
    return check(req)


class Hooked:
    @falcon.before(returning_hook)
    async def on_get(self, req: Any, resp: Any) -> None:
        resp.text = 'not reached'


class ReturningMiddleware:
    async def process_request(self, req: Any, resp: Any) -> Any:
        return check(req)


@pytest.fixture
def serve(make_app: Callable[..., Any], asgi: bool, caplog: pytest.LogCaptureFixture) -> Any:
    """``serve(method, path, app=None, **kwargs) -> (result, log)`` for the app kind under
    test; ``log`` is what the app logged (``wsgi.errors`` under WSGI, the ``falcon`` logger
    under ASGI)."""

    def run(method: str, path: str, app: Any = None, **kwargs: Any) -> tuple[Any, str]:
        if app is None:
            app = make_app()
            things = Things()
            app.add_route('/things', things)
            for suffix in ('index', 'awaited', 'property', 'plain', 'text', 'data', 'media'):
                app.add_route(f'/things/{suffix}', things, suffix=suffix)
            for suffix in ('stream', 'sse', 'returns'):
                app.add_route(f'/things/{suffix}', things, suffix=suffix)
        errors = io.StringIO()
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger='falcon'):
            result = falcon.testing.simulate_request(
                app, method, path, wsgierrors=errors, **kwargs
            )
        return result, errors.getvalue() + caplog.text

    return run


def assert_forgotten(result: Any, log: str, *fragments: str) -> None:
    assert result.status_code == 500
    assert result.json == BARE_500
    assert 'ForgottenAwaitError' in log
    assert 'did you forget `await`?' in log
    for fragment in fragments:
        assert fragment in log


def test_unawaited_get_media_as_media(serve: Any) -> None:
    result, log = serve('POST', '/things', json={'a': 1})
    assert_forgotten(
        result,
        log,
        'resp.media is the awaitable returned by req.get_media() in Things.on_post, '
        'not its result',
        'Write `resp.media = await req.get_media()`.',
    )


def test_unawaited_get_media_used_as_a_value(serve: Any) -> None:
    result, log = serve('POST', '/things/index', json={'a': 1})
    assert_forgotten(
        result,
        log,
        'the awaitable returned by req.get_media() in Things.on_post_index was used as a value',
        'Write `await req.get_media()`.',
    )


@pytest.mark.parametrize('suffix', ['awaited', 'property', 'plain'])
def test_correct_media_reads_work_in_both_apps(serve: Any, suffix: str) -> None:
    result, log = serve('POST', f'/things/{suffix}', json={'a': 1})
    assert result.status_code == 200
    assert result.json == {'a': 1}
    assert log == ''


@pytest.mark.parametrize('attribute', ['text', 'data', 'media', 'stream', 'sse'])
def test_coroutine_as_a_body(serve: Any, attribute: str) -> None:
    result, log = serve('GET', f'/things/{attribute}')
    assert_forgotten(
        result,
        log,
        f'resp.{attribute} is the coroutine later(), not its result',
        f'Write `resp.{attribute} = await later()`.',
    )
    # The coroutine is closed: the error is the one message, with no "never awaited" warning.
    assert 'never awaited' not in log


def test_responder_returning_a_coroutine(serve: Any) -> None:
    result, log = serve('GET', '/things/returns')
    assert_forgotten(
        result,
        log,
        'Things.on_get_returns() returned the coroutine check() instead of awaiting it',
        'Write `await check()` inside Things.on_get_returns().',
    )


def test_hook_returning_a_coroutine(serve: Any, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route('/hooked', Hooked())
    result, log = serve('GET', '/hooked', app=app)
    assert_forgotten(
        result, log, 'returning_hook() returned the coroutine check() instead of awaiting it'
    )


def test_middleware_returning_a_coroutine(serve: Any, make_app: Callable[..., Any]) -> None:
    app = make_app(middleware=[ReturningMiddleware()])
    app.add_route('/things', Things())
    result, log = serve('GET', '/things', app=app)
    assert_forgotten(
        result,
        log,
        'ReturningMiddleware.process_request() returned the coroutine check() instead of '
        'awaiting it',
    )


def test_reporter_sees_the_error(serve: Any, make_app: Callable[..., Any]) -> None:
    reports: list[tuple[type, bool]] = []
    app = make_app()
    app.add_route('/things', Things())
    app.set_error_reporter(
        lambda req, error, params, handled: reports.append((type(error), handled))
    )
    result, _ = serve('POST', '/things', app=app, json={'a': 1})
    assert result.status_code == 500
    assert reports == [(ForgottenAwaitError, True)]
    assert issubclass(ForgottenAwaitError, TypeError)


async def test_get_media_awaitable_is_a_coroutine_for_asyncio() -> None:
    import falcon.asgi

    class Tasked:
        async def on_post(self, req: Any, resp: Any) -> None:
            resp.media = await asyncio.create_task(req.get_media())

    app = falcon.asgi.App()
    app.add_route('/', Tasked())
    result = await falcon.testing.ASGIConductor(app).simulate_post('/', json={'a': 1})
    assert result.json == {'a': 1}


class PlainWrappers:
    """Plain methods that hand back a coroutine (say, a decorator that wraps an ``async def``):
    each app runs the coroutine to completion, as if the function had been ``async def``."""

    def __init__(self) -> None:
        self.ran: list[str] = []

    async def _note(self, what: str) -> None:
        self.ran.append(what)

    def process_request(self, req: Any, resp: Any) -> Any:
        return self._note('process_request')

    def process_resource(self, req: Any, resp: Any, resource: Any, params: Any) -> Any:
        return self._note('process_resource')

    def process_response(self, req: Any, resp: Any, resource: Any, succeeded: bool) -> Any:
        return self._note('process_response')

    def on_get(self, req: Any, resp: Any) -> Any:
        resp.text = 'plain'
        return self._note('on_get')


def test_plain_functions_returning_a_coroutine_have_it_run(
    serve: Any, make_app: Callable[..., Any]
) -> None:
    wrappers = PlainWrappers()
    app = make_app(middleware=[wrappers])
    app.add_route('/wrapped', wrappers)
    result, log = serve('GET', '/wrapped', app=app)
    assert result.status_code == 200
    assert result.text == 'plain'
    assert log == ''
    assert wrappers.ran == ['process_request', 'process_resource', 'on_get', 'process_response']
