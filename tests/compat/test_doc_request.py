"""Request behaviour as the Falcon 4.4 docstrings state it, in both kinds of app: query
parameter helpers (delimiters, dictionaries, boolean strings, ``allow_multiple``), the
Forwarded precedence rules and forwarded details, root path decoding and the peer address
fallback; conditional (ETag) and date headers, ranges, ``get_header_as_int`` and
``get_header_as_datetime``, parameter and query-string media, the WSGI bounded stream and
the media default of an empty body."""

from __future__ import annotations

import datetime
import functools
import uuid
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.asgi
from falcon import testing

from ._support import resource


def _probe(asgi: bool, make_app: Callable[..., Any], read: Callable[[Any], Any], **kw: Any) -> Any:
    """Run ``read(req)`` in a responder; return its value, or the error response."""
    seen: list[Any] = []

    def on_get(req: Any, resp: Any) -> None:
        seen.append(read(req))

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/', **kw)
    if seen:
        assert result.status_code == 200
        return seen[0]
    return result


def _error(result: Any) -> tuple[int, str, str]:
    return result.status_code, result.json['title'], result.json['description']


@pytest.mark.parametrize(
    ('query', 'delimiter', 'expected'),
    [
        ('colors=blue%7Cblack%7Cbrown', 'pipeDelimited', ['blue', 'black', 'brown']),
        ('colors=blue%7Cblack', '|', ['blue', 'black']),
        ('colors=blue%20black', 'spaceDelimited', ['blue', 'black']),
        ('colors=blue+black', ' ', ['blue', 'black']),
        ('colors=blue,black', ',', ['blue', 'black']),
        # Split after percent-decoding, and blank items stay whatever the options say.
        ('colors=a%2C%2Cb', ',', ['a', '', 'b']),
        # A parameter already given as several instances is not split again.
        ('colors=a%7Cb&colors=c', 'pipeDelimited', ['a|b', 'c']),
    ],
)
def test_param_as_list_delimiter(
    asgi: bool, make_app: Callable[..., Any], query: str, delimiter: str, expected: list[str]
) -> None:
    value = _probe(
        asgi,
        make_app,
        lambda req: req.get_param_as_list('colors', delimiter=delimiter),
        query_string=query,
    )
    assert value == expected


