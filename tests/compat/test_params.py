"""Query parameters: req.params options and the get_param_as_* family (Falcon 4 Request page)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from falcon import testing

from ._support import resource


def _probe(
    asgi: bool,
    make_app: Callable[..., Any],
    func: Callable[[Any], Any],
    query_string: str = '',
    **req_options: Any,
) -> Any:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = {'value': func(req)}

    app = make_app()
    for name, value in req_options.items():
        setattr(app.req_options, name, value)
    app.add_route('/', resource(asgi, on_get=on_get))
    return testing.simulate_get(app, '/', query_string=query_string)


@pytest.mark.parametrize(
    ('query', 'options', 'params'),
    [
        ('a=1&b=&c=x', {}, {'a': '1', 'b': '', 'c': 'x'}),
        ('a=1&b=&c=x', {'keep_blank_qs_values': False}, {'a': '1', 'c': 'x'}),
        ('a=1&a=2', {}, {'a': ['1', '2']}),
        ('a=1,2', {}, {'a': '1,2'}),
        ('a=1,2', {'auto_parse_qs_csv': True}, {'a': ['1', '2']}),
        ('a=%20x+y&b=%E2%82%AC', {}, {'a': ' x y', 'b': '€'}),
        ('a', {}, {'a': ''}),
        ('', {}, {}),
    ],
)
def test_req_params(
    asgi: bool, make_app: Callable[..., Any], query: str, options: dict[str, Any], params: Any
) -> None:
    result = _probe(asgi, make_app, lambda req: req.params, query, **options)
    assert result.json == {'value': params}


def test_req_options_defaults() -> None:
    import falcon

    options = falcon.RequestOptions()
    assert options.keep_blank_qs_values is True
    assert options.auto_parse_qs_csv is False
    assert options.strip_url_path_trailing_slash is False
    assert options.default_media_type == 'application/json'


@pytest.mark.parametrize(
    ('func', 'query', 'value'),
    [
        (lambda req: req.get_param('a'), 'a=x', 'x'),
        (lambda req: req.get_param('a'), '', None),
        (lambda req: req.get_param('a', default='d'), '', 'd'),
        (lambda req: req.has_param('a'), 'a=', True),
        (lambda req: req.has_param('b'), 'a=', False),
        (lambda req: req.get_param_as_int('n'), 'n=42', 42),
        (lambda req: req.get_param_as_int('n'), 'n=-7', -7),
        (lambda req: req.get_param_as_int('n', default=3), '', 3),
        (lambda req: req.get_param_as_int('n', min_value=1, max_value=10), 'n=10', 10),
        (lambda req: req.get_param_as_float('f'), 'f=1.5', 1.5),
        (
            lambda req: str(req.get_param_as_uuid('u')),
            f'u={uuid.UUID(int=1)}',
            str(uuid.UUID(int=1)),
        ),
        (lambda req: req.get_param_as_list('a'), 'a=1&a=2', ['1', '2']),
        (lambda req: req.get_param_as_list('a'), 'a=1', ['1']),
        (lambda req: req.get_param_as_list('a', transform=int), 'a=1&a=2', [1, 2]),
        (lambda req: req.get_param_as_list('a', delimiter=','), 'a=1,2,3', ['1', '2', '3']),
        (lambda req: req.get_param_as_list('a'), '', None),
        (lambda req: req.get_param_as_list('a', default=[9]), '', [9]),
        (
            lambda req: req.get_param_as_date('d').isoformat(),
            'd=2024-02-29',
            '2024-02-29',
        ),
        (
            lambda req: req.get_param_as_date('d', format_string='%d/%m/%Y').isoformat(),
            'd=29/02/2024',
            '2024-02-29',
        ),
        (
            lambda req: (
                req.get_param_as_datetime('t')
                == datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
            ),
            't=2024-01-02T03:04:05%2B00:00',
            True,
        ),
        (lambda req: req.get_param_as_json('j'), 'j=%7B%22a%22%3A%201%7D', {'a': 1}),
    ],
)
def test_get_param_values(
    asgi: bool, make_app: Callable[..., Any], func: Callable[[Any], Any], query: str, value: Any
) -> None:
    result = _probe(asgi, make_app, func, query)
    assert result.status_code == 200
    assert result.json == {'value': value}


@pytest.mark.parametrize('text', ['true', 'True', 't', 'yes', 'y', '1', 'on'])
def test_get_param_as_bool_true(asgi: bool, make_app: Callable[..., Any], text: str) -> None:
    result = _probe(asgi, make_app, lambda req: req.get_param_as_bool('b'), f'b={text}')
    assert result.json == {'value': True}


@pytest.mark.parametrize('text', ['false', 'False', 'f', 'no', 'n', '0', 'off'])
def test_get_param_as_bool_false(asgi: bool, make_app: Callable[..., Any], text: str) -> None:
    result = _probe(asgi, make_app, lambda req: req.get_param_as_bool('b'), f'b={text}')
    assert result.json == {'value': False}


@pytest.mark.parametrize(('blank_as_true', 'value'), [(True, True), (False, False)])
def test_get_param_as_bool_blank(
    asgi: bool, make_app: Callable[..., Any], blank_as_true: bool, value: bool
) -> None:
    result = _probe(
        asgi,
        make_app,
        lambda req: req.get_param_as_bool('b', blank_as_true=blank_as_true),
        'b=',
    )
    assert result.json == {'value': value}


@pytest.mark.parametrize(
    ('func', 'query', 'description'),
    [
        (
            lambda req: req.get_param_as_int('n'),
            'n=abc',
            'The "n" parameter is invalid. The value must be an integer.',
        ),
        (
            lambda req: req.get_param_as_int('n', min_value=10),
            'n=5',
            'The "n" parameter is invalid. The value must be at least 10',
        ),
        (
            lambda req: req.get_param_as_int('n', max_value=3),
            'n=5',
            'The "n" parameter is invalid. The value may not exceed 3',
        ),
        (
            lambda req: req.get_param_as_float('n'),
            'n=abc',
            'The "n" parameter is invalid. The value must be a float.',
        ),
        (
            lambda req: req.get_param_as_uuid('n'),
            'n=abc',
            'The "n" parameter is invalid. The value must be a UUID string.',
        ),
        (
            lambda req: req.get_param_as_bool('n'),
            'n=maybe',
            'The "n" parameter is invalid. The value of the parameter must be "true" or "false".',
        ),
    ],
)
def test_invalid_param_messages(
    asgi: bool,
    make_app: Callable[..., Any],
    func: Callable[[Any], Any],
    query: str,
    description: str,
) -> None:
    result = _probe(asgi, make_app, func, query)
    assert result.status_code == 400
    assert result.json == {'title': 'Invalid parameter', 'description': description}


@pytest.mark.parametrize(
    'func',
    [
        lambda req: req.get_param('id', required=True),
        lambda req: req.get_param_as_int('id', required=True),
        lambda req: req.get_param_as_bool('id', required=True),
        lambda req: req.get_param_as_list('id', required=True),
    ],
)
def test_required_param_missing(
    asgi: bool, make_app: Callable[..., Any], func: Callable[[Any], Any]
) -> None:
    result = _probe(asgi, make_app, func, 'other=1')
    assert result.status_code == 400
    assert result.json == {
        'title': 'Missing parameter',
        'description': 'The "id" parameter is required.',
    }


def test_invalid_date_param(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _probe(asgi, make_app, lambda req: req.get_param_as_date('d'), 'd=2024-13-01')
    assert result.status_code == 400
    assert result.json['title'] == 'Invalid parameter'


def test_list_transform_failure_is_invalid_param(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _probe(
        asgi, make_app, lambda req: req.get_param_as_list('a', transform=int), 'a=1&a=x'
    )
    assert result.status_code == 400
    assert result.json['title'] == 'Invalid parameter'


def test_store_keyword(asgi: bool, make_app: Callable[..., Any]) -> None:
    def func(req: Any) -> Any:
        store: dict[str, Any] = {}
        req.get_param_as_int('n', store=store)
        req.get_param('s', store=store)
        req.get_param('missing', store=store)
        return store

    result = _probe(asgi, make_app, func, 'n=5&s=x')
    assert result.json == {'value': {'n': 5, 's': 'x'}}


@pytest.mark.parametrize(
    ('params', 'params_csv', 'query'),
    [
        ({'a': '1', 'b': 'x y'}, False, {'a': '1', 'b': 'x y'}),
        ({'a': [1, 2]}, False, {'a': ['1', '2']}),
        ({'a': [1, 2]}, True, {'a': '1,2'}),
    ],
)
def test_simulate_params(
    asgi: bool, make_app: Callable[..., Any], params: Any, params_csv: bool, query: Any
) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = req.params

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/', params=params, params_csv=params_csv)
    assert result.json == query
