"""The functional API: ``simulate_request(app, ...)`` and its shortcuts.

Rules: each function describes its request (:class:`~falcon.testing._simulation.Simulation`)
and runs it to completion, the way :class:`TestClient` does; an ASGI app runs inside a
lifespan of its own. The ``simulate_<method>`` shortcuts are made by one factory, each with
Falcon's signature ``(app, path, **kwargs)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TextIO

from falcon.core._typing import HeaderArg
from falcon.testing._helpers import DEFAULT_HOST, CookieArg
from falcon.testing._result import Result
from falcon.testing._run import simulate
from falcon.testing._simulation import Simulation, article, named

__all__ = [
    'simulate_delete',
    'simulate_get',
    'simulate_head',
    'simulate_options',
    'simulate_patch',
    'simulate_post',
    'simulate_put',
    'simulate_request',
]


def simulate_request(
    app: Callable[..., Any],
    method: str = 'GET',
    path: str = '/',
    query_string: str | None = None,
    headers: HeaderArg | None = None,
    content_type: str | None = None,
    body: str | bytes | None = None,
    json: Any | None = None,
    file_wrapper: Callable[..., Any] | None = None,
    wsgierrors: TextIO | None = None,
    params: Mapping[str, Any] | None = None,
    params_csv: bool = False,
    protocol: str = 'http',
    host: str = DEFAULT_HOST,
    remote_addr: str | None = None,
    extras: Mapping[str, Any] | None = None,
    http_version: str = '1.1',
    port: int | None = None,
    root_path: str | None = None,
    cookies: CookieArg | None = None,
    asgi_chunk_size: int = 4096,
    asgi_disconnect_ttl: int = 300,
    msgpack: Any | None = None,
) -> Result:
    """Simulate a request to a WSGI or ASGI app and return its response.

    A WSGI app runs under ``wsgiref.validate.validator``; an ASGI app runs on an event loop
    inside a lifespan of its own (startup before the request, shutdown after).

    Args:
        app: The app: ``falcon.App``, ``falcon.asgi.App``, or any WSGI or ASGI callable.
        method: The HTTP method (default ``'GET'``).
        path: The path, starting with ``'/'``. It may end in a query string (``'/x?a=1'``)
            when neither `query_string` nor `params` is given.
        query_string: The raw query string, without a leading ``'?'``; when given, `params`
            is ignored.
        headers: Request headers, as a mapping or as ``(name, value)`` pairs.
        content_type: The ``Content-Type`` header; takes precedence over `headers`.
        body: The body; a ``str`` is encoded as UTF-8. It is sent with a
            ``Content-Length`` unless `headers` has a ``Transfer-Encoding`` (e.g.
            ``{'Transfer-Encoding': 'chunked'}``): the app then sees a chunked body the
            way servers hand it over, without ``Content-Length`` (under WSGI with
            ``wsgi.input_terminated`` set, which ``extras`` may turn off).
        json: A JSON-serializable object to send as the body; sets ``Content-Type`` to
            ``application/json``, overriding `body`, `content_type` and `headers`.
        file_wrapper: ``wsgi.file_wrapper`` for a WSGI app.
        wsgierrors: ``wsgi.errors`` for a WSGI app (default ``sys.stderr``).
        params: Query parameters, used when `query_string` is not given. Lists become
            repeated fields (or comma-separated values with `params_csv`).
        params_csv: Encode list values of `params` as one comma-separated field.
        protocol: ``'http'`` (default) or ``'https'``.
        host: The host, sent in the ``Host`` header unless `headers` has one.
        remote_addr: The client address (default ``'127.0.0.1'``).
        extras: Extra items for the WSGI environ or ASGI scope; they may not change the
            method.
        http_version: ``'1'``, ``'1.0'``, ``'1.1'`` (default), ``'2'`` or ``'2.0'``; with
            HTTP/1.0 no ``Host`` header is sent.
        port: The server port (default 80 for ``http``, 443 for ``https``).
        root_path: The mount point of the app (``SCRIPT_NAME`` / ``root_path``).
        cookies: Cookies to send, as a mapping or ``(name, value)`` pairs.
        asgi_chunk_size: The most body bytes in one ASGI ``http.request`` event.
        asgi_disconnect_ttl: Seconds after which an ASGI app sees the client disconnect;
            0 simulates a client that disconnects before sending the body.
        msgpack: An object to send as a MessagePack body; sets ``Content-Type`` to
            ``application/msgpack``, overriding `body`, `json`, `content_type` and
            `headers`.

    Returns:
        The :class:`Result`.

    Raises:
        ValueError: An argument is invalid (a relative path, a query string given twice,
            extras that change the method, a bad header...).
        AssertionError: The WSGI app broke PEP 3333 (from ``wsgiref.validate``).
        TypeError: The ASGI app sent an event with a field of the wrong type.
        ConnectionError: The ASGI app returned without starting a response (as it does
            when `asgi_disconnect_ttl` is 0, an immediate disconnect).
        RuntimeError: The WSGI app returned without calling ``start_response``, or an
            ASGI app's lifespan startup or shutdown failed.
    """
    simulation = Simulation(
        method,
        path,
        query_string,
        headers,
        content_type,
        body,
        json,
        file_wrapper,
        wsgierrors,
        params,
        params_csv,
        protocol,
        host,
        remote_addr,
        extras,
        http_version,
        port,
        root_path,
        cookies,
        asgi_chunk_size,
        asgi_disconnect_ttl,
        msgpack,
    )
    return simulate(app, simulation)


def _shortcut(method: str) -> Callable[..., Result]:
    """The function ``simulate_<method>(app, path, **kwargs)``."""

    def simulate_method(app: Callable[..., Any], path: str, **kwargs: Any) -> Result:
        return simulate_request(app, method, path, **kwargs)

    return named(
        simulate_method,
        f'simulate_{method.lower()}',
        f'Simulate {article(method)} {method} request; see :func:`simulate_request` for the '
        'keyword arguments.\n\n'
        'Args:\n'
        '    app: The WSGI or ASGI app.\n'
        '    path: The path of the URL; a query string may follow ``?``.\n'
        '    **kwargs: The keyword arguments of :func:`simulate_request`.\n\n'
        'Returns:\n'
        '    The :class:`~falcon.testing.Result` of the request.',
    )


simulate_get = _shortcut('GET')
simulate_head = _shortcut('HEAD')
simulate_post = _shortcut('POST')
simulate_put = _shortcut('PUT')
simulate_options = _shortcut('OPTIONS')
simulate_patch = _shortcut('PATCH')
simulate_delete = _shortcut('DELETE')
