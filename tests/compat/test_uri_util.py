"""falcon.uri and falcon.util helpers (Falcon 4 Utilities reference)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import falcon
from falcon import uri


@pytest.mark.parametrize(
    ('func', 'value', 'expected'),
    [
        (
            uri.encode,
            'http://example.com/v1/a b?x=1&y=ü',
            'http://example.com/v1/a%20b?x=1&y=%C3%BC',
        ),
        (uri.encode, '/path/ok', '/path/ok'),
        (uri.encode_value, 'a/b c&d=e', 'a%2Fb%20c%26d%3De'),
        (uri.encode_value, 'ünï', '%C3%BCn%C3%AF'),
        (uri.encode_check_escaped, '/a%20b?c=%C3%BC', '/a%20b?c=%C3%BC'),
        (uri.encode_check_escaped, '/a%zzb', '/a%25zzb'),
        (uri.encode_value_check_escaped, 'a%2Fb', 'a%2Fb'),
        (uri.encode_value_check_escaped, 'a/b', 'a%2Fb'),
        (uri.decode, 'a%20b+c', 'a b c'),
        (uri.decode, '%E2%82%AC', '€'),
    ],
)
def test_encode_decode(func: Any, value: str, expected: str) -> None:
    assert func(value) == expected


def test_decode_without_plus() -> None:
    assert uri.decode('a+b%20c', unquote_plus=False) == 'a+b c'


@pytest.mark.parametrize(
    ('query', 'kwargs', 'expected'),
    [
        ('a=1&b=&c=2', {}, {'a': '1', 'c': '2'}),
        ('a=1&b=&c=2', {'keep_blank': True}, {'a': '1', 'b': '', 'c': '2'}),
        ('a=1&a=2', {}, {'a': ['1', '2']}),
        ('a=1,2', {}, {'a': '1,2'}),
        ('a=1,2', {'csv': True}, {'a': ['1', '2']}),
        ('a=x+y%21', {}, {'a': 'x y!'}),
    ],
)
def test_parse_query_string(query: str, kwargs: dict[str, Any], expected: Any) -> None:
    assert uri.parse_query_string(query, **kwargs) == expected


@pytest.mark.parametrize(
    ('host', 'kwargs', 'expected'),
    [
        ('example.com:8080', {}, ('example.com', 8080)),
        ('example.com', {}, ('example.com', None)),
        ('example.com', {'default_port': 443}, ('example.com', 443)),
        ('[::1]:8000', {}, ('::1', 8000)),
        ('[::1]', {}, ('::1', None)),
        ('127.0.0.1:80', {}, ('127.0.0.1', 80)),
    ],
)
def test_parse_host(host: str, kwargs: dict[str, Any], expected: Any) -> None:
    assert uri.parse_host(host, **kwargs) == expected


@pytest.mark.parametrize(
    ('value', 'expected'),
    [('"foo\\"bar"', 'foo"bar'), ('"plain"', 'plain'), ('bare', 'bare')],
)
def test_unquote_string(value: str, expected: str) -> None:
    assert uri.unquote_string(value) == expected


@pytest.mark.parametrize(
    ('params', 'kwargs', 'expected'),
    [
        ({'a': 1, 'b': 'x y'}, {}, '?a=1&b=x%20y'),
        ({'t': True, 'f': False}, {}, '?t=true&f=false'),
        ({'l': [1, 2, 'a b']}, {}, '?l=1,2,a%20b'),
        ({'l': [1, 2]}, {'comma_delimited_lists': False}, '?l=1&l=2'),
        ({'a': 'x'}, {'prefix': False}, 'a=x'),
        ({}, {}, ''),
    ],
)
def test_to_query_str(params: Any, kwargs: dict[str, Any], expected: str) -> None:
    assert falcon.to_query_str(params, **kwargs) == expected


@pytest.mark.parametrize(
    ('name', 'expected'),
    [
        ('Ångström unit physics.pdf', 'A_ngstro_m_unit_physics.pdf'),
        ('Bold Digit 𝟏', 'Bold_Digit_1'),  # noqa: RUF001
        ('../../etc/passwd', '_._.._etc_passwd'),
        ('.hidden', '_hidden'),
        ('report-2024.v2.txt', 'report-2024.v2.txt'),
    ],
)
def test_secure_filename(name: str, expected: str) -> None:
    assert falcon.secure_filename(name) == expected


def test_secure_filename_rejects_empty() -> None:
    with pytest.raises(ValueError):
        falcon.secure_filename('')


UTC = datetime.timezone.utc


@pytest.mark.parametrize(
    ('text', 'kwargs', 'expected'),
    [
        (
            'Tue, 15 Nov 1994 12:45:26 GMT',
            {},
            datetime.datetime(1994, 11, 15, 12, 45, 26, tzinfo=UTC),
        ),
        (
            'Tuesday, 15-Nov-94 12:45:26 GMT',
            {'obs_date': True},
            datetime.datetime(1994, 11, 15, 12, 45, 26, tzinfo=UTC),
        ),
        (
            'Tue Nov 15 12:45:26 1994',
            {'obs_date': True},
            datetime.datetime(1994, 11, 15, 12, 45, 26, tzinfo=UTC),
        ),
    ],
)
def test_http_date_to_dt(text: str, kwargs: dict[str, Any], expected: datetime.datetime) -> None:
    assert falcon.http_date_to_dt(text, **kwargs) == expected


@pytest.mark.parametrize(
    ('text', 'kwargs'),
    [('not a date', {}), ('Tuesday, 15-Nov-94 12:45:26 GMT', {}), ('', {'obs_date': True})],
)
def test_http_date_to_dt_rejects(text: str, kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        falcon.http_date_to_dt(text, **kwargs)


@pytest.mark.parametrize(
    'when',
    [
        datetime.datetime(1994, 11, 15, 12, 45, 26),
        datetime.datetime(1994, 11, 15, 12, 45, 26, tzinfo=UTC),
        datetime.datetime(
            1994, 11, 15, 14, 45, 26, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
        ),
    ],
)
def test_dt_to_http(when: datetime.datetime) -> None:
    assert falcon.dt_to_http(when) == 'Tue, 15 Nov 1994 12:45:26 GMT'


def test_http_now_format() -> None:
    now = falcon.http_now()
    assert now.endswith(' GMT')
    assert abs((falcon.http_date_to_dt(now) - datetime.datetime.now(UTC)).total_seconds()) < 5


def test_get_bound_method() -> None:
    class Thing:
        def on_get(self) -> str:
            return 'x'

        not_callable = 5

    thing = Thing()
    method = falcon.get_bound_method(thing, 'on_get')
    assert method is not None
    assert method() == 'x'
    assert falcon.get_bound_method(thing, 'on_post') is None


def test_get_argnames() -> None:
    def func(a: Any, b: Any, *args: Any, c: Any = 1, **kwargs: Any) -> None:
        pass

    assert falcon.get_argnames(func) == ['a', 'b', 'c']


@pytest.mark.parametrize(
    ('text', 'weak', 'value', 'dumped'),
    [('W/"abc"', True, 'abc', 'W/"abc"'), ('"xyz"', False, 'xyz', '"xyz"')],
)
def test_etag(text: str, weak: bool, value: str, dumped: str) -> None:
    etag = falcon.ETag.loads(text)
    assert etag.is_weak is weak
    assert etag == value
    assert etag.dumps() == dumped


def test_case_insensitive_dict() -> None:
    headers = falcon.CaseInsensitiveDict({'Content-Type': 'a'})
    assert headers['content-type'] == 'a'
    headers['CONTENT-TYPE'] = 'b'
    assert len(headers) == 1
    assert list(headers) == ['CONTENT-TYPE']


def test_context_is_attribute_and_item_bag() -> None:
    ctx = falcon.Context()
    ctx.user = 'u'
    assert ctx['user'] == 'u'
    ctx['role'] = 'admin'
    assert ctx.role == 'admin'
    assert 'role' in ctx
    assert ctx.get('missing', 7) == 7
