from __future__ import annotations

import random
import time

import pytest

from falcon.core._errors import MultipartParseError
from falcon.core.media._multipart_parser import (
    FORM_END,
    NEED_DATA,
    PART_END,
    MultipartParser,
    PartData,
    PartStart,
)

BOUNDARY = b'BOUNDARY'

Parts = list[tuple[dict[bytes, bytes], bytes]]


def parse(
    body: bytes,
    chunk_size: int | None = None,
    max_part_count: int = 64,
    max_headers_size: int = 8192,
    boundary: bytes = BOUNDARY,
) -> Parts:
    """Feed ``body`` in chunks and collect the parts the parser reports."""
    parser = MultipartParser(boundary, max_part_count, max_headers_size)
    chunk_size = chunk_size or max(len(body), 1)
    chunks = [body[i : i + chunk_size] for i in range(0, len(body), chunk_size)]
    parts: Parts = []
    while True:
        event = parser.next_event()
        if event is NEED_DATA:
            if chunks:
                parser.feed(chunks.pop(0))
            else:
                parser.feed_eof()
        elif isinstance(event, PartStart):
            parts.append((event.headers, b''))
        elif isinstance(event, PartData):
            assert event.data
            headers, data = parts[-1]
            parts[-1] = (headers, data + event.data)
        elif event is PART_END:
            continue
        else:
            assert event is FORM_END
            return parts


def form(*parts: bytes, preamble: bytes = b'', epilogue: bytes = b'') -> bytes:
    body = preamble
    for part in parts:
        body += b'--' + BOUNDARY + b'\r\n' + part + b'\r\n'
    return body + b'--' + BOUNDARY + b'--' + epilogue


SIMPLE = form(
    b'Content-Disposition: form-data; name="a"\r\n\r\nvalue a',
    b'Content-Disposition: form-data; name="b"\r\n'
    b'Content-Type: text/plain\r\n\r\nline 1\r\nline 2',
)
SIMPLE_PARTS = [
    ({b'content-disposition': b'form-data; name="a"'}, b'value a'),
    (
        {b'content-disposition': b'form-data; name="b"', b'content-type': b'text/plain'},
        b'line 1\r\nline 2',
    ),
]


@pytest.mark.parametrize('chunk_size', [None, 1, 2, 3, 5, 11, 64])
def test_simple_form_in_any_chunking(chunk_size: int | None) -> None:
    assert parse(SIMPLE, chunk_size) == SIMPLE_PARTS


@pytest.mark.parametrize(
    ('body', 'expected'),
    [
        pytest.param(form(b'\r\nno headers'), [({}, b'no headers')], id='no-headers'),
        pytest.param(form(b'X: 1\r\n\r\n'), [({b'x': b'1'}, b'')], id='empty-content'),
        pytest.param(
            form(b'X: 1\r\n\r\n', preamble=b'This is the preamble.\r\n'),
            [({b'x': b'1'}, b'')],
            id='preamble',
        ),
        pytest.param(
            form(b'X: 1\r\n\r\nv', epilogue=b'\r\nepilogue --BOUNDARY'),
            [({b'x': b'1'}, b'v')],
            id='epilogue',
        ),
        pytest.param(
            form(b'X-Name :  spaced value \r\nx-name: last wins\r\n\r\nv'),
            [({b'x-name': b'last wins'}, b'v')],
            id='header-normalisation',
        ),
        pytest.param(
            form(b'X: 1\r\n\r\n--BOUNDAR\r\n--BOUNDARX\r\n-BOUNDARY\r\n'),
            [({b'x': b'1'}, b'--BOUNDAR\r\n--BOUNDARX\r\n-BOUNDARY\r\n')],
            id='near-delimiters-in-content',
        ),
        pytest.param(
            form(b'X: 1\r\n\r\n\r\n\r\n\r\r\n\n'),
            [({b'x': b'1'}, b'\r\n\r\n\r\r\n\n')],
            id='newlines-in-content',
        ),
        pytest.param(form(), [], id='no-parts'),
    ],
)
@pytest.mark.parametrize('chunk_size', [None, 1, 4])
def test_structures(body: bytes, expected: Parts, chunk_size: int | None) -> None:
    assert parse(body, chunk_size) == expected


def test_binary_content_round_trips() -> None:
    content = bytes(range(256)) * 100
    assert parse(form(b'X: 1\r\n\r\n' + content), 1000) == [({b'x': b'1'}, content)]


def test_events_after_the_end() -> None:
    parser = MultipartParser(BOUNDARY, 64, 8192)
    parser.feed(form(b'X: 1\r\n\r\nv'))
    events = [parser.next_event() for _ in range(4)]
    assert isinstance(events[0], PartStart)
    assert isinstance(events[1], PartData)
    assert events[2:] == [PART_END, FORM_END]
    parser.feed(b'more data is ignored')
    assert parser.next_event() is FORM_END


