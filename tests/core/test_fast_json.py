"""The C JSON writer of falcon.core._fast_json against the standard library encoder.

``plain_json(obj)`` must give exactly ``json.dumps(obj, ensure_ascii=False)`` encoded as
UTF-8 for a plain document (exact dict with exact str keys, list, tuple, str, int, float,
True, False, None, at most 64 containers deep, no int beyond 64 bits, no lone surrogate), and
None for every other input. ``json_bytes`` is its ``Writer``: the same, with the parsed-media
classes ``AwaitableDict`` and ``AwaitableList`` taken as dict and list, and the encoder called
for anything else, so that it gives ``encode_utf8(json_text(obj))`` for every input: the same
bytes or the same error. The
comparisons run against the encoder path built with the C writer switched off (as in a build
without the extension), the apps serve the same bodies both ways, and the slow test runs the
JSON suites with the extension's import blocked.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import math
import os
import subprocess
import sys
from collections import OrderedDict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import falcon
from falcon.core import _text
from falcon.core._awaitables import AwaitableDict, AwaitableList
from falcon.core.media import _json
from tests._c_extensions import REPO, assert_suites_pass_without, traced_growth
from tests._c_extensions import outcome as _outcome

BUILT = importlib.util.find_spec('falcon.core._fast_json') is not None
MAX_DEPTH = 64
"""Containers nested deeper than this make a document not plain (MAX_DEPTH in the C)."""

needs_extension = pytest.mark.skipif(not BUILT, reason='built without the C extension')


def _python_json_bytes() -> Callable[[Any], bytes]:
    """``json_bytes`` as built without the extension."""
    saved = _text._Writer
    _text._Writer = None
    try:
        return _text._make_json_bytes()
    finally:
        _text._Writer = saved


PYTHON_JSON_BYTES = _python_json_bytes()


def test_in_use_exactly_where_the_extension_was_built() -> None:
    assert (_text._Writer is not None) is BUILT
    assert (type(_text.json_bytes) is _text._Writer) is BUILT
    assert type(PYTHON_JSON_BYTES) is not _text._Writer


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode()


def _has_lone_surrogate(text: str) -> bool:
    return any('\ud800' <= character <= '\udfff' for character in text)


def _is_plain(value: Any, depth: int = 0, media_classes: bool = False) -> bool:
    """Whether ``plain_json`` must write ``value`` (the contract, in Python); with
    ``media_classes``, whether a ``Writer`` of the parsed-media classes must."""
    if value is None or value is True or value is False:
        return True
    kind = type(value)
    if kind is str:
        return not _has_lone_surrogate(value)
    if kind is int:
        return -(2**63) <= value < 2**63
    if kind is float:
        return True
    if depth >= MAX_DEPTH:
        return False
    if kind is dict or (media_classes and kind is AwaitableDict):
        return all(
            type(key) is str
            and not _has_lone_surrogate(key)
            and _is_plain(item, depth + 1, media_classes)
            for key, item in value.items()
        )
    if kind is list or kind is tuple or (media_classes and kind is AwaitableList):
        return all(_is_plain(item, depth + 1, media_classes) for item in value)
    return False


# --- documents -----------------------------------------------------------------------------


class SubStr(str):
    pass


class SubInt(int):
    pass


class SubFloat(float):
    pass


class SubDict(dict):  # type: ignore[type-arg]
    pass


class SubList(list):  # type: ignore[type-arg]
    pass


class SubTuple(tuple):  # type: ignore[type-arg]
    __slots__ = ()


class Opaque:
    pass


LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff']
SPECIAL_CHARACTERS = [
    *'"\\\b\f\n\r\t\x00\x1f\x20\x7f\x80\u00e9\u07ff\u0800\u2028\uffff',
    *'\U00010000\U0001f600\U0010ffff',
]
TEXT = st.lists(st.one_of(st.characters(), st.sampled_from(SPECIAL_CHARACTERS)), max_size=12).map(
    ''.join
)
TEXT_WITH_LONE_SURROGATE = st.tuples(TEXT, st.sampled_from(LONE_SURROGATES), TEXT).map(''.join)

LIMIT = 2**63
INTEGERS = st.one_of(
    st.integers(),
    st.integers(-LIMIT - 3, -LIMIT + 3),
    st.integers(LIMIT - 3, LIMIT + 3),
    st.sampled_from([0, -1, 2**64, -(2**64), 10**30, -(10**40)]),
)
FLOATS = st.one_of(
    st.floats(),
    st.sampled_from(
        [math.nan, math.inf, -math.inf, -0.0, 5e-324, 1.7976931348623157e308, 1e16, 1e-7, 0.1]
    ),
)
PLAIN_SCALARS = st.one_of(st.none(), st.booleans(), TEXT, INTEGERS, FLOATS)
OTHER_SCALARS = st.one_of(
    TEXT_WITH_LONE_SURROGATE,
    TEXT.map(SubStr),
    INTEGERS.map(SubInt),
    FLOATS.map(SubFloat),
    st.sets(st.integers(), max_size=2),
    st.sampled_from([Decimal('1.5'), Opaque(), b'bytes', frozenset()]),
)
OTHER_KEYS = st.one_of(
    INTEGERS,
    FLOATS,
    st.none(),
    st.booleans(),
    TEXT_WITH_LONE_SURROGATE,
    TEXT.map(SubStr),
    st.tuples(st.integers()),
)


def _plain_containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.dictionaries(TEXT, children, max_size=4),
        st.lists(children, max_size=4),
        st.lists(children, max_size=4).map(tuple),
    )


def _any_containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        _plain_containers(children),
        st.dictionaries(st.one_of(TEXT, OTHER_KEYS), children, max_size=4),
        st.dictionaries(TEXT, children, max_size=3).map(SubDict),
        st.dictionaries(TEXT, children, max_size=3).map(OrderedDict),
        st.lists(children, max_size=3).map(SubList),
        st.dictionaries(TEXT, children, max_size=3).map(AwaitableDict),
        st.lists(children, max_size=3).map(AwaitableList),
        st.lists(children, max_size=3).map(SubTuple),
    )


PLAIN_DOCUMENTS = st.recursive(PLAIN_SCALARS, _plain_containers, max_leaves=24)
MIXED_DOCUMENTS = st.recursive(
    st.one_of(PLAIN_SCALARS, OTHER_SCALARS), _any_containers, max_leaves=24
)


def _nest(value: Any, kinds: list[str]) -> Any:
    """``value`` inside one container per entry of ``kinds``, the last one outermost."""
    for kind in kinds:
        if kind == 'dict':
            value = {'k': value}
        elif kind == 'list':
            value = [value]
        else:
            value = (value,)
    return value


DEEP_DOCUMENTS = st.builds(
    _nest,
    st.one_of(PLAIN_SCALARS, st.sampled_from([[], {}, ()]), PLAIN_DOCUMENTS),
    st.lists(
        st.sampled_from(['dict', 'list', 'tuple']), min_size=MAX_DEPTH - 4, max_size=MAX_DEPTH + 3
    ),
)
DOCUMENTS = st.one_of(PLAIN_DOCUMENTS, MIXED_DOCUMENTS, DEEP_DOCUMENTS)

PROPERTY = settings(max_examples=300, deadline=None)


# --- plain_json against json.dumps -----------------------------------------------------------


@needs_extension
@PROPERTY
@given(document=DOCUMENTS)
def test_plain_json_writes_json_dumps_exactly_for_plain_documents(document: Any) -> None:
    from falcon.core._fast_json import plain_json

    written = plain_json(document)
    assert (written is not None) is _is_plain(document)
    if written is not None:
        assert written == _dumps(document)


@PROPERTY
@given(document=DOCUMENTS)
def test_json_bytes_is_the_encoder_path(document: Any) -> None:
    expected = _outcome(lambda: _text.encode_utf8(_text.json_text(document)))
    assert _outcome(lambda: _text.json_bytes(document)) == expected
    assert _outcome(lambda: PYTHON_JSON_BYTES(document)) == expected


@needs_extension
@PROPERTY
@given(document=DOCUMENTS)
def test_a_writer_writes_plain_documents_and_hands_over_the_rest(document: Any) -> None:
    from falcon.core._fast_json import Writer

    handed_over: list[Any] = []

    def fallback(obj: Any) -> bytes:
        handed_over.append(obj)
        return b'fallback'

    written = Writer(fallback, AwaitableDict, AwaitableList)(document)
    if _is_plain(document, media_classes=True):
        assert (written, handed_over) == (_dumps(document), [])
    else:
        assert written == b'fallback'
        assert len(handed_over) == 1 and handed_over[0] is document


@needs_extension
def test_a_writer_checks_its_arguments() -> None:
    from falcon.core._fast_json import Writer

    writer = Writer(_dumps, AwaitableDict, AwaitableList)
    assert writer.fallback is _dumps
    with pytest.raises(TypeError, match='exactly one document'):
        writer()
    with pytest.raises(TypeError, match='exactly one document'):
        writer({}, {})
    with pytest.raises(TypeError, match='exactly one document'):
        writer(obj={})
    with pytest.raises(TypeError, match='fallback must be callable'):
        Writer(None, AwaitableDict, AwaitableList)
    with pytest.raises(TypeError, match='a subclass of dict and a subclass of list'):
        Writer(_dumps, AwaitableList, AwaitableDict)
    with pytest.raises(TypeError):
        Writer(_dumps, AwaitableDict)
    with pytest.raises(TypeError, match='no keyword arguments'):
        Writer(fallback=_dumps, dict_like=AwaitableDict, list_like=AwaitableList)


@needs_extension
def test_a_writer_passes_the_fallbacks_error_and_is_collected() -> None:
    from falcon.core._fast_json import Writer

    def fallback(obj: Any) -> bytes:
        raise LookupError(obj)

    writer = Writer(fallback, AwaitableDict, AwaitableList)
    with pytest.raises(LookupError):
        writer({1: 2})
    # A writer whose fallback refers back to it is freed by the garbage collector.
    holder: dict[str, Any] = {}
    holder['writer'] = Writer(lambda obj: holder['writer'] and b'', AwaitableDict, AwaitableList)
    gc.collect()
    count = len(gc.get_objects())
    for _ in range(100):
        cycle: dict[str, Any] = {}
        cycle['writer'] = Writer(lambda obj, cycle=cycle: b'', AwaitableDict, AwaitableList)
        del cycle
    gc.collect()
    assert len(gc.get_objects()) <= count + 10


DUMPS: Any = object()
"""Expected: the bytes of ``json.dumps`` (too long to write out)."""

LONG_TEXT = 'caf\u00e9\n"\U0001f600' * 2000
LONG_LIST = list(range(-2500, 2500))


@needs_extension
@pytest.mark.parametrize(
    ('document', 'expected'),
    [
        ('"\\\b\f\n\r\t\x00\x1f\x7f', b'"\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f\x7f"'),
        ('\x01\x0b\x0e\x19 ~', b'"\\u0001\\u000b\\u000e\\u0019 ~"'),
        ('\u2028\u2029', b'"\xe2\x80\xa8\xe2\x80\xa9"'),
        ('\U0001f600', b'"\xf0\x9f\x98\x80"'),
        ('\u00e9\u07ff\u0800\uffff\U0010ffff', '"\u00e9\u07ff\u0800\uffff\U0010ffff"'.encode()),
        (
            LONG_TEXT,
            b'"' + 'caf\u00e9\\n\\"\U0001f600'.encode() * 2000 + b'"',
        ),
        (LONG_LIST, ('[' + ', '.join(map(str, LONG_LIST)) + ']').encode()),
        ({'k': LONG_TEXT, 'n': LONG_LIST, 'f': [0.25] * 300}, DUMPS),
        (2**63 - 1, b'9223372036854775807'),
        (-(2**63), b'-9223372036854775808'),
        ([0, -1, 10], b'[0, -1, 10]'),
        (2**63, None),
        (-(2**63) - 1, None),
        ([1, 2**64], None),
        ([math.nan, math.inf, -math.inf], b'[NaN, Infinity, -Infinity]'),
        ([-0.0, 1.0, 0.1, 1e16, 1e-7, 5e-324], b'[-0.0, 1.0, 0.1, 1e+16, 1e-07, 5e-324]'),
        (1.7976931348623157e308, b'1.7976931348623157e+308'),
        ({'a': True, 'b': False, 'c': None}, b'{"a": true, "b": false, "c": null}'),
        ((True, False, None), b'[true, false, null]'),
        ({True: 1}, None),
        ({False: 1}, None),
        ({None: 1}, None),
        ({1: 1}, None),
        ({1.5: 1}, None),
        ({'a': 1, 2: 1}, None),
        ({}, b'{}'),
        ([], b'[]'),
        ((), b'[]'),
        ({'a': {}, 'b': [], 'c': ()}, b'{"a": {}, "b": [], "c": []}'),
        ('', b'""'),
        ('a\ud800', None),
        ({'\udc00': 1}, None),
        (['ok', '\udfff'], None),
        (SubStr('a'), None),
        (SubInt(1), None),
        (SubFloat(1.5), None),
        (SubDict(a=1), None),
        (SubList([1]), None),
        (SubTuple((1,)), None),
        (OrderedDict(a=1), None),
        ({SubStr('a'): 1}, None),
        ([1, {2}], None),
        ([Decimal('1.5')], None),
        ({'a': [Opaque()]}, None),
        (b'bytes', None),
    ],
)
def test_plain_json_cases(document: Any, expected: bytes | None) -> None:
    from falcon.core._fast_json import plain_json

    if expected is DUMPS:
        expected = _dumps(document)
    assert plain_json(document) == expected
    assert _is_plain(document) is (expected is not None)
    if expected is not None:
        assert expected == _dumps(document)
    assert _outcome(lambda: _text.json_bytes(document)) == _outcome(
        lambda: _text.encode_utf8(_text.json_text(document))
    )


@needs_extension
@pytest.mark.parametrize('kind', ['dict', 'list', 'tuple'])
@pytest.mark.parametrize('innermost', ['leaf', None, 1.5, []])
def test_sixty_four_containers_deep_are_written_sixty_five_are_not(
    kind: str, innermost: Any
) -> None:
    from falcon.core._fast_json import plain_json

    # The outermost container is at depth 0 and the C refuses a container at depth 64, so
    # 64 nested containers are written and a 65th (even an empty one) gives None.
    for containers, plain in ((MAX_DEPTH, True), (MAX_DEPTH + 1, False)):
        # An empty list innermost is itself one of the containers.
        wrappers = containers - 1 if innermost == [] else containers
        document = _nest(innermost, [kind] * wrappers)
        assert _is_plain(document) is plain
        written = plain_json(document)
        assert (written is not None) is plain, containers
        assert _text.json_bytes(document) == _dumps(document)
        if plain:
            assert written == _dumps(document)


def _circular_list() -> list[Any]:
    document: list[Any] = [1]
    document.append(document)
    return document


def _circular_dict() -> dict[str, Any]:
    document: dict[str, Any] = {'a': 1}
    document['self'] = document
    return document


def _circular_deeper() -> dict[str, Any]:
    document: dict[str, Any] = {'items': []}
    document['items'].append({'parent': document})
    return document


@needs_extension
@pytest.mark.parametrize('make', [_circular_list, _circular_dict, _circular_deeper])
def test_a_circular_document_is_left_to_the_encoder(make: Callable[[], Any]) -> None:
    from falcon.core._fast_json import plain_json

    document = make()
    assert plain_json(document) is None
    with pytest.raises(ValueError) as raised:
        _text.json_bytes(document)
    assert (type(raised.value), str(raised.value)) == (ValueError, 'Circular reference detected')
    assert _outcome(lambda: _text.json_bytes(document)) == _outcome(lambda: _dumps(document))


# --- references, memory and failing allocations ------------------------------------------------


@needs_extension
def test_no_reference_is_kept_or_lost() -> None:
    from falcon.core._fast_json import plain_json

    key = ''.join(['na', 'me'])
    text = 'x' * 2000
    number = 10**10
    big = 2**70
    ratio = 1.5
    lone = 'a\ud800'
    nested = [number, ratio, text]
    document = {key: text, 'nested': nested, 'flag': True}
    opaque = [text, Opaque()]
    circular = _circular_list()
    media = AwaitableDict({key: AwaitableList([text, number])})
    watched = (key, text, number, big, ratio, lone, nested, document, opaque, circular, media)
    before = [sys.getrefcount(obj) for obj in watched]
    for _ in range(1000):
        _text.json_bytes(media)
        _text.json_bytes(opaque[:1])
        _text.json_bytes({number: text})
        plain_json(document)
        plain_json((text, big))
        plain_json({key: lone})
        plain_json({number: text})
        plain_json(opaque)
        plain_json(circular)
        try:
            _text.json_bytes(circular)
        except ValueError:
            pass
    assert [sys.getrefcount(obj) for obj in watched] == before


@needs_extension
def test_no_memory_is_kept() -> None:
    from falcon.core._fast_json import plain_json

    document = {'name': 'caf\u00e9', 'values': list(range(400)), 'ratio': [0.5, 1e300]}
    text = 'y' * 3000
    circular = _circular_list()

    def run(calls: int) -> None:
        for _ in range(calls):
            plain_json(document)
            plain_json([text, 1.5])
            plain_json([text, 2**64])
            plain_json(circular)
            plain_json({'a': 1, 2: 'b'})

    grown = traced_growth(run, 10_000)
    # 50 000 calls, half of them past the inline buffer: one buffer or object kept per call
    # would be megabytes; a few kilobytes come from whatever else the process allocates.
    assert grown < 64 * 1024


NO_MEMORY_SCRIPT = """
import json, _testcapi
from falcon.core._fast_json import plain_json

