"""Query parameters: get_param and the whole get_param_as_* family, has_param, options."""

from __future__ import annotations

from typing import Any

from tests._harness import Case, cases, run
from tests_shared._support import echo


def value(expected: Any) -> dict[str, Any]:
    return {'value': expected}


def qs(query: str) -> dict[str, Any]:
    return {'query_string': query}


def invalid_param(result: Any) -> None:
    assert result.json['title'] == 'Invalid parameter'


def missing_param(result: Any) -> None:
    assert result.json['title'] == 'Missing parameter'


def store_then_read(req: Any) -> Any:
    store: dict[str, Any] = {}
    req.get_param_as_int('n', store=store)
    return store


def no_blank(app: Any) -> None:
    app.req_options.keep_blank_qs_values = False
    echo(lambda r: [r.get_param('a'), r.has_param('a')])(app)


def csv_on(app: Any) -> None:
    app.req_options.auto_parse_qs_csv = True
    echo(lambda r: r.params)(app)


def csv_no_blank(read: Any) -> Any:
    def set_up(app: Any) -> None:
        app.req_options.auto_parse_qs_csv = True
        app.req_options.keep_blank_qs_values = False
        echo(read)(app)

    return set_up


UUID = '9b2e4d2a-0f3c-4c6a-9a85-1d57e8d0a1f0'

CASES = [
    Case('get-param', echo(lambda r: r.get_param('a')), request=qs('a=1'), json=value('1')),
    Case(
        'get-param-params-kwarg',
        echo(lambda r: r.get_param('a')),
        request={'params': {'a': 'x y'}},
        json=value('x y'),
    ),
    Case(
        'get-param-plus-is-space',
        echo(lambda r: r.get_param('a')),
        request=qs('a=x+y'),
        json=value('x y'),
    ),
    Case(
        'get-param-percent',
        echo(lambda r: r.get_param('a')),
        request=qs('a=%E2%82%AC'),
        json=value('€'),
    ),
    Case('get-param-missing', echo(lambda r: r.get_param('a')), json=value(None)),
    Case('get-param-default', echo(lambda r: r.get_param('a', default='d')), json=value('d')),
    Case(
        'get-param-required',
        echo(lambda r: r.get_param('a', required=True)),
        status=400,
        check=missing_param,
    ),
    Case(
        'get-param-blank-kept', echo(lambda r: r.get_param('a')), request=qs('a='), json=value('')
    ),
    Case('get-param-blank-dropped', no_blank, request=qs('a='), json=value([None, False])),
    Case(
        'get-param-multiple-allowed',
        echo(lambda r: r.get_param('a') in ('1', '2')),
        request=qs('a=1&a=2'),
        json=value(True),
    ),
    Case(
        'get-param-multiple-refused',
        echo(lambda r: r.get_param('a', allow_multiple=False)),
        request=qs('a=1&a=2'),
        status=400,
    ),
    Case(
        'params-dict-list',
        echo(lambda r: r.params),
        request=qs('a=1&a=2&b=3'),
        json=value({'a': ['1', '2'], 'b': '3'}),
    ),
    Case(
        'params-csv-off', echo(lambda r: r.params), request=qs('a=1,2'), json=value({'a': '1,2'})
    ),
    Case('params-csv-on', csv_on, request=qs('a=1,2'), json=value({'a': ['1', '2']})),
    # A value of only commas holds no element once blanks are dropped: the field has no
    # value, and is skipped like ``a=``.
    Case(
        'params-csv-only-blanks-dropped',
        csv_no_blank(lambda r: [r.params, r.get_param('b'), r.has_param('b')]),
        request=qs('a=1&b=,&c=,,3'),
        json=value([{'a': '1', 'c': ['3']}, None, False]),
    ),
    Case(
        'params-csv-only-blanks-after-a-value',
        csv_no_blank(lambda r: [r.get_param('b'), r.get_param_as_list('b')]),
        request=qs('b=1&b=,'),
        json=value(['1', ['1']]),
    ),
    Case(
        'params-csv-only-blanks-deep-object',
        csv_no_blank(lambda r: r.get_param_as_dict('d', deep_object=True)),
        request=qs('d[a]=1&d[b]=,'),
        json=value({'a': '1'}),
    ),
    Case(
        'params-csv-only-blanks-kept',
        echo(lambda r: r.params),
        request=qs('b=,'),
        json=value({'b': ','}),
    ),
    Case(
        'has-param',
        echo(lambda r: [r.has_param('a'), r.has_param('b')]),
        request=qs('a=1'),
        json=value([True, False]),
    ),
    Case('as-int', echo(lambda r: r.get_param_as_int('n')), request=qs('n=42'), json=value(42)),
    Case(
        'as-int-negative',
        echo(lambda r: r.get_param_as_int('n')),
        request=qs('n=-3'),
        json=value(-3),
    ),
    Case(
        'as-int-bad',
        echo(lambda r: r.get_param_as_int('n')),
        request=qs('n=4x'),
        status=400,
        check=invalid_param,
    ),
    Case(
        'as-int-float-text',
        echo(lambda r: r.get_param_as_int('n')),
        request=qs('n=1.5'),
        status=400,
    ),
    Case(
        'as-int-min',
        echo(lambda r: r.get_param_as_int('n', min_value=5)),
        request=qs('n=4'),
        status=400,
        check=invalid_param,
    ),
    Case(
        'as-int-min-ok',
        echo(lambda r: r.get_param_as_int('n', min_value=5)),
        request=qs('n=5'),
        json=value(5),
    ),
    Case(
        'as-int-max',
        echo(lambda r: r.get_param_as_int('n', max_value=5)),
        request=qs('n=6'),
        status=400,
    ),
    Case('as-int-default', echo(lambda r: r.get_param_as_int('n', default=7)), json=value(7)),
    Case(
        'as-int-required',
        echo(lambda r: r.get_param_as_int('n', required=True)),
        status=400,
        check=missing_param,
    ),
    Case('as-int-store', echo(store_then_read), request=qs('n=3'), json=value({'n': 3})),
    Case(
        'as-float', echo(lambda r: r.get_param_as_float('x')), request=qs('x=2.5'), json=value(2.5)
    ),
    Case(
        'as-float-bad', echo(lambda r: r.get_param_as_float('x')), request=qs('x=two'), status=400
    ),
    Case(
        'as-float-max',
        echo(lambda r: r.get_param_as_float('x', max_value=1.0)),
        request=qs('x=1.5'),
        status=400,
    ),
    Case(
        'as-float-default', echo(lambda r: r.get_param_as_float('x', default=0.5)), json=value(0.5)
    ),
    Case(
        'as-uuid',
        echo(lambda r: r.get_param_as_uuid('u')),
        request=qs('u=' + UUID),
        json=value(UUID),
    ),
    Case('as-uuid-bad', echo(lambda r: r.get_param_as_uuid('u')), request=qs('u=123'), status=400),
    Case('as-uuid-required', echo(lambda r: r.get_param_as_uuid('u', required=True)), status=400),
    Case(
        'as-datetime',
        echo(lambda r: r.get_param_as_datetime('t')),
        request=qs('t=2024-01-02T03:04:05%2B0000'),
        json=value('2024-01-02T03:04:05+00:00'),
    ),
    Case(
        'as-datetime-format',
        echo(lambda r: r.get_param_as_datetime('t', '%Y%m%d')),
        request=qs('t=20240102'),
        json=value('2024-01-02T00:00:00'),
    ),
    Case(
        'as-datetime-bad',
        echo(lambda r: r.get_param_as_datetime('t')),
        request=qs('t=noon'),
        status=400,
    ),
    Case(
        'as-date',
        echo(lambda r: r.get_param_as_date('d')),
        request=qs('d=2024-03-01'),
        json=value('2024-03-01'),
    ),
    Case(
        'as-date-bad',
        echo(lambda r: r.get_param_as_date('d')),
        request=qs('d=2024-13-01'),
        status=400,
    ),
    Case(
        'as-date-default', echo(lambda r: r.get_param_as_date('d', default=None)), json=value(None)
    ),
    Case(
        'as-json',
        echo(lambda r: r.get_param_as_json('j')),
        request={'params': {'j': '{"a": [1, 2]}'}},
        json=value({'a': [1, 2]}),
    ),
    Case(
        'as-json-bad',
        echo(lambda r: r.get_param_as_json('j')),
        request=qs('j=%7Bnope'),
        status=400,
    ),
    Case(
        'as-list',
        echo(lambda r: r.get_param_as_list('l')),
        request=qs('l=a&l=b'),
        json=value(['a', 'b']),
    ),
    Case(
        'as-list-single',
        echo(lambda r: r.get_param_as_list('l')),
        request=qs('l=a'),
        json=value(['a']),
    ),
    Case(
        'as-list-delimiter',
        echo(lambda r: r.get_param_as_list('l', delimiter=',')),
        request=qs('l=a,b,c'),
        json=value(['a', 'b', 'c']),
    ),
    Case(
        'as-list-transform',
        echo(lambda r: r.get_param_as_list('l', transform=int)),
        request=qs('l=1&l=2'),
        json=value([1, 2]),
    ),
    Case(
        'as-list-transform-bad',
        echo(lambda r: r.get_param_as_list('l', transform=int)),
        request=qs('l=1&l=x'),
        status=400,
    ),
    Case(
        'as-list-default',
        echo(lambda r: r.get_param_as_list('l', default=['z'])),
        json=value(['z']),
    ),
    Case('as-list-required', echo(lambda r: r.get_param_as_list('l', required=True)), status=400),
]

