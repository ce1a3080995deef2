"""Media handlers: JSON and URL-encoded forms, request and response (Falcon 4 Media page)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.media
from falcon import testing

from ._support import resource

_UNSET = object()


def _media_echo_app(make_app: Callable[..., Any], asgi: bool, default: Any = _UNSET) -> Any:
    kwargs = {} if default is _UNSET else {'default_when_empty': default}

    class SyncEcho:
        def on_post(self, req: Any, resp: Any) -> None:
            resp.media = {'media': req.get_media(**kwargs)}

    class AsyncEcho:
        async def on_post(self, req: Any, resp: Any) -> None:
            resp.media = {'media': await req.get_media(**kwargs)}

    app = make_app()
    app.add_route('/', AsyncEcho() if asgi else SyncEcho())
    return app


@pytest.mark.parametrize(
    ('media', 'body'),
    [
        ({'a': 1, 'b': [1, 2]}, b'{"a": 1, "b": [1, 2]}'),
        ({'name': 'é'}, '{"name": "é"}'.encode()),
        ([None, True, 1.5], b'[null, true, 1.5]'),
    ],
)
def test_resp_media_json_bytes(
    asgi: bool, make_app: Callable[..., Any], media: Any, body: bytes
) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = media

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.content == body
    assert result.headers['Content-Type'] == 'application/json'
    assert result.headers['Content-Length'] == str(len(body))


def test_custom_json_dumps(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = {'a': 1, 'b': 2}

    handler = falcon.media.JSONHandler(
        dumps=functools.partial(json.dumps, separators=(',', ':'), sort_keys=True)
    )
    app = make_app()
    app.resp_options.media_handlers[falcon.MEDIA_JSON] = handler
    app.add_route('/', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/').content == b'{"a":1,"b":2}'


def test_custom_json_loads(asgi: bool, make_app: Callable[..., Any]) -> None:
    def loads(text: str) -> Any:
        return {'wrapped': json.loads(text)}

    app = _media_echo_app(make_app, asgi)
    app.req_options.media_handlers[falcon.MEDIA_JSON] = falcon.media.JSONHandler(loads=loads)
    result = testing.simulate_post(app, '/', json={'x': 1})
    assert result.json == {'media': {'wrapped': {'x': 1}}}


def test_request_json(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = testing.simulate_post(_media_echo_app(make_app, asgi), '/', json={'x': [1, 'é']})
    assert result.json == {'media': {'x': [1, 'é']}}


def test_empty_json_body(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = testing.simulate_post(
        _media_echo_app(make_app, asgi), '/', content_type='application/json'
    )
    assert result.status_code == 400
    assert result.json == {
        'title': 'Invalid JSON',
        'description': 'Could not parse an empty JSON body',
    }


def test_empty_body_default(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = testing.simulate_post(
        _media_echo_app(make_app, asgi, default='nothing'), '/', content_type='application/json'
    )
    assert result.json == {'media': 'nothing'}


def test_malformed_json_body(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = testing.simulate_post(
        _media_echo_app(make_app, asgi), '/', body='{"a": ', content_type='application/json'
    )
    assert result.status_code == 400
    assert result.json['title'] == 'Invalid JSON'
    assert result.json['description'].startswith('Could not parse JSON body')


def test_unsupported_media_type(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = testing.simulate_post(
        _media_echo_app(make_app, asgi), '/', body='a,b', content_type='text/csv'
    )
    assert result.status_code == 415


def test_missing_content_type_uses_default_media_type(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    result = testing.simulate_post(_media_echo_app(make_app, asgi), '/', body='{"k": 2}')
    assert result.json == {'media': {'k': 2}}


@pytest.mark.parametrize(
    ('handler', 'expected'),
    [
        (None, {'a': '1', 'b': '', 'c': '1,2', 'd': ['x', 'y']}),
        (
            falcon.media.URLEncodedFormHandler(keep_blank=False),
            {'a': '1', 'c': '1,2', 'd': ['x', 'y']},
        ),
        (
            falcon.media.URLEncodedFormHandler(csv=True),
            {'a': '1', 'b': '', 'c': ['1', '2'], 'd': ['x', 'y']},
        ),
    ],
)
def test_urlencoded_form(
    asgi: bool, make_app: Callable[..., Any], handler: Any, expected: Any
) -> None:
    app = _media_echo_app(make_app, asgi)
    if handler is not None:
        app.req_options.media_handlers[falcon.MEDIA_URLENCODED] = handler
    result = testing.simulate_post(
        app,
        '/',
        body='a=1&b=&c=1,2&d=x&d=y',
        content_type='application/x-www-form-urlencoded',
    )
    assert result.json == {'media': expected}


def test_default_handlers_registered() -> None:
    handlers = falcon.media.Handlers()
    assert isinstance(handlers[falcon.MEDIA_JSON], falcon.media.JSONHandler)
    assert isinstance(handlers[falcon.MEDIA_URLENCODED], falcon.media.URLEncodedFormHandler)
    assert isinstance(handlers[falcon.MEDIA_MULTIPART], falcon.media.MultipartFormHandler)


def test_vendor_json_accept_gets_json_error(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        raise falcon.HTTPConflict()

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/', headers={'Accept': 'application/vnd.api+json'})
    assert result.status_code == 409
    assert json.loads(result.content) == {'title': '409 Conflict'}
