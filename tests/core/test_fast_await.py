"""The C awaitable of falcon.core._fast_await, and ``req.get_media()`` built on it.

``Ready(value)`` must give ``value`` on every ``await`` and when driven as a coroutine, carry
it whole in ``StopIteration`` when iterated by ``next()``, and hold nothing else. The ASGI
request hands a parsed body over in a subclass of it (``_MediaReady``) when the extension is
built, else in a finished future (``_MediaAtHand``): both must behave alike, so every
get_media() test here runs both ways, and the slow test runs the media suites with the
extension's import blocked.
"""

from __future__ import annotations

import asyncio
import gc
import importlib.util
import sys
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.testing
from falcon.asgi import _request
from falcon.core._awaitables import ForgottenAwaitError
from tests._c_extensions import assert_suites_pass_without

BUILT = importlib.util.find_spec('falcon.core._fast_await') is not None

needs_extension = pytest.mark.skipif(not BUILT, reason='built without the C extension')


def test_in_use_exactly_where_the_extension_was_built() -> None:
    assert (_request._Ready is not None) is BUILT
    assert (_request._MediaReady is not None) is BUILT


# --- Ready ---------------------------------------------------------------------------------


@needs_extension
@pytest.mark.parametrize('value', [None, 0, 'text', (1, 2), (), [1], {'a': 1}, ValueError('x')])
def test_ready_gives_its_value_on_every_await(value: Any) -> None:
    from falcon.core._fast_await import Ready

    ready = Ready(value)

    async def twice() -> tuple[Any, Any]:
        return await ready, await ready

    first, second = asyncio.run(twice())
    assert first is value and second is value


@needs_extension
@pytest.mark.parametrize('value', [None, 7, (1, 2), (), ValueError('x')])
def test_ready_finishes_iteration_with_its_value_whole(value: Any) -> None:
    from falcon.core._fast_await import Ready

    ready = Ready(value)
    for _ in range(2):
        with pytest.raises(StopIteration) as stopped:
            next(ready)  # type: ignore[call-overload]
        assert stopped.value.value is value


@needs_extension
def test_ready_is_driven_by_a_task_through_a_coroutine_subclass() -> None:
    from collections.abc import Coroutine

    from falcon.core._fast_await import Ready

    class ReadyCoroutine(Ready, Coroutine[Any, Any, Any]):
        def send(self, value: Any) -> Any:
            return next(self)  # type: ignore[call-overload]

        def throw(self, typ: Any, val: Any = None, tb: Any = None) -> Any:
            raise typ if val is None else val

    async def run() -> Any:
        return await asyncio.create_task(ReadyCoroutine('done'))

    assert asyncio.run(run()) == 'done'


@needs_extension
def test_ready_checks_its_arguments() -> None:
    from falcon.core._fast_await import Ready

    with pytest.raises(TypeError, match='exactly one argument'):
        Ready()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match='exactly one argument'):
        Ready(1, 2)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match='no keyword arguments'):
        Ready(value=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        iter(Ready(1))  # type: ignore[call-overload]


@needs_extension
def test_ready_keeps_no_reference_and_is_collected_in_a_cycle() -> None:
    from falcon.core._fast_await import Ready

    value = object()
    before = sys.getrefcount(value)
    for _ in range(1000):
        ready = Ready(value)
        del ready
    assert sys.getrefcount(value) == before

    class Box:
        pass

    box = Box()
    box.ready = Ready(box)  # type: ignore[attr-defined]
    watcher = weakref.ref(box)
    del box
    gc.collect()
    assert watcher() is None

    async def awaited() -> None:
        await Ready(value)

    for _ in range(100):
        asyncio.run(awaited())
    assert sys.getrefcount(value) == before


# --- req.get_media() with and without it ---------------------------------------------------


@pytest.fixture(params=['as built', 'python only'])
def hand_over(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The ASGI request's way to hand a parsed body over: as built, or a finished future."""
    if request.param == 'python only':
        monkeypatch.setattr(_request, '_MediaReady', None)
    yield request.param


BODY = b'{"name": "widget", "tags": ["a", "b"]}'
DOCUMENT = {'name': 'widget', 'tags': ['a', 'b']}


def _request_with_body(body: bytes) -> falcon.asgi.Request:
    scope = falcon.testing.create_scope(
        path='/', method='POST', headers={'content-type': 'application/json'}
    )
    scope['headers'].append((b'content-length', str(len(body)).encode()))
    event = {'type': 'http.request', 'body': body, 'more_body': False}

    async def receive() -> dict[str, Any]:
        return {'type': 'http.disconnect'}

    return falcon.asgi.Request(scope, receive, first_event=event)


def test_a_body_at_hand_is_handed_over_the_same_both_ways(hand_over: str) -> None:
    async def run() -> None:
        req = _request_with_body(BODY)
        first = req.get_media()
        expected_type = _request._MediaReady or _request._MediaAtHand
        assert type(first) is expected_type
        assert repr(first) == '<awaitable req.get_media()>'
        media = await first
        assert media == DOCUMENT
        assert await first is media
        assert await req.get_media() is media
        assert await asyncio.create_task(req.get_media()) is media
        assert await asyncio.gather(req.get_media(), req.get_media()) == [media, media]
        assert await asyncio.wait_for(req.get_media(), 1) is media

    asyncio.run(run())


@pytest.mark.parametrize(
    'misuse',
    [
        lambda awaitable: awaitable['name'],
        lambda awaitable: list(awaitable),
        lambda awaitable: next(iter(awaitable)),
        len,
        lambda awaitable: 'name' in awaitable,
    ],
)
def test_a_body_at_hand_used_as_a_value_names_the_forgotten_await(
    hand_over: str, misuse: Callable[[Any], Any]
) -> None:
    async def run() -> None:
        req = _request_with_body(BODY)
        with pytest.raises(ForgottenAwaitError) as raised:
            misuse(req.get_media())
        message = str(raised.value)
        assert 'req.get_media()' in message
        assert (
            ' in test_a_body_at_hand_used_as_a_value_names_the_forgotten_await.<locals>.run '
            in message
        )
        assert 'Write `await req.get_media()`' in message

    asyncio.run(run())


@pytest.mark.parametrize('asgi_responder', ['echo', 'forgotten'])
def test_an_app_echoes_media_the_same_both_ways(hand_over: str, asgi_responder: str) -> None:
    class Echo:
        async def on_post(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
            if asgi_responder == 'echo':
                resp.media = await req.get_media()
            else:
                resp.media = req.get_media()

    app = falcon.asgi.App()
    app.add_route('/', Echo())
    result = falcon.testing.TestClient(app).simulate_post(
        '/', body=BODY, content_type='application/json'
    )
    if asgi_responder == 'echo':
        assert (result.status_code, result.content) == (200, BODY)
    else:
        assert result.status_code == 500
        assert result.json == {'title': '500 Internal Server Error'}


@pytest.mark.slow
def test_the_media_suites_pass_without_the_extension() -> None:
    """The finished-future hand-over, with the extension's import blocked, passes the ASGI
    media and awaitable tests."""
    assert_suites_pass_without(
        ['falcon.core._fast_await'],
        'from falcon.asgi import _request; assert _request._MediaReady is None',
        [
            'tests/core/test_fast_await.py',
            'tests/asgi/test_media_read.py',
            'tests/core/test_pending.py',
        ],
    )
