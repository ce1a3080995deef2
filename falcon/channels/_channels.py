"""``Channels``: publish events, and subscribe to them from SSE streams and WebSockets.

Rules: a subscription lives exactly as long as its ``async with`` block (an SSE stream, a
``join()``), and so do its queue and, for the last subscriber of a channel on an event loop,
the one task (a hub) that reads that channel's live events from the broker and fans them out
to the subscribers on that loop. Each subscriber has a queue of at most ``queue_size``
events; on overflow, ``'drop_oldest'`` drops the oldest queued events (counted, and reported
to the subscriber by a gap marker) and ``'disconnect'`` ends the subscription with
:class:`SubscriberOverflow`.

Resuming after an id: the subscriber joins the hub first, waits until the hub knows its
starting position, then reads the history after the id, of which it replays the last
``history`` events at most, whatever the store kept (Redis trims approximately), with a gap
marker first when there were more. Every event is then in the history read or in the live
queue (or both): live events not newer than the last one delivered are skipped, so nothing
is missed or repeated at the seam. Events published from plain code go through
``publish_sync``, which runs the coroutine on an event loop (``falcon.bridge``) and refuses
to run on a thread that runs a loop, which it would block.
"""

from __future__ import annotations

import asyncio
import collections
import inspect
import logging
import weakref
from collections.abc import AsyncIterator, Callable
from typing import Any

from falcon.bridge._sync import run_awaitable
from falcon.channels._broker import Batch, Broker
from falcon.channels._events import (
    BrokerUnavailable,
    Counters,
    Event,
    Gap,
    IdKey,
    SubscriberOverflow,
    check_name,
    encode_data,
    parse_id,
)
from falcon.channels._memory import MemoryBroker
from falcon.core._errors import WebSocketDisconnected

__all__ = ['Channels', 'Subscription']

_log = logging.getLogger('falcon.channels')

OVERFLOW_POLICIES = ('drop_oldest', 'disconnect')
WS_TRY_AGAIN_LATER = 1013
SUBSCRIBED = b': subscribed\n\n'
"""The comment an SSE stream opens with once it is subscribed (a WSGI server sends the
headers with the first chunk, so the stream opens at once in both apps)."""

Item = Event | Gap

_UNUSED = Counters()
_CANCEL_ATTEMPTS = 100
_CANCEL_WAIT = 0.05


class _Hub:
    """The live events of one channel on one event loop, fanned out to its subscribers."""

    __slots__ = (
        'channel',
        'done',
        'failure',
        'position',
        'ready',
        'stopped',
        'subscribers',
        'task',
    )

    def __init__(self, channel: str, loop: asyncio.AbstractEventLoop) -> None:
        self.channel = channel
        self.subscribers: set[Subscription] = set()
        self.ready: asyncio.Future[None] = loop.create_future()
        self.position: IdKey = (0, 0)
        self.task: asyncio.Task[None] | None = None
        self.done = False
        self.stopped = False
        self.failure: BaseException | None = None

    async def run(self, owner: Channels) -> None:
        broker = owner.broker
        try:
            start = await broker.last_id(self.channel)
            self.position = parse_id(start) or (0, 0)
            if not self.ready.done():
                self.ready.set_result(None)
            async for batch in broker.listen(self.channel, start):
                if self.stopped:
                    break
                self.dispatch(batch, owner)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            _log.error('Channel %r: reading events failed', self.channel, exc_info=True)
            self.failure = error
        finally:
            self.done = True
            if not self.ready.done():
                self.ready.set_result(None)
            for subscriber in list(self.subscribers):
                subscriber._wake()

    def dispatch(self, batch: Batch, owner: Channels) -> None:
        channel = self.channel
        events = []
        for event_id, raw in batch.entries:
            key = parse_id(event_id)
            if key is None:
                continue
            events.append(Event(event_id, channel, raw, key))
        if events:
            self.position = events[-1].key
        for subscriber in list(self.subscribers):
            subscriber._push(events, batch.gap)


