"""Behaviours of the WSGI tutorial (user/tutorial.rst), checked on a document archive app.

The tutorial's functional step talks to a running server; here the same app is driven through
the test client, with its storage folder set by an environment variable.
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

from .docstore import first, injected, service

# -- the first module-level app --------------------------------------------------------------


class TestModuleLevelApp:
    @pytest.fixture
    def client(self, tmp_path, monkeypatch):
        monkeypatch.setattr(first.drop, 'folder', str(tmp_path))
        return testing.TestClient(first.app)

    def test_index_is_msgpack(self, client):
        result = client.simulate_get('/docs')
        assert result.status == falcon.HTTP_OK
        assert msgpack.unpackb(result.content, raw=False) == first.SAMPLE_INDEX

    def test_index_headers(self, client):
        result = client.simulate_get('/docs')
        assert result.headers['content-type'] == 'application/msgpack'
        assert result.headers['content-length'] == str(len(result.content))

    def test_upload_is_written_and_located(self, client, tmp_path, monkeypatch):
        monkeypatch.setattr('secrets.token_hex', lambda nbytes: 'ab' * nbytes)
        result = client.simulate_post(
            '/docs', body=b'shopping list', headers={'content-type': 'text/plain'}
        )
        assert result.status == falcon.HTTP_CREATED
        assert result.headers['location'] == '/docs/' + 'ab' * 16 + '.txt'
        assert (tmp_path / ('ab' * 16 + '.txt')).read_bytes() == b'shopping list'

    def test_unsupported_method_lists_allowed_ones(self, client):
        class ReadOnly:
            def on_get(self, req, resp):
                resp.media = {}

        bare = falcon.App()
        bare.add_route('/docs', ReadOnly())
        result = testing.TestClient(bare).simulate_put('/docs')
        assert result.status == falcon.HTTP_405
        assert result.headers['allow'] == 'GET, OPTIONS'

        result = client.simulate_put('/docs')
        assert result.status == falcon.HTTP_405
        assert result.headers['allow'] == 'GET, POST, OPTIONS'

    def test_unrouted_path_is_404(self, client):
        result = client.simulate_get('/')
        assert result.status == falcon.HTTP_404
        assert result.json == {'title': '404 Not Found'}


# -- storage passed in -------------------------------------------------------------------------


@pytest.fixture
def fake_archive():
    return MagicMock()


@pytest.fixture
def client(fake_archive):
    return testing.TestClient(injected.build(fake_archive))


def test_index_with_injected_storage(client):
    result = client.simulate_get('/docs')
    assert result.status == falcon.HTTP_OK
    assert msgpack.unpackb(result.content, raw=False) == first.SAMPLE_INDEX


def test_upload_hands_the_wsgi_stream_to_storage(client, fake_archive):
    fake_archive.keep.return_value = 'report.zz'
    result = client.simulate_post('/docs', body=b'123', headers={'content-type': 'text/x-zz'})

    assert result.status == falcon.HTTP_CREATED
    assert result.headers['location'] == '/docs/report.zz'
    (stream, media_type), _ = fake_archive.keep.call_args
    assert isinstance(stream, InputWrapper)
    assert media_type == 'text/x-zz'


def test_storage_writes_through_its_opener():
    opener = mock_open()
    archive = injected.Archive('nowhere', new_name=lambda: 'fixed', opener=opener)
    assert archive.keep(io.BytesIO(b'a,b\n1,2\n'), 'text/csv') == 'fixed.csv'
    assert call().write(b'a,b\n1,2\n') in opener.mock_calls


# -- the finished app --------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv('DOCSTORE_FOLDER', str(tmp_path))
    return tmp_path


@pytest.fixture
def archive(folder):
    return testing.TestClient(service.from_environment())


def _upload(archive, data, media_type='text/plain'):
    return archive.simulate_post('/docs', body=data, headers={'content-type': media_type})


def test_upload_lands_in_the_folder(archive, folder):
    result = _upload(archive, b'minutes of the meeting')
    assert result.status_code == 201
    location = result.headers['location']
    assert location.startswith('/docs/')
    assert (folder / location.removeprefix('/docs/')).read_bytes() == b'minutes of the meeting'


def test_upload_is_downloadable(archive):
    location = _upload(archive, b'x,y\n', 'text/csv').headers['location']
    result = archive.simulate_get(location)
    assert result.status == falcon.HTTP_200
    assert result.content == b'x,y\n'
    assert result.headers['content-type'] == 'text/csv'
    assert result.headers['content-length'] == '4'


def test_index_filters_by_size(archive):
    sizes = {}
    for body in (b'1234567', b'12345678901', b'123'):
        sizes[_upload(archive, body).headers['location']] = len(body)

    everything = archive.simulate_get('/docs').json
    assert sorted(d['link'] for d in everything['documents']) == sorted(sizes)

    result = archive.simulate_get('/docs', params={'largest': 7})
    assert result.status == falcon.HTTP_200
    assert result.headers['content-type'] == 'application/json'
    assert sorted(d['link'] for d in result.json['documents']) == sorted(
        link for link, size in sizes.items() if size <= 7
    )


@pytest.mark.parametrize('largest', ['0', '-2', 'huge'])
def test_index_rejects_a_bad_size(archive, largest):
    result = archive.simulate_get('/docs', query_string=f'largest={largest}')
    assert result.status == falcon.HTTP_400
    assert result.json['title'] == 'Invalid parameter'


def test_hook_refuses_other_types(archive, folder):
    result = _upload(archive, b'<svg/>', 'image/svg+xml')
    assert result.status == falcon.HTTP_400
    assert result.json == {
        'title': 'Unsupported document',
        'description': 'Send text/plain, text/csv or a PDF',
    }
    assert list(folder.iterdir()) == []


def test_malformed_name_is_404(archive):
    result = archive.simulate_get('/docs/passwords.txt')
    assert result.status == falcon.HTTP_404
    assert result.json == {'title': '404 Not Found'}


def test_unknown_name_is_404(archive):
    result = archive.simulate_get('/docs/' + '0' * 32 + '.pdf')
    assert result.status == falcon.HTTP_404


def test_class_level_hook_adds_a_param_to_every_responder():
    def tenant_from_header(req, resp, resource, params):
        params['tenant'] = req.get_header('X-Tenant')

    @falcon.before(tenant_from_header)
    class Ledger:
        def on_get(self, req, resp, tenant):
            resp.media = {'reading': tenant}

        def on_post(self, req, resp, tenant):
            resp.media = {'writing': tenant}

    app = falcon.App()
    app.add_route('/ledger', Ledger())
    client = testing.TestClient(app)
    assert client.simulate_get('/ledger', headers={'X-Tenant': 'acme'}).json == {'reading': 'acme'}
    assert client.simulate_post('/ledger').json == {'writing': None}


def test_inspect_lists_routes_and_responders():
    app = service.build(service.Archive('.'))
    assert falcon.inspect.inspect_app(app).to_string() == (
        'Falcon App (WSGI)\n'
        '• Routes:\n'
        '    ⇒ /docs - Index:\n'
        '       ├── GET - on_get\n'
        '       └── POST - on_post\n'
        '    ⇒ /docs/{filename} - Download:\n'
        '       └── GET - on_get'
    )


def test_text_body_with_json_defaults_to_json_content_type():
    class Greeting:
        def on_get(self, req, resp):
            resp.text = json.dumps({'hello': 'world'})

    app = falcon.App()
    app.add_route('/hello', Greeting())
    result = testing.TestClient(app).simulate_get('/hello')
    assert result.status == falcon.HTTP_200
    assert result.json == {'hello': 'world'}
    assert result.headers['content-type'] == 'application/json'
    assert falcon.inspect.inspect_app(app).to_string() == (
        'Falcon App (WSGI)\n• Routes:\n    ⇒ /hello - Greeting:\n       └── GET - on_get'
    )
