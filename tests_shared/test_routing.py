"""Routing: templates, converters, suffixes, 404/405, default OPTIONS, sinks."""

from __future__ import annotations

import re
from typing import Any

import falcon
import falcon.asgi
from falcon.routing import BaseConverter
from tests._harness import Case, cases, run
from tests_shared._support import jsonable, resource


def params_echo(*templates: str, suffix: str | None = None, **add_kwargs: Any) -> Any:
    def handler(req: Any, resp: Any, **params: Any) -> None:
        resp.media = {'params': jsonable(params), 'template': req.uri_template}

    def build(app: Any) -> None:
        for template in templates:
            app.add_route(template, resource(handler), **add_kwargs)

    return build


class Slug(BaseConverter):
    def convert(self, value: str) -> Any:
        return value.upper() if re.fullmatch('[a-z-]+', value) else None


def with_slug_converter(app: Any) -> None:
    app.router_options.converters['slug'] = Slug
    params_echo('/tags/{tag:slug}')(app)


class Suffixed:
    def on_get(self, req: Any, resp: Any) -> None:
        resp.text = 'collection'

    def on_get_item(self, req: Any, resp: Any, item_id: str) -> None:
        resp.text = f'item {item_id}'

    def on_post(self, req: Any, resp: Any) -> None:
        resp.status = 201


def suffixed(app: Any) -> None:
    items = Suffixed()
    app.add_route('/items', items)
    app.add_route('/items/{item_id}', items, suffix='item')


def only_get(app: Any) -> None:
    app.add_route('/thing', resource(lambda req, resp: None, methods=('get', 'post')))


def sink_str(app: Any) -> None:
    def sink(req: Any, resp: Any, **params: Any) -> None:
        resp.media = {'sink': req.path, 'params': params}

    app.add_sink(sink, '/proxy')


def sink_regex(app: Any) -> None:
    def sink(req: Any, resp: Any, **params: Any) -> None:
        resp.media = {'params': params}

    app.add_sink(sink, re.compile(r'/repo/(?P<owner>\w+)/(?P<name>\w+)'))


def sink_str_regex(app: Any) -> None:
    def sink(req: Any, resp: Any, **params: Any) -> None:
        resp.media = {'params': params}

    app.add_sink(sink, r'/search/(?P<engine>ddg|y)\Z')


def sink_and_route(app: Any) -> None:
    def sink(req: Any, resp: Any, **params: Any) -> None:
        resp.text = 'sink'

    app.add_route('/api/users', resource(lambda req, resp: setattr(resp, 'text', 'route')))
    app.add_sink(sink, '/api')


def strip_slash(app: Any) -> None:
    app.req_options.strip_url_path_trailing_slash = True
    params_echo('/a/b')(app)


def plain(text: str) -> Any:
    return lambda req, resp, **params: setattr(resp, 'text', text)


def static_beats_var(app: Any) -> None:
    app.add_route('/users/me', resource(plain('me')))
    app.add_route('/users/{uid}', resource(plain('var')))


def params_json(case_params: dict[str, Any], template: str | None = None) -> dict[str, Any]:
    return {'params': case_params, 'template': template}


