from __future__ import annotations

import random
import time
import urllib.parse
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import falcon.uri
from falcon.core._errors import RequestParseError
from falcon.core._uri import (
    MAX_QUERY_FIELDS,
    decode,
    encode,
    encode_check_escaped,
    encode_value,
    encode_value_check_escaped,
    parse_host,
    parse_query_string,
    to_query_str,
    unquote_string,
)


@pytest.mark.parametrize(
    ('encoded', 'unquote_plus', 'expected'),
    [
        ('', True, ''),
        ('plain', True, 'plain'),
        ('a+b', True, 'a b'),
        ('a+b', False, 'a+b'),
        ('%2B', True, '+'),
        ('a%20b', True, 'a b'),
        ('%E2%82%AC', True, '€'),
        ('%e2%82%ac', True, '€'),
        ('%zz', True, '%zz'),
        ('%4', True, '%4'),
        ('100%', True, '100%'),
        ('%%41', True, '%A'),
        ('%ff', True, '\ufffd'),
        ('%C3', True, '\ufffd'),
        ('ü%20x', True, 'ü x'),
        ('/path%2Fwith%2fslash', False, '/path/with/slash'),
    ],
)
def test_decode(encoded: str, unquote_plus: bool, expected: str) -> None:
    assert decode(encoded, unquote_plus=unquote_plus) == expected


@pytest.mark.parametrize(
    'value', ['a b', '€uro & co', 'x=1;y=2', '%7e~', 'plus+sign', 'ü/ö?ä#', '%%%', '%4x']
)
def test_decode_matches_stdlib_unquote_plus(value: str) -> None:
    assert decode(urllib.parse.quote_plus(value)) == value
    assert decode(value) == urllib.parse.unquote_plus(value)


def test_decode_lone_surrogate_does_not_raise() -> None:
    assert '\ufffd' in decode('\udc80%41')


@pytest.mark.no_cover  # timed: tracing for coverage would slow it down
def test_decode_many_percent_signs_is_linear() -> None:
    start = time.process_time()
    assert decode('%' * 100_000) == '%' * 100_000
    assert decode('%4' * 100_000) == '%4' * 100_000
    assert decode('%41' * 100_000) == 'A' * 100_000
    assert time.process_time() - start < 2.0


@pytest.mark.parametrize(
    ('uri', 'expected'),
    [
        ('http://example.com/a/b?x=1&y=2#frag', 'http://example.com/a/b?x=1&y=2#frag'),
        ('/a b', '/a%20b'),
        ('/ü', '/%C3%BC'),
        ('/100%', '/100%25'),
        ('/a%20b', '/a%2520b'),
        ("!$&'()*+,;=:@[]", "!$&'()*+,;=:@[]"),
    ],
)
def test_encode(uri: str, expected: str) -> None:
    assert encode(uri) == expected


@pytest.mark.parametrize(
    ('value', 'expected'),
    [
        ('abc-._~', 'abc-._~'),
        ('a b', 'a%20b'),
        ('a/b?c=d&e', 'a%2Fb%3Fc%3Dd%26e'),
        ('€', '%E2%82%AC'),
        ('%', '%25'),
    ],
)
def test_encode_value(value: str, expected: str) -> None:
    assert encode_value(value) == expected
    assert encode_value(value) == urllib.parse.quote(value, safe='~')


@pytest.mark.parametrize(
    ('uri', 'expected'),
    [
        ('/a%20b', '/a%20b'),
        ('/a%2xb', '/a%252xb'),
        ('/a b%20', '/a%20b%2520'),
        ('/100%', '/100%25'),
        ('/plain', '/plain'),
    ],
)
def test_encode_check_escaped(uri: str, expected: str) -> None:
    assert encode_check_escaped(uri) == expected


@pytest.mark.parametrize(
    ('value', 'expected'),
    [
        ('a%2Fb', 'a%2Fb'),
        ('a/b', 'a%2Fb'),
        ('a%zz', 'a%25zz'),
    ],
)
def test_encode_value_check_escaped(value: str, expected: str) -> None:
    assert encode_value_check_escaped(value) == expected


