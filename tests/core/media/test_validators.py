from __future__ import annotations

import asyncio
import io
import json
import sys
from typing import Any

import pytest

import falcon
import falcon.asgi
from falcon.media.validators import jsonschema
from falcon.media.validators.jsonschema import validate

pytest.importorskip('jsonschema')

REQ_SCHEMA = {
    'type': 'object',
    'properties': {
        'message': {'type': 'string'},
        'email': {'type': 'string', 'format': 'email'},
    },
    'required': ['message'],
}
RESP_SCHEMA = {
    'type': 'object',
    'properties': {'answer': {'type': 'integer'}},
    'required': ['answer'],
}


def call_wsgi(app: Any, method: str, body: bytes) -> tuple[int, dict[str, Any]]:
    environ = {
        'REQUEST_METHOD': method,
        'PATH_INFO': '/',
        'QUERY_STRING': '',
        'SERVER_NAME': 'localhost',
        'SERVER_PORT': '80',
        'SERVER_PROTOCOL': 'HTTP/1.1',
        'CONTENT_TYPE': 'application/json',
        'CONTENT_LENGTH': str(len(body)),
        'wsgi.url_scheme': 'http',
        'wsgi.input': io.BytesIO(body),
        'wsgi.errors': io.StringIO(),
        'wsgi.version': (1, 0),
        'wsgi.multithread': False,
        'wsgi.multiprocess': False,
        'wsgi.run_once': False,
    }
    status: list[str] = []
    chunks = app(environ, lambda line, headers, exc_info=None: status.append(line))
    data = b''.join(chunks)
    return int(status[0][:3]), json.loads(data) if data else {}


