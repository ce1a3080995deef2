"""Multipart form parsing (``multipart/form-data``, RFC 7578 over RFC 2046).

Rules: the forms never parse bytes themselves; the sans-I/O ``MultipartParser`` does, and
raises ``MultipartParseError`` for malformed input or exceeded limits. Part headers are
decoded as UTF-8 (falling back to Latin-1, so decoding never fails); ``filename*`` follows
RFC 8187 (UTF-8 or ISO-8859-1).

Strategy: the sync form (``MultipartForm``) and the async one (``AsyncMultipartForm``) are
thin drivers that read the request stream in chunks and feed the same parser; each part's
content is streamed through the parser, so only ``BodyPart.get_data()`` buffers a part, up
to ``max_body_part_buffer_size``. Parts are read in order: advancing the form skips what is
left of the current part.
"""

from __future__ import annotations

import inspect
import io
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, Protocol
from urllib.parse import unquote_to_bytes

from falcon.core._errors import MultipartParseError
from falcon.core._mediatypes import parse_header
from falcon.core._misc import secure_filename
from falcon.core.media._base import AsyncReadableIO, ReadableIO
from falcon.core.media._multipart_parser import (
    NEED_DATA,
    Event,
    MultipartParser,
    PartData,
    PartStart,
)

__all__ = [
    'AsyncBodyPart',
    'AsyncBodyPartStream',
    'AsyncMultipartForm',
    'BodyPart',
    'BodyPartStream',
    'MultipartForm',
    'PartParseOptions',
]

_CHUNK_SIZE = 64 * 1024


class _MediaRegistry(Protocol):
    def _resolve(
        self, media_type: str, default_media_type: str, raise_not_found: bool = True
    ) -> tuple[Any, Callable[[Any], bytes] | None, Callable[[bytes], Any] | None]: ...


class PartParseOptions(Protocol):
    """The parse options a form and its parts consult (see ``MultipartParseOptions``)."""

    default_charset: str
    max_body_part_buffer_size: int
    max_body_part_count: int
    max_body_part_headers_size: int
    max_secure_filename_length: int | None

    @property
    def media_handlers(self) -> _MediaRegistry:
        """The registry used to deserialize parts."""
        ...


def _make_parser(boundary: bytes, options: PartParseOptions) -> MultipartParser:
    return MultipartParser(
        boundary, options.max_body_part_count, options.max_body_part_headers_size
    )


def _next_read_size(remaining: int | None) -> int:
    return _CHUNK_SIZE if remaining is None else min(_CHUNK_SIZE, remaining)


class _SyncFeeder:
    """Drives a parser from a sync stream, reading at most ``content_length`` bytes."""

    __slots__ = ('_parser', '_remaining', '_stream')

    def __init__(
        self, stream: ReadableIO, content_length: int | None, parser: MultipartParser
    ) -> None:
        self._stream = stream
        self._remaining = content_length
        self._parser = parser

    def next_event(self) -> Event:
        parser = self._parser
        while True:
            event = parser.next_event()
            if event is not NEED_DATA:
                return event
            size = _next_read_size(self._remaining)
            data = self._stream.read(size) if size > 0 else b''
            if not data:
                parser.feed_eof()
                continue
            if self._remaining is not None:
                self._remaining -= len(data)
            parser.feed(data)


class _AsyncFeeder:
    """Drives a parser from an async stream, reading at most ``content_length`` bytes."""

    __slots__ = ('_parser', '_remaining', '_stream')

    def __init__(
        self, stream: AsyncReadableIO, content_length: int | None, parser: MultipartParser
    ) -> None:
        self._stream = stream
        self._remaining = content_length
        self._parser = parser

    async def next_event(self) -> Event:
        parser = self._parser
        while True:
            event = parser.next_event()
            if event is not NEED_DATA:
                return event
            size = _next_read_size(self._remaining)
            data = await self._stream.read(size) if size > 0 else b''
            if not data:
                parser.feed_eof()
                continue
            if self._remaining is not None:
                self._remaining -= len(data)
            parser.feed(data)


class _PartBuffer:
    """The chunk of part content received but not yet read, shared by both streams."""

    __slots__ = ('_chunk', '_done', '_offset')

    def __init__(self) -> None:
        self._chunk = b''
        self._offset = 0
        self._done = False

    def _take(self, size: int) -> bytes:
        # PERF: an offset into the current chunk rather than re-slicing what is left, so
        # many small reads stay linear in the chunk size.
        offset = self._offset
        taken = self._chunk[offset : offset + size] if size >= 0 else self._chunk[offset:]
        self._offset = offset + len(taken)
        return taken

    def _accept(self, event: Event) -> bool:
        if isinstance(event, PartData):
            self._chunk = event.data
            self._offset = 0
            return True
        self._done = True
        self._chunk = b''
        self._offset = 0
        return False

    @property
    def eof(self) -> bool:
        """Whether the whole part has been read."""
        return self._done and self._offset >= len(self._chunk)

    def readable(self) -> bool:
        """Return True: the stream can be read."""
        return True


