from __future__ import annotations

import io
import random
from typing import Any

import pytest

from falcon.core._errors import HTTPUnsupportedMediaType, MultipartParseError
from falcon.core.media._handlers import MultipartFormHandler, MultipartParseOptions
from falcon.core.media._multipart import AsyncBodyPart, AsyncMultipartForm, BodyPart

CONTENT_TYPE = 'multipart/form-data; boundary=BOUNDARY'


def form(*parts: bytes) -> bytes:
    body = b''.join(b'--BOUNDARY\r\n' + part + b'\r\n' for part in parts)
    return body + b'--BOUNDARY--\r\n'


def field(name: str, value: bytes, *headers: bytes) -> bytes:
    disposition = b'Content-Disposition: form-data; name="%s"' % name.encode()
    return b'\r\n'.join([disposition, *headers]) + b'\r\n\r\n' + value


BODY = form(
    field('text', b'hello world'),
    b'Content-Disposition: form-data; name="file"; filename="report 2024.txt"\r\n'
    b'Content-Type: text/plain; charset=latin-1\r\n\r\ncaf\xe9',
    field('json', b'{"answer": 42}', b'Content-Type: application/json'),
    field('form', b'a=1&b=2', b'Content-Type: application/x-www-form-urlencoded'),
    field('image', b'\x89PNG\r\n\x1a\n\x00', b'Content-Type: image/png'),
)


class TrickleStream:
    """A sync stream returning at most ``step`` bytes per read, recording the reads."""

    def __init__(self, data: bytes, step: int = 3) -> None:
        self._data = data
        self._step = step
        self.consumed = 0

    def read(self, n: int | None = -1) -> bytes:
        size = self._step if n is None or n < 0 else min(n, self._step)
        chunk = self._data[self.consumed : self.consumed + size]
        self.consumed += len(chunk)
        return chunk


class AsyncStream:
    def __init__(self, data: bytes, step: int = 5) -> None:
        self._sync = TrickleStream(data, step)

    async def read(self, n: int | None = -1) -> bytes:
        return self._sync.read(n)


def parse(
    body: bytes = BODY,
    options: MultipartParseOptions | None = None,
    stream: Any = None,
    content_length: int | None = None,
) -> Any:
    handler = MultipartFormHandler(options)
    return handler.deserialize(stream or io.BytesIO(body), CONTENT_TYPE, content_length)


def options(**values: Any) -> MultipartParseOptions:
    parse_options = MultipartParseOptions()
    for name, value in values.items():
        setattr(parse_options, name, value)
    return parse_options


@pytest.mark.parametrize(
    'stream_factory', [io.BytesIO, TrickleStream, lambda data: TrickleStream(data, 1)]
)
def test_happy_path(stream_factory: Any) -> None:
    parts = []
    for part in parse(stream=stream_factory(BODY)):
        assert isinstance(part, BodyPart)
        parts.append(part)
        if part.name == 'text':
            assert part.content_type == 'text/plain'
            assert part.filename is None
            assert part.data == b'hello world'
            assert part.text == 'hello world'
            assert part.get_media is not None
        elif part.name == 'file':
            assert part.filename == 'report 2024.txt'
            assert part.secure_filename == 'report_2024.txt'
            assert part.get_text() == 'café'
        elif part.name == 'json':
            assert part.content_type == 'application/json'
            assert part.get_text() is None
            assert part.media == {'answer': 42}
            assert part.get_media() is part.media
        elif part.name == 'form':
            assert part.get_media() == {'a': '1', 'b': '2'}
        else:
            assert part.name == 'image'
            assert part.get_data() == b'\x89PNG\r\n\x1a\n\x00'
            with pytest.raises(HTTPUnsupportedMediaType):
                part.get_media()
    assert [part.name for part in parts] == ['text', 'file', 'json', 'form', 'image']


def test_unread_parts_are_skipped() -> None:
    assert [part.name for part in parse()] == ['text', 'file', 'json', 'form', 'image']


def test_a_part_cannot_be_read_after_moving_on_unless_buffered() -> None:
    parts = list(parse())
    assert parts[0].stream.read() == b''
    assert parts[0].stream.eof


def test_buffered_data_survives_moving_on() -> None:
    kept = []
    for part in parse():
        part.get_data()
        kept.append(part)
    assert kept[0].data == b'hello world'
    assert kept[2].media == {'answer': 42}


@pytest.mark.parametrize('size', [1, 2, 4, 100])
def test_stream_reads_in_pieces(size: int) -> None:
    content = bytes(range(256)) * 3
    part = next(iter(parse(form(field('blob', content)))))
    pieces = []
    while chunk := part.stream.read(size):
        assert len(chunk) <= size
        pieces.append(chunk)
    assert b''.join(pieces) == content
    assert part.stream.read(size) == b''
    assert part.stream.read(0) == b''


