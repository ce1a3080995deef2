from __future__ import annotations

import io
import time

import pytest

from falcon.core._reader import FOUND, LIMIT, MORE, ReadBuffer
from falcon.util.reader import DEFAULT_CHUNK_SIZE, BufferedReader, DelimiterError

DATA = b'first line\nsecond--BOUNDARY--third\r\nlast'


class Source:
    """A ``read(n)`` callable that returns at most ``step`` bytes per call."""

    def __init__(self, data: bytes, step: int | None = None) -> None:
        self._stream = io.BytesIO(data)
        self._step = step
        self.calls: list[int] = []

    def __call__(self, size: int) -> bytes:
        self.calls.append(size)
        if self._step is not None:
            size = min(size, self._step)
        return self._stream.read(size)


def make_reader(
    data: bytes = DATA,
    step: int | None = None,
    chunk_size: int | None = 8,
    max_len: int | None = None,
) -> BufferedReader:
    return BufferedReader(
        Source(data, step), len(data) if max_len is None else max_len, chunk_size
    )


STEPS = [None, 1, 3, 7, 64]


def test_default_chunk_size() -> None:
    assert DEFAULT_CHUNK_SIZE == 32768
    assert issubclass(DelimiterError, OSError)


@pytest.mark.parametrize('step', STEPS)
@pytest.mark.parametrize('size', [0, 1, 5, 11, 40, len(DATA), 100, -1, None])
def test_read(step: int | None, size: int | None) -> None:
    reader = make_reader(step=step)
    expected = DATA if size is None or size < 0 else DATA[:size]
    assert reader.read(size) == expected
    assert reader.read() == DATA[len(expected) :]
    assert reader.read() == b''


@pytest.mark.parametrize('step', STEPS)
def test_read_in_pieces_matches_data(step: int | None) -> None:
    reader = make_reader(step=step)
    pieces = []
    while True:
        piece = reader.read(3)
        if not piece:
            break
        pieces.append(piece)
    assert b''.join(pieces) == DATA


def test_max_stream_len_bounds_reading() -> None:
    source = Source(DATA)
    reader = BufferedReader(source, 10, 4)
    assert reader.read() == DATA[:10]
    assert reader.read() == b''
    assert sum(source.calls) <= 10


def test_empty_read_ends_the_source() -> None:
    source = Source(b'abc')
    reader = BufferedReader(source, 1000, 4)
    assert reader.read() == b'abc'
    calls = len(source.calls)
    assert reader.read() == b''
    assert reader.peek() == b''
    assert len(source.calls) == calls


@pytest.mark.parametrize('step', STEPS)
@pytest.mark.parametrize(
    ('size', 'expected'),
    [(-1, DATA[:8]), (0, b''), (3, DATA[:3]), (8, DATA[:8]), (20, DATA[:8])],
)
def test_peek_does_not_consume(step: int | None, size: int, expected: bytes) -> None:
    reader = make_reader(step=step)
    assert reader.peek(size) == expected
    assert reader.peek(size) == expected
    assert reader.read() == DATA


def test_peek_after_partial_read() -> None:
    reader = make_reader(chunk_size=8)
    assert reader.read(6) == DATA[:6]
    assert reader.peek(8) == DATA[6:14]


@pytest.mark.parametrize('step', STEPS)
@pytest.mark.parametrize(
    ('delimiter', 'size', 'expected', 'rest'),
    [
        (b'\n', -1, b'first line', b'\nsecond'),
        (b'--BOUNDARY--', -1, b'first line\nsecond', b'--BOUNDARY--third'),
        (b'--BOUNDARY--', 5, b'first', b' line'),
        (b'\r\n', -1, b'first line\nsecond--BOUNDARY--third', b'\r\nlast'),
        (b'missing', -1, DATA, b''),
        (b'first', -1, b'', b'first'),
        (b'last', -1, DATA[:-4], b'last'),
        (b'lastX', -1, DATA, b''),
    ],
)
def test_read_until(
    step: int | None, delimiter: bytes, size: int, expected: bytes, rest: bytes
) -> None:
    reader = make_reader(step=step)
    assert reader.read_until(delimiter, size) == expected
    assert reader.read(len(rest)) == rest


@pytest.mark.parametrize('step', STEPS)
def test_read_until_consumes_delimiter(step: int | None) -> None:
    reader = make_reader(step=step)
    assert reader.read_until(b'--BOUNDARY--', consume_delimiter=True) == b'first line\nsecond'
    assert reader.read_until(b'\r\n', consume_delimiter=True) == b'third'
    assert reader.read() == b'last'


@pytest.mark.parametrize(
    ('delimiter', 'size'),
    [(b'missing', -1), (b'--BOUNDARY--', 5), (b'\n', 3)],
)
def test_read_until_missing_delimiter_raises(delimiter: bytes, size: int) -> None:
    reader = make_reader(step=2)
    with pytest.raises(DelimiterError):
        reader.read_until(delimiter, size, consume_delimiter=True)


