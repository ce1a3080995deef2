"""``await req.get_media()`` on an ASGI request: a body received whole in the first event is
parsed at once, a body still arriving is received first; both leave the stream read."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

import falcon
import falcon.asgi
from falcon.core._awaitables import ForgottenAwaitError

DOCUMENT = {'name': 'widget', 'tags': ['a', 'b'], 'size': {'w': 4}}
BODY = json.dumps(DOCUMENT).encode()


def make_request(
    events: list[dict[str, Any]], content_length: int | None = None, framed: bool = False
) -> tuple[falcon.asgi.Request, list[dict[str, Any]]]:
    """A JSON request whose first event is ``events[0]``; ``receive`` hands out the rest and
    records them in the returned list. ``framed``: its ``Content-Length`` was read first, as
    the app's framing check does before any responder runs."""
    headers = [(b'content-type', b'application/json')]
    if content_length is not None:
        headers.append((b'content-length', str(content_length).encode()))
    scope = {'type': 'http', 'method': 'POST', 'path': '/', 'headers': headers}
    received: list[dict[str, Any]] = []
    pending = list(events[1:])

    async def receive() -> dict[str, Any]:
        event = pending.pop(0)
        received.append(event)
        return event

    options = falcon.asgi.App().req_options
    req = falcon.asgi.Request(scope, receive, events[0], options)
    if framed:
        assert req.content_length == content_length
    return req, received


def event(body: bytes, more_body: bool = False) -> dict[str, Any]:
    return {'type': 'http.request', 'body': body, 'more_body': more_body}


@pytest.mark.parametrize('content_length', [len(BODY), None])
async def test_a_body_received_whole_is_parsed_and_the_stream_left_read(
    content_length: int | None,
) -> None:
    req, received = make_request([event(BODY)], content_length)
    media = await req.get_media()
    assert media == DOCUMENT
    assert received == []
    assert req.stream.eof
    assert req.stream.tell() == len(BODY)
    assert await req.stream.read() == b''
    assert await req.get_media() is media


async def test_a_body_in_several_events_is_received_then_parsed() -> None:
    req, received = make_request(
        [event(BODY[:10], True), event(BODY[10:20], True), event(BODY[20:])], len(BODY)
    )
    assert await req.get_media() == DOCUMENT
    assert len(received) == 2
    assert req.stream.tell() == len(BODY)


async def test_an_empty_body_gives_the_default_as_it_is_even_when_awaitable() -> None:
    class LooksAwaitable:
        def __await__(self) -> Any:
            raise AssertionError('the default is returned, not awaited')

    default = LooksAwaitable()
    req, _ = make_request([event(b'')], 0)
    assert await req.get_media(default_when_empty=default) is default
    with pytest.raises(falcon.MediaNotFoundError):
        await req.get_media()


async def test_an_error_is_raised_again_by_every_later_call() -> None:
    req, _ = make_request([event(b'{"a": ')], 6)
    with pytest.raises(falcon.MediaMalformedError) as first:
        await req.get_media()
    with pytest.raises(falcon.MediaMalformedError) as second:
        await req.get_media()
    assert second.value is first.value


async def test_a_closed_stream_fails_the_parse_as_reading_it_does() -> None:
    req, _ = make_request([event(BODY)], len(BODY))
    req.stream.close()
    with pytest.raises(ValueError, match='closed stream'):
        await req.get_media()


async def test_a_handler_without_a_bytes_fast_path_reads_the_stream_itself() -> None:
    class Upper(falcon.media.BaseHandler):
        async def deserialize_async(
            self, stream: Any, content_type: str | None, content_length: int | None
        ) -> Any:
            read: Callable[[], Awaitable[bytes]] = stream.read
            return (await read()).decode().upper()

    req, _ = make_request([event(b'abc')], 3)
    req.options.media_handlers['application/json'] = Upper()
    assert await req.get_media() == 'ABC'


@pytest.mark.parametrize('content_length', [len(BODY), None])
async def test_a_body_received_whole_over_the_limit_is_refused(content_length: int | None) -> None:
    req, received = make_request([event(BODY)], content_length)
    req.options.max_media_size = len(BODY) - 1
    with pytest.raises(falcon.HTTPContentTooLarge) as first:
        await req.get_media()
    with pytest.raises(falcon.HTTPContentTooLarge) as second:
        await req.get_media()
    assert second.value is first.value
    assert received == []


async def test_a_body_received_whole_at_the_limit_is_parsed() -> None:
    req, _ = make_request([event(BODY)])
    req.options.max_media_size = len(BODY)
    assert await req.get_media() == DOCUMENT


async def test_a_body_received_whole_without_a_limit_is_parsed() -> None:
    req, _ = make_request([event(BODY)], len(BODY))
    req.options.max_media_size = None
    assert await req.get_media() == DOCUMENT
    assert req.stream.tell() == len(BODY)


async def test_bytes_past_the_declared_length_are_not_parsed() -> None:
    req, received = make_request([event(BODY + b'garbage', more_body=True)], len(BODY))
    assert await req.get_media() == DOCUMENT
    assert received == []
    assert req.stream.tell() == len(BODY)
    assert req.stream.eof


async def test_a_body_partly_read_before_is_parsed_from_where_reading_stopped() -> None:
    req, _ = make_request([event(b'xx' + BODY)], len(BODY) + 2)
    assert await req.stream.read(2) == b'xx'
    assert await req.get_media() == DOCUMENT


