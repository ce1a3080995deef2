"""App arguments and ``RequestOptions``/``ResponseOptions`` as Falcon 4.4 documents them, in
both kinds of app: defaults, and the effect of each."""

from __future__ import annotations

import pathlib
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.testing
from tests.compat._support import resource


def _echo_params(asgi: bool) -> Any:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = req.params

    return resource(asgi, on_get=on_get)


def test_request_options_defaults(make_app: Callable[..., Any]) -> None:
    options = make_app().req_options
    assert isinstance(options, falcon.RequestOptions)
    assert options.keep_blank_qs_values is True
    assert options.auto_parse_qs_csv is False
    assert options.strip_url_path_trailing_slash is False
    assert options.default_media_type == falcon.MEDIA_JSON
    assert isinstance(options.media_handlers, falcon.media.Handlers)


def test_response_options_defaults(make_app: Callable[..., Any]) -> None:
    options = make_app().resp_options
    assert isinstance(options, falcon.ResponseOptions)
    assert options.secure_cookies_by_default is True
    assert options.default_media_type == falcon.MEDIA_JSON
    assert options.xml_error_serialization is True
    assert isinstance(options.media_handlers, falcon.media.Handlers)
    assert options.static_media_types['.js'] == 'text/javascript'


def test_media_type_argument_sets_both_defaults(make_app: Callable[..., Any]) -> None:
    app = make_app(media_type=falcon.MEDIA_MSGPACK)
    assert app.req_options.default_media_type == falcon.MEDIA_MSGPACK
    assert app.resp_options.default_media_type == falcon.MEDIA_MSGPACK


def test_keep_blank_qs_values(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route('/', _echo_params(asgi))
    assert falcon.testing.simulate_get(app, '/', query_string='a=&b=1').json == {
        'a': '',
        'b': '1',
    }
    app.req_options.keep_blank_qs_values = False
    assert falcon.testing.simulate_get(app, '/', query_string='a=&b=1').json == {'b': '1'}


def test_auto_parse_qs_csv(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route('/', _echo_params(asgi))
    assert falcon.testing.simulate_get(app, '/', query_string='t=1,2').json == {'t': '1,2'}
    app.req_options.auto_parse_qs_csv = True
    assert falcon.testing.simulate_get(app, '/', query_string='t=1,2').json == {'t': ['1', '2']}


def test_strip_url_path_trailing_slash(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.add_route('/items', resource(asgi, on_get=lambda req, resp: setattr(resp, 'text', 'ok')))
    assert falcon.testing.simulate_get(app, '/items/').status_code == 404
    app.req_options.strip_url_path_trailing_slash = True
    result = falcon.testing.simulate_get(app, '/items/')
    assert (result.status_code, result.text) == (200, 'ok')


def test_xml_error_serialization_off_prefers_json(make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.resp_options.xml_error_serialization = False
    result = falcon.testing.simulate_get(
        app, '/nope', headers={'Accept': 'application/xml, application/json;q=0.5'}
    )
    assert result.status_code == 404
    assert result.headers['Content-Type'] == falcon.MEDIA_JSON
    assert result.json == {'title': '404 Not Found'}


def test_custom_request_and_response_types(asgi: bool, make_app: Callable[..., Any]) -> None:
    base_req = falcon.asgi.Request if asgi else falcon.Request
    base_resp = falcon.asgi.Response if asgi else falcon.Response

    class MyContext:
        marker = 'custom'

    class MyRequest(base_req):  # type: ignore[valid-type,misc]
        context_type = MyContext

    class MyResponse(base_resp):  # type: ignore[valid-type,misc]
        pass

    seen: list[Any] = []

    def on_get(req: Any, resp: Any) -> None:
        seen.append((type(req), type(resp), req.context.marker))

    app = make_app(request_type=MyRequest, response_type=MyResponse)
    app.add_route('/', resource(asgi, on_get=on_get))
    assert falcon.testing.simulate_get(app, '/').status_code == 200
    assert seen == [(MyRequest, MyResponse, 'custom')]


def test_cors_enable_with_cors_middleware_is_refused(make_app: Callable[..., Any]) -> None:
    with pytest.raises(ValueError):
        make_app(cors_enable=True, middleware=[falcon.CORSMiddleware()])
    app = make_app(cors_enable=True)
    with pytest.raises(ValueError):
        app.add_middleware(falcon.CORSMiddleware())
    make_app(middleware=[falcon.CORSMiddleware()]).add_middleware([])


def test_router_options_of_the_default_router(make_app: Callable[..., Any]) -> None:
    app = make_app()
    assert isinstance(app.router_options, falcon.routing.CompiledRouterOptions)
    assert 'int' in app.router_options.converters


def test_custom_router_receives_extra_add_route_kwargs(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    added: list[Any] = []
    target = resource(asgi, on_get=lambda req, resp: setattr(resp, 'text', 'routed'))

    class Router:
        def add_route(self, uri_template: str, resource: object, **kwargs: Any) -> None:
            added.append((uri_template, kwargs))

        def find(self, uri: str, req: Any = None) -> Any:
            method_map = falcon.routing.map_http_methods(target)
            falcon.routing.set_default_responders(method_map, asgi=asgi)
            return (target, method_map, {}, '/x') if uri == '/x' else None

    app = make_app(router=Router())
    app.add_route('/x', target, weight=3)
    assert added == [('/x', {'weight': 3})]
    assert falcon.testing.simulate_get(app, '/x').text == 'routed'
    assert falcon.testing.simulate_get(app, '/y').status_code == 404


@pytest.mark.parametrize(('sink_first', 'expected'), [(True, 'sink'), (False, 'static')])
def test_sink_before_static_route(
    asgi: bool,
    make_app: Callable[..., Any],
    tmp_path: pathlib.Path,
    sink_first: bool,
    expected: str,
) -> None:
    (tmp_path / 'file.txt').write_text('static')
    app = make_app(sink_before_static_route=sink_first)

    async def async_sink(req: Any, resp: Any, **kwargs: Any) -> None:
        resp.text = 'sink'

    def sync_sink(req: Any, resp: Any, **kwargs: Any) -> None:
        resp.text = 'sink'

    app.add_static_route('/files', tmp_path)
    app.add_sink(async_sink if asgi else sync_sink, '/files')
    assert falcon.testing.simulate_get(app, '/files/file.txt').text == expected


def test_later_sinks_and_static_routes_win(
    asgi: bool, make_app: Callable[..., Any], tmp_path: pathlib.Path
) -> None:
    (tmp_path / 'foo').mkdir()
    (tmp_path / 'foo' / 'bar').mkdir()
    (tmp_path / 'foo' / 'thing.js').write_text('foo')
    (tmp_path / 'foo' / 'bar' / 'thing.js').write_text('foobar')
    app = make_app()
    app.add_static_route('/foo', tmp_path / 'foo')
    app.add_static_route('/foo/bar', tmp_path / 'foo' / 'bar')
    assert falcon.testing.simulate_get(app, '/foo/bar/thing.js').text == 'foobar'
    assert falcon.testing.simulate_get(app, '/foo/thing.js').text == 'foo'

    def sink(name: str) -> Any:
        async def async_sink(req: Any, resp: Any, **kwargs: Any) -> None:
            resp.text = name

        def sync_sink(req: Any, resp: Any, **kwargs: Any) -> None:
            resp.text = name

        return async_sink if asgi else sync_sink

    app.add_sink(sink('first'), '/s')
    app.add_sink(sink('second'), '/s')
    assert falcon.testing.simulate_get(app, '/s/x').text == 'second'