def test_param_as_list_without_delimiter_keeps_commas(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    value = _probe(asgi, make_app, lambda req: req.get_param_as_list('t'), query_string='t=1,,3')
    assert value == ['1,,3']


def test_param_as_list_transform_and_store(asgi: bool, make_app: Callable[..., Any]) -> None:
    store: dict[str, Any] = {}
    value = _probe(
        asgi,
        make_app,
        lambda req: req.get_param_as_list('n', transform=int, store=store),
        query_string='n=1&n=2',
    )
    assert value == [1, 2]
    assert store == {'n': [1, 2]}


def test_param_as_list_transform_value_error_is_400(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    result = _probe(
        asgi,
        make_app,
        lambda req: req.get_param_as_list('n', transform=int),
        query_string='n=1&n=x',
    )
    assert result.status_code == 400
    assert result.json['title'] == 'Invalid parameter'


@pytest.mark.parametrize(
    ('query', 'kwargs', 'expected'),
    [
        ('color=R%7C100%7CG%7C200%7CB%7C150', {'delimiter': 'pipeDelimited'},
         {'R': '100', 'G': '200', 'B': '150'}),
        ('color=R,100,G,200', {'delimiter': ','}, {'R': '100', 'G': '200'}),
        ('color=R&color=100&color=G&color=200', {}, {'R': '100', 'G': '200'}),
        ('color%5BR%5D=100&color%5BG%5D=200', {'deep_object': True},
         {'R': '100', 'G': '200'}),
        # The delimiter has no effect on the deepObject style.
        ('color%5BR%5D=1%7C2', {'deep_object': True, 'delimiter': '|'}, {'R': '1|2'}),
        # The alternating form is multi-valued by nature: allow_multiple does not apply.
        ('color=R&color=1', {'allow_multiple': False}, {'R': '1'}),
    ],
)  # fmt: skip
def test_param_as_dict(
    asgi: bool,
    make_app: Callable[..., Any],
    query: str,
    kwargs: dict[str, Any],
    expected: dict[str, str],
) -> None:
    value = _probe(
        asgi, make_app, lambda req: req.get_param_as_dict('color', **kwargs), query_string=query
    )
    assert value == expected


def test_param_as_dict_csv_option(asgi: bool, make_app: Callable[..., Any]) -> None:
    seen: list[Any] = []

    def on_get(req: Any, resp: Any) -> None:
        seen.append(req.get_param_as_dict('color'))

    app = make_app()
    app.req_options.auto_parse_qs_csv = True
    app.add_route('/', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/', query_string='color=R,1,G,2').status_code == 200
    assert seen == [{'R': '1', 'G': '2'}]


@pytest.mark.parametrize(
    ('query', 'kwargs'),
    [
        # Without a delimiter or auto_parse_qs_csv, one value is not a list of pairs.
        ('color=R,100', {}),
        ('color=R%7C100%7CG', {'delimiter': 'pipeDelimited'}),
    ],
)
def test_param_as_dict_unparsable_is_invalid_param(
    asgi: bool, make_app: Callable[..., Any], query: str, kwargs: dict[str, Any]
) -> None:
    result = _probe(
        asgi, make_app, lambda req: req.get_param_as_dict('color', **kwargs), query_string=query
    )
    assert result.status_code == 400
    assert result.json['title'] == 'Invalid parameter'
    assert result.json['description'].startswith('The "color" parameter is invalid.')


def test_param_as_dict_deep_object_allow_multiple(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    query = 'color%5BR%5D=1&color%5BR%5D=2&color%5BG%5D=3'
    value = _probe(
        asgi,
        make_app,
        lambda req: req.get_param_as_dict('color', deep_object=True),
        query_string=query,
    )
    assert value['G'] == '3'
    assert value['R'] in ('1', '2')
    result = _probe(
        asgi,
        make_app,
        lambda req: req.get_param_as_dict('color', deep_object=True, allow_multiple=False),
        query_string=query,
    )
    assert result.status_code == 400
    assert result.json['title'] == 'Invalid parameter'


def test_param_as_dict_missing(asgi: bool, make_app: Callable[..., Any]) -> None:
    default = {'a': 'b'}
    value = _probe(
        asgi,
        make_app,
        lambda req: (
            req.get_param_as_dict('color'),
            req.get_param_as_dict('color', default=default),
            req.get_param_as_dict('color', deep_object=True),
        ),
    )
    assert value == (None, default, None)
    result = _probe(
        asgi, make_app, lambda req: req.get_param_as_dict('color', deep_object=True, required=True)
    )
    assert _error(result) == (
        400,
        'Missing parameter',
        'The "color" parameter is required.',
    )


@pytest.mark.parametrize('text', ['true', 'True', 't', 'yes', 'y', '1', 'on'])
def test_documented_true_strings(asgi: bool, make_app: Callable[..., Any], text: str) -> None:
    value = _probe(
        asgi, make_app, lambda req: req.get_param_as_bool('b'), query_string=f'b={text}'
    )
    assert value is True


@pytest.mark.parametrize('text', ['false', 'False', 'f', 'no', 'n', '0', 'off'])
def test_documented_false_strings(asgi: bool, make_app: Callable[..., Any], text: str) -> None:
    value = _probe(
        asgi, make_app, lambda req: req.get_param_as_bool('b'), query_string=f'b={text}'
    )
    assert value is False


@pytest.mark.parametrize('text', ['TRUE', 'FALSE', 'Yes', 'maybe', '2'])
def test_undocumented_bool_strings_are_invalid(
    asgi: bool, make_app: Callable[..., Any], text: str
) -> None:
    result = _probe(
        asgi, make_app, lambda req: req.get_param_as_bool('b'), query_string=f'b={text}'
    )
    assert _error(result) == (
        400,
        'Invalid parameter',
        'The "b" parameter is invalid. The value of the parameter must be "true" or "false".',
    )


def test_bool_blank_as_true_false(asgi: bool, make_app: Callable[..., Any]) -> None:
    seen: list[Any] = []

    def on_get(req: Any, resp: Any) -> None:
        seen.append(req.get_param_as_bool('b'))
        seen.append(req.get_param_as_bool('b', blank_as_true=False))
        seen.append(req.get_param_as_bool('missing', default=False))

    app = make_app()
    app.req_options.keep_blank_qs_values = True
    app.add_route('/', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/', query_string='b=').status_code == 200
    assert seen == [True, False, False]


@pytest.mark.parametrize(
    'read',
    [
        lambda req: req.get_param('p', allow_multiple=False),
        lambda req: req.get_param_as_int('p', allow_multiple=False),
        lambda req: req.get_param_as_float('p', allow_multiple=False),
        lambda req: req.get_param_as_bool('p', allow_multiple=False),
        lambda req: req.get_param_as_json('p', allow_multiple=False),
        lambda req: req.get_param_as_media('p', allow_multiple=False),
        lambda req: req.get_param_as_uuid('p', allow_multiple=False),
        lambda req: req.get_param_as_date('p', allow_multiple=False),
        lambda req: req.get_param_as_datetime('p', allow_multiple=False),
    ],
)
def test_allow_multiple_false_refuses_identical_values(
    asgi: bool, make_app: Callable[..., Any], read: Callable[[Any], Any]
) -> None:
    result = _probe(asgi, make_app, read, query_string='p=1&p=1')
    assert result.status_code == 400
    assert result.json['title'] == 'Invalid parameter'
    assert result.json['description'].startswith('The "p" parameter is invalid.')


def test_allow_multiple_false_and_csv(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.req_options.auto_parse_qs_csv = True

    def on_get(req: Any, resp: Any) -> None:
        req.get_param('p', allow_multiple=False)

    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/', query_string='p=a,b,c')
    assert result.status_code == 400
    assert result.json['title'] == 'Invalid parameter'


@pytest.mark.parametrize(
    ('read', 'query', 'description'),
    [
        (lambda req: req.get_param_as_int('n', min_value=6), 'n=5', 'at least 6'),
        (lambda req: req.get_param_as_int('n', max_value=4), 'n=5', 'may not exceed 4'),
        (lambda req: req.get_param_as_float('n', min_value=1.5), 'n=1.0', 'at least 1.5'),
        (lambda req: req.get_param_as_float('n', max_value=1.5), 'n=2.5', 'may not exceed 1.5'),
    ],
)
def test_number_bounds(
    asgi: bool,
    make_app: Callable[..., Any],
    read: Callable[[Any], Any],
    query: str,
    description: str,
) -> None:
    result = _probe(asgi, make_app, read, query_string=query)
    assert result.status_code == 400
    assert result.json['title'] == 'Invalid parameter'
    assert description in result.json['description']


def test_number_bounds_inclusive_and_store(asgi: bool, make_app: Callable[..., Any]) -> None:
    store: dict[str, Any] = {}
    value = _probe(
        asgi,
        make_app,
        lambda req: (
            req.get_param_as_int('n', min_value=5, max_value=5, store=store),
            req.get_param_as_float('f', min_value=0.5, max_value=0.5),
            req.get_param_as_int('missing', store=store, default=3),
        ),
        query_string='n=5&f=0.5',
    )
    assert value == (5, 0.5, 3)
    assert store == {'n': 5}


def test_typed_params(asgi: bool, make_app: Callable[..., Any]) -> None:
    value = _probe(
        asgi,
        make_app,
        lambda req: (
            req.get_param_as_uuid('u'),
            req.get_param_as_datetime('dt'),
            req.get_param_as_date('d'),
            req.get_param_as_date('d2', format_string='%d/%m/%Y'),
            req.get_param_as_json('j'),
        ),
        query_string=(
            'u=81c8155C-D6de-443B-9495-39Fa8FB239b5&dt=2024-01-02T03:04:05Z'
            '&d=2024-01-02&d2=02/01/2024&j=%5B1%2C2%5D'
        ),
    )
    assert value == (
        uuid.UUID('81c8155c-d6de-443b-9495-39fa8fb239b5'),
        datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
        datetime.date(2024, 1, 2),
        datetime.date(2024, 1, 2),
        [1, 2],
    )


def test_forwarded_header_rules_out_x_forwarded(asgi: bool, make_app: Callable[..., Any]) -> None:
    # Forwarded is present, but its first hop has neither host= nor proto=.
    headers = {
        'Forwarded': 'for=192.0.2.1, host=second.example;proto=https',
        'X-Forwarded-Host': 'xfh.example',
        'X-Forwarded-Proto': 'https',
        'Host': 'origin.example',
    }
    value = _probe(
        asgi,
        make_app,
        lambda req: (req.forwarded_host, req.forwarded_scheme, req.forwarded_uri),
        headers=headers,
    )
    assert value == ('origin.example', 'http', 'http://origin.example/')


def test_x_forwarded_used_without_forwarded(asgi: bool, make_app: Callable[..., Any]) -> None:
    headers = {'X-Forwarded-Host': 'xfh.example', 'X-Forwarded-Proto': 'https'}
    value = _probe(
        asgi,
        make_app,
        lambda req: (req.forwarded_host, req.forwarded_scheme, req.forwarded_prefix),
        headers=headers,
    )
    assert value == ('xfh.example', 'https', 'https://xfh.example')


def test_forwarded_first_hop_wins(asgi: bool, make_app: Callable[..., Any]) -> None:
    headers = {
        'Forwarded': 'for=192.0.2.1;host=first.example;proto=https, host=second.example',
        'X-Forwarded-Host': 'xfh.example',
    }
    value = _probe(
        asgi,
        make_app,
        lambda req: (req.forwarded_host, req.forwarded_scheme, req.forwarded_uri),
        headers=headers,
        query_string='a=1',
    )
    assert value == ('first.example', 'https', 'https://first.example/?a=1')


def test_wsgi_script_name_is_decoded_like_the_path() -> None:
    tunneled = '/café'.encode().decode('latin-1')
    env = testing.create_environ(path='/x')
    env['SCRIPT_NAME'] = tunneled
    env['PATH_INFO'] = tunneled
    req = falcon.Request(env)
    assert req.root_path == '/café'
    assert req.path == '/café'


@pytest.mark.parametrize('client', [None, ['/tmp/app.sock', None], ['', 0]])
def test_asgi_unix_socket_client_falls_back(client: Any) -> None:
    scope = testing.create_scope()
    if client is None:
        scope.pop('client', None)
    else:
        scope['client'] = client
    req = falcon.asgi.Request(scope, testing.ASGIRequestEventEmitter())
    assert req.remote_addr == '127.0.0.1'
    assert req.access_route == ['127.0.0.1']


def test_asgi_tcp_client_is_remote_addr() -> None:
    scope = testing.create_scope()
    scope['client'] = ['10.1.2.3', 50000]
    req = falcon.asgi.Request(scope, testing.ASGIRequestEventEmitter())
    assert req.remote_addr == '10.1.2.3'


def _read_value(
    asgi: bool, make_app: Callable[..., Any], func: Callable[[Any], Any], **kw: Any
) -> Any:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = {'value': func(req)}

    app = make_app()
    app.add_route('/p', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/p', **kw)
    assert result.status_code == 200, result.text
    return result.json['value']


def _status(
    asgi: bool, make_app: Callable[..., Any], func: Callable[[Any], Any], **kw: Any
) -> Any:
    def on_get(req: Any, resp: Any) -> None:
        func(req)

    app = make_app()
    app.add_route('/p', resource(asgi, on_get=on_get))
    return testing.simulate_get(app, '/p', **kw)


def _etags(value: Any) -> Any:
    if value is None:
        return None
    return [tag if tag == '*' else [str(tag), tag.is_weak] for tag in value]


@pytest.mark.parametrize(
    ('header', 'expected'),
    [
        ('"abc"', [['abc', False]]),
        ('W/"abc", "def"', [['abc', True], ['def', False]]),
        ('*', ['*']),
        ('"a,b", W/"c"', [['a,b', False], ['c', True]]),
    ],
)
@pytest.mark.parametrize('name', ['If-Match', 'If-None-Match'])
def test_conditional_etags(
    asgi: bool, make_app: Callable[..., Any], name: str, header: str, expected: Any
) -> None:
    attr = name.lower().replace('-', '_')
    value = _read_value(
        asgi, make_app, lambda req: _etags(getattr(req, attr)), headers={name: header}
    )
    assert value == expected


def test_conditional_etags_absent(asgi: bool, make_app: Callable[..., Any]) -> None:
    assert _read_value(asgi, make_app, lambda req: [req.if_match, req.if_none_match]) == [
        None,
        None,
    ]


@pytest.mark.parametrize('attr', ['date', 'if_modified_since', 'if_unmodified_since'])
def test_date_headers(asgi: bool, make_app: Callable[..., Any], attr: str) -> None:
    name = {'date': 'Date'}.get(attr, attr.replace('_', '-').title())
    value = _read_value(
        asgi,
        make_app,
        lambda req: getattr(req, attr).isoformat(),
        headers={name: 'Sun, 06 Nov 1994 08:49:37 GMT'},
    )
    assert value == '1994-11-06T08:49:37+00:00'
    assert _read_value(asgi, make_app, lambda req: getattr(req, attr)) is None
    bad = _status(asgi, make_app, lambda req: getattr(req, attr), headers={name: 'yesterday'})
    assert bad.status_code == 400
    assert bad.json['title'] == 'Invalid header value'


@pytest.mark.parametrize(
    ('header', 'value'),
    [
        ('bytes=0-', [[0, -1], 'bytes']),
        ('bytes=-1', [[-1, -1], 'bytes']),
        ('bytes=5-5', [[5, 5], 'bytes']),
        ('items=0-9', [[0, 9], 'items']),
    ],
)
def test_range_forms(asgi: bool, make_app: Callable[..., Any], header: str, value: Any) -> None:
    func = lambda req: [list(req.range), req.range_unit]  # noqa: E731
    assert _read_value(asgi, make_app, func, headers={'Range': header}) == value


@pytest.mark.parametrize(
    'header',
    ['bytes=5-2', 'bytes=a-1', 'bytes=0-1,3-4', '0-99', 'bytes=-', 'bytes=-0', 'bytes=1'],
)
def test_range_invalid(asgi: bool, make_app: Callable[..., Any], header: str) -> None:
    result = _status(asgi, make_app, lambda req: req.range, headers={'Range': header})
    assert result.status_code == 400
    assert result.json['title'] == 'Invalid header value'


def _require_header(getter: str, req: Any) -> Any:
    return getattr(req, getter)('X-N', required=True)


def test_header_as_int_and_datetime(asgi: bool, make_app: Callable[..., Any]) -> None:
    def func(req: Any) -> Any:
        return [req.get_header_as_int('X-Missing'), req.get_header_as_datetime('X-Missing')]

    assert _read_value(asgi, make_app, func) == [None, None]
    for getter in ('get_header_as_int', 'get_header_as_datetime'):
        require = functools.partial(_require_header, getter)
        result = _status(asgi, make_app, require)
        assert result.status_code == 400
        assert result.json['title'] == 'Missing header value'
    bad = _status(
        asgi, make_app, lambda req: req.get_header_as_datetime('X-D'), headers={'X-D': 'x'}
    )
    assert bad.status_code == 400
    assert bad.json['title'] == 'Invalid header value'


def test_header_as_datetime_obs_date(asgi: bool, make_app: Callable[..., Any]) -> None:
    value = _read_value(
        asgi,
        make_app,
        lambda req: req.get_header_as_datetime('X-D', obs_date=True).isoformat(),
        headers={'X-D': 'Sunday, 06-Nov-94 08:49:37 GMT'},
    )
    assert value == '1994-11-06T08:49:37+00:00'


@pytest.mark.parametrize(
    ('query', 'func', 'expected'),
    [
        ('p=%5B1%2C2%5D', lambda req: req.get_param_as_media('p'), [1, 2]),
        (
            'p=x%3D1%26y%3D2',
            lambda req: req.get_param_as_media('p', media_type=falcon.MEDIA_URLENCODED),
            {'x': '1', 'y': '2'},
        ),
        ('', lambda req: req.get_param_as_media('p'), None),
        ('', lambda req: req.get_param_as_media('p', default={'d': 1}), {'d': 1}),
        ('', lambda req: req.get_param_as_json('p', default=[]), []),
    ],
)
def test_param_as_media(
    asgi: bool, make_app: Callable[..., Any], query: str, func: Any, expected: Any
) -> None:
    assert _read_value(asgi, make_app, func, query_string=query) == expected


@pytest.mark.parametrize(
    ('query', 'title'),
    [('p=%7Bbad', 'Invalid parameter'), ('', 'Missing parameter')],
)
def test_param_as_media_errors(
    asgi: bool, make_app: Callable[..., Any], query: str, title: str
) -> None:
    result = _status(
        asgi, make_app, lambda req: req.get_param_as_media('p', required=True), query_string=query
    )
    assert result.status_code == 400
    assert result.json['title'] == title


def test_query_string_as_media(asgi: bool, make_app: Callable[..., Any]) -> None:
    value = _read_value(
        asgi,
        make_app,
        lambda req: req.get_query_string_as_media(),
        query_string='%7B%22q%22%3A%20%22x%22%2C%20%22n%22%3A%202%7D',
    )
    assert value == {'q': 'x', 'n': 2}
    empty = _read_value(
        asgi, make_app, lambda req: req.get_query_string_as_media(default_when_empty={'e': 0})
    )
    assert empty == {'e': 0}


@pytest.mark.parametrize(
    ('header', 'parts'),
    [
        ('For=192.0.2.1;PROTO=https;Host=a.example', [['192.0.2.1', None, 'a.example', 'https']]),
        ('for="_gazonk"', [['_gazonk', None, None, None]]),
        (
            'for=unknown, for=198.51.100.17',
            [['unknown', None, None, None], ['198.51.100.17', None, None, None]],
        ),
        ('host="b.example:8080"', [[None, None, 'b.example:8080', None]]),
        ('for="[2001:db8:cafe::17]:4711"', [['[2001:db8:cafe::17]:4711', None, None, None]]),
    ],
)
def test_forwarded_details(
    asgi: bool, make_app: Callable[..., Any], header: str, parts: Any
) -> None:
    def func(req: Any) -> Any:
        return [[f.src, f.dest, f.host, f.scheme] for f in req.forwarded]

    assert _read_value(asgi, make_app, func, headers={'Forwarded': header}) == parts


def test_forwarded_host_with_port(asgi: bool, make_app: Callable[..., Any]) -> None:
    func = lambda req: [req.forwarded_host, req.forwarded_uri]  # noqa: E731
    value = _read_value(asgi, make_app, func, headers={'Forwarded': 'host=b.example:8080'})
    assert value == ['b.example:8080', 'http://b.example:8080/p']


def test_x_forwarded_host_with_port(asgi: bool, make_app: Callable[..., Any]) -> None:
    func = lambda req: [req.forwarded_host, req.forwarded_uri]  # noqa: E731
    value = _read_value(asgi, make_app, func, headers={'X-Forwarded-Host': 'x.example:8443'})
    assert value == ['x.example:8443', 'http://x.example:8443/p']


def test_wsgi_bounded_stream_reads() -> None:
    def on_post(req: Any, resp: Any) -> None:
        stream = req.bounded_stream
        resp.media = [
            stream.read(2).decode(),
            stream.read().decode(),
            stream.read().decode(),
            req.stream is not None,
        ]

    app = falcon.App()
    app.add_route('/', resource(False, on_post=on_post))
    assert testing.simulate_post(app, '/', body=b'abcdef').json == ['ab', 'cdef', '', True]


def test_wsgi_bounded_stream_readline_and_iteration() -> None:
    def on_post(req: Any, resp: Any) -> None:
        resp.media = [req.bounded_stream.readline().decode(), req.bounded_stream.readlines()]
        resp.media[1] = [line.decode() for line in resp.media[1]]

    app = falcon.App()
    app.add_route('/', resource(False, on_post=on_post))
    result = testing.simulate_post(app, '/', body=b'one\ntwo\nthree')
    assert result.json == ['one\n', ['two\n', 'three']]


async def test_asgi_stream_reads() -> None:
    class Res:
        async def on_post(self, req: Any, resp: Any) -> None:
            first = await req.stream.read(2)
            rest = await req.stream.read()
            resp.media = [first.decode(), rest.decode(), (await req.stream.read()).decode()]

    app = falcon.asgi.App()
    app.add_route('/', Res())
    async with testing.ASGIConductor(app) as conductor:
        result = await conductor.simulate_post('/', body=b'abcdef', asgi_chunk_size=3)
    assert result.json == ['ab', 'cdef', '']


def test_media_default_when_empty_none_vs_missing(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    class Sync:
        def on_post(self, req: Any, resp: Any) -> None:
            resp.media = {'m': req.get_media(default_when_empty=None)}

    class Async:
        async def on_post(self, req: Any, resp: Any) -> None:
            resp.media = {'m': await req.get_media(default_when_empty=None)}

    app = make_app()
    app.add_route('/', Async() if asgi else Sync())
    assert testing.simulate_post(app, '/', content_type='application/json').json == {'m': None}