document = {
    'text': 'caf\\u00e9 "\\U0001f600" ' * 200,
    'numbers': list(range(300)),
    'ratios': [index / 7 for index in range(24)],
    'nested': [{'flag': True, 'none': None}],
}
expected = json.dumps(document, ensure_ascii=False).encode()
outcomes = []
for start in range(STARTS):
    result = error = None
    _testcapi.set_nomemory(start, start + 1)
    try:
        result = plain_json(document)
    except BaseException as caught:
        error = caught
    finally:
        _testcapi.remove_mem_hooks()
    if error is not None:
        outcomes.append(type(error).__name__ + ': ' + str(error))
    elif result is None:
        outcomes.append('None')
    else:
        outcomes.append('exact' if result == expected else 'wrong bytes')
print(json.dumps(outcomes))
"""


@needs_extension
def test_every_failing_allocation_raises_memory_error() -> None:
    if importlib.util.find_spec('_testcapi') is None:
        pytest.skip('this Python has no _testcapi module, which makes allocations fail')
    import _testcapi  # type: ignore[import-not-found]

    if not hasattr(_testcapi, 'set_nomemory'):
        pytest.skip("this Python's _testcapi has no set_nomemory()")
    # A fresh interpreter, without any tracer (coverage) allocating inside the window.
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(('COV_CORE_', 'COVERAGE_'))
    }
    completed = subprocess.run(
        [sys.executable, '-c', NO_MEMORY_SCRIPT.replace('STARTS', '80')],
        cwd=REPO,
        env={**environment, 'PYTHONDONTWRITEBYTECODE': '1'},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    outcomes = json.loads(completed.stdout)
    failed = [outcome for outcome in outcomes if outcome != 'exact']
    # Call number `start` has its allocation number `start` fail, and only that one: each
    # allocation of the call (buffer growth, one per float, the bytes object) fails in turn,
    # then the calls from the first start past the last allocation succeed.
    assert set(failed) == {'MemoryError: '}, outcomes
    assert outcomes[: len(failed)] == failed
    assert len(failed) >= 24 + 2
    assert outcomes[-1] == 'exact'


# --- the apps ----------------------------------------------------------------------------------


def _circular_media() -> Any:
    return _circular_list()


APP_DOCUMENTS: dict[str, Callable[[], Any]] = {
    'plain': lambda: {
        'id': 7,
        'name': 'caf\u00e9 \U0001f600',
        'tags': ['a', 'b"c', ('d',)],
        'ratio': 0.5,
        'ok': True,
        'none': None,
        'big': 2**63 - 1,
    },
    'not-plain': lambda: {
        1: 'one',
        'nested': {2.5: [2**64, None], None: False},
        's': 'x\ud800',
    },
    'circular': _circular_media,
}


class _SyncMedia:
    def on_get(self, req: falcon.Request, resp: falcon.Response, name: str) -> None:
        resp.media = APP_DOCUMENTS[name]()


class _AsyncMedia:
    async def on_get(self, req: Any, resp: Any, name: str) -> None:
        resp.media = APP_DOCUMENTS[name]()


@pytest.fixture(params=['as built', 'python only'])
def writer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The ``json_bytes`` the apps built in the test use: as installed, or without C."""
    if request.param == 'as built':
        return _text.json_bytes
    monkeypatch.setattr(_text, '_Writer', None)
    monkeypatch.setattr(_json, 'json_bytes', _text._make_json_bytes())
    return _json.json_bytes


