"""``falcon.asgi._running_loop``: the same answer as ``asyncio._get_running_loop()``.

The remembered-loop path (the one Python 3.11 uses) is tested directly on every version: it
must give the loop running in the calling thread, or None, whatever ran before.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from typing import Any

import pytest

from falcon.asgi import _running_loop
from falcon.asgi._running_loop import _remembered_running_loop


@pytest.fixture(autouse=True)
def _fresh_memory() -> None:
    _running_loop._forget()


def test_the_python_version_picks_the_way() -> None:
    if sys.version_info >= (3, 12):
        assert _running_loop.running_loop is asyncio._get_running_loop
    else:
        assert _running_loop.running_loop is _remembered_running_loop


def test_none_outside_a_loop_and_the_loop_inside() -> None:
    assert _remembered_running_loop() is None

    async def inside() -> tuple[Any, Any, Any]:
        return _remembered_running_loop(), _remembered_running_loop(), asyncio.get_running_loop()

    first, second, expected = asyncio.run(inside())
    assert first is expected and second is expected
    assert _remembered_running_loop() is None


def test_a_new_loop_in_the_same_thread_is_found() -> None:
    async def current() -> tuple[Any, Any]:
        return _remembered_running_loop(), asyncio.get_running_loop()

    seen = [asyncio.run(current()) for _ in range(3)]
    for found, expected in seen:
        assert found is expected
    assert _remembered_running_loop() is None


def test_other_threads_get_their_own_loop_or_none() -> None:
    results: dict[str, Any] = {}

    def plain_thread() -> None:
        results['plain'] = _remembered_running_loop()

    def loop_thread() -> None:
        async def inside() -> None:
            results['own'] = (_remembered_running_loop(), asyncio.get_running_loop())

        asyncio.run(inside())

    async def main() -> None:
        results['main before'] = _remembered_running_loop()
        for target in (plain_thread, loop_thread):
            worker = threading.Thread(target=target)
            worker.start()
            await asyncio.get_running_loop().run_in_executor(None, worker.join)
        results['main after'] = (_remembered_running_loop(), asyncio.get_running_loop())

    asyncio.run(main())
    assert results['plain'] is None
    own, own_expected = results['own']
    assert own is own_expected
    main_after, main_expected = results['main after']
    assert main_after is main_expected
    assert results['main before'] is main_expected
    assert own is not main_expected


def test_a_loop_without_a_thread_id_is_asked_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    class Opaque:
        pass

    loop = Opaque()
    calls: list[int] = []

    def fake_get_running_loop() -> Any:
        calls.append(1)
        return loop

    monkeypatch.setattr(_running_loop, '_get_running_loop', fake_get_running_loop)
    assert _remembered_running_loop() is loop
    assert _remembered_running_loop() is loop
    assert len(calls) == 2
    assert _running_loop._last is None


@pytest.mark.skipif(not hasattr(os, 'fork'), reason='no fork on this platform')
def test_a_forked_child_sees_no_running_loop() -> None:
    async def fork_inside() -> tuple[int, bytes]:
        assert _remembered_running_loop() is asyncio.get_running_loop()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child reports through the pipe
            answer = b'none' if _remembered_running_loop() is None else b'loop'
            os.write(write_end, answer)
            os._exit(0)
        os.close(write_end)
        answer = os.read(read_end, 16)
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
        return status, answer

    status, answer = asyncio.run(fork_inside())
    assert status == 0
    assert answer == b'none'
