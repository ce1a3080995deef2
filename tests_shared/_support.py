"""Scenario data and the runner shared by every conformance module.

A :class:`Case` is data: how to set up an app (``build``), the request, and what to expect.
:func:`run` builds both kinds of app, sends the request to each, asserts the two answers are
identical (``falcon.testing.compare_modes``) and then checks the expectation on the result.
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pytest

import falcon
from falcon.testing._conformance import compare_modes, is_asgi_app

__all__ = ['MISSING', 'Case', 'cases', 'echo', 'is_asgi', 'jsonable', 'resource', 'run', 'xfail']

MISSING: Any = object()

Build = Callable[[Any], object]


@dataclasses.dataclass
class Case:
    """One conformance scenario: set-up, request and expectation."""

    id: str
    build: Build
    method: str = 'GET'
    path: str = '/'
    request: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    status: int | None = 200
    headers: Mapping[str, str | None] = dataclasses.field(default_factory=dict)
    body: bytes | str | None = None
    json: Any = MISSING
    check: Callable[[Any], object] | None = None
    app_kwargs: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    asgi_build: Build | None = None


def run(case: Case) -> Any:
    """Run ``case`` in both modes; return the (identical) WSGI result."""
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
    if case.json is not MISSING:
        assert result.json == case.json
    if case.check is not None:
        assert case.check(result) is not False, 'check failed'
    return result


def cases(items: Iterable[Case | Any]) -> Any:
    """Parametrize a test over ``items`` by case id."""
    params = [
        item if not isinstance(item, Case) else pytest.param(item, id=item.id) for item in items
    ]
    return pytest.mark.parametrize('case', params)


def xfail(case: Case, reason: str) -> Any:
    """A case the implementation currently gets wrong (strict: it must keep failing)."""
    return pytest.param(case, id=case.id, marks=pytest.mark.xfail(strict=True, reason=reason))


def jsonable(value: Any) -> Any:
    """Make request-derived values JSON friendly (dates, UUIDs, tuples, sets)."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, tuple | list):
        return [jsonable(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(jsonable(item) for item in value)
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    return value


_METHODS = ('get', 'post', 'put', 'patch', 'delete', 'options')


def resource(handler: Callable[..., object], methods: Iterable[str] = ('get',)) -> object:
    """A resource whose ``on_<method>`` responders all call ``handler(req, resp, **params)``."""

    class Resource:
        pass

    def responder(self: object, req: Any, resp: Any, **params: Any) -> None:
        handler(req, resp, **params)

    for method in methods:
        setattr(Resource, f'on_{method}', responder)
    return Resource()


def echo(
    compute: Callable[[Any], Any],
    route: str = '/',
    methods: Iterable[str] = ('get', 'post', 'put'),
    catch: tuple[type[BaseException], ...] = (ValueError, TypeError),
) -> Build:
    """A build function whose responder answers ``{"value": compute(req)}``.

    Exceptions in ``catch`` are answered as ``{"error": "<type name>"}`` with status 200;
    ``HTTPError`` propagates so its status is what the scenario sees.
    """

    def handler(req: Any, resp: Any, **params: Any) -> None:
        try:
            resp.media = {'value': jsonable(compute(req))}
        except falcon.HTTPError:
            raise
        except catch as error:
            resp.media = {'error': type(error).__name__}

    def build(app: Any) -> None:
        app.add_route(route, resource(handler, methods))

    return build


def is_asgi(app: Any) -> bool:
    """Whether the app being built is the ASGI one."""
    return is_asgi_app(app)
