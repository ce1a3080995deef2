"""Media: JSON in and out, URL-encoded forms, MessagePack when registered, 415, defaults."""

from __future__ import annotations

import json
from typing import Any

import msgpack

import falcon
import falcon.media
from tests._harness import Case, cases, run
from tests_shared._support import is_asgi, resource


def echo_media(app: Any) -> None:
    app.add_route(
        '/',
        resource(lambda req, resp: setattr(resp, 'media', {'got': req.media}), ('post', 'put')),
    )


def echo_get_media_default(app: Any) -> None:
    if is_asgi(app):

        class AsyncResource:
            async def on_post(self, req: Any, resp: Any) -> None:
                resp.media = {'got': await req.get_media(default_when_empty={'empty': True})}

        app.add_route('/', AsyncResource())
    else:
        app.add_route(
            '/',
            resource(
                lambda req, resp: setattr(
                    resp, 'media', {'got': req.get_media(default_when_empty={'empty': True})}
                ),
                ('post',),
            ),
        )


def with_msgpack(app: Any) -> None:
    handler = falcon.media.MessagePackHandler()
    app.req_options.media_handlers[falcon.MEDIA_MSGPACK] = handler
    app.resp_options.media_handlers[falcon.MEDIA_MSGPACK] = handler

    def respond(req: Any, resp: Any) -> None:
        resp.content_type = falcon.MEDIA_MSGPACK
        resp.media = {'got': req.media}

    app.add_route('/', resource(respond, ('post',)))


def sorted_json(app: Any) -> None:
    handler = falcon.media.JSONHandler(dumps=lambda obj: json.dumps(obj, sort_keys=True))
    app.resp_options.media_handlers[falcon.MEDIA_JSON] = handler
    app.add_route('/', resource(lambda req, resp: setattr(resp, 'media', {'b': 1, 'a': 2})))


def default_media_type(app: Any) -> None:
    app.req_options.default_media_type = falcon.MEDIA_URLENCODED
    echo_media(app)


def limited(size: int | None) -> Any:
    def build(app: Any) -> None:
        app.req_options.max_media_size = size
        echo_media(app)

    return build


def form(body: str) -> dict[str, Any]:
    return {'body': body, 'content_type': falcon.MEDIA_URLENCODED}


def json_body(body: str | bytes) -> dict[str, Any]:
    return {'body': body, 'content_type': falcon.MEDIA_JSON}


CASES = [
    Case(
        'json-in',
        echo_media,
        method='POST',
        request={'json': {'a': [1, 'é']}},
        json={'got': {'a': [1, 'é']}},
    ),
    Case(
        'json-out-byte-identical',
        echo_media,
        method='POST',
        request={'json': {'k': 'ü', 'n': 1.5, 'z': None}},
        body='{"got": {"k": "ü", "n": 1.5, "z": null}}'.encode(),
    ),
    Case('json-put', echo_media, method='PUT', request=json_body('[1, 2]'), json={'got': [1, 2]}),
    Case(
        'json-charset-param',
        echo_media,
        method='POST',
        request={'body': '{"a": 1}', 'content_type': 'application/json; charset=utf-8'},
        json={'got': {'a': 1}},
    ),
    Case(
        'json-empty-body',
        echo_media,
        method='POST',
        request=json_body(''),
        status=400,
        check=lambda r: r.json['title'] == 'Invalid JSON',
    ),
    Case(
        'json-malformed',
        echo_media,
        method='POST',
        request=json_body('{"a": '),
        status=400,
        check=lambda r: r.json['title'] == 'Invalid JSON',
    ),
    Case(
        'json-not-utf8', echo_media, method='POST', request=json_body(b'{"a": "\xff"}'), status=400
    ),
    Case(
        'default-when-empty',
        echo_get_media_default,
        method='POST',
        request=json_body(''),
        json={'got': {'empty': True}},
    ),
    Case(
        'default-when-empty-has-body',
        echo_get_media_default,
        method='POST',
        request=json_body('{"x": 1}'),
        json={'got': {'x': 1}},
    ),
    Case(
        'form',
        echo_media,
        method='POST',
        request=form('a=1&b=x+y&c=%C3%A9'),
        json={'got': {'a': '1', 'b': 'x y', 'c': 'é'}},
    ),
    Case(
        'form-repeated',
        echo_media,
        method='POST',
        request=form('a=1&a=2'),
        json={'got': {'a': ['1', '2']}},
    ),
    Case(
        'form-blank-kept',
        echo_media,
        method='POST',
        request=form('a=&b=2'),
        json={'got': {'a': '', 'b': '2'}},
    ),
    Case('form-empty', echo_media, method='POST', request=form(''), json={'got': {}}),
    Case(
        'unsupported-media-type',
        echo_media,
        method='POST',
        request={'body': 'a,b', 'content_type': 'text/csv'},
        status=415,
    ),
    Case(
        'msgpack-unregistered-415',
        echo_media,
        method='POST',
        request={'body': msgpack.packb({'a': 1}), 'content_type': falcon.MEDIA_MSGPACK},
        status=415,
    ),
    Case(
        'msgpack',
        with_msgpack,
        method='POST',
        request={'body': msgpack.packb({'a': [1, 2]}), 'content_type': falcon.MEDIA_MSGPACK},
        headers={'content-type': falcon.MEDIA_MSGPACK},
        check=lambda r: msgpack.unpackb(r.content) == {'got': {'a': [1, 2]}},
    ),
    Case(
        'msgpack-malformed',
        with_msgpack,
        method='POST',
        request={'body': b'\xc1', 'content_type': falcon.MEDIA_MSGPACK},
        status=400,
    ),
    Case('custom-json-handler', sorted_json, body=b'{"a": 2, "b": 1}'),
    Case(
        'media-at-the-size-limit',
        limited(12),
        method='POST',
        request=json_body('{"a": "bcd"}'),
        json={'got': {'a': 'bcd'}},
    ),
    Case(
        'media-over-the-size-limit-413',
        limited(11),
        method='POST',
        request=json_body('{"a": "bcd"}'),
        status=413,
        check=lambda r: r.json['title'] == 'Request body too large',
    ),
    Case(
        'form-over-the-size-limit-413',
        limited(3),
        method='POST',
        request=form('q=1234'),
        status=413,
    ),
    Case(
        'media-size-limit-off',
        limited(None),
        method='POST',
        request=json_body('[' + '1,' * 50_000 + '1]'),
        check=lambda r: len(r.json['got']) == 50_001,
    ),
    Case(
        'no-content-type-uses-default',
        default_media_type,
        method='POST',
        request={'body': 'q=1'},
        json={'got': {'q': '1'}},
    ),
]


@cases(CASES)
def test_media(case: Case) -> None:
    run(case)
