from __future__ import annotations

import io
import json
import json.encoder
import random
import sys
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from falcon.core import _text
from falcon.core._errors import MediaMalformedError, MediaNotFoundError
from falcon.core.media._base import sync_fast_paths
from falcon.core.media._json import MAX_JSON_DEPTH, JSONHandler, _nesting_depth


class _AsyncStream:
    def __init__(self, data: bytes) -> None:
        self._data = data

    async def read(self, n: int | None = -1) -> bytes:
        data, self._data = self._data, b''
        return data


DOCUMENTS: list[Any] = [
    {'message': 'Hello World'},
    {'nested': {'list': [1, 2.5, None, True, False], 'empty': {}}},
    ['caf\u00e9', '\u65e5\u672c', '\U0001f600', 'line\nbreak', 'quote"', 'slash\\'],
    'plain string',
    12345678901234567890,
    [],
    None,
]


@pytest.mark.parametrize('media', DOCUMENTS)
def test_serialize_is_byte_identical_to_json_dumps(media: Any) -> None:
    expected = json.dumps(media, ensure_ascii=False).encode()
    assert JSONHandler().serialize(media, 'application/json') == expected


@pytest.mark.parametrize('media', DOCUMENTS)
def test_round_trip(media: Any) -> None:
    handler = JSONHandler()
    data = handler.serialize(media, 'application/json')
    assert handler.deserialize(io.BytesIO(data), 'application/json', len(data)) == media


@pytest.mark.parametrize('media', DOCUMENTS)
async def test_round_trip_async(media: Any) -> None:
    handler = JSONHandler()
    data = await handler.serialize_async(media, 'application/json')
    assert data == json.dumps(media, ensure_ascii=False).encode()
    assert await handler.deserialize_async(_AsyncStream(data), None, None) == media


@pytest.mark.parametrize(
    ('dumps', 'expected'),
    [
        (lambda obj: json.dumps(obj, separators=(',', ':')), b'{"a":[1,2]}'),
        (lambda obj: json.dumps(obj, separators=(',', ':')).encode(), b'{"a":[1,2]}'),
    ],
)
def test_custom_dumps_returning_str_or_bytes(dumps: Any, expected: bytes) -> None:
    assert JSONHandler(dumps=dumps).serialize({'a': [1, 2]}, 'application/json') == expected


def test_custom_loads() -> None:
    handler = JSONHandler(loads=lambda text: ('parsed', text))
    assert handler.deserialize(io.BytesIO(b'{"x": 1}'), None, None) == ('parsed', '{"x": 1}')


def test_empty_body_is_media_not_found() -> None:
    with pytest.raises(MediaNotFoundError) as info:
        JSONHandler().deserialize(io.BytesIO(b''), 'application/json', 0)
    assert info.value.title == 'Invalid JSON'
    assert info.value.description == 'Could not parse an empty JSON body'


async def test_empty_body_is_media_not_found_async() -> None:
    with pytest.raises(MediaNotFoundError):
        await JSONHandler().deserialize_async(_AsyncStream(b''), 'application/json', 0)


BAD_BODIES = [
    pytest.param(b'{"a": ', ValueError, id='truncated'),
    pytest.param(b'{"a": 1} trailing', ValueError, id='trailing-data'),
    pytest.param(b'NaN-ish', ValueError, id='not-json'),
    pytest.param(b'\xff\xfe{}', UnicodeDecodeError, id='invalid-utf8'),
    pytest.param(b'"\xc3\x28"', UnicodeDecodeError, id='invalid-utf8-in-string'),
    pytest.param(b'[' * 100_000, ValueError, id='100k-deep-arrays'),
    pytest.param(b'{"a":' * 100_000, ValueError, id='100k-deep-objects'),
    pytest.param(b'1' * 10_000, ValueError, id='10k-digit-integer'),
    pytest.param(b'[' + b'9' * 10_000 + b']', ValueError, id='10k-digit-integer-in-list'),
]


@pytest.mark.parametrize(('body', 'cause'), BAD_BODIES)
def test_bad_input_is_media_malformed(body: bytes, cause: type[BaseException]) -> None:
    with pytest.raises(MediaMalformedError) as info:
        JSONHandler().deserialize(io.BytesIO(body), 'application/json', len(body))
    assert isinstance(info.value.__cause__, cause)
    assert info.value.title == 'Invalid JSON'
    assert (info.value.description or '').startswith('Could not parse JSON body - ')


@pytest.mark.parametrize(('body', 'cause'), BAD_BODIES)
async def test_bad_input_is_media_malformed_async(body: bytes, cause: type[BaseException]) -> None:
    with pytest.raises(MediaMalformedError) as info:
        await JSONHandler().deserialize_async(_AsyncStream(body), None, None)
    assert isinstance(info.value.__cause__, cause)


def test_deep_nesting_is_rejected_quickly() -> None:
    body = b'[' * 1_000_000
    started = time.process_time()
    with pytest.raises(MediaMalformedError):
        JSONHandler().deserialize(io.BytesIO(body), None, None)
    assert time.process_time() - started < 1.0


def _nested(depth: int) -> bytes:
    return b'[' * depth + b']' * depth


def _parse(body: bytes) -> Any:
    return JSONHandler().deserialize(io.BytesIO(body), None, None)