@pytest.mark.parametrize(
    ('body', 'message'),
    [
        (b'', 'no opening boundary delimiter'),
        (b'just some text', 'no opening boundary delimiter'),
        (b'--BOUNDARY', 'unexpected end of form after a boundary delimiter'),
        (b'--BOUNDARYxx\r\n\r\n', 'unexpected bytes after a boundary delimiter'),
        (b'--BOUNDARY\r\nX: 1\r\n', 'unexpected end of form in body part headers'),
        (b'--BOUNDARY\r\nX: 1\r\n\r\ncontent', 'unexpected end of form in a body part'),
        (b'--BOUNDARY\r\nX: 1\r\n\r\ncontent\r\n--BOUNDARY', 'unexpected end of form after'),
        (b'--BOUNDARY\r\nno colon\r\n\r\nv\r\n--BOUNDARY--', 'malformed body part header'),
        (b'--BOUNDARY\r\n: no name\r\n\r\nv\r\n--BOUNDARY--', 'malformed body part header'),
        (b'--BOUNDARY\r\nX: 1\r\n\r\nv\r\n--BOUNDARY\nX', 'unexpected bytes after'),
    ],
)
@pytest.mark.parametrize('chunk_size', [None, 1])
def test_malformed(body: bytes, message: str, chunk_size: int | None) -> None:
    with pytest.raises(MultipartParseError) as info:
        parse(body, chunk_size)
    assert message in (info.value.description or '')


def test_error_is_sticky() -> None:
    parser = MultipartParser(BOUNDARY, 64, 8192)
    parser.feed(b'--BOUNDARY!!')
    with pytest.raises(MultipartParseError):
        parser.next_event()
    parser.feed(b'\r\n--BOUNDARY--')
    with pytest.raises(MultipartParseError) as info:
        parser.next_event()
    assert 'unexpected bytes' in (info.value.description or '')


@pytest.mark.parametrize('chunk_size', [None, 1, 100])
def test_part_count_limit(chunk_size: int | None) -> None:
    parts = [b'X: %d\r\n\r\nv' % number for number in range(5)]
    assert len(parse(form(*parts), chunk_size, max_part_count=5)) == 5
    with pytest.raises(MultipartParseError) as info:
        parse(form(*parts), chunk_size, max_part_count=4)
    assert 'maximum number of form body parts exceeded (limit: 4)' in (
        info.value.description or ''
    )


def test_part_count_zero_means_unlimited() -> None:
    parts = [b'\r\n%d' % number for number in range(500)]
    assert len(parse(form(*parts), max_part_count=0)) == 500


@pytest.mark.parametrize('chunk_size', [None, 1, 7])
def test_headers_size_limit(chunk_size: int | None) -> None:
    header = b'X: ' + b'a' * 97  # a 100-byte header block
    assert parse(form(header + b'\r\n\r\nv'), chunk_size, max_headers_size=100) == [
        ({b'x': b'a' * 97}, b'v')
    ]
    with pytest.raises(MultipartParseError) as info:
        parse(form(header + b'a\r\n\r\nv'), chunk_size, max_headers_size=100)
    assert 'headers exceed the size limit of 100 bytes' in (info.value.description or '')


def test_headers_size_limit_applies_before_the_terminator_arrives() -> None:
    parser = MultipartParser(BOUNDARY, 64, 100)
    parser.feed(b'--BOUNDARY\r\nX: ' + b'a' * 1000)
    with pytest.raises(MultipartParseError):
        parser.next_event()


@pytest.mark.no_cover  # timed: tracing for coverage would slow it down
def test_large_content_is_linear() -> None:
    def elapsed(size: int) -> float:
        body = form(b'X: 1\r\n\r\n' + b'\r\n-' * size)
        started = time.process_time()
        parts = parse(body, 4096)
        assert len(parts[0][1]) == 3 * size
        return time.process_time() - started

    small = max(elapsed(10_000), 1e-4)
    assert elapsed(400_000) < small * 40 * 10


@pytest.mark.no_cover  # timed: tracing for coverage would slow it down
def test_many_tiny_parts_is_linear() -> None:
    body = form(*[b'\r\n'] * 20_000)
    started = time.process_time()
    assert len(parse(body, 65536, max_part_count=0)) == 20_000
    assert time.process_time() - started < 2.0


def test_garbage_only_ever_raises_the_parse_error() -> None:
    generator = random.Random(1234)
    alphabet = [b'\r', b'\n', b'-', b'--', b'BOUNDARY', b':', b' ', b'x', b'\x00', b'\xff']
    for _ in range(2000):
        body = b''.join(generator.choice(alphabet) for _ in range(generator.randint(0, 40)))
        for chunk_size in (None, 1, 3):
            try:
                parse(body, chunk_size, max_part_count=3, max_headers_size=16)
            except MultipartParseError:
                pass
