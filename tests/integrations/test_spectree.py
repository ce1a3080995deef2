"""spectree (pydantic validation and OpenAPI pages) through its Falcon WSGI and ASGI plugins.

The plugin is used exactly as its documentation shows: ``SpecTree('falcon')`` or
``SpecTree('falcon-asgi')``, ``@api.validate(...)`` on responders, ``api.register(app)``.
It reads ``app._router._roots`` and ``falcon.routing.compiled._FIELD_PATTERN`` to document
the routes, ``req.params``/``req.headers``/``req.cookies``/``req.get_media()`` to validate,
and writes ``resp.status``/``resp.media`` on a validation error.
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip('spectree')
pytest.importorskip('pydantic')

from pydantic import BaseModel, ConfigDict, Field, model_validator
from spectree import Response, SpecTree

import falcon
import falcon.asgi
from falcon import testing


class Query(BaseModel):
    limit: int


class Profile(BaseModel):
    name: str
    age: int


class Created(BaseModel):
    uid: int
    name: str
    age: int
    limit: int


class Form(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    title: str
    upload: object = None


class Headers(BaseModel):
    x_token: str = Field(alias='x-token')

    @model_validator(mode='before')
    @classmethod
    def _lower_names(cls, value: Any) -> Any:
        # WSGI req.headers has uppercase names, ASGI lowercase (as Falcon documents).
        return {key.lower(): item for key, item in value.items()}


class Cookies(BaseModel):
    sid: str


class Strict(BaseModel):
    count: int


def _profile_body(req: Any, uid: int) -> dict[str, Any]:
    return {
        'uid': uid,
        'name': req.context.json.name,
        'age': req.context.json.age,
        'limit': req.context.query.limit,
    }


def _form_body(req: Any, data: bytes | None) -> dict[str, Any]:
    upload = req.context.form.upload
    return {
        'title': req.context.form.title,
        'token': req.context.headers.x_token,
        'sid': req.context.cookies.sid,
        'filename': None if upload is None else upload.filename,
        'data': None if data is None else data.decode(),
    }


def _make(asgi: bool) -> tuple[Any, testing.TestClient]:
    api = SpecTree('falcon-asgi' if asgi else 'falcon', title='Users', version='1.2.3')
    validate_profile = api.validate(
        query=Query, json=Profile, resp=Response(HTTP_200=Created), tags=['users']
    )
    validate_form = api.validate(form=Form, headers=Headers, cookies=Cookies)
    validate_strict = api.validate(resp=Response(HTTP_200=Strict))

    if asgi:

        class Users:
            @validate_profile
            async def on_post(self, req: Any, resp: Any, uid: int) -> None:
                resp.media = _profile_body(req, uid)

        class Forms:
            @validate_form
            async def on_post(self, req: Any, resp: Any) -> None:
                upload = req.context.form.upload
                data = None if upload is None else await upload.stream.read()
                resp.media = _form_body(req, data)

        class Broken:
            @validate_strict
            async def on_get(self, req: Any, resp: Any) -> None:
                resp.media = {'count': 'many'}

        app: Any = falcon.asgi.App()
    else:

        class Users:  # type: ignore[no-redef]
            @validate_profile
            def on_post(self, req: Any, resp: Any, uid: int) -> None:
                resp.media = _profile_body(req, uid)

        class Forms:  # type: ignore[no-redef]
            @validate_form
            def on_post(self, req: Any, resp: Any) -> None:
                upload = req.context.form.upload
                data = None if upload is None else upload.stream.read()
                resp.media = _form_body(req, data)

        class Broken:  # type: ignore[no-redef]
            @validate_strict
            def on_get(self, req: Any, resp: Any) -> None:
                resp.media = {'count': 'many'}

        app = falcon.App()

    app.add_route('/users/{uid:int}', Users())
    app.add_route('/forms', Forms())
    app.add_route('/broken', Broken())
    api.register(app)
    return api, testing.TestClient(app)


def _status(asgi: bool, code: int, wsgi_reason: str) -> str:
    # WSGI carries spectree's own reason phrase; ASGI carries only the code, so the test
    # client reports the standard phrase, as Falcon's does.
    if asgi:
        return falcon.code_to_http_status(code)
    return f'{code} {wsgi_reason}'


def test_good_json_and_query_reach_the_responder_parsed(asgi: bool) -> None:
    _, client = _make(asgi)
    result = client.simulate_post(
        '/users/7', params={'limit': '5'}, json={'name': 'Ada', 'age': 36}
    )
    assert result.status == falcon.HTTP_200
    assert result.headers['content-type'] == 'application/json'
    assert result.json == {'uid': 7, 'name': 'Ada', 'age': 36, 'limit': 5}


def test_bad_query_is_a_422_with_pydantic_errors(asgi: bool) -> None:
    _, client = _make(asgi)
    result = client.simulate_post('/users/7', params={'limit': 'x'}, json={'name': 'A', 'age': 1})
    assert result.status == _status(asgi, 422, 'Validation Error')
    assert result.status_code == 422
    errors = result.json
    assert [(e['type'], e['loc'], e['input']) for e in errors] == [('int_parsing', ['limit'], 'x')]


def test_bad_json_body_is_a_422_with_pydantic_errors(asgi: bool) -> None:
    _, client = _make(asgi)
    result = client.simulate_post(
        '/users/7', params={'limit': '1'}, json={'name': 'Ada', 'age': 'old'}
    )
    assert result.status_code == 422
    assert [(e['type'], e['loc']) for e in result.json] == [('int_parsing', ['age'])]

    missing = client.simulate_post('/users/7', params={'limit': '1'}, json={'name': 'Ada'})
    assert missing.status_code == 422
    assert [(e['type'], e['loc'], e['input']) for e in missing.json] == [
        ('missing', ['age'], {'name': 'Ada'})
    ]


def test_empty_body_validates_as_an_empty_object(asgi: bool) -> None:
    # spectree asks get_media(default_when_empty={}): no body is {} and fails validation.
    _, client = _make(asgi)
    result = client.simulate_post('/users/7', params={'limit': '1'})
    assert result.status_code == 422
    assert sorted(tuple(e['loc']) for e in result.json) == [('age',), ('name',)]


def test_urlencoded_form_headers_and_cookies(asgi: bool) -> None:
    _, client = _make(asgi)
    result = client.simulate_post(
        '/forms',
        body='title=hi',
        headers={
            'Content-Type': 'application/x-www-form-urlencoded',
            'X-Token': 'secret',
            'Cookie': 'sid=s1',
        },
    )
    assert result.status == falcon.HTTP_200
    assert result.json == {
        'title': 'hi',
        'token': 'secret',
        'sid': 's1',
        'filename': None,
        'data': None,
    }


def test_multipart_form_with_a_file_part(asgi: bool) -> None:
    _, client = _make(asgi)
    body = (
        b'--BOUND\r\nContent-Disposition: form-data; name="title"\r\n\r\nhello\r\n'
        b'--BOUND\r\nContent-Disposition: form-data; name="upload"; filename="a.txt"\r\n'
        b'Content-Type: text/plain\r\n\r\nfile body\r\n--BOUND--\r\n'
    )
    result = client.simulate_post(
        '/forms',
        body=body,
        headers={
            'Content-Type': 'multipart/form-data; boundary=BOUND',
            'X-Token': 'secret',
            'Cookie': 'sid=s1',
        },
    )
    assert result.status == falcon.HTTP_200
    assert result.json == {
        'title': 'hello',
        'token': 'secret',
        'sid': 's1',
        'filename': 'a.txt',
        'data': 'file body',
    }


def test_missing_header_is_a_422(asgi: bool) -> None:
    _, client = _make(asgi)
    result = client.simulate_post(
        '/forms',
        body='title=hi',
        headers={'Content-Type': 'application/x-www-form-urlencoded', 'Cookie': 'sid=s1'},
    )
    assert result.status_code == 422
    assert [(e['type'], e['loc']) for e in result.json] == [('missing', ['x-token'])]


def test_response_validation_failure_is_spectrees_500(asgi: bool) -> None:
    _, client = _make(asgi)
    result = client.simulate_get('/broken')
    assert result.status == _status(asgi, 500, 'Internal Service Response Validation Error')
    assert [(e['type'], e['loc']) for e in result.json] == [('int_parsing', ['count'])]


def test_openapi_document_lists_the_routes(asgi: bool) -> None:
    _, client = _make(asgi)
    result = client.simulate_get('/apidoc/openapi.json')
    assert result.status == falcon.HTTP_200
    assert result.headers['content-type'] == 'application/json'
    spec = result.json
    assert spec['info'] == {'title': 'Users', 'version': '1.2.3'}
    assert sorted(spec['paths']) == ['/broken', '/forms', '/users/{uid}']
    assert sorted(spec['paths']['/users/{uid}']) == ['post']
    operation = spec['paths']['/users/{uid}']['post']
    assert operation['tags'] == ['users']
    parameters = {(p['in'], p['name']): p for p in operation['parameters']}
    assert parameters[('path', 'uid')]['schema'] == {'type': 'integer', 'format': 'int32'}
    assert parameters[('path', 'uid')]['required'] is True
    assert parameters[('query', 'limit')]['schema']['type'] == 'integer'
    assert '200' in operation['responses']
    assert '422' in operation['responses']
    assert sorted(spec['paths']['/forms']) == ['post']
    assert sorted(spec['paths']['/broken']) == ['get']


def test_doc_pages_are_served(asgi: bool) -> None:
    api, client = _make(asgi)
    assert {'swagger', 'redoc'} <= set(api.config.page_templates)
    for page in api.config.page_templates:
        result = client.simulate_get(f'/apidoc/{page}')
        assert result.status == falcon.HTTP_200
        assert result.headers['content-type'] == 'text/html; charset=utf-8'
        assert result.text.lstrip().startswith('<')
    for page in ('swagger', 'redoc'):
        assert 'openapi.json' in client.simulate_get(f'/apidoc/{page}').text