BOOL_CASES = [
    Case(
        f'as-bool-{text or "blank"}',
        echo(lambda r: r.get_param_as_bool('b')),
        request=qs('b=' + text),
        json=value(expected),
    )
    for text, expected in [
        ('true', True),
        ('True', True),
        ('t', True),
        ('yes', True),
        ('y', True),
        ('1', True),
        ('on', True),
        ('false', False),
        ('False', False),
        ('f', False),
        ('no', False),
        ('n', False),
        ('0', False),
        ('off', False),
        ('', True),
    ]
] + [
    Case(
        'as-bool-bad',
        echo(lambda r: r.get_param_as_bool('b')),
        request=qs('b=maybe'),
        status=400,
        check=invalid_param,
    ),
    Case(
        'as-bool-blank-not-true',
        echo(lambda r: r.get_param_as_bool('b', blank_as_true=False)),
        request=qs('b='),
        json=value(False),
    ),
    Case(
        'as-bool-default', echo(lambda r: r.get_param_as_bool('b', default=True)), json=value(True)
    ),
    Case('as-bool-required', echo(lambda r: r.get_param_as_bool('b', required=True)), status=400),
]


@cases(CASES)
def test_params(case: Case) -> None:
    run(case)


@cases(BOOL_CASES)
def test_params_bool(case: Case) -> None:
    run(case)
