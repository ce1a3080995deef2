"""Routing: precedence, converters, suffixes, default responders, sinks, static routes
(Falcon 4 Routing page and App.add_sink / add_static_route reference)."""

from __future__ import annotations

import pathlib
from collections.abc import Callable
from typing import Any

import pytest

import falcon
from falcon import testing

from ._support import resource


def _echo(req: Any, resp: Any, **params: Any) -> None:
    resp.media = {key: str(value) for key, value in params.items()}


def _named(label: str) -> Callable[..., None]:
    def responder(req: Any, resp: Any, **params: Any) -> None:
        resp.media = {'route': label, **{key: str(value) for key, value in params.items()}}

    return responder


@pytest.mark.parametrize('static_first', [True, False])
def test_static_segment_beats_field(
    asgi: bool, make_app: Callable[..., Any], static_first: bool
) -> None:
    app = make_app()
    routes = [
        ('/items/new', resource(asgi, on_get=_named('new'))),
        ('/items/{item_id}', resource(asgi, on_get=_named('item'))),
    ]
    for template, res in routes if static_first else reversed(routes):
        app.add_route(template, res)
    assert testing.simulate_get(app, '/items/new').json == {'route': 'new'}
    assert testing.simulate_get(app, '/items/42').json == {'route': 'item', 'item_id': '42'}


@pytest.mark.parametrize(
    ('template', 'path', 'expected'),
    [
        ('/n/{n:int}', '/n/42', {'n': '42'}),
        ('/n/{n:int}', '/n/-3', {'n': '-3'}),
        ('/n/{n:int}', '/n/abc', None),
        ('/n/{n:int(min=1)}', '/n/0', None),
        ('/n/{n:int(min=1, max=9)}', '/n/9', {'n': '9'}),
        ('/n/{n:int(min=1, max=9)}', '/n/10', None),
        ('/n/{n:int(3)}', '/n/007', {'n': '7'}),
        ('/n/{n:int(3)}', '/n/7', None),
        ('/f/{x:float}', '/f/1.5', {'x': '1.5'}),
        ('/f/{x:float}', '/f/abc', None),
        (
            '/u/{u:uuid}',
            '/u/6e9b2b8e-3f0a-4a4e-8a3e-1d6b3f0e4c2a',
            {'u': '6e9b2b8e-3f0a-4a4e-8a3e-1d6b3f0e4c2a'},
        ),
        ('/u/{u:uuid}', '/u/not-a-uuid', None),
        ('/d/{d:dt("%Y-%m-%d")}', '/d/2024-02-29', {'d': '2024-02-29 00:00:00'}),
        ('/d/{d:dt("%Y-%m-%d")}', '/d/2024-02-30', None),
        ('/p/{rest:path}', '/p/a/b/c.txt', {'rest': 'a/b/c.txt'}),
        ('/files/{name}.{ext}', '/files/report.pdf', {'name': 'report', 'ext': 'pdf'}),
        ('/v/{a}/{b}', '/v/x/y', {'a': 'x', 'b': 'y'}),
        ('/v/{a}/{b}', '/v/x', None),
    ],
)
def test_converters_and_fields(
    asgi: bool, make_app: Callable[..., Any], template: str, path: str, expected: Any
) -> None:
    app = make_app()
    app.add_route(template, resource(asgi, on_get=_echo))
    result = testing.simulate_get(app, path)
    if expected is None:
        assert result.status_code == 404
    else:
        assert result.status_code == 200
        assert result.json == expected