def _media_app(asgi: bool, make_app: Callable[..., Any], writer: Any) -> falcon.testing.TestClient:
    app = make_app()
    assert app.resp_options.media_handlers[falcon.MEDIA_JSON]._serialize_sync is writer
    app.add_route('/{name}', _AsyncMedia() if asgi else _SyncMedia())
    return falcon.testing.TestClient(app)


@pytest.mark.parametrize(
    ('name', 'body'),
    [
        (
            'plain',
            b'{"id": 7, "name": "caf\xc3\xa9 \xf0\x9f\x98\x80", "tags": ["a", "b\\"c", ["d"]], '
            b'"ratio": 0.5, "ok": true, "none": null, "big": 9223372036854775807}',
        ),
        (
            'not-plain',
            b'{"1": "one", "nested": {"2.5": [18446744073709551616, null], "null": false}, '
            b'"s": "x\\ud800"}',
        ),
    ],
)
def test_media_bodies(
    asgi: bool, make_app: Callable[..., Any], writer: Any, name: str, body: bytes
) -> None:
    result = _media_app(asgi, make_app, writer).simulate_get(f'/{name}')
    assert result.status_code == 200
    assert result.headers['content-type'] == 'application/json'
    assert result.headers['content-length'] == str(len(body))
    assert result.content == body


