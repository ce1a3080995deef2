from __future__ import annotations

import random
import time
from typing import Any

import pytest

import falcon
import falcon.asgi
from falcon.core._errors import RequestParseError
from falcon.core._headers import (
    MAX_DIGITS,
    parse_content_length,
    parse_etags,
    parse_range,
    parse_range_unit,
)
from falcon.core._structures import ETag


@pytest.mark.parametrize(
    ('value', 'expected'),
    [('0', 0), ('5', 5), ('0005', 5), ('9' * MAX_DIGITS, int('9' * MAX_DIGITS))],
)
def test_content_length(value: str, expected: int) -> None:
    assert parse_content_length(value) == expected


@pytest.mark.parametrize(
    'value',
    [
        '',
        '+5',
        '-1',
        ' 5',
        '5 ',
        '0x5',
        '1_0',
        '5.0',
        '\u0661',
        'five',
        '9' * (MAX_DIGITS + 1),
        '1e3',
    ],
)
def test_content_length_rejected(value: str) -> None:
    with pytest.raises(RequestParseError) as info:
        parse_content_length(value)
    assert info.value.status == 400
    assert info.value.title == 'Invalid header value'
    assert info.value.description is not None
    assert 'Content-Length' in info.value.description


@pytest.mark.parametrize(
    ('value', 'expected'),
    [
        ('bytes=0-499', ('bytes', (0, 499))),
        ('bytes=500-', ('bytes', (500, -1))),
        ('bytes=-500', ('bytes', (-500, -1))),
        ('bytes=0-0', ('bytes', (0, 0))),
        ('items=10-20', ('items', (10, 20))),
        ('bytes= 1-2 ', ('bytes', (1, 2))),
    ],
)
def test_range(value: str, expected: tuple[str, tuple[int, int]]) -> None:
    assert parse_range(value) == expected
    assert parse_range_unit(value) == expected[0]


@pytest.mark.parametrize(
    ('value', 'fragment'),
    [
        ('0-499', 'range unit'),
        ('bytes=0-1,5-6', 'continuous'),
        ('bytes=-', 'missing'),
        ('bytes=5', 'RFC'),
        ('bytes=5-1', 'RFC'),
        ('bytes=-0', 'RFC'),
        ('bytes=a-b', 'RFC'),
        ('bytes=+1-2', 'RFC'),
        ('bytes=1--2', 'RFC'),
        ('bytes=1_0-20', 'RFC'),
        ('bytes=' + '9' * 100 + '-', 'RFC'),
        ('by tes=0-1', 'token'),
        ('=0-1', 'token'),
    ],
)
def test_range_rejected(value: str, fragment: str) -> None:
    with pytest.raises(RequestParseError) as info:
        parse_range(value)
    assert info.value.status == 400
    assert info.value.title == 'Invalid header value'
    assert fragment in (info.value.description or '')


def test_range_unit_ignores_malformed_range() -> None:
    assert parse_range_unit('bytes=junk') == 'bytes'
    with pytest.raises(RequestParseError):
        parse_range_unit('bytes')


def _etags(value: str | None) -> list[tuple[str, bool]] | None:
    etags = parse_etags(value)
    if etags is None:
        return None
    assert all(isinstance(etag, ETag) for etag in etags)
    return [(str(etag), etag.is_weak) for etag in etags]


@pytest.mark.parametrize(
    ('value', 'expected'),
    [
        (None, None),
        ('', None),
        ('   ', None),
        (' , ,', None),
        ('*', [('*', False)]),
        ('"abc"', [('abc', False)]),
        ('W/"abc"', [('abc', True)]),
        ('abc', [('abc', False)]),
        ('"a", W/"b", "c"', [('a', False), ('b', True), ('c', False)]),
        ('"a,b", "c"', [('a,b', False), ('c', False)]),
        ('w/"a", "b"', [('a', True), ('b', False)]),
        ('junk, "b"', [('b', False)]),
        ('"a"junk, "b"', [('a', False), ('b', False)]),
        ('"a", "unterminated', [('a', False)]),
        ('"", "x"', [('', False), ('x', False)]),
    ],
)
def test_parse_etags(value: str | None, expected: list[tuple[str, bool]] | None) -> None:
    assert _etags(value) == expected


@pytest.mark.parametrize(
    'value',
    [
        ', "' + 'a' * 100_000,
        ',' + '"a",' * 30_000,
        ',' + 'W/' * 50_000,
        ',' + 'x' * 100_000,
    ],
)
@pytest.mark.no_cover  # timed: tracing for coverage would slow it down
def test_parse_etags_adversarial_is_linear(value: str) -> None:
    start = time.process_time()
    parse_etags(value)
    assert time.process_time() - start < 1.0


_FUZZ_ALPHABET = 'aA0 ;,="\\/%+*-:[]Wq.\t\r\n\x00\x7f\u00e9\u20ac\udc80'


def _fuzz_inputs(seed: int, count: int = 3000) -> list[str]:
    rnd = random.Random(seed)
    return [
        ''.join(rnd.choice(_FUZZ_ALPHABET) for _ in range(rnd.randint(0, 24)))
        for _ in range(count)
    ]


def test_fuzz_only_documented_errors() -> None:
    for text in _fuzz_inputs(5):
        parse_etags(text)
        for parser in (parse_content_length, parse_range, parse_range_unit):
            try:
                parser(text)
            except RequestParseError as error:
                assert error.status == 400


@pytest.mark.parametrize('response_type', [falcon.Response, falcon.asgi.Response])
def test_content_type_set_again_and_refused_values(response_type):
    first, second = response_type(), response_type()
    first.content_type = 'application/x-plain-again'
    second.content_type = 'application/x-plain-again'
    assert second.content_type == 'application/x-plain-again'
    second.content_type = None
    assert second.content_type is None
    with pytest.raises(ValueError):
        second.content_type = 'text/plain\r\nx-injected: 1'
    assert second.content_type is None
    second.content_type = 'text/plain; charset=utf-8'
    assert second.get_header('Content-Type') == 'text/plain; charset=utf-8'


@pytest.mark.parametrize('response_type', [falcon.Response, falcon.asgi.Response])
@pytest.mark.parametrize(
    'value',
    ['', 'yes', 'a\tb', 'del\x7f', 'caf\u00e9', 'x' * 300, ' spaced out '],
)
def test_set_header_keeps_every_sendable_value(response_type: Any, value: str) -> None:
    resp = response_type()
    resp.set_header('X-Value', value)
    assert resp.get_header('x-value') == value


@pytest.mark.parametrize('response_type', [falcon.Response, falcon.asgi.Response])
@pytest.mark.parametrize('value', ['a\nb', 'a\rb', 'a\x00b', '\t\n', 'caf\u00e9\r', '\u20ac'])
def test_set_header_refuses_a_value_that_cannot_be_sent(response_type: Any, value: str) -> None:
    resp = response_type()
    with pytest.raises(ValueError):
        resp.set_header('X-Value', value)
    assert resp.get_header('x-value') is None
