"""SSEvent's C constructor (falcon.core._fast_init) against the pure-Python ``__init__``.

Every call must give what ``__init__`` gives: the same slot values, or the same exception
with the same message. Replacing ``__init__`` on the class, subclasses and the build
without the extension must all run the Python code.
"""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from falcon.asgi import SSEvent
from falcon.core import _sse
from tests._c_extensions import assert_suites_pass_without

FIELDS = ('data', 'text', 'json', 'event', 'event_id', 'retry', 'comment')


def _by_init(*args: Any, **kwargs: Any) -> SSEvent:
    event = SSEvent.__new__(SSEvent)
    SSEvent.__init__(event, *args, **kwargs)
    return event


def _outcome(make: Any, *args: Any, **kwargs: Any) -> tuple[str, Any]:
    try:
        event = make(*args, **kwargs)
    except Exception as error:
        return ('raised', (type(error), str(error)))
    return ('made', tuple(getattr(event, name) for name in FIELDS))


def test_in_use_exactly_where_the_extension_was_built() -> None:
    built = importlib.util.find_spec('falcon.core._fast_init') is not None
    assert _sse.FAST_CONSTRUCTOR is built
    assert (SSEvent.__init__.__code__.co_varnames[1:8]) == FIELDS


VALUES = st.sampled_from([None, 'x', b'y', '', 0, 5000, {'a': 1}])
NAMES = st.sampled_from([*FIELDS, 'event_type', 'bogus', 'self'])


@given(
    positional=st.lists(VALUES, max_size=9),
    keywords=st.dictionaries(NAMES, VALUES, max_size=5),
)
def test_every_call_matches_init(positional: list[Any], keywords: dict[str, Any]) -> None:
    assert _outcome(SSEvent, *positional, **keywords) == _outcome(
        _by_init, *positional, **keywords
    )


@pytest.mark.parametrize(
    ('args', 'kwargs', 'expected'),
    [
        ((), {'data': 'a', 'event_id': '1'}, ('a', None, None, None, '1', None, None)),
        (('a', 't', 'j', 'e', 'i', 3, 'c'), {}, ('a', 't', 'j', 'e', 'i', 3, 'c')),
        (('a',), {'comment': 'c', 'retry': 1}, ('a', None, None, None, None, 1, 'c')),
        ((), {'event_type': 'tick', 'data': 'x'}, ('x', None, None, 'tick', None, None, None)),
        ((), {}, (None,) * 7),
    ],
)
def test_fields_stored(args: tuple[Any, ...], kwargs: dict[str, Any], expected: Any) -> None:
    event = SSEvent(*args, **kwargs)
    assert tuple(getattr(event, name) for name in FIELDS) == expected


@pytest.mark.parametrize(
    ('args', 'kwargs', 'message'),
    [
        (('a',), {'data': 'b'}, "got multiple values for argument 'data'"),
        ((), {'bogus': 1}, "got an unexpected keyword argument 'bogus'"),
        (tuple(range(8)), {}, 'takes from 1 to 8 positional arguments but 9 were given'),
        ((), {'event': 'a', 'event_type': 'b'}, 'event and event_type are aliases'),
    ],
)
def test_errors_come_from_init(
    args: tuple[Any, ...], kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises((TypeError, ValueError), match=message):
        SSEvent(*args, **kwargs)


def test_a_replaced_init_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    original = SSEvent.__init__
    calls: list[dict[str, Any]] = []

    def recording_init(self: SSEvent, *args: Any, **kwargs: Any) -> None:
        calls.append(kwargs)
        original(self, *args, **kwargs)
        self.comment = 'patched'

    monkeypatch.setattr(SSEvent, '__init__', recording_init)
    event = SSEvent(data='d', event_id='1')
    assert calls == [{'data': 'd', 'event_id': '1'}]
    assert (event.data, event.event_id, event.comment) == ('d', '1', 'patched')
    monkeypatch.undo()
    restored = SSEvent(data='d', event_id='1')
    assert calls == [{'data': 'd', 'event_id': '1'}]
    assert restored.comment is None


def test_a_class_attribute_set_later_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SSEvent, 'extra_marker', 1, raising=False)
    event = SSEvent(data='d', retry=5)
    assert (event.data, event.retry, event.text) == ('d', 5, None)


def test_subclasses_run_their_own_init() -> None:
    class Tagged(SSEvent):
        __slots__ = ('tag',)

        def __init__(self, data: str, tag: str) -> None:
            super().__init__(data=data)
            self.tag = tag

    class Plain(SSEvent):
        __slots__ = ()

    tagged = Tagged('d', tag='t')
    assert (type(tagged), tagged.data, tagged.tag) == (Tagged, 'd', 't')
    plain = Plain(data='p', event_id='7')
    assert (type(plain), plain.data, plain.event_id, plain.event) == (Plain, 'p', '7', None)


def test_the_events_serialize_as_before() -> None:
    assert SSEvent(data='7', event_id='7').serialize() == b'id: 7\ndata: 7\n\n'
    assert SSEvent('a\nb').serialize() == b'data: a\ndata: b\n\n'


@pytest.mark.slow
def test_the_sse_suites_pass_without_the_extension() -> None:
    """The pure-Python constructor, with the extension's import blocked, passes the same
    SSE tests in both modes."""
    suites = [
        'tests/core/test_sse.py',
        'tests/core/test_sse_constructor.py',
        'tests/asgi/test_sse.py',
        'tests/wsgi/test_sse.py',
        'tests/compat/test_ws_sse.py',
    ]
    assert_suites_pass_without(
        ['falcon.core._fast_init'],
        'import falcon.core._sse as sse; assert sse.FAST_CONSTRUCTOR is False',
        suites,
    )