@pytest.mark.parametrize(
    ('query', 'kwargs', 'expected'),
    [
        ('', {}, {}),
        ('a=1', {}, {'a': '1'}),
        ('a=1&b=2', {}, {'a': '1', 'b': '2'}),
        ('a=1&a=2&a=3', {}, {'a': ['1', '2', '3']}),
        ('a=&b', {}, {}),
        ('a=&b', {'keep_blank': True}, {'a': '', 'b': ''}),
        ('=x&=&&', {'keep_blank': True}, {}),
        ('a=x+y%20z', {}, {'a': 'x y z'}),
        ('n%C3%A4me=v', {}, {'näme': 'v'}),
        ('a=1,2', {}, {'a': '1,2'}),
        ('a=1,2', {'csv': True}, {'a': ['1', '2']}),
        ('a=1,,3', {'csv': True}, {'a': ['1', '3']}),
        ('a=1,,3', {'csv': True, 'keep_blank': True}, {'a': ['1', '', '3']}),
        ('a=x%2Cy,z', {'csv': True}, {'a': ['x,y', 'z']}),
        ('a=0&a=1,2', {'csv': True}, {'a': ['0', '1', '2']}),
        ('a=1,2&a=3', {'csv': True}, {'a': ['1', '2', '3']}),
        ('a=1,2&a=3,4', {'csv': True}, {'a': ['1', '2', '3', '4']}),
        ('a=b=c', {}, {'a': 'b=c'}),
        ('a=%zz', {}, {'a': '%zz'}),
        # Plain fields first, then one the plain-field shortcut leaves to the general loop.
        ('a=1&b=&c=3', {}, {'a': '1', 'c': '3'}),
        ('a=1&b=&c=3', {'keep_blank': True}, {'a': '1', 'b': '', 'c': '3'}),
        ('a=1&b=2&a=3', {}, {'a': ['1', '3'], 'b': '2'}),
        ('a=1&b=2&b', {'keep_blank': True}, {'a': '1', 'b': ['2', '']}),
        ('a=1&=2&c=3', {}, {'a': '1', 'c': '3'}),
        ('a=1&&c=3', {}, {'a': '1', 'c': '3'}),
        ('a=1&b=2,3', {'csv': True}, {'a': '1', 'b': ['2', '3']}),
        ('a=1&b=2', {'csv': True}, {'a': '1', 'b': '2'}),
        ('a=1&b=x+y', {}, {'a': '1', 'b': 'x y'}),
        ('a=1&b=%41', {}, {'a': '1', 'b': 'A'}),
        ('a=1&b=\u00e9', {}, {'a': '1', 'b': '\u00e9'}),
        # A value of commas alone has no element left once blanks are dropped.
        ('a=1&b=,', {'csv': True}, {'a': '1'}),
        ('b=,,&b=2', {'csv': True}, {'b': '2'}),
        ('b=2&b=,', {'csv': True}, {'b': '2'}),
        ('b=,', {'csv': True, 'keep_blank': True}, {'b': ['', '']}),
    ],
)
def test_parse_query_string(query: str, kwargs: dict[str, bool], expected: dict[str, Any]) -> None:
    assert parse_query_string(query, **kwargs) == expected


_QUERY_FIELDS = st.tuples(
    st.sampled_from(['a', 'b', '', '%41', '+']),
    st.sampled_from(['=', '']),
    st.sampled_from(['', ',', ',,', 'a', 'a,', ',a', 'a,,b', '%2C', '+', '=', '%2']),
).map(''.join)


@given(
    query=st.lists(_QUERY_FIELDS, max_size=5).map('&'.join),
    keep_blank=st.booleans(),
    csv=st.booleans(),
)
def test_parse_query_string_values_are_never_empty_lists(
    query: str, keep_blank: bool, csv: bool
) -> None:
    # Every parameter holds a value: a string, or a list of at least one, and without
    # keep_blank no value or element is blank (get_param() reads the last element).
    for name, value in parse_query_string(query, keep_blank=keep_blank, csv=csv).items():
        assert name
        values = value if isinstance(value, list) else [value]
        assert values
        assert all(isinstance(element, str) for element in values)
        if not keep_blank:
            assert all(values)


def test_parse_query_string_field_limit() -> None:
    below = '&'.join(f'f{i}=v' for i in range(MAX_QUERY_FIELDS))
    assert len(parse_query_string(below)) == MAX_QUERY_FIELDS

    start = time.process_time()
    with pytest.raises(RequestParseError) as info:
        parse_query_string('&'.join(f'f{i}=v' for i in range(50_000)))
    assert time.process_time() - start < 2.0
    assert info.value.status == 400
    assert info.value.title == 'Too many parameters'


def test_parse_query_string_field_limit_shortest_strings() -> None:
    # The shortest strings at the limit are all separators: their fields are empty.
    assert parse_query_string('&' * (MAX_QUERY_FIELDS - 1)) == {}
    with pytest.raises(RequestParseError):
        parse_query_string('&' * MAX_QUERY_FIELDS)


