"""Behaviours of the ASGI tutorial (user/tutorial-asgi.rst), checked on an async note service
with a Redis-backed response cache (``fakeredis`` stands in for the server)."""

import logging
import uuid

import fakeredis
import pytest

import falcon
import falcon.asgi
import falcon.testing

from .notebook.service import Settings, build

KEYS = [
    '0b9d8c2e-4f61-4a7b-9e30-2d5c7a1f8e64',
    'c47a1e90-3b25-4d8f-a6e1-95f0b2c3d7a8',
]
TEXT = b'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu'


@pytest.fixture
def settings(tmp_path):
    server = fakeredis.FakeServer()
    keys = iter(KEYS)
    return Settings(
        folder=tmp_path / 'notes',
        connect=lambda url: fakeredis.FakeAsyncRedis(server=server),
        new_id=lambda: uuid.UUID(next(keys)),
    )


@pytest.fixture
def client(settings):
    return falcon.testing.TestClient(build(settings))


def test_empty_collection(client):
    result = client.simulate_get('/notes')
    assert result.status_code == 200
    assert result.json == []


def test_bare_app_answers_404_as_json():
    result = falcon.testing.TestClient(falcon.asgi.App()).simulate_get('/')
    assert result.status_code == 404
    assert result.headers['content-type'] == 'application/json'


def test_post_creates_a_note(client, settings):
    result = client.simulate_post('/notes', body=TEXT)

    assert result.status_code == 201
    key = KEYS[0]
    assert result.headers['location'] == f'/notes/{key}.txt'
    doc = result.json
    assert (doc['key'], doc['text'], doc['length'], doc['words']) == (
        key,
        f'/notes/{key}.txt',
        len(TEXT),
        12,
    )
    assert doc['previews'] == [
        f'/previews/{key}/33.txt',
        f'/previews/{key}/16.txt',
        f'/previews/{key}/8.txt',
    ]
    assert falcon.http_date_to_dt(doc['saved'])
    assert (settings.folder / key).read_bytes() == TEXT
    assert client.simulate_get('/notes').json == [doc]


def test_note_text_is_streamed_and_never_cached(client):
    location = client.simulate_post('/notes', body=TEXT).headers['location']

    result = client.simulate_get(location)
    assert result.status_code == 200
    assert result.headers['content-type'] == 'text/plain; charset=utf-8'
    assert result.content == TEXT
    assert result.headers['x-notebook-cache'] == 'miss'
    assert client.simulate_get(location).headers['x-notebook-cache'] == 'miss'


@pytest.mark.parametrize(
    'path',
    [
        '/notes/not-a-key.txt',
        f'/notes/{KEYS[0]}.md',
        f'/notes/{KEYS[1]}.txt',
        f'/previews/{KEYS[1]}/8.txt',
        f'/previews/{KEYS[1]}/eight.txt',
    ],
)
def test_unknown_or_malformed_paths_are_404(client, path):
    result = client.simulate_get(path)
    assert result.status_code == 404
    assert result.json == {'title': '404 Not Found'}


def test_previews_are_computed_then_served_from_cache(client):
    doc = client.simulate_post('/notes', body=TEXT).json
    shortest = doc['previews'][-1]

    first = client.simulate_get(shortest)
    assert first.status_code == 200
    assert first.headers['content-type'] == 'text/plain; charset=utf-8'
    assert first.headers['x-notebook-cache'] == 'miss'
    assert first.headers['content-length'] == '8'
    assert first.content == TEXT[:8]

    again = client.simulate_get(shortest)
    assert again.status_code == 200
    assert again.headers['x-notebook-cache'] == 'hit'
    assert again.headers['content-type'] == 'text/plain; charset=utf-8'
    assert again.content == first.content

    assert client.simulate_get(shortest.replace('/8.', '/9.')).status_code == 404


def test_write_drops_the_cached_entry(client):
    client.simulate_post('/notes', body=TEXT)
    assert client.simulate_get('/notes').headers['x-notebook-cache'] == 'miss'
    assert client.simulate_get('/notes').headers['x-notebook-cache'] == 'hit'
    client.simulate_post('/notes', body=b'short note here')
    refreshed = client.simulate_get('/notes')
    assert refreshed.headers['x-notebook-cache'] == 'miss'
    assert len(refreshed.json) == 2


def test_unsupported_method(client):
    result = client.simulate_delete('/notes')
    assert result.status_code == 405
    assert result.headers['allow'] == 'GET, POST, OPTIONS'


async def test_lifespan_runs_cache_startup_and_shutdown(settings):
    async with falcon.testing.ASGIConductor(build(settings)) as conductor:
        created = await conductor.simulate_post('/notes', body=TEXT)
        assert created.status_code == 201
        preview = await conductor.simulate_get(created.json['previews'][0])
        assert preview.status_code == 200
        assert preview.headers['x-notebook-cache'] == 'miss'
        assert preview.content == TEXT[:33]


class _Exploding:
    async def on_get(self, req, resp):
        raise RuntimeError('disk on fire')


def test_unhandled_error_goes_to_the_falcon_asgi_logger(caplog):
    app = falcon.asgi.App()
    app.add_route('/boom', _Exploding())

    with caplog.at_level(logging.ERROR):
        result = falcon.testing.TestClient(app).simulate_get('/boom')

    assert result.status_code == 500
    assert result.json == {'title': '500 Internal Server Error'}
    logged = [r for r in caplog.records if r.name.split('.')[0] == 'falcon']
    assert len(logged) == 1
    assert logged[0].name == 'falcon.asgi.app'
    assert logged[0].levelno == logging.ERROR
    assert logged[0].exc_info is not None
    assert str(logged[0].exc_info[1]) == 'disk on fire'


def test_logged_traceback_carries_no_test_client_context(caplog):
    app = falcon.asgi.App()
    app.add_route('/boom', _Exploding())
    with caplog.at_level(logging.ERROR):
        falcon.testing.TestClient(app).simulate_get('/boom')
    assert 'RuntimeError: disk on fire' in caplog.text
    assert 'no running event loop' not in caplog.text
