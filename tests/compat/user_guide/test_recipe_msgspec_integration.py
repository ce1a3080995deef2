"""Recipe "Msgspec Integration" (user/recipes/msgspec-integration.rst), and the FAQ's answer
that msgspec Structs can be assigned to ``resp.media`` with msgspec's JSON handler."""

import io
import uuid

import msgspec
import pytest

import falcon
import falcon.asgi
from falcon import testing

from .recipes import msgspec_recipe


@pytest.fixture
def client():
    return testing.TestClient(msgspec_recipe.create_app())


def test_post_list_and_get_notes(client):
    result = client.simulate_post('/notes', json={'text': 'Buy milk'})
    assert result.status == falcon.HTTP_201
    note = result.json
    assert note['text'] == 'Buy milk'
    noteid = uuid.UUID(note['noteid'])
    assert result.headers['location'] == f'/notes/{noteid}'
    assert result.headers['content-type'] == 'application/json'

    got = client.simulate_get(f'/notes/{noteid}')
    assert got.status == falcon.HTTP_200
    assert got.json == note

    listed = client.simulate_get('/notes')
    assert listed.json == {str(noteid): note}


def test_unknown_note_is_404(client):
    result = client.simulate_get(f'/notes/{uuid.uuid4()}')
    assert result.status == falcon.HTTP_404
    assert result.json == {'title': '404 Not Found'}


def test_validation_error_is_400(client):
    result = client.simulate_post('/notes', json={'text': 1234})
    assert result.status == falcon.HTTP_400
    assert result.json == {
        'title': '400 Bad Request',
        'description': 'Expected `str`, got `int` - at `$.text`',
    }


def test_malformed_json_is_400_despite_decode_error(client):
    result = client.simulate_post(
        '/notes', body='{"text": ', headers={'Content-Type': 'application/json'}
    )
    assert result.status == falcon.HTTP_400
    assert result.json['title'] == 'Invalid JSON'


def test_empty_body_is_400(client):
    result = client.simulate_post('/notes', headers={'Content-Type': 'application/json'})
    assert result.status == falcon.HTTP_400
    assert result.json['title'] == 'Invalid JSON'


def test_json_handler_direct():
    handler = msgspec_recipe.json_handler
    assert handler.serialize({'a': [1, 2]}, falcon.MEDIA_JSON) == b'{"a":[1,2]}'
    assert handler.deserialize(io.BytesIO(b'{"a": 1}'), falcon.MEDIA_JSON, 8) == {'a': 1}
    with pytest.raises(falcon.MediaMalformedError):
        handler.deserialize(io.BytesIO(b'{'), falcon.MEDIA_JSON, 1)


def test_struct_as_resp_media_and_msgpack(asgi, make_app):
    class Point(msgspec.Struct):
        x: int
        y: int

    class Resource:
        def on_get(self, req, resp):
            resp.media = Point(1, 2)

        def on_post(self, req, resp):
            resp.media = {'got': req.get_media()}

    class ResourceAsync:
        async def on_get(self, req, resp):
            resp.media = Point(1, 2)

        async def on_post(self, req, resp):
            resp.media = {'got': await req.get_media()}

    app = make_app()
    for options in (app.req_options, app.resp_options):
        options.media_handlers[falcon.MEDIA_JSON] = msgspec_recipe.json_handler
        options.media_handlers[falcon.MEDIA_MSGPACK] = msgspec_recipe.msgpack_handler
    app.add_route('/point', ResourceAsync() if asgi else Resource())
    client = testing.TestClient(app)

    result = client.simulate_get('/point')
    assert result.status == falcon.HTTP_200
    assert result.text == '{"x":1,"y":2}'

    result = client.simulate_get('/point', headers={'Accept': falcon.MEDIA_MSGPACK})
    # resp.media is serialized for resp.content_type (JSON unless set), not for Accept.
    assert result.headers['content-type'] == 'application/json'

    result = client.simulate_post(
        '/point',
        body=msgspec.msgpack.encode({'x': 3}),
        headers={'Content-Type': falcon.MEDIA_MSGPACK},
    )
    assert result.json == {'got': {'x': 3}}
