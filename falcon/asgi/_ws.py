"""``falcon.asgi.WebSocket``: one WebSocket connection over ASGI.

Rules: the connection moves through the ready states CONNECTING -> OPEN -> CLOSED (CLOSING
while a close is being sent). ``send_*`` and ``receive_*`` need an accepted connection
(``OperationNotAllowed`` before ``accept()``) and raise ``WebSocketDisconnected`` once it is
closed by either side; a failure of the server's ``send`` means the client is gone.

Receiving: once accepted, a reader task pulls events from the server into an inbox of at
most ``max_receive_queue`` messages. When the inbox is full, the reader stops pulling, so the
server stops reading the socket and the client feels backpressure; memory stays bounded. A
disconnect is seen by the reader as soon as it arrives (unless the inbox is full): ``closed``
turns true and sends fail at once, while messages received before it can still be read.

Strategy: an idle connection is the unit of scale, so it holds as little as it can: the
inbox is a plain list created with the first message that waits in it, and the reader and
the receivers wait on plain futures made while they wait, instead of an ``asyncio.Queue``
(whose three deques and event cost about 3 KB per connection).

Each received message is checked by the reader: more than ``max_message_size`` bytes closes
the connection with 1009; text that is not valid Unicode (lone surrogates, which cannot be
UTF-8) closes it with 1007. A payload of the wrong kind raises ``PayloadTypeError``; a payload
that is not valid JSON / MessagePack raises ``ValueError``; the connection stays usable.

Decoders keep what they refuse: when ``receive_json()`` or ``receive_msgpack()`` cannot
decode a message (``ValueError``, or ``PayloadTypeError`` for MessagePack sent as text), the
message is held for the next ``receive_*`` call, so ``except ValueError: await
ws.receive_text()`` gets that same message. A decoder that already refused the held message
drops it and waits for the next one, so a loop calling one decoder moves past a bad message
after a single error and never spins on it. ``receive_text()``, ``receive_data()`` and
``receive_media()`` (Falcon's) consume the message they take, even when they raise.

Rejecting (a failure before ``accept()``): the handshake is answered before the app returns,
so no server reports an unfinished handshake. Where the server announces the denial response
extension (``websocket.http.response``), the rejection is an HTTP response with the error's
status, headers and body; elsewhere, and on servers that log every denial response as an
error (``_LOUD_DENIAL_PROTOCOLS``), it is ``websocket.close`` with the close code, which the
server answers with 403.

Sending: text (``send_text``, ``send_json``, text ``send_media``) and MessagePack strings
always encode: each lone surrogate is sent as the six characters ``\\uXXXX`` (in JSON, the
escape of the same code unit; see ``falcon.core._text``).
"""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, NamedTuple

import msgpack  # type: ignore[import-untyped]

from falcon.core._constants import WebSocketPayloadType
from falcon.core._errors import OperationNotAllowed, PayloadTypeError, WebSocketDisconnected
from falcon.core._structures import Context
from falcon.core._text import utf8_safe
from falcon.core._ws import (
    CLOSED,
    CLOSING,
    CONNECTING,
    DEFAULT_MAX_MESSAGE_SIZE,
    OPEN,
    WebSocketOptions,
    event_bytes,
    event_text,
    http_status_to_ws_code,
)

__all__ = ['WebSocket', 'WebSocketOptions', 'http_status_to_ws_code']

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

_DISCONNECTED: dict[str, Any] = {'type': 'websocket.disconnect'}
_NO_STATUS_CODE = 1005
_ABNORMAL_CLOSURE = 1006
_INVALID_PAYLOAD = 1007
_MESSAGE_TOO_BIG = 1009
_DENIAL_EXTENSION = 'websocket.http.response'
# Server protocols that log "ASGI callable returned without completing handshake" at ERROR
# level after every denial response, although the client received it (uvicorn's
# websockets-sansio protocol, its default WebSocket implementation). They get a
# ``websocket.close`` instead, which they answer with 403 and log quietly.
_LOUD_DENIAL_PROTOCOLS = frozenset(
    {'uvicorn.protocols.websockets.websockets_sansio_impl.WebSocketsSansIOProtocol'}
)

