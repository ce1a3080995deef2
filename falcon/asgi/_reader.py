"""The async buffered reader of ``falcon.asgi.multipart``.

Rules: the reading itself is :class:`~falcon.core._reader_async.AsyncReaderBase`, the same
code as the sync ``falcon.util.BufferedReader`` (whose base is generated from it), so the
contract and the linear delimiter scans are the same. This face turns its source (an async
iterator of byte chunks, or an object with ``await read(n)``) into the ``read(n)`` coroutine
the base pulls from, one chunk at a time, only when the buffered bytes do not answer the
call; and it adds what only the async reader has: ``eof``, ``tell()``, ``readall()`` and
``async for``.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from typing import Any

from falcon.core._read_buffer import DEFAULT_CHUNK_SIZE, check_delimiter
from falcon.core._reader_async import AsyncReaderBase
from falcon.core._sinks import AsyncWritableIO
from falcon.core._stream_traits import ReadOnlyStreamTraits
from falcon.core.media._base import AsyncReadableIO

__all__ = ['AsyncWritableIO', 'BufferedReader']

_UNLIMITED = sys.maxsize


async def _iterate_reads(source: Any, chunk_size: int) -> AsyncIterator[bytes]:
    read = source.read
    while True:
        chunk = await read(chunk_size)
        if not chunk:
            return
        yield chunk


class _ChunkSource:
    """The ``read(n)`` of an async chunk iterator: its next non-empty chunk, whatever ``n``
    (the reader buffers the surplus), and ``b''`` once it is exhausted."""

    __slots__ = ('_chunks', 'received')

    def __init__(self, chunks: AsyncIterator[bytes]) -> None:
        self._chunks = chunks
        self.received = 0

    async def read(self, size: int) -> bytes:
        async for chunk in self._chunks:
            if chunk:
                self.received += len(chunk)
                return bytes(chunk)
        return b''


class BufferedReader(ReadOnlyStreamTraits, AsyncReaderBase):
    """A buffered, read-only async binary stream.

    Args:
        source: An async iterator (or iterable) of ``bytes`` chunks, or an object with
            ``await read(n)``.
        chunk_size: Bytes asked of a ``read(n)`` source per read, and the largest
            :meth:`peek`; defaults to 32768.
    """

    def __init__(
        self, source: AsyncReadableIO | AsyncIterator[bytes], chunk_size: int | None = None
    ) -> None:
        chunk_size = chunk_size or DEFAULT_CHUNK_SIZE
        if hasattr(source, '__aiter__'):
            chunks: AsyncIterator[bytes] = source.__aiter__()
        else:
            chunks = _iterate_reads(source, chunk_size)
        self._chunks = _ChunkSource(chunks)
        super().__init__(self._chunks.read, _UNLIMITED, chunk_size)

    @property
    def eof(self) -> bool:
        """Whether everything has been read: the source is known to be exhausted and
        nothing is buffered. It becomes ``True`` only once a read has met the end."""
        return self._remaining <= 0 and not self._buffer.available

    async def readall(self) -> bytes:
        """Read and return the rest of the stream.

        Returns:
            The bytes left (``b''`` at the end).
        """
        return await self.read(-1)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        """Yield the rest of the stream chunk by chunk."""
        chunk = self._buffer.take(-1)
        if chunk:
            yield chunk
        while chunk := await self._read_source(self._chunk_size):
            yield chunk

    def delimit(self, delimiter: bytes) -> BufferedReader:
        """Return an async reader that ends where ``delimiter`` begins in this stream
        (reading it consumes this one; the delimiter is left unread).

        Args:
            delimiter: The bytes that end the part, such as a multipart boundary.

        Returns:
            A :class:`BufferedReader` of the bytes before the delimiter.

        Raises:
            ValueError: ``delimiter`` is empty.
        """
        check_delimiter(delimiter)
        return type(self)(self._iterate_delimited(delimiter), self._chunk_size)

    async def _iterate_delimited(self, delimiter: bytes) -> AsyncIterator[bytes]:
        while chunk := await self._read_until(delimiter, self._chunk_size):
            yield chunk

    def tell(self) -> int:
        """Tell how many bytes have been consumed from the stream.

        Returns:
            The count.
        """
        return self._chunks.received - self._buffer.available
