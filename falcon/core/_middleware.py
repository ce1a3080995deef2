"""The middleware plan: which methods of which components run, in what order.

Rules: built once when the app is created or ``add_middleware`` is called, never per request
(PERF: the lifecycle walks prepared tuples of ``(method, kind)``). A component's methods may
be plain or ``async def`` in either kind of app. Where a component offers both spellings
(``process_request`` and ``process_request_async``), the ASGI app takes the ``_async`` one and
the WSGI app the plain one.

Ordering follows Falcon: ``process_request`` and ``process_resource`` in the order given,
``process_response`` in reverse. With independent middleware every ``process_response`` runs;
otherwise only those of components whose ``process_request`` ran (the stack unwinds).

The apps prepare their plan through ``prepare_middleware``, looked up at
``falcon.app_helpers.prepare_middleware`` when it is called, so an integration that wraps
that function (Sentry adds its own component there) takes effect.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from falcon.core._calls import call_kind

__all__ = ['MiddlewarePlan', 'plan_middleware', 'prepare_middleware', 'prepare_middleware_ws']

Step = tuple[Callable[..., Any], int]
OptionalStep = tuple[Callable[..., Any] | None, int]

_METHODS = (
    'process_request',
    'process_resource',
    'process_response',
    'process_startup',
    'process_shutdown',
    'process_request_ws',
    'process_resource_ws',
)


class MiddlewarePlan(NamedTuple):
    """Prepared middleware steps."""

    request: tuple[Step, ...]
    resource: tuple[Step, ...]
    response: tuple[Step, ...]
    request_pairs: tuple[tuple[OptionalStep, OptionalStep], ...]
    startup: tuple[Step, ...]
    shutdown: tuple[Step, ...]
    request_ws: tuple[Step, ...]
    resource_ws: tuple[Step, ...]
    components: tuple[Any, ...]


def _method(component: Any, name: str, prefer_async: bool) -> Callable[..., Any] | None:
    plain = getattr(component, name, None)
    asynchronous = getattr(component, name + '_async', None)
    if prefer_async:
        return asynchronous or plain
    return plain or asynchronous


def plan_middleware(components: Iterable[Any], prefer_async: bool) -> MiddlewarePlan:
    """Prepare the plan for ``components``.

    Raises:
        TypeError: A component implements none of the middleware methods.
    """
    components = tuple(components)
    found: dict[str, list[Step]] = {name: [] for name in _METHODS}
    pairs: list[tuple[OptionalStep, OptionalStep]] = []
    for component in components:
        methods = {name: _method(component, name, prefer_async) for name in _METHODS}
        if not any(methods.values()):
            raise TypeError(
                f'{component!r} is not middleware: it has none of the methods '
                + ', '.join(_METHODS)
            )
        for name, method in methods.items():
            if method is not None:
                found[name].append((method, call_kind(method)))
        req_method = methods['process_request']
        resp_method = methods['process_response']
        if req_method is not None or resp_method is not None:
            pairs.append(
                (
                    (req_method, 0 if req_method is None else call_kind(req_method)),
                    (resp_method, 0 if resp_method is None else call_kind(resp_method)),
                )
            )
    return MiddlewarePlan(
        request=tuple(found['process_request']),
        resource=tuple(found['process_resource']),
        response=tuple(reversed(found['process_response'])),
        request_pairs=tuple(pairs),
        startup=tuple(found['process_startup']),
        shutdown=tuple(reversed(found['process_shutdown'])),
        request_ws=tuple(found['process_request_ws']),
        resource_ws=tuple(found['process_resource_ws']),
        components=components,
    )


def prepare_middleware(
    middleware: Iterable[Any] | None = None,
    independent_middleware: bool = False,
    asgi: bool = False,
) -> MiddlewarePlan:
    """Check the components' interfaces and prepare their methods for request handling.

    The plan holds both orders of ``process_response`` (independent, and paired with
    ``process_request``); the app picks one with its own ``independent_middleware`` flag, so
    that argument is accepted and changes nothing here. ``asgi`` prefers a component's
    ``*_async`` methods where it offers both spellings.

    Raises:
        TypeError: A component implements none of the middleware methods.
    """
    return plan_middleware(middleware or (), asgi)


def prepare_middleware_ws(
    middleware: Iterable[Any],
) -> tuple[list[Callable[..., Any]], list[Callable[..., Any]]]:
    """The ``process_request_ws`` and ``process_resource_ws`` methods of the components, in
    order, as a ``(request_mw, resource_mw)`` pair."""
    plan = plan_middleware(middleware, True)
    return [method for method, _ in plan.request_ws], [method for method, _ in plan.resource_ws]
