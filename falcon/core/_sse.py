"""Server-Sent Events: the event object and its wire format (WHATWG HTML, "Server-sent events").

Rules: an event serializes to one block of ``field: value`` lines ended by a blank line, in
the order comment, ``event``, ``id``, ``retry``, ``data``. Multi-line data and comments
become one line per line (a client joins ``data`` lines back with ``\\n``), so no value can
inject a field of its own. ``event`` and ``id`` are single-line fields: a CR, LF (or NUL, for
``id``) in them raises ``ValueError`` when the event is serialized. An event with nothing in
it serializes to the keep-alive comment ``: ping``. Text is encoded as UTF-8 with each lone
surrogate written as ``\\uXXXX`` (``falcon.core._text``), so no event fails to encode.

Strategy: pure data in, bytes out; no I/O. The ASGI and WSGI adapters decide when to send
the bytes and when to send keep-alive pings (after :data:`DEFAULT_PING_INTERVAL` idle seconds
unless the app says otherwise): waiting on an emitter with a timeout is transport work, done
by each adapter with its own machinery (a loop-wide keep-alive ticker over ASGI, a step awaited
with a timeout on the worker thread's loop over WSGI), so it is not written here.
"""

from __future__ import annotations

import functools
import json as json_module
from collections.abc import Callable
from typing import Any

from falcon.core._text import encode_utf8

__all__ = ['DEFAULT_PING_INTERVAL', 'PING', 'SSEvent', 'SerializedEvent', 'event_chunk']

_dumps: Callable[[Any], str] = functools.partial(json_module.dumps, ensure_ascii=False)


class SerializedEvent(bytes):
    """The bytes of a serialized event.

    A ``bytes`` subclass whose :meth:`encode` returns the bytes themselves, so both
    ``resp.stream`` code written for ``serialize() -> bytes`` and code that calls
    ``event.serialize().encode('utf-8')`` on a text result work unchanged.
    """

    __slots__ = ()

    def encode(self, encoding: str = 'utf-8', errors: str = 'strict') -> SerializedEvent:
        """Return the serialized event itself (it is already UTF-8 bytes).

        Args:
            encoding: Ignored; the bytes are UTF-8.
            errors: Ignored.

        Returns:
            This object.
        """
        return self


PING = SerializedEvent(b': ping\n\n')
"""The keep-alive comment sent while an emitter is idle."""
_PING_BYTES = bytes(PING)

DEFAULT_PING_INTERVAL = 15.0
"""Seconds of emitter idleness after which both apps send :data:`PING` (``sse_ping_interval``)."""


def _field_lines(prefix: bytes, value: bytes) -> bytes:
    # splitlines() splits on more than CR/LF (e.g. \x0b, \x1c); SSE only knows CR, LF, CRLF.
    if b'\r' not in value and b'\n' not in value:
        return prefix + value + b'\n'
    lines = value.replace(b'\r\n', b'\n').replace(b'\r', b'\n').split(b'\n')
    return b''.join(prefix + line + b'\n' for line in lines)


def _single_line(name: str, value: str, forbidden: str) -> bytes:
    if '\r' in value or '\n' in value or '\x00' in value:
        for char in forbidden:
            if char in value:
                raise ValueError(f'The SSE {name} field may not contain {char!r}')
    return encode_utf8(value)


