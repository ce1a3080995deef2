from __future__ import annotations

import time

import pytest

from falcon.core.routing._converters import BUILTIN_CONVERTERS, IntConverter
from falcon.core.routing._template import (
    UnacceptableRouteError,
    instantiate_converter,
    make_segment_matcher,
    parse_segment,
    split_template,
)

CONVERTERS = dict(BUILTIN_CONVERTERS)


@pytest.mark.parametrize(
    ('segment', 'literals', 'fields', 'is_var', 'is_complex'),
    [
        ('items', ['items'], [], False, False),
        ('', [''], [], False, False),
        ('{id}', ['', ''], [('id', None, None)], True, False),
        ('{id:int}', ['', ''], [('id', 'int', None)], True, False),
        ('{id:int(3)}', ['', ''], [('id', 'int', '3')], True, False),
        ('{id:int(min=1, max=9)}', ['', ''], [('id', 'int', 'min=1, max=9')], True, False),
        ('{ts:dt("%Y-%m-%d %H")}', ['', ''], [('ts', 'dt', '"%Y-%m-%d %H"')], True, False),
        ('{x:re("\\d{3}")}', ['', ''], [('x', 're', '"\\d{3}"')], True, False),
        ('{x:re(")}")}', ['', ''], [('x', 're', '")}"')], True, False),
        ('{id}.{ext}', ['', '.', ''], [('id', None, None), ('ext', None, None)], True, True),
        ('v{n:int}', ['v', ''], [('n', 'int', None)], True, True),
        ('{a}{b}', ['', '', ''], [('a', None, None), ('b', None, None)], True, True),
        (
            '{usr0}:{branch0}...{usr1}:{branch1}',
            ['', ':', '...', ':', ''],
            [
                ('usr0', None, None),
                ('branch0', None, None),
                ('usr1', None, None),
                ('branch1', None, None),
            ],
            True,
            True,
        ),
    ],
)
def test_parse_segment(segment, literals, fields, is_var, is_complex):
    parsed = parse_segment(segment, '/' + segment)
    assert parsed.raw == segment
    assert parsed.literals == literals
    assert [(f.name, f.converter_name, f.argstr) for f in parsed.fields] == fields
    assert parsed.is_var is is_var
    assert parsed.is_complex is is_complex


@pytest.mark.parametrize(
    ('template', 'message'),
    [
        ('items', "must start with '/'"),
        ('', "must start with '/'"),
        ('/a//b', "'//'"),
        ('/a/{id', "unbalanced '{'"),
        ('/a/id}', "unbalanced '}'"),
        ('/a/{id}}', "unbalanced '}'"),
        ('/a/{}', 'valid identifiers'),
        ('/a/{1x}', 'valid identifiers'),
        ('/a/{class}', 'valid identifiers'),
        ('/a/{a-b}', 'valid identifiers'),
        ('/a/{ id }', 'valid identifiers'),
        ('/a/{naïve}', 'valid identifiers'),
        ('/a/{id:}', 'missing converter'),
        ('/a/{id:in t}', 'invalid converter name'),
        ('/a/{id:int(3}', 'unbalanced parentheses'),
        ('/a/{id:int(3) }', 'not closed'),
        ('/a/{id:int(3)x}', 'not closed'),
        ('/a b', 'whitespace'),
        ('/a/\tb', 'whitespace'),
        ('/a/b ', 'whitespace'),
        ('/{x}/{x}', 'duplicated'),
        ('/{x}.{x}', 'duplicated'),
    ],
)
def test_invalid_templates(template, message):
    with pytest.raises(UnacceptableRouteError) as info:
        split_template(template)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def test_template_must_be_str():
    with pytest.raises(TypeError):
        split_template(b'/a')  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ('template', 'raws'),
    [
        ('/', ['']),
        ('/a', ['a']),
        ('/a/', ['a', '']),
        ('/a/{b}/c', ['a', '{b}', 'c']),
    ],
)
def test_split_template(template, raws):
    assert [segment.raw for segment in split_template(template)] == raws


@pytest.mark.parametrize(
    ('argstr', 'expected'),
    [
        (None, IntConverter()),
        ('3', IntConverter(3)),
        ('min=1, max=9', IntConverter(min=1, max=9)),
        ('2, max=50', IntConverter(2, max=50)),
        ('', IntConverter()),
    ],
)
def test_instantiate_converter(argstr, expected):
    field = parse_segment('{x:int}', '/').fields[0]
    field.argstr = argstr
    converter = instantiate_converter(CONVERTERS, field, '/t')
    assert isinstance(converter, IntConverter)
    assert (converter._num_digits, converter._min, converter._max) == (
        expected._num_digits,
        expected._min,
        expected._max,
    )


