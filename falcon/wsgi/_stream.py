"""``BoundedStream``: a WSGI input stream that never reads past ``Content-Length``.

Rules: the bound is the declared length; reads past it return ``b''`` instead of blocking
on the socket, so a responder cannot hang on a body the client never sends.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, BinaryIO

from falcon.core._deprecation import warn_deprecated
from falcon.core._stream_traits import ReadOnlyStreamTraits

__all__ = ['Body', 'BoundedStream']


class BoundedStream(ReadOnlyStreamTraits, io.IOBase):
    """Wrap ``stream`` so that at most ``stream_len`` bytes can be read from it."""

    def __init__(self, stream: BinaryIO | Any, stream_len: int) -> None:
        self.stream = stream
        self.stream_len = stream_len
        self._bytes_remaining = stream_len

    def __iter__(self) -> BoundedStream:
        return self

    def __next__(self) -> bytes:
        return self.next()

    def next(self) -> bytes:
        chunk = self.read(8192)
        if not chunk:
            raise StopIteration
        return chunk

    def _clamp(self, size: int | None) -> int:
        if size is None or size < 0 or size > self._bytes_remaining:
            return self._bytes_remaining
        return size

    def read(self, size: int | None = None) -> bytes:
        """Read up to ``size`` bytes (all that remain when ``size`` is ``None`` or negative)."""
        size = self._clamp(size)
        if size == 0:
            return b''
        data: bytes = self.stream.read(size)
        self._bytes_remaining -= len(data)
        return data

    def readline(self, limit: int | None = None) -> bytes:
        size = self._clamp(limit)
        if size == 0:
            return b''
        data: bytes = self.stream.readline(size)
        self._bytes_remaining -= len(data)
        return data

    def readlines(self, hint: int | None = None) -> list[bytes]:
        lines: list[bytes] = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)
            total += len(line)
            if hint is not None and 0 < hint <= total:
                return lines

    def write(self, data: bytes) -> None:
        raise OSError('Stream is not writeable')

    def exhaust(self, chunk_size: int = 65536) -> None:
        """Read and discard whatever remains of the body."""
        while self.read(chunk_size):
            pass

    @property
    def eof(self) -> bool:
        return self._bytes_remaining <= 0

    @property
    def is_exhausted(self) -> bool:
        """Deprecated alias for :attr:`eof` (emits :class:`DeprecatedWarning`)."""
        warn_deprecated('Call to deprecated property is_exhausted. Use eof instead.')
        return self.eof

    def lines(self) -> Iterator[bytes]:
        return iter(self.readline, b'')


Body = BoundedStream
