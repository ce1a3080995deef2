"""webargs (``webargs.falconparser``) parsing request arguments with marshmallow schemas.

Used as its documentation shows: ``@use_args(...)``/``@use_kwargs(...)`` on responders.
The parser reads ``req.params`` (through ``falcon.util.uri.parse_query_string`` for forms),
``req.media``, ``req.stream``, ``req.headers``, ``req.cookies`` and ``req.options``, and
raises a ``falcon.HTTPError`` subclass whose ``to_dict()`` adds the messages, so the error
body is ``{"title": ..., "errors": {location: {field: [messages]}}}``.

Sync responders in ``falcon.App`` cover every location. Coroutine responders in
``falcon.asgi.App`` use webargs' async parsing (it awaits ``req.media``); its ``form`` and
``json`` loaders read ``req.stream`` synchronously, so those two locations are WSGI-only in
webargs itself (the ``media`` location parses JSON bodies in both).
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip('webargs')

from webargs import fields, validate
from webargs.falconparser import FalconParser, use_args, use_kwargs

import falcon
import falcon.asgi
from falcon import testing


class PathParser(FalconParser):
    """A parser with a ``path`` location: the route's fields, handed over by middleware."""

    __location_map__ = dict(path='load_path', **FalconParser.__location_map__)

    def load_path(self, req: Any, schema: Any) -> Any:
        return req.context.path_params


path_parser = PathParser()


class PathParamsToContext:
    def process_resource(self, req: Any, resp: Any, resource: Any, params: Any) -> None:
        req.context.path_params = dict(params)


QUERY = {
    'name': fields.Str(required=True),
    'n': fields.Int(load_default=1),
    'tags': fields.List(fields.Str()),
}
PERSON = {
    'name': fields.Str(required=True),
    'age': fields.Int(validate=validate.Range(min=0)),
}
HEADERS = {'api_key': fields.Str(required=True, data_key='X-API-KEY')}
ASGI_HEADERS = {'api_key': fields.Str(required=True, data_key='x-api-key')}
COOKIES = {'sid': fields.Str(required=True)}
PATH = {'slug': fields.Str(required=True, validate=validate.Length(max=5))}


class SyncResource:
    @use_args(QUERY, location='query')
    def on_get(self, req: Any, resp: Any, args: dict[str, Any]) -> None:
        resp.media = args

    @use_args(PERSON, location='json')
    def on_post(self, req: Any, resp: Any, args: dict[str, Any]) -> None:
        resp.media = args

    @use_args(PERSON)
    def on_put(self, req: Any, resp: Any, args: dict[str, Any]) -> None:
        resp.media = {'media': args}

    @use_args({'name': fields.Str(required=True), 'n': fields.Int()}, location='form')
    def on_patch(self, req: Any, resp: Any, args: dict[str, Any]) -> None:
        resp.media = args

    @use_kwargs(HEADERS, location='headers')
    def on_delete(self, req: Any, resp: Any, api_key: str) -> None:
        resp.media = {'api_key': api_key}

    @use_args(COOKIES, location='cookies')
    def on_options(self, req: Any, resp: Any, args: dict[str, Any]) -> None:
        resp.media = args


class SyncItem:
    @path_parser.use_args(PATH, location='path')
    def on_get(self, req: Any, resp: Any, args: dict[str, Any], slug: str) -> None:
        resp.media = args


class AsyncResource:
    @use_args(QUERY, location='query')
    async def on_get(self, req: Any, resp: Any, args: dict[str, Any]) -> None:
        resp.media = args

    @use_args(PERSON)
    async def on_put(self, req: Any, resp: Any, args: dict[str, Any]) -> None:
        resp.media = {'media': args}

    @use_kwargs(ASGI_HEADERS, location='headers')
    async def on_delete(self, req: Any, resp: Any, api_key: str) -> None:
        resp.media = {'api_key': api_key}

    @use_args(COOKIES, location='cookies')
    async def on_options(self, req: Any, resp: Any, args: dict[str, Any]) -> None:
        resp.media = args


class AsyncItem:
    @path_parser.use_args(PATH, location='path')
    async def on_get(self, req: Any, resp: Any, args: dict[str, Any], slug: str) -> None:
        resp.media = args


@pytest.fixture
def client(asgi: bool) -> testing.TestClient:
    app: Any
    if asgi:
        app = falcon.asgi.App(middleware=[PathParamsToContext()])
        app.add_route('/r', AsyncResource())
        app.add_route('/items/{slug}', AsyncItem())
    else:
        app = falcon.App(middleware=[PathParamsToContext()])
        app.add_route('/r', SyncResource())
        app.add_route('/items/{slug}', SyncItem())
    return testing.TestClient(app)


def _wsgi_client() -> testing.TestClient:
    app = falcon.App()
    app.add_route('/r', SyncResource())
    return testing.TestClient(app)


def _unprocessable(result: testing.Result, errors: dict[str, Any]) -> None:
    assert result.status == falcon.HTTP_422
    assert result.headers['content-type'] == 'application/json'
    assert result.json == {'title': '422 Unprocessable Entity', 'errors': errors}


