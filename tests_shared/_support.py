"""Building blocks for the conformance scenarios' ``build(app)`` functions.

The scenarios themselves (``Case``) and their both-modes runner (``run``) belong to the one
test harness, ``tests/_harness.py``; this module holds what the scenarios build apps from.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import falcon
from falcon.testing._conformance import is_asgi_app

__all__ = ['echo', 'is_asgi', 'jsonable', 'resource']

Build = Callable[[Any], object]


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
