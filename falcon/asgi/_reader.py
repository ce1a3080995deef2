"""The async buffered reader of ``falcon.asgi.multipart``.

Rules: the same contract as the sync ``falcon.util.reader.BufferedReader`` (and the same
sans-I/O :class:`~falcon.core._reader.ReadBuffer` underneath, so delimiter scans stay linear
in the bytes read), driven by an async source: an async iterator of byte chunks, or an
object with ``await read(n)``. The source is pulled one chunk at a time, only when the
buffered bytes do not answer the call.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import AsyncIterator
from typing import Any, Protocol

from falcon.core._errors import DelimiterError
from falcon.core._reader import DEFAULT_CHUNK_SIZE, MORE, ReadBuffer
from falcon.core._stream_traits import ReadOnlyStreamTraits
from falcon.core.media._base import AsyncReadableIO

__all__ = ['AsyncWritableIO', 'BufferedReader']

_UNLIMITED = sys.maxsize


class AsyncWritableIO(Protocol):
    """A binary sink that can be written to asynchronously."""

    async def write(self, data: bytes, /) -> Any:
        """Write ``data``."""
        ...


async def _iterate_reads(source: Any, chunk_size: int) -> AsyncIterator[bytes]:
    read = source.read
    while True:
        chunk = await read(chunk_size)
        if not chunk:
            return
        yield chunk


def _check_delimiter(delimiter: bytes) -> None:
    if not isinstance(delimiter, bytes) or not delimiter:
        raise ValueError('delimiter must be a non-empty bytes object')


class BufferedReader(ReadOnlyStreamTraits):
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
        self._chunk_size = chunk_size or DEFAULT_CHUNK_SIZE
        if hasattr(source, '__aiter__'):
            self._source: AsyncIterator[bytes] = source.__aiter__()
        else:
            self._source = _iterate_reads(source, self._chunk_size)
        self._buffer = ReadBuffer()
        self._exhausted = False

    # -- source --------------------------------------------------------------------------------

    async def _next_chunk(self) -> bytes:
        """Pull the next non-empty chunk from the source; ``b''`` once it is exhausted."""
        while not self._exhausted:
            try:
                chunk = await self._source.__anext__()
            except StopAsyncIteration:
                self._exhausted = True
                break
            if chunk:
                return bytes(chunk)
        return b''

    async def _fill(self, size: int) -> None:
        buffer = self._buffer
        missing = size - buffer.available
        pieces: list[bytes] = []
        while missing > 0:
            chunk = await self._next_chunk()
            if not chunk:
                break
            pieces.append(chunk)
            missing -= len(chunk)
        buffer.extend(pieces)

    # -- reading -------------------------------------------------------------------------------

    @property
    def eof(self) -> bool:
        """Whether everything has been read: the source is known to be exhausted and
        nothing is buffered. It becomes ``True`` only once a read has met the end."""
        return self._exhausted and not self._buffer.available

    async def peek(self, size: int = -1) -> bytes:
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
            await self._fill(size)
        return self._buffer.view(size)

    async def read(self, size: int | None = -1) -> bytes:
        """Read and return up to ``size`` bytes.

        Args:
            size: How many bytes to read; ``None`` or a negative size reads to the end.

        Returns:
            The bytes read; fewer than ``size`` only at the end of the stream.
        """
        if size is None or size < 0:
            size = _UNLIMITED
        if self._buffer.available < size:
            await self._fill(size)
        return self._buffer.take(size)

    async def readall(self) -> bytes:
        """Read and return the rest of the stream."""
        return await self.read(-1)

    async def read_until(
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
        result = await self._read_until(delimiter, _UNLIMITED if size < 0 else size)
        if consume_delimiter:
            await self._consume_delimiter(delimiter)
        return result

    async def _read_until(self, delimiter: bytes, wanted: int) -> bytes:
        buffer = self._buffer
        pieces: list[bytes] = []
        while wanted > 0:
            chunk, state = buffer.scan_until(delimiter, wanted, self._exhausted)
            if chunk:
                pieces.append(chunk)
                wanted -= len(chunk)
            if state != MORE:
                break
            data = await self._next_chunk()
            buffer.extend([data] if data else [])
        return pieces[0] if len(pieces) == 1 else b''.join(pieces)

    async def _consume_delimiter(self, delimiter: bytes) -> None:
        size = len(delimiter)
        if self._buffer.available < size:
            await self._fill(size)
        if self._buffer.view(size) != delimiter:
            raise DelimiterError('expected delimiter missing')
        self._buffer.skip(size)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        """Yield the rest of the stream chunk by chunk."""
        chunk = self._buffer.take(-1)
        if chunk:
            yield chunk
        while chunk := await self._next_chunk():
            yield chunk

    async def pipe(self, destination: AsyncWritableIO | None = None) -> None:
        """Copy the rest of the stream to ``destination``.

        Args:
            destination: An object whose ``write(bytes)`` is awaitable (or plain);
                ``None`` discards the data.
        """
        async for chunk in self:
            if destination is not None:
                result = destination.write(chunk)
                if inspect.isawaitable(result):
                    await result

    async def pipe_until(
        self,
        delimiter: bytes,
        destination: AsyncWritableIO | None = None,
        consume_delimiter: bool = False,
    ) -> None:
        """Copy the stream up to ``delimiter`` to ``destination`` in chunks.

        Args:
            delimiter: The bytes to stop at.
            destination: An object whose ``write(bytes)`` is awaitable (or plain);
                ``None`` discards the data.
            consume_delimiter: Also consume the delimiter, which must follow.

        Raises:
            DelimiterError: ``consume_delimiter`` is set and the delimiter does not follow.
            ValueError: ``delimiter`` is empty.
        """
        _check_delimiter(delimiter)
        while True:
            chunk = await self._read_until(delimiter, self._chunk_size)
            if not chunk:
                break
            if destination is not None:
                result = destination.write(chunk)
                if inspect.isawaitable(result):
                    await result
        if consume_delimiter:
            await self._consume_delimiter(delimiter)

    async def exhaust(self) -> None:
        """Read and discard the rest of the stream."""
        await self.pipe()

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
        return type(self)(self._iterate_delimited(delimiter), self._chunk_size)

    async def _iterate_delimited(self, delimiter: bytes) -> AsyncIterator[bytes]:
        while True:
            chunk = await self._read_until(delimiter, self._chunk_size)
            if not chunk:
                return
            yield chunk

    def tell(self) -> int:
        """Return how many bytes have been consumed from the stream."""
        return self._buffer.received - self._buffer.available
