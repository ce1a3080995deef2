"""Streamed response bodies over ASGI: one watcher task per response, shared keep-alive pings."""

from __future__ import annotations

import asyncio
import gc
import time
import weakref
from collections.abc import AsyncIterator
from typing import Any

import pytest

import falcon.asgi
from falcon.asgi._body import Sending, send_streamed
from falcon.asgi._keep_alive import ticker_for

PING = b': ping\n\n'


def live_timers() -> int:
    loop = asyncio.get_running_loop()
    return sum(1 for handle in getattr(loop, '_scheduled', ()) if not handle.cancelled())


class Peer:
    """The server side of one response: records what is sent, leaves on request."""

    def __init__(self, fail_on: bytes | None = None) -> None:
        self.sent: list[bytes] = []
        self.more: list[bool] = []
        self.gone = asyncio.Event()
        self.fail_on = fail_on

    async def send(self, event: dict[str, Any]) -> None:
        if self.fail_on is not None and event.get('body') == self.fail_on:
            raise OSError('the client is gone')
        self.sent.append(event['body'])
        self.more.append(event['more_body'])

    async def receive(self) -> dict[str, Any]:
        await self.gone.wait()
        return {'type': 'http.disconnect'}


async def waiting_source(first: bytes, release: asyncio.Event) -> AsyncIterator[bytes]:
    yield first
    await release.wait()
    yield b'last'


async def test_an_idle_stream_is_pinged_by_a_shared_timer() -> None:
    release = asyncio.Event()
    peers = [Peer() for _ in range(3)]
    failures: list[BaseException] = []
    timers = live_timers()
    senders = [
        asyncio.ensure_future(
            send_streamed(
                waiting_source(b'first', release),
                peer.send,
                peer.receive,
                failures.append,
                keep_alive=(0.05, PING),
            )
        )
        for peer in peers
    ]
    await asyncio.sleep(0.01)
    assert live_timers() == timers + 1
    await asyncio.sleep(0.2)
    release.set()
    assert await asyncio.gather(*senders) == [True, True, True]
    for peer in peers:
        assert peer.sent[0] == b'first'
        assert peer.sent[-2:] == [b'last', b'']
        assert set(peer.sent[1:-2]) == {PING}
        assert 3 <= len(peer.sent[1:-2]) <= 5
        assert peer.more == [True] * (len(peer.sent) - 1) + [False]
    assert failures == []
    assert live_timers() == timers


async def test_a_busy_stream_is_not_pinged() -> None:
    async def steady() -> AsyncIterator[bytes]:
        for _ in range(20):
            await asyncio.sleep(0.01)
            yield b'tick'

    peer = Peer()
    assert await send_streamed(
        steady(), peer.send, peer.receive, [].append, keep_alive=(0.05, PING)
    )
    assert peer.sent == [b'tick'] * 20 + [b'']


async def test_a_failed_ping_stops_the_stream_and_is_reported() -> None:
    closed: list[bool] = []

    async def forever() -> AsyncIterator[bytes]:
        try:
            yield b'first'
            await asyncio.Event().wait()
            yield b'never'
        finally:
            closed.append(True)

    peer = Peer(fail_on=PING)
    failures: list[BaseException] = []
    # As when a chunk cannot be sent: the failure is reported, the end is still sent.
    assert await asyncio.wait_for(
        send_streamed(
            forever(), peer.send, peer.receive, failures.append, keep_alive=(0.02, PING)
        ),
        2,
    )
    assert closed == [True]
    assert [str(failure) for failure in failures] == ['the client is gone']
    assert peer.sent == [b'first', b'']


async def test_the_client_leaving_stops_the_stream_without_cancelling_the_caller() -> None:
    closed_at: list[float] = []

    async def forever() -> AsyncIterator[bytes]:
        try:
            yield b'first'
            await asyncio.Event().wait()
            yield b'never'
        finally:
            closed_at.append(time.monotonic())

    peer = Peer()
    baseline = len(asyncio.all_tasks())
    sender = asyncio.ensure_future(
        send_streamed(forever(), peer.send, peer.receive, [].append, keep_alive=(30, PING))
    )
    await asyncio.sleep(0.01)
    # The response's own task and one watcher; no timer of its own.
    assert len(asyncio.all_tasks()) == baseline + 2
    left_at = time.monotonic()
    peer.gone.set()
    assert await asyncio.wait_for(sender, 1) is False
    assert not sender.cancelled()
    assert closed_at and closed_at[0] - left_at < 1
    assert peer.sent == [b'first']
    await asyncio.sleep(0)
    assert len(asyncio.all_tasks()) == baseline


async def test_cancelling_the_caller_still_cancels_it() -> None:
    async def forever() -> AsyncIterator[bytes]:
        yield b'first'
        await asyncio.Event().wait()
        yield b'never'

    peer = Peer()
    sender = asyncio.ensure_future(send_streamed(forever(), peer.send, peer.receive, [].append))
    await asyncio.sleep(0.01)
    sender.cancel()
    with pytest.raises(asyncio.CancelledError):
        await sender


