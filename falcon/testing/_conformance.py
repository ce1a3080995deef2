"""Run one app definition under both adapters and prove they answer alike.

A *build* function registers routes, sinks, middleware and error handlers on the app it is
given. :func:`both_modes` calls it on a fresh ``falcon.App`` (WSGI) and a fresh
``falcon.asgi.App`` (ASGI); :func:`compare_modes` then simulates the same request against both
and asserts that the status code, the headers (names compared case-insensitively), the
cookies and the body bytes are identical, returning both results for further checks.

The reason phrase is the one part of the answer not compared: ASGI sends only the numeric
status, so the phrase of an ASGI result is the client's reconstruction, not the app's.

The build function may look at the app it receives (see :func:`is_asgi_app`) when a resource
must differ between modes, e.g. ``await req.get_media()`` versus ``req.get_media()``; or a
separate ``asgi_build`` may be passed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import falcon
import falcon.asgi

__all__ = [
    'ModeMismatchError',
    'app_kinds',
    'assert_same_result',
    'both_modes',
    'compare_apps',
    'compare_modes',
    'is_asgi_app',
]

#: The two app classes, WSGI first: ``@pytest.fixture(params=falcon.testing.app_kinds)``.
app_kinds: tuple[type[falcon.App], type[falcon.asgi.App]] = (falcon.App, falcon.asgi.App)

BuildFunction = Callable[[Any], object]


class ModeMismatchError(AssertionError):
    """The WSGI and the ASGI app answered the same request differently.

    Args:
        aspect: What differed: ``'status'`` (the code), ``'headers'``, ``'cookies'`` or
            ``'body'``.
        wsgi_value: The value seen from the WSGI app.
        asgi_value: The value seen from the ASGI app.
    """

    def __init__(self, aspect: str, wsgi_value: object, asgi_value: object) -> None:
        self.aspect = aspect
        self.wsgi_value = wsgi_value
        self.asgi_value = asgi_value
        super().__init__(
            f'WSGI and ASGI responses differ in {aspect}:\n'
            f'  wsgi: {wsgi_value!r}\n'
            f'  asgi: {asgi_value!r}'
        )


def is_asgi_app(app: object) -> bool:
    """Tell whether ``app`` is an ASGI app (``falcon.asgi.App`` or a subclass).

    Args:
        app: The app handed to a build function.

    Returns:
        ``True`` for an ASGI app, ``False`` for a WSGI one.
    """
    return isinstance(app, falcon.asgi.App)


def both_modes(
    build: BuildFunction,
    *,
    asgi_build: BuildFunction | None = None,
    **app_kwargs: Any,
) -> tuple[falcon.App, falcon.asgi.App]:
    """Create a WSGI and an ASGI app and let ``build`` set each one up.

    Args:
        build: Called once with each new app; registers routes, middleware, handlers.
        asgi_build: When given, used for the ASGI app instead of ``build``.
        **app_kwargs: Passed to both app constructors (e.g. ``middleware=...``,
            ``cors_enable=True``). Must not hold mode-specific objects.

    Returns:
        The pair ``(wsgi_app, asgi_app)``.
    """
    wsgi_app = falcon.App(**app_kwargs)
    asgi_app = falcon.asgi.App(**app_kwargs)
    build(wsgi_app)
    (asgi_build or build)(asgi_app)
    return wsgi_app, asgi_app


def _header_map(result: Any) -> dict[str, str]:
    return {name.lower(): value for name, value in result.headers.items()}


def _cookie_map(result: Any) -> dict[str, tuple[object, ...]]:
    return {
        name: (
            cookie.value,
            cookie.expires,
            cookie.path,
            cookie.domain,
            cookie.max_age,
            cookie.secure,
            cookie.http_only,
            cookie.same_site,
            cookie.partitioned,
        )
        for name, cookie in result.cookies.items()
    }


def assert_same_result(wsgi_result: Any, asgi_result: Any) -> None:
    """Assert two simulated results carry the same status, headers, cookies and body.

    Statuses are compared by code: an ASGI response carries no reason phrase.

    Args:
        wsgi_result: The :class:`falcon.testing.Result` from the WSGI app.
        asgi_result: The :class:`falcon.testing.Result` from the ASGI app.

    Raises:
        ModeMismatchError: On the first aspect that differs.
    """
    if wsgi_result.status_code != asgi_result.status_code:
        raise ModeMismatchError('status', wsgi_result.status, asgi_result.status)
    wsgi_headers = _header_map(wsgi_result)
    asgi_headers = _header_map(asgi_result)
    if wsgi_headers != asgi_headers:
        raise ModeMismatchError('headers', wsgi_headers, asgi_headers)
    wsgi_cookies = _cookie_map(wsgi_result)
    asgi_cookies = _cookie_map(asgi_result)
    if wsgi_cookies != asgi_cookies:
        raise ModeMismatchError('cookies', wsgi_cookies, asgi_cookies)
    if wsgi_result.content != asgi_result.content:
        raise ModeMismatchError('body', wsgi_result.content, asgi_result.content)


def compare_apps(
    wsgi_app: Any,
    asgi_app: Any,
    method: str = 'GET',
    path: str = '/',
    **simulate_kwargs: Any,
) -> tuple[Any, Any]:
    """Simulate one request against two existing apps and assert the answers match.

    Args:
        wsgi_app: A WSGI app, usually from :func:`both_modes`.
        asgi_app: An ASGI app, usually from :func:`both_modes`.
        method: The HTTP method.
        path: The request path (may not carry a query string; use ``query_string``).
        **simulate_kwargs: Passed to :func:`falcon.testing.simulate_request` for both
            requests (``headers``, ``query_string``, ``params``, ``body``, ``json``,
            ``cookies`` ...).

    Returns:
        The pair ``(wsgi_result, asgi_result)`` of :class:`falcon.testing.Result`.

    Raises:
        ModeMismatchError: When status, headers, cookies or body differ.
    """
    from falcon import testing

    wsgi_result = testing.simulate_request(wsgi_app, method, path, **simulate_kwargs)
    asgi_result = testing.simulate_request(asgi_app, method, path, **simulate_kwargs)
    assert_same_result(wsgi_result, asgi_result)
    return wsgi_result, asgi_result


def compare_modes(
    build: BuildFunction,
    method: str = 'GET',
    path: str = '/',
    *,
    app_kwargs: Mapping[str, Any] | None = None,
    asgi_build: BuildFunction | None = None,
    **simulate_kwargs: Any,
) -> tuple[Any, Any]:
    """Build both kinds of app, send each the same request, and assert they answer alike.

    Example::

        def build(app):
            app.add_route('/items/{item_id:int}', ItemResource())

        wsgi_result, asgi_result = compare_modes(build, 'GET', '/items/7')
        assert wsgi_result.json == {'id': 7}

    Args:
        build: Called with each new app to register routes and components.
        method: The HTTP method.
        path: The request path.
        app_kwargs: Keyword arguments for both app constructors.
        asgi_build: When given, sets up the ASGI app instead of ``build``.
        **simulate_kwargs: Passed to :func:`falcon.testing.simulate_request`.

    Returns:
        The pair ``(wsgi_result, asgi_result)``.

    Raises:
        ModeMismatchError: When status, headers, cookies or body differ.
    """
    wsgi_app, asgi_app = both_modes(build, asgi_build=asgi_build, **dict(app_kwargs or {}))
    return compare_apps(wsgi_app, asgi_app, method, path, **simulate_kwargs)