@pytest.mark.parametrize('delimiter', [b'', 'text'])
def test_read_until_rejects_bad_delimiter(delimiter: object) -> None:
    reader = make_reader()
    with pytest.raises(ValueError):
        reader.read_until(delimiter)  # type: ignore[arg-type]


@pytest.mark.parametrize('step', STEPS)
def test_delimiter_spanning_chunks(step: int | None) -> None:
    data = b'x' * 7 + b'--sep--' + b'y' * 9
    for chunk_size in (1, 2, 3, 5, 8, 13):
        reader = make_reader(data, step=step, chunk_size=chunk_size)
        assert reader.read_until(b'--sep--', consume_delimiter=True) == b'x' * 7
        assert reader.read() == b'y' * 9


@pytest.mark.parametrize('step', STEPS)
def test_pipe_and_pipe_until(step: int | None) -> None:
    reader = make_reader(step=step)
    first = io.BytesIO()
    reader.pipe_until(b'--BOUNDARY--', first, consume_delimiter=True)
    assert first.getvalue() == b'first line\nsecond'
    reader.pipe_until(b'\r\n')
    assert reader.peek(2) == b'\r\n'
    rest = io.BytesIO()
    reader.pipe(rest)
    assert rest.getvalue() == b'\r\nlast'


def test_pipe_until_size_limit() -> None:
    reader = make_reader()
    out = io.BytesIO()
    reader.pipe_until(b'--BOUNDARY--', out, _size=4)
    assert out.getvalue() == b'firs'
    with pytest.raises(DelimiterError):
        reader.pipe_until(b'missing', None, consume_delimiter=True)


def test_exhaust() -> None:
    reader = make_reader(step=3)
    reader.read(2)
    reader.exhaust()
    assert reader.read() == b''


@pytest.mark.parametrize('step', STEPS)
def test_delimit(step: int | None) -> None:
    reader = make_reader(step=step)
    part = reader.delimit(b'--BOUNDARY--')
    assert part.read(5) == b'first'
    assert part.readline() == b' line\n'
    assert part.read() == b'second'
    assert part.read() == b''
    assert reader.read_until(b'third', consume_delimiter=True) == b'--BOUNDARY--'
    assert reader.read() == b'\r\nlast'


@pytest.mark.parametrize('step', STEPS)
def test_readline_and_readlines(step: int | None) -> None:
    data = b'one\ntwo\n\nthree'
    reader = make_reader(data, step=step)
    assert reader.readline() == b'one\n'
    assert reader.readline(2) == b'tw'
    assert reader.readline() == b'o\n'
    assert reader.readlines() == [b'\n', b'three']
    assert reader.readline() == b''
    assert make_reader(data, step=step).readlines(5) == [b'one\n', b'two\n']


def test_capabilities() -> None:
    reader = make_reader()
    assert reader.readable()
    assert not reader.seekable()
    assert not reader.writeable()


def test_source_returning_too_much_is_clamped() -> None:
    reader = BufferedReader(lambda size: b'z' * (size + 10), 25, 4)
    assert reader.read() == b'z' * 25


def test_source_returning_more_than_asked_keeps_the_surplus() -> None:
    source = io.BytesIO(b'abcdefghijklmnop')
    calls: list[int] = []

    def read(size: int) -> bytes:
        calls.append(size)
        return source.read(5)

    reader = BufferedReader(read, 12, 4)
    assert reader.read(2) == b'ab'
    assert reader.read(3) == b'cde'
    assert reader.read() == b'fghijkl'
    assert reader.read() == b''
    assert calls == [2, 7, 2]  # the bound (12 bytes) cuts the last read short


@pytest.mark.no_cover  # timed: tracing for coverage would slow it down
def test_read_until_is_linear_with_tiny_chunks() -> None:
    size = 200_000
    data = b'a' * size + b'--end--'

    def run(step: int) -> float:
        reader = make_reader(data, step=step, chunk_size=DEFAULT_CHUNK_SIZE)
        started = time.process_time()
        assert len(reader.read_until(b'--end--', consume_delimiter=True)) == size
        return time.process_time() - started

    # One byte per read: a quadratic scan would take minutes here.
    assert run(1) < 5


@pytest.mark.parametrize(
    ('data', 'delimiter', 'wanted', 'at_eof', 'expected'),
    [
        (b'abc--d', b'--', 10, False, (b'abc', FOUND)),
        (b'abcdef', b'--', 3, False, (b'abc', LIMIT)),
        (b'abcdef', b'--', 10, False, (b'abcde', MORE)),
        (b'abcdef', b'--', 10, True, (b'abcdef', LIMIT)),
        (b'-', b'--', 10, False, (b'', MORE)),
    ],
)
def test_read_buffer_scan(
    data: bytes, delimiter: bytes, wanted: int, at_eof: bool, expected: tuple[bytes, int]
) -> None:
    buffer = ReadBuffer()
    buffer.extend([data])
    assert buffer.scan_until(delimiter, wanted, at_eof) == expected
    assert buffer.received == len(data)
