"""Keep-alive pings for streamed responses: one shared timer per event loop and interval.

Rules: a stream that has sent nothing for ``interval`` seconds gets ``ping`` sent for it
(an SSE ``: ping`` comment), so proxies keep the connection open and a vanished client is
noticed. The ping goes out while the stream's own task waits on its source, so it is sent
by a short task of its own, never while the stream is sending a chunk, and the stream waits
for it before its next chunk.

Strategy: idle connections are the unit of scale, so an idle stream holds no timer and no
task. The streams of one loop and interval sit in one dict ordered by their last send
(``Ticker.active``); a send moves the stream to the end, so the first entries are the ones
due first, and one ``TimerHandle`` is scheduled for the earliest deadline. When it fires,
the due streams are pinged (and so move to the end), and the timer is scheduled again for
the new first entry; with no stream left, there is no timer at all.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, cast

__all__ = ['KeepAlive', 'Ticker', 'ticker_for']

Send = Callable[[dict[str, Any]], Awaitable[None]]


class KeepAlive:
    """One stream's keep-alive state, registered with the loop's :class:`Ticker`.

    The sender of a stream subclasses it, so that a stream holds one object for both.

    Attributes:
        ticker: The ticker pinging this stream (set by :meth:`Ticker.add`).
        send: The ASGI ``send`` of the response (set by :meth:`Ticker.add`).
        sending: Whether the stream is sending a chunk (no ping then).
        ping_task: The ping being sent, if any.
        failure: The exception a ping's ``send`` raised, if any.
    """

    __slots__ = ('failure', 'ping_task', 'send', 'sending', 'ticker')

    ticker: Ticker
    send: Send

    def __init__(self) -> None:
        self.sending = False
        self.ping_task: asyncio.Future[None] | None = None
        self.failure: BaseException | None = None

    def stop(self) -> None:
        """Stop the stream's sender: called once, when a ping fails."""

    def sent(self) -> None:
        """Record a send: the next ping is due ``interval`` seconds from now."""
        # PERF: a send costs a clock read and a dict move, never a timer reset.
        active = self.ticker.active
        active.pop(self, None)
        active[self] = self.ticker.loop.time()

    def _ping_done(self, task: asyncio.Future[None]) -> None:
        self.ping_task = None
        if not task.cancelled() and task.exception() is not None and self.failure is None:
            self.failure = task.exception()
            self.stop()


class Ticker:
    """Pings the idle streams of one loop that share one interval."""

    __slots__ = (
        '__weakref__',
        'active',
        'interval',
        'loop',
        'loop_ref',
        'ping',
        'ping_bytes',
        'timer',
    )

    def __init__(self, loop: asyncio.AbstractEventLoop, interval: float, ping: bytes) -> None:
        # A proxy: the loop is the key of this ticker in a WeakKeyDictionary, so a strong
        # reference here would keep every loop that ever served a stream alive.
        self.loop = cast(asyncio.AbstractEventLoop, weakref.proxy(loop))
        self.loop_ref = weakref.ref(loop)
        self.interval = interval
        self.ping_bytes = ping
        self.ping = {'type': 'http.response.body', 'body': ping, 'more_body': True}
        self.active: dict[KeepAlive, float] = {}
        self.timer: asyncio.TimerHandle | None = None

    def add(self, stream: KeepAlive, send: Send) -> None:
        """Register a stream that has just started, sending with ``send``; it is due in
        ``interval`` seconds."""
        stream.ticker = self
        stream.send = send
        now = self.loop.time()
        self.active[stream] = now
        if self.timer is None:
            self.timer = self.loop.call_at(now + self.interval, self._tick)

    def remove(self, stream: KeepAlive) -> None:
        """Forget a finished stream (and stop its ping, if one is being sent)."""
        self.active.pop(stream, None)
        ping = stream.ping_task
        if ping is not None and not ping.done():
            ping.cancel()
        if not self.active and self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def _tick(self) -> None:
        self.timer = None
        now = self.loop.time()
        due_before = now - self.interval
        due = []
        for stream, last_sent in self.active.items():
            if last_sent > due_before:
                break
            due.append(stream)
        for stream in due:
            # Pinged or not (busy sending, or the last ping still on its way), the stream
            # is due again one interval from now.
            del self.active[stream]
            self.active[stream] = now
            if stream.sending or stream.ping_task is not None or stream.failure is not None:
                continue
            task = asyncio.ensure_future(stream.send(self.ping), loop=self.loop)
            stream.ping_task = task
            task.add_done_callback(stream._ping_done)
        for last_sent in self.active.values():
            self.timer = self.loop.call_at(last_sent + self.interval, self._tick)
            break


_TICKERS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[tuple[float, bytes], Ticker]]
_TICKERS = weakref.WeakKeyDictionary()
_last_ticker: Ticker | None = None


def ticker_for(interval: float, ping: bytes) -> Ticker:
    """The running loop's ticker for ``interval`` seconds and this ``ping``."""
    # PERF: the ticker found last is checked first: on the usual server (one loop, one
    # interval) an open costs no weak-key lookup, which makes a weak reference each time.
    global _last_ticker
    loop = asyncio.get_running_loop()
    last = _last_ticker
    if (
        last is not None
        and last.loop_ref() is loop
        and last.interval == interval
        and last.ping_bytes is ping
    ):
        return last
    tickers = _TICKERS.get(loop)
    if tickers is None:
        tickers = _TICKERS[loop] = {}
    key = (interval, ping)
    ticker = tickers.get(key)
    if ticker is None:
        ticker = tickers[key] = Ticker(loop, interval, ping)
    _last_ticker = ticker
    return ticker