class BodyPartStream(_PartBuffer):
    """A non-seekable binary stream over one body part's content.

    It reads straight from the request body and ends where the part ends.

    Args:
        feeder: The form's parser driver; the stream pulls its data events.
    """

    __slots__ = ('_feeder',)

    def __init__(self, feeder: _SyncFeeder) -> None:
        super().__init__()
        self._feeder = feeder

    def _fetch(self) -> bool:
        if self._done:
            return False
        return self._accept(self._feeder.next_event())

    def read(self, size: int | None = -1) -> bytes:
        """Read up to ``size`` bytes of the part (all that is left when omitted or negative).

        Args:
            size: Maximum number of bytes to return.

        Returns:
            The bytes read; ``b''`` at the end of the part.

        Raises:
            MultipartParseError: The form is malformed.
        """
        if size is None or size < 0:
            chunks = [self._take(-1)]
            while self._fetch():
                chunks.append(self._take(-1))
            return b''.join(chunks)
        chunks = []
        while size > 0:
            chunk = self._take(size)
            if chunk:
                chunks.append(chunk)
                size -= len(chunk)
            elif not self._fetch():
                break
        return b''.join(chunks)

    def __iter__(self) -> Iterator[bytes]:
        while True:
            chunk = self._take(-1)
            if chunk:
                yield chunk
            elif not self._fetch():
                return

    def pipe(self, destination: Any = None) -> None:
        """Copy the rest of the part to ``destination`` (discard it when None).

        Args:
            destination: An object with a ``write(bytes)`` method, or None.
        """
        for chunk in self:
            if destination is not None:
                destination.write(chunk)

    def exhaust(self) -> None:
        """Skip the rest of the part."""
        self.pipe(None)


class AsyncBodyPartStream(_PartBuffer):
    """The async twin of :class:`BodyPartStream`: ``await stream.read(size)``.

    Args:
        feeder: The form's async parser driver.
    """

    __slots__ = ('_feeder',)

    def __init__(self, feeder: _AsyncFeeder) -> None:
        super().__init__()
        self._feeder = feeder

    async def _fetch(self) -> bool:
        if self._done:
            return False
        return self._accept(await self._feeder.next_event())

    async def read(self, size: int | None = -1) -> bytes:
        """Read up to ``size`` bytes of the part (all that is left when omitted or negative).

        Args:
            size: Maximum number of bytes to return.

        Returns:
            The bytes read; ``b''`` at the end of the part.

        Raises:
            MultipartParseError: The form is malformed.
        """
        if size is None or size < 0:
            chunks = [self._take(-1)]
            while await self._fetch():
                chunks.append(self._take(-1))
            return b''.join(chunks)
        chunks = []
        while size > 0:
            chunk = self._take(size)
            if chunk:
                chunks.append(chunk)
                size -= len(chunk)
            elif not await self._fetch():
                break
        return b''.join(chunks)

    async def readall(self) -> bytes:
        """Read the rest of the part.

        Returns:
            The remaining bytes.
        """
        return await self.read(-1)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while True:
            chunk = self._take(-1)
            if chunk:
                yield chunk
            elif not await self._fetch():
                return

    async def pipe(self, destination: Any = None) -> None:
        """Copy the rest of the part to ``destination`` (discard it when None).

        Args:
            destination: An object whose ``write(bytes)`` is plain or awaitable, or None.
        """
        async for chunk in self:
            if destination is not None:
                result = destination.write(chunk)
                if inspect.isawaitable(result):
                    await result

    async def exhaust(self) -> None:
        """Skip the rest of the part."""
        await self.pipe(None)


_UNSET: Any = object()


def _decode_header(value: bytes) -> str:
    try:
        return value.decode()
    except UnicodeDecodeError:
        return value.decode('latin-1')


def _decode_extended_value(value: str) -> str:
    """Decode an RFC 8187 ``charset'language'percent-encoded`` value."""
    charset, quote, rest = value.partition("'")
    _, quote_two, encoded = rest.partition("'")
    charset = charset.lower()
    if not quote or not quote_two or charset not in ('utf-8', 'iso-8859-1'):
        raise MultipartParseError(description=f'invalid extended filename: {value!r}')
    try:
        return unquote_to_bytes(encoded).decode(charset)
    except UnicodeDecodeError as err:
        raise MultipartParseError(description='invalid extended filename encoding') from err


