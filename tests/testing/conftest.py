"""Fixtures for the test client's tests: every app-level test runs against both apps."""

from __future__ import annotations

from typing import Any

import pytest

import falcon.asgi._app
import falcon.wsgi._app


@pytest.fixture(params=['wsgi', 'asgi'])
def app_type(request: pytest.FixtureRequest) -> type[Any]:
    """``falcon.App`` or ``falcon.asgi.App``."""
    if request.param == 'wsgi':
        return falcon.wsgi._app.App
    return falcon.asgi._app.App


@pytest.fixture
def asgi(app_type: type[Any]) -> bool:
    """Whether the app under test is the ASGI one."""
    return app_type is falcon.asgi._app.App