@pytest.mark.parametrize(
    ('segment', 'message'),
    [
        ('{x:nope}', 'unknown converter'),
        ('{x:int(foo)}', 'cannot read the arguments'),
        ('{x:int(__import__("os"))}', 'cannot read the arguments'),
        ('{x:int(**{"min": 1})}', 'cannot read the arguments'),
        ('{x:int(1), (2)}', 'not closed'),
        ('{x:int(bogus=1)}', 'rejects its arguments'),
        ('{x:int(0)}', 'rejects its arguments'),
        ('{x:re("(")}', 'rejects its arguments'),
        ('{x:float("a")}', 'min must be int or float or None, not str'),
        ('{x:float(max="9")}', 'max must be int or float or None, not str'),
        ('{x:float(float("nan"))}', 'cannot read the arguments'),
        ('{x:int(min="1")}', 'min must be int or None, not str'),
        ('{x:int(max=1.5)}', 'max must be int or None, not float'),
        ('{x:int(True)}', 'num_digits must be int or None, not bool'),
        ('{x:dt(1)}', 'format_string must be a str, not int'),
    ],
)
def test_instantiate_converter_errors(segment, message):
    with pytest.raises(UnacceptableRouteError) as info:
        field = parse_segment(segment, '/' + segment).fields[0]
        instantiate_converter(CONVERTERS, field, '/' + segment)
    assert message in str(info.value)


@pytest.mark.parametrize(
    ('segment', 'value', 'expected'),
    [
        ('{id}.{ext}', 'a.json', ['a', 'json']),
        ('{id}.{ext}', 'a.tar.gz', ['a.tar', 'gz']),
        ('{id}.{ext}', '.json', None),
        ('{id}.{ext}', 'a.', None),
        ('{id}.{ext}', 'a', None),
        ('{id}.{ext}', '.', None),
        ('{id}.{ext}', '..', None),
        ('{id}.{ext}', 'a..b', ['a.', 'b']),
        ('{id}.{ext}', '...', ['.', '.']),
        ('v{n}', 'v1', ['1']),
        ('v{n}', 'v', None),
        ('v{n}', 'x1', None),
        ('{n}px', '10px', ['10']),
        ('{n}px', 'px', None),
        ('a{x}a', 'aa', None),
        ('a{x}a', 'aba', ['b']),
        ('a{x}a', 'aaa', ['a']),
        ('{a}{b}', 'xyz', ['xy', 'z']),
        ('{a}{b}', 'x', None),
        ('{a}-{b}-{c}', 'x-y-z', ['x', 'y', 'z']),
        ('{a}-{b}-{c}', 'x-y-z-w', ['x-y', 'z', 'w']),
        ('{a}-{b}-{c}', 'x--z', None),
        ('{a}-{b}-{c}', 'x---z', ['x', '-', 'z']),
        (
            '{usr0}:{branch0}...{usr1}:{branch1}',
            'falcon:master...kgriffs:feature',
            ['falcon', 'master', 'kgriffs', 'feature'],
        ),
        ('{usr0}:{branch0}...{usr1}:{branch1}', 'falcon:master..kgriffs:feature', None),
    ],
)
def test_segment_matcher(segment, value, expected):
    matcher = make_segment_matcher(parse_segment(segment, '/').literals)
    assert matcher(value) == expected


def _regex_reference(segment):
    """The greedy regular expression a segment's fields stand for, as a matcher."""
    import re

    parsed = parse_segment(segment, '/')
    pattern = re.compile('(.+)'.join(re.escape(literal) for literal in parsed.literals))

    def match(value):
        found = pattern.fullmatch(value)
        return None if found is None else list(found.groups())

    return match


@pytest.mark.parametrize(
    'segment', ['{a}.{b}', '{a}..{b}', 'x{a}y{b}z', '{a}{b}{c}', '{a}-{b}-{c}-']
)
def test_segment_matcher_agrees_with_greedy_regex(segment):
    import itertools

    matcher = make_segment_matcher(parse_segment(segment, '/').literals)
    reference = _regex_reference(segment)
    for length in range(8):
        for chars in itertools.product('.-xyz', repeat=length):
            value = ''.join(chars)
            assert matcher(value) == reference(value), value


@pytest.mark.no_cover  # timed: tracing for coverage would slow it down
def test_segment_matcher_is_linear():
    matcher = make_segment_matcher(parse_segment('{a}:{b}:{c}:{d}', '/').literals)
    started = time.process_time()
    assert matcher(':' * 100_000) == [':' * 99_994, ':', ':', ':']
    assert matcher('a' * 100_000) is None
    assert time.process_time() - started < 1.0
