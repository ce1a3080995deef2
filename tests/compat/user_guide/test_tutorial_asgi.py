"""The ASGI tutorial (user/tutorial-asgi.rst): the "asgilook" image service with its store,
thumbnails and Redis cache, tested the way the guide's test suite does.

Redis is replaced by ``fakeredis`` as the guide's tests do, the storage path is a pytest
temporary directory, and the UUID generator is a fixed sequence.
"""

import io
import logging
import random
import uuid

import fakeredis
import PIL.Image
import PIL.ImageDraw
import pytest

import falcon
import falcon.asgi
import falcon.testing

from .asgilook.app import create_app
from .asgilook.config import Config

UUIDS = [
    '5cfd9fb6-259a-4c72-b8b0-5f4c35edcd3c',
    'f2375273-8049-4b10-b17e-8851db9ac7af',
    '167308e4-e444-4ad9-88b2-c8751a4e37d4',
]


@pytest.fixture(scope='session')
def storage_path(tmpdir_factory):
    return tmpdir_factory.mktemp('asgilook')


@pytest.fixture
def config(storage_path, monkeypatch):
    monkeypatch.setenv('ASGI_LOOK_STORAGE_PATH', str(storage_path))
    config = Config()
    server = fakeredis.FakeServer()
    config.redis_from_url = lambda url: fakeredis.FakeAsyncRedis(server=server)
    ids = iter(UUIDS)
    config.uuid_generator = lambda: uuid.UUID(next(ids))
    return config


@pytest.fixture
def client(config):
    return falcon.testing.TestClient(create_app(config))


@pytest.fixture
def png_image():
    image = PIL.Image.new('RGBA', (640, 360), color='black')
    draw = PIL.ImageDraw.Draw(image)
    for _ in range(32):
        x0, y0 = random.randint(20, 620), random.randint(20, 340)
        x1, y1 = random.randint(20, 620), random.randint(20, 340)
        draw.line((x0, y0, x1, y1), fill='white', width=4)

    output = io.BytesIO()
    image.save(output, 'PNG')
    return output.getvalue()


def test_list_images(client):
    resp = client.simulate_get('/images')

    assert resp.status_code == 200
    assert resp.json == []


def test_unrouted_path_is_an_empty_404():
    # "$ http http://127.0.0.1:8000 ... HTTP/1.1 404 Not Found"
    resp = falcon.testing.TestClient(falcon.asgi.App()).simulate_get('/')
    assert resp.status_code == 404
    assert resp.headers['content-type'] == 'application/json'


def test_post_image(client, png_image, storage_path):
    resp = client.simulate_post('/images', body=png_image)

    assert resp.status_code == 201
    image_id = UUIDS[0]
    assert resp.headers['location'] == f'/images/{image_id}.jpeg'
    doc = resp.json
    assert doc['id'] == image_id
    assert doc['image'] == f'/images/{image_id}.jpeg'
    assert doc['size'] == [640, 360]
    assert doc['thumbnails'] == [
        f'/thumbnails/{image_id}/320x180.jpeg',
        f'/thumbnails/{image_id}/160x90.jpeg',
    ]
    assert falcon.http_date_to_dt(doc['modified'])
    with PIL.Image.open(storage_path / image_id) as stored:
        assert stored.format == 'JPEG'
        assert stored.size == (640, 360)

    listed = client.simulate_get('/images')
    assert listed.json == [doc]


def test_get_image(client, png_image):
    location = client.simulate_post('/images', body=png_image).headers['location']

    resp = client.simulate_get(location)
    assert resp.status_code == 200
    assert resp.headers['content-type'] == 'image/jpeg'
    assert 'x-asgilook-cache' in resp.headers
    with PIL.Image.open(io.BytesIO(resp.content)) as image:
        assert image.format == 'JPEG'
        assert image.size == (640, 360)

    # Streamed images are not cached ("left as another exercise for the reader").
    assert client.simulate_get(location).headers['x-asgilook-cache'] == 'Miss'


@pytest.mark.parametrize(
    'path',
    [
        '/images/not-a-uuid.jpeg',
        f'/images/{UUIDS[1]}.png',
        f'/images/{UUIDS[2]}.jpeg',
        f'/thumbnails/{UUIDS[2]}/80x80.jpeg',
        f'/thumbnails/{UUIDS[2]}/wide.jpeg',
    ],
)
def test_unknown_images_are_404(client, path):
    resp = client.simulate_get(path)
    assert resp.status_code == 404
    assert resp.json == {'title': '404 Not Found'}


def test_thumbnails_are_rendered_then_cached(client, png_image):
    doc = client.simulate_post('/images', body=png_image).json
    small = doc['thumbnails'][1]

    first = client.simulate_get(small)
    assert first.status_code == 200
    assert first.headers['content-type'] == 'image/jpeg'
    assert first.headers['x-asgilook-cache'] == 'Miss'
    assert first.headers['content-length'] == str(len(first.content))
    with PIL.Image.open(io.BytesIO(first.content)) as image:
        assert image.size == (160, 90)

    second = client.simulate_get(small)
    assert second.status_code == 200
    assert second.headers['x-asgilook-cache'] == 'Hit'
    assert second.headers['content-type'] == 'image/jpeg'
    assert second.content == first.content

    # A size the image does not advertise is refused (secure by default).
    assert client.simulate_get(small.replace('160x90', '161x90')).status_code == 404


def test_method_not_allowed(client):
    resp = client.simulate_delete('/images')
    assert resp.status_code == 405
    assert resp.headers['allow'] == 'GET, POST, OPTIONS'


async def test_lifespan_pings_and_closes_redis(config, png_image):
    app = create_app(config)
    async with falcon.testing.ASGIConductor(app) as conductor:
        resp = await conductor.simulate_post('/images', body=png_image)
        assert resp.status_code == 201
        resp = await conductor.simulate_get(resp.json['thumbnails'][0])
        assert resp.status_code == 200
        assert resp.headers['x-asgilook-cache'] == 'Miss'


def test_unhandled_error_is_logged_to_the_falcon_logger(caplog):
    # "Debugging ASGI Applications": the default Exception handler logs through ``falcon``.
    class ErrorResource:
        async def on_get(self, req, resp):
            raise Exception('Something went wrong!')

    app = falcon.asgi.App()
    app.add_route('/error', ErrorResource())

    with caplog.at_level(logging.ERROR):
        resp = falcon.testing.TestClient(app).simulate_get('/error')

    assert resp.status_code == 500
    assert resp.json == {'title': '500 Internal Server Error'}
    records = [r for r in caplog.records if r.name.split('.')[0] == 'falcon']
    assert len(records) == 1
    assert records[0].levelno == logging.ERROR
    assert records[0].exc_info is not None
    assert str(records[0].exc_info[1]) == 'Something went wrong!'


def test_logged_traceback_has_no_test_client_context(caplog):
    class ErrorResource:
        async def on_get(self, req, resp):
            raise Exception('Something went wrong!')

    app = falcon.asgi.App()
    app.add_route('/error', ErrorResource())
    with caplog.at_level(logging.ERROR):
        falcon.testing.TestClient(app).simulate_get('/error')
    assert 'Exception: Something went wrong!' in caplog.text
    assert 'no running event loop' not in caplog.text
