"""Fixtures for the compatibility probes: every app-level test runs once per app kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.asgi


@pytest.fixture(params=[False, True], ids=['wsgi', 'asgi'])
def asgi(request: pytest.FixtureRequest) -> bool:
    """Tell whether the test builds an ASGI app (True) or a WSGI app (False)."""
    return bool(request.param)


@pytest.fixture
def make_app(asgi: bool) -> Callable[..., Any]:
    """Return a factory for the app kind under test, taking the App keyword arguments."""

    def factory(**kwargs: Any) -> Any:
        if asgi:
            return falcon.asgi.App(**kwargs)
        return falcon.App(**kwargs)

    return factory
