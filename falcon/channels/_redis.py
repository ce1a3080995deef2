"""The Redis broker: one Redis Stream per channel, shared by every worker and host.

Rules: every command touches one key (the channel's stream, ``prefix + channel``), so the
broker works on Redis Cluster. Publishing is ``XADD`` with an approximate ``MAXLEN ~
history`` and an ``EXPIRE`` refreshing the channel's ``ttl``, in one ``MULTI`` on that key;
history is ``XRANGE``; live events are ``XREAD BLOCK`` from the last id seen, so after a lost
connection (retried with exponential backoff) a listener resumes where it stopped. Gaps are
found with ``XINFO STREAM``: events were lost after an id when entries were trimmed and the
first one left is past it, when ``max-deleted-entry-id`` is past it, or when the stream's
``last-generated-id`` is behind it (the stream was lost). A client is created per event
loop (redis-py's asyncio connections belong to one loop), and a command that fails on a
pooled connection is sent once more at once (the connection may have gone stale while Redis
restarted). Publishing while Redis is unreachable raises :class:`BrokerUnavailable` at once,
or after retrying for ``publish_timeout`` seconds; it never blocks the loop.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from falcon.channels._broker import Batch, Entry
from falcon.channels._events import BrokerUnavailable, IdKey, parse_id

__all__ = ['RedisBroker']

_log = logging.getLogger('falcon.channels')

_FIELD = b'd'
_PAGE = 1000


def _text(value: Any) -> str:
    return value.decode('ascii') if isinstance(value, bytes) else str(value)


def _safe_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rpartition('@')[2]
    user = parts.username or ''
    return urlunsplit(parts._replace(netloc=f'{user}:***@{netloc}'))


class RedisBroker:
    """Channels kept in Redis Streams, so events reach every worker and host.

    Needs redis-py (``pip install 'falcon[redis]'``) and Redis 7 or newer.

    Args:
        url: The Redis URL (``redis://host:port/db``, ``rediss://`` for TLS).
        prefix: Prepended to channel names to make stream keys.
        ttl: Seconds an idle channel (no event published) keeps its history.
        publish_timeout: Seconds ``publish`` keeps retrying while Redis is unreachable
            before it raises :class:`BrokerUnavailable`; ``0`` raises at once.
        block: Seconds each ``XREAD BLOCK`` waits for live events.
        connect_timeout: Seconds to wait for a connection.
        backoff: The first and the longest delay between reconnection attempts, in seconds.
        client_factory: Builds the ``redis.asyncio`` client for an event loop (for example
            a ``redis.asyncio.RedisCluster``); ``url`` and the timeouts are ignored then.

    Raises:
        ImportError: redis-py is not installed.
    """

    def __init__(
        self,
        url: str = 'redis://127.0.0.1:6379/0',
        *,
        prefix: str = 'falcon:channel:',
        ttl: int = 86400,
        publish_timeout: float = 0.0,
        block: float = 2.0,
        connect_timeout: float = 2.0,
        backoff: tuple[float, float] = (0.05, 2.0),
        client_factory: Callable[[], Any] | None = None,
    ) -> None:
        try:
            import redis.asyncio  # noqa: F401
        except ImportError as error:  # pragma: no cover - depends on the installation
            raise ImportError("RedisBroker needs redis-py: pip install 'falcon[redis]'") from error
        if ttl < 1:
            raise ValueError('ttl must be at least 1 second')
        self.url = url
        self.prefix = prefix
        self.ttl = int(ttl)
        self.publish_timeout = publish_timeout
        self.block = block
        self.connect_timeout = connect_timeout
        self.backoff = backoff
        self._client_factory = client_factory
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any] = (
            weakref.WeakKeyDictionary()
        )
        self._errors: tuple[type[BaseException], ...] = ()

    def __repr__(self) -> str:
        return f'RedisBroker({_safe_url(self.url)!r})'

    def _faults(self) -> tuple[type[BaseException], ...]:
        if not self._errors:
            import redis.exceptions

            self._errors = (
                redis.exceptions.ConnectionError,
                redis.exceptions.TimeoutError,
                OSError,
            )
        return self._errors

    def _new_client(self) -> Any:
        if self._client_factory is not None:
            return self._client_factory()
        import redis.asyncio
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff

        return redis.asyncio.Redis.from_url(
            self.url,
            socket_connect_timeout=self.connect_timeout,
            socket_timeout=self.block + 5.0,
            retry=Retry(NoBackoff(), 0),
            retry_on_timeout=False,
        )

    def _client(self) -> Any:
        loop = asyncio.get_running_loop()
        client = self._clients.get(loop)
        if client is None:
            client = self._clients[loop] = self._new_client()
        return client

    def _unavailable(self, error: BaseException) -> BrokerUnavailable:
        return BrokerUnavailable(f'Redis at {_safe_url(self.url)} is unreachable: {error}')

    async def connect(self) -> None:
        """Connect from the current loop and check that Redis answers.

        Raises:
            BrokerUnavailable: Redis cannot be reached.
        """
        client = self._client()
        try:
            await client.ping()
        except self._faults() as error:
            raise self._unavailable(error) from error

    async def close(self) -> None:
        """Close the current loop's client; its listeners end."""
        loop = asyncio.get_running_loop()
        client = self._clients.pop(loop, None)
        if client is not None:
            await client.aclose()

    async def publish(self, channel: str, payload: bytes, history: int) -> str:
        """``XADD`` with ``MAXLEN ~ history`` and ``EXPIRE ttl``, in one ``MULTI``.

        Args:
            channel: The channel name.
            payload: The encoded event.
            history: About how many of the channel's last events to keep.

        Returns:
            The new event's id (``'<milliseconds>-<sequence>'``).

        Raises:
            BrokerUnavailable: Redis stayed unreachable for ``publish_timeout`` seconds.
        """
        key = self.prefix + channel
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.publish_timeout
        delay, longest = self.backoff
        while True:
            try:
                result = await self._twice(self._append, key, payload, history)
                return _text(result[0])
            except self._faults() as error:
                if loop.time() + delay > deadline:
                    raise self._unavailable(error) from error
            await asyncio.sleep(delay)
            delay = min(delay * 2, longest)

    async def _append(self, key: str, payload: bytes, history: int) -> Any:
        pipe = self._client().pipeline(transaction=True)
        pipe.xadd(key, {_FIELD: payload}, maxlen=history, approximate=True)
        pipe.expire(key, self.ttl)
        return await pipe.execute()

    async def _twice(self, command: Callable[..., Any], *args: Any) -> Any:
        try:
            return await command(*args)
        except self._faults():
            return await command(*args)

    async def last_id(self, channel: str) -> str:
        """Return the id of the last event of the channel's stream.

        Args:
            channel: The channel name.

        Returns:
            The id, or ``'0-0'`` for a channel without events.
        """
        client = self._client()
        entries = await self._twice(client.xrevrange, self.prefix + channel, '+', '-', 1)
        return _text(entries[0][0]) if entries else '0-0'

    async def _lost(self, key: str, after: IdKey, before: IdKey | None) -> bool:
        """Whether events after ``after`` (and before ``before``) were deleted or lost."""
        try:
            info = await self._twice(self._client().xinfo_stream, key)
        except self._faults():
            raise
        except Exception:  # no such key: nothing after ``after`` was ever kept
            return False
        fields = {_text(name): value for name, value in info.items()}
        generated = parse_id(_text(fields.get('last-generated-id', '0-0'))) or (0, 0)
        if generated < after:
            return True  # the stream is behind the id: it was lost and started again
        deleted = parse_id(_text(fields.get('max-deleted-entry-id', '0-0'))) or (0, 0)
        if after < deleted and (before is None or deleted < before):
            return True
        removed = int(fields.get('entries-added', 0)) - int(fields.get('length', 0))
        first = fields.get('first-entry')
        first_key = parse_id(_text(first[0])) if first else None
        # Trimming removes the oldest entries: some came after ``after`` when ``after`` is
        # older than the first entry left. (When ``after`` was the newest entry trimmed,
        # this reports a gap that did not happen: the safe side.)
        return removed > 0 and first_key is not None and after < first_key

    async def read(self, channel: str, after: str) -> Batch:
        """Return the stream's events after ``after`` (``XRANGE``).

        Args:
            channel: The channel name.
            after: An event id; only later events are returned.

        Returns:
            The events kept after ``after``, and whether older ones after it were trimmed.
        """
        key = self.prefix + channel
        client = self._client()
        entries: list[Entry] = []
        start = after
        while True:
            page = await self._twice(client.xrange, key, f'({start}', '+', _PAGE)
            entries.extend(
                (_text(event_id), fields.get(_FIELD, b'null')) for event_id, fields in page
            )
            if len(page) < _PAGE:
                break
            start = entries[-1][0]
        first = parse_id(entries[0][0]) if entries else None
        return Batch(entries, gap=await self._lost(key, parse_id(after) or (0, 0), first))

    async def listen(self, channel: str, after: str) -> AsyncIterator[Batch]:
        """Live events after ``after`` (``XREAD BLOCK``), reconnecting with backoff.

        Args:
            channel: The channel name.
            after: An event id; only later events are delivered.

        Returns:
            An async iterator of batches of events.
        """
        loop = asyncio.get_running_loop()
        key = self.prefix + channel
        position = after
        first_delay, longest = self.backoff
        delay = first_delay
        check = False
        block_ms = max(1, int(self.block * 1000))
        while True:
            client = self._clients.get(loop)
            if client is None:
                return
            try:
                if check:
                    lost = await self._lost(key, parse_id(position) or (0, 0), None)
                    check = False
                    if lost:
                        yield Batch([], gap=True)
                response = await client.xread({key: position}, count=_PAGE, block=block_ms)
            except self._faults() as error:
                _log.warning(
                    'Channel %r: Redis connection lost (%s); retrying in %.2fs',
                    channel,
                    error,
                    delay,
                )
                check = True
                await asyncio.sleep(delay)
                delay = min(delay * 2, longest)
                continue
            if delay != first_delay:
                _log.warning('Channel %r: Redis connection restored', channel)
                delay = first_delay
            if not response:
                yield Batch([])  # idle: lets the reader stop between blocking reads
                continue
            entries: list[Entry] = []
            for _, stream_entries in response:
                entries.extend(
                    (_text(event_id), fields.get(_FIELD, b'null'))
                    for event_id, fields in stream_entries
                )
            if entries:
                position = entries[-1][0]
                check = len(entries) >= _PAGE
                yield Batch(entries)
