"""The WSGI tutorial (user/tutorial.rst): the "look" app, stage by stage, and the guide's tests.

The guide's own tests are kept as written; only ``import look...`` becomes a relative import of
the fixture package beside this module. The functional test that POSTs to a running Gunicorn
is run against ``get_app()`` through the test client instead (no network here), with
``LOOK_STORAGE_PATH`` pointing at a temporary directory as the guide does with ``/tmp``.
"""

import io
import json
from unittest.mock import MagicMock, call, mock_open
from wsgiref.validate import InputWrapper

import msgpack
import pytest

import falcon
import falcon.inspect
from falcon import testing

from .look import app as look_app
from .look import images as look_images
from .look import stage_msgpack, stage_testable

LISTED = {'images': [{'href': '/images/1eaf6ef1-7f2d-4ecc-a8d5-6e8adba7cc0e.png'}]}


# -- "Testing your application" and "Request and Response Objects" ---------------------------


class TestFirstTests:
    """test_app.py as the guide first writes it, against the module-level ``app``."""

    @pytest.fixture
    def client(self):
        return testing.TestClient(stage_msgpack.app)

    def test_list_images(self, client):
        doc = {'images': [{'href': '/images/1eaf6ef1-7f2d-4ecc-a8d5-6e8adba7cc0e.png'}]}

        response = client.simulate_get('/images')
        result_doc = msgpack.unpackb(response.content, raw=False)

        assert result_doc == doc
        assert response.status == falcon.HTTP_OK

    def test_list_images_headers(self, client):
        response = client.simulate_get('/images')
        assert response.headers['content-type'] == 'application/msgpack'
        assert response.headers['content-length'] == str(len(response.content))

    # "monkeypatch" is a special built-in pytest fixture that can be
    # used to install mocks.
    def test_posted_image_gets_saved(self, client, monkeypatch):
        mock_file_open = mock_open()
        monkeypatch.setattr('io.open', mock_file_open)

        fake_uuid = '123e4567-e89b-12d3-a456-426655440000'
        monkeypatch.setattr('uuid.uuid4', lambda: fake_uuid)

        # When the service receives an image through POST...
        fake_image_bytes = b'fake-image-bytes'
        response = client.simulate_post(
            '/images', body=fake_image_bytes, headers={'content-type': 'image/png'}
        )

        # ...it must return a 201 code, save the file, and return the
        # image's resource location.
        assert response.status == falcon.HTTP_CREATED
        assert call().write(fake_image_bytes) in mock_file_open.mock_calls
        assert response.headers['location'] == '/images/{}.png'.format(fake_uuid)  # noqa: UP032

    def test_put_is_not_allowed(self, client):
        # "This time you should get back 405 Method Not Allowed ... allow: GET, OPTIONS"
        # (the resource of that stage has only on_get; this one adds on_post).
        only_get = falcon.App()
        only_get.add_route('/images', type('Resource', (), {'on_get': lambda s, q, r: None})())
        response = testing.TestClient(only_get).simulate_put('/images')
        assert response.status == falcon.HTTP_405
        assert response.headers['allow'] == 'GET, OPTIONS'

        response = client.simulate_put('/images')
        assert response.status == falcon.HTTP_405
        assert response.headers['allow'] == 'GET, POST, OPTIONS'

    def test_unrouted_path_is_404(self, client):
        response = client.simulate_get('/')
        assert response.status == falcon.HTTP_404
        assert response.json == {'title': '404 Not Found'}


# -- "Refactoring for testability" ------------------------------------------------------------


@pytest.fixture
def mock_store():
    return MagicMock()


@pytest.fixture
def client(mock_store):
    app = stage_testable.create_app(mock_store)
    return testing.TestClient(app)


def test_list_images(client):
    doc = {'images': [{'href': '/images/1eaf6ef1-7f2d-4ecc-a8d5-6e8adba7cc0e.png'}]}

    response = client.simulate_get('/images')
    result_doc = msgpack.unpackb(response.content, raw=False)

    assert result_doc == doc
    assert response.status == falcon.HTTP_OK


# With clever composition of fixtures, we can observe what happens with
# the mock injected into the image resource.
def test_post_image(client, mock_store):
    file_name = 'fake-image-name.xyz'

    # We need to know what ImageStore method will be used
    mock_store.save.return_value = file_name
    image_content_type = 'image/xyz'

    response = client.simulate_post(
        '/images', body=b'some-fake-bytes', headers={'content-type': image_content_type}
    )

    assert response.status == falcon.HTTP_CREATED
    assert response.headers['location'] == '/images/{}'.format(file_name)  # noqa: UP032
    saver_call = mock_store.save.call_args

    # saver_call is a unittest.mock.call tuple. It's first element is a
    # tuple of positional arguments supplied when calling the mock.
    assert isinstance(saver_call[0][0], InputWrapper)
    assert saver_call[0][1] == image_content_type


def test_saving_image(monkeypatch):
    # This still has some mocks, but they are more localized and do not
    # have to be monkey-patched into standard library modules (always a
    # risky business).
    mock_file_open = mock_open()

    fake_uuid = '123e4567-e89b-12d3-a456-426655440000'

    def mock_uuidgen():
        return fake_uuid

    fake_image_bytes = b'fake-image-bytes'
    fake_request_stream = io.BytesIO(fake_image_bytes)
    storage_path = 'fake-storage-path'
    store = stage_testable.ImageStore(storage_path, uuidgen=mock_uuidgen, fopen=mock_file_open)

    assert store.save(fake_request_stream, 'image/png') == fake_uuid + '.png'
    assert call().write(fake_image_bytes) in mock_file_open.mock_calls


