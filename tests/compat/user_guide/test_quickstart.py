"""The quickstart (user/quickstart.rst): the "things" examples, WSGI and ASGI.

The search sink's upstream request (``requests``/``httpx`` in the guide) is a small fake.
"""

import json
from types import SimpleNamespace

import pytest

import falcon
import falcon.inspect
from falcon import testing

from .quickstart import things, things_advanced, things_advanced_asgi, things_asgi

KANT = (
    '\nTwo things awe me most, the starry sky above me and the moral law within me.\n'
    '\n    ~ Immanuel Kant\n\n'
)
AUTH = {'Authorization': 'custom-token'}


@pytest.mark.parametrize('module', [things, things_asgi], ids=['wsgi', 'asgi'])
def test_things(module):
    result = testing.simulate_get(module.app, '/things')
    assert result.status == falcon.HTTP_200
    assert result.text == KANT
    assert result.headers['content-type'] == 'text/plain; charset=utf-8'
    assert result.headers['content-length'] == str(len(KANT))


class FakeUpstream:
    def __init__(self):
        self.calls = []

    def _result(self, url, params):
        self.calls.append((url, params))
        return SimpleNamespace(
            status_code=200, headers={'content-type': 'text/html'}, text=f'<p>{params["q"]}</p>'
        )

    def get(self, url, params):
        return self._result(url, params)

    async def get_async(self, url, params):
        return self._result(url, params)


@pytest.fixture
def upstream():
    return FakeUpstream()


@pytest.fixture
def client(asgi, upstream):
    if asgi:
        return testing.TestClient(things_advanced_asgi.create_app(upstream.get_async))
    return testing.TestClient(things_advanced.create_app(upstream.get))


def test_inspect_app_output(upstream):
    # The exact text quickstart.rst shows for ``falcon-inspect-app things_advanced:app``.
    app = things_advanced.create_app(upstream.get)
    assert falcon.inspect.inspect_app(app).to_string() == (
        'Falcon App (WSGI)\n'
        '• Routes:\n'
        '    ⇒ /{user_id}/things - ThingsResource:\n'
        '       ├── GET - on_get\n'
        '       └── POST - on_post\n'
        '• Middleware (Middleware are independent):\n'
        '    → AuthMiddleware.process_request\n'
        '      → RequireJSON.process_request\n'
        '\n'
        '          ├── Process route responder\n'
        '• Sinks:\n'
        '    ⇥ /search/(?P<engine>ddg|y)\\Z SinkAdapter\n'
        '• Error handlers:\n'
        '    ⇜ StorageError handle'
    )


def test_missing_token(client):
    result = client.simulate_get('/1/things')
    assert result.status == falcon.HTTP_401
    assert result.headers['www-authenticate'] == 'Token type="Fernet"'
    assert result.json == {
        'title': 'Auth token required',
        'description': 'Please provide an auth token as part of the request.',
        'link': {
            'text': 'Documentation related to this error',
            'href': 'http://docs.example.com/auth',
            'rel': 'help',
        },
    }


def test_invalid_token(client):
    result = client.simulate_get('/1/things', headers={'Authorization': 'guess'})
    assert result.status == falcon.HTTP_401
    assert result.json['title'] == 'Authentication required'


def test_requires_json(client):
    result = client.simulate_get('/1/things', headers={**AUTH, 'Accept': 'text/html'})
    assert result.status == falcon.HTTP_406
    # Neither JSON nor XML is acceptable: the error has no body.
    assert result.content == b''

    result = client.simulate_post(
        '/1/things', headers={**AUTH, 'Content-Type': 'text/plain'}, body='x'
    )
    assert result.status == falcon.HTTP_415
    assert result.json['title'] == 'This API only supports requests encoded as JSON.'


def test_post_then_list(client):
    result = client.simulate_get('/1/things', headers=AUTH)
    assert result.status == falcon.HTTP_200
    assert result.json == []
    assert result.headers['powered-by'] == 'Falcon'

    created = []
    for name in ('a', 'b'):
        result = client.simulate_post('/1/things', headers=AUTH, json={'name': name})
        assert result.status == falcon.HTTP_201
        prefix = '/1/things/'
        assert result.headers['location'].startswith(prefix)
        created.append(result.headers['location'][len(prefix) :])

    listed = client.simulate_get('/1/things', headers=AUTH).json
    assert sorted(thing['id'] for thing in listed) == sorted(created)
    limited = client.simulate_get('/1/things', headers=AUTH, params={'limit': 1}).json
    assert len(limited) == 1


def test_post_without_body(client):
    result = client.simulate_post(
        '/1/things', headers={**AUTH, 'Content-Type': 'application/json'}, body='{'
    )
    assert result.status == falcon.HTTP_400
    assert result.json == {
        'title': 'Missing thing',
        'description': 'A thing must be submitted in the request body.',
    }


def test_body_too_large(client):
    result = client.simulate_post(
        '/1/things',
        headers={**AUTH, 'Content-Type': 'application/json'},
        body=json.dumps({'blob': 'x' * (64 * 1024)}),
    )
    assert result.status == falcon.HTTP_413
    assert result.json['title'] == 'Request body is too large'
    assert result.json['description'] == (
        'The size of the request is too large. The body must not exceed 65536 bytes in length.'
    )


def test_storage_error_handler(client, monkeypatch):
    def broken(self, thing):
        raise things_advanced.StorageError()

    monkeypatch.setattr(things_advanced.StorageEngine, 'add_thing', broken)
    result = client.simulate_post('/1/things', headers=AUTH, json={})
    assert result.status == falcon.HTTP_500
    assert result.json == {'title': '500 Internal Server Error'}


def test_service_outage(client, monkeypatch):
    def broken(self, marker, limit):
        raise RuntimeError('aliens')

    monkeypatch.setattr(things_advanced.StorageEngine, 'get_things', broken)
    result = client.simulate_get('/1/things', headers=AUTH)
    assert result.status == falcon.HTTP_503
    assert result.headers['retry-after'] == '30'
    assert result.json['title'] == 'Service Outage'


def test_sink(client, upstream):
    result = client.simulate_get('/search/ddg', headers=AUTH, params={'q': 'falcon'})
    assert result.status == falcon.HTTP_200
    assert result.text == '<p>falcon</p>'
    assert result.headers['content-type'] == 'text/html'
    assert upstream.calls == [('https://duckduckgo.com', {'q': 'falcon'})]

    # The required q parameter is missing.
    result = client.simulate_get('/search/y', headers=AUTH)
    assert result.status == falcon.HTTP_400
    assert result.json == {
        'title': 'Missing parameter',
        'description': 'The "q" parameter is required.',
    }

    assert client.simulate_get('/search/bing', headers=AUTH).status == falcon.HTTP_404