class Subscription:
    """A subscriber of one channel: an async context manager and an async iterator.

    Returned by :meth:`Channels.subscribe`. Inside ``async with``, iterating yields
    :class:`Event` objects and, where events were lost, :class:`Gap` markers (check
    ``item.is_gap``).

    Attributes:
        channel: The channel.
        last_id: The id of the last event yielded (or the id resumed after).
    """

    def __init__(self, owner: Channels, channel: str, after: str | None) -> None:
        self._owner = owner
        self.channel = channel
        self.last_id: str | None = after
        self._last_key: IdKey = parse_id(after) or (0, 0)
        self._after = after
        self._hub: _Hub | None = None
        # None in the queue marks where the broker lost events (a history gap)
        self._queue: collections.deque[Event | None] = collections.deque()
        self._backlog: collections.deque[Item] = collections.deque()
        self._limit = owner.queue_size
        self._disconnect = owner.overflow == 'disconnect'
        self._missed = 0
        self._lost_history = False
        self._overflowed = False
        self._waiter: asyncio.Future[None] | None = None
        self._entered = False

    async def __aenter__(self) -> Subscription:
        if self._entered:
            raise RuntimeError('A Subscription can be entered only once')
        self._entered = True
        owner = self._owner
        await owner._ready()
        hub = owner._hub(self.channel)
        self._hub = hub
        hub.subscribers.add(self)
        owner.counters(self.channel).subscribers += 1
        try:
            await asyncio.shield(hub.ready)
            if self._after is not None and parse_id(self._after) is not None:
                batch = await owner.broker.read(self.channel, self._after)
                entries = batch.entries
                if len(entries) > owner.history:
                    entries = entries[-owner.history :]  # the store kept more than promised
                if batch.gap or entries is not batch.entries:
                    self._backlog.append(Gap(self.channel, self._after, 'history'))
                for event_id, raw in entries:
                    key = parse_id(event_id)
                    if key is not None:
                        self._backlog.append(Event(event_id, self.channel, raw, key))
            else:
                self._last_key = hub.position
        except BaseException:
            await self._leave()
            raise
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._leave()

    async def _leave(self) -> None:
        hub, self._hub = self._hub, None
        if hub is None:
            return
        hub.subscribers.discard(self)
        self._owner._unsubscribed(self.channel)
        self._queue.clear()
        self._backlog.clear()
        await self._owner._release(hub)

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _push(self, events: list[Event], lost: bool) -> None:
        if self._overflowed:
            return
        queue = self._queue
        limit = self._limit
        if lost:
            queue.append(None)
        for index, event in enumerate(events):
            if len(queue) >= limit:
                if self._disconnect:
                    # what it holds is let go at once, before the subscriber wakes to end
                    self._overflowed = True
                    queued = sum(1 for item in queue if item is not None)
                    self._owner.counters(self.channel).dropped += queued + len(events) - index
                    queue.clear()
                    break
                if queue.popleft() is None:
                    self._lost_history = True  # reported before what is left
                else:
                    self._missed += 1
                    self._owner.counters(self.channel).dropped += 1
            queue.append(event)
        self._wake()

    def __aiter__(self) -> Subscription:
        return self

    async def __anext__(self) -> Item:
        if self._hub is None:
            raise RuntimeError('Iterate over a Subscription inside its "async with" block')
        counters = self._owner.counters(self.channel)
        while True:
            backlog = self._backlog
            if backlog:
                item = backlog.popleft()
                if isinstance(item, Event):
                    self._deliver(item, counters)
                return item
            if self._overflowed:
                raise SubscriberOverflow(
                    f'The subscriber of channel {self.channel!r} fell {self._limit} events '
                    'behind and was disconnected'
                )
            if self._lost_history:
                self._lost_history = False
                return Gap(self.channel, self.last_id, 'history')
            if self._missed:
                missed, self._missed = self._missed, 0
                return Gap(self.channel, self.last_id, 'overflow', missed)
            queue = self._queue
            while queue:
                event = queue.popleft()
                if event is None:
                    return Gap(self.channel, self.last_id, 'history')
                if event.key > self._last_key:
                    self._deliver(event, counters)
                    return event
            hub = self._hub
            if hub is None or hub.done:
                raise StopAsyncIteration
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None

    def _deliver(self, event: Event, counters: Counters) -> None:
        self._last_key = event.key
        self.last_id = event.id
        counters.delivered += 1


