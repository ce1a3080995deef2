"""Utilities as the Falcon 4.4 docstrings and changelogs state them: the deprecated
``falcon.sys`` alias, the docstring examples of ``secure_filename``, ``Context`` and
``CaseInsensitiveDict``, the documented errors of the date and status helpers, header parsing
and media-type matching (``falcon.util.mediatypes``), status conversions, ``TimezoneGMT`` and
the options of ``falcon.uri.parse_query_string``."""

from __future__ import annotations

import datetime
import http
import sys
from typing import Any

import pytest

import falcon
import falcon.inspect
import falcon.util
from falcon import uri
from falcon.util import mediatypes
from falcon.util.time import TimezoneGMT


def test_falcon_sys_is_a_deprecated_alias() -> None:
    with pytest.warns(falcon.util.DeprecatedWarning):
        assert falcon.sys is sys


def test_unknown_falcon_attribute_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        falcon.no_such_name  # type: ignore[attr-defined]  # noqa: B018


@pytest.mark.parametrize(
    ('name', 'max_length', 'expected'),
    [
        ('Bold Digit \U0001d7cf', None, 'Bold_Digit_1'),
        ('Ångström unit physics.pdf', None, 'A_ngstro_m_unit_physics.pdf'),
        ('Ångström unit physics.pdf', 19, 'A_ngstro_m_unit.pdf'),
        # No extension, or one too long to keep: only the head is retained.
        ('abcdefghij', 5, 'abcde'),
        ('abcdef.verylongext', 5, 'abcde'),
    ],
)
def test_secure_filename_documented_examples(
    name: str, max_length: int | None, expected: str
) -> None:
    assert falcon.secure_filename(name, max_length=max_length) == expected


def test_secure_filename_empty_is_value_error() -> None:
    with pytest.raises(ValueError):
        falcon.secure_filename('')


def test_context_mapping_interface_example() -> None:
    context = falcon.Context()
    context.cache_strategy = 'lru'
    assert context.get('cache_strategy') == 'lru'
    assert 'cache_strategy' in context
    context['other'] = 1
    assert context.other == 1
    assert sorted(context.keys()) == ['cache_strategy', 'other']


def test_case_insensitive_dict_example() -> None:
    cid = falcon.CaseInsensitiveDict()
    cid['Accept'] = 'application/json'
    assert cid['aCCEPT'] == 'application/json'
    assert list(cid) == ['Accept']
    assert list(cid.lower_items()) == [('accept', 'application/json')]
    copy = cid.copy()
    assert isinstance(copy, falcon.CaseInsensitiveDict)
    assert copy == {'ACCEPT': 'application/json'}


@pytest.mark.parametrize(
    'value', ['Tue, 15 Nov 1994 12:45:26 PST', 'Tuesday, 15-Nov-94 12:45:26 GMT', 'garbage']
)
def test_http_date_to_dt_value_errors(value: str) -> None:
    with pytest.raises(ValueError):
        falcon.http_date_to_dt(value)


def test_http_date_to_dt_obs_date_and_aware_result() -> None:
    expected = datetime.datetime(1994, 11, 6, 8, 49, 37, tzinfo=datetime.timezone.utc)
    assert falcon.http_date_to_dt('Sunday, 06-Nov-94 08:49:37 GMT', obs_date=True) == expected
    assert falcon.http_date_to_dt('Sun, 06 Nov 1994 08:49:37 GMT') == expected


@pytest.mark.parametrize(
    ('status', 'line'),
    [
        (http.HTTPStatus.IM_A_TEAPOT, "418 I'm a Teapot"),
        (b'200 OK', '200 OK'),
        # A string is taken as a status line already, not coerced through a code.
        ('299 Custom', '299 Custom'),
    ],
)
def test_code_to_http_status_forms(status: object, line: str) -> None:
    assert falcon.code_to_http_status(status) == line  # type: ignore[arg-type]


def test_parse_host_documented_forms() -> None:
    assert uri.parse_host('example.org:8080') == ('example.org', 8080)
    assert uri.parse_host('example.org', default_port=443) == ('example.org', 443)
    assert uri.parse_host('[2001:db8::1]:80') == ('2001:db8::1', 80)
    assert uri.parse_host('2001:db8::1') == ('2001:db8::1', None)
    assert uri.parse_host('192.0.2.1:8000') == ('192.0.2.1', 8000)


def test_decode_keeps_a_literal_plus_without_unquote_plus() -> None:
    assert uri.decode('a+%41+%2B', unquote_plus=False) == 'a+A++'
    assert uri.decode('a+%41', unquote_plus=True) == 'a A'