_dumps: Callable[[Any], str] = functools.partial(json.dumps, ensure_ascii=False)


_VERSIONS: dict[str, tuple[int, ...]] = {}


def _version(text: Any) -> tuple[int, ...]:
    # PERF: a server announces one or two spec versions; each is parsed once.
    text = str(text)
    version = _VERSIONS.get(text)
    if version is None:
        try:
            version = tuple(int(part) for part in text.split('.'))
        except ValueError:
            version = (2, 0)
        if len(_VERSIONS) < 64:
            _VERSIONS[text] = version
    return version


def _logs_denial_as_error(send: Any) -> bool:
    owner = getattr(send, '__self__', None)
    return owner is not None and any(
        f'{cls.__module__}.{cls.__qualname__}' in _LOUD_DENIAL_PROTOCOLS
        for cls in type(owner).__mro__
    )


def _encode_headers(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> list[Any]:
    items = headers.items() if isinstance(headers, Mapping) else headers
    encoded = []
    for name, value in items:
        for text in (name, value):
            if '\r' in text or '\n' in text or '\x00' in text:
                raise ValueError('Header names and values may not contain CR, LF or NUL')
        encoded.append((name.lower().encode('latin-1'), value.encode('latin-1')))
    return encoded


class WebSocket:
    """A WebSocket connection, passed to ``on_websocket(req, ws, **params)`` responders.

    Built by ``falcon.asgi.App``; both Falcon's argument order and the shorter
    ``WebSocket(scope, receive, send)`` are accepted.

    Args:
        ver: The ASGI WebSocket spec version (e.g. ``'2.3'``), or the scope.
        scope: The ASGI scope (or ``receive`` in the short form).
        receive: The ASGI receive callable (or ``send`` in the short form).
        send: The ASGI send callable.
        media_handlers: Handlers of ``send_media()``/``receive_media()`` by payload type.
        max_receive_queue: Received messages buffered before backpressure applies.
        default_close_reasons: Close reason sent with each code when none is given.
        max_message_size: Largest message accepted, in bytes (``None``: no limit).

    Attributes:
        subprotocols: The subprotocols the client offered, in its order of preference.
    """

    __slots__ = (
        '_asgi_receive',
        '_asgi_send',
        '_close_code',
        '_close_reasons',
        '_context',
        '_headers',
        '_held',
        '_inbox',
        '_max_message_size',
        '_max_receive_queue',
        '_media_handlers',
        '_message_wanted',
        '_reader',
        '_room_wanted',
        '_state',
        '_supports_accept_headers',
        '_supports_denial',
        '_supports_reason',
        'scope',
        'subprotocols',
    )

    def __init__(
        self,
        ver: str | dict[str, Any],
        scope: Any = None,
        receive: Any = None,
        send: Send | None = None,
        media_handlers: Mapping[WebSocketPayloadType, Any] | None = None,
        max_receive_queue: int = 32,
        default_close_reasons: dict[int, str] | None = None,
        *,
        max_message_size: int | None = DEFAULT_MAX_MESSAGE_SIZE,
    ) -> None:
        if isinstance(ver, dict):
            scope, receive, send = ver, scope, receive
            ver = (scope.get('asgi') or {}).get('spec_version') or '2.0'
        if not isinstance(scope, dict) or receive is None or send is None:
            raise TypeError('WebSocket needs the ASGI scope, receive and send')
        version = _version(ver)
        self.scope: dict[str, Any] = scope
        self._asgi_receive: Receive = receive
        self._asgi_send: Send = send
        if media_handlers is None or default_close_reasons is None:
            defaults = WebSocketOptions()
            media_handlers = media_handlers or defaults.media_handlers
            if default_close_reasons is None:
                default_close_reasons = defaults.default_close_reasons
        self._media_handlers = media_handlers
        self._max_receive_queue = max(1, max_receive_queue)
        self._close_reasons = default_close_reasons
        self._max_message_size = max_message_size
        self._supports_accept_headers = version >= (2, 1)
        self._supports_reason = version >= (2, 3)
        self._supports_denial = _DENIAL_EXTENSION in (
            scope.get('extensions') or {}
        ) and not _logs_denial_as_error(send)
        self._state = CONNECTING
        self._close_code: int | None = None
        self._inbox: list[dict[str, Any]] | None = None
        self._message_wanted: list[asyncio.Future[None]] | None = None
        self._room_wanted: asyncio.Future[None] | None = None
        self._reader: asyncio.Task[None] | None = None
        self._headers: dict[str, str] | None = None
        self._held: _Held | None = None
        self._context: Any = None
        self.subprotocols: tuple[str, ...] = tuple(scope.get('subprotocols') or ())

    @property
    def context(self) -> Context:
        """A :class:`falcon.Context` for the app's own data about the connection."""
        # PERF: made on first use; most connections never touch it.
        context: Context | None = self._context
        if context is None:
            context = self._context = Context()
        return context

    @context.setter
    def context(self, value: Any) -> None:
        self._context = value

    # -- state ---------------------------------------------------------------------------------

    @property
    def ready_state(self) -> int:
        """``CONNECTING`` (0), ``OPEN`` (1), ``CLOSING`` (2) or ``CLOSED`` (3)."""
        return self._state

    @property
    def unaccepted(self) -> bool:
        """Whether the handshake is still waiting for ``accept()`` (or a rejection)."""
        return self._state == CONNECTING

    @property
    def ready(self) -> bool:
        """Whether the connection is accepted and open."""
        return self._state == OPEN

    @property
    def closed(self) -> bool:
        """Whether the connection is closed (by either side) or being closed."""
        return self._state >= CLOSING

    @property
    def close_code(self) -> int | None:
        """The close code once the connection is closed, else ``None``."""
        return self._close_code

    @property
    def supports_accept_headers(self) -> bool:
        """Whether the server can send headers with ``accept()`` (ASGI spec 2.1 or later)."""
        return self._supports_accept_headers

    @property
    def client_address(self) -> tuple[str, int] | None:
        """The client's ``(host, port)``, when the server tells."""
        client = self.scope.get('client')
        return (client[0], client[1]) if client else None

    @property
    def path(self) -> str:
        """The path of the handshake request."""
        return str(self.scope.get('path') or '/')

    @property
    def query_string(self) -> str:
        """The query string of the handshake request, undecoded."""
        raw = self.scope.get('query_string') or b''
        return raw.decode('latin-1') if isinstance(raw, bytes) else str(raw)

    @property
    def headers(self) -> dict[str, str]:
        """The handshake's headers, by lowercase name (repeated headers joined by ``,``)."""
        headers = self._headers
        if headers is None:
            headers = {}
            for raw_name, raw_value in self.scope.get('headers') or ():
                name = raw_name.decode('latin-1').lower()
                value = raw_value.decode('latin-1')
                headers[name] = headers[name] + ',' + value if name in headers else value
            self._headers = headers
        return headers

    # -- handshake and close -------------------------------------------------------------------

    async def accept(
        self,
        subprotocol: str | None = None,
        headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    ) -> None:
        """Accept the connection.

        Args:
            subprotocol: The subprotocol chosen among ``subprotocols``.
            headers: Extra headers for the handshake response.

        Raises:
            OperationNotAllowed: The connection was already accepted or closed, or headers
                were given and the server cannot send them.
            ValueError: A header contains CR, LF or NUL.
            WebSocketDisconnected: The client is gone.
        """
        if self._state != CONNECTING:
            raise OperationNotAllowed('accept() may only be called once, before close()')
        event: dict[str, Any] = {'type': 'websocket.accept'}
        if subprotocol is not None:
            if not isinstance(subprotocol, str):
                raise TypeError('subprotocol must be a str')
            event['subprotocol'] = subprotocol
        if headers:
            if not self._supports_accept_headers:
                raise OperationNotAllowed('The ASGI server cannot send headers with accept()')
            event['headers'] = _encode_headers(headers)
        await self._send(event)
        self._state = OPEN
        self._reader = asyncio.ensure_future(self._read())

    async def close(self, code: int | None = 1000, reason: str | None = None) -> None:
        """Close the connection (or reject the handshake, before ``accept()``).

        Closing a closed connection does nothing.

        Args:
            code: The close code (1000, Normal Closure, when ``None``).
            reason: The close reason; by default the one of ``default_close_reasons``.
        """
        if self._state >= CLOSING:
            return
        code = code or 1000
        self._state = CLOSING
        self._close_code = code
        event: dict[str, Any] = {'type': 'websocket.close', 'code': code}
        if self._supports_reason:
            if reason is None:
                reason = self._close_reasons.get(code)
            if reason:
                event['reason'] = reason
        try:
            await self._asgi_send(event)
        except (OSError, RuntimeError):
            pass
        finally:
            self._finish()

    async def _deny(
        self, status: int, headers: list[tuple[str, str]], body: bytes, code: int
    ) -> None:
        """Reject the handshake with an HTTP response where the server supports it (the
        ASGI WebSocket Denial Response extension), else close it with ``code``."""
        if not self._supports_denial or self._state != CONNECTING:
            await self.close(code)
            return
        try:
            encoded = _encode_headers(headers)
        except ValueError:
            await self.close(code)
            raise
        self._state = CLOSING
        self._close_code = code
        try:
            await self._asgi_send(
                {'type': 'websocket.http.response.start', 'status': status, 'headers': encoded}
            )
            await self._asgi_send({'type': 'websocket.http.response.body', 'body': body})
        except (OSError, RuntimeError):
            pass
        finally:
            self._finish()

    def _finish(self) -> None:
        self._state = CLOSED
        self._held = None
        self._inbox = None
        reader, self._reader = self._reader, None
        if reader is not None and not reader.done() and reader is not asyncio.current_task():
            reader.cancel()
        self._wake_receivers()

    async def _shutdown(self) -> None:
        """Stop the reader task (called by the app when the connection ends)."""
        reader, self._reader = self._reader, None
        if reader is None:
            return
        if reader.done():
            # PERF: the usual end (the reader saw the client leave): nothing to wait for.
            if not reader.cancelled():
                reader.exception()
            return
        reader.cancel()
        await asyncio.gather(reader, return_exceptions=True)

    # -- sending -------------------------------------------------------------------------------

    def _require_open(self) -> None:
        if self._state != OPEN:
            if self._state == CONNECTING:
                raise OperationNotAllowed('accept() the WebSocket connection first')
            raise WebSocketDisconnected(self._close_code)

    async def _send(self, event: dict[str, Any]) -> None:
        try:
            await self._asgi_send(event)
        except (OSError, RuntimeError) as error:
            if self._close_code is None:
                self._close_code = _ABNORMAL_CLOSURE
            self._finish()
            raise WebSocketDisconnected(self._close_code) from error

    async def send_text(self, payload: str) -> None:
        """Send a text message.

        Args:
            payload: The text.

        Raises:
            TypeError: ``payload`` is not a ``str``.
            WebSocketDisconnected: The connection is closed.
        """
        if not isinstance(payload, str):
            raise TypeError('send_text() takes a str payload')
        self._require_open()
        await self._send({'type': 'websocket.send', 'text': utf8_safe(payload)})

    async def send_data(self, payload: bytes | bytearray | memoryview) -> None:
        """Send a binary message.

        Args:
            payload: The bytes.

        Raises:
            TypeError: ``payload`` is not bytes-like.
            WebSocketDisconnected: The connection is closed.
        """
        if not isinstance(payload, (bytes, bytearray, memoryview)):
            raise TypeError('send_data() takes a bytes-like payload')
        self._require_open()
        await self._send({'type': 'websocket.send', 'bytes': bytes(payload)})

    async def send_media(
        self, media: object, payload_type: WebSocketPayloadType = WebSocketPayloadType.TEXT
    ) -> None:
        """Serialize ``media`` with the handler for ``payload_type`` and send it.

        Args:
            media: The object to send.
            payload_type: ``WebSocketPayloadType.TEXT`` (the default) or ``BINARY``: which
                handler of ``ws_options.media_handlers`` serializes it, and how it is sent.

        Raises:
            WebSocketDisconnected: The connection is closed.
        """
        payload = self._media_handlers[payload_type].serialize(media)
        if payload_type == WebSocketPayloadType.TEXT:
            await self.send_text(payload)
        else:
            await self.send_data(payload)

    async def send_json(self, obj: object) -> None:
        """Send ``obj`` as a JSON text message.

        Args:
            obj: A JSON-serializable object.

        Raises:
            TypeError: ``obj`` cannot be serialized as JSON.
            WebSocketDisconnected: The connection is closed.
        """
        await self.send_text(_dumps(obj))

    async def send_msgpack(self, obj: object) -> None:
        """Send ``obj`` as a MessagePack binary message.

        Args:
            obj: An object MessagePack can pack.

        Raises:
            TypeError: ``obj`` cannot be packed.
            WebSocketDisconnected: The connection is closed.
        """
        await self.send_data(
            msgpack.packb(obj, use_bin_type=True, unicode_errors='backslashreplace')
        )

    # -- receiving -----------------------------------------------------------------------------

    def _wake_receivers(self) -> None:
        waiters, self._message_wanted = self._message_wanted, None
        if waiters is not None:
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)

    async def _read(self) -> None:
        receive = self._asgi_receive
        limit = self._max_receive_queue
        loop = asyncio.get_running_loop()
        try:
            while True:
                event = await receive()
                kind = event.get('type')
                if kind == 'websocket.receive':
                    failure = self._check(event)
                    if failure:
                        await self.close(failure)
                        return
                    inbox = self._inbox
                    if inbox is None:
                        if self._state >= CLOSING:
                            return
                        inbox = self._inbox = []
                    inbox.append(event)
                    self._wake_receivers()
                    while len(inbox) >= limit and self._state < CLOSING:
                        room = self._room_wanted = loop.create_future()
                        await room
                elif kind == 'websocket.disconnect':
                    break
        except (OSError, RuntimeError):
            event = {'code': _ABNORMAL_CLOSURE}
        if self._state < CLOSING:
            self._state = CLOSED
            self._close_code = int(event.get('code') or _NO_STATUS_CODE)
            self._wake_receivers()

    def _check(self, event: dict[str, Any]) -> int:
        limit = self._max_message_size
        text = event.get('text')
        if text is not None:
            if text.isascii():
                size = len(text)
            else:
                try:
                    size = len(text.encode('utf-8'))
                except UnicodeEncodeError:
                    return _INVALID_PAYLOAD
        else:
            data = event.get('bytes')
            size = len(data) if data is not None else 0
        if limit is not None and size > limit:
            return _MESSAGE_TOO_BIG
        return 0

    async def _next_event(self) -> dict[str, Any]:
        # PERF: the held message is looked at here rather than in a coroutine of its own
        # around this one: a waiting receiver keeps one frame less alive.
        held = self._held
        if held is not None:
            self._held = None
            return held.event
        while True:
            inbox = self._inbox
            if inbox:
                event = inbox.pop(0)
                room, self._room_wanted = self._room_wanted, None
                if room is not None and not room.done():
                    room.set_result(None)
                return event
            if self._state != OPEN:
                if self._state == CONNECTING:
                    raise OperationNotAllowed('accept() the WebSocket connection first')
                raise WebSocketDisconnected(self._close_code)
            # PERF: a future per waiting receiver (usually one), created only while it
            # waits; woken by a message or the end of the connection.
            waiter = asyncio.get_running_loop().create_future()
            waiters = self._message_wanted
            if waiters is None:
                self._message_wanted = [waiter]
            else:
                waiters.append(waiter)
            try:
                await waiter
            except asyncio.CancelledError:
                # A receiver given up (``wait_for`` with a timeout, in a loop) leaves
                # nothing behind.
                waiters = self._message_wanted
                if waiters is not None and waiter in waiters:
                    waiters.remove(waiter)
                raise

    async def _decode(self, decoder: str, decode: Callable[[dict[str, Any]], Any]) -> Any:
        """Take the next message for ``decoder`` and decode it; on failure, hold the message
        for the next receive (see the module's rules)."""
        held, self._held = self._held, None
        if held is not None and decoder not in held.refused_by:
            event, refused_by = held
        else:
            event, refused_by = await self._next_event(), frozenset()
        try:
            return decode(event)
        except (ValueError, PayloadTypeError):
            self._held = _Held(event, refused_by | {decoder})
            raise

    async def receive_text(self) -> str:
        """Receive a text message.

        Returns:
            The text.

        Raises:
            PayloadTypeError: The message is binary (it is consumed).
            WebSocketDisconnected: The connection is closed.
        """
        return event_text(await self._next_event())

    async def receive_data(self) -> bytes:
        """Receive a binary message.

        Returns:
            The bytes.

        Raises:
            PayloadTypeError: The message is text (it is consumed).
            WebSocketDisconnected: The connection is closed.
        """
        return event_bytes(await self._next_event())

    async def receive_media(self) -> object:
        """Receive a message and deserialize it with the handler for its payload type.

        Returns:
            The deserialized object.

        Raises:
            ValueError: The payload could not be deserialized (the message is consumed).
            WebSocketDisconnected: The connection is closed.
        """
        event = await self._next_event()
        text = event.get('text')
        if text is not None:
            handler = self._media_handlers[WebSocketPayloadType.TEXT]
            payload: Any = text
        else:
            handler = self._media_handlers[WebSocketPayloadType.BINARY]
            payload = event.get('bytes') or b''
        try:
            return handler.deserialize(payload)
        except ValueError:
            raise
        except Exception as error:
            raise ValueError(f'Could not deserialize the message: {error}') from error

    async def receive_json(self) -> Any:
        """Receive a JSON message (text, or UTF-8 binary).

        Returns:
            The parsed document.

        Raises:
            ValueError: The payload is not JSON. The message is kept for the next
                ``receive_*`` call other than ``receive_json()`` (e.g. ``receive_text()``);
                a further ``receive_json()`` drops it and takes the next message.
            WebSocketDisconnected: The connection is closed.
        """
        return await self._decode('json', _decode_json)

    async def receive_msgpack(self) -> Any:
        """Receive a MessagePack binary message.

        Returns:
            The unpacked object.

        Raises:
            PayloadTypeError: The message is text.
            ValueError: The payload is not MessagePack.
            WebSocketDisconnected: The connection is closed.

        On either error the message is kept for the next ``receive_*`` call other than
        ``receive_msgpack()`` (e.g. ``receive_text()``); a further ``receive_msgpack()``
        drops it and takes the next message.
        """
        return await self._decode('msgpack', _decode_msgpack)


class _Held(NamedTuple):
    """A message a decoder refused, kept for the next receive, and the decoders that
    refused it."""

    event: dict[str, Any]
    refused_by: frozenset[str]


def _decode_json(event: dict[str, Any]) -> Any:
    payload = event.get('text')
    if payload is None:
        payload = event.get('bytes') or b''
    try:
        return json.loads(payload)
    except RecursionError as error:
        raise ValueError('The JSON message is nested too deeply') from error


def _decode_msgpack(event: dict[str, Any]) -> Any:
    data = event_bytes(event)
    try:
        return msgpack.unpackb(data, raw=False)
    except ValueError:
        raise
    except Exception as error:
        raise ValueError(f'The message is not valid MessagePack: {error}') from error
