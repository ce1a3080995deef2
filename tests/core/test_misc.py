from __future__ import annotations

import functools
import time
import warnings
from typing import Any

import pytest

import falcon.util
import falcon.util.deprecation
import falcon.util.misc
from falcon.core._misc import (
    AttributeRemovedError,
    DeprecatedWarning,
    deprecated,
    deprecated_args,
    get_argnames,
    get_bound_method,
    get_encoding_from_headers,
    is_python_func,
    secure_filename,
)
from falcon.core._structures import CaseInsensitiveDict


@pytest.mark.parametrize(
    ('filename', 'expected'),
    [
        ('report.pdf', 'report.pdf'),
        ('Bold Digit \U0001d7cf', 'Bold_Digit_1'),
        ('Ångström unit physics.pdf', 'A_ngstro_m_unit_physics.pdf'),
        ('../../etc/passwd', '_._.._etc_passwd'),
        ('.bashrc', '_bashrc'),
        ('a\\b:c*d?e', 'a_b_c_d_e'),
        ('under_score-dash', 'under_score-dash'),
        ('\x00nul', '_nul'),
    ],
)
def test_secure_filename(filename: str, expected: str) -> None:
    assert secure_filename(filename) == expected


@pytest.mark.parametrize(
    ('filename', 'max_length', 'expected'),
    [
        ('short.txt', 20, 'short.txt'),
        ('averyveryverylongname.txt', 12, 'averyver.txt'),
        ('averyveryverylongname.txt', 4, 'aver'),
        ('noextension_at_all', 5, 'noext'),
        ('x.averyverylongextension', 6, 'x.aver'),
    ],
)
def test_secure_filename_max_length(filename: str, max_length: int, expected: str) -> None:
    result = secure_filename(filename, max_length=max_length)
    assert result == expected
    assert len(result) <= max_length


@pytest.mark.parametrize(('filename', 'max_length'), [('', None), ('a', 0), ('a', -1)])
def test_secure_filename_invalid(filename: str, max_length: int | None) -> None:
    with pytest.raises(ValueError):
        secure_filename(filename, max_length=max_length)


def test_secure_filename_long_input_is_fast() -> None:
    start = time.process_time()
    assert secure_filename('ä' * 100_000) == 'a_' * 100_000
    assert time.process_time() - start < 1.0


class _Resource:
    def on_get(self, req: Any, resp: Any, *args: Any, item_id: int = 0, **kwargs: Any) -> None:
        pass

    @staticmethod
    def static(a: int) -> None:
        pass

    plain_attribute = 5


def _free(a: int, b: int, /, c: int, *, d: int) -> None:
    pass


@pytest.mark.parametrize(
    ('func', 'expected'),
    [
        (_free, ['a', 'b', 'c', 'd']),
        (_Resource().on_get, ['req', 'resp', 'item_id']),
        (_Resource.on_get, ['req', 'resp', 'item_id']),
        (lambda *args, **kwargs: None, []),
        (functools.partial(_free, 1), ['b', 'c', 'd']),
        (_Resource, []),
    ],
)
def test_get_argnames(func: Any, expected: list[str]) -> None:
    assert get_argnames(func) == expected


def test_get_bound_method() -> None:
    resource = _Resource()
    method = get_bound_method(resource, 'on_get')
    assert method is not None
    assert method.__self__ is resource  # type: ignore[attr-defined]
    assert get_bound_method(resource, 'on_post') is None
    with pytest.raises(AttributeError):
        get_bound_method(_Resource, 'on_get')
    with pytest.raises(AttributeError):
        get_bound_method(resource, 'static')


@pytest.mark.parametrize(
    ('func', 'expected'),
    [
        (_free, True),
        (_Resource().on_get, True),
        (lambda: None, True),
        (len, False),
        (str.upper, False),
        (functools.partial(_free, 1), False),
        (object(), False),
    ],
)
def test_is_python_func(func: Any, expected: bool) -> None:
    assert is_python_func(func) is expected


def test_deprecated_function() -> None:
    @deprecated('Use new_thing() instead.')
    def old_thing(x: int) -> int:
        """Old docs."""
        return x * 2

    with pytest.warns(DeprecatedWarning) as record:
        assert old_thing(2) == 4
    assert str(record[0].message) == (
        'Call to deprecated function old_thing(...). Use new_thing() instead.'
    )
    assert record[0].filename == __file__
    assert old_thing.__name__ == 'old_thing'
    assert old_thing.__doc__ == 'Old docs.'


