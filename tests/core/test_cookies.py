from __future__ import annotations

import http.cookies
import random
import time
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from falcon.core._cookies import format_set_cookie, is_cookie_token, parse_cookie_header


@pytest.mark.parametrize(
    ('header', 'expected'),
    [
        ('', {}),
        ('a=1', {'a': ['1']}),
        ('a=1; b=2', {'a': ['1'], 'b': ['2']}),
        ('a=1;b=2;a=3', {'a': ['1', '3'], 'b': ['2']}),
        ('  a  =  1  ;  b = 2 ', {'a': ['1'], 'b': ['2']}),
        ('a=', {'a': ['']}),
        ('a=""', {'a': ['']}),
        ('a="x y"', {'a': ['x y']}),
        ('a="\\"q\\""', {'a': ['"q"']}),
        ('a="\\\\"', {'a': ['\\']}),
        ('a="\\073\\054"', {'a': [';,']}),
        ('a="x', {'a': ['"x']}),
        ('a=b=c', {'a': ['b=c']}),
        ('noequals; a=1', {'a': ['1']}),
        ('=novalue; a=1', {'a': ['1']}),
        ('bad name=1; a[0]=2; a"b=3; ok=4', {'ok': ['4']}),
        ('n\u00e4me=1; x=2', {'x': ['2']}),
        ('a=1;;; ;b=2', {'a': ['1'], 'b': ['2']}),
        ("!#$%&'*+-.^_`|~=tok", {"!#$%&'*+-.^_`|~": ['tok']}),
    ],
)
def test_parse_cookie_header(header: str, expected: dict[str, list[str]]) -> None:
    assert parse_cookie_header(header) == expected


@pytest.mark.parametrize(
    'value', ['plain', 'with space', 'semi;colon', 'comma,', 'quote"', 'back\\slash', 'tab\tx']
)
def test_parse_reads_what_simplecookie_writes(value: str) -> None:
    cookie: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
    cookie['c'] = value
    header = cookie.output(header='', attrs=[]).strip()
    assert parse_cookie_header(header) == {'c': [value]}


@pytest.mark.no_cover  # timed: tracing for coverage would slow it down
def test_parse_many_backslash_escapes_is_linear() -> None:
    header = 'a="' + '\\"' * 50_000 + '"; b="' + '\\\\' * 50_000 + '"'
    start = time.process_time()
    cookies = parse_cookie_header(header)
    assert time.process_time() - start < 1.0
    assert cookies == {'a': ['"' * 50_000], 'b': ['\\' * 50_000]}


def test_parse_many_pairs() -> None:
    header = '; '.join(f'c{i}=v{i}' for i in range(50_000))
    start = time.process_time()
    cookies = parse_cookie_header(header)
    assert time.process_time() - start < 2.0
    assert len(cookies) == 50_000
    assert cookies['c49999'] == ['v49999']


@pytest.mark.parametrize(
    ('name', 'expected'),
    [('abc', True), ('a-b.c_d', True), ('', False), ('a b', False), ('a;b', False), ('ä', False)],
)
def test_is_cookie_token(name: str, expected: bool) -> None:
    assert is_cookie_token(name) is expected


@pytest.mark.parametrize(
    ('kwargs', 'expected'),
    [
        ({}, 'id=42; HttpOnly'),
        ({'http_only': False}, 'id=42'),
        (
            {
                'expires': datetime(2030, 1, 2, 3, 4, 5),
                'max_age': 300,
                'domain': 'example.com',
                'path': '/',
                'secure': True,
                'same_site': 'lax',
                'partitioned': True,
            },
            'id=42; Domain=example.com; expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; '
            'Max-Age=300; Partitioned; Path=/; SameSite=Lax; Secure',
        ),
        (
            {'expires': datetime(2030, 1, 2, 5, 4, 5, tzinfo=timezone(timedelta(hours=2)))},
            'id=42; expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly',
        ),
        ({'max_age': 0, 'http_only': False}, 'id=42; Max-Age=0'),
        ({'max_age': '60', 'http_only': False}, 'id=42; Max-Age=60'),
        ({'same_site': 'STRICT', 'http_only': False}, 'id=42; SameSite=Strict'),
        ({'same_site': 'none', 'http_only': False}, 'id=42; SameSite=None'),
    ],
)
def test_format_set_cookie(kwargs: dict[str, Any], expected: str) -> None:
    assert format_set_cookie('id', '42', **kwargs) == expected


@pytest.mark.parametrize(
    'value', ['', 'plain', 'with space', 'semi;colon', 'comma,', 'quote"', 'back\\slash', '{}']
)
def test_format_value_quoting_matches_simplecookie(value: str) -> None:
    cookie: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
    cookie['c'] = value
    expected = cookie['c'].OutputString()
    assert format_set_cookie('c', value, http_only=False) == expected
    assert parse_cookie_header(format_set_cookie('c', value, http_only=False)) == {'c': [value]}


def test_format_attribute_order_matches_simplecookie() -> None:
    cookie: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
    cookie['c'] = 'v'
    morsel = cookie['c']
    morsel['domain'] = 'example.com'
    morsel['expires'] = 'Wed, 02 Jan 2030 03:04:05 GMT'
    morsel['httponly'] = True
    morsel['max-age'] = 10
    morsel['path'] = '/x'
    morsel['samesite'] = 'Lax'
    morsel['secure'] = True
    assert (
        format_set_cookie(
            'c',
            'v',
            domain='example.com',
            expires=datetime(2030, 1, 2, 3, 4, 5),
            max_age=10,
            path='/x',
            same_site='Lax',
            secure=True,
        )
        == morsel.OutputString()
    )


@pytest.mark.parametrize(
    ('name', 'value', 'kwargs'),
    [
        ('', 'v', {}),
        ('a b', 'v', {}),
        ('a;b', 'v', {}),
        ('a\r\nSet-Cookie: x', 'v', {}),
        ('ä', 'v', {}),
        ('c', 'line\r\nbreak', {}),
        ('c', 'nul\x00', {}),
        ('c', 'lf\n', {}),
        ('c', 'nön-ascii', {}),
        ('c', 'v', {'domain': 'example.com\r\nX: y'}),
        ('c', 'v', {'domain': 'example.com; Secure'}),
        ('c', 'v', {'path': '/\n'}),
        ('c', 'v', {'path': '/\x00'}),
        ('c', 'v', {'same_site': 'sometimes'}),
        ('c', 'v', {'max_age': 'ten'}),
    ],
)
def test_format_set_cookie_rejects(name: str, value: str, kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        format_set_cookie(name, value, **kwargs)


_FUZZ_ALPHABET = 'aA0 ;,="\\/%+*-:[]Wq.\t\r\n\x00\x7f\u00e9\u20ac\udc80'


def _fuzz_inputs(seed: int, count: int = 3000) -> list[str]:
    rnd = random.Random(seed)
    return [
        ''.join(rnd.choice(_FUZZ_ALPHABET) for _ in range(rnd.randint(0, 24)))
        for _ in range(count)
    ]


def test_fuzz_only_documented_errors() -> None:
    for text in _fuzz_inputs(3):
        parse_cookie_header(text)
        try:
            format_set_cookie(text, text, domain=text, path=text, same_site=text or None)
        except ValueError:
            pass
