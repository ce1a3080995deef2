"""The synchronous buffered reader (``falcon.util.BufferedReader``).

Rules: the reading itself is :class:`~falcon.core._reader_sync.SyncReaderBase`, generated from
``falcon/core/_reader_async.py`` (the same code as the async reader of ``falcon.asgi``), over
the sans-I/O :class:`~falcon.core._read_buffer.ReadBuffer`. This module adds what only the sync
reader has: line reading, the file-like capability answers, and :meth:`BufferedReader.delimit`,
which wraps a bounded ``read_until`` as the source of a new reader.
"""

from __future__ import annotations

import functools
from typing import IO

from falcon.core._read_buffer import (
    DEFAULT_CHUNK_SIZE,
    FOUND,
    LIMIT,
    MORE,
    DelimiterError,
    ReadBuffer,
    check_delimiter,
)
from falcon.core._reader_sync import SyncReaderBase

__all__ = [
    'DEFAULT_CHUNK_SIZE',
    'FOUND',
    'LIMIT',
    'MORE',
    'BufferedReader',
    'DelimiterError',
    'ReadBuffer',
]


class BufferedReader(SyncReaderBase):
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
        self._pipe_until(delimiter, destination, consume_delimiter, _size)

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
        check_delimiter(delimiter)
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
        """Tell whether the stream can be read.

        Returns:
            ``True``.
        """
        return True

    def seekable(self) -> bool:
        """Tell whether the stream can seek.

        Returns:
            ``False``: a request body is read once, in order.
        """
        return False

    def writeable(self) -> bool:
        """Tell whether the stream can be written.

        Returns:
            ``False``.
        """
        return False