def test_deprecated_property_and_name_override() -> None:
    class Thing:
        @property
        @deprecated('Use size.', is_property=True)
        def length(self) -> int:
            return 3

        @deprecated('Use run().', method_name='start')
        def begin(self) -> str:
            return 'ok'

    with pytest.warns(
        DeprecatedWarning, match=r'^Call to deprecated property length\. Use size\.$'
    ):
        assert Thing().length == 3
    with pytest.warns(DeprecatedWarning, match=r'function start\(\.\.\.\)\. Use run\(\)\.'):
        assert Thing().begin() == 'ok'


@pytest.mark.parametrize(
    ('allowed', 'is_method', 'args', 'warns', 'fragment'),
    [
        (1, True, (1,), False, ''),
        (1, True, (1, 2), True, 'with more than 1 positional argument are deprecated'),
        (2, False, (1, 2), False, ''),
        (2, False, (1, 2, 3), True, 'with more than 2 positional arguments are deprecated'),
        (0, False, (1,), True, 'with positional arguments are deprecated'),
    ],
)
def test_deprecated_args(
    allowed: int, is_method: bool, args: tuple[int, ...], warns: bool, fragment: str
) -> None:
    class Holder:
        @deprecated_args(allowed_positional=allowed, is_method=is_method)
        def method(self, *args: int, **kwargs: int) -> int:
            return len(args) + len(kwargs)

    def call() -> object:
        if is_method:
            return Holder().method(*args, extra=1)
        unbound: Any = Holder.method
        return unbound(*args, extra=1)

    if warns:
        with pytest.warns(DeprecatedWarning, match=fragment) as record:
            call()
        assert 'Please specify them as keyword arguments instead.' in str(record[0].message)
        assert 'Holder.method(...)' in str(record[0].message)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter('error')
            call()


def test_exception_types() -> None:
    assert issubclass(DeprecatedWarning, UserWarning)
    assert issubclass(AttributeRemovedError, AttributeError)


@pytest.mark.parametrize(
    ('headers', 'expected'),
    [
        ({}, None),
        ({'content-type': ''}, None),
        ({'content-type': 'text/plain; charset=utf-16'}, 'utf-16'),
        ({'content-type': 'text/plain; charset="utf-8"'}, 'utf-8'),
        ({'content-type': "text/plain; charset='utf-8'"}, 'utf-8'),
        ({'content-type': 'text/html'}, 'ISO-8859-1'),
        ({'content-type': 'application/json'}, 'UTF-8'),
        ({'content-type': 'application/octet-stream'}, None),
        (CaseInsensitiveDict({'Content-Type': 'text/csv'}), 'ISO-8859-1'),
    ],
)
def test_get_encoding_from_headers(headers: Any, expected: str | None) -> None:
    assert get_encoding_from_headers(headers) == expected


SURFACE_UTIL = {
    'AttributeRemovedError',
    'BufferedReader',
    'IS_64_BITS',
    'create_task',
    'get_running_loop',
    'CaseInsensitiveDict',
    'Context',
    'DeprecatedWarning',
    'ETag',
    'PYTHON_VERSION',
    'TimezoneGMT',
    'async_to_sync',
    'code_to_http_status',
    'deprecated',
    'deprecated_args',
    'dt_to_http',
    'get_argnames',
    'get_bound_method',
    'http_date_to_dt',
    'http_now',
    'http_status_to_code',
    'is_python_func',
    'parse_header',
    'runs_sync',
    'secure_filename',
    'sync_to_async',
    'to_query_str',
    'wrap_sync_to_async',
    'wrap_sync_to_async_unsafe',
}


def test_public_modules() -> None:
    assert set(falcon.util.__all__) == SURFACE_UTIL
    for name in SURFACE_UTIL:
        assert hasattr(falcon.util, name), name
    assert falcon.util.secure_filename is secure_filename
    assert falcon.util.code_to_http_status(404) == '404 Not Found'
    assert falcon.util.misc.http_status_to_code('404 Not Found') == 404
    assert falcon.util.misc.to_query_str({'a': 1}) == '?a=1'
    assert set(falcon.util.deprecation.__all__) == {
        'AttributeRemovedError',
        'DeprecatedWarning',
        'deprecated',
        'deprecated_args',
    }
    assert isinstance(falcon.util.PYTHON_VERSION, tuple)
