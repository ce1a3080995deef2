"""Simulated WebSocket clients for ASGI apps: ``ASGIWebSocketSimulator`` and ``simulate_ws``.

Rules: the simulator plays the client and the server's side of ASGI at once. The app's
``receive`` gets ``websocket.connect``, then the client's messages, then
``websocket.disconnect`` when the client closes. The app's ``send`` events are collected:
``websocket.accept`` makes the simulator ready, ``websocket.send`` queues a message for the
client, ``websocket.close`` (or a denial response) closes it. Sending after the close fails
with ``ConnectionResetError``, as a real server fails when the peer is gone.

``simulate_ws`` runs the app in a task for the duration of an ``async with`` block; entering
waits until the app accepts (or raises ``WebSocketDisconnected`` when it closes the handshake
instead: ``WebSocketPathNotFound`` for 3404, ``WebSocketHandlerNotFound`` for 3405), leaving
closes the connection (1000) and waits for the app to finish. Either wait is bounded (5 s for
the handshake, 30 s for the app to finish, unless a ``timeout`` is given) and raises
``TimeoutError`` when the bound passes; receiving a message waits as long as it takes.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import msgpack  # type: ignore[import-untyped]

from falcon.core._errors import (
    OperationNotAllowed,
    WebSocketDisconnected,
    WebSocketHandlerNotFound,
    WebSocketPathNotFound,
)
from falcon.core._ws import event_bytes, event_text
from falcon.testing._scope import create_scope_ws

__all__ = ['ASGIWebSocketSimulator', 'simulate_ws']

_DENIAL_EXTENSION = 'websocket.http.response'
_NORMAL_CLOSURE = 1000
_HANDSHAKE_TIMEOUT = 5.0
_FINISH_TIMEOUT = 30.0
_CLOSED_BY_APP: dict[str, Any] = {'type': 'closed'}


def _disconnected(code: int | None) -> WebSocketDisconnected:
    if code == 3404:
        return WebSocketPathNotFound(code)
    if code == 3405:
        return WebSocketHandlerNotFound(code)
    return WebSocketDisconnected(code)


class ASGIWebSocketSimulator:
    """The client end of a simulated WebSocket connection.

    Args:
        _timeout: Seconds :meth:`wait_ready` waits by default (``None``: 5 seconds).

    Attributes:
        denial_status: The HTTP status of a denial response the app sent, else ``None``.
        denial_headers: Its headers, as ``(name, value)`` string pairs.
        denial_body: Its body.
    """

    def __init__(self, _timeout: float | None = None) -> None:
        self._timeout = _timeout
        self._state = 'connecting'
        self._accepted = asyncio.Event()
        self._to_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._to_client: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._connected = False
        self._was_accepted = False
        self._close_code: int | None = None
        self._close_reason: str | None = None
        self._subprotocol: str | None = None
        self._headers: list[tuple[str, str]] | None = None
        self.denial_status: int | None = None
        self.denial_headers: list[tuple[str, str]] = []
        self.denial_body = b''

    # -- state ---------------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """Whether the app accepted the connection and it is still open."""
        return self._state == 'open'

    @property
    def closed(self) -> bool:
        """Whether either side closed the connection (or the app rejected it)."""
        return self._state == 'closed'

    @property
    def close_code(self) -> int | None:
        """The close code once the connection is closed, ``None`` while it is open."""
        return self._close_code

    @property
    def close_reason(self) -> str | None:
        """The close reason once the connection is closed (``''`` when none was given),
        ``None`` while it is open."""
        return self._close_reason

    @property
    def subprotocol(self) -> str | None:
        """The subprotocol the app chose when accepting."""
        return self._subprotocol

    @property
    def headers(self) -> list[tuple[str, str]] | None:
        """The ``(name, value)`` headers the app sent with ``accept()``; ``None`` until the
        app accepts the connection."""
        return None if self._headers is None else list(self._headers)

    async def wait_ready(self, timeout: float | None = None) -> None:
        """Wait until the app accepts the connection (it may have closed it since).

        Args:
            timeout: Seconds to wait (default: the simulator's timeout, else 5).

        Raises:
            WebSocketDisconnected: The app closed or rejected the connection instead.
            TimeoutError: The app did neither in time.
        """
        wait = timeout if timeout is not None else (self._timeout or _HANDSHAKE_TIMEOUT)
        try:
            await asyncio.wait_for(self._accepted.wait(), wait)
        except asyncio.TimeoutError:
            raise TimeoutError('The app neither accepted nor closed the connection') from None
        if not self._was_accepted:
            raise _disconnected(self._close_code)

    # -- the client's side ---------------------------------------------------------------------

    async def close(self, code: int | None = None, reason: str | None = None) -> None:
        """Close the connection from the client's side (1000 by default).

        Args:
            code: The close code (default 1000).
            reason: The close reason (default ``''``).
        """
        if self._state == 'closed':
            return
        self._state = 'closed'
        self._close_code = code or _NORMAL_CLOSURE
        self._close_reason = reason or ''
        self._to_app.put_nowait(
            {'type': 'websocket.disconnect', 'code': self._close_code, 'reason': reason or ''}
        )
        self._accepted.set()

    def _require_open(self) -> None:
        if self._state == 'connecting':
            raise OperationNotAllowed('The app has not accepted the connection yet')
        if self._state == 'closed':
            raise _disconnected(self._close_code)

    async def send_text(self, payload: str) -> None:
        """Send a text message to the app.

        Args:
            payload: The text.

        Raises:
            TypeError: ``payload`` is not a ``str``.
            WebSocketDisconnected: The connection is closed.
        """
        if not isinstance(payload, str):
            raise TypeError('payload must be a str')
        await self._send_to_app({'type': 'websocket.receive', 'text': payload})

    async def send_data(self, payload: bytes | bytearray | memoryview) -> None:
        """Send a binary message to the app.

        Args:
            payload: The bytes.

        Raises:
            TypeError: ``payload`` is not bytes-like.
            WebSocketDisconnected: The connection is closed.
        """
        if not isinstance(payload, (bytes, bytearray, memoryview)):
            raise TypeError('payload must be bytes-like')
        await self._send_to_app({'type': 'websocket.receive', 'bytes': bytes(payload)})

    async def _send_to_app(self, event: dict[str, Any]) -> None:
        """Queue a message for the app, and give the app a turn to take it."""
        self._require_open()
        self._to_app.put_nowait(event)
        await asyncio.sleep(0)

    async def send_json(self, media: object) -> None:
        """Send ``media`` as a JSON text message.

        Args:
            media: A JSON-serializable object.
        """
        await self.send_text(json.dumps(media, ensure_ascii=False))

    async def send_msgpack(self, media: object) -> None:
        """Send ``media`` as a MessagePack binary message.

        Args:
            media: An object MessagePack can pack.
        """
        await self.send_data(msgpack.packb(media, use_bin_type=True))

    async def _receive(self) -> dict[str, Any]:
        if self._state == 'connecting':
            raise OperationNotAllowed('The app has not accepted the connection yet')
        if self._to_client.empty() and self._state == 'closed':
            raise _disconnected(self._close_code)
        event = await self._to_client.get()
        if event is _CLOSED_BY_APP:
            self._to_client.put_nowait(event)
            raise _disconnected(self._close_code)
        return event

    async def receive_text(self) -> str:
        """Receive a text message from the app.

        Returns:
            The text.

        Raises:
            PayloadTypeError: The message is binary.
            WebSocketDisconnected: The connection is closed.
        """
        return event_text(await self._receive())

    async def receive_data(self) -> bytes:
        """Receive a binary message from the app.

        Returns:
            The bytes.

        Raises:
            PayloadTypeError: The message is text.
            WebSocketDisconnected: The connection is closed.
        """
        return event_bytes(await self._receive())

    async def receive_json(self) -> Any:
        """Receive a JSON message (text or binary) from the app.

        Returns:
            The parsed document.
        """
        event = await self._receive()
        payload = event.get('text')
        return json.loads(payload if payload is not None else event.get('bytes') or b'')

    async def receive_msgpack(self) -> Any:
        """Receive a MessagePack binary message from the app.

        Returns:
            The unpacked object.
        """
        return msgpack.unpackb(await self.receive_data(), raw=False)

    # -- the server's side, as the app sees it -------------------------------------------------

    async def _emit(self) -> dict[str, Any]:
        if not self._connected:
            self._connected = True
            return {'type': 'websocket.connect'}
        return await self._to_app.get()

    async def _collect(self, event: dict[str, Any]) -> None:
        kind = event.get('type')
        if self._state == 'closed':
            raise ConnectionResetError('The simulated WebSocket connection is closed')
        if kind == 'websocket.accept':
            if self._state != 'connecting':
                raise RuntimeError('websocket.accept sent twice')
            self._state = 'open'
            self._was_accepted = True
            self._subprotocol = event.get('subprotocol')
            self._headers = [
                (name.decode('latin-1'), value.decode('latin-1'))
                for name, value in event.get('headers') or ()
            ]
            self._accepted.set()
        elif kind == 'websocket.send':
            if self._state != 'open':
                raise RuntimeError('websocket.send before websocket.accept')
            text, data = event.get('text'), event.get('bytes')
            if (text is None) == (data is None):
                raise ValueError('websocket.send needs exactly one of text and bytes')
            self._to_client.put_nowait(event)
        elif kind == 'websocket.close':
            self._closed_by_app(
                int(event.get('code') or _NORMAL_CLOSURE), event.get('reason') or ''
            )
        elif kind == 'websocket.http.response.start':
            if self._state != 'connecting':
                raise RuntimeError('A denial response may only replace the handshake')
            self.denial_status = int(event['status'])
            self.denial_headers = [
                (name.decode('latin-1'), value.decode('latin-1'))
                for name, value in event.get('headers') or ()
            ]
        elif kind == 'websocket.http.response.body':
            if self.denial_status is None:
                raise RuntimeError('websocket.http.response.body before its start')
            self.denial_body += event.get('body', b'')
            if not event.get('more_body', False):
                self._closed_by_app(3000 + self.denial_status, '')
        else:
            raise ValueError(f'Unexpected ASGI event {kind!r}')

    def _closed_by_app(self, code: int, reason: str) -> None:
        self._state = 'closed'
        self._close_code = code
        self._close_reason = reason
        self._to_client.put_nowait(_CLOSED_BY_APP)
        self._to_app.put_nowait({'type': 'websocket.disconnect', 'code': code})
        self._accepted.set()


class _WSContextManager:
    """``async with`` block of one simulated connection.

    Attributes:
        simulator: The :class:`ASGIWebSocketSimulator`, also reachable after a rejection.
    """

    def __init__(self, app: Callable[..., Any], scope: dict[str, Any], timeout: float | None):
        self._app = app
        self._scope = scope
        self.simulator = ASGIWebSocketSimulator(timeout)
        self._timeout = timeout
        self._task: asyncio.Task[Any] | None = None

    async def __aenter__(self) -> ASGIWebSocketSimulator:
        simulator = self.simulator
        self._task = asyncio.ensure_future(
            self._app(self._scope, simulator._emit, simulator._collect)
        )
        ready = asyncio.ensure_future(simulator._accepted.wait())
        wait = self._timeout if self._timeout is not None else _HANDSHAKE_TIMEOUT
        await asyncio.wait((ready, self._task), timeout=wait, return_when=asyncio.FIRST_COMPLETED)
        if not ready.done():
            ready.cancel()
            await asyncio.gather(ready, return_exceptions=True)
            if self._task.done():
                self._task.result()
                raise _disconnected(simulator.close_code or 1000)
            await self._cancel()
            raise TimeoutError(
                f'The app neither accepted nor denied the connection within {wait} seconds'
            )
        if not simulator._was_accepted:
            await self._finish()
            raise _disconnected(simulator.close_code)
        return simulator

    async def __aexit__(self, ex_type: Any, ex: Any, tb: Any) -> bool:
        await self.simulator.close()
        await self._finish()
        return False

    async def _cancel(self) -> None:
        task = self._task
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def _finish(self) -> None:
        task = self._task
        if task is None:
            return
        wait = self._timeout if self._timeout is not None else _FINISH_TIMEOUT
        done, _ = await asyncio.wait((task,), timeout=wait)
        if not done:
            await self._cancel()
            raise TimeoutError(
                f'The app did not finish within {wait} seconds of the connection closing'
            )
        task.result()


def simulate_ws(
    app: Callable[..., Any],
    path: str = '/',
    timeout: float | None = None,
    *,
    state: dict[str, Any] | None = None,
    denial_response: bool = False,
    **kwargs: Any,
) -> _WSContextManager:
    """Open a simulated WebSocket connection to an ASGI app.

    Use as ``async with simulate_ws(app, '/chat') as ws:``.

    Args:
        app: The ASGI app.
        path: The path to connect to.
        timeout: Seconds to wait for the app to accept or deny the connection (default 5),
            and for the app to finish once the block has closed it (default 30); either
            wait raises ``TimeoutError`` when it runs out (the app's task is cancelled).
        state: The lifespan state to put in the scope.
        denial_response: Announce the WebSocket Denial Response extension, so the app may
            reject the handshake with an HTTP response (see ``ws.denial_status``).
        **kwargs: Passed to :func:`falcon.testing.create_scope_ws` (``headers``,
            ``query_string``, ``subprotocols``, ``spec_version``...).

    Returns:
        An async context manager giving the :class:`ASGIWebSocketSimulator`.
    """
    scope = create_scope_ws(path, **kwargs)
    if state is not None:
        scope['state'] = state
    if denial_response:
        scope['extensions'] = {_DENIAL_EXTENSION: {}}
    return _WSContextManager(app, scope, timeout)
