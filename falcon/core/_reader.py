"""Buffered reading of a byte stream: peeking, reading up to a delimiter, piping.

Rules: the reader never reads more than ``max_stream_len`` bytes from its source, and it
treats the first empty read as the end of the source (it never asks again). A delimiter is
searched for only in bytes not yet searched, plus the ``len(delimiter) - 1`` bytes before
them, so reading up to a delimiter is linear in the number of bytes read whatever the sizes
of the chunks the source returns. Pieces are collected in lists and joined once, never
concatenated one by one.

Strategy: :class:`ReadBuffer` is the sans-I/O part (the buffered bytes and the delimiter
scan); :class:`BufferedReader` drives it from a blocking ``read(n)`` callable, and the async
reader of ``falcon.asgi.multipart`` drives the same buffer from an async source.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import IO

from falcon.core._errors import DelimiterError

__all__ = [
    'DEFAULT_CHUNK_SIZE',
    'FOUND',
    'LIMIT',
    'MORE',
    'BufferedReader',
    'DelimiterError',
    'ReadBuffer',
]

DEFAULT_CHUNK_SIZE = 32768
"""Bytes asked of the source per read, and the largest :meth:`BufferedReader.peek`."""

FOUND = 0
"""Scan result: the delimiter starts at the read position."""
LIMIT = 1
"""Scan result: the size limit, or the end of the data, was reached without the delimiter."""
MORE = 2
"""Scan result: more data is needed to tell whether the delimiter comes next."""


class ReadBuffer:
    """Bytes received from a source and not yet consumed (no I/O of its own).

    Attributes:
        received: How many bytes were added with :meth:`extend` in total.
    """

    __slots__ = ('_data', '_pos', 'received')

    def __init__(self) -> None:
        self._data = b''
        self._pos = 0
        self.received = 0

    @property
    def available(self) -> int:
        """How many buffered bytes are left to consume."""
        return len(self._data) - self._pos

    def extend(self, pieces: list[bytes]) -> None:
        """Append ``pieces`` after the unconsumed bytes (one join for all of them).

        Args:
            pieces: Chunks received from the source, in order.
        """
        if not pieces:
            return
        self.received += sum(len(piece) for piece in pieces)
        pos = self._pos
        if pos < len(self._data):
            pieces.insert(0, self._data[pos:])
        self._data = pieces[0] if len(pieces) == 1 else b''.join(pieces)
        self._pos = 0

    def view(self, size: int) -> bytes:
        """Return up to ``size`` unconsumed bytes without consuming them."""
        pos = self._pos
        return self._data[pos : pos + size]

    def take(self, size: int) -> bytes:
        """Consume and return up to ``size`` bytes (all that is buffered when negative)."""
        data = self._data
        pos = self._pos
        if size < 0 or pos + size >= len(data):
            # PERF: handing out the whole untouched buffer avoids copying it.
            taken = data[pos:] if pos else data
            self._data = b''
            self._pos = 0
            return taken
        self._pos = pos + size
        return data[pos : pos + size]

    def skip(self, size: int) -> None:
        """Consume ``size`` bytes (at most what is buffered) without returning them."""
        self._pos = min(self._pos + size, len(self._data))

    def scan_until(self, delimiter: bytes, wanted: int, at_eof: bool) -> tuple[bytes, int]:
        """Consume bytes up to ``delimiter``, at most ``wanted`` of them.

        Args:
            delimiter: The non-empty delimiter to stop at (it is not consumed).
            wanted: The most bytes to consume in this step.
            at_eof: Whether the source has no more data to add.

        Returns:
            The bytes consumed, and :data:`FOUND` (the delimiter now starts at the read
            position), :data:`LIMIT` (``wanted`` bytes, or all there was, were consumed
            without meeting the delimiter) or :data:`MORE` (add data and scan again with
            ``wanted`` reduced by the bytes returned).
        """
        data = self._data
        pos = self._pos
        keep = len(delimiter) - 1
        found = data.find(delimiter, pos, pos + wanted + keep + 1)
        if found >= 0:
            self._pos = found
            return data[pos:found], FOUND
        available = len(data) - pos
        if at_eof or available >= wanted + keep:
            return self.take(wanted), LIMIT
        # The last ``keep`` bytes may begin a delimiter that the next data completes.
        safe = available - keep
        if safe > 0:
            return self.take(safe), MORE
        return b'', MORE


def _check_delimiter(delimiter: bytes) -> None:
    if not isinstance(delimiter, bytes) or not delimiter:
        raise ValueError('delimiter must be a non-empty bytes object')


class BufferedReader:
    """A buffered, read-only binary stream over a ``read(n)`` callable.

    The reader adds what plain file objects lack for parsing protocols: :meth:`peek` at
    upcoming bytes, :meth:`read_until` a delimiter, :meth:`pipe_until` a delimiter, and a
    :meth:`delimit` view that ends at a delimiter.

    Args:
        read: The source: ``read(n)`` returns at most ``n`` bytes, ``b''`` at the end.
        max_stream_len: The most bytes to read from the source (e.g. the Content-Length).
        chunk_size: Bytes asked of the source per read; defaults to
            :data:`DEFAULT_CHUNK_SIZE`.
    """

    def __init__(
        self, read: Callable[[int], bytes], max_stream_len: int, chunk_size: int | None = None
    ) -> None:
        self._read_func = read
        self._remaining = max(max_stream_len, 0)
        self._chunk_size = chunk_size or DEFAULT_CHUNK_SIZE
        self._buffer = ReadBuffer()

    # -- source --------------------------------------------------------------------------------

    def _read_source(self, size: int) -> bytes:
        size = min(size, self._remaining)
        if size <= 0:
            return b''
        data = self._read_func(size)
        if not data:
            self._remaining = 0
            return b''
        if len(data) > size:
            data = data[:size]
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
        _check_delimiter(delimiter)
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
            destination: An object with ``write(bytes)``; ``None`` discards the data.
        """
        chunk = self._buffer.take(-1)
        while True:
            if chunk and destination is not None:
                destination.write(chunk)
            chunk = self._read_source(self._chunk_size)
            if not chunk:
                break

    def pipe_until(
        self,
        delimiter: bytes,
        destination: IO[bytes] | None = None,
        consume_delimiter: bool = False,
        _size: int | None = None,
    ) -> None:
        """Copy the stream up to ``delimiter`` to ``destination`` in chunks.

        Args:
            delimiter: The bytes to stop at.
            destination: An object with ``write(bytes)``; ``None`` discards the data.
            consume_delimiter: Also consume the delimiter, which must follow.
            _size: The most bytes to copy; ``None`` means no limit.

        Raises:
            DelimiterError: ``consume_delimiter`` is set and the delimiter does not follow.
            ValueError: ``delimiter`` is empty.
        """
        _check_delimiter(delimiter)
        remaining = self._normalize_size(_size)
        while remaining > 0:
            chunk = self._read_until(delimiter, min(self._chunk_size, remaining))
            if not chunk:
                break
            if destination is not None:
                destination.write(chunk)
            remaining -= len(chunk)
        if consume_delimiter:
            self._consume_delimiter(delimiter)

    def exhaust(self) -> None:
        """Read and discard the rest of the stream."""
        self.pipe()

    def delimit(self, delimiter: bytes) -> BufferedReader:
        """Return a reader over this stream that ends where ``delimiter`` begins.

        Reading the returned reader consumes this one; the delimiter itself is left unread.

        Args:
            delimiter: The bytes to stop at.

        Returns:
            A new :class:`BufferedReader`.

        Raises:
            ValueError: ``delimiter`` is empty.
        """
        _check_delimiter(delimiter)
        read = functools.partial(self.read_until, delimiter)
        return type(self)(read, self._normalize_size(None), self._chunk_size)

    def readline(self, size: int = -1) -> bytes:
        """Read one line, including its ``b'\\n'`` (absent at the end of the stream).

        Args:
            size: The most bytes to return; negative means no limit.

        Returns:
            The line.
        """
        size = self._normalize_size(size)
        result = self._read_until(b'\n', size)
        if len(result) < size:
            return result + self.read(1)
        return result

    def readlines(self, hint: int = -1) -> list[bytes]:
        """Read lines to the end of the stream.

        Args:
            hint: Stop once the lines read total at least this many bytes (when positive).

        Returns:
            The lines, each with its ``b'\\n'``.
        """
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                break
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines

    def readable(self) -> bool:
        """Return ``True``: the stream can be read."""
        return True

    def seekable(self) -> bool:
        """Return ``False``: the stream cannot seek."""
        return False

    def writeable(self) -> bool:
        """Return ``False``: the stream cannot be written."""
        return False
