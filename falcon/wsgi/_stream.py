"""``BoundedStream``: a WSGI input stream that never reads past the end of the body.

Rules: the bound is the declared length; reads past it return ``b''`` instead of blocking
on the socket, so a responder cannot hang on a body the client never sends. A body without
``Content-Length`` (``Transfer-Encoding: chunked``, HTTP/2) is read by
:class:`UntilEndStream` when the server ends the input itself (``wsgi.input_terminated``),
and by :class:`UnframedStream`, which answers 411 instead of blocking or losing the body,
when it does not. Every read passes a size to ``wsgi.input`` (PEP 3333 allows no other),
at most :data:`CHUNK_SIZE` bytes when the body has no known length.

Called directly from an ``async def`` function (a coroutine responder in ``falcon.App``),
``read``, ``readline``, ``readlines`` and ``exhaust`` return an awaitable of their result,
and ``async for`` iterates the body, so ``await req.bounded_stream.read()`` is written the
same in both kinds of app.
"""

from __future__ import annotations

import functools
import inspect
import io
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, BinaryIO, TypeVar

from falcon.core._awaitables import Pending
from falcon.core._deprecation import warn_deprecated
from falcon.core._errors import HTTPLengthRequired
from falcon.core._stream_traits import ReadOnlyStreamTraits

__all__ = ['CHUNK_SIZE', 'Body', 'BoundedStream', 'UnframedStream', 'UntilEndStream']

CHUNK_SIZE = 65536
"""The most bytes asked of ``wsgi.input`` per call when the body length is not known (a
larger request could make the server allocate that much up front)."""


_ASYNC_CODE = inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR
_Method = TypeVar('_Method', bound=Callable[..., Any])