def test_query_arguments(client: testing.TestClient) -> None:
    result = client.simulate_get('/r', query_string='name=ada&n=3&tags=x&tags=y')
    assert result.status == falcon.HTTP_200
    assert result.json == {'name': 'ada', 'n': 3, 'tags': ['x', 'y']}
    assert client.simulate_get('/r', query_string='name=ada').json == {'name': 'ada', 'n': 1}


def test_bad_query_is_a_422_with_messages(client: testing.TestClient) -> None:
    result = client.simulate_get('/r', query_string='n=z')
    _unprocessable(
        result,
        {
            'query': {
                'name': ['Missing data for required field.'],
                'n': ['Not a valid integer.'],
            }
        },
    )


def test_json_body() -> None:
    client = _wsgi_client()
    result = client.simulate_post('/r', json={'name': 'bo', 'age': 3})
    assert result.status == falcon.HTTP_200
    assert result.json == {'name': 'bo', 'age': 3}


def test_bad_json_body_is_a_422_with_messages() -> None:
    client = _wsgi_client()
    result = client.simulate_post('/r', json={'age': -1})
    _unprocessable(
        result,
        {
            'json': {
                'name': ['Missing data for required field.'],
                'age': ['Must be greater than or equal to 0.'],
            }
        },
    )


def test_media_location_goes_through_falcons_media_handlers(
    client: testing.TestClient,
) -> None:
    result = client.simulate_put('/r', json={'name': 'cy', 'age': 9})
    assert result.status == falcon.HTTP_200
    assert result.json == {'media': {'name': 'cy', 'age': 9}}

    unknown = client.simulate_put('/r', json={'name': 'cy', 'extra': 1})
    _unprocessable(unknown, {'media': {'extra': ['Unknown field.']}})

    empty = client.simulate_put('/r')
    _unprocessable(empty, {'media': {'name': ['Missing data for required field.']}})


def test_malformed_json_media_is_falcons_400(client: testing.TestClient) -> None:
    result = client.simulate_put('/r', body='{bad', headers={'Content-Type': 'application/json'})
    assert result.status == falcon.HTTP_400
    assert result.json['title'] == 'Invalid JSON'
    assert result.json['description'].startswith('Could not parse JSON body - ')


def test_headers(client: testing.TestClient) -> None:
    result = client.simulate_delete('/r', headers={'X-API-KEY': 'k-1'})
    assert result.status == falcon.HTTP_200
    assert result.json == {'api_key': 'k-1'}


def test_missing_header_is_a_422(client: testing.TestClient, asgi: bool) -> None:
    # req.headers names are uppercase under WSGI and lowercase under ASGI.
    name = 'x-api-key' if asgi else 'X-API-KEY'
    _unprocessable(
        client.simulate_delete('/r'),
        {'headers': {name: ['Missing data for required field.']}},
    )


def test_cookies(client: testing.TestClient) -> None:
    result = client.simulate_options('/r', cookies={'sid': 'abc'})
    assert result.status == falcon.HTTP_200
    assert result.json == {'sid': 'abc'}
    _unprocessable(
        client.simulate_options('/r'),
        {'cookies': {'sid': ['Missing data for required field.']}},
    )


def test_path_fields(client: testing.TestClient) -> None:
    result = client.simulate_get('/items/abc')
    assert result.status == falcon.HTTP_200
    assert result.json == {'slug': 'abc'}
    _unprocessable(
        client.simulate_get('/items/abcdefg'),
        {'path': {'slug': ['Longer than maximum length 5.']}},
    )


def test_form_body() -> None:
    client = _wsgi_client()
    form = {'Content-Type': 'application/x-www-form-urlencoded'}

    result = client.simulate_patch('/r', body='name=d%C3%A9j%C3%A0&n=4', headers=form)
    assert result.status == falcon.HTTP_200
    assert result.json == {'name': 'déjà', 'n': 4}

    bad = client.simulate_patch('/r', body='n=four', headers=form)
    _unprocessable(
        bad,
        {
            'form': {
                'name': ['Missing data for required field.'],
                'n': ['Not a valid integer.'],
            }
        },
    )


def test_form_blank_values_follow_the_request_options() -> None:
    client = _wsgi_client()
    form = {'Content-Type': 'application/x-www-form-urlencoded'}

    # keep_blank_qs_values is True by default in Falcon 4.
    kept = client.simulate_patch('/r', body='name=&n=1', headers=form)
    assert kept.status == falcon.HTTP_200
    assert kept.json == {'name': '', 'n': 1}

    client.app.req_options.keep_blank_qs_values = False
    dropped = client.simulate_patch('/r', body='name=&n=1', headers=form)
    _unprocessable(dropped, {'form': {'name': ['Missing data for required field.']}})


def test_raw_json_location_rejects_malformed_json_with_its_400() -> None:
    client = _wsgi_client()
    result = client.simulate_post('/r', body='{bad', headers={'Content-Type': 'application/json'})
    assert result.status == falcon.HTTP_400
    assert result.json == {'title': '400 Bad Request', 'errors': {'json': ['Invalid JSON body.']}}
