"""``falcon.asgi.BoundedStream``: the request body as an async file-like object.

Rules: bytes come from ``http.request`` events as the app reads them; nothing is buffered
beyond what a ``read(size)`` call needs. ``Content-Length`` bounds the stream. An
``http.disconnect`` ends it (the client is gone; later reads return ``b''``).
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from falcon.bridge._sync import value_or_awaitable
from falcon.core._stream_traits import ReadOnlyStreamTraits

__all__ = ['BoundedStream']

Receive = Callable[[], Awaitable[dict[str, Any]]]


class _RunningLoop(enum.Enum):
    RUNNING = enum.auto()


_RUNNING_LOOP = _RunningLoop.RUNNING
"""The default ``loop`` of :class:`BoundedStream`: the loop running when it is created."""


class BoundedStream(ReadOnlyStreamTraits):
    """Read the request body from ASGI ``receive``.

    Args:
        receive: The ASGI receive callable.
        first_event: An ``http.request`` event already received, if any.
        content_length: The declared body length, if any.
        loop: The event loop that ``read()`` called from another thread waits on (default:
            the loop running when the stream is created).
    """

    __slots__ = (
        '_buffer',
        '_bytes_read',
        '_closed',
        '_content_length',
        '_loop',
        '_more',
        '_receive',
        'disconnected',
    )

    def __init__(
        self,
        receive: Receive,
        first_event: dict[str, Any] | None = None,
        content_length: int | None = None,
        *,
        loop: asyncio.AbstractEventLoop | _RunningLoop | None = _RUNNING_LOOP,
    ) -> None:
        self._receive = receive
        self._content_length = content_length
        self._bytes_read = 0
        self._closed = False
        self.disconnected = False
        # PERF: the request passes the loop it already knows (one lookup less).
        self._loop = asyncio._get_running_loop() if loop is _RUNNING_LOOP else loop
        if (
            first_event is not None
            and content_length is not None
            and first_event['type'] == 'http.request'
        ):
            body = first_event.get('body') or b''
            if len(body) >= content_length:
                # PERF: the first event holds the whole declared body (the usual case): it
                # is taken here, without the call into _take.
                self._buffer = (
                    body if len(body) == content_length else body[: max(content_length, 0)]
                )
                self._more = False
                return
        self._buffer = b''
        self._more = content_length != 0
        if first_event is not None:
            self._take(first_event)

    def _take(self, event: dict[str, Any]) -> None:
        if event['type'] == 'http.disconnect':
            self.disconnected = True
            self._more = False
            return
        body = event.get('body') or b''
        limit = self._content_length
        if limit is not None:
            room = limit - self._bytes_read - len(self._buffer)
            if len(body) >= room:
                # PERF: the declared length is reached (the usual first and only event):
                # no more events are read, whatever ``more_body`` says, and the second
                # look-up and the final check are skipped.
                self._buffer += body if len(body) == room else body[: max(room, 0)]
                self._more = False
                return
        self._buffer += body
        self._more = bool(event.get('more_body', False))

    @property
    def buffered_completely(self) -> bool:
        """Whether the whole body has been received (no more reads from the server)."""
        return not self._more

    async def _fill(self, size: int | None) -> None:
        while self._more and (size is None or len(self._buffer) < size):
            self._take(await self._receive())

    def read(self, size: int | None = None) -> Any:
        """Read up to ``size`` bytes; all that remains when ``size`` is ``None`` or negative.

        Awaitable on the event loop; from plain code on the app's thread pool it returns
        the bytes.

        Args:
            size: The most bytes to read.

        Returns:
            An awaitable of the bytes (on the event loop), or the bytes; ``b''`` once the
            body is exhausted.
        """
        return value_or_awaitable(self._loop, self._read(size))

    async def _read(self, size: int | None) -> bytes:
        if self._closed:
            raise ValueError('I/O operation on a closed stream')
        if size is not None and size < 0:
            size = None
        await self._fill(size)
        return self._read_buffered(size)

    def _read_buffered(self, size: int | None) -> bytes:
        """Take up to ``size`` bytes (all when ``size`` is None or negative) of what has been
        received, without receiving more: the whole read once :attr:`buffered_completely`.

        PERF: ``req.get_media()`` reads a body that came in one event through this, without
        the coroutines of :meth:`read`.
        """
        if self._closed:
            raise ValueError('I/O operation on a closed stream')
        data = self._buffer
        if size is None or size < 0 or size >= len(data):
            # PERF: all that was received is taken without slicing (the usual case).
            self._buffer = b''
        else:
            data, self._buffer = data[:size], data[size:]
        self._bytes_read += len(data)
        return data

    def readall(self) -> Any:
        """Read the whole remaining body (awaitable on the loop, the bytes off it).

        Returns:
            An awaitable of the bytes (on the event loop), or the bytes.
        """
        return value_or_awaitable(self._loop, self._read(None))

    async def exhaust(self) -> None:
        """Receive and discard the rest of the body."""
        self._buffer = b''
        while self._more:
            event = await self._receive()
            self._take(event)
            self._bytes_read += len(self._buffer)
            self._buffer = b''

    async def __aiter__(self) -> AsyncIterator[bytes]:
        if self._buffer:
            data, self._buffer = self._buffer, b''
            self._bytes_read += len(data)
            yield data
        while self._more:
            self._take(await self._receive())
            if self._buffer:
                data, self._buffer = self._buffer, b''
                self._bytes_read += len(data)
                yield data

    def peek_buffered(self) -> bytes:
        """Return the bytes received and not yet read, without consuming them.

        Returns:
            The buffered bytes (``b''`` when none are waiting).
        """
        return self._buffer

    def tell(self) -> int:
        """Tell how many bytes of the body have been read.

        Returns:
            The count.
        """
        return self._bytes_read

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called; reads then fail."""
        return self._closed

    @property
    def eof(self) -> bool:
        """Whether the whole body has been received and read."""
        return not self._more and not self._buffer

    def close(self) -> None:
        """Close the stream: later reads raise ``ValueError``."""
        self._closed = True
