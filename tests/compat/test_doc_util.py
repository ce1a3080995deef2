"""Utilities as the Falcon 4.4 docstrings and changelogs state them: the deprecated
``falcon.sys`` alias, the docstring examples of ``secure_filename``, ``Context`` and
``CaseInsensitiveDict``, and the documented errors of the date and status helpers."""

from __future__ import annotations

import datetime
import http
import sys

import pytest

import falcon
import falcon.util
from falcon import uri


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