async def test_an_idle_stream_response_holds_one_watcher_task() -> None:
    started = asyncio.Event()
    closed: list[bool] = []

    class Streaming:
        async def on_get(self, req: Any, resp: Any) -> None:
            async def body() -> AsyncIterator[bytes]:
                try:
                    yield b'hello'
                    started.set()
                    await asyncio.Event().wait()
                finally:
                    closed.append(True)

            resp.stream = body()

    app = falcon.asgi.App()
    app.add_route('/', Streaming())
    peer = Peer()
    first = {'type': 'http.request', 'body': b'', 'more_body': False}
    events = iter([first])

    async def receive() -> dict[str, Any]:
        event = next(events, None)
        return event if event is not None else await peer.receive()

    async def send(event: dict[str, Any]) -> None:
        if event['type'] == 'http.response.body':
            await peer.send(event)

    scope = {
        'type': 'http',
        'asgi': {'version': '3.0'},
        'http_version': '1.1',
        'method': 'GET',
        'path': '/',
        'query_string': b'',
        'headers': [],
    }
    baseline = len(asyncio.all_tasks())
    task = asyncio.ensure_future(app(scope, receive, send))
    await asyncio.wait_for(started.wait(), 2)
    assert len(asyncio.all_tasks()) == baseline + 2
    peer.gone.set()
    await asyncio.wait_for(task, 1)
    assert closed == [True]
    assert peer.sent == [b'hello']


async def test_a_failing_receive_stops_the_stream_and_ends_the_body() -> None:
    async def forever() -> AsyncIterator[bytes]:
        yield b'first'
        await asyncio.Event().wait()
        yield b'never'

    async def receive() -> dict[str, Any]:
        await asyncio.sleep(0.01)
        raise RuntimeError('the server cannot receive')

    peer = Peer()
    assert await asyncio.wait_for(send_streamed(forever(), peer.send, receive, [].append), 1)
    assert peer.sent == [b'first', b'']


def test_the_keep_alive_timer_keeps_no_loop_alive() -> None:
    async def one_stream() -> None:
        release = asyncio.Event()
        peer = Peer()
        asyncio.get_running_loop().call_later(0.03, release.set)
        await send_streamed(
            waiting_source(b'first', release),
            peer.send,
            peer.receive,
            [].append,
            keep_alive=(0.01, PING),
        )
        assert PING in peer.sent

    loop = asyncio.new_event_loop()
    loop.run_until_complete(one_stream())
    loop.close()
    gone = weakref.ref(loop)
    del loop
    gc.collect()
    assert gone() is None


def test_each_loop_has_its_own_keep_alive_ticker() -> None:
    async def ticker_of_this_loop() -> tuple[Any, Any]:
        first = ticker_for(0.01, PING)
        assert ticker_for(0.01, PING) is first
        other_interval = ticker_for(0.02, PING)
        assert other_interval is not first
        assert ticker_for(0.01, PING) is first
        return first, weakref.ref(asyncio.get_running_loop())

    first, first_loop = asyncio.run(ticker_of_this_loop())
    second, second_loop = asyncio.run(ticker_of_this_loop())
    assert second is not first
    assert second.loop_ref is not first.loop_ref
    gc.collect()
    assert first_loop() is None
    assert second_loop() is None


class Settling(Sending):
    """A sending state that records when its failures are settled."""

    __slots__ = ('settled',)

    def __init__(self) -> None:
        super().__init__()
        self.settled: list[list[BaseException]] = []

    async def settle(self) -> None:
        self.settled.append(list(self.failures or ()))


async def test_the_failures_of_a_stream_are_settled_once_after_its_last_chunk() -> None:
    peer = Peer(fail_on=b'second')
    sending = Settling()

    async def source() -> AsyncIterator[bytes]:
        yield b'first'
        yield b'second'

    class Closing:
        async def aclose(self) -> None:
            raise ValueError('cannot close')

    closing = Closing()
    assert await send_streamed(
        source(), peer.send, peer.receive, sending, closing, sending=sending
    )
    assert peer.sent == [b'first', b'']
    assert [[type(error) for error in failures] for failures in sending.settled] == [
        [ValueError, OSError]
    ]


async def test_a_stream_without_failures_is_not_settled() -> None:
    peer = Peer()
    sending = Settling()

    async def source() -> AsyncIterator[bytes]:
        yield b'only'

    assert await send_streamed(source(), peer.send, peer.receive, sending, sending=sending)
    assert peer.sent == [b'only', b'']
    assert sending.failures is None
    assert sending.settled == []


async def test_the_failures_of_a_stream_left_by_its_client_are_settled() -> None:
    peer = Peer()
    sending = Settling()

    class Source:
        def __aiter__(self) -> Source:
            return self

        async def __anext__(self) -> bytes:
            await asyncio.get_running_loop().create_future()
            return b''

        async def aclose(self) -> None:
            raise ValueError('cannot close')

    source = Source()
    sender = asyncio.ensure_future(
        send_streamed(source, peer.send, peer.receive, sending, sending=sending)
    )
    await asyncio.sleep(0.01)
    peer.gone.set()
    assert await asyncio.wait_for(sender, 1) is False
    assert peer.sent == []
    assert [[type(error) for error in failures] for failures in sending.settled] == [[ValueError]]
