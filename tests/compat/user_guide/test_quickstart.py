"""Behaviours of the quickstart (user/quickstart.rst), checked on a task planner API in both
kinds of app; the sink's upstream fetch is a recording fake."""

import json
from types import SimpleNamespace

import pytest

import falcon
import falcon.inspect
from falcon import testing

from .planner import hello, service

KEY = {'Authorization': 'Bearer planner-key'}


@pytest.mark.parametrize('app', [hello.wsgi_app, hello.asgi_app], ids=['wsgi', 'asgi'])
def test_plain_text_resource(app):
    result = testing.simulate_get(app, '/motto')
    assert result.status == falcon.HTTP_200
    assert result.text == hello.GREETING
    assert result.headers['content-type'] == 'text/plain; charset=utf-8'
    assert result.headers['content-length'] == str(len(hello.GREETING))


class Upstream:
    def __init__(self):
        self.requests = []

    def _answer(self, url, params):
        self.requests.append((url, params))
        return SimpleNamespace(
            status_code=200, headers={'content-type': 'text/html'}, text=f'<i>{params["q"]}</i>'
        )

    def fetch(self, url, params):
        return self._answer(url, params)

    async def fetch_async(self, url, params):
        return self._answer(url, params)


@pytest.fixture
def upstream():
    return Upstream()


@pytest.fixture
def table():
    return service.TaskTable()


@pytest.fixture
def client(asgi, upstream, table):
    if asgi:
        return testing.TestClient(service.build_async(upstream.fetch_async, table))
    return testing.TestClient(service.build(upstream.fetch, table))


def test_inspect_output_lists_every_part():
    app = service.build(Upstream().fetch)
    assert falcon.inspect.inspect_app(app).to_string() == (
        'Falcon App (WSGI)\n'
        '• Routes:\n'
        '    ⇒ /{team}/tasks - Tasks:\n'
        '       ├── GET - on_get\n'
        '       └── POST - on_post\n'
        '• Middleware (Middleware are independent):\n'
        '    → TokenGate.process_request\n'
        '      → JsonOnly.process_request\n'
        '\n'
        '          ├── Process route responder\n'
        '• Sinks:\n'
        '    ⇥ /lookup/(?P<source>wiki|news)\\Z Forwarder\n'
        '• Error handlers:\n'
        '    ⇜ BackendDown respond'
    )


def test_no_token_is_401_with_challenge_and_help_link(client):
    result = client.simulate_get('/red/tasks')
    assert result.status == falcon.HTTP_401
    assert result.headers['www-authenticate'] == 'Bearer realm="planner"'
    assert result.json == {
        'title': 'No token',
        'description': 'Send a token in the Authorization header.',
        'link': {
            'text': 'Documentation related to this error',
            'href': service.HELP,
            'rel': 'help',
        },
    }


def test_wrong_token_is_401(client):
    result = client.simulate_get('/red/tasks', headers={'Authorization': 'Bearer nope'})
    assert result.status == falcon.HTTP_401
    assert result.json['title'] == 'Bad token'


def test_json_only_middleware(client):
    result = client.simulate_get('/red/tasks', headers={**KEY, 'Accept': 'text/html'})
    assert result.status == falcon.HTTP_406
    assert result.content == b''

    result = client.simulate_post(
        '/red/tasks', headers={**KEY, 'Content-Type': 'text/plain'}, body='water plants'
    )
    assert result.status == falcon.HTTP_415
    assert result.json['title'] == 'Send JSON bodies only.'


def test_create_then_page_through(client):
    result = client.simulate_get('/red/tasks', headers=KEY)
    assert result.status == falcon.HTTP_200
    assert result.json == []
    assert result.headers['x-served-by'] == 'planner'

    ids = []
    for title in ('buy milk', 'fix bike'):
        result = client.simulate_post('/red/tasks', headers=KEY, json={'title': title})
        assert result.status == falcon.HTTP_201
        assert result.headers['location'].startswith('/red/tasks/')
        ids.append(result.headers['location'].rsplit('/', 1)[1])

    listed = client.simulate_get('/red/tasks', headers=KEY).json
    assert sorted(row['id'] for row in listed) == sorted(ids)
    assert len(client.simulate_get('/red/tasks', headers=KEY, params={'count': 1}).json) == 1
    after_first = client.simulate_get('/red/tasks', headers=KEY, params={'after': min(ids)})
    assert [row['id'] for row in after_first.json] == [max(ids)]


def test_malformed_json_becomes_a_custom_400(client):
    result = client.simulate_post(
        '/red/tasks', headers={**KEY, 'Content-Type': 'application/json'}, body='[1,'
    )
    assert result.status == falcon.HTTP_400
    assert result.json == {'title': 'No task', 'description': 'The body must hold a task.'}


def test_hook_refuses_a_large_body(client):
    result = client.simulate_post(
        '/red/tasks',
        headers={**KEY, 'Content-Type': 'application/json'},
        body=json.dumps({'notes': 'n' * (32 * 1024)}),
    )
    assert result.status == falcon.HTTP_413
    assert result.json == {
        'title': 'Body too big',
        'description': 'At most 32768 bytes are accepted.',
    }


def test_custom_error_type_handled_as_500(client, table, monkeypatch):
    def fail(row):
        raise service.BackendDown()

    monkeypatch.setattr(table, 'insert', fail)
    result = client.simulate_post('/red/tasks', headers=KEY, json={})
    assert result.status == falcon.HTTP_500
    assert result.json == {'title': '500 Internal Server Error'}


def test_outage_is_503_with_retry_after(client, table, monkeypatch):
    def fail(after, count):
        raise ConnectionError('db gone')

    monkeypatch.setattr(table, 'page', fail)
    result = client.simulate_get('/red/tasks', headers=KEY)
    assert result.status == falcon.HTTP_503
    assert result.headers['retry-after'] == '30'
    assert result.json['title'] == 'Planner offline'


def test_sink_forwards_matching_paths(client, upstream):
    result = client.simulate_get('/lookup/wiki', headers=KEY, params={'q': 'kanban'})
    assert result.status == falcon.HTTP_200
    assert result.text == '<i>kanban</i>'
    assert result.headers['content-type'] == 'text/html'
    assert upstream.requests == [('https://wiki.test/q', {'q': 'kanban'})]

    result = client.simulate_get('/lookup/news', headers=KEY)
    assert result.status == falcon.HTTP_400
    assert result.json == {
        'title': 'Missing parameter',
        'description': 'The "q" parameter is required.',
    }

    assert client.simulate_get('/lookup/blog', headers=KEY).status == falcon.HTTP_404