def test_converter_passes_typed_values(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any, n: Any, x: Any) -> None:
        resp.media = [type(n).__name__, type(x).__name__]

    app = make_app()
    app.add_route('/{n:int}/{x:float}', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/1/2.5').json == ['int', 'float']


def test_field_values_are_percent_decoded(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route('/n/{name}', resource(asgi, on_get=_echo))
    assert testing.simulate_get(app, '/n/a%20b').json == {'name': 'a b'}


def test_suffix_responders(asgi: bool, make_app: Callable[..., Any]) -> None:
    res = resource(asgi, on_get=_named('item'), on_get_collection=_named('collection'))
    app = make_app()
    app.add_route('/items', res, suffix='collection')
    app.add_route('/items/{item_id}', res)
    assert testing.simulate_get(app, '/items').json == {'route': 'collection'}
    assert testing.simulate_get(app, '/items/1').json == {'route': 'item', 'item_id': '1'}


def test_method_not_allowed(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route('/', resource(asgi, on_post=_echo, on_get=_echo, on_delete=_echo))
    result = testing.simulate_put(app, '/')
    assert result.status_code == 405
    assert result.headers['Allow'] == 'DELETE, GET, POST, OPTIONS'
    assert result.json == {'title': '405 Method Not Allowed'}


def test_head_is_not_synthesized(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route('/', resource(asgi, on_get=_echo))
    result = testing.simulate_head(app, '/')
    assert result.status_code == 405
    assert result.headers['Allow'] == 'GET, OPTIONS'


def test_default_options(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route('/', resource(asgi, on_put=_echo, on_get=_echo))
    result = testing.simulate_options(app, '/')
    assert result.status_code == 200
    assert result.headers['Allow'] == 'GET, PUT'
    assert result.headers['Content-Length'] == '0'
    assert result.content == b''


def test_custom_options_responder_wins(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_options(req: Any, resp: Any) -> None:
        resp.status = falcon.HTTP_204
        resp.set_header('Allow', 'GET')

    app = make_app()
    app.add_route('/', resource(asgi, on_get=_echo, on_options=on_options))
    result = testing.simulate_options(app, '/')
    assert result.status_code == 204
    assert result.headers['Allow'] == 'GET'


@pytest.mark.parametrize(('strip', 'status'), [(False, 404), (True, 200)])
def test_trailing_slash(
    asgi: bool, make_app: Callable[..., Any], strip: bool, status: int
) -> None:
    app = make_app()
    app.req_options.strip_url_path_trailing_slash = strip
    app.add_route('/items', resource(asgi, on_get=_echo))
    assert testing.simulate_get(app, '/items/').status_code == status


@pytest.mark.parametrize(
    'template',
    ['items', '/items/{id', '/items/{a}/{a}', '/items/{n:nosuchconverter}'],
)
def test_bad_templates_rejected(make_app: Callable[..., Any], asgi: bool, template: str) -> None:
    app = make_app()
    with pytest.raises(ValueError):
        app.add_route(template, resource(asgi, on_get=_echo))


def _sink(asgi: bool, label: str) -> Callable[..., Any]:
    def handle(req: Any, resp: Any, **kwargs: Any) -> None:
        resp.media = {'sink': label, 'path': req.path, **kwargs}

    async def handle_async(req: Any, resp: Any, **kwargs: Any) -> None:
        handle(req, resp, **kwargs)

    return handle_async if asgi else handle


@pytest.mark.parametrize(
    ('path', 'matched'),
    [('/proxy', True), ('/proxy/a/b', True), ('/proxyx', False), ('/other', False)],
)
def test_sink_prefix_segment_boundary(
    asgi: bool, make_app: Callable[..., Any], path: str, matched: bool
) -> None:
    app = make_app()
    app.add_sink(_sink(asgi, 'p'), '/proxy')
    result = testing.simulate_get(app, path)
    if matched:
        assert result.json == {'sink': 'p', 'path': path}
    else:
        assert result.status_code == 404


def test_sink_named_groups_become_kwargs(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_sink(_sink(asgi, 'u'), r'/users/(?P<uid>\d+)')
    assert testing.simulate_get(app, '/users/42/posts').json == {
        'sink': 'u',
        'path': '/users/42/posts',
        'uid': '42',
    }


def test_route_beats_sink_and_later_sink_wins(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route('/api/special', resource(asgi, on_get=_named('route')))
    app.add_sink(_sink(asgi, 'first'), '/api')
    app.add_sink(_sink(asgi, 'second'), '/api')
    assert testing.simulate_get(app, '/api/special').json == {'route': 'route'}
    assert testing.simulate_get(app, '/api/other').json['sink'] == 'second'


def test_default_sink_prefix_catches_all(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_sink(_sink(asgi, 'all'))
    assert testing.simulate_post(app, '/any/thing').json['sink'] == 'all'


@pytest.fixture
def static_dir(tmp_path: pathlib.Path) -> pathlib.Path:
    (tmp_path / 'hello.txt').write_bytes(b'hello world')
    (tmp_path / 'data.json').write_bytes(b'{"a": 1}')
    (tmp_path / 'index.html').write_bytes(b'<p>index</p>')
    return tmp_path


def test_static_route_serves_file(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', static_dir)
    result = testing.simulate_get(app, '/static/hello.txt')
    assert result.status_code == 200
    assert result.content == b'hello world'
    assert result.headers['Content-Type'].startswith('text/plain')
    assert result.headers['Content-Length'] == '11'
    assert (
        testing.simulate_get(app, '/static/data.json')
        .headers['Content-Type']
        .startswith('application/json')
    )


@pytest.mark.parametrize(
    'path', ['/static/missing.txt', '/static/../hello.txt', '/static/%2e%2e/secret', '/static/']
)
def test_static_route_not_found(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path, path: str
) -> None:
    app = make_app()
    app.add_static_route('/static', static_dir / 'sub' if path == '/static/' else static_dir)
    assert testing.simulate_get(app, path).status_code == 404


def test_static_route_downloadable(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', static_dir, downloadable=True)
    result = testing.simulate_get(app, '/static/hello.txt')
    assert result.headers['Content-Disposition'] == 'attachment; filename="hello.txt"'


def test_static_route_fallback(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/ui', static_dir, fallback_filename='index.html')
    result = testing.simulate_get(app, '/ui/some/client/route')
    assert result.status_code == 200
    assert result.content == b'<p>index</p>'
    assert result.headers['Content-Type'].startswith('text/html')


def test_static_route_rejects_relative_directory(make_app: Callable[..., Any]) -> None:
    with pytest.raises(ValueError):
        make_app().add_static_route('/static', 'relative/dir')
