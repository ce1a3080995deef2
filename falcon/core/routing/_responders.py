"""Built-in responders: not found, bad request, method not allowed, default OPTIONS.

Rules: every responder here is a plain function with the signature
``(req, resp, **kwargs)`` that does no I/O, so both the WSGI and the ASGI lifecycle may call
it inline. Each carries the attribute ``__falcon_builtin__ = True``, which the lifecycle
reads to skip offloading it to a thread pool. The factories build their closures once per
route, at ``add_route`` time, never per request.

The ``_async`` responders, and what the factories return when given ``asgi=True``, are
coroutine functions with the same behaviour, for code that awaits a responder itself; they
are not marked builtin, so the lifecycle awaits them like any coroutine responder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NoReturn, TypeVar

from falcon.core._errors import HTTPBadRequest, HTTPMethodNotAllowed, HTTPRouteNotFound

__all__ = [
    'bad_request',
    'bad_request_async',
    'create_default_options',
    'create_method_not_allowed',
    'path_not_found',
    'path_not_found_async',
]

_FuncT = TypeVar('_FuncT', bound=Callable[..., Any])


def _builtin(func: _FuncT) -> _FuncT:
    func.__falcon_builtin__ = True  # type: ignore[attr-defined]
    return func


@_builtin
def path_not_found(req: Any, resp: Any, **kwargs: Any) -> NoReturn:
    """Raise 404 Not Found: no route matches the request path.

    Args:
        req: The request.
        resp: The response.
        **kwargs: Route parameters (ignored).

    Raises:
        HTTPRouteNotFound: Always.
    """
    raise HTTPRouteNotFound()


@_builtin
def bad_request(req: Any, resp: Any, **kwargs: Any) -> NoReturn:
    """Raise 400 Bad Request: the request method is not a known HTTP method.

    Args:
        req: The request.
        resp: The response.
        **kwargs: Route parameters (ignored).

    Raises:
        HTTPBadRequest: Always.
    """
    raise HTTPBadRequest(title='Bad request', description='Invalid HTTP method')


async def path_not_found_async(req: Any, resp: Any, **kwargs: Any) -> NoReturn:
    """Raise 404 Not Found, as :func:`path_not_found` does, from a coroutine.

    Raises:
        HTTPRouteNotFound: Always.
    """
    path_not_found(req, resp, **kwargs)


async def bad_request_async(req: Any, resp: Any, **kwargs: Any) -> NoReturn:
    """Raise 400 Bad Request, as :func:`bad_request` does, from a coroutine.

    Raises:
        HTTPBadRequest: Always.
    """
    bad_request(req, resp, **kwargs)


def create_method_not_allowed(
    allowed_methods: Iterable[str], asgi: bool = False
) -> Callable[..., Any]:
    """Create a responder that raises 405 Method Not Allowed.

    Args:
        allowed_methods: The methods the resource supports, listed in the ``Allow`` header.
        asgi: When true, return a coroutine function instead of a plain one.

    Returns:
        A responder raising :class:`HTTPMethodNotAllowed` with *allowed_methods*.
    """
    allowed = list(allowed_methods)

    @_builtin
    def method_not_allowed(req: Any, resp: Any, **kwargs: Any) -> NoReturn:
        raise HTTPMethodNotAllowed(allowed)

    if asgi:

        async def method_not_allowed_async(req: Any, resp: Any, **kwargs: Any) -> NoReturn:
            method_not_allowed(req, resp, **kwargs)

        return method_not_allowed_async
    return method_not_allowed


def create_default_options(
    allowed_methods: Iterable[str], asgi: bool = False
) -> Callable[..., Any]:
    """Create the default OPTIONS responder for a resource.

    The responder answers ``200 OK`` with an ``Allow`` header listing *allowed_methods* and
    an empty body; with no allowed methods the ``Allow`` header is left out.

    Args:
        allowed_methods: The methods the resource supports.
        asgi: When true, return a coroutine function instead of a plain one.

    Returns:
        The OPTIONS responder.
    """
    allowed = ', '.join(allowed_methods)

    @_builtin
    def on_options(req: Any, resp: Any, **kwargs: Any) -> None:
        resp.status = '200 OK'
        if allowed:
            resp.set_header('Allow', allowed)
        resp.set_header('Content-Length', '0')

    if asgi:

        async def on_options_async(req: Any, resp: Any, **kwargs: Any) -> None:
            on_options(req, resp, **kwargs)

        return on_options_async
    return on_options
