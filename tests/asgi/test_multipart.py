from __future__ import annotations

import io
from collections.abc import AsyncIterator

import pytest

import falcon.asgi.multipart as multipart
from falcon.asgi.multipart import BufferedReader, DelimiterError
from falcon.core.media._multipart import AsyncBodyPart, AsyncMultipartForm
from falcon.media.multipart import BodyPart as SyncBodyPart
from falcon.media.multipart import MultipartParseOptions

DATA = b'first line\nsecond--BOUNDARY--third\r\nlast'
STEPS = [1, 3, 7, 64]


async def chunks(data: bytes, step: int) -> AsyncIterator[bytes]:
    for start in range(0, len(data), step):
        yield b''
        yield data[start : start + step]


class ReadSource:
    """An object with ``await read(n)`` only."""

    def __init__(self, data: bytes) -> None:
        self._stream = io.BytesIO(data)

    async def read(self, size: int | None = -1, /) -> bytes:
        return self._stream.read(size)


class Sink:
    def __init__(self) -> None:
        self.written: list[bytes] = []

    async def write(self, data: bytes) -> None:
        self.written.append(data)


def reader(data: bytes = DATA, step: int = 3, chunk_size: int | None = 8) -> BufferedReader:
    return BufferedReader(chunks(data, step), chunk_size)


def test_public_names() -> None:
    assert multipart.MultipartForm is AsyncMultipartForm
    assert multipart.BodyPart is AsyncBodyPart
    assert issubclass(multipart.BodyPart, SyncBodyPart)
    assert multipart.parse_header('form-data; name="a"') == ('form-data', {'name': 'a'})
    assert issubclass(multipart.MultipartParseError, Exception)
    assert set(multipart.__all__) >= {
        'AsyncReadableIO',
        'BodyPart',
        'BufferedReader',
        'DelimiterError',
        'MultipartForm',
        'MultipartParseError',
        'parse_header',
    }


@pytest.mark.parametrize('step', STEPS)
@pytest.mark.parametrize('size', [0, 1, 5, 40, 100, -1, None])
async def test_read(step: int, size: int | None) -> None:
    stream = reader(step=step)
    expected = DATA if size is None or size < 0 else DATA[:size]
    assert await stream.read(size) == expected
    assert stream.tell() == len(expected)
    assert await stream.readall() == DATA[len(expected) :]
    assert await stream.read() == b''
    assert stream.eof


async def test_read_source_with_read_method() -> None:
    stream = BufferedReader(ReadSource(DATA), 4)
    assert await stream.read_until(b'\n', consume_delimiter=True) == b'first line'
    assert await stream.read() == DATA[11:]


@pytest.mark.parametrize('step', STEPS)
async def test_peek(step: int) -> None:
    stream = reader(step=step)
    assert await stream.peek(3) == DATA[:3]
    assert await stream.peek() == DATA[:8]
    assert await stream.peek(100) == DATA[:8]
    assert stream.tell() == 0
    assert await stream.read(4) == DATA[:4]


@pytest.mark.parametrize('step', STEPS)
@pytest.mark.parametrize(
    ('delimiter', 'size', 'expected', 'rest'),
    [
        (b'\n', -1, b'first line', b'\nsecond'),
        (b'--BOUNDARY--', -1, b'first line\nsecond', b'--BOUNDARY--'),
        (b'--BOUNDARY--', 5, b'first', b' line'),
        (b'missing', -1, DATA, b''),
        (b'first', -1, b'', b'first'),
    ],
)
async def test_read_until(
    step: int, delimiter: bytes, size: int, expected: bytes, rest: bytes
) -> None:
    stream = reader(step=step)
    assert await stream.read_until(delimiter, size) == expected
    assert await stream.read(len(rest)) == rest


@pytest.mark.parametrize('step', STEPS)
async def test_read_until_consume(step: int) -> None:
    stream = reader(step=step)
    assert await stream.read_until(b'--BOUNDARY--', consume_delimiter=True) == (
        b'first line\nsecond'
    )
    assert await stream.read_until(b'\r\n', consume_delimiter=True) == b'third'
    assert await stream.read() == b'last'
    with pytest.raises(DelimiterError):
        await reader(step=step).read_until(b'missing', consume_delimiter=True)
    with pytest.raises(ValueError):
        await reader(step=step).read_until(b'')


@pytest.mark.parametrize('step', STEPS)
async def test_pipe_until_and_pipe(step: int) -> None:
    stream = reader(step=step)
    sink = Sink()
    await stream.pipe_until(b'--BOUNDARY--', sink, consume_delimiter=True)
    assert b''.join(sink.written) == b'first line\nsecond'
    plain = io.BytesIO()
    await stream.pipe(plain)  # type: ignore[arg-type]
    assert plain.getvalue() == b'third\r\nlast'
    with pytest.raises(DelimiterError):
        await stream.pipe_until(b'x', consume_delimiter=True)


async def test_exhaust_and_iteration() -> None:
    stream = reader(step=5)
    assert await stream.read(2) == b'fi'
    assert b''.join([chunk async for chunk in stream]) == DATA[2:]
    stream = reader(step=5)
    await stream.exhaust()
    assert await stream.read() == b''
    assert stream.eof


@pytest.mark.parametrize('step', STEPS)
async def test_delimit(step: int) -> None:
    stream = reader(step=step)
    part = stream.delimit(b'--BOUNDARY--')
    assert await part.read(5) == b'first'
    assert await part.readall() == b' line\nsecond'
    assert await part.read() == b''
    assert await stream.read_until(b'third', consume_delimiter=True) == b'--BOUNDARY--'
    assert await stream.read() == b'\r\nlast'


def test_capabilities() -> None:
    stream = reader()
    assert stream.readable()
    assert not stream.seekable()
    assert not stream.writable()
    assert not stream.isatty()
    assert not stream.eof
    with pytest.raises(OSError):
        stream.fileno()


async def test_async_form_over_buffered_reader() -> None:
    body = (
        b'--xyz\r\n'
        b'Content-Disposition: form-data; name="field"\r\n\r\n'
        b'hello\r\n'
        b'--xyz\r\n'
        b'Content-Disposition: form-data; name="file"; filename="a.json"\r\n'
        b'Content-Type: application/json\r\n\r\n'
        b'{"k": 1}\r\n'
        b'--xyz--\r\n'
    )
    form = multipart.MultipartForm(
        BufferedReader(chunks(body, 5)), b'xyz', len(body), MultipartParseOptions()
    )
    seen = []
    async for part in form:
        assert isinstance(part, multipart.BodyPart)
        if part.name == 'field':
            seen.append((part.name, await part.get_text()))
        else:
            seen.append((part.filename, await part.get_media()))
    assert seen == [('field', 'hello'), ('a.json', {'k': 1})]