FRAMED = pytest.mark.parametrize('framed', [True, False], ids=['framed', 'unframed'])


@FRAMED
@pytest.mark.parametrize('limit', [len(BODY), None])
async def test_a_declared_body_received_whole_leaves_a_read_stream(
    framed: bool, limit: int | None
) -> None:
    req, received = make_request([event(BODY + b'garbage')], len(BODY), framed)
    req.options.max_media_size = limit
    media = await req.get_media()
    assert media == DOCUMENT
    assert type(media) is not dict
    assert await media is media
    assert received == []
    stream = req.stream
    assert req.bounded_stream is stream
    assert stream.eof
    assert stream.buffered_completely
    assert stream.tell() == len(BODY)
    assert await stream.read() == b''
    assert [chunk async for chunk in stream] == []
    assert await req.get_media() is media


@FRAMED
async def test_a_declared_list_or_scalar_received_whole_is_parsed(framed: bool) -> None:
    req, _ = make_request([event(b'[1, 2]')], 6, framed)
    assert await req.get_media() == [1, 2]
    req, _ = make_request([event(b'"text"')], 6, framed)
    assert await req.get_media() == 'text'
    assert req.stream.tell() == 6


@FRAMED
async def test_a_declared_body_over_the_limit_stays_in_the_stream(framed: bool) -> None:
    req, received = make_request([event(BODY)], len(BODY), framed)
    req.options.max_media_size = len(BODY) - 1
    with pytest.raises(falcon.HTTPContentTooLarge):
        await req.get_media()
    assert received == []
    assert await req.stream.read() == BODY


@FRAMED
async def test_a_malformed_declared_body_fails_once_and_leaves_a_read_stream(
    framed: bool,
) -> None:
    req, _ = make_request([event(b'{"a": ')], 6, framed)
    with pytest.raises(falcon.MediaMalformedError) as first:
        await req.get_media()
    with pytest.raises(falcon.MediaMalformedError) as second:
        await req.get_media()
    assert second.value is first.value
    assert req.stream.tell() == 6
    assert await req.stream.read() == b''


@FRAMED
async def test_an_empty_declared_body_gives_the_default(framed: bool) -> None:
    req, _ = make_request([event(b'')], 0, framed)
    assert await req.get_media(default_when_empty=None) is None
    assert req.stream.tell() == 0
    assert req.stream.eof


@FRAMED
async def test_a_stream_opened_first_is_what_get_media_reads(framed: bool) -> None:
    req, received = make_request([event(b'xx' + BODY)], len(BODY) + 2, framed)
    assert await req.bounded_stream.read(2) == b'xx'
    assert await req.get_media() == DOCUMENT
    assert received == []
    assert req.stream.tell() == len(BODY) + 2


@FRAMED
async def test_a_declared_body_still_arriving_is_received_then_parsed(framed: bool) -> None:
    req, received = make_request([event(BODY[:10], True), event(BODY[10:])], len(BODY), framed)
    assert await req.get_media() == DOCUMENT
    assert len(received) == 1
    assert req.stream.tell() == len(BODY)


async def test_a_result_at_hand_is_awaitable_again_and_a_coroutine_for_asyncio() -> None:
    req, _ = make_request([event(BODY)], len(BODY), framed=True)
    first = req.get_media()
    assert repr(first) == '<awaitable req.get_media()>'
    media = await first
    assert media == DOCUMENT
    assert await first is media
    assert await asyncio.create_task(req.get_media()) is media
    assert await asyncio.gather(req.get_media(), req.get_media()) == [media, media]


@pytest.mark.parametrize(
    'misuse',
    [
        lambda awaitable: awaitable['name'],
        lambda awaitable: list(awaitable),
        len,
        lambda awaitable: 'name' in awaitable,
    ],
)
async def test_a_result_at_hand_used_as_a_value_names_the_forgotten_await(
    misuse: Callable[[Any], Any],
) -> None:
    req, _ = make_request([event(BODY)], len(BODY), framed=True)

    def on_post() -> Any:
        return req.get_media()

    awaitable = on_post()
    with pytest.raises(ForgottenAwaitError) as caught:
        misuse(awaitable)
    assert str(caught.value) == (
        'the awaitable returned by req.get_media() in '
        'test_a_result_at_hand_used_as_a_value_names_the_forgotten_await.<locals>.on_post '
        'was used as a value: did you forget `await`? Write `await req.get_media()`.'
    )
    with pytest.raises(AttributeError, match='did you forget `await`'):
        awaitable.get('name')
    assert await awaitable == DOCUMENT


@FRAMED
async def test_a_failed_parse_is_raised_where_the_result_is_awaited(framed: bool) -> None:
    req, _ = make_request([event(b'{"a": ')], 6, framed)
    awaitable = req.get_media()
    with pytest.raises(falcon.MediaMalformedError) as first:
        await awaitable
    with pytest.raises(falcon.MediaMalformedError) as second:
        await req.get_media()
    assert second.value is first.value


async def test_an_unknown_content_type_is_raised_where_the_result_is_awaited() -> None:
    req, _ = make_request([event(BODY)], len(BODY), framed=True)
    req.options.media_handlers.pop('application/json')
    awaitable = req.get_media()
    with pytest.raises(falcon.HTTPUnsupportedMediaType):
        await awaitable
