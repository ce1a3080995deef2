"""The C loops of falcon.core._fast_parse against the Python code they stand in for.

``header_map`` must give the ASGI header map the Python loop of ``Request._headers_map``
gives, and ``plain_query`` the dict of the plain-fields shortcut of ``parse_query_string``;
for any other input both return None and the callers run their general Python code. Every
comparison here runs the callers once with the C function and once with it switched off
(the module attribute set to None, as in a build without the extension), and the slow test
runs the suites with the extension's import blocked.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import falcon
import falcon.asgi
import falcon.testing
from falcon.asgi import _request
from falcon.core import _uri
from tests._c_extensions import assert_suites_pass_without, traced_growth
from tests._c_extensions import outcome as _outcome

BUILT = importlib.util.find_spec('falcon.core._fast_parse') is not None

needs_extension = pytest.mark.skipif(not BUILT, reason='built without the C extension')


def test_in_use_exactly_where_the_extension_was_built() -> None:
    assert (_request._plain_header_map is not None) is BUILT
    assert (_uri._plain_query is not None) is BUILT


@contextmanager
def _python_only(module: Any, attribute: str) -> Iterator[None]:
    """Switch the C function off, as in a build without the extension."""
    saved = getattr(module, attribute)
    setattr(module, attribute, None)
    try:
        yield
    finally:
        setattr(module, attribute, saved)


# --- header_map ----------------------------------------------------------------------------


class SubBytes(bytes):
    pass


KNOWN = [b'host', b'Host', b'accept', b'content-type', b'X-Trace', b'x-trace', b'cookie']
UNKNOWN = [b'x-new', b'X-Other', b'\xe9t\xe9', b'']
NAMES = st.one_of(
    st.sampled_from(KNOWN + UNKNOWN),
    st.sampled_from(['host', bytearray(b'host'), SubBytes(b'accept'), None]),
)
VALUES = st.one_of(
    st.binary(max_size=6),
    st.sampled_from(['text', bytearray(b'v'), SubBytes(b'\xff'), 7]),
)
PAIRS = st.one_of(
    st.tuples(st.sampled_from(KNOWN), st.binary(max_size=6)),
    st.tuples(NAMES, VALUES),
    st.builds(lambda name, value: [name, value], NAMES, VALUES),
    st.tuples(NAMES),
    st.tuples(NAMES, VALUES, VALUES),
)
RAW = st.one_of(
    st.lists(st.tuples(st.sampled_from(KNOWN), st.binary(max_size=6)), max_size=8),
    st.lists(PAIRS, max_size=8),
    st.lists(PAIRS, max_size=8).map(tuple),
)
# Each example starts from a cache that knows some names (each mapped as the general loop
# maps it: decoded and lower-cased).
CACHES = st.lists(st.sampled_from(KNOWN), unique=True).map(
    lambda known: {name: name.decode('latin-1').lower() for name in known}
)


async def _receive() -> dict[str, Any]:
    return {'type': 'http.request', 'body': b'', 'more_body': False}


def _header_map_with(raw: Any, cache: dict[bytes, str]) -> tuple[str, Any]:
    """``Request._headers_map()`` of a request whose scope holds `raw`, from `cache`."""
    scope = falcon.testing.create_scope(path='/')
    scope['headers'] = raw
    request = falcon.asgi.Request(scope, _receive)
    saved = _request._HEADER_NAMES
    _request._HEADER_NAMES = dict(cache)
    try:
        return _outcome(request._headers_map)
    finally:
        _request._HEADER_NAMES = saved


@given(raw=RAW, cache=CACHES)
def test_the_header_map_is_the_python_loops(raw: Any, cache: dict[bytes, str]) -> None:
    with _python_only(_request, '_plain_header_map'):
        expected = _header_map_with(raw, cache)
    assert _header_map_with(raw, cache) == expected


def _plain_header_map(raw: Any, names: dict[bytes, str]) -> dict[str, str] | None:
    """What ``header_map`` computes, in Python."""
    if type(raw) is not list and type(raw) is not tuple:
        return None
    headers = {}
    for pair in raw:
        if type(pair) is not tuple or len(pair) != 2:
            return None
        name, value = pair
        if type(name) is not bytes or type(value) is not bytes:
            return None
        mapped = names.get(name)
        if type(mapped) is not str:
            return None
        headers[mapped] = value.decode('latin-1')
    return headers if len(headers) == len(raw) else None


@needs_extension
@given(raw=RAW, cache=CACHES)
def test_header_map_returns_a_map_exactly_for_plain_pairs(
    raw: Any, cache: dict[bytes, str]
) -> None:
    from falcon.core._fast_parse import header_map

    assert header_map(raw, cache) == _plain_header_map(raw, cache)


@needs_extension
@pytest.mark.parametrize(
    ('raw', 'expected'),
    [
        ([], {}),
        ((), {}),
        (
            [(b'Host', b'example.com'), (b'accept', b'*/*'), (b'x-trace', b'caf\xe9')],
            {'host': 'example.com', 'accept': '*/*', 'x-trace': 'caf\xe9'},
        ),
        ([(b'host', b'')], {'host': ''}),
        ([(b'host', b'a'), (b'Host', b'b')], None),
        ([(b'host', b'a'), (b'host', b'b')], None),
        ([(b'host', b'a'), (b'x-unknown', b'b')], None),
        ([[b'host', b'a']], None),
        ([(b'host', b'a', b'b')], None),
        ([(b'host', 'a')], None),
        ([(SubBytes(b'host'), b'a')], None),
        (iter([(b'host', b'a')]), None),
    ],
)
def test_header_map_cases(raw: Any, expected: dict[str, str] | None) -> None:
    from falcon.core._fast_parse import header_map

    names = {b'host': 'host', b'Host': 'host', b'accept': 'accept', b'x-trace': 'x-trace'}
    assert header_map(raw, names) == expected


@needs_extension
def test_header_map_checks_its_arguments() -> None:
    from falcon.core._fast_parse import header_map

    with pytest.raises(TypeError, match='names must be a dict'):
        header_map([], [])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match='takes 2 arguments'):
        header_map([])  # type: ignore[call-arg]


# --- no_content_length -------------------------------------------------------------------

FRAMING_NAMES = st.one_of(
    NAMES,
    st.sampled_from(
        [
            b'content-length',
            b'Content-Length',
            b'CONTENT-LENGTH',
            b'content-lengt',
            b'content-lengthx',
        ]
    ),
)
FRAMING_RAW = st.one_of(
    RAW,
    st.lists(st.tuples(FRAMING_NAMES, VALUES), max_size=6),
    st.lists(st.tuples(FRAMING_NAMES, VALUES), max_size=6).map(tuple),
)


def _no_content_length(raw: Any) -> bool | None:
    """What ``no_content_length`` computes, in Python."""
    if type(raw) is not list:
        return None
    for pair in raw:
        if type(pair) is not tuple or len(pair) != 2 or type(pair[0]) is not bytes:
            return None
        if pair[0].lower() == b'content-length':
            return None
    return True


@needs_extension
@given(raw=FRAMING_RAW)
def test_no_content_length_is_true_exactly_for_plain_pairs_without_it(raw: Any) -> None:
    from falcon.core._fast_parse import no_content_length

    assert no_content_length(raw) is _no_content_length(raw)


def _framing_with(raw: Any, method: str) -> tuple[tuple[str, Any], tuple[str, Any]]:
    """The framing check of a request whose scope holds `raw`, then its Content-Length."""
    scope = falcon.testing.create_scope(path='/', method=method)
    scope['headers'] = raw
    request = falcon.asgi.Request(scope, _receive)
    framing = _outcome(request._framing_header)
    return framing, _outcome(lambda: request.content_length)


# Pairs of two items with byte-string values, as the ASGI spec has servers send (names of
# odd types included); what a scope outside the spec raises may differ between the paths.
SPEC_PAIRS = st.lists(st.tuples(FRAMING_NAMES, st.binary(max_size=4)), max_size=6)


@pytest.mark.parametrize('method', ['GET', 'POST'])
@given(raw=SPEC_PAIRS)
def test_the_framing_check_is_the_python_loops(raw: Any, method: str) -> None:
    with _python_only(_request, '_no_content_length'):
        expected = _framing_with(list(raw), method)
    assert _framing_with(list(raw), method) == expected


@needs_extension
def test_no_content_length_cases() -> None:
    from falcon.core._fast_parse import no_content_length

    assert no_content_length([]) is True
    assert no_content_length([(b'host', b'a'), (b'accept', 7)]) is True
    assert no_content_length([(b'host', b'a'), (b'Content-length', b'3')]) is None
    assert no_content_length([(b'content-length', b'')]) is None
    assert no_content_length([(b'x-content-length', b'3')]) is True
    assert no_content_length(((b'host', b'a'),)) is None
    assert no_content_length([[b'host', b'a']]) is None
    assert no_content_length([(SubBytes(b'host'), b'a')]) is None
    assert no_content_length([('host', b'a')]) is None


# --- plain_query ---------------------------------------------------------------------------

QUERY_STRINGS = st.text(alphabet='ab=&%+,2C\xe9\u20ac\U0001f600', max_size=24)


def _parse_with(query_string: str, keep_blank: bool, csv: bool) -> tuple[str, Any]:
    return _outcome(lambda: _uri.parse_query_string(query_string, keep_blank, csv))


@given(query_string=QUERY_STRINGS, keep_blank=st.booleans(), csv=st.booleans())
def test_parse_query_string_is_the_python_loops(
    query_string: str, keep_blank: bool, csv: bool
) -> None:
    with _python_only(_uri, '_plain_query'):
        expected = _parse_with(query_string, keep_blank, csv)
    assert _parse_with(query_string, keep_blank, csv) == expected


def _plain_fields(query_string: str, csv: bool) -> dict[str, str] | None:
    """What ``plain_query`` computes, in Python: the plain-fields shortcut."""
    if '%' in query_string or '+' in query_string or (csv and ',' in query_string):
        return None
    params: dict[str, str] = {}
    for field in query_string.split('&'):
        name, _, value = field.partition('=')
        if not name or not value or name in params:
            return None
        params[name] = value
    return params


@needs_extension
@given(query_string=QUERY_STRINGS, csv=st.booleans())
def test_plain_query_returns_a_dict_exactly_for_plain_fields(query_string: str, csv: bool) -> None:
    from falcon.core._fast_parse import plain_query

    assert plain_query(query_string, csv) == _plain_fields(query_string, csv)


@needs_extension
@pytest.mark.parametrize(
    ('query_string', 'csv', 'expected'),
    [
        ('limit=25&x=1', False, {'limit': '25', 'x': '1'}),
        ('a=1,2', False, {'a': '1,2'}),
        ('a=1,2', True, None),
        ('a=b=c&c=d', False, {'a': 'b=c', 'c': 'd'}),
        ('caf\xe9=\u20ac&\U0001f600=1', False, {'caf\xe9': '\u20ac', '\U0001f600': '1'}),
        ('', False, None),
        ('a=', False, None),
        ('=1', False, None),
        ('a', False, None),
        ('a=1&', False, None),
        ('&a=1', False, None),
        ('a=1&a=1', False, None),
        ('a=%20', False, None),
        ('a=b+c', False, None),
    ],
)
def test_plain_query_cases(query_string: str, csv: bool, expected: dict[str, str] | None) -> None:
    from falcon.core._fast_parse import plain_query

    assert plain_query(query_string, csv) == expected


@pytest.mark.parametrize('asgi', [False, True])
@pytest.mark.parametrize(
    'query_string', ['limit=25&x=1', 'a=1&a=2', 'a=1,2&b=', 'x=caf%C3%A9+y', 'b=&c=3']
)
def test_request_params_are_the_same_without_the_c_loop(asgi: bool, query_string: str) -> None:
    def params() -> dict[str, Any]:
        if asgi:
            scope = falcon.testing.create_scope(path='/', query_string=query_string)
            return falcon.asgi.Request(scope, _receive).params
        environ = falcon.testing.create_environ(path='/', query_string=query_string)
        return falcon.Request(environ).params

    with _python_only(_uri, '_plain_query'):
        expected = params()
    assert params() == expected


# --- references and memory -----------------------------------------------------------------


@needs_extension
def test_no_reference_is_kept_or_lost() -> None:
    from falcon.core._fast_parse import header_map, plain_query

    host = b'host'
    value = b'example.com'
    mapped = 'host'
    names = {host: mapped}
    plain = [(host, value)]
    repeated = [(host, value), (host, value)]
    query = 'limit=25&x=1'
    watched = (host, value, mapped, names, plain, repeated, query, plain[0])
    # The first call remembers the names dict and, per position, a name and its str: held
    # from then on, and not taken again by later calls.
    header_map(repeated, names)
    before = [sys.getrefcount(obj) for obj in watched]
    for _ in range(1000):
        header_map(plain, names)
        header_map(repeated, names)
        plain_query(query, False)
        plain_query('a=1&a=2', True)
    assert [sys.getrefcount(obj) for obj in watched] == before


@needs_extension
def test_header_map_lets_go_of_a_names_dict_it_was_given_before() -> None:
    from falcon.core._fast_parse import header_map

    first = {b'host': 'host'}
    header_map([(b'host', b'a')], first)
    held = sys.getrefcount(first)
    header_map([(b'host', b'a')], {b'host': 'host'})
    assert sys.getrefcount(first) == held - 1


@needs_extension
def test_header_map_remembers_names_by_content_not_identity() -> None:
    from falcon.core._fast_parse import header_map

    names = {b'host': 'host', b'accept': 'accept'}
    first = [(b'host', b'a'), (b'accept', b'b')]
    assert header_map(first, names) == {'host': 'a', 'accept': 'b'}
    # New objects with the same bytes at the same positions, then other names there.
    fresh = [(bytes(bytearray(b'host')), b'c'), (bytes(bytearray(b'accept')), b'd')]
    assert header_map(fresh, names) == {'host': 'c', 'accept': 'd'}
    assert header_map([(b'accept', b'e'), (b'host', b'f')], names) == {'accept': 'e', 'host': 'f'}
    assert header_map([(b'accepT', b'e')], names) is None
    assert header_map([(b'hos', b'e')], names) is None


@needs_extension
def test_no_memory_is_kept() -> None:
    from falcon.core._fast_parse import header_map, plain_query

    names = {b'host': 'host', b'accept': 'accept'}
    raw = [(b'host', b'example.com'), (b'accept', b'*/*')]

    def run(calls: int) -> None:
        for _ in range(calls):
            header_map(raw, names)
            header_map([*raw, (b'host', b'x')], names)
            plain_query('limit=25&x=1', False)
            plain_query('limit=25&x=1&x=2', False)

    grown = traced_growth(run, 20_000)
    # 80 000 calls: one object kept per call would be megabytes; a few kilobytes come from
    # whatever else the process allocates meanwhile (seen: 2 KB under xdist).
    assert grown < 64 * 1024


@pytest.mark.slow
def test_the_suites_pass_without_the_extension() -> None:
    """The pure-Python loops, with the extension's import blocked, pass the header-map and
    query-string tests."""
    suites = [
        'tests/asgi/test_header_map.py',
        'tests/core/test_uri.py',
        'tests/compat/test_uri_util.py',
        'tests/compat/test_doc_util.py',
        'tests/compat/user_guide/test_faq.py',
        'tests/core/test_fast_parse.py',
    ]
    assert_suites_pass_without(
        ['falcon.core._fast_parse'],
        'from falcon.asgi import _request; from falcon.core import _uri; '
        'assert _request._plain_header_map is None and _uri._plain_query is None',
        suites,
    )