def test_stream_pipe_and_iteration() -> None:
    parts = iter(parse(form(field('a', b'x' * 200_000), field('b', b'second'))))
    first = next(parts)
    destination = io.BytesIO()
    first.stream.pipe(destination)
    assert destination.getvalue() == b'x' * 200_000
    second = next(parts)
    assert b''.join(second.stream) == b'second'
    assert second.stream.readable()


def test_stream_readall_returns_the_rest_of_the_part() -> None:
    parts = iter(parse(form(field('a', b'0123456789'), field('b', b'second'))))
    first = next(parts)
    assert first.stream.read(4) == b'0123'
    assert first.stream.readall() == b'456789'
    assert first.stream.readall() == b''
    assert first.stream.eof
    assert next(parts).stream.readall() == b'second'


def test_content_length_bounds_the_reads() -> None:
    stream = TrickleStream(BODY + b'NEXT REQUEST', step=1000)
    assert len(list(parse(stream=stream, content_length=len(BODY)))) == 5
    assert stream.consumed == len(BODY)


def test_content_length_shorter_than_the_form_is_an_error() -> None:
    with pytest.raises(MultipartParseError):
        list(parse(content_length=len(BODY) // 2))


def test_default_charset_and_charset_param() -> None:
    body = form(
        field('default', 'é'.encode()),
        field('latin', b'\xe9', b'Content-Type: text/plain; charset=iso-8859-1'),
    )
    texts = [part.text for part in parse(body)]
    assert texts == ['é', 'é']
    texts = [
        part.text for part in parse(form(field('d', b'\xe9')), options(default_charset='cp1252'))
    ]
    assert texts == ['é']


@pytest.mark.parametrize(
    ('value', 'content_type'),
    [
        (b'\xff\xfe', b'Content-Type: text/plain'),
        (b'ok', b'Content-Type: text/plain; charset=no-such-charset'),
        (b'ok', b'Content-Type: text/plain; charset=rot13'),
    ],
)
def test_undecodable_text(value: bytes, content_type: bytes) -> None:
    part = next(iter(parse(form(field('t', value, content_type)))))
    with pytest.raises(MultipartParseError) as info:
        part.get_text()
    assert 'invalid text or charset' in (info.value.description or '')


@pytest.mark.parametrize(
    ('disposition', 'filename', 'secure'),
    [
        (b'form-data; name="f"; filename="a.txt"', 'a.txt', 'a.txt'),
        (b'form-data; name="f"; filename="../../etc/passwd"', '../../etc/passwd', None),
        (b"form-data; name=f; filename*=UTF-8''%E2%82%AC%20rates.txt", '€ rates.txt', None),
        (b"form-data; name=f; filename*=utf-8'en'x.txt; filename=y.txt", 'x.txt', 'x.txt'),
        (b"form-data; name=f; filename*=iso-8859-1''caf%E9", 'café', None),
        ('form-data; name=f; filename="café.txt"'.encode(), 'café.txt', None),
    ],
)
def test_filenames(disposition: bytes, filename: str, secure: str | None) -> None:
    part = next(iter(parse(form(b'Content-Disposition: ' + disposition + b'\r\n\r\nv'))))
    assert part.filename == filename
    assert part.secure_filename
    assert '/' not in part.secure_filename
    if secure is not None:
        assert part.secure_filename == secure


@pytest.mark.parametrize(
    'disposition',
    [
        b"form-data; name=f; filename*=koi8-r''abc",
        b'form-data; name=f; filename*=no-quotes',
        b"form-data; name=f; filename*=utf-8''%FF",
    ],
)
def test_invalid_extended_filename(disposition: bytes) -> None:
    part = next(iter(parse(form(b'Content-Disposition: ' + disposition + b'\r\n\r\nv'))))
    with pytest.raises(MultipartParseError):
        _ = part.filename


def test_secure_filename_requires_a_filename() -> None:
    part = next(iter(parse(form(field('no-file', b'v')))))
    with pytest.raises(MultipartParseError) as info:
        _ = part.secure_filename
    assert info.value.description and 'invalid file or part name' in info.value.description


def test_secure_filename_max_length() -> None:
    disposition = b'Content-Disposition: form-data; name=f; filename="abcdefghij.txt"'
    part = next(
        iter(parse(form(disposition + b'\r\n\r\nv'), options(max_secure_filename_length=8)))
    )
    assert len(part.secure_filename) <= 8


def test_part_without_content_disposition() -> None:
    part = next(iter(parse(form(b'\r\nanonymous'))))
    assert part.name is None
    assert part.filename is None
    assert part.content_type == 'text/plain'
    assert part.text == 'anonymous'


def test_buffer_size_limit() -> None:
    limit = options(max_body_part_buffer_size=10)
    parts = iter(parse(form(field('fits', b'x' * 10), field('big', b'x' * 11)), limit))
    assert next(parts).data == b'x' * 10
    big = next(parts)
    with pytest.raises(MultipartParseError) as info:
        big.get_data()
    assert 'body part is too large' in (info.value.description or '')


def test_buffer_size_limit_does_not_limit_streaming() -> None:
    limit = options(max_body_part_buffer_size=10)
    part = next(iter(parse(form(field('big', b'x' * 1000)), limit)))
    assert part.stream.read() == b'x' * 1000


@pytest.mark.parametrize(('count', 'ok'), [(3, True), (4, False)])
def test_part_count_limit(count: int, ok: bool) -> None:
    body = form(*[field(f'f{number}', b'v') for number in range(count)])
    parse_options = options(max_body_part_count=3)
    if ok:
        assert len(list(parse(body, parse_options))) == count
    else:
        with pytest.raises(MultipartParseError) as info:
            list(parse(body, parse_options))
        assert 'maximum number of form body parts exceeded' in (info.value.description or '')


def test_headers_size_limit() -> None:
    parse_options = options(max_body_part_headers_size=64)
    with pytest.raises(MultipartParseError) as info:
        list(parse(form(field('x', b'v', b'X-Long: ' + b'a' * 64)), parse_options))
    assert 'headers exceed the size limit of 64 bytes' in (info.value.description or '')


def test_custom_part_media_handlers() -> None:
    from falcon.core.media._handlers import Handlers
    from falcon.core.media._msgpack import MessagePackHandler

    parse_options = options(media_handlers=Handlers({'application/msgpack': MessagePackHandler()}))
    body = form(field('m', b'\x81\xa1a\x01', b'Content-Type: application/msgpack'))
    assert next(iter(parse(body, parse_options))).media == {'a': 1}


async def test_async_happy_path() -> None:
    handler = MultipartFormHandler()
    form_object = await handler.deserialize_async(AsyncStream(BODY), CONTENT_TYPE, len(BODY))
    assert isinstance(form_object, AsyncMultipartForm)
    seen = {}
    async for part in form_object:
        assert isinstance(part, AsyncBodyPart)
        if part.name == 'text':
            seen['text'] = await part.text
        elif part.name == 'file':
            seen['file'] = (part.filename, await part.get_text())
        elif part.name == 'json':
            seen['json'] = await part.media
            assert await part.get_media() == {'answer': 42}
        elif part.name == 'form':
            seen['form'] = await part.get_media()
        else:
            seen['image'] = await part.data
            assert await part.get_data() == seen['image']
    assert seen == {
        'text': 'hello world',
        'file': ('report 2024.txt', 'café'),
        'json': {'answer': 42},
        'form': {'a': '1', 'b': '2'},
        'image': b'\x89PNG\r\n\x1a\n\x00',
    }


async def test_async_streams() -> None:
    class AsyncSink:
        def __init__(self) -> None:
            self.data = b''

        async def write(self, chunk: bytes) -> None:
            self.data += chunk

    body = form(field('a', b'a' * 100_000), field('b', b'0123456789'), field('c', b'skipped'))
    names = []
    async for part in AsyncMultipartForm(
        AsyncStream(body, 4096), b'BOUNDARY', None, MultipartParseOptions()
    ):
        names.append(part.name)
        if part.name == 'a':
            sink = AsyncSink()
            await part.stream.pipe(sink)
            assert sink.data == b'a' * 100_000
        elif part.name == 'b':
            assert await part.stream.read(4) == b'0123'
            assert b''.join([chunk async for chunk in part.stream]) == b'456789'
            assert await part.stream.readall() == b''
    assert names == ['a', 'b', 'c']


async def test_async_limits() -> None:
    parse_options = options(max_body_part_buffer_size=3, max_body_part_count=1)
    body = form(field('a', b'abcd'), field('b', b''))
    parts = AsyncMultipartForm(AsyncStream(body), b'BOUNDARY', None, parse_options).__aiter__()
    first = await parts.__anext__()
    with pytest.raises(MultipartParseError, match='too large'):
        await first.get_data()
    with pytest.raises(MultipartParseError, match='maximum number'):
        await parts.__anext__()


async def test_async_malformed() -> None:
    form_object = AsyncMultipartForm(
        AsyncStream(b'--BOUNDARY\r\nbroken header\r\n\r\n'),
        b'BOUNDARY',
        None,
        MultipartParseOptions(),
    )
    with pytest.raises(MultipartParseError):
        async for _ in form_object:
            pass


def test_garbage_headers_only_ever_raise_the_parse_error() -> None:
    generator = random.Random(4321)
    alphabet = [
        b'form-data',
        b';',
        b'=',
        b'"',
        b"'",
        b'\\',
        b'name',
        b'filename',
        b'filename*',
        b'utf-8',
        b'%',
        b'%e2',
        b'text/plain',
        b'charset',
        b'\xff',
        b' ',
        b'/',
        b'.',
    ]
    for _ in range(1000):
        value = b''.join(generator.choice(alphabet) for _ in range(generator.randint(0, 12)))
        headers = {b'content-disposition': value, b'content-type': value}
        part = BodyPart(io.BytesIO(b'data'), headers, MultipartParseOptions())
        for attribute in ('name', 'filename', 'secure_filename', 'content_type', 'text'):
            try:
                getattr(part, attribute)
            except MultipartParseError:
                pass
