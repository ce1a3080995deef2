"""The README example (examples/hello.py): in process, and under gunicorn and uvicorn."""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from types import ModuleType

import httpx
import pytest

import falcon.testing
from tests.e2e.e2e_client import answer_of
from tests.e2e.e2e_servers import EXAMPLES, REPO, Server, serving


@pytest.fixture(scope='module')
def hello() -> Iterator[ModuleType]:
    sys.path.insert(0, str(EXAMPLES))
    try:
        yield importlib.import_module('hello')
    finally:
        sys.path.remove(str(EXAMPLES))


@pytest.fixture(scope='module')
def hello_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Server]]:
    specs = [('gunicorn', 'hello:app'), ('uvicorn', 'hello:asgi_app')]
    with serving(specs, tmp_path_factory.mktemp('hello-servers')) as servers:
        yield servers


def test_readme_shows_the_example_file() -> None:
    readme = (REPO / 'README.md').read_text()
    blocks = re.findall(r'```python\n(.*?)```', readme, flags=re.DOTALL)
    source = (EXAMPLES / 'hello.py').read_text()
    assert blocks
    assert blocks[0] in source
    assert source.endswith(blocks[0])


@pytest.mark.parametrize('attribute', ['app', 'asgi_app'])
def test_both_apps_greet_in_process(hello: ModuleType, attribute: str) -> None:
    client = falcon.testing.TestClient(getattr(hello, attribute))
    result = client.simulate_get('/hello', params={'name': 'falcon'})
    assert result.status_code == 200
    assert result.json == {'message': 'Hello, falcon!'}
    item = client.simulate_get('/items/7', headers={'User-Agent': 'in-process'})
    assert item.json == {'id': 7, 'ua': 'in-process'}
    assert client.simulate_get('/items/seven').status_code == 404


REQUESTS = [
    ('/hello', {}),
    ('/hello?name=gunicorn%20%26%20uvicorn', {}),
    ('/items/42', {'User-Agent': 'e2e'}),
    ('/items/x', {}),
    ('/missing', {}),
]


@pytest.mark.slow
@pytest.mark.parametrize(('path', 'headers'), REQUESTS)
def test_served_alike_by_gunicorn_and_uvicorn(
    hello_servers: list[Server], path: str, headers: dict[str, str]
) -> None:
    wsgi, asgi = (
        answer_of(httpx.get(server.url + path, headers=headers, timeout=10))
        for server in hello_servers
    )
    assert wsgi == asgi


@pytest.mark.slow
def test_served_greeting(hello_servers: list[Server]) -> None:
    for server in hello_servers:
        response = httpx.get(server.url + '/hello', params={'name': 'server'}, timeout=10)
        assert response.json() == {'message': 'Hello, server!'}
        assert response.headers['content-type'] == 'application/json'
