"""Fixtures for the end-to-end tests: example apps served by real servers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.e2e_servers import Server, serving

E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """End-to-end tests run untraced under ``scripts/check``: the code they test runs in the
    server processes, which coverage does not measure, and tracing slows their clients."""
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.no_cover)


ITEMS_SPECS = [
    ('gunicorn', 'resources_sync:wsgi_app'),
    ('uvicorn', 'resources_sync:asgi_app'),
    ('gunicorn', 'resources_async:wsgi_app'),
    ('uvicorn', 'resources_async:asgi_app'),
]


@pytest.fixture(scope='session')
def items_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Server]]:
    """The items API, plain and coroutine resources, each under gunicorn and uvicorn."""
    with serving(ITEMS_SPECS, tmp_path_factory.mktemp('items-servers')) as servers:
        yield servers
