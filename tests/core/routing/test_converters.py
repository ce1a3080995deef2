from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from falcon.routing import converters
from falcon.routing.converters import (
    BaseConverter,
    DateTimeConverter,
    FloatConverter,
    IntConverter,
    PathConverter,
    RegexConverter,
    UUIDConverter,
)


@pytest.mark.parametrize(
    ('value', 'num_digits', 'min', 'max', 'expected'),
    [
        ('123', None, None, None, 123),
        ('01', None, None, None, 1),
        ('001', 3, None, None, 1),
        ('0', None, None, None, 0),
        ('00', None, None, None, 0),
        ('-1', None, None, None, -1),
        ('+7', None, None, None, 7),
        ('1', 1, None, None, 1),
        ('12', 1, None, None, None),
        ('1', 2, None, None, None),
        ('5', None, 1, 9, 5),
        ('0', None, 1, 9, None),
        ('10', None, 1, 9, None),
        ('1', None, 1, 1, 1),
        ('-5', None, -5, 0, -5),
        ('-6', None, -5, 0, None),
        ('', None, None, None, None),
        ('-', None, None, None, None),
        ('+', None, None, None, None),
        ('1 ', None, None, None, None),
        (' 1', None, None, None, None),
        ('\t1', None, None, None, None),
        ('1_000', None, None, None, None),
        ('1.0', None, None, None, None),
        ('0x10', None, None, None, None),
        ('١٢٣', None, None, None, None),
        ('2²', None, None, None, None),
        ('²', None, None, None, None),
        ('4' * 4300, None, None, None, int('4' * 4300)),
        ('4' * 4301, None, None, None, None),
        ('--1', None, None, None, None),
        ('1e3', None, None, None, None),
        ('a', None, None, None, None),
    ],
)
def test_int_converter(value, num_digits, min, max, expected):
    converter = IntConverter(num_digits=num_digits, min=min, max=max)
    assert converter.convert(value) == expected


def test_int_converter_rejects_huge_values_quickly():
    assert IntConverter().convert('9' * 100_000) is None
    assert IntConverter().convert('9' * 4000) == int('9' * 4000)


@pytest.mark.parametrize(
    ('make', 'error'),
    [
        (lambda: IntConverter(min='1'), TypeError),
        (lambda: IntConverter(max=2.5), TypeError),
        (lambda: IntConverter(num_digits=True), TypeError),
        (lambda: FloatConverter(min='a'), TypeError),
        (lambda: FloatConverter(max=b'1'), TypeError),
        (lambda: FloatConverter(min=float('nan')), ValueError),
        (lambda: DateTimeConverter(b'%Y'), TypeError),
    ],
)
def test_converter_arguments_are_checked_when_built(make, error):
    with pytest.raises(error):
        make()


def test_float_converter_accepts_int_bounds():
    converter = FloatConverter(min=1, max=2)
    assert converter.convert('1.5') == 1.5
    assert converter.convert('2.5') is None


def test_int_converter_num_digits_must_be_positive():
    with pytest.raises(ValueError):
        IntConverter(num_digits=0)


@pytest.mark.parametrize(
    ('value', 'kwargs', 'expected'),
    [
        ('1.5', {}, 1.5),
        ('-1.5', {}, -1.5),
        ('1', {}, 1.0),
        ('1e3', {}, 1000.0),
        ('.5', {}, 0.5),
        ('1.5', {'min': 2}, None),
        ('2.5', {'max': 2}, None),
        ('2', {'min': 2, 'max': 2}, 2.0),
        ('inf', {}, None),
        ('nan', {}, None),
        ('-inf', {}, None),
        ('1e400', {}, None),
        ('inf', {'finite': False}, float('inf')),
        (' 1.5', {}, None),
        ('1.5 ', {}, None),
        ('', {}, None),
        ('x', {}, None),
        ('1,5', {}, None),
    ],
)
def test_float_converter(value, kwargs, expected):
    assert FloatConverter(**kwargs).convert(value) == expected


def test_float_converter_nan_allowed_when_not_finite():
    result = FloatConverter(finite=False).convert('nan')
    assert result is not None and result != result


@pytest.mark.parametrize(
    ('value', 'format_string', 'expected'),
    [
        (
            '2024-01-31T12:30:00+0000',
            None,
            datetime(2024, 1, 31, 12, 30, tzinfo=timezone.utc),
        ),
        (
            '2024-01-31T12:30:00+0200',
            None,
            datetime(2024, 1, 31, 12, 30, tzinfo=timezone(timedelta(hours=2))),
        ),
        ('2024-01-31T12:30:00', None, None),
        ('2024-01-31', '%Y-%m-%d', datetime(2024, 1, 31)),
        ('2024-13-01', '%Y-%m-%d', None),
        ('20240131', '%Y%m%d', datetime(2024, 1, 31)),
        ('', '%Y-%m-%d', None),
        ('x' * 1000, '%Y-%m-%d', None),
    ],
)
def test_datetime_converter(value, format_string, expected):
    converter = DateTimeConverter() if format_string is None else DateTimeConverter(format_string)
    assert converter.convert(value) == expected


_UUID = uuid.UUID('5b0ae3a4-ba8c-4f1a-ab8f-b2de3a4b7a63')


@pytest.mark.parametrize(
    ('value', 'expected'),
    [
        (str(_UUID), _UUID),
        (_UUID.hex, _UUID),
        (str(_UUID).upper(), _UUID),
        ('{' + str(_UUID) + '}', _UUID),
        ('urn:uuid:' + str(_UUID), _UUID),
        (str(_UUID)[:-1], None),
        ('', None),
        ('not-a-uuid', None),
        ('g' * 32, None),
        ('0' * 1000, None),
    ],
)
def test_uuid_converter(value, expected):
    assert UUIDConverter().convert(value) == expected


@pytest.mark.parametrize(
    ('segments', 'expected'),
    [
        ([], ''),
        ([''], ''),
        (['a'], 'a'),
        (['a', 'b', 'c'], 'a/b/c'),
        (['a', '', 'c'], 'a//c'),
    ],
)
def test_path_converter(segments, expected):
    assert PathConverter.CONSUME_MULTIPLE_SEGMENTS is True
    assert PathConverter().convert(segments) == expected


@pytest.mark.parametrize(
    ('pattern', 'group', 'value', 'expected'),
    [
        (r'\d{3}', None, '123', '123'),
        (r'\d{3}', None, '1234', None),
        (r'\d{3}', None, 'a123', None),
        (r'(?P<year>\d{4})-\d{2}', 'year', '2024-01', '2024'),
        (r'(\w+)\.(\w+)', '2', 'file.txt', 'txt'),
        (r'[a-z]+', None, '', None),
    ],
)
def test_regex_converter(pattern, group, value, expected):
    if group is not None and group.isdigit():
        group = int(group)
    assert RegexConverter(pattern, group).convert(value) == expected


def test_base_converter_is_abstract():
    with pytest.raises(TypeError):
        BaseConverter()  # type: ignore[abstract]

    class Upper(BaseConverter):
        def convert(self, value):
            return value.upper()

    assert Upper().convert('abc') == 'ABC'
    assert Upper.CONSUME_MULTIPLE_SEGMENTS is False


@pytest.mark.parametrize(
    'name',
    [
        'BaseConverter',
        'DateTimeConverter',
        'FloatConverter',
        'IntConverter',
        'PathConverter',
        'RegexConverter',
        'UUIDConverter',
    ],
)
def test_public_module_exports(name):
    assert name in converters.__all__
    assert issubclass(getattr(converters, name), BaseConverter)
