"""Built-in responders: not found, bad request, method not allowed, default OPTIONS.

Rules: every responder here is a plain function with the signature
``(req, resp, **kwargs)`` that does no I/O, so both the WSGI and the ASGI lifecycle may call
it inline. Each carries the attribute ``__falcon_builtin__ = True``, which the lifecycle
reads to skip offloading it to a thread pool. The factories build their closures once per
route, at ``add_route`` time, never per request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NoReturn, TypeVar

from falcon.core._errors import HTTPBadRequest, HTTPMethodNotAllowed, HTTPRouteNotFound

__all__ = [
    'bad_request',
    'create_default_options',
    'create_method_not_allowed',
    'path_not_found',
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


def create_method_not_allowed(
    allowed_methods: Iterable[str], asgi: bool = False
) -> Callable[..., NoReturn]:
    """Create a responder that raises 405 Method Not Allowed.

    Args:
        allowed_methods: The methods the resource supports, listed in the ``Allow`` header.
        asgi: Accepted for compatibility; the same plain responder serves both kinds of app.

    Returns:
        A responder raising :class:`HTTPMethodNotAllowed` with *allowed_methods*.
    """
    allowed = list(allowed_methods)

    @_builtin
    def method_not_allowed(req: Any, resp: Any, **kwargs: Any) -> NoReturn:
        raise HTTPMethodNotAllowed(allowed)

    return method_not_allowed


def create_default_options(
    allowed_methods: Iterable[str], asgi: bool = False
) -> Callable[..., None]:
    """Create the default OPTIONS responder for a resource.

    The responder answers ``200 OK`` with an ``Allow`` header listing *allowed_methods* and
    an empty body.

    Args:
        allowed_methods: The methods the resource supports.
        asgi: Accepted for compatibility; the same plain responder serves both kinds of app.

    Returns:
        The OPTIONS responder.
    """
    allowed = ', '.join(allowed_methods)

    @_builtin
    def on_options(req: Any, resp: Any, **kwargs: Any) -> None:
        resp.status = '200 OK'
        resp.set_header('Allow', allowed)
        resp.set_header('Content-Length', '0')

    return on_options
