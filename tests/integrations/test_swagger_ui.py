"""swagger-ui-py (``swagger_ui.api_doc``) serving Swagger UI and an OpenAPI spec on both apps.

Its Falcon handler compares ``falcon.__version__`` with ``packaging.version.Version``, tells
the app kinds apart with ``isinstance(app, falcon.asgi.App)``, adds routes (with
``suffix='async'`` for ASGI), reads ``req.host``/``req.port`` for the spec's ``host`` and
serves its bundled files through ``add_static_route(..., downloadable=True)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip('swagger_ui')

import swagger_ui
from swagger_ui import api_doc, falcon_api_doc

import falcon
import falcon.asgi
from falcon import testing

STATIC = Path(swagger_ui.__file__).parent / 'static'


def _spec() -> dict[str, Any]:
    return {
        'openapi': '3.0.1',
        'info': {'title': 'Pets', 'version': '2.0'},
        'paths': {'/pets': {'get': {'responses': {'200': {'description': 'all pets'}}}}},
    }


def _client(asgi: bool, **kwargs: Any) -> testing.TestClient:
    app: Any = falcon.asgi.App() if asgi else falcon.App()
    api_doc(app, config=_spec(), url_prefix='/api/doc', title='Pets API', **kwargs)
    return testing.TestClient(app)


def test_doc_page_is_served_with_and_without_the_trailing_slash(asgi: bool) -> None:
    client = _client(asgi)
    for path in ('/api/doc', '/api/doc/'):
        result = client.simulate_get(path)
        assert result.status == falcon.HTTP_200
        assert result.headers['content-type'] == 'text/html'
        assert result.text.lstrip().startswith('<!-- HTML for static distribution bundle build')
        assert '<title>Pets API</title>' in result.text
        assert 'url: "/api/doc/swagger.json"' in result.text
        assert 'src="/api/doc/static/swagger-ui-bundle.js"' in result.text


def test_spec_is_served_as_json_with_the_request_host(asgi: bool) -> None:
    client = _client(asgi)
    result = client.simulate_get('/api/doc/swagger.json')
    assert result.status == falcon.HTTP_200
    assert result.headers['content-type'] == 'application/json'
    assert result.json == dict(_spec(), host='falconframework.org:80')

    # swagger-ui-py stores the host in its config on the first request, so ask a fresh app.
    other = _client(asgi).simulate_get('/api/doc/swagger.json', host='api.example.com:8443')
    assert other.json['host'] == 'api.example.com:8443'


def test_bundled_static_files_are_served_as_downloads(asgi: bool) -> None:
    client = _client(asgi)
    css = client.simulate_get('/api/doc/static/index.css')
    assert css.status == falcon.HTTP_200
    assert css.headers['content-type'] == 'text/css'
    assert css.headers['content-disposition'] == 'attachment; filename="index.css"'
    assert css.content == (STATIC / 'index.css').read_bytes()

    icon = client.simulate_get('/api/doc/static/favicon-16x16.png')
    assert icon.status == falcon.HTTP_200
    assert icon.headers['content-type'] == 'image/png'
    assert icon.content == (STATIC / 'favicon-16x16.png').read_bytes()

    missing = client.simulate_get('/api/doc/static/missing.js')
    assert missing.status == falcon.HTTP_404
    assert missing.json == {'title': '404 Not Found'}


def test_editor_page_only_when_asked_for(asgi: bool) -> None:
    assert _client(asgi).simulate_get('/api/doc/editor').status == falcon.HTTP_404

    result = _client(asgi, editor=True).simulate_get('/api/doc/editor')
    assert result.status == falcon.HTTP_200
    assert result.headers['content-type'] == 'text/html'
    assert '<title>Pets API</title>' in result.text
    assert 'src="/api/doc/static/swagger-editor-bundle.js"' in result.text


def test_explicit_falcon_handler_and_a_relative_spec_url(asgi: bool) -> None:
    app: Any = falcon.asgi.App() if asgi else falcon.App()
    app.add_route('/docs/openapi.json', _spec_resource(asgi))
    falcon_api_doc(app, config_rel_url='/openapi.json', url_prefix='/docs')
    client = testing.TestClient(app)

    page = client.simulate_get('/docs')
    assert page.status == falcon.HTTP_200
    assert 'url: "/docs/openapi.json"' in page.text
    # With config_rel_url the app serves the spec itself; swagger-ui-py adds no spec route.
    assert client.simulate_get('/docs/swagger.json').status == falcon.HTTP_404
    assert client.simulate_get('/docs/openapi.json').json == _spec()


def _spec_resource(asgi: bool) -> Any:
    class Sync:
        def on_get(self, req: Any, resp: Any) -> None:
            resp.media = _spec()

    class Async:
        async def on_get(self, req: Any, resp: Any) -> None:
            resp.media = _spec()

    return Async() if asgi else Sync()
