"""What channels deliver: events, gap markers, ids, channel names, counters and errors.

Rules: an event id is ``'<ms>-<seq>'`` (the shape of Redis Streams ids: a millisecond clock,
then a sequence number within the millisecond), and ids increase per channel. Ids compare as
pairs of integers, never as text. Anything else offered as an id (a malformed
``Last-Event-ID``) reads as absent. A channel name is 1 to 200 characters among ASCII
letters, digits and ``_ - . : / @``; any other name raises :class:`InvalidChannelName`, a
``ValueError`` that an app also answers with 400 Bad Request. Event data travels as compact
JSON; an event decodes it once, whatever the number of subscribers, and caches the bytes it
is sent as.
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

from falcon.core._errors import HTTPBadRequest

__all__ = [
    'MAX_NAME_LENGTH',
    'BrokerUnavailable',
    'ChannelsError',
    'Counters',
    'Event',
    'Gap',
    'InvalidChannelName',
    'SubscriberOverflow',
    'check_name',
    'decode_data',
    'encode_data',
    'format_id',
    'parse_id',
]

MAX_NAME_LENGTH = 200
"""The longest channel name accepted, in characters."""

_NAME = re.compile(r'[A-Za-z0-9_\-.:/@]+')
_ID = re.compile(r'([0-9]{1,20})-([0-9]{1,20})')
_U64 = 2**64

IdKey = tuple[int, int]


class ChannelsError(Exception):
    """Base class of the errors of :mod:`falcon.channels`."""


class BrokerUnavailable(ChannelsError, ConnectionError):
    """The broker cannot be reached (at start-up, or while publishing during an outage)."""


class SubscriberOverflow(ChannelsError):
    """A subscriber fell ``queue_size`` events behind under ``overflow='disconnect'``."""


class InvalidChannelName(ValueError, HTTPBadRequest):
    """A channel name is empty, too long or has a character outside ``A-Z a-z 0-9 _ - . : / @``.

    It is a ``ValueError``; raised while serving a request, it is answered with
    400 Bad Request, since names are usually built from the request.
    """

    def __init__(self, name: object, reason: str) -> None:
        HTTPBadRequest.__init__(self, title='Invalid channel name', description=reason)
        self.name = name

    def __str__(self) -> str:
        return f'Invalid channel name {self.name!r}: {self.description}'


def check_name(name: object) -> str:
    """Return ``name`` if it is a valid channel name.

    Raises:
        InvalidChannelName: It is not a ``str``, is empty or too long, or has a character
            outside ``A-Z a-z 0-9 _ - . : / @``.
    """
    if not isinstance(name, str):
        raise InvalidChannelName(name, 'a channel name is a str')
    if not name:
        raise InvalidChannelName(name, 'a channel name may not be empty')
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidChannelName(
            name[:40] + '...', f'a channel name has at most {MAX_NAME_LENGTH} characters'
        )
    if not _NAME.fullmatch(name):
        raise InvalidChannelName(
            name, 'a channel name may hold only ASCII letters, digits and _ - . : / @'
        )
    return name


def parse_id(text: object) -> IdKey | None:
    """The ``(ms, seq)`` pair of an event id, or ``None`` when ``text`` is not one."""
    if not isinstance(text, str):
        return None
    match = _ID.fullmatch(text)
    if match is None:
        return None
    ms, seq = int(match[1]), int(match[2])
    if ms >= _U64 or seq >= _U64:
        return None
    return ms, seq


def format_id(key: IdKey) -> str:
    """The text of the event id ``(ms, seq)``."""
    return f'{key[0]}-{key[1]}'


def encode_data(data: Any) -> bytes:
    """The JSON bytes an event's data travels as.

    Raises:
        TypeError: ``data`` cannot be serialized as JSON.
    """
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(',', ':'), allow_nan=False)
    except (TypeError, ValueError) as error:
        raise TypeError(f'Event data must be JSON-serializable: {error}') from error
    return text.encode('utf-8')


def decode_data(raw: bytes) -> Any:
    """The data of an event from its JSON bytes (``None`` if they are not JSON)."""
    try:
        return json.loads(raw)
    except ValueError:
        return None


class Event:
    """One published event, as a subscriber receives it.

    Attributes:
        id: The event id, ``'<ms>-<seq>'``; ids increase per channel.
        channel: The channel it was published on.
        data: The published data (decoded from JSON).
        raw: The data as JSON bytes.
        is_gap: ``False`` (see :class:`Gap`).
    """

    __slots__ = ('_blocks', 'channel', 'data', 'id', 'key', 'raw')

    is_gap = False

    def __init__(self, event_id: str, channel: str, raw: bytes, key: IdKey | None = None) -> None:
        self.id = event_id
        self.channel = channel
        self.raw = raw
        self.data = decode_data(raw)
        self.key: IdKey = key if key is not None else (parse_id(event_id) or (0, 0))
        self._blocks: dict[str | None, bytes] = {}

    def sse_block(self, event_type: str | None = None) -> bytes:
        """Render the event as a ``text/event-stream`` block (cached per event type).

        Args:
            event_type: The SSE ``event:`` field; ``None`` leaves it out (``message``).

        Returns:
            The block: ``id:``, one ``data:`` line per line of the data, a blank line.
        """
        block = self._blocks.get(event_type)
        if block is None:
            head = f'event: {event_type}\n' if event_type else ''
            lines = self.raw.replace(b'\r\n', b'\n').replace(b'\r', b'\n').split(b'\n')
            data = b''.join(b'data: ' + line + b'\n' for line in lines)
            block = f'{head}id: {self.id}\n'.encode() + data + b'\n'
            self._blocks[event_type] = block
        return block

    def ws_message(self) -> str:
        """Render the event as the JSON text message :meth:`Channels.join` sends.

        Returns:
            ``{"type": "event", "channel": ..., "id": ..., "data": ...}`` as text.
        """
        block = self._blocks.get('\x00ws')
        if block is None:
            block = (
                b'{"type":"event","channel":'
                + json.dumps(self.channel).encode()
                + b',"id":"'
                + self.id.encode()
                + b'","data":'
                + self.raw
                + b'}'
            )
            self._blocks['\x00ws'] = block
        return block.decode('utf-8')

    def __repr__(self) -> str:
        return f'Event(id={self.id!r}, channel={self.channel!r}, data={self.data!r})'


@dataclasses.dataclass(frozen=True)
class Gap:
    """A gap marker: events the subscriber will never receive were lost.

    Attributes:
        channel: The channel.
        after: The id of the last event delivered before the gap (``None`` if none was).
        reason: ``'history'`` (the events were no longer in the history when the subscriber
            resumed, or the broker lost them) or ``'overflow'`` (the subscriber's queue was
            full under ``overflow='drop_oldest'``).
        missed: How many events were lost, when it is known.
        is_gap: ``True``.
    """

    channel: str
    after: str | None
    reason: str
    missed: int | None = None

    is_gap = True

    def payload(self) -> dict[str, Any]:
        """Describe the marker.

        Returns:
            A dict of ``after``, ``reason`` and ``missed``, ready for JSON.
        """
        return {'after': self.after, 'reason': self.reason, 'missed': self.missed}

    def sse_block(self) -> bytes:
        """Render the marker as an SSE event of type ``gap``.

        It has no id, so the client's ``Last-Event-ID`` stays on the last event it received.

        Returns:
            The ``text/event-stream`` block, with the :meth:`payload` as JSON data.
        """
        return b'event: gap\ndata: ' + json.dumps(self.payload()).encode() + b'\n\n'

    def ws_message(self) -> str:
        """Render the marker as the JSON text message :meth:`Channels.join` sends.

        Returns:
            ``{"type": "gap", "channel": ..., "after": ..., ...}`` as text.
        """
        return json.dumps({'type': 'gap', 'channel': self.channel, **self.payload()})


@dataclasses.dataclass
class Counters:
    """What this process did on one channel.

    Each process (each worker) counts only what it did itself. Counters add up with ``+``,
    so the counters gathered from every worker make the whole deployment's:
    ``sum(per_worker, Counters())``.

    Attributes:
        published: Events published from this process.
        delivered: Events handed to subscribers in this process (one per subscriber).
        dropped: Events dropped because a subscriber's queue was full.
        subscribers: Subscribers in this process right now.
    """

    published: int = 0
    delivered: int = 0
    dropped: int = 0
    subscribers: int = 0

    def __add__(self, other: Counters) -> Counters:
        if not isinstance(other, Counters):
            return NotImplemented
        return Counters(
            self.published + other.published,
            self.delivered + other.delivered,
            self.dropped + other.dropped,
            self.subscribers + other.subscribers,
        )