def call_asgi(app: Any, method: str, body: bytes) -> tuple[int, dict[str, Any]]:
    scope = {
        'type': 'http',
        'asgi': {'version': '3.0'},
        'http_version': '1.1',
        'method': method,
        'scheme': 'http',
        'path': '/',
        'root_path': '',
        'query_string': b'',
        'headers': [
            (b'content-type', b'application/json'),
            (b'content-length', str(len(body)).encode()),
        ],
        'server': ('localhost', 80),
        'client': ('127.0.0.1', 4321),
    }
    events = [{'type': 'http.request', 'body': body, 'more_body': False}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if events:
            return events.pop(0)
        await asyncio.sleep(30)
        return {'type': 'http.disconnect'}

    async def send(event: dict[str, Any]) -> None:
        sent.append(event)

    asyncio.run(app(scope, receive, send))
    data = b''.join(event.get('body', b'') for event in sent[1:])
    return sent[0]['status'], json.loads(data) if data else {}


class SyncThings:
    def __init__(self, answer: Any) -> None:
        self.answer = answer

    @validate(req_schema=REQ_SCHEMA, resp_schema=RESP_SCHEMA)
    def on_post(self, req: Any, resp: Any) -> None:
        resp.media = {'answer': self.answer}

    @validate(resp_schema=RESP_SCHEMA)
    def on_get(self, req: Any, resp: Any) -> None:
        resp.media = {'answer': self.answer}

    @validate(req_schema=REQ_SCHEMA)
    def on_put(self, req: Any, resp: Any) -> None:
        resp.media = {'echo': req.media['message']}


class AsyncThings:
    def __init__(self, answer: Any) -> None:
        self.answer = answer

    @validate(req_schema=REQ_SCHEMA, resp_schema=RESP_SCHEMA)
    async def on_post(self, req: Any, resp: Any) -> None:
        resp.media = {'answer': self.answer}

    @validate(resp_schema=RESP_SCHEMA)
    async def on_get(self, req: Any, resp: Any) -> None:
        resp.media = {'answer': self.answer}

    @validate(req_schema=REQ_SCHEMA)
    async def on_put(self, req: Any, resp: Any) -> None:
        media = req.get_media()
        if not isinstance(media, dict):
            media = await media
        resp.media = {'echo': media['message']}


APPS = [
    pytest.param(falcon.App, call_wsgi, id='wsgi'),
    pytest.param(falcon.asgi.App, call_asgi, id='asgi'),
]
RESOURCES = [pytest.param(SyncThings, id='plain'), pytest.param(AsyncThings, id='async')]


def serve(app_class: Any, resource_class: Any, answer: Any = 42) -> Any:
    app = app_class()
    app.add_route('/', resource_class(answer))
    return app


@pytest.mark.parametrize(('app_class', 'call'), APPS)
@pytest.mark.parametrize('resource_class', RESOURCES)
@pytest.mark.parametrize(
    ('method', 'body', 'answer', 'status', 'expected'),
    [
        ('POST', {'message': 'hi'}, 42, 200, {'answer': 42}),
        ('PUT', {'message': 'hi', 'email': 'a@example.com'}, 42, 200, {'echo': 'hi'}),
        (
            'POST',
            {'text': 'hi'},
            42,
            400,
            {
                'title': 'Request data failed validation',
                'description': "'message' is a required property",
            },
        ),
        (
            'PUT',
            {'message': 7},
            42,
            400,
            {
                'title': 'Request data failed validation',
                'description': "7 is not of type 'string'",
            },
        ),
        (
            'PUT',
            {'message': 'hi', 'email': 'not an address'},
            42,
            400,
            {
                'title': 'Request data failed validation',
                'description': "'not an address' is not a 'email'",
            },
        ),
        (
            'POST',
            {'message': 'hi'},
            'many',
            500,
            {
                'title': 'Response data failed validation',
                'description': 'Response data failed validation',
            },
        ),
        (
            'GET',
            None,
            None,
            500,
            {
                'title': 'Response data failed validation',
                'description': 'Response data failed validation',
            },
        ),
        ('GET', None, 1, 200, {'answer': 1}),
    ],
)
def test_validation(
    app_class: Any,
    call: Any,
    resource_class: Any,
    method: str,
    body: Any,
    answer: Any,
    status: int,
    expected: dict[str, Any],
) -> None:
    app = serve(app_class, resource_class, answer)
    raw = b'' if body is None else json.dumps(body).encode()
    assert call(app, method, raw) == (status, expected)


@pytest.mark.parametrize(('app_class', 'call'), APPS)
def test_hooks_outside_and_inside(app_class: Any, call: Any) -> None:
    calls: list[str] = []

    def remember(req: Any, resp: Any, resource: Any, params: Any) -> None:
        calls.append('before')

    async def remember_after(req: Any, resp: Any, resource: Any) -> None:
        calls.append('after')

    class Resource:
        @falcon.before(remember)
        @validate(req_schema=REQ_SCHEMA)
        def on_post(self, req: Any, resp: Any) -> None:
            calls.append('responder')

        @validate(req_schema=REQ_SCHEMA)
        @falcon.after(remember_after)
        def on_put(self, req: Any, resp: Any) -> None:
            calls.append('responder')

    app = app_class()
    app.add_route('/', Resource())
    for method, rejected, accepted in [
        ('POST', ['before'], ['before', 'responder']),
        ('PUT', [], ['responder', 'after']),
    ]:
        calls.clear()
        assert call(app, method, b'{}')[0] == 400
        assert calls == rejected
        calls.clear()
        assert call(app, method, b'{"message": "m"}')[0] == 200
        assert calls == accepted


def test_wrapper_keeps_identity_and_colour() -> None:
    assert SyncThings.on_post.__name__ == 'on_post'
    assert SyncThings.on_post.__wrapped__ is not None  # type: ignore[attr-defined]
    assert asyncio.iscoroutinefunction(AsyncThings.on_post)
    assert not asyncio.iscoroutinefunction(SyncThings.on_post)


def test_no_schema_returns_responder_unchanged() -> None:
    def on_get(self: Any, req: Any, resp: Any) -> None:
        pass

    assert validate()(on_get) is on_get


def test_invalid_schema_fails_at_decoration() -> None:
    import jsonschema as real_jsonschema

    with pytest.raises(real_jsonschema.exceptions.SchemaError):
        validate(req_schema={'type': 'no such type'})


def test_missing_jsonschema_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, 'jsonschema', None)
    with pytest.raises(ImportError, match='pip install jsonschema'):
        validate(req_schema=REQ_SCHEMA)


def test_public_module() -> None:
    assert jsonschema.validate is validate
