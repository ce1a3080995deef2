"""Recipe on msgspec integration (user/recipes/msgspec-integration.rst), plus the FAQ's point
that a msgspec Struct can be assigned to ``resp.media`` once msgspec encodes JSON: checked on a
bookmarks app."""

import io
import uuid

import msgspec
import pytest

import falcon
import falcon.asgi
import falcon.media
from falcon import testing

fast_json = falcon.media.JSONHandler(dumps=msgspec.json.encode, loads=msgspec.json.decode)


class PackedHandler(falcon.media.BaseHandler):
    """MessagePack through msgspec, for both kinds of app."""

    def serialize(self, media, content_type):
        return msgspec.msgpack.encode(media)

    def deserialize(self, stream, content_type, content_length):
        return msgspec.msgpack.decode(stream.read())

    async def deserialize_async(self, stream, content_type, content_length):
        return msgspec.msgpack.decode(await stream.read())


class Bookmark(msgspec.Struct):
    url: str
    key: uuid.UUID = msgspec.field(default_factory=uuid.uuid4)


class TypedBodies:
    """Converts the request media to the Struct a resource declares for the method and passes
    it to the responder as ``payload``."""

    def process_resource(self, req, resp, resource, params):
        struct = getattr(resource, 'bodies', {}).get(req.method)
        if struct is not None:
            params['payload'] = msgspec.convert(req.get_media(), struct)


def invalid_body(req, resp, ex, params):
    raise falcon.MediaValidationError(description=str(ex))


class Bookmarks:
    bodies = {'POST': Bookmark}

    def __init__(self):
        self._saved = {}

    def on_get(self, req, resp):
        resp.media = self._saved

    def on_post(self, req, resp, payload):
        self._saved[payload.key] = payload
        resp.status = falcon.HTTP_CREATED
        resp.location = f'/bookmarks/{payload.key}'
        resp.media = payload

    def on_get_one(self, req, resp, key):
        if key not in self._saved:
            raise falcon.HTTPNotFound()
        resp.media = self._saved[key]


@pytest.fixture
def client():
    app = falcon.App(middleware=[TypedBodies()])
    app.add_error_handler(msgspec.ValidationError, invalid_body)
    app.req_options.media_handlers[falcon.MEDIA_JSON] = fast_json
    app.resp_options.media_handlers[falcon.MEDIA_JSON] = fast_json
    bookmarks = Bookmarks()
    app.add_route('/bookmarks', bookmarks)
    app.add_route('/bookmarks/{key:uuid}', bookmarks, suffix='one')
    return testing.TestClient(app)


def test_create_fetch_and_list(client):
    result = client.simulate_post('/bookmarks', json={'url': 'https://example.org'})
    assert result.status == falcon.HTTP_201
    saved = result.json
    assert saved['url'] == 'https://example.org'
    key = uuid.UUID(saved['key'])
    assert result.headers['location'] == f'/bookmarks/{key}'
    assert result.headers['content-type'] == 'application/json'

    one = client.simulate_get(f'/bookmarks/{key}')
    assert one.status == falcon.HTTP_200
    assert one.json == saved
    assert client.simulate_get('/bookmarks').json == {str(key): saved}


def test_unknown_key_is_404(client):
    result = client.simulate_get(f'/bookmarks/{uuid.uuid4()}')
    assert result.status == falcon.HTTP_404
    assert result.json == {'title': '404 Not Found'}


def test_wrong_type_is_a_validation_400(client):
    result = client.simulate_post('/bookmarks', json={'url': 99})
    assert result.status == falcon.HTTP_400
    assert result.json == {
        'title': '400 Bad Request',
        'description': 'Expected `str`, got `int` - at `$.url`',
    }


def test_truncated_json_is_invalid_json(client):
    result = client.simulate_post(
        '/bookmarks', body='{"url": ', headers={'Content-Type': 'application/json'}
    )
    assert result.status == falcon.HTTP_400
    assert result.json['title'] == 'Invalid JSON'


def test_missing_body_is_invalid_json(client):
    result = client.simulate_post('/bookmarks', headers={'Content-Type': 'application/json'})
    assert result.status == falcon.HTTP_400
    assert result.json['title'] == 'Invalid JSON'


def test_handler_used_directly():
    assert fast_json.serialize({'k': [3, 4]}, falcon.MEDIA_JSON) == b'{"k":[3,4]}'
    assert fast_json.deserialize(io.BytesIO(b'{"k": 5}'), falcon.MEDIA_JSON, 8) == {'k': 5}
    with pytest.raises(falcon.MediaMalformedError):
        fast_json.deserialize(io.BytesIO(b'['), falcon.MEDIA_JSON, 1)


def test_struct_media_and_msgpack_bodies(asgi, make_app):
    class Size(msgspec.Struct):
        w: int
        h: int

    def reply(req, resp):
        resp.media = Size(3, 4)

    class Sync:
        def on_get(self, req, resp):
            reply(req, resp)

        def on_post(self, req, resp):
            resp.media = {'echo': req.get_media()}

    class Async:
        async def on_get(self, req, resp):
            reply(req, resp)

        async def on_post(self, req, resp):
            resp.media = {'echo': await req.get_media()}

    app = make_app()
    for options in (app.req_options, app.resp_options):
        options.media_handlers[falcon.MEDIA_JSON] = fast_json
        options.media_handlers[falcon.MEDIA_MSGPACK] = PackedHandler()
    app.add_route('/size', Async() if asgi else Sync())
    client = testing.TestClient(app)

    result = client.simulate_get('/size')
    assert result.status == falcon.HTTP_200
    assert result.text == '{"w":3,"h":4}'

    # The handler follows resp.content_type (JSON by default), not the Accept header.
    result = client.simulate_get('/size', headers={'Accept': falcon.MEDIA_MSGPACK})
    assert result.headers['content-type'] == 'application/json'

    result = client.simulate_post(
        '/size',
        body=msgspec.msgpack.encode({'w': 9}),
        headers={'Content-Type': falcon.MEDIA_MSGPACK},
    )
    assert result.json == {'echo': {'w': 9}}
