"""Streams: response streams of every supported shape, request body reading."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Iterator
from typing import Any

from tests._harness import Case, cases, run
from tests_shared._support import is_asgi, resource

PAYLOAD = b'0123456789' * 1000


def chunks() -> Iterator[bytes]:
    for start in range(0, len(PAYLOAD), 1000):
        yield PAYLOAD[start : start + 1000]


async def async_chunks() -> AsyncIterator[bytes]:
    for chunk in chunks():
        yield chunk


def streaming(make_stream: Any, length: int | None = None) -> Any:
    def handler(req: Any, resp: Any) -> None:
        if length is None:
            resp.stream = make_stream()
        else:
            resp.set_stream(make_stream(), length)

    def build(app: Any) -> None:
        app.add_route('/', resource(handler))

    return build


class AsyncReadable:
    def __init__(self, data: bytes) -> None:
        self._source = io.BytesIO(data)

    async def read(self, size: int = -1) -> bytes:
        return self._source.read(size)


def echo_body(app: Any) -> None:
    if is_asgi(app):

        class AsyncEcho:
            async def on_post(self, req: Any, resp: Any) -> None:
                data = await req.stream.read()
                resp.data = data
                resp.set_header('X-Length', str(len(data)))

        app.add_route('/', AsyncEcho())
    else:

        def handler(req: Any, resp: Any) -> None:
            data = req.bounded_stream.read()
            resp.data = data
            resp.set_header('X-Length', str(len(data)))

        app.add_route('/', resource(handler, ('post',)))


def echo_body_sync_both(app: Any) -> None:
    def handler(req: Any, resp: Any) -> None:
        resp.media = {'got': req.media, 'length': req.content_length}

    app.add_route('/', resource(handler, ('post',)))


CASES = [
    Case('bytesio', streaming(lambda: io.BytesIO(PAYLOAD)), body=PAYLOAD),
    Case(
        'set-stream-length',
        streaming(lambda: io.BytesIO(PAYLOAD), len(PAYLOAD)),
        body=PAYLOAD,
        headers={'content-length': str(len(PAYLOAD))},
    ),
    Case('list-of-bytes', streaming(lambda: [b'a', b'b', b'c']), body=b'abc'),
    Case('generator', streaming(chunks), body=PAYLOAD),
    Case('async-generator', streaming(async_chunks), body=PAYLOAD),
    Case('async-readable', streaming(lambda: AsyncReadable(PAYLOAD)), body=PAYLOAD),
    Case('empty-stream', streaming(lambda: io.BytesIO(b'')), body=b''),
    Case('empty-chunks-skipped', streaming(lambda: [b'', b'x', b'', b'y']), body=b'xy'),
    Case(
        'request-body-echo',
        echo_body,
        method='POST',
        request={'body': PAYLOAD},
        body=PAYLOAD,
        headers={'x-length': str(len(PAYLOAD))},
    ),
    Case('request-body-empty', echo_body, method='POST', body=b'', headers={'x-length': '0'}),
    Case(
        'request-media-plain-responder',
        echo_body_sync_both,
        method='POST',
        request={'json': {'k': 'v'}},
        json={'got': {'k': 'v'}, 'length': 10},
    ),
]


@cases(CASES)
def test_streams(case: Case) -> None:
    run(case)