@pytest.mark.parametrize(
    ('line', 'expected'),
    [
        ('text/plain; charset=utf-8', ('text/plain', {'charset': 'utf-8'})),
        (
            'form-data; name="a b"; filename="x.txt"',
            ('form-data', {'name': 'a b', 'filename': 'x.txt'}),
        ),
        ('application/json', ('application/json', {})),
        ('text/plain; Charset=UTF-8', ('text/plain', {'charset': 'UTF-8'})),
        ('text/plain ; charset = utf-8 ', ('text/plain', {'charset': 'utf-8'})),
        ('attachment; filename="semi;colon.txt"', ('attachment', {'filename': 'semi;colon.txt'})),
    ],
)
def test_parse_header(line: str, expected: Any) -> None:
    assert mediatypes.parse_header(line) == expected
    assert falcon.parse_header(line) == expected


@pytest.mark.parametrize(
    ('media_type', 'header', 'expected'),
    [
        ('application/json', 'application/json; q=0.5, */*; q=0.1', 0.5),
        ('text/html', 'application/json; q=0.5, */*; q=0.1', 0.1),
        ('text/html', 'application/json', 0.0),
        ('text/html', 'text/*; q=0.3, text/html; q=0.7', 0.7),
        ('text/plain', 'text/*; q=0.3, text/html; q=0.7', 0.3),
        ('image/png', '*/*', 1.0),
    ],
)
def test_quality(media_type: str, header: str, expected: float) -> None:
    assert mediatypes.quality(media_type, header) == pytest.approx(expected)


@pytest.mark.parametrize(
    ('offered', 'header', 'expected'),
    [
        (['application/json', 'text/html'], 'text/*', 'text/html'),
        (['application/json', 'text/html'], 'image/png', ''),
        (
            ['application/json', 'text/html'],
            'text/html; q=0.2, application/json',
            'application/json',
        ),
        (['application/json'], '*/*', 'application/json'),
    ],
)
def test_best_match(offered: list[str], header: str, expected: str) -> None:
    assert mediatypes.best_match(offered, header) == expected


@pytest.mark.parametrize(
    ('status', 'code'),
    [
        (falcon.HTTP_404, 404),
        (b'201 Created', 201),
        (418, 418),
        (http.HTTPStatus.NO_CONTENT, 204),
        ('500', 500),
    ],
)
def test_http_status_to_code(status: Any, code: int) -> None:
    assert falcon.http_status_to_code(status) == code


@pytest.mark.parametrize('status', ['abc', '', b'x'])
def test_http_status_to_code_rejects(status: Any) -> None:
    with pytest.raises(ValueError):
        falcon.http_status_to_code(status)


@pytest.mark.parametrize(
    ('code', 'status'),
    [(404, '404 Not Found'), (http.HTTPStatus.CREATED, '201 Created'), ('200', '200 OK')],
)
def test_code_to_http_status(code: Any, status: str) -> None:
    assert falcon.code_to_http_status(code) == status


def test_timezone_gmt() -> None:
    with pytest.warns(falcon.util.DeprecatedWarning):
        zone = TimezoneGMT()
    assert zone.utcoffset(None) == datetime.timedelta(0)
    assert zone.dst(None) == datetime.timedelta(0)
    assert zone.tzname(None) == 'GMT'
    when = datetime.datetime(2020, 1, 1, tzinfo=zone)
    assert when.astimezone(datetime.timezone.utc).hour == 0


@pytest.mark.parametrize(
    ('query', 'kwargs', 'expected'),
    [
        ('a=1&a=&a=2', {'keep_blank': True}, {'a': ['1', '', '2']}),
        ('a=1&a=&a=2', {}, {'a': ['1', '2']}),
        ('a=1,2&a=3', {'csv': True}, {'a': ['1', '2', '3']}),
        ('a=1,,2', {'csv': True}, {'a': ['1', '2']}),
        ('a=1,,2', {'csv': True, 'keep_blank': True}, {'a': ['1', '', '2']}),
        ('x%20y=1&z+w=2', {}, {'x y': '1', 'z w': '2'}),
        ('&&a=1&', {}, {'a': '1'}),
        ('a=%E2%82%AC', {}, {'a': '€'}),
        ('a=b=c', {}, {'a': 'b=c'}),
        ('', {}, {}),
    ],
)
def test_parse_query_string_more(query: str, kwargs: dict[str, Any], expected: Any) -> None:
    assert uri.parse_query_string(query, **kwargs) == expected