class Channels:
    """Named channels of events with a resumable history, for SSE streams and WebSockets.

    Add it as middleware of either kind of app: it connects to the broker at lifespan
    startup and disconnects at shutdown (and connects on first use where there is no
    lifespan, as in ``falcon.App``).

    Args:
        broker: Where events are kept: a :class:`MemoryBroker` (the default: this process
            only) or a :class:`RedisBroker` (every worker and host).
        history: Events kept per channel for subscribers that resume.
        queue_size: Events queued per subscriber before the overflow policy applies.
        overflow: ``'drop_oldest'`` (drop the oldest queued events, count them, and send a
            gap marker) or ``'disconnect'`` (end the slow subscriber: an SSE stream ends, a
            WebSocket is closed with 1013).

    Raises:
        ValueError: ``history`` or ``queue_size`` is below 1, or ``overflow`` is unknown.
    """

    def __init__(
        self,
        broker: Broker | None = None,
        *,
        history: int = 1000,
        queue_size: int = 1000,
        overflow: str = 'drop_oldest',
    ) -> None:
        if isinstance(history, bool) or not isinstance(history, int) or history < 1:
            raise ValueError('history must be an int of at least 1')
        if isinstance(queue_size, bool) or not isinstance(queue_size, int) or queue_size < 1:
            raise ValueError('queue_size must be an int of at least 1')
        if overflow not in OVERFLOW_POLICIES:
            raise ValueError(f"overflow must be 'drop_oldest' or 'disconnect', not {overflow!r}")
        self.broker: Broker = broker if broker is not None else MemoryBroker()
        self.history = history
        self.queue_size = queue_size
        self.overflow = overflow
        self._counters: dict[str, Counters] = {}
        self._hubs: dict[asyncio.AbstractEventLoop, dict[str, _Hub]] = {}
        self._connected: weakref.WeakSet[asyncio.AbstractEventLoop] = weakref.WeakSet()

    # -- lifespan ------------------------------------------------------------------------------

    async def process_startup(self, scope: Any, event: Any) -> None:
        """Connect to the broker (an unreachable broker fails the startup).

        Args:
            scope: The ASGI lifespan scope.
            event: The ``lifespan.startup`` event.
        """
        await self._ready()

    async def process_shutdown(self, scope: Any, event: Any) -> None:
        """End this loop's subscriptions and disconnect from the broker.

        Args:
            scope: The ASGI lifespan scope.
            event: The ``lifespan.shutdown`` event.
        """
        await self.aclose()

    async def aclose(self) -> None:
        """End the subscriptions running on the current event loop and disconnect."""
        loop = asyncio.get_running_loop()
        hubs = list(self._hubs.pop(loop, {}).values())
        await asyncio.gather(*(self._stop(hub) for hub in hubs))
        self._connected.discard(loop)
        await self.broker.close()

    async def _ready(self) -> None:
        loop = asyncio.get_running_loop()
        if loop in self._connected:
            return
        try:
            await self.broker.connect()
        except BrokerUnavailable:
            raise
        except Exception as error:
            raise BrokerUnavailable(f'The channels broker cannot be reached: {error}') from error
        self._connected.add(loop)

    # -- hubs ----------------------------------------------------------------------------------

    def _hub(self, channel: str) -> _Hub:
        loop = asyncio.get_running_loop()
        hubs = self._hubs.setdefault(loop, {})
        hub = hubs.get(channel)
        if hub is None or hub.done:
            hub = hubs[channel] = _Hub(channel, loop)
            hub.task = loop.create_task(hub.run(self), name=f'falcon.channels hub {channel}')
        return hub

    async def _release(self, hub: _Hub) -> None:
        if hub.subscribers:
            return
        loop = asyncio.get_running_loop()
        hubs = self._hubs.get(loop)
        if hubs is not None and hubs.get(hub.channel) is hub:
            del hubs[hub.channel]
            if not hubs:
                del self._hubs[loop]
        await self._stop(hub)

    @staticmethod
    async def _stop(hub: _Hub) -> None:
        hub.stopped = True
        task = hub.task
        # A client library may swallow a cancellation that races with its own timeouts
        # (redis-py's blocking reads do): cancel again until the task is gone; failing
        # that, it sees ``stopped`` when its current read returns.
        for _ in range(_CANCEL_ATTEMPTS):
            if task is None or task.done():
                break
            task.cancel()
            await asyncio.wait((task,), timeout=_CANCEL_WAIT)
        if task is not None and task.done() and not task.cancelled():
            task.exception()

    # -- publishing ----------------------------------------------------------------------------

    def counters(self, channel: str) -> Counters:
        """Return the counters of ``channel`` in this process.

        A channel that was only subscribed to, by subscribers who have all left, has none
        kept.

        Args:
            channel: The channel name.

        Returns:
            The channel's :class:`Counters`, updated as events flow.
        """
        counters = self._counters.get(channel)
        if counters is None:
            counters = self._counters[channel] = Counters()
        return counters

    def _unsubscribed(self, channel: str) -> None:
        counters = self.counters(channel)
        counters.subscribers -= 1
        if counters == _UNUSED:
            del self._counters[channel]  # names that only saw subscribers leave no trace

    def stats(self) -> dict[str, Counters]:
        """Return the counters of every channel this process has used.

        Returns:
            A new dict of channel names to their :class:`Counters`.
        """
        return dict(self._counters)

    async def publish(self, channel: str, data: Any) -> str:
        """Publish ``data`` (JSON-serializable) on ``channel`` and return the event id.

        Args:
            channel: The channel name.
            data: The event data; subscribers receive it decoded from JSON.

        Returns:
            The event id, which clients can resume after.

        Raises:
            InvalidChannelName: The channel name is invalid (a ``ValueError``).
            TypeError: ``data`` is not JSON-serializable.
            BrokerUnavailable: The broker cannot be reached.
        """
        check_name(channel)
        payload = encode_data(data)
        await self._ready()
        event_id = await self.broker.publish(channel, payload, self.history)
        self.counters(channel).published += 1
        return event_id

    def publish_sync(self, channel: str, data: Any) -> str:
        """:meth:`publish` from plain code (WSGI apps, plain responders); waits for the id.

        Args:
            channel: The channel name.
            data: The event data; subscribers receive it decoded from JSON.

        Returns:
            The event id.

        Raises:
            RuntimeError: Called on a thread that runs an event loop, which it would block
                (``await channels.publish(...)`` there).
            InvalidChannelName: The channel name is invalid (a ``ValueError``).
            TypeError: ``data`` is not JSON-serializable.
            BrokerUnavailable: The broker cannot be reached.
        """
        check_name(channel)
        encode_data(data)
        if asyncio._get_running_loop() is not None:
            raise RuntimeError(
                'publish_sync() would block the event loop running on this thread; '
                'use "await channels.publish(...)" in async code'
            )
        return run_awaitable(self.publish(channel, data))

    # -- subscribing ---------------------------------------------------------------------------

    def subscribe(self, channel: str, after: str | None = None) -> Subscription:
        """Subscribe to ``channel``: ``async with channels.subscribe(name) as sub``.

        Args:
            channel: The channel name.
            after: An event id: the history after it is replayed first (a :class:`Gap`
                first when part of it is gone). ``None``, or a string that is not an event
                id, subscribes to new events only.

        Returns:
            The :class:`Subscription`, to enter with ``async with`` and iterate.

        Raises:
            InvalidChannelName: The channel name is invalid (a ``ValueError``).
        """
        check_name(channel)
        return Subscription(self, channel, after if parse_id(after) is not None else None)

    def sse(
        self,
        channel: str,
        req: Any = None,
        *,
        after: str | None = None,
        event: str | None = None,
        retry: int | None = None,
    ) -> AsyncIterator[bytes]:
        """The events of ``channel`` as an SSE emitter, for ``resp.sse`` in either app.

        Args:
            channel: The channel name.
            req: The request: the stream resumes after its ``Last-Event-ID`` (a malformed
                one is ignored).
            after: An event id to resume after, instead of the request's.
            event: The SSE event type of the events (``message`` by default).
            retry: A reconnection delay for the client, in milliseconds, sent first.

        The stream opens with the comment ``: subscribed`` once the subscription is in
        place: every event published after it reaches the client.

        Returns:
            An async iterator of SSE bytes, to assign to ``resp.sse``.

        Raises:
            InvalidChannelName: The channel name is invalid (answered with 400).
        """
        check_name(channel)
        if event is not None and ('\r' in event or '\n' in event):
            raise ValueError('The SSE event type may not contain CR or LF')
        if retry is not None and (isinstance(retry, bool) or not isinstance(retry, int)):
            raise TypeError('retry must be an int (milliseconds)')
        if after is None and req is not None:
            after = req.get_header('Last-Event-ID')
        return self._sse(self.subscribe(channel, after), event, retry)

    async def _sse(
        self, subscription: Subscription, event: str | None, retry: int | None
    ) -> AsyncIterator[bytes]:
        if retry is not None:
            yield b'retry: %d\n\n' % retry
        async with subscription:
            yield SUBSCRIBED
            try:
                async for item in subscription:
                    if isinstance(item, Event):
                        yield item.sse_block(event)
                    else:
                        yield item.sse_block()
            except SubscriberOverflow:
                return

    async def join(
        self,
        ws: Any,
        channel: str,
        *,
        after: str | None = None,
        on_message: Callable[[Any], Any] | None = None,
    ) -> None:
        """Forward the events of ``channel`` to an accepted WebSocket until the client leaves.

        Each event is sent as the JSON text ``{"type": "event", "channel": ..., "id": ...,
        "data": ...}`` and each gap marker as ``{"type": "gap", "channel": ..., "after":
        ..., "reason": ..., "missed": ...}``. Messages from the client are received
        meanwhile (so its departure is noticed) and, deserialized with the WebSocket's media
        handlers (JSON for text), passed to ``on_message`` (plain or ``async def``); a
        message that cannot be deserialized is skipped. A subscriber disconnected for
        falling behind (``overflow='disconnect'``) is closed with 1013.

        Args:
            ws: The accepted ``falcon.asgi.WebSocket``.
            channel: The channel name.
            after: An event id to resume after (see :meth:`subscribe`).
            on_message: Called with each message the client sends.

        Raises:
            InvalidChannelName: The channel name is invalid.
        """
        async with self.subscribe(channel, after) as subscription:
            forward = asyncio.ensure_future(self._forward(ws, subscription))
            receive = asyncio.ensure_future(self._receive(ws, on_message))
            try:
                await asyncio.wait((forward, receive), return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in (forward, receive):
                    task.cancel()
                await asyncio.gather(forward, receive, return_exceptions=True)
            for task in (forward, receive):
                if task.cancelled():
                    continue
                error = task.exception()
                if isinstance(error, SubscriberOverflow):
                    await ws.close(WS_TRY_AGAIN_LATER)
                elif error is not None and not isinstance(error, WebSocketDisconnected):
                    raise error

    @staticmethod
    async def _forward(ws: Any, subscription: Subscription) -> None:
        async for item in subscription:
            await ws.send_text(item.ws_message())

    @staticmethod
    async def _receive(ws: Any, on_message: Callable[[Any], Any] | None) -> None:
        while True:
            try:
                message = await ws.receive_media()
            except ValueError:
                continue
            if on_message is not None:
                result = on_message(message)
                if inspect.isawaitable(result):
                    await result