def test_nesting_up_to_the_limit_is_accepted() -> None:
    assert _parse(b'{"a": ' + _nested(MAX_JSON_DEPTH - 1) + b'}') == {
        'a': _parse(_nested(MAX_JSON_DEPTH - 1))
    }


@pytest.mark.parametrize(
    'body',
    [
        pytest.param(_nested(MAX_JSON_DEPTH + 1), id='arrays'),
        pytest.param(
            b'{"a":' * (MAX_JSON_DEPTH + 1) + b'1' + b'}' * (MAX_JSON_DEPTH + 1), id='objects'
        ),
        pytest.param(b'[' * 2000 + b']' * 2000, id='deeper-than-the-recursion-limit'),
        pytest.param(b'{"a":' * 1961, id='truncated-deeper-than-the-limit'),
        pytest.param(b'[' * 600 + b'}', id='syntax-error-deeper-than-the-limit'),
    ],
)
@pytest.mark.parametrize('recursion_limit', [None, 50_000])
def test_nesting_over_the_limit_is_refused_whatever_the_stack(
    body: bytes, recursion_limit: int | None
) -> None:
    # How deep the stdlib decoder gets depends on the stack already in use (it differs
    # between the WSGI and the ASGI app), so the limit must not: the same body gets the
    # same error with a roomy recursion limit.
    previous = sys.getrecursionlimit()
    if recursion_limit is not None:
        sys.setrecursionlimit(recursion_limit)
    try:
        with pytest.raises(MediaMalformedError) as info:
            _parse(body)
    finally:
        sys.setrecursionlimit(previous)
    assert info.value.description == (
        f'Could not parse JSON body - nesting deeper than {MAX_JSON_DEPTH} levels'
    )


_json_values = st.recursive(
    st.one_of(st.none(), st.integers(), st.text(alphabet='[]{}"\\ab\n')),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.text(alphabet='[]{}"\\k', max_size=4), children, max_size=3),
    ),
    max_leaves=30,
)


def _depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(_json_values, st.booleans())
def test_nesting_depth_ignores_brackets_in_strings(value: Any, ascii_only: bool) -> None:
    data = json.dumps(value, ensure_ascii=ascii_only).encode()
    assert _nesting_depth(data) == _depth(value)


@pytest.mark.parametrize(
    'body',
    [
        pytest.param(_nested(MAX_JSON_DEPTH) + b']', id='extra-data'),
        pytest.param(b'[' * MAX_JSON_DEPTH + b'}', id='syntax-error-at-the-limit'),
        pytest.param(b'["' + b'[' * 1000 + b'\\x"]', id='invalid-escape-after-brackets-in-string'),
    ],
)
def test_syntax_errors_within_the_limit_keep_their_message(body: bytes) -> None:
    with pytest.raises(MediaMalformedError) as info:
        _parse(body)
    assert isinstance(info.value.__cause__, json.JSONDecodeError)


def test_fast_paths_are_exposed() -> None:
    handler = JSONHandler()
    serialize_sync, deserialize_sync = sync_fast_paths(handler)
    assert serialize_sync is not None and deserialize_sync is not None
    assert serialize_sync({'a': 'é'}) == '{"a": "é"}'.encode()
    assert deserialize_sync(b'[1]') == [1]


def test_subclass_overriding_serialize_disables_the_fast_path() -> None:
    class Custom(JSONHandler):
        def serialize(self, media: object, content_type: str) -> bytes:
            return b'custom'

    serialize_sync, deserialize_sync = sync_fast_paths(Custom())
    assert serialize_sync is None
    assert deserialize_sync is not None


def test_garbage_only_ever_raises_media_errors() -> None:
    generator = random.Random(99)
    alphabet = [
        b'[',
        b']',
        b'{',
        b'}',
        b'"',
        b':',
        b',',
        b'1',
        b'e',
        b'-',
        b'\\',
        b'\xc3',
        b'\xff',
    ]
    handler = JSONHandler()
    for _ in range(3000):
        body = b''.join(generator.choice(alphabet) for _ in range(generator.randint(0, 20)))
        try:
            handler.deserialize(io.BytesIO(body), None, None)
        except (MediaMalformedError, MediaNotFoundError):
            pass


def test_default_serializer_is_one_bytes_function() -> None:
    handler = JSONHandler()
    serialize_sync, _ = sync_fast_paths(handler)
    assert serialize_sync is not None
    media = {'a': ['caf\u00e9', 1.5, None], 's': '\ud800'}
    expected = json.dumps(media, ensure_ascii=False).encode('utf-8', 'backslashreplace')
    assert serialize_sync(media) == expected
    assert handler.serialize(media, 'application/json') == expected
    with pytest.raises(TypeError):
        serialize_sync({'a': object()})


def test_custom_dumps_and_overridden_fast_path_are_honoured() -> None:
    class Custom(JSONHandler):
        def _serialize_sync(self, media: Any) -> bytes:
            return b'own'

    assert Custom().serialize({'a': 1}, 'application/json') == b'own'
    handler = JSONHandler(dumps=lambda obj: 'dumped')
    assert handler.serialize({'a': 1}, 'application/json') == b'dumped'


def test_bytes_serializer_without_the_c_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json.encoder, 'c_make_encoder', None)
    json_bytes = _text._make_json_bytes()
    media = {'a': ['caf\u00e9'], 's': '\ud800'}
    assert json_bytes(media) == b'{"a": ["caf\xc3\xa9"], "s": "\\ud800"}'