def _awaitable_for_async_callers(method: _Method) -> _Method:
    """Let ``method`` be awaited by coroutine code: a call made directly from an ``async
    def`` body returns a :class:`Pending` of the result; other callers get the result."""
    label = f'req.bounded_stream.{method.__name__}()'

    @functools.wraps(method)
    def call(self: Any, *args: Any) -> Any:
        if sys._getframe(1).f_code.co_flags & _ASYNC_CODE:
            return Pending(label, method, self, *args)
        return method(self, *args)

    return call  # type: ignore[return-value]


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

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._chunks()

    async def _chunks(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk

    def next(self) -> bytes:
        """Return the next chunk of the body (up to 8 KiB).

        Returns:
            The chunk.

        Raises:
            StopIteration: The body is exhausted.
        """
        chunk = self.read(8192)
        if not chunk:
            raise StopIteration
        return chunk

    def _clamp(self, size: int | None) -> int:
        if size is None or size < 0 or size > self._bytes_remaining:
            return self._bytes_remaining
        return size

    @_awaitable_for_async_callers
    def read(self, size: int | None = None) -> bytes:
        """Read up to ``size`` bytes (all that remain when ``size`` is ``None`` or negative).

        Args:
            size: The most bytes to read.

        Returns:
            The bytes read; ``b''`` once the body is exhausted.
        """
        size = self._clamp(size)
        if size == 0:
            return b''
        data: bytes = self.stream.read(size)
        self._bytes_remaining -= len(data)
        return data

    def _read_rest(self) -> bytes:
        """Read what remains of the body in one call of ``wsgi.input``, as ``read()`` does,
        for the framework's own callers (PERF: without the wrapper that lets coroutine code
        await the result, and without the clamping of a size)."""
        size = self._bytes_remaining
        if size <= 0:
            return b''
        data: bytes = self.stream.read(size)
        self._bytes_remaining = size - len(data)
        return data

    @_awaitable_for_async_callers
    def readline(self, limit: int | None = None) -> bytes:
        """Read one line, including its ``\\n`` (the last line of the body may lack it).

        Args:
            limit: The most bytes to read; a longer line is returned in parts.

        Returns:
            The line; ``b''`` once the body is exhausted.
        """
        size = self._clamp(limit)
        if size == 0:
            return b''
        data: bytes = self.stream.readline(size)
        self._bytes_remaining -= len(data)
        return data

    @_awaitable_for_async_callers
    def readlines(self, hint: int | None = None) -> list[bytes]:
        """Read the remaining lines.

        Args:
            hint: Stop once this many bytes have been read (``None`` or ``0``: read all).

        Returns:
            The lines, each with its ``\\n``.
        """
        lines: list[bytes] = []
        total = 0
        readline = self.readline
        while True:
            line = readline()
            if not line:
                return lines
            lines.append(line)
            total += len(line)
            if hint is not None and 0 < hint <= total:
                return lines

    def write(self, data: bytes) -> None:
        """Refuse to write: the request body is read-only.

        Args:
            data: Unused.

        Raises:
            OSError: Always.
        """
        raise OSError('Stream is not writeable')

    @_awaitable_for_async_callers
    def exhaust(self, chunk_size: int = 65536) -> None:
        """Read and discard whatever remains of the body.

        Args:
            chunk_size: How many bytes to read at a time.
        """
        while self.read(chunk_size):
            pass

    @property
    def eof(self) -> bool:
        """Whether the whole body has been read."""
        return self._bytes_remaining <= 0

    @property
    def is_exhausted(self) -> bool:
        """Deprecated alias for :attr:`eof` (emits :class:`DeprecatedWarning`)."""
        warn_deprecated('Call to deprecated property is_exhausted. Use eof instead.')
        return self.eof

    def lines(self) -> Iterator[bytes]:
        """Iterate over the remaining lines of the body.

        Returns:
            An iterator of lines, as :meth:`readline` returns them.
        """
        return iter(self.readline, b'')


class UntilEndStream(BoundedStream):
    """The body of a request without ``Content-Length`` whose end the server marks: it
    sets ``wsgi.input_terminated``, so ``wsgi.input`` returns ``b''`` once the body is over.

    ``stream_len`` is 0, as the length is not known in advance; :attr:`eof` turns true at
    the first empty read. ``read(size)`` returns ``size`` bytes unless the body ends first.
    """

    def __init__(self, stream: BinaryIO | Any) -> None:
        super().__init__(stream, 0)
        self._ended = False

    @_awaitable_for_async_callers
    def read(self, size: int | None = None) -> bytes:
        """Read up to ``size`` bytes (the rest of the body when ``size`` is ``None`` or
        negative), asking ``wsgi.input`` until it has them or the body ends."""
        if self._ended or size == 0:
            return b''
        wanted = -1 if size is None or size < 0 else size
        pieces: list[bytes] = []
        got = 0
        while wanted < 0 or got < wanted:
            ask = CHUNK_SIZE if wanted < 0 else min(CHUNK_SIZE, wanted - got)
            piece: bytes = self.stream.read(ask)
            if not piece:
                self._ended = True
                break
            pieces.append(piece)
            got += len(piece)
        return pieces[0] if len(pieces) == 1 else b''.join(pieces)

    @_awaitable_for_async_callers
    def readline(self, limit: int | None = None) -> bytes:
        if self._ended or limit == 0:
            return b''
        stream = self.stream
        line: bytes = stream.readline() if limit is None or limit < 0 else stream.readline(limit)
        if not line:
            self._ended = True
        return line

    @property
    def eof(self) -> bool:
        return self._ended


class UnframedStream(BoundedStream):
    """The body of a request that says it has one (``Transfer-Encoding``) but whose end
    cannot be found: no ``Content-Length`` and no ``wsgi.input_terminated`` from the server.

    Reading it raises :class:`HTTPLengthRequired` (411) rather than blocking on the socket
    or answering as if the body were empty.
    """

    def __init__(self, stream: BinaryIO | Any) -> None:
        super().__init__(stream, 0)

    def _refuse(self) -> HTTPLengthRequired:
        return HTTPLengthRequired(
            description=(
                'The request body has no Content-Length, and the WSGI server does not mark '
                'where a body sent with Transfer-Encoding ends (it sets no '
                'wsgi.input_terminated), so the body cannot be read. Send a Content-Length '
                'header, or run the app under a server that decodes chunked bodies.'
            ),
        )

    @_awaitable_for_async_callers
    def read(self, size: int | None = None) -> bytes:
        """Raise :class:`HTTPLengthRequired`: the end of the body cannot be found."""
        raise self._refuse()

    @_awaitable_for_async_callers
    def readline(self, limit: int | None = None) -> bytes:
        """Raise :class:`HTTPLengthRequired`: the end of the body cannot be found."""
        raise self._refuse()

    @property
    def eof(self) -> bool:
        return False


Body = BoundedStream
