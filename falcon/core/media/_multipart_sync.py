"""Multipart forms read from a body stream, synchronous twin (``falcon.App``).

GENERATED from ``falcon/core/media/_multipart_async.py`` by ``scripts/unasync.py``: do not edit;
edit the source and regenerate. The rules and the strategy are explained there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from falcon.core._sinks import write_sync
from falcon.core.media._base import ReadableIO
from falcon.core.media._multipart_base import (
    UNSET,
    PartBase,
    PartBuffer,
    PartParseOptions,
    make_parser,
    next_read_size,
)
from falcon.core.media._multipart_parser import NEED_DATA, Event, MultipartParser, PartStart

__all__ = ['BodyPart', 'BodyPartStream', 'MultipartForm']


class _SyncFeeder:
    """Drives a parser from a body stream, reading at most ``content_length`` bytes."""

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
            size = next_read_size(self._remaining)
            data = self._stream.read(size) if size > 0 else b''
            if not data:
                parser.feed_eof()
                continue
            if self._remaining is not None:
                self._remaining -= len(data)
            parser.feed(data)


class BodyPartStream(PartBuffer):
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

    def readall(self) -> bytes:
        """Read the rest of the part.

        Returns:
            The remaining bytes.
        """
        return self.read(-1)

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
            destination: An object with a ``write(bytes)`` method (plain or awaitable in
                an async form), or None.
        """
        for chunk in self:
            if destination is not None:
                write_sync(destination, chunk)

    def exhaust(self) -> None:
        """Skip the rest of the part."""
        self.pipe(None)


class BodyPart(PartBase):
    """One part of a ``multipart/form-data`` form (in an async form, the reads are awaited:
    ``part.get_data()``, ``part.data``...).

    Parts are read in order while the form is iterated; once the form moves on, the
    previous part's content can no longer be read (unless it was already buffered by
    :meth:`get_data`, :meth:`get_text` or :meth:`get_media`).

    Args:
        stream: The part's content stream.
        headers: The part's headers, lowercased names to raw values.
        parse_options: The form's parse options.
    """

    stream: BodyPartStream

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
        if self._media is UNSET:
            self._media = self._parse_media_sync(self.get_data())
        return self._media

    data = property(get_data, doc='The part content (see :meth:`get_data`).')
    text = property(get_text, doc='The part text (see :meth:`get_text`).')
    media = property(get_media, doc='The deserialized part (see :meth:`get_media`).')


class MultipartForm:
    """A ``multipart/form-data`` form read from the request body; iterate it for its parts.

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
        self._feeder = _SyncFeeder(stream, content_length, make_parser(boundary, parse_options))
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