# -- "Functional tests", "Serving Images", "Query Strings", hooks and error handling ---------


@pytest.fixture
def storage(tmp_path, monkeypatch):
    monkeypatch.setenv('LOOK_STORAGE_PATH', str(tmp_path))
    return tmp_path


@pytest.fixture
def look(storage):
    return testing.TestClient(look_app.get_app())


def _post(look, data, content_type='image/png'):
    return look.simulate_post('/images', body=data, headers={'content-type': content_type})


def test_posted_image_gets_saved(look, storage):
    location_prefix = '/images/'
    fake_image_bytes = b'fake-image-bytes'

    response = _post(look, fake_image_bytes)

    assert response.status_code == 201
    location = response.headers['location']
    assert location.startswith(location_prefix)
    image_name = location.replace(location_prefix, '')

    with open(storage / image_name, 'rb') as image_file:
        assert image_file.read() == fake_image_bytes


def test_saved_image_is_served_back(look):
    location = _post(look, b'First Case\n').headers['location']

    response = look.simulate_get(location)
    assert response.status == falcon.HTTP_200
    assert response.content == b'First Case\n'
    assert response.headers['content-type'] == 'image/png'
    assert response.headers['content-length'] == '11'


def test_list_with_maxsize(look):
    sizes = {}
    for data in (b'First Case\n', b'Second Case\n', b'3rd Case\n'):
        sizes[_post(look, data).headers['location']] = len(data)
    assert sorted(sizes.values()) == [9, 11, 12]

    listed = look.simulate_get('/images').json
    assert sorted(item['href'] for item in listed['images']) == sorted(sizes)

    response = look.simulate_get('/images', params={'maxsize': 11})
    assert response.status == falcon.HTTP_200
    assert sorted(item['href'] for item in response.json['images']) == sorted(
        href for href, size in sizes.items() if size <= 11
    )
    assert response.headers['content-type'] == 'application/json'


@pytest.mark.parametrize('maxsize', ['0', '-5', 'big'])
def test_list_with_invalid_maxsize(look, maxsize):
    response = look.simulate_get('/images', query_string=f'maxsize={maxsize}')
    assert response.status == falcon.HTTP_400
    assert response.json['title'] == 'Invalid parameter'


def test_hook_rejects_other_media_types(look, storage):
    response = _post(look, b'nefarious', content_type='image/jpx')
    assert response.status == falcon.HTTP_400
    assert response.json == {
        'title': 'Bad request',
        'description': 'Image type not allowed. Must be PNG, JPEG, or GIF',
    }
    assert list(storage.iterdir()) == []


def test_invalid_image_name_is_404(look):
    response = look.simulate_get('/images/voltron.png')
    assert response.status == falcon.HTTP_404
    assert response.json == {'title': '404 Not Found'}


def test_missing_image_is_404(look):
    response = look.simulate_get('/images/db79e518-c8d3-4a87-93fe-38b620f9d410.png')
    assert response.status == falcon.HTTP_404


def test_hooks_inject_params_on_a_class():
    def extract_project_id(req, resp, resource, params):
        """Adds `project_id` to the list of params for all responders.

        Meant to be used as a `before` hook.
        """
        params['project_id'] = req.get_header('X-PROJECT-ID')

    @falcon.before(extract_project_id)
    class Message:
        def on_get(self, req, resp, project_id):
            resp.media = {'project_id': project_id}

        def on_post(self, req, resp, project_id):
            resp.media = {'posted_to': project_id}

    app = falcon.App()
    app.add_route('/messages', Message())
    client = testing.TestClient(app)
    assert client.simulate_get('/messages', headers={'X-Project-ID': 'p1'}).json == {
        'project_id': 'p1'
    }
    assert client.simulate_post('/messages').json == {'posted_to': None}


def test_inspect_app_output():
    app = look_app.create_app(look_images.ImageStore('.'))
    text = falcon.inspect.inspect_app(app).to_string()
    assert text == (
        'Falcon App (WSGI)\n'
        '• Routes:\n'
        '    ⇒ /images - Collection:\n'
        '       ├── GET - on_get\n'
        '       └── POST - on_post\n'
        '    ⇒ /images/{name} - Item:\n'
        '       └── GET - on_get'
    )


def test_first_images_resource_as_json():
    class Resource:
        def on_get(self, req, resp):
            doc = {'images': [{'href': '/images/1eaf6ef1-7f2d-4ecc-a8d5-6e8adba7cc0e.png'}]}

            # Create a JSON representation of the resource
            resp.text = json.dumps(doc, ensure_ascii=False)

            resp.status = falcon.HTTP_200

    app = application = falcon.App()
    app.add_route('/images', Resource())
    response = testing.TestClient(application).simulate_get('/images')
    assert response.status == falcon.HTTP_200
    assert response.json == LISTED
    assert response.headers['content-type'] == 'application/json'
    assert falcon.inspect.inspect_app(app).to_string() == (
        'Falcon App (WSGI)\n• Routes:\n    ⇒ /images - Resource:\n       └── GET - on_get'
    )
