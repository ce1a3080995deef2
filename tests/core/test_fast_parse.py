"""The C loop of falcon.core._fast_parse against the Python code it stands in for.

``header_map`` must give the ASGI header map the Python loop of ``Request._headers_map``
gives; for any other input it returns None and the caller runs its general Python code.
Every comparison here runs the caller once with the C function and once with it switched
off (the module attribute set to None, as in a build without the extension), and the slow
test runs the suites with the extension's import blocked.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import subprocess
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import falcon
import falcon.asgi
import falcon.testing
from falcon.asgi import _request

REPO = Path(__file__).resolve().parents[2]
BUILT = importlib.util.find_spec('falcon.core._fast_parse') is not None

needs_extension = pytest.mark.skipif(not BUILT, reason='built without the C extension')


def test_in_use_exactly_where_the_extension_was_built() -> None:
    assert (_request._plain_header_map is not None) is BUILT


@contextmanager
def _python_only(module: Any, attribute: str) -> Iterator[None]:
    """Switch the C function off, as in a build without the extension."""
    saved = getattr(module, attribute)
    setattr(module, attribute, None)
    try:
        yield
    finally:
        setattr(module, attribute, saved)


def _outcome(compute: Callable[[], Any]) -> tuple[str, Any]:
    try:
        result = compute()
    except Exception as error:
        return ('raised', (type(error), str(error)))
    return ('gave', result)


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


# --- references and memory -----------------------------------------------------------------


@needs_extension
def test_no_reference_is_kept_or_lost() -> None:
    from falcon.core._fast_parse import header_map

    host = b'host'
    value = b'example.com'
    mapped = 'host'
    names = {host: mapped}
    plain = [(host, value)]
    repeated = [(host, value), (host, value)]
    watched = (host, value, mapped, names, plain, repeated, plain[0])
    before = [sys.getrefcount(obj) for obj in watched]
    for _ in range(1000):
        header_map(plain, names)
        header_map(repeated, names)
    assert [sys.getrefcount(obj) for obj in watched] == before


@needs_extension
def test_no_memory_is_kept() -> None:
    from falcon.core._fast_parse import header_map

    names = {b'host': 'host', b'accept': 'accept'}
    raw = [(b'host', b'example.com'), (b'accept', b'*/*')]

    def run(calls: int) -> None:
        for _ in range(calls):
            header_map(raw, names)
            header_map([*raw, (b'host', b'x')], names)

    run(100)
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        run(20_000)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    assert grown < 1024


@pytest.mark.slow
def test_the_suites_pass_without_the_extension() -> None:
    """The pure-Python loop, with the extension's import blocked, passes the header-map
    tests."""
    runner = (
        'import sys; sys.modules["falcon.core._fast_parse"] = None; import pytest; '
        'from falcon.asgi import _request; assert _request._plain_header_map is None; '
        'raise SystemExit(pytest.main(sys.argv[1:]))'
    )
    suites = [
        'tests/asgi/test_header_map.py',
        'tests/core/test_fast_parse.py',
    ]
    completed = subprocess.run(
        [sys.executable, '-c', runner, '-q', '-p', 'no:cacheprovider', '-m', 'not slow', *suites],
        cwd=REPO,
        env={**os.environ, 'PYTHONDONTWRITEBYTECODE': '1'},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert ' passed' in completed.stdout
