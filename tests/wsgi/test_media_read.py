"""``req.get_media()`` on a WSGI request: a body of declared length is read in one call of
``wsgi.input`` and parsed; the limit, a partly read body and a body without length."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

import falcon
import falcon.testing

DOCUMENT = {'name': 'widget', 'tags': ['a', 'b'], 'size': {'w': 4}}
BODY = json.dumps(DOCUMENT).encode()


class RecordingInput(io.BytesIO):
    """A wsgi.input that records the size of every read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.sizes: list[int | None] = []

    def read(self, size: int | None = -1) -> bytes:
        self.sizes.append(size)
        return super().read(size)


def make_request(
    body: bytes, content_length: int | None = None, **environ: Any
) -> tuple[falcon.Request, RecordingInput]:
    headers = {'Content-Type': 'application/json'}
    env = falcon.testing.create_environ(method='POST', path='/', headers=headers)
    env.pop('CONTENT_LENGTH', None)
    if content_length is not None:
        env['CONTENT_LENGTH'] = str(content_length)
    stream = RecordingInput(body)
    env['wsgi.input'] = stream
    env.update(environ)
    return falcon.Request(env, falcon.App().req_options), stream


def test_a_body_of_declared_length_is_read_in_one_call() -> None:
    req, stream = make_request(BODY, len(BODY))
    media = req.get_media()
    assert media == DOCUMENT
    assert stream.sizes == [len(BODY)]
    assert req.bounded_stream.eof
    assert req.get_media() is media


def test_a_body_partly_read_before_is_parsed_from_where_reading_stopped() -> None:
    req, stream = make_request(b'xx' + BODY, len(BODY) + 2)
    assert req.bounded_stream.read(2) == b'xx'
    assert req.get_media() == DOCUMENT
    assert stream.sizes == [2, len(BODY)]


def test_a_body_read_whole_before_is_empty_media() -> None:
    req, _ = make_request(BODY, len(BODY))
    assert req.bounded_stream.read() == BODY
    assert req.get_media(default_when_empty='empty') == 'empty'
    with pytest.raises(falcon.MediaNotFoundError):
        req.get_media()


@pytest.mark.parametrize('limit', [None, len(BODY)])
def test_a_body_within_the_limit_is_parsed(limit: int | None) -> None:
    req, stream = make_request(BODY, len(BODY))
    req.options.max_media_size = limit
    assert req.get_media() == DOCUMENT
    assert stream.sizes == [len(BODY)]


def test_a_declared_length_over_the_limit_is_refused_each_time() -> None:
    req, stream = make_request(BODY, len(BODY))
    req.options.max_media_size = len(BODY) - 1
    with pytest.raises(falcon.HTTPContentTooLarge) as first:
        req.get_media()
    with pytest.raises(falcon.HTTPContentTooLarge) as second:
        req.get_media()
    assert second.value is first.value
    assert stream.sizes == []


def test_a_body_without_length_ended_by_the_server_is_read_to_its_end() -> None:
    req, _ = make_request(
        BODY, None, HTTP_TRANSFER_ENCODING='chunked', **{'wsgi.input_terminated': True}
    )
    assert req.get_media() == DOCUMENT


def test_a_body_without_length_over_the_limit_is_refused() -> None:
    req, _ = make_request(
        BODY, None, HTTP_TRANSFER_ENCODING='chunked', **{'wsgi.input_terminated': True}
    )
    req.options.max_media_size = len(BODY) - 1
    with pytest.raises(falcon.HTTPContentTooLarge):
        req.get_media()


def test_a_handler_without_a_bytes_fast_path_reads_the_stream_itself() -> None:
    class Upper(falcon.media.BaseHandler):
        def deserialize(
            self, stream: Any, content_type: str | None, content_length: int | None
        ) -> Any:
            return stream.read().decode().upper()

    req, _ = make_request(b'abc', 3)
    req.options.media_handlers['application/json'] = Upper()
    assert req.get_media() == 'ABC'
