"""Buffered reading of a byte source, synchronous twin (falcon.util.reader).

GENERATED from ``falcon/core/_reader_async.py`` by ``scripts/unasync.py``: do not edit;
edit the source and regenerate. The rules and the strategy are explained there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from falcon.core._read_buffer import (
    DEFAULT_CHUNK_SIZE,
    MORE,
    DelimiterError,
    ReadBuffer,
    check_delimiter,
)
from falcon.core._sinks import write_sync

__all__ = ['SyncReaderBase']


class SyncReaderBase:
    """Buffered, read-only access to a ``read(n)`` source: peek, read, read up to a
    delimiter, pipe.

    Args:
        read: The source: ``read(n)`` returns at least one byte (at most ``n`` are asked
            for), or ``b''`` at the end.
        max_stream_len: The most bytes to take from the source (e.g. the Content-Length).
        chunk_size: Bytes asked of the source per read, and the largest :meth:`peek`;
            defaults to 32768.
    """

    def __init__(
        self,
        read: Callable[[int], bytes],
        max_stream_len: int,
        chunk_size: int | None = None,
    ) -> None:
        self._read_func = read
        self._remaining = max(max_stream_len, 0)
        self._chunk_size = chunk_size or DEFAULT_CHUNK_SIZE
        self._buffer = ReadBuffer()

    # -- source --------------------------------------------------------------------------------

    def _read_source(self, size: int) -> bytes:
        """Up to ``size`` bytes from the source (more when it returns more, up to the bound);
        ``b''`` at the end, after which the source is never asked again."""
        size = min(size, self._remaining)
        if size <= 0:
            return b''
        data = self._read_func(size)
        if not data:
            self._remaining = 0
            return b''
        if len(data) > self._remaining:
            data = data[: self._remaining]
        self._remaining -= len(data)
        return data

    def _fill(self, size: int) -> None:
        """Buffer at least ``size`` bytes, or everything left when the source has less."""
        buffer = self._buffer
        missing = size - buffer.available
        pieces: list[bytes] = []
        while missing > 0:
            data = self._read_source(max(missing, self._chunk_size))
            if not data:
                break
            pieces.append(data)
            missing -= len(data)
        buffer.extend(pieces)

    def _normalize_size(self, size: int | None) -> int:
        max_allowed = self._buffer.available + self._remaining
        if size is None or size < 0 or size > max_allowed:
            return max_allowed
        return size

    # -- reading -------------------------------------------------------------------------------

    def peek(self, size: int = -1) -> bytes:
        """Return upcoming bytes without consuming them.

        Args:
            size: How many bytes to look at; a negative size, or one above the chunk size,
                means the chunk size.

        Returns:
            Up to ``size`` bytes (fewer only at the end of the stream).
        """
        if size < 0 or size > self._chunk_size:
            size = self._chunk_size
        if self._buffer.available < size:
            self._fill(size)
        return self._buffer.view(size)

    def read(self, size: int | None = -1) -> bytes:
        """Read and return up to ``size`` bytes.

        Args:
            size: How many bytes to read; ``None`` or a negative size reads to the end.

        Returns:
            The bytes read; fewer than ``size`` only at the end of the stream.
        """
        size = self._normalize_size(size)
        buffer = self._buffer
        available = buffer.available
        if size <= available:
            return buffer.take(size)
        # PERF: a read larger than the buffer goes straight to the source and skips the
        # buffer, so the bytes are copied once (by the final join) rather than twice.
        pieces = [buffer.take(-1)]
        missing = size - available
        while missing > 0:
            data = self._read_source(missing)
            if not data:
                break
            pieces.append(data)
            missing -= len(data)
        if missing < 0:
            # The source returned more than asked: the surplus stays buffered.
            buffer.extend([pieces.pop()])
            pieces.append(buffer.take(buffer.available + missing))
        return b''.join(pieces)

    def read_until(
        self, delimiter: bytes, size: int = -1, consume_delimiter: bool = False
    ) -> bytes:
        """Read up to ``delimiter`` (not included), or up to ``size`` bytes.

        Args:
            delimiter: The bytes to stop at.
            size: The most bytes to return; negative means no limit.
            consume_delimiter: Also consume the delimiter, which must directly follow the
                bytes returned.

        Returns:
            The bytes before the delimiter (or before the size limit or the end).

        Raises:
            DelimiterError: ``consume_delimiter`` is set and the delimiter does not follow.
            ValueError: ``delimiter`` is empty.
        """
        check_delimiter(delimiter)
        result = self._read_until(delimiter, self._normalize_size(size))
        if consume_delimiter:
            self._consume_delimiter(delimiter)
        return result

    def _read_until(self, delimiter: bytes, wanted: int) -> bytes:
        buffer = self._buffer
        pieces: list[bytes] = []
        while wanted > 0:
            chunk, state = buffer.scan_until(delimiter, wanted, self._remaining <= 0)
            if chunk:
                pieces.append(chunk)
                wanted -= len(chunk)
            if state != MORE:
                break
            data = self._read_source(self._chunk_size)
            buffer.extend([data] if data else [])
        return pieces[0] if len(pieces) == 1 else b''.join(pieces)

    def _consume_delimiter(self, delimiter: bytes) -> None:
        size = len(delimiter)
        if self._buffer.available < size:
            self._fill(size)
        if self._buffer.view(size) != delimiter:
            raise DelimiterError('expected delimiter missing')
        self._buffer.skip(size)

    def pipe(self, destination: IO[bytes] | None = None) -> None:
        """Copy the rest of the stream to ``destination`` in chunks.

        Args:
            destination: An object with ``write(bytes)`` (plain or awaitable in the
                async reader); ``None`` discards the data.
        """
        chunk = self._buffer.take(-1)
        while True:
            if chunk and destination is not None:
                write_sync(destination, chunk)
            chunk = self._read_source(self._chunk_size)
            if not chunk:
                break

    def pipe_until(
        self,
        delimiter: bytes,
        destination: IO[bytes] | None = None,
        consume_delimiter: bool = False,
    ) -> None:
        """Copy the stream up to ``delimiter`` to ``destination`` in chunks.

        Args:
            delimiter: The bytes to stop at.
            destination: The sink, as for :meth:`pipe`; ``None`` discards the data.
            consume_delimiter: Also consume the delimiter, which must follow.

        Raises:
            DelimiterError: ``consume_delimiter`` is set and the delimiter does not follow.
            ValueError: ``delimiter`` is empty.
        """
        self._pipe_until(delimiter, destination, consume_delimiter, None)

    def _pipe_until(
        self,
        delimiter: bytes,
        destination: IO[bytes] | None,
        consume_delimiter: bool,
        size: int | None,
    ) -> None:
        check_delimiter(delimiter)
        remaining = self._normalize_size(size)
        while remaining > 0:
            chunk = self._read_until(delimiter, min(self._chunk_size, remaining))
            if not chunk:
                break
            if destination is not None:
                write_sync(destination, chunk)
            remaining -= len(chunk)
        if consume_delimiter:
            self._consume_delimiter(delimiter)

    def exhaust(self) -> None:
        """Read and discard the rest of the stream."""
        self.pipe()
