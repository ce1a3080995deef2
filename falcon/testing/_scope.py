"""Building simulated ASGI connections: HTTP and WebSocket scopes, and ASGI requests.

Rules: a scope follows the ASGI HTTP and WebSocket specs (bytes for raw values, lowercase
header names); its headers come from the same :func:`~falcon.testing._helpers.merged_headers`
as a WSGI environ's. The two kinds of scope are built by one function and differ only in what
is theirs: the method of an HTTP request, the subprotocols a WebSocket client offers. Invalid
arguments raise ``ValueError`` naming the argument.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from typing import Any

from falcon.asgi._request import Request as AsgiRequest
from falcon.core._options import RequestOptions
from falcon.core._typing import HeaderArg
from falcon.core._uri import decode, encode_check_escaped
from falcon.testing._asgi import ASGIRequestEventEmitter
from falcon.testing._helpers import (
    DEFAULT_HOST,
    DEFAULT_PORTS,
    WS_HTTP_VERSIONS,
    CookieArg,
    checked_path,
    checked_query_string,
    merged_headers,
    normalized_http_version,
)

__all__ = ['create_asgi_req', 'create_scope', 'create_scope_ws']


def _scope(
    scope_type: str,
    *,
    path: str,
    query_string: str,
    headers: HeaderArg | None,
    host: str,
    scheme: str | None,
    port: int | None,
    http_version: str,
    remote_addr: str | None,
    root_path: str | None,
    include_server: bool,
    method: str = 'GET',
    content_length: int | None = None,
    cookies: CookieArg | None = None,
    subprotocols: str | Iterable[str] | None = None,
    spec_version: str = '2.4',
) -> dict[str, Any]:
    """The scope of an HTTP or a WebSocket connection.

    It takes the arguments of :func:`create_scope` or :func:`create_scope_ws` by their names:
    each passes its own, all of them, as ``**locals()``.
    """
    websocket = scope_type == 'websocket'
    if websocket:
        version = normalized_http_version(http_version, WS_HTTP_VERSIONS)
        scheme = _scope_scheme(scheme, ('ws', 'wss'))
    else:
        version = normalized_http_version(http_version)
        scheme = _scope_scheme(scheme, ('http', 'https'))
    port = DEFAULT_PORTS[scheme] if port is None else int(port)
    offered: list[str] = []
    if subprotocols:
        names = subprotocols.split(',') if isinstance(subprotocols, str) else subprotocols
        offered = [name.strip() for name in names if name.strip()]
    header_list = merged_headers(headers, host, scheme, port, version, cookies, content_length)
    if offered and not any(name.lower() == 'sec-websocket-protocol' for name, _ in header_list):
        header_list.append(('Sec-WebSocket-Protocol', ', '.join(offered)))
    path = checked_path(path)
    query_string = checked_query_string(query_string)
    # As the ASGI spec has it, neither path nor raw_path carries the query string.
    path, _, path_query = path.partition('?')
    query_string = query_string or path_query
    scope: dict[str, Any] = {
        'type': scope_type,
        'scheme': scheme,
        'path': decode(path, unquote_plus=False),
        'raw_path': encode_check_escaped(path).encode('ascii'),
        'query_string': query_string.encode('utf-8'),
        'root_path': root_path or '',
        'headers': [
            [name.lower().encode('latin-1'), value.encode('latin-1')]
            for name, value in header_list
        ],
        # Clients connect from the IANA dynamic port range.
        'client': (remote_addr or '127.0.0.1', random.randint(49152, 65535)),
    }
    if include_server:
        scope['server'] = (host, port)
    scope['asgi'] = {'version': '3.0', 'spec_version': spec_version}
    scope['http_version'] = version
    if websocket:
        scope['subprotocols'] = offered
    else:
        scope['method'] = method.upper()
    return scope


def _scope_scheme(scheme: str | None, allowed: tuple[str, str]) -> str:
    scheme = (scheme or allowed[0]).lower()
    if scheme not in allowed:
        raise ValueError(f'scheme must be {allowed[0]!r} or {allowed[1]!r}, not {scheme!r}')
    return scheme


def create_scope(
    path: str = '/',
    query_string: str = '',
    method: str = 'GET',
    headers: HeaderArg | None = None,
    host: str = DEFAULT_HOST,
    scheme: str | None = None,
    port: int | None = None,
    http_version: str = '1.1',
    remote_addr: str | None = None,
    root_path: str | None = None,
    content_length: int | None = None,
    include_server: bool = True,
    cookies: CookieArg | None = None,
) -> dict[str, Any]:
    """Build an ASGI HTTP connection scope for a simulated request.

    Args:
        path: The request path; ``path`` holds it percent-decoded and ``raw_path`` holds
            its bytes as sent. A query string after ``'?'`` goes to ``query_string`` (when
            that argument is empty), never into ``path`` or ``raw_path``.
        query_string: The raw query string, without a leading ``'?'``.
        method: The request method (uppercased).
        headers: Request headers, as a mapping or as ``(name, value)`` pairs; repeated
            names are joined with commas.
        host: The server host, and the ``Host`` header unless `headers` sets one.
        scheme: ``'http'`` (default) or ``'https'``.
        port: The server port (default 80 for ``http``, 443 for ``https``).
        http_version: ``'1'``, ``'1.0'``, ``'1.1'`` (default), ``'2'`` or ``'2.0'``.
        remote_addr: The client address (default ``'127.0.0.1'``).
        root_path: The mount point of the app (default ``''``).
        content_length: Adds a ``Content-Length`` header unless `headers` sets one or has a
            ``Transfer-Encoding`` (a chunked body, as ASGI servers pass it on).
        include_server: Add the ``server`` key (default ``True``).
        cookies: Cookies to send in a ``Cookie`` header.

    Returns:
        The scope.

    Raises:
        ValueError: The path, query string, scheme, HTTP version or a header is invalid.
    """
    return _scope('http', **locals())


def create_scope_ws(
    path: str = '/',
    query_string: str = '',
    headers: HeaderArg | None = None,
    host: str = DEFAULT_HOST,
    scheme: str | None = None,
    port: int | None = None,
    http_version: str = '1.1',
    remote_addr: str | None = None,
    root_path: str | None = None,
    include_server: bool = True,
    subprotocols: str | Iterable[str] | None = None,
    spec_version: str = '2.1',
) -> dict[str, Any]:
    """Build an ASGI WebSocket connection scope for a simulated handshake.

    Args:
        path: The request path (see :func:`create_scope`).
        query_string: The raw query string, without a leading ``'?'``.
        headers: Request headers, as a mapping or as ``(name, value)`` pairs.
        host: The server host, and the ``Host`` header unless `headers` sets one.
        scheme: ``'ws'`` (default) or ``'wss'``.
        port: The server port (default 80 for ``ws``, 443 for ``wss``).
        http_version: ``'1.1'`` (default), ``'2'`` or ``'2.0'``.
        remote_addr: The client address (default ``'127.0.0.1'``).
        root_path: The mount point of the app (default ``''``).
        include_server: Add the ``server`` key (default ``True``).
        subprotocols: Subprotocols the client offers: a comma-separated ``str`` or an
            iterable of names. They are also sent in ``Sec-WebSocket-Protocol``.
        spec_version: The ASGI spec version to announce (default ``'2.1'``).

    Returns:
        The scope.

    Raises:
        ValueError: The path, query string, scheme, HTTP version or a header is invalid.
    """
    return _scope('websocket', **locals())


def create_asgi_req(
    body: str | bytes | None = None,
    req_type: type[Any] | None = None,
    options: RequestOptions | None = None,
    **kwargs: Any,
) -> AsgiRequest:
    """Create a ``falcon.asgi.Request`` for a simulated request.

    Args:
        body: The request body (a ``str`` is encoded as UTF-8), delivered by an
            :class:`ASGIRequestEventEmitter`; a ``Content-Length`` header is added for it
            unless one is given.
        req_type: The request class (default ``falcon.asgi.Request``).
        options: The :class:`falcon.RequestOptions` the request uses.
        **kwargs: Passed to :func:`create_scope`.

    Returns:
        The request.
    """
    if isinstance(body, str):
        body = body.encode('utf-8')
    body = body or b''
    if body and 'content_length' not in kwargs:
        kwargs['content_length'] = len(body)
    scope = create_scope(**kwargs)
    emitter = ASGIRequestEventEmitter(body, disconnect_at=time.time() + 300)
    request: AsgiRequest = (req_type or AsgiRequest)(scope, emitter, options=options)
    return request
