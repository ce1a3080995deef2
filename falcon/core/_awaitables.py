"""Spotting a forgotten ``await``, with the same answer in both kinds of app.

Rules: an awaitable that ends up where its result was meant - as ``resp.media``, ``resp.text``,
``resp.data``, ``resp.stream`` or ``resp.sse``, or returned by an ``async def`` responder, hook,
middleware method or error handler - raises :class:`ForgottenAwaitError`, a ``TypeError``
whose message names the value, the place and the fix. It then takes the path of any unexpected
exception: reported, logged, answered with a plain 500. Framework awaitables handed to user
code (``req.get_media()`` in async code) are :class:`LabelledAwaitable` - a :class:`Pending`,
or an adapter's own (the ASGI request hands over a result already at hand in a finished
future): awaiting one works as usual, while using it as a value raises the same error
instead of a puzzling one about coroutines.
Nothing here runs on the fast path of a correct request beyond a type check.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Coroutine, Generator
from types import CodeType, FunctionType
from typing import Any

__all__ = [
    'PLAIN_VALUES',
    'AwaitableDict',
    'AwaitableList',
    'ForgottenAwaitError',
    'LabelledAwaitable',
    'Pending',
    'check_body_value',
    'check_returned',
    'describe',
    'is_forgotten',
]

PLAIN_VALUES = (str, bytes, bytearray, memoryview, dict, list, tuple, int, float)
"""Types taken as values even when awaitable (parsed media is both): never awaited by
:class:`Pending`, never a forgotten await."""


class AwaitableDict(dict[Any, Any]):
    """Parsed media that ``await`` also accepts, so ``await req.get_media()`` and
    ``await req.media`` work in both kinds of app. It changes nothing else of ``dict``
    (the C JSON writer of ``falcon.core._text`` relies on that)."""

    def __await__(self) -> Generator[Any, None, Any]:
        return self
        yield


class AwaitableList(list[Any]):
    """A parsed media list that ``await`` also accepts; otherwise a plain ``list``."""

    def __await__(self) -> Generator[Any, None, Any]:
        return self
        yield


class ForgottenAwaitError(TypeError):
    """An awaitable was used where its result was meant: an ``await`` is missing."""


def _code_name(code: CodeType | None) -> str | None:
    if code is None:
        return None
    qualified: str | None = getattr(code, 'co_qualname', None)
    if qualified is None:
        # Python 3.10: the code object has no qualified name; the functions made from it
        # do. A heap scan, on the error path only.
        names = {
            referrer.__qualname__
            for referrer in gc.get_referrers(code)
            if isinstance(referrer, FunctionType) and referrer.__code__ is code
        }
        qualified = names.pop() if len(names) == 1 else code.co_name
    return qualified


def _finished() -> Generator[Any, Any, Any]:
    return
    yield


# The steps of a Pending already awaited: awaiting it again gives None at once.
_FINISHED = _finished()
next(_FINISHED, None)


class LabelledAwaitable:
    """What the framework's awaitables share: reading one as a value - indexing, iterating,
    taking its length, looking up an attribute - raises :class:`ForgottenAwaitError` naming
    the call (``_label``) and the code that made it (``_caller``, or None).

    No slots of its own: each subclass declares ``_label`` and ``_caller`` with the rest of
    its slots, so that a built-in base with a layout of its own can be combined with it.
    """

    __slots__ = ()

    _label: str
    _caller: CodeType | None

    def __repr__(self) -> str:
        return f'<awaitable {self._label}>'

    def describe(self) -> str:
        """How error messages name this awaitable."""
        caller = _code_name(self._caller)
        where = f' in {caller}' if caller else ''
        return f'the awaitable returned by {self._label}{where}'

    def _misused(self) -> ForgottenAwaitError:
        return ForgottenAwaitError(
            f'{self.describe()} was used as a value: did you forget `await`? '
            f'Write `await {self._label}`.'
        )

    def __getattr__(self, name: str) -> Any:
        if name.startswith('__') and name.endswith('__'):
            raise AttributeError(name)
        error = self._misused()
        raise AttributeError(str(error)) from None

    def __getitem__(self, key: Any) -> Any:
        raise self._misused()

    def __iter__(self) -> Any:
        raise self._misused()

    def __len__(self) -> int:
        raise self._misused()

    def __contains__(self, item: Any) -> bool:
        raise self._misused()


class Pending(LabelledAwaitable, Coroutine[Any, Any, Any]):
    """The awaitable result of a framework call such as ``req.get_media()``.

    A coroutine (``asyncio.create_task`` takes it): running it calls ``factory(*args)`` and
    returns its result, awaited when it is awaitable. Nothing runs until it is awaited, so
    one left alone causes no "never awaited" warning. Reading it as a value - indexing,
    iterating, taking its length, looking up an attribute - raises
    :class:`ForgottenAwaitError` naming the call and where it was made.
    """

    __slots__ = ('_args', '_caller', '_factory', '_label', '_steps')

    def __init__(self, label: str, factory: Callable[..., Any], *args: Any) -> None:
        self._label = label
        self._factory = factory
        self._args = args
        # PERF: the code of the caller is kept, and named only for an error message (saves
        # a call per awaitable, about 0.1 us).
        try:
            self._caller: CodeType | None = sys._getframe(2).f_code
        except ValueError:
            self._caller = None
        self._steps: Generator[Any, Any, Any] | None = None

    def _run(self) -> Generator[Any, Any, Any]:
        result = self._factory(*self._args)
        # PERF: a plain value (parsed media) is told apart first, without the hasattr call.
        if not isinstance(result, PLAIN_VALUES) and hasattr(result, '__await__'):
            return (yield from result.__await__())
        return result

    def _started(self) -> Generator[Any, Any, Any]:
        steps = self._steps
        if steps is None:
            steps = self._steps = self._run()
        return steps

    def __await__(self) -> Generator[Any, Any, Any]:
        # PERF: the usual way to run one is a generator itself, with the steps of _run:
        # no frame runs to hand out the generator, and the factory of one argument is
        # called without unpacking a tuple (a call through C). One started before (as a
        # task, or awaited already) is followed where it is.
        steps = self._steps
        if steps is not None:
            return (yield from steps)
        self._steps = _FINISHED
        args = self._args
        if len(args) == 1:
            result = self._factory(args[0])
        else:
            result = self._factory(*args)
        if not isinstance(result, PLAIN_VALUES) and hasattr(result, '__await__'):
            return (yield from result.__await__())
        return result

    def send(self, value: Any) -> Any:
        return self._started().send(value)

    def throw(self, typ: Any, val: Any = None, tb: Any = None) -> Any:
        if val is None and tb is None:
            return self._started().throw(typ)
        return self._started().throw(typ, val, tb)

    def close(self) -> None:
        if self._steps is not None:
            self._steps.close()


def _expression(value: Any) -> str:
    if isinstance(value, LabelledAwaitable):
        return value._label
    code = getattr(value, 'cr_code', None)
    if code is not None:
        return f'{getattr(value, "__qualname__", None) or _code_name(code)}()'
    return '...'


def describe(value: Any) -> str:
    """Name an awaitable for an error message."""
    if isinstance(value, LabelledAwaitable):
        return value.describe()
    if getattr(value, 'cr_code', None) is not None:
        return f'the coroutine {_expression(value)}'
    return f'an awaitable {type(value).__name__}'


def is_forgotten(value: Any) -> bool:
    """Whether ``value`` is an awaitable that is not also a plain value (parsed media is
    both, so that ``await req.get_media()`` works in either kind of app)."""
    return (
        value is not None
        and not isinstance(value, PLAIN_VALUES)
        and hasattr(value, '__await__')
        and not hasattr(value, '__aiter__')
    )


def _discard(value: Any) -> None:
    # The coroutine will never run: close it, so that the error below is the one message.
    if getattr(value, 'cr_code', None) is not None:
        value.close()


def check_body_value(attribute: str, value: Any) -> None:
    """Raise :class:`ForgottenAwaitError` when ``resp.<attribute>`` holds an awaitable."""
    if is_forgotten(value):
        _discard(value)
        raise ForgottenAwaitError(
            f'resp.{attribute} is {describe(value)}, not its result: did you forget `await`? '
            f'Write `resp.{attribute} = await {_expression(value)}`.'
        )


def check_returned(func: Any, value: Any) -> None:
    """Raise :class:`ForgottenAwaitError` when the coroutine function ``func`` returned an
    awaitable (a responder, hook or middleware method returns nothing)."""
    if is_forgotten(value):
        _discard(value)
        name = getattr(func, '__qualname__', None) or repr(func)
        raise ForgottenAwaitError(
            f'{name}() returned {describe(value)} instead of awaiting it: did you forget '
            f'`await`? Write `await {_expression(value)}` inside {name}().'
        )
