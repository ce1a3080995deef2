"""The one test harness: how a test runs the same app code on both kinds of app.

The root ``conftest.py`` registers this module as a pytest plugin, so its fixtures reach every
test under ``tests/`` and ``tests_shared/``. No folder defines its own copy; a folder that
needs more (say, a setting on every app it builds) overrides a fixture by requesting the one
defined here and adding to it.

Two ways to cover both modes, pick the one the test needs:

* **One test per app kind.** The ``asgi`` fixture is ``False`` for ``falcon.App`` and
  ``True`` for ``falcon.asgi.App`` (test ids ``[wsgi]`` and ``[asgi]``); ``make_app(**kwargs)``
  builds the app of that kind and ``app_type`` is its class. Use these when the test's
  resources must differ by kind (``async def`` responders) or it inspects one app.
* **One scenario, both apps.** A :class:`Case` is data: a ``build(app)`` function, the request
  and the expected answer. :func:`run` builds both apps, sends each the request, asserts the
  two answers are identical (``falcon.testing._conformance.compare_modes``) and then checks
  the expectation. :func:`cases` parametrizes a test over cases by their ids.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pytest

import falcon
import falcon.asgi
from falcon.testing._conformance import compare_modes

__all__ = ['Case', 'app_type', 'asgi', 'cases', 'make_app', 'run']

_NO_JSON: Any = object()

Build = Callable[[Any], object]


@pytest.fixture(params=[False, True], ids=['wsgi', 'asgi'])
def asgi(request: pytest.FixtureRequest) -> bool:
    """Whether the test builds a ``falcon.asgi.App`` (True) or a ``falcon.App`` (False)."""
    return bool(request.param)


@pytest.fixture
def app_type(asgi: bool) -> type[Any]:
    """The app class of the kind under test: ``falcon.App`` or ``falcon.asgi.App``."""
    return falcon.asgi.App if asgi else falcon.App


@pytest.fixture
def make_app(app_type: type[Any]) -> Callable[..., Any]:
    """A factory for the app kind under test; it takes the app's keyword arguments."""

    def factory(**kwargs: Any) -> Any:
        return app_type(**kwargs)

    return factory


@dataclasses.dataclass
class Case:
    """One both-modes scenario: set-up, request and expected answer.

    ``status``, ``headers`` (a value of ``None`` means the header must be absent), ``body``,
    ``json`` and ``check`` (a function of the result that must not return ``False``) are
    checked when given; ``request`` holds the keyword arguments of ``simulate_request``.
    """

    id: str
    build: Build
    method: str = 'GET'
    path: str = '/'
    request: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    status: int | None = 200
    headers: Mapping[str, str | None] = dataclasses.field(default_factory=dict)
    body: bytes | str | None = None
    json: Any = _NO_JSON
    check: Callable[[Any], object] | None = None
    app_kwargs: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    asgi_build: Build | None = None


def run(case: Case) -> Any:
    """Run ``case`` on both kinds of app; return the (identical) WSGI result."""
    result, _ = compare_modes(
        case.build,
        case.method,
        case.path,
        app_kwargs=case.app_kwargs,
        asgi_build=case.asgi_build,
        **case.request,
    )
    if case.status is not None:
        assert result.status_code == case.status, (result.status, result.content)
    for name, value in case.headers.items():
        if value is None:
            assert name not in result.headers, (name, result.headers)
        else:
            assert result.headers.get(name) == value, (name, result.headers)
    if case.body is not None:
        expected = case.body.encode() if isinstance(case.body, str) else case.body
        assert result.content == expected
    if case.json is not _NO_JSON:
        assert result.json == case.json
    if case.check is not None:
        assert case.check(result) is not False, 'check failed'
    return result


def cases(items: Iterable[Case | Any]) -> Any:
    """Parametrize a test's ``case`` argument over ``items``, each named by its id."""
    params = [
        item if not isinstance(item, Case) else pytest.param(item, id=item.id) for item in items
    ]
    return pytest.mark.parametrize('case', params)