def test_parse_query_string_many_fields_same_name_is_fast() -> None:
    start = time.process_time()
    result = parse_query_string('&'.join(['x=%41'] * (MAX_QUERY_FIELDS - 1)))
    assert result == {'x': ['A'] * (MAX_QUERY_FIELDS - 1)}
    assert time.process_time() - start < 2.0


@pytest.mark.parametrize(
    ('host', 'default_port', 'expected'),
    [
        ('example.com', None, ('example.com', None)),
        ('example.com', 80, ('example.com', 80)),
        ('example.com:8080', 80, ('example.com', 8080)),
        ('example.com:', 443, ('example.com', 443)),
        ('127.0.0.1:0', None, ('127.0.0.1', 0)),
        ('[::1]', None, ('::1', None)),
        ('[::1]:8000', None, ('::1', 8000)),
        ('[2001:db8::1]', 443, ('2001:db8::1', 443)),
        ('2001:db8::1', 443, ('2001:db8::1', 443)),
        ('host:65535', None, ('host', 65535)),
    ],
)
def test_parse_host(host: str, default_port: int | None, expected: tuple[str, int | None]) -> None:
    assert parse_host(host, default_port=default_port) == expected


@pytest.mark.parametrize(
    'host',
    ['host:abc', 'host:+80', 'host: 80', 'host:1_0', 'host:65536', 'host:٣', '[::1]x', '[::1]:z'],
)
def test_parse_host_invalid_port(host: str) -> None:
    with pytest.raises(ValueError):
        parse_host(host)


@pytest.mark.parametrize(
    ('quoted', 'expected'),
    [
        ('"abc"', 'abc'),
        ('""', ''),
        ('"', '"'),
        ('abc', 'abc'),
        ('"a\\"b"', 'a"b'),
        ('"a\\\\b"', 'a\\b'),
        ('"\\a\\b"', 'ab'),
        ('"a b"', 'a b'),
    ],
)
def test_unquote_string(quoted: str, expected: str) -> None:
    assert unquote_string(quoted) == expected


@pytest.mark.no_cover  # timed: tracing for coverage would slow it down
def test_unquote_string_many_escapes_is_linear() -> None:
    start = time.process_time()
    assert unquote_string('"' + '\\"' * 100_000 + '"') == '"' * 100_000
    assert time.process_time() - start < 2.0


@pytest.mark.parametrize(
    ('params', 'kwargs', 'expected'),
    [
        (None, {}, ''),
        ({}, {}, ''),
        ({'limit': 10}, {}, '?limit=10'),
        ({'limit': 10}, {'prefix': False}, 'limit=10'),
        ({'a': True, 'b': False}, {}, '?a=true&b=false'),
        ({'a': 'x y', 'b&c': '/'}, {}, '?a=x%20y&b%26c=%2F'),
        ({'a': ['x', 'y z', 3]}, {}, '?a=x,y%20z,3'),
        ({'a': ['x', True]}, {'comma_delimited_lists': False}, '?a=x&a=true'),
        ({'a': []}, {'comma_delimited_lists': False}, ''),
        ({'a': [], 'b': 1}, {'comma_delimited_lists': False}, '?b=1'),
    ],
)
def test_to_query_str(
    params: dict[str, Any] | None, kwargs: dict[str, bool], expected: str
) -> None:
    assert to_query_str(params, **kwargs) == expected


def test_to_query_str_round_trips_through_parse() -> None:
    params = {'q': 'a b&c=d', 'ü': '€', 'n': '1'}
    assert parse_query_string(to_query_str(params, prefix=False)) == params


def test_public_module_exports() -> None:
    assert falcon.uri.decode is decode
    assert falcon.uri.parse_query_string is parse_query_string
    assert sorted(falcon.uri.__all__) == [
        'decode',
        'encode',
        'encode_check_escaped',
        'encode_value',
        'encode_value_check_escaped',
        'parse_host',
        'parse_query_string',
        'unquote_string',
    ]


_FUZZ_ALPHABET = 'aA0 ;,="\\/%+*-:[]Wq.\t\r\n\x00\x7f\u00e9\u20ac\udc80'


def _fuzz_inputs(seed: int, count: int = 3000) -> list[str]:
    rnd = random.Random(seed)
    return [
        ''.join(rnd.choice(_FUZZ_ALPHABET) for _ in range(rnd.randint(0, 24)))
        for _ in range(count)
    ]


def test_fuzz_only_documented_errors() -> None:
    for text in _fuzz_inputs(1):
        decode(text)
        decode(text, unquote_plus=False)
        encode(text)
        encode_value(text)
        encode_check_escaped(text)
        encode_value_check_escaped(text)
        parse_query_string(text, keep_blank=True, csv=True)
        unquote_string(text)
        try:
            parse_host(text)
        except ValueError:
            pass
