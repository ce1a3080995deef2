"""Users' typed code passes ``mypy --strict`` against this package, and runs.

Rules: the example app and the table of narrowed getter types are checked from a
temporary directory outside the repository, with an empty mypy configuration, so that none
of the project's own mypy settings apply: the package is seen the way a user's project
sees an installed ``falcon`` (``py.typed``, overloads, generic apps). The example's apps
are also run, so the example stays a working program.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from mypy import api as mypy_api

import falcon
import falcon.asgi
import falcon.testing
from tests.typing import example_app

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OWNER = '6f1b4a52-7a6e-4c3b-9d5e-2f0c8a1e9b77'
HEADERS = {
    'Authorization': 'Bearer secret',
    'X-Size': '5',
    'Date': 'Tue, 15 Nov 1994 08:12:31 GMT',
}


def _mypy(tmp_path: Path, targets: list[Path]) -> tuple[str, str, int]:
    config = tmp_path / 'mypy.ini'
    config.write_text('[mypy]\n')
    return mypy_api.run(
        [
            '--strict',
            '--config-file',
            str(config),
            '--cache-dir',
            str(tmp_path / '.mypy_cache'),
            '--no-color-output',
            *map(str, targets),
        ]
    )


def test_package_is_marked_typed() -> None:
    assert (Path(falcon.__file__).parent / 'py.typed').is_file()


def test_examples_pass_mypy_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    targets = [tmp_path / 'example_app.py', tmp_path / 'narrowing.py']
    for target in targets:
        shutil.copy(HERE / target.name, target)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv('MYPYPATH', raising=False)
    stdout, stderr, status = _mypy(tmp_path, targets)
    if 'module named "falcon"' in stdout:
        # An editable install through an import hook (setuptools' default editable mode)
        # is invisible to mypy; `make venv` installs in a mode it follows. Fall back to
        # the source tree so that the check still runs.
        monkeypatch.setenv('MYPYPATH', str(ROOT))
        stdout, stderr, status = _mypy(tmp_path, targets)
    assert status == 0, stdout + stderr
    assert stdout == 'Success: no issues found in 2 source files\n'


def _wsgi_client() -> falcon.testing.TestClient:
    return falcon.testing.TestClient(example_app.create_app())


def test_items_narrowed_params_at_run_time() -> None:
    query = f'page=2&id=1&id=3&owner={OWNER}&tags=a,b&since=2024-02-29'
    result = _wsgi_client().simulate_get('/items', query_string=query, headers=HEADERS)
    assert result.status_code == 200
    assert result.headers['X-Stamped'] == 'yes'
    assert result.headers['X-Succeeded'] == 'True'
    assert result.json == {
        'page': 2,
        'limit': 10,
        'ids': [1, 3],
        'tags': ['a', 'b'],
        'sort': 'name',
        'since': '2024-02-29',
        'owner': OWNER,
        'size': 5,
        'year': 1994,
        'user': 'anonymous',
    }


@pytest.mark.parametrize(
    ('query', 'headers', 'status', 'title'),
    [
        (f'id=1&owner={OWNER}', HEADERS, 400, 'Missing parameter'),
        (f'page=0&id=1&owner={OWNER}', HEADERS, 400, 'Invalid parameter'),
        (f'page=1&id=x&owner={OWNER}', HEADERS, 400, 'Invalid parameter'),
        (f'page=1&id=1&owner={OWNER}', {**HEADERS, 'X-Size': 'big'}, 400, 'Invalid header value'),
        (f'page=1&id=1&owner={OWNER}', {'X-Size': '5'}, 400, 'Missing header value'),
        ('page=1&id=1', {**HEADERS, 'Authorization': 'Bearer nope'}, 401, 'Bad token'),
    ],
)
def test_items_refusals(query: str, headers: dict[str, str], status: int, title: str) -> None:
    result = _wsgi_client().simulate_get('/items', query_string=query, headers=headers)
    assert result.status_code == status
    assert result.json['title'] == title
    assert result.headers['X-Succeeded'] == 'False'


def test_error_handler_and_media() -> None:
    client = _wsgi_client()
    missing = client.simulate_get('/items/101')
    assert missing.status_code == 404
    assert missing.json == {'title': '404 Not Found', 'description': 'No item 101'}
    created = client.simulate_post('/items/4', json={'name': 'pen'}, headers={'X-User': 'ann'})
    assert created.status_code == 201
    assert created.json == {'id': 4, 'name': 'pen'}
    assert client.simulate_put('/items/4', body=b'abc').content == b'cba'


def test_custom_request_type() -> None:
    seen: list[type[Any]] = []

    class Spy:
        def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
            seen.append(type(req))
            seen.append(type(req.context))

    app = example_app.create_custom_app()
    app.add_middleware(Spy())
    assert falcon.testing.TestClient(app).simulate_get('/items/7').json == {
        'id': 7,
        'user': 'anonymous',
    }
    assert seen == [example_app.AppRequest, example_app.UserContext]
    assert (
        falcon.testing.TestClient(app).simulate_get('/items/7').headers['X-Content-Type-Options']
        == 'nosniff'
    )
    assert example_app.fetch_custom_item(8) == {'id': 8, 'user': 'anonymous'}
    assert falcon.testing.TestClient(app).simulate_get('/me', headers={'X-User': 'ann'}).text == (
        'ann'
    )


def test_asgi_app() -> None:
    client = falcon.testing.TestClient(example_app.create_asgi_app())
    assert client.simulate_get('/items/1', params={'verbose': 'yes'}).json == {
        'id': 1,
        'verbose': True,
    }
    missing = client.simulate_get('/items/1')
    assert missing.status_code == 400
    assert missing.json['title'] == 'Missing parameter'
    put = client.simulate_put('/items/2', json=[1, 2])
    assert put.status_code == 200
    assert put.json == {'id': 2, 'body': [1, 2]}


def test_generic_apps_subscript_at_run_time() -> None:
    alias = falcon.App[example_app.AppRequest, example_app.AppResponse]
    assert alias.__origin__ is falcon.App  # type: ignore[attr-defined]
    assert isinstance(alias(request_type=example_app.AppRequest), falcon.App)
    assert falcon.asgi.App[falcon.asgi.Request, falcon.asgi.Response].__origin__ is (  # type: ignore[attr-defined]
        falcon.asgi.App
    )