class BodyPart:
    """One part of a ``multipart/form-data`` form.

    Parts are read in order while the form is iterated; once the form moves on, the
    previous part's content can no longer be read (unless it was already buffered by
    :meth:`get_data`, :meth:`get_text` or :meth:`get_media`).

    Args:
        stream: The part's content stream.
        headers: The part's headers, lowercased names to raw values.
        parse_options: The form's parse options.

    Attributes:
        stream: A non-seekable stream over the part's content, read directly from the
            request body.
    """

    def __init__(
        self,
        stream: Any,
        headers: dict[bytes, bytes],
        parse_options: PartParseOptions,
    ) -> None:
        self.stream = stream
        self._headers = headers
        self._parse_options = parse_options
        self._content_disposition: tuple[str, dict[str, str]] | None = None
        self._data: bytes | None = None
        self._media: Any = _UNSET

    @property
    def content_type(self) -> str:
        """The part's Content-Type; ``'text/plain'`` when absent (RFC 7578)."""
        value = self._headers.get(b'content-type')
        if value is None:
            return 'text/plain'
        return _decode_header(value)

    def _disposition_params(self) -> dict[str, str]:
        if self._content_disposition is None:
            value = self._headers.get(b'content-disposition', b'')
            self._content_disposition = parse_header(_decode_header(value))
        return self._content_disposition[1]

    @property
    def name(self) -> str | None:
        """The ``name`` parameter of the Content-Disposition header, or None."""
        return self._disposition_params().get('name')

    @property
    def filename(self) -> str | None:
        """The file name from Content-Disposition (``filename*`` preferred), or None.

        Raises:
            MultipartParseError: ``filename*`` is malformed or uses an unsupported charset.
        """
        params = self._disposition_params()
        extended = params.get('filename*')
        if extended:
            return _decode_extended_value(extended)
        return params.get('filename')

    @property
    def secure_filename(self) -> str:
        """The file name made safe to use on a file system (see ``secure_filename``).

        Raises:
            MultipartParseError: The part has no usable file name.
        """
        try:
            return secure_filename(
                self.filename or '', max_length=self._parse_options.max_secure_filename_length
            )
        except ValueError as err:
            raise MultipartParseError(description='invalid file or part name') from err

    def _check_size(self, data: bytes) -> bytes:
        limit = self._parse_options.max_body_part_buffer_size
        if len(data) > limit:
            raise MultipartParseError(
                description=f'body part is too large (the buffer limit is {limit} bytes)'
            )
        self._data = data
        return data

    def _decode_text(self, data: bytes) -> str | None:
        media_type, params = parse_header(self.content_type)
        if media_type.lower() != 'text/plain':
            return None
        charset = params.get('charset') or self._parse_options.default_charset
        try:
            return data.decode(charset)
        except (ValueError, LookupError) as err:
            raise MultipartParseError(description=f'invalid text or charset: {charset}') from err

    def _parse_media(self, data: bytes) -> Any:
        content_type = self.content_type
        handler, _, deserialize_sync = self._parse_options.media_handlers._resolve(
            content_type, 'text/plain'
        )
        if deserialize_sync is not None:
            return deserialize_sync(data)
        return handler.deserialize(io.BytesIO(data), content_type, len(data))

    def get_data(self) -> bytes:
        """Read and return the part's content, buffering at most the configured limit.

        Returns:
            The content bytes.

        Raises:
            MultipartParseError: The part is larger than ``max_body_part_buffer_size``.
        """
        if self._data is None:
            limit = self._parse_options.max_body_part_buffer_size
            return self._check_size(self.stream.read(limit + 1))
        return self._data

    def get_text(self) -> str | None:
        """Return the content decoded as text, for ``text/plain`` parts.

        The charset comes from the Content-Type header, else the default charset.

        Returns:
            The text, or None when the part is not ``text/plain``.

        Raises:
            MultipartParseError: The content does not decode with the charset, or the
                charset is unknown.
        """
        return self._decode_text(self.get_data())

    def get_media(self) -> Any:
        """Deserialize the content with the media handler for the part's Content-Type.

        Returns:
            The deserialized object (cached after the first call).

        Raises:
            HTTPUnsupportedMediaType: No handler matches the part's Content-Type.
        """
        if self._media is _UNSET:
            self._media = self._parse_media(self.get_data())
        return self._media

    data = property(get_data, doc='The part content (see :meth:`get_data`).')
    text = property(get_text, doc='The part text (see :meth:`get_text`).')
    media = property(get_media, doc='The deserialized part (see :meth:`get_media`).')


