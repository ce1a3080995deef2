"""falcon.testing Result and simulate_* keywords; falcon.inspect routes and
text output
(Falcon 4 Testing Helpers and Inspect Module pages)."""

from __future__ import annotations

import pathlib
import re
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.inspect
from falcon import testing

from ._support import resource


def _echo_request(req: Any, resp: Any) -> None:
    resp.media = {
        'method': req.method,
        'path': req.path,
        'query': req.query_string,
        'content_type': req.content_type,
        'x': req.get_header('X-Default'),
    }


def test_result_fields(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.status = falcon.HTTP_201
        resp.content_type = 'text/plain; charset=utf-8'
        resp.set_header('X-Thing', 'a')
        resp.text = 'héllo'

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.status == '201 Created'
    assert result.status_code == 201
    assert result.headers['x-thing'] == 'a'
    assert result.headers['X-THING'] == 'a'
    assert result.content == 'héllo'.encode()
    assert result.text == 'héllo'
    assert result.encoding == 'utf-8'


def test_result_json_of_empty_body_is_none(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route('/', resource(asgi, on_get=lambda req, resp: None))
    assert testing.simulate_get(app, '/').json is None


def test_simulate_json_sets_content_type(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route('/', resource(asgi, on_post=_echo_request))
    result = testing.simulate_post(app, '/', json={'a': 1})
    assert result.json['content_type'] == 'application/json'


def test_query_string_in_path(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route('/p', resource(asgi, on_get=_echo_request))
    assert testing.simulate_get(app, '/p?a=1&b=2').json['query'] == 'a=1&b=2'


def test_query_string_in_path_and_params_conflict(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    app = make_app()
    app.add_route('/p', resource(asgi, on_get=_echo_request))
    with pytest.raises(ValueError):
        testing.simulate_get(app, '/p?a=1', params={'b': 2})


def test_test_client_default_headers(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route('/p', resource(asgi, on_get=_echo_request, on_delete=_echo_request))
    client = testing.TestClient(app, headers={'X-Default': 'yes'})
    assert client.simulate_get('/p').json['x'] == 'yes'
    assert client.simulate_delete('/p', headers={'X-Default': 'no'}).json == {
        'method': 'DELETE',
        'path': '/p',
        'query': '',
        'content_type': None,
        'x': 'no',
    }
    assert client.get('/p').status_code == 200


def test_inspect_app_shape(
    asgi: bool, make_app: Callable[..., Any], tmp_path: pathlib.Path
) -> None:
    def sink(req: Any, resp: Any) -> None:
        pass

    async def sink_async(req: Any, resp: Any) -> None:
        pass

    app = make_app()
    app.add_route('/items/{item_id}', resource(asgi, 'ItemResource', on_get=lambda r, s: None))
    app.add_static_route('/static', tmp_path)
    app.add_sink(sink_async if asgi else sink, '/proxy')
    info = falcon.inspect.inspect_app(app)
    assert info.asgi is asgi
    assert [route.path for route in info.routes] == ['/items/{item_id}']
    route = info.routes[0]
    assert route.class_name == 'ItemResource'
    methods = {method.method: method for method in route.methods}
    assert methods['GET'].function_name == 'on_get'
    assert methods['GET'].internal is False
    assert methods['OPTIONS'].internal is True
    assert [s.prefix for s in info.static_routes] == ['/static/']
    assert info.static_routes[0].directory == str(tmp_path)
    assert [s.prefix for s in info.sinks] == ['/proxy']
    errors = {handler.error for handler in info.error_handlers}
    assert {'HTTPError', 'HTTPStatus', 'Exception'} <= errors
    text = info.to_string()
    assert text.startswith('Falcon App (ASGI)' if asgi else 'Falcon App (WSGI)')
    assert '/items/{item_id}' in text


def _app(asgi: bool, make_app: Callable[..., Any]) -> Any:
    app = make_app()

    def noop(req: Any, resp: Any) -> None:
        pass

    app.add_route('/items/{item_id}', resource(asgi, 'ItemResource', on_get=noop, on_post=noop))
    app.add_route('/health', resource(asgi, 'Health', on_get=noop))
    return app


def test_inspect_routes(asgi: bool, make_app: Callable[..., Any]) -> None:
    routes = falcon.inspect.inspect_routes(_app(asgi, make_app))
    assert [route.path for route in routes] == ['/items/{item_id}', '/health']
    assert [route.class_name for route in routes] == ['ItemResource', 'Health']
    methods = {method.method: method for method in routes[0].methods}
    assert {'GET', 'POST', 'OPTIONS'} <= set(methods)
    assert [methods['GET'].function_name, methods['POST'].function_name] == ['on_get', 'on_post']
    assert isinstance(routes[0].source_info, str)


def test_string_visitor_route_lines(asgi: bool, make_app: Callable[..., Any]) -> None:
    routes = falcon.inspect.inspect_routes(_app(asgi, make_app))
    text = falcon.inspect.StringVisitor().process(routes[0])
    lines = text.splitlines()
    assert lines[0].strip() == '⇒ /items/{item_id} - ItemResource:'
    method_lines = sorted((line.strip() for line in lines[1:]), key=lambda line: line[4:])
    assert len(method_lines) == 2
    assert re.fullmatch(r'[├└]── GET - on_get', method_lines[0])
    assert re.fullmatch(r'[├└]── POST - on_post', method_lines[1])
    assert lines[-1].strip().startswith('└──')
    internal = falcon.inspect.StringVisitor(internal=True).process(routes[0])
    assert 'OPTIONS' in internal
    verbose = falcon.inspect.StringVisitor(verbose=True).process(routes[0])
    assert routes[0].source_info in verbose


def test_app_to_string(asgi: bool, make_app: Callable[..., Any]) -> None:
    info = falcon.inspect.inspect_app(_app(asgi, make_app))
    kind = 'ASGI' if asgi else 'WSGI'
    text = info.to_string()
    assert text.splitlines()[0] == f'Falcon App ({kind})'
    assert '• Routes:' in text
    assert text.index('/items/{item_id}') < text.index('/health')
    assert info.to_string(name='MyApp').splitlines()[0] == f'MyApp ({kind})'
    assert str(info) == text