CASES = [
    Case('static', params_echo('/a/b'), path='/a/b', json=params_json({}, '/a/b')),
    Case('root', params_echo('/'), path='/', json=params_json({}, '/')),
    Case(
        'field',
        params_echo('/u/{name}'),
        path='/u/joe',
        json=params_json({'name': 'joe'}, '/u/{name}'),
    ),
    Case(
        'field-percent-decoded',
        params_echo('/u/{name}'),
        path='/u/j%C3%B6e',
        json=params_json({'name': 'jöe'}, '/u/{name}'),
    ),
    Case(
        'two-fields',
        params_echo('/u/{a}/x/{b}'),
        path='/u/1/x/2',
        json=params_json({'a': '1', 'b': '2'}, '/u/{a}/x/{b}'),
    ),
    Case(
        'compound-segment',
        params_echo('/files/{name}.{ext}'),
        path='/files/report.pdf',
        json=params_json({'name': 'report', 'ext': 'pdf'}, '/files/{name}.{ext}'),
    ),
    Case(
        'int', params_echo('/n/{n:int}'), path='/n/42', json=params_json({'n': 42}, '/n/{n:int}')
    ),
    Case(
        'int-negative',
        params_echo('/n/{n:int}'),
        path='/n/-4',
        json=params_json({'n': -4}, '/n/{n:int}'),
    ),
    Case('int-not-number', params_echo('/n/{n:int}'), path='/n/abc', status=404),
    Case(
        'int-num-digits',
        params_echo('/n/{n:int(3)}'),
        path='/n/007',
        json=params_json({'n': 7}, '/n/{n:int(3)}'),
    ),
    Case('int-num-digits-wrong', params_echo('/n/{n:int(3)}'), path='/n/07', status=404),
    Case('int-min', params_echo('/n/{n:int(min=10)}'), path='/n/9', status=404),
    Case(
        'int-max',
        params_echo('/n/{n:int(max=10)}'),
        path='/n/10',
        json=params_json({'n': 10}, '/n/{n:int(max=10)}'),
    ),
    Case('int-max-over', params_echo('/n/{n:int(max=10)}'), path='/n/11', status=404),
    Case('int-space-rejected', params_echo('/n/{n:int}'), path='/n/%2012', status=404),
    Case(
        'float',
        params_echo('/f/{x:float}'),
        path='/f/2.5',
        json=params_json({'x': 2.5}, '/f/{x:float}'),
    ),
    Case('float-nan-rejected', params_echo('/f/{x:float}'), path='/f/nan', status=404),
    Case('float-inf-rejected', params_echo('/f/{x:float}'), path='/f/inf', status=404),
    Case('float-min', params_echo('/f/{x:float(min=1)}'), path='/f/0.5', status=404),
    Case(
        'uuid',
        params_echo('/id/{u:uuid}'),
        path='/id/2d8c7a4c-6b4e-4a6f-8e0e-1c6c0f3f2a11',
        json=params_json({'u': '2d8c7a4c-6b4e-4a6f-8e0e-1c6c0f3f2a11'}, '/id/{u:uuid}'),
    ),
    Case('uuid-bad', params_echo('/id/{u:uuid}'), path='/id/not-a-uuid', status=404),
    Case(
        'dt',
        params_echo('/d/{when:dt("%Y-%m-%d")}'),
        path='/d/2024-02-29',
        json=params_json({'when': '2024-02-29T00:00:00'}, '/d/{when:dt("%Y-%m-%d")}'),
    ),
    Case('dt-bad', params_echo('/d/{when:dt("%Y-%m-%d")}'), path='/d/2023-02-29', status=404),
    Case(
        'path',
        params_echo('/files/{rest:path}'),
        path='/files/a/b/c.txt',
        json=params_json({'rest': 'a/b/c.txt'}, '/files/{rest:path}'),
    ),
    Case(
        'custom-converter',
        with_slug_converter,
        path='/tags/hello-world',
        json=params_json({'tag': 'HELLO-WORLD'}, '/tags/{tag:slug}'),
    ),
    Case('custom-converter-rejects', with_slug_converter, path='/tags/Hello_1', status=404),
    Case('static-before-variable', static_beats_var, path='/users/me', body='me'),
    Case('variable-after-static', static_beats_var, path='/users/you', body='var'),
    Case('suffix-collection', suffixed, path='/items', body='collection'),
    Case('suffix-item', suffixed, path='/items/9', body='item 9'),
    Case('suffix-405', suffixed, method='POST', path='/items/9', status=405),
    Case('404', params_echo('/a'), path='/nope', status=404),
    Case('404-body', params_echo('/a'), path='/nope', status=404, json={'title': '404 Not Found'}),
    Case(
        '405-allow',
        only_get,
        method='DELETE',
        path='/thing',
        status=405,
        check=lambda r: set(r.headers['allow'].split(', ')) >= {'GET', 'POST', 'OPTIONS'},
    ),
    Case(
        'options-default',
        only_get,
        method='OPTIONS',
        path='/thing',
        status=200,
        headers={'allow': 'GET, POST'},
        body=b'',
    ),
    Case(
        'sink-str',
        sink_str,
        path='/proxy/anything/here',
        json={'sink': '/proxy/anything/here', 'params': {}},
    ),
    Case(
        'sink-str-any-method',
        sink_str,
        method='DELETE',
        path='/proxy/x',
        json={'sink': '/proxy/x', 'params': {}},
    ),
    Case(
        'sink-regex-groups',
        sink_regex,
        path='/repo/falcon/core',
        json={'params': {'owner': 'falcon', 'name': 'core'}},
    ),
    Case('route-before-sink', sink_and_route, path='/api/users', body='route'),
    Case('sink-catches-rest', sink_and_route, path='/api/other', body='sink'),
    Case('trailing-slash-404-by-default', params_echo('/a/b'), path='/a/b/', status=404),
    Case('strip-trailing-slash', strip_slash, path='/a/b/', json=params_json({}, '/a/b')),
    Case('head-without-on-head-405', params_echo('/h'), method='HEAD', path='/h', status=405),
    Case('sink-exact-prefix', sink_str, path='/proxy', json={'sink': '/proxy', 'params': {}}),
    Case('sink-prefix-is-a-segment', sink_str, path='/proxyx', status=404),
    Case(
        'sink-str-regex-groups',
        sink_str_regex,
        path='/search/ddg',
        json={'params': {'engine': 'ddg'}},
    ),
    Case('sink-str-regex-no-match', sink_str_regex, path='/search/bing', status=404),
]


@cases(CASES)
def test_routing(case: Case) -> None:
    run(case)


def test_route_field_names_must_be_identifiers() -> None:
    for kind in (falcon.App, falcon.asgi.App):
        app = kind()
        try:
            app.add_route('/x/{1bad}', resource(plain('x')))
        except ValueError:
            continue
        raise AssertionError(f'{kind} accepted an invalid field name')
