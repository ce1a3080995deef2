"""The client side of ASGI, simulated: request events in, response events out.

Rules: events follow the ASGI HTTP and lifespan specs. The request emitter hands out the
body in chunks, then blocks the way a server's ``receive()`` does until the client
disconnects (explicitly, or once its deadline passes) and from then on returns
``http.disconnect``. The collector checks what the app sends (types, order, lowercase byte
header names) and raises ``TypeError`` or ``ValueError`` on an invalid response.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

__all__ = [
    'ASGILifespanEventEmitter',
    'ASGIRequestEventEmitter',
    'ASGIResponseEventCollector',
]

AsgiEvent = dict[str, Any]

_DEFAULT_CHUNK_SIZE = 4096
_DEFAULT_TTL = 30.0
_LIFESPAN_EVENT_TYPES = frozenset(
    (
        'lifespan.startup.complete',
        'lifespan.startup.failed',
        'lifespan.shutdown.complete',
        'lifespan.shutdown.failed',
    )
)


class ASGIRequestEventEmitter:
    """The ``receive()`` callable of a simulated HTTP request.

    Args:
        body: The request body; a ``str`` is encoded as UTF-8 (default: empty).
        chunk_size: The most bytes one ``http.request`` event carries (default 4096).
        disconnect_at: The Unix time at which the client disconnects (default: 30 seconds
            from now). After the body, ``receive()`` waits until then, or until
            :meth:`disconnect` is called, and returns ``http.disconnect``. Once the time has
            passed, every event is ``http.disconnect``, even before the body (a time in the
            past simulates a client that leaves at once).

    Raises:
        ValueError: `chunk_size` is not positive.
    """

    def __init__(
        self,
        body: str | bytes | memoryview | None = None,
        chunk_size: int | None = None,
        disconnect_at: int | float | None = None,
    ) -> None:
        if body is None:
            body = b''
        elif isinstance(body, str):
            body = body.encode('utf-8')
        if chunk_size is None:
            chunk_size = _DEFAULT_CHUNK_SIZE
        if chunk_size <= 0:
            raise ValueError('chunk_size must be a positive integer')
        self._body = bytes(body)
        self._chunk_size = chunk_size
        self._position = 0
        self._body_sent = False
        self._disconnect_at = (
            time.time() + _DEFAULT_TTL if disconnect_at is None else disconnect_at
        )
        self._explicitly_disconnected = False
        self._exhaust_body = True
        self._disconnect_event: asyncio.Event | None = None

    @property
    def disconnected(self) -> bool:
        """Whether the client has disconnected (explicitly, or its deadline has passed)."""
        return self._explicitly_disconnected or time.time() >= self._disconnect_at

    def disconnect(self, exhaust_body: bool | None = None) -> None:
        """Disconnect the client: ``receive()`` returns ``http.disconnect`` from now on.

        Args:
            exhaust_body: ``True`` (the default) delivers what is left of the body first;
                ``False`` makes the next event ``http.disconnect``.
        """
        self._explicitly_disconnected = True
        self._exhaust_body = exhaust_body is not False
        if self._disconnect_event is not None:
            self._disconnect_event.set()

    async def emit(self) -> AsgiEvent:
        """Return the next event for the app: a body chunk or ``http.disconnect``.

        Returns:
            An ``http.request`` event with the next chunk, or ``http.disconnect``.
        """
        if (self._explicitly_disconnected and not self._exhaust_body) or (
            time.time() >= self._disconnect_at
        ):
            return {'type': 'http.disconnect'}
        if not self._body_sent:
            start = self._position
            end = start + self._chunk_size
            chunk = self._body[start:end]
            self._position = start + len(chunk)
            more_body = self._position < len(self._body)
            self._body_sent = not more_body
            return {'type': 'http.request', 'body': chunk, 'more_body': more_body}
        await self._wait_for_disconnect()
        return {'type': 'http.disconnect'}

    async def __call__(self) -> AsgiEvent:
        """Same as :meth:`emit`: the emitter is the app's ``receive`` callable.

        Returns:
            The next event.
        """
        return await self.emit()

    async def _wait_for_disconnect(self) -> None:
        if self._explicitly_disconnected:
            return
        remaining = self._disconnect_at - time.time()
        if remaining <= 0:
            return
        if self._disconnect_event is None:
            self._disconnect_event = asyncio.Event()
        try:
            await asyncio.wait_for(self._disconnect_event.wait(), remaining)
        except asyncio.TimeoutError:
            pass


class ASGIResponseEventCollector:
    """The ``send()`` callable of a simulated request: it records what the app sends.

    Attributes:
        events (list[dict]): Every event, in order.
        status (int | None): The status of ``http.response.start``.
        headers (list[tuple[str, str]]): The response headers, decoded as ISO-8859-1.
        body_chunks (list[bytes]): The non-empty chunks of ``http.response.body`` events.
        more_body (bool | None): ``more_body`` of the last body event (``None`` before one).
    """

    def __init__(self) -> None:
        self.events: list[AsgiEvent] = []
        self.status: int | None = None
        self.headers: list[tuple[str, str]] = []
        self.body_chunks: list[bytes] = []
        self.more_body: bool | None = None
        self._arrived = asyncio.Event()

    @property
    def complete(self) -> bool:
        """Whether the app has sent the last part of the response body."""
        return self.more_body is False

    async def collect(self, event: AsgiEvent) -> None:
        """Check and record an event sent by the app.

        Args:
            event: An ``http.response.start`` or ``http.response.body`` event.

        Raises:
            TypeError: A field has the wrong type (status not ``int``, headers or body not
                ``bytes``, ``more_body`` not ``bool``).
            ValueError: The event is out of order, of an unknown type, or a header name is
                empty or not lowercase.
        """
        event_type = event.get('type')
        if not isinstance(event_type, str):
            raise TypeError('The ASGI event type must be a str')
        if event_type == 'http.response.start':
            self._collect_start(event)
        elif event_type == 'http.response.body':
            self._collect_body(event)
        elif event_type not in _LIFESPAN_EVENT_TYPES:
            raise ValueError(f'Invalid ASGI event type: {event_type!r}')
        self.events.append(event)
        self._arrived.set()

    async def __call__(self, event: AsgiEvent) -> None:
        """Same as :meth:`collect`: the collector is the app's ``send`` callable.

        Args:
            event: The event the app sends.
        """
        await self.collect(event)

    async def wait_until(self, predicate: Callable[[], bool]) -> None:
        """Wait until ``predicate()`` holds, checking it again after each event.

        Args:
            predicate: A test of the collector's state, e.g. ``lambda: c.status is not None``.
        """
        while not predicate():
            self._arrived.clear()
            await self._arrived.wait()

    def _collect_start(self, event: AsgiEvent) -> None:
        if self.status is not None:
            raise ValueError('http.response.start may only be sent once')
        status = event.get('status')
        if not isinstance(status, int) or isinstance(status, bool):
            raise TypeError('The ASGI response status must be an int')
        headers: list[tuple[str, str]] = []
        for name, value in event.get('headers', ()):
            if not isinstance(name, bytes) or not isinstance(value, bytes):
                raise TypeError('ASGI header names and values must be byte strings')
            if not name or name.lower() != name:
                raise ValueError(f'ASGI header names must be non-empty and lowercase: {name!r}')
            if b'\r' in value or b'\n' in value or b'\x00' in value:
                raise ValueError(f'ASGI header values must not contain CR, LF or NUL: {value!r}')
            headers.append((name.decode('latin-1'), value.decode('latin-1')))
        self.status = status
        self.headers = headers

    def _collect_body(self, event: AsgiEvent) -> None:
        if self.status is None:
            raise ValueError('http.response.body was sent before http.response.start')
        if self.more_body is False:
            raise ValueError('http.response.body was sent after the response was complete')
        body = event.get('body', b'')
        if not isinstance(body, bytes):
            raise TypeError('The ASGI response body must be a byte string')
        more_body = event.get('more_body', False)
        if not isinstance(more_body, bool):
            raise TypeError('The ASGI more_body flag must be a bool')
        if body:
            self.body_chunks.append(body)
        self.more_body = more_body


class ASGILifespanEventEmitter:
    """The ``receive()`` callable of a simulated lifespan scope.

    The first event is ``lifespan.startup``; the second, ``lifespan.shutdown``, comes once
    `shutting_down` is notified. Later calls wait forever (until cancelled).

    Args:
        shutting_down: Notify it to let the app shut down.
    """

    def __init__(self, shutting_down: asyncio.Condition) -> None:
        self._shutting_down = shutting_down
        self._state = 0
        self._shutdown_requested = False

    async def emit(self) -> AsgiEvent:
        """Return the next lifespan event for the app.

        Returns:
            ``lifespan.startup`` first, then ``lifespan.shutdown`` once a shutdown is
            requested; after that it waits for ever.
        """
        if self._state == 0:
            self._state = 1
            return {'type': 'lifespan.startup'}
        if self._state == 1:
            self._state = 2
            async with self._shutting_down:
                if not self._shutdown_requested:
                    await self._shutting_down.wait()
            return {'type': 'lifespan.shutdown'}
        never: asyncio.Future[AsgiEvent] = asyncio.get_running_loop().create_future()
        return await never

    async def __call__(self) -> AsgiEvent:
        """Same as :meth:`emit`: the emitter is the app's ``receive`` callable.

        Returns:
            The next lifespan event.
        """
        return await self.emit()

    async def request_shutdown(self) -> None:
        """Let the app shut down, whether or not it is already waiting for the event."""
        async with self._shutting_down:
            self._shutdown_requested = True
            self._shutting_down.notify_all()
