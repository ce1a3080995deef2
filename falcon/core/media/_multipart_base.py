"""What the sync and async multipart classes share, with no I/O.

Rules: nothing here reads the request body. The parse options, the helpers that size the
reads and build the parser, the part-content buffer under both part streams, and
:class:`PartBase`, the headers and the decoding of a body part, are used by the form
classes of ``falcon.core.media._multipart_async`` and of its generated synchronous twin
``falcon.core.media._multipart_sync``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import unquote_to_bytes

from falcon.core._errors import MultipartParseError
from falcon.core._mediatypes import parse_header
from falcon.core._misc import secure_filename
from falcon.core.media._multipart_parser import Event, MultipartParser, PartData

__all__ = [
    'UNSET',
    'PartBase',
    'PartBuffer',
    'PartParseOptions',
    'make_parser',
    'next_read_size',
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


def make_parser(boundary: bytes, options: PartParseOptions) -> MultipartParser:
    return MultipartParser(
        boundary, options.max_body_part_count, options.max_body_part_headers_size
    )


def next_read_size(remaining: int | None) -> int:
    return _CHUNK_SIZE if remaining is None else min(_CHUNK_SIZE, remaining)


class PartBuffer:
    """The chunk of part content received but not yet read, under both part streams."""

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


UNSET: Any = object()


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


class _AsyncBytesReader:
    """An async stream over a part's buffered content, for a handler's ``deserialize_async``."""

    __slots__ = ('_buffer',)

    def __init__(self, data: bytes) -> None:
        self._buffer = io.BytesIO(data)

    async def read(self, size: int | None = -1) -> bytes:
        return self._buffer.read(-1 if size is None else size)


class PartBase:
    """What a body part is without reading it: its headers, names and the decoding and
    parsing of its buffered content (``BodyPart`` and the async ``BodyPart`` add the reads).

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
        self._media: Any = UNSET

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

    def _media_handler(self) -> tuple[Any, str, Callable[[bytes], Any] | None]:
        """The handler for the part's Content-Type, the type, and the handler's fast path."""
        content_type = self.content_type
        handler, _, deserialize_sync = self._parse_options.media_handlers._resolve(
            content_type, 'text/plain'
        )
        return handler, content_type, deserialize_sync

    def _parse_media_sync(self, data: bytes) -> Any:
        handler, content_type, deserialize_sync = self._media_handler()
        if deserialize_sync is not None:
            return deserialize_sync(data)
        return handler.deserialize(io.BytesIO(data), content_type, len(data))

    async def _parse_media_async(self, data: bytes) -> Any:
        # The handler's async interface reads the buffered content, so a nested
        # ``multipart/mixed`` part parsed by a ``MultipartFormHandler`` is an async form.
        handler, content_type, deserialize_sync = self._media_handler()
        if deserialize_sync is not None:
            return deserialize_sync(data)
        return await handler.deserialize_async(_AsyncBytesReader(data), content_type, len(data))