def test_circular_media_is_a_500(asgi: bool, make_app: Callable[..., Any], writer: Any) -> None:
    result = _media_app(asgi, make_app, writer).simulate_get('/circular')
    assert result.status_code == 500
    assert result.headers['content-type'] == 'application/json'
    assert result.content == b'{"title": "500 Internal Server Error"}'


def test_circular_media_raises_the_encoders_error(
    asgi: bool, make_app: Callable[..., Any], writer: Any
) -> None:
    seen: list[tuple[type[BaseException], str]] = []

    def record(ex: BaseException) -> None:
        seen.append((type(ex), str(ex)))
        raise falcon.HTTPInternalServerError(title='unserializable')

    def handle(req: Any, resp: Any, ex: BaseException, params: Any) -> None:
        record(ex)

    async def handle_async(req: Any, resp: Any, ex: BaseException, params: Any) -> None:
        record(ex)

    client = _media_app(asgi, make_app, writer)
    client.app.add_error_handler(ValueError, handle_async if asgi else handle)
    result = client.simulate_get('/circular')
    assert seen == [(ValueError, 'Circular reference detected')]
    assert (result.status_code, result.content) == (500, b'{"title": "unserializable"}')


@pytest.mark.slow
def test_the_json_suites_pass_without_the_extension() -> None:
    """The standard library encoder alone, with the extension's import blocked, passes the
    JSON body and media tests."""
    suites = [
        'tests/core/test_fast_json.py',
        'tests/core/media/test_json.py',
        'tests/compat/test_media.py',
        'tests_shared/test_media.py',
        'tests/compat/test_text_encodes.py',
        'tests/core/test_error_serializer.py',
    ]
    assert_suites_pass_without(
        ['falcon.core._fast_json'],
        'from falcon.core import _text; assert _text._Writer is None',
        suites,
    )
