"""The broker protocol: what :class:`falcon.channels.Channels` needs from a store of events.

Rules: a broker keeps, per channel, the last ``history`` events with increasing ids
(``'<ms>-<seq>'``) and hands them out as :class:`Entry` pairs of id and JSON bytes. Every
method is a coroutine that runs on the caller's event loop, and a broker serves any number of
loops: what it holds for a loop (connections, wake-ups) belongs to that loop, and ``close()``
releases what belongs to the current one. ``read`` and ``listen`` flag a gap when events
after the requested id were deleted (trimmed from the history, or lost by the store) before
they could be returned. Unreachable stores raise :class:`BrokerUnavailable`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Protocol

__all__ = ['Batch', 'Broker', 'Entry']

Entry = tuple[str, bytes]
"""An event as a broker stores it: its id and its data as JSON bytes."""


@dataclasses.dataclass
class Batch:
    """Events read from a broker, in id order.

    Attributes:
        entries: The events.
        gap: Some events after the requested id were deleted before they could be read;
            they come before ``entries``.
    """

    entries: list[Entry]
    gap: bool = False


class Broker(Protocol):
    """What a broker provides (see :class:`MemoryBroker` and :class:`RedisBroker`)."""

    async def connect(self) -> None:
        """Make the broker usable from the current event loop.

        Raises:
            BrokerUnavailable: The store cannot be reached.
        """

    async def close(self) -> None:
        """Release what the broker holds for the current event loop; its listeners end."""

    async def publish(self, channel: str, payload: bytes, history: int) -> str:
        """Append an event, keep about the last ``history`` of the channel, return its id.

        Args:
            channel: The channel name.
            payload: The encoded event.
            history: About how many of the channel's last events to keep.

        Returns:
            The new event's id (``'<milliseconds>-<sequence>'``).

        Raises:
            BrokerUnavailable: The store cannot be reached.
        """
        raise NotImplementedError

    async def last_id(self, channel: str) -> str:
        """Return the id of the channel's last event.

        Args:
            channel: The channel name.

        Returns:
            The id, or ``'0-0'`` for a channel without events.

        Raises:
            BrokerUnavailable: The store cannot be reached.
        """
        raise NotImplementedError

    async def read(self, channel: str, after: str) -> Batch:
        """Return the events of the history whose id is greater than ``after``.

        Args:
            channel: The channel name.
            after: An event id; only later events are returned.

        Returns:
            The events kept after ``after``, and whether older ones after it were trimmed.

        Raises:
            BrokerUnavailable: The store cannot be reached.
        """
        raise NotImplementedError

    def listen(self, channel: str, after: str) -> AsyncIterator[Batch]:
        """Live events whose id is greater than ``after``, as they come.

        Broker faults are retried; the iterator ends when the broker is closed for this loop.

        Args:
            channel: The channel name.
            after: An event id; only later events are delivered.

        Returns:
            An async iterator of batches of events.

        Raises:
            NotImplementedError: A broker class does not provide it.
        """
        raise NotImplementedError
