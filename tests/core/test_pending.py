"""``Pending``, the awaitable a framework call hands to async code: run once when awaited,
as a task or step by step, and its factory's awaitable result awaited in turn."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from falcon.core._awaitables import ForgottenAwaitError, Pending


def make(*args: Any) -> tuple[Pending, list[tuple[Any, ...]]]:
    calls: list[tuple[Any, ...]] = []

    def factory(*given: Any) -> Any:
        calls.append(given)
        return sum(given)

    return Pending('thing()', factory, *args), calls


@pytest.mark.parametrize('args', [(5,), (2, 3), (1, 1, 3)])
async def test_awaiting_runs_the_factory_once_with_its_arguments(args: tuple[int, ...]) -> None:
    pending, calls = make(*args)
    assert calls == []
    assert await pending == 5
    assert calls == [args]
    # As the steps of a finished coroutine: nothing runs again.
    assert await pending is None
    assert calls == [args]


async def test_an_awaitable_result_is_awaited() -> None:
    async def later(value: int) -> int:
        await asyncio.sleep(0)
        return value * 2

    assert await Pending('later()', later, 21) == 42


async def test_a_plain_value_that_is_awaitable_is_returned_as_it_is() -> None:
    class AwaitableDict(dict[str, int]):
        def __await__(self) -> Any:
            raise AssertionError('a plain value is not awaited')

    value = AwaitableDict(a=1)
    assert await Pending('value()', lambda _: value, None) is value


async def test_a_task_runs_it_and_awaiting_it_after_follows_the_same_steps() -> None:
    pending, calls = make(4)
    assert await asyncio.create_task(pending) == 4
    assert await pending is None
    assert calls == [(4,)]


def test_stepping_it_by_hand_runs_the_factory_once() -> None:
    pending, calls = make(7)
    with pytest.raises(StopIteration) as done:
        pending.send(None)
    assert done.value.value == 7
    pending.close()
    assert calls == [(7,)]


def test_used_as_a_value_it_names_the_call() -> None:
    pending, calls = make(1)
    with pytest.raises(ForgottenAwaitError, match=r'Write `await thing\(\)`'):
        pending['key']
    assert calls == []