class _AsyncBytesReader:
    """An async stream over a part's buffered content, for a handler's ``deserialize_async``."""

    __slots__ = ('_buffer',)

    def __init__(self, data: bytes) -> None:
        self._buffer = io.BytesIO(data)

    async def read(self, size: int | None = -1) -> bytes:
        return self._buffer.read(-1 if size is None else size)


class AsyncBodyPart(BodyPart):
    """A body part of an async form: ``await part.get_data()``, ``await part.data`` etc."""

    stream: AsyncBodyPartStream

    async def get_data(self) -> bytes:  # type: ignore[override]
        """Read and return the part's content, buffering at most the configured limit.

        Returns:
            The content bytes.

        Raises:
            MultipartParseError: The part is larger than ``max_body_part_buffer_size``.
        """
        if self._data is None:
            limit = self._parse_options.max_body_part_buffer_size
            return self._check_size(await self.stream.read(limit + 1))
        return self._data

    async def get_text(self) -> str | None:  # type: ignore[override]
        """Return the content decoded as text, for ``text/plain`` parts.

        Returns:
            The text, or None when the part is not ``text/plain``.

        Raises:
            MultipartParseError: The content does not decode with the charset.
        """
        return self._decode_text(await self.get_data())

    async def get_media(self) -> Any:
        """Deserialize the content with the media handler for the part's Content-Type.

        The handler's async interface (``deserialize_async``) reads the buffered content, so
        a nested ``multipart/mixed`` part parsed by a ``MultipartFormHandler`` is an async
        form (``async for``).

        Returns:
            The deserialized object (cached after the first call).
        """
        if self._media is _UNSET:
            data = await self.get_data()
            content_type = self.content_type
            handler, _, deserialize_sync = self._parse_options.media_handlers._resolve(
                content_type, 'text/plain'
            )
            if deserialize_sync is not None:
                self._media = deserialize_sync(data)
            else:
                self._media = await handler.deserialize_async(
                    _AsyncBytesReader(data), content_type, len(data)
                )
        return self._media

    data = property(get_data, doc='Awaitable part content (see :meth:`get_data`).')
    text = property(get_text, doc='Awaitable part text (see :meth:`get_text`).')
    media = property(get_media, doc='Awaitable deserialized part.')


class MultipartForm:
    """A ``multipart/form-data`` form read from a sync stream; iterate it for its parts.

    Args:
        stream: The request body stream.
        boundary: The boundary from the Content-Type header.
        content_length: The body length, when known; at most this many bytes are read.
        parse_options: Limits and defaults for parsing.
    """

    def __init__(
        self,
        stream: ReadableIO,
        boundary: bytes,
        content_length: int | None,
        parse_options: PartParseOptions,
    ) -> None:
        self._feeder = _SyncFeeder(stream, content_length, _make_parser(boundary, parse_options))
        self._parse_options = parse_options

    def __iter__(self) -> Iterator[BodyPart]:
        """Yield the parts in order, skipping whatever the caller left unread of each.

        Raises:
            MultipartParseError: The form is malformed or exceeds a limit.
        """
        feeder = self._feeder
        while True:
            event = feeder.next_event()
            if not isinstance(event, PartStart):
                return
            stream = BodyPartStream(feeder)
            yield BodyPart(stream, event.headers, self._parse_options)
            stream.exhaust()


class AsyncMultipartForm:
    """A ``multipart/form-data`` form read from an async stream: ``async for part in form``.

    Args:
        stream: The request body stream (``await stream.read(n)``).
        boundary: The boundary from the Content-Type header.
        content_length: The body length, when known; at most this many bytes are read.
        parse_options: Limits and defaults for parsing.
    """

    def __init__(
        self,
        stream: AsyncReadableIO,
        boundary: bytes,
        content_length: int | None,
        parse_options: PartParseOptions,
    ) -> None:
        self._feeder = _AsyncFeeder(stream, content_length, _make_parser(boundary, parse_options))
        self._parse_options = parse_options

    async def __aiter__(self) -> AsyncIterator[AsyncBodyPart]:
        """Yield the parts in order, skipping whatever the caller left unread of each.

        Raises:
            MultipartParseError: The form is malformed or exceeds a limit.
        """
        feeder = self._feeder
        while True:
            event = await feeder.next_event()
            if not isinstance(event, PartStart):
                return
            stream = AsyncBodyPartStream(feeder)
            yield AsyncBodyPart(stream, event.headers, self._parse_options)
            await stream.exhaust()
