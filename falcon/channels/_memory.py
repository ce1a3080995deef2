"""The in-process broker: channels in this process's memory.

Rules: one store per broker object, shared by every thread and event loop of the process
(guarded by a lock). Each channel keeps its last ``history`` events in a deque; ids follow
the Redis Streams rule (a millisecond clock, never going back per channel, then a sequence
number). A listener is woken on its own loop (``call_soon_threadsafe`` from other threads),
reads what came after its position under the lock, and so never misses or repeats an event.
A channel that has events lives as long as the broker (its memory bounded by ``history``);
one that was only listened to is forgotten when its last listener leaves.
"""

from __future__ import annotations

import asyncio
import collections
import threading
import time
from collections.abc import AsyncIterator

from falcon.channels._broker import Batch, Entry
from falcon.channels._events import IdKey, format_id, parse_id

__all__ = ['MemoryBroker']


class _Listener:
    __slots__ = ('closed', 'loop', 'wake')

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.wake = asyncio.Event()
        self.closed = False

    def notify(self) -> None:
        try:
            if asyncio._get_running_loop() is self.loop:
                self.wake.set()
            else:
                self.loop.call_soon_threadsafe(self.wake.set)
        except RuntimeError:
            self.closed = True  # its loop is closed: the listener is gone with it


class _Stream:
    __slots__ = ('entries', 'last', 'listeners', 'max_deleted')

    def __init__(self) -> None:
        self.entries: collections.deque[tuple[IdKey, Entry]] = collections.deque()
        self.last: IdKey = (0, 0)
        self.max_deleted: IdKey = (0, 0)
        self.listeners: set[_Listener] = set()

    def since(self, after: IdKey) -> Batch:
        found: list[Entry] = []
        for key, entry in reversed(self.entries):
            if key <= after:
                break
            found.append(entry)
        found.reverse()
        return Batch(found, gap=self.max_deleted > after)


class MemoryBroker:
    """Channels kept in this process's memory: the default broker.

    Events reach the subscribers of this process only; use :class:`RedisBroker` for several
    workers or hosts.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._streams: dict[str, _Stream] = {}

    def _stream(self, channel: str) -> _Stream:
        stream = self._streams.get(channel)
        if stream is None:
            stream = self._streams[channel] = _Stream()
        return stream

    async def connect(self) -> None:
        """Nothing to connect to."""

    async def close(self) -> None:
        """End the listeners running on the current event loop."""
        loop = asyncio.get_running_loop()
        with self._lock:
            for stream in self._streams.values():
                for listener in stream.listeners:
                    if listener.loop is loop:
                        listener.closed = True
                        listener.wake.set()

    async def publish(self, channel: str, payload: bytes, history: int) -> str:
        """Append an event to the channel's history and wake its listeners.

        Args:
            channel: The channel name.
            payload: The encoded event.
            history: About how many of the channel's last events to keep.

        Returns:
            The new event's id (``'<milliseconds>-<sequence>'``).
        """
        now = time.time_ns() // 1_000_000
        with self._lock:
            stream = self._stream(channel)
            ms, seq = stream.last
            key = (now, 0) if now > ms else (ms, seq + 1)
            stream.last = key
            event_id = format_id(key)
            entries = stream.entries
            entries.append((key, (event_id, payload)))
            while len(entries) > history:
                stream.max_deleted = entries.popleft()[0]
            listeners = list(stream.listeners)
        for listener in listeners:
            listener.notify()
        return event_id

    async def last_id(self, channel: str) -> str:
        """Return the id of the channel's last event.

        Args:
            channel: The channel name.

        Returns:
            The id, or ``'0-0'`` for a channel without events.
        """
        with self._lock:
            stream = self._streams.get(channel)
            return format_id(stream.last) if stream is not None else '0-0'

    async def read(self, channel: str, after: str) -> Batch:
        """Return the events of the history after ``after``.

        Args:
            channel: The channel name.
            after: An event id; only later events are returned.

        Returns:
            The events kept after ``after``, and whether older ones after it were trimmed.
        """
        key = parse_id(after) or (0, 0)
        with self._lock:
            stream = self._streams.get(channel)
            return stream.since(key) if stream is not None else Batch([])

    async def listen(self, channel: str, after: str) -> AsyncIterator[Batch]:
        """Live events after ``after``; ends when :meth:`close` runs on this loop.

        Args:
            channel: The channel name.
            after: An event id; only later events are delivered.

        Returns:
            An async iterator of batches of events.
        """
        listener = _Listener(asyncio.get_running_loop())
        position = parse_id(after) or (0, 0)
        with self._lock:
            self._stream(channel).listeners.add(listener)
        try:
            while not listener.closed:
                with self._lock:
                    batch = self._stream(channel).since(position)
                if batch.entries:
                    position = parse_id(batch.entries[-1][0]) or position
                    yield batch
                elif batch.gap:
                    position = self._streams[channel].last
                    yield batch
                else:
                    await listener.wake.wait()
                    listener.wake.clear()
        finally:
            with self._lock:
                stream = self._streams.get(channel)
                if stream is not None:
                    stream.listeners.discard(listener)
                    if not stream.listeners and not stream.entries and stream.last == (0, 0):
                        del self._streams[channel]  # subscribed to, never published on