class SSEvent:
    """One Server-Sent Event.

    Falcon's and the specification's spellings are both accepted: ``data`` may be ``bytes`` or
    ``str``, and ``event_type`` is an alias of ``event``. Exactly one of ``data``, ``text``
    and ``json`` is normally given; when several are, ``data`` wins over ``text`` and
    ``text`` over ``json``.

    Args:
        data: The event data, as ``bytes`` (sent as they are) or ``str`` (UTF-8 encoded).
        text: The event data as ``str``.
        json: An object serialized as JSON for the event data.
        event: The event type; a browser dispatches it to listeners of that name.
        event_id: The event ID; a reconnecting client sends the last one in
            ``Last-Event-ID`` (see ``req.last_event_id``).
        retry: The reconnection delay the client should use, in milliseconds.
        comment: A comment line, ignored by clients (useful for debugging or keep-alive).
        event_type: Alias of ``event``.

    Raises:
        ValueError: Both ``event`` and ``event_type`` are given with different values.
    """

    __slots__ = ('comment', 'data', 'event', 'event_id', 'json', 'retry', 'text')

    def __init__(
        self,
        data: bytes | str | None = None,
        text: str | None = None,
        json: object | None = None,
        event: str | None = None,
        event_id: str | None = None,
        retry: int | None = None,
        comment: str | None = None,
        *,
        event_type: str | None = None,
    ) -> None:
        if event_type is not None:
            if event is not None and event != event_type:
                raise ValueError('event and event_type are aliases; give only one of them')
            event = event_type
        self.data = data
        self.text = text
        self.json = json
        self.event = event
        self.event_id = event_id
        self.retry = retry
        self.comment = comment

    @property
    def event_type(self) -> str | None:
        """Alias of :attr:`event`."""
        return self.event

    @event_type.setter
    def event_type(self, value: str | None) -> None:
        self.event = value

    def serialize(self, handler: Any = None) -> SerializedEvent:
        """Serialize the event in the ``text/event-stream`` format.

        Args:
            handler: A media handler (with ``serialize(media, content_type) -> bytes``) for
                ``json``; by default ``json.dumps(obj, ensure_ascii=False)``.

        Returns:
            The UTF-8 bytes of the event block (a :class:`SerializedEvent`).

        Raises:
            ValueError: ``event`` contains CR or LF, or ``event_id`` contains CR, LF or NUL.
            TypeError: ``retry`` is not an ``int`` or ``data`` is neither bytes nor str.
        """
        block = self._block(handler)
        return PING if block is _PING_BYTES else SerializedEvent(block)

    def _block(self, handler: Any) -> bytes:
        """The event block as plain ``bytes`` (``serialize()`` without the wrapper)."""
        # PERF: the usual event (text data, perhaps a text id, nothing else) whose text is
        # all printable - so no CR, LF, NUL or lone surrogate, and nothing to split, refuse
        # or escape - is one f-string encoded once: about half the cost of encoding and
        # scanning each part. Other text data (a tab, a line break) takes the next way,
        # one bytes concatenation per field; any other event the general way below. All
        # three give the same bytes.
        comment = self.comment
        data = self.data
        if data.__class__ is str and comment is None and self.event is None and self.retry is None:
            event_id = self.event_id
            if event_id is None:
                if data.isprintable():
                    return f'data: {data}\n\n'.encode()
            elif event_id.__class__ is str and event_id.isprintable() and data.isprintable():
                return f'id: {event_id}\ndata: {data}\n\n'.encode()
            try:
                encoded = data.encode()
                if event_id is None:
                    block = b''
                elif '\r' in event_id or '\n' in event_id or '\x00' in event_id:
                    block = b'id: ' + _single_line('id', event_id, '\r\n\x00') + b'\n'
                else:
                    block = b'id: ' + event_id.encode() + b'\n'
            except UnicodeEncodeError:
                pass
            else:
                if b'\r' in encoded or b'\n' in encoded:
                    return block + _field_lines(b'data: ', encoded) + b'\n'
                return block + b'data: ' + encoded + b'\n\n'
        block = b''
        if comment is not None:
            block = _field_lines(b': ', encode_utf8(str(comment)))
        event = self.event
        if event is not None:
            block += b'event: ' + _single_line('event', event, '\r\n') + b'\n'
        event_id = self.event_id
        if event_id is not None:
            block += b'id: ' + _single_line('id', event_id, '\r\n\x00') + b'\n'
        retry = self.retry
        if retry is not None:
            if retry.__class__ is not int and (
                isinstance(retry, bool) or not isinstance(retry, int)
            ):
                raise TypeError('retry must be an int (milliseconds)')
            block += b'retry: %d\n' % retry
        payload = encode_utf8(data) if data.__class__ is str else self._payload(handler)
        if payload is not None:
            if b'\r' in payload or b'\n' in payload:
                block += _field_lines(b'data: ', payload)
            else:
                block += b'data: ' + payload + b'\n'
        elif not block:
            return _PING_BYTES
        return block + b'\n'

    def _payload(self, handler: Any) -> bytes | None:
        data = self.data
        if data is not None:
            if isinstance(data, str):
                return encode_utf8(data)
            if isinstance(data, (bytes, bytearray, memoryview)):
                return bytes(data)
            raise TypeError('SSEvent data must be bytes or str')
        if self.text is not None:
            return encode_utf8(self.text)
        if self.json is not None:
            if handler is not None:
                return bytes(handler.serialize(self.json, 'application/json'))
            return encode_utf8(_dumps(self.json))
        return None

    def __repr__(self) -> str:
        fields = ', '.join(
            f'{name}={getattr(self, name)!r}'
            for name in ('data', 'text', 'json', 'event', 'event_id', 'retry', 'comment')
            if getattr(self, name) is not None
        )
        return f'SSEvent({fields})'


def _install_fast_constructor() -> bool:
    """Give :class:`SSEvent` the C constructor of ``falcon.core._fast_init`` where it was built.

    PERF: an emitter builds one ``SSEvent(data=..., event_id=...)`` per event, and calling a
    Python class with keywords packs them into a dict and unpacks it again for ``__init__``:
    about 3 800 instructions a call on CPython 3.11 (1 200 with the C constructor, 0.3 us
    of the 1.3 us an event costs). The C constructor stores the arguments in the slots named
    like ``__init__``'s parameters, which is all ``__init__`` does for them; ``event_type``
    and any other call run ``__init__`` itself, and so does every call once ``__init__`` or
    ``__new__`` is replaced on the class. Without the extension (no C compiler at install
    time, another interpreter) ``__init__`` runs for every call. Returns whether it is in use.
    """
    try:
        from falcon.core import _fast_init
    except ImportError:
        return False
    code = SSEvent.__init__.__code__
    _fast_init.install(SSEvent, code.co_varnames[1 : code.co_argcount])
    return True


FAST_CONSTRUCTOR = _install_fast_constructor()
"""Whether ``SSEvent(...)`` uses the C constructor (see :func:`_install_fast_constructor`)."""


def event_chunk(item: Any, handler: Any = None) -> bytes:
    """The bytes to send for one item produced by an SSE emitter.

    Args:
        item: An :class:`SSEvent`, ``None`` (a ping), or a block as ``bytes`` or ``str``.
        handler: JSON media handler for events given as ``json``.

    Returns:
        The serialized block.

    Raises:
        TypeError: The item is of no supported type.
        ValueError: The event has a field that cannot be serialized.
    """
    # Plain bytes: PEP 3333 servers (and wsgiref.validate) accept only exact bytes.
    if item.__class__ is SSEvent:
        return item._block(handler)
    if isinstance(item, SSEvent):
        return bytes(item.serialize(handler))
    if item is None:
        return bytes(PING)
    if isinstance(item, (bytes, bytearray, memoryview)):
        return bytes(item)
    if isinstance(item, str):
        return encode_utf8(item)
    raise TypeError(f'An SSE emitter yielded {type(item).__name__}; expected SSEvent or None')
