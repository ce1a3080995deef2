"""Fixtures for the end-to-end tests: example apps served by real servers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.e2e_servers import Server, serving

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
