"""Building simulated requests: the helpers, the header list, WSGI environs and requests.

Rules: an environ follows PEP 3333 (native strings; the decoded path tunnelled through
ISO-8859-1 as servers do). Its headers come from :func:`merged_headers`, which also builds
those of an ASGI scope (``falcon.testing._scope``), so a request simulated against
``falcon.App`` and ``falcon.asgi.App`` carries the same headers. Invalid arguments raise
``ValueError`` naming the argument.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import random
import socket
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TextIO

from falcon.core._misc import deprecated, get_encoding_from_headers
from falcon.core._options import RequestOptions
from falcon.core._structures import CaseInsensitiveDict
from falcon.core._typing import HeaderArg
from falcon.core._uri import decode
from falcon.core._version import __version__
from falcon.wsgi._request import Request

# The names ``falcon.testing.helpers`` re-exports; ``StartResponseMock`` has its own module
# (``falcon.testing.srmock``), and the rest serve the test client only.
__all__ = [
    'DEFAULT_HOST',
    'DEFAULT_UA',
    'closed_wsgi_iterable',
    'create_environ',
    'create_req',
    'get_encoding_from_headers',
    'get_unused_port',
    'rand_string',
    'redirected',
]

DEFAULT_HOST = 'falconframework.org'
"""The host used when a simulated request does not name one."""

DEFAULT_UA = f'falcon-client/{__version__}'
"""The ``User-Agent`` of simulated requests that do not set one (assign a new value on
``falcon.testing.helpers`` to change it)."""

CookieArg = Mapping[str, Any] | Iterable[tuple[str, Any]]
"""Cookies to send: a mapping or pairs of name and value (a ``str`` or an object with a
``value`` attribute, such as :class:`falcon.testing.Cookie`)."""

HTTP_VERSIONS = {'1': '1.0', '1.0': '1.0', '1.1': '1.1', '2': '2', '2.0': '2'}
# A WebSocket handshake needs HTTP/1.1 or later.
WS_HTTP_VERSIONS = {'1.1': '1.1', '2': '2', '2.0': '2'}
DEFAULT_PORTS = {'http': 80, 'https': 443, 'ws': 80, 'wss': 443}
# Headers a client sends once; a repeated value replaces the earlier one instead of being
# joined to it.
_SINGLETON_HEADERS = frozenset(('content-type', 'content-length', 'host', 'user-agent'))


def rand_string(min: int, max: int) -> str:
    """Return a random string of printable ASCII characters.

    Args:
        min: The shortest length to return.
        max: The longest length to return.

    Returns:
        A string whose length is between `min` and `max`, inclusive.
    """
    length = random.randint(min, max)
    return ''.join(chr(random.randint(ord(' '), ord('~'))) for _ in range(length))


def get_unused_port() -> int:
    """Return a TCP port on ``localhost`` that nothing listens on at the moment of the call.

    Returns:
        The port number (another process may take it before you bind it).
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(('localhost', 0))
        port: int = sock.getsockname()[1]
        return port


@deprecated(
    "Use the standard library's contextlib.redirect_stdout() and "
    'contextlib.redirect_stderr() instead.'
)
@contextlib.contextmanager
def redirected(stdout: TextIO | None = None, stderr: TextIO | None = None) -> Iterator[None]:
    """Redirect ``sys.stdout`` and/or ``sys.stderr`` for the duration of a ``with`` block.

    Deprecated since Falcon 4.3 (each call emits a ``DeprecatedWarning``): use
    :func:`contextlib.redirect_stdout` and :func:`contextlib.redirect_stderr` instead.

    Example::

        buffer = io.StringIO()
        with redirected(stdout=buffer):
            print('hello')
        assert buffer.getvalue() == 'hello\\n'

    Args:
        stdout: Where to send standard output (``None`` leaves it where it is).
        stderr: Where to send standard error (``None`` leaves it where it is).
    """
    old_stdout, old_stderr = sys.stdout, sys.stderr
    if stdout is not None:
        sys.stdout = stdout
    if stderr is not None:
        sys.stderr = stderr
    try:
        yield
    finally:
        sys.stdout, sys.stderr = old_stdout, old_stderr


def closed_wsgi_iterable(iterable: Iterable[bytes]) -> Iterable[bytes]:
    """Wrap a WSGI response iterable so that its ``close()`` is always called.

    The iterable is walked the way PEP 3333's example server does; its ``close()`` method,
    when it has one, is called once iteration is exhausted or fails. The first chunk is
    fetched before returning, so that an app written as a generator has called
    ``start_response`` by the time this function returns.

    Args:
        iterable: What the WSGI app returned.

    Returns:
        An iterable of the same chunks.
    """

    def walk() -> Iterator[bytes]:
        try:
            yield from iterable
        finally:
            close = getattr(iterable, 'close', None)
            if close is not None:
                close()

    chunks = walk()
    head: tuple[bytes, ...]
    try:
        head = (next(chunks),)
    except StopIteration:
        head = ()
    return itertools.chain(head, chunks)


class StartResponseMock:
    """A WSGI ``start_response`` callable that records what the app passed to it.

    Attributes:
        status (str): The status line, e.g. ``'200 OK'``.
        headers (list[tuple[str, str]]): The headers, names lowercased.
        headers_dict (CaseInsensitiveDict): The headers as a case-insensitive mapping.
        exc_info: The ``exc_info`` argument of the last call.
    """

    def __init__(self) -> None:
        self._called = 0
        self.status: str | None = None
        self.headers: list[tuple[str, str]] | None = None
        self.headers_dict: CaseInsensitiveDict = CaseInsensitiveDict()
        self.exc_info: Any | None = None

    def __call__(
        self, status: str, headers: Iterable[tuple[str, str]], exc_info: Any | None = None
    ) -> Any:
        """Record the response head, as a WSGI server's ``start_response`` would take it.

        Args:
            status: The status line, such as ``'200 OK'``.
            headers: The ``(name, value)`` pairs of the response headers.
            exc_info: The exception information an app passes when it replaces a head.

        Returns:
            ``None`` (a real server returns a ``write`` callable).
        """
        self._called += 1
        self.status = status
        self.headers = [(name.lower(), value) for name, value in headers]
        self.headers_dict = CaseInsensitiveDict(self.headers)
        self.exc_info = exc_info
        return None

    @property
    def call_count(self) -> int:
        """How many times the app called ``start_response``."""
        return self._called


# -- headers -------------------------------------------------------------------------------


def normalize_headers(headers: HeaderArg | None) -> list[tuple[str, str]]:
    """Return ``headers`` as a list of ``(name, value)`` pairs with stripped values.

    Args:
        headers: A mapping or an iterable of pairs; a ``None`` value stands for ``''``.

    Raises:
        ValueError: A name is not a non-empty ``str`` or a value is not a ``str``.
    """
    if not headers:
        return []
    items: Iterable[tuple[str, Any]]
    if isinstance(headers, Mapping):
        items = headers.items()
    else:
        items = headers
    result: list[tuple[str, str]] = []
    for pair in items:
        try:
            name, value = pair
        except (TypeError, ValueError):
            raise ValueError(f'Each header must be a (name, value) pair, not {pair!r}') from None
        if not isinstance(name, str) or not name:
            raise ValueError(f'Header names must be non-empty str, not {name!r}')
        if value is None:
            value = ''
        elif not isinstance(value, str):
            raise ValueError(f'The value of the header {name!r} must be a str or None')
        result.append((name, value.strip()))
    return result


def _cookie_header(cookies: CookieArg) -> str:
    items: Iterable[tuple[str, Any]]
    if isinstance(cookies, Mapping):
        items = cookies.items()
    else:
        items = cookies
    return '; '.join(f'{name}={getattr(value, "value", value)}' for name, value in items)


def merged_headers(
    headers: HeaderArg | None,
    host: str,
    scheme: str,
    port: int,
    http_version: str,
    cookies: CookieArg | None,
    content_length: int | None,
) -> list[tuple[str, str]]:
    """The request's header list: given headers, then defaults for what they lack."""
    merged: dict[str, tuple[str, str]] = {}
    for name, value in normalize_headers(headers):
        key = name.lower()
        known = merged.get(key)
        if known is None or key in _SINGLETON_HEADERS:
            merged[key] = (name, value)
        else:
            separator = '; ' if key == 'cookie' else ','
            merged[key] = (known[0], known[1] + separator + value)
    if cookies is not None:
        cookie = _cookie_header(cookies)
        known = merged.get('cookie')
        if cookie:
            merged['cookie'] = ('Cookie', known[1] + '; ' + cookie if known else cookie)
    if (
        content_length is not None
        and 'content-length' not in merged
        and 'transfer-encoding' not in merged
    ):
        merged['content-length'] = ('Content-Length', str(content_length))
    result = list(merged.values())
    if http_version != '1.0' and 'host' not in merged:
        host_header = host if port == DEFAULT_PORTS.get(scheme) else f'{host}:{port}'
        result.insert(0, ('Host', host_header))
    if 'user-agent' not in merged:
        result.append(('User-Agent', DEFAULT_UA))
    return result


def normalized_http_version(http_version: str, versions: Mapping[str, str] = HTTP_VERSIONS) -> str:
    normalized = versions.get(http_version)
    if normalized is None:
        allowed = ', '.join(repr(version) for version in versions)
        raise ValueError(f'Invalid http_version: {http_version!r} (must be one of {allowed})')
    return normalized


def checked_query_string(query_string: str | None) -> str:
    if not query_string:
        return ''
    if query_string.startswith('?'):
        raise ValueError("query_string should not start with '?'")
    return query_string


def _body_bytes(body: str | bytes | memoryview | None) -> bytes:
    if body is None:
        return b''
    if isinstance(body, str):
        return body.encode('utf-8')
    return bytes(body)


def checked_path(path: str) -> str:
    if not isinstance(path, str) or not path.startswith('/'):
        raise ValueError(f"path must be a str starting with '/', not {path!r}")
    return path


# -- WSGI ------------------------------------------------------------------------------------


def create_environ(
    path: str = '/',
    query_string: str = '',
    http_version: str = '1.1',
    scheme: str = 'http',
    host: str = DEFAULT_HOST,
    port: int | None = None,
    headers: HeaderArg | None = None,
    app: str | None = None,
    body: str | bytes = b'',
    method: str = 'GET',
    wsgierrors: TextIO | None = None,
    file_wrapper: Callable[..., Any] | None = None,
    remote_addr: str | None = None,
    root_path: str | None = None,
    cookies: CookieArg | None = None,
) -> dict[str, Any]:
    """Build a PEP 3333 WSGI environ for a simulated request.

    Args:
        path: The request path; percent-escapes are decoded, as WSGI servers do, and the
            UTF-8 bytes of the result are tunnelled through ISO-8859-1 into ``PATH_INFO``.
        query_string: The raw query string, without a leading ``'?'``.
        http_version: ``'1'``, ``'1.0'``, ``'1.1'`` (default), ``'2'`` or ``'2.0'``.
        scheme: ``wsgi.url_scheme`` (default ``'http'``).
        host: ``SERVER_NAME``, and the ``Host`` header unless `headers` sets one.
        port: ``SERVER_PORT`` (default 80 for ``http``, 443 for ``https``).
        headers: Request headers, as a mapping or as ``(name, value)`` pairs; repeated
            names are joined with commas.
        app: Deprecated alias of `root_path`.
        body: The request body; a ``str`` is encoded as UTF-8. ``CONTENT_LENGTH`` is set
            when it is not empty, unless `headers` has a ``Transfer-Encoding`` (e.g.
            ``chunked``): the body is then sent as a server that decodes chunked bodies
            hands it over, without ``CONTENT_LENGTH`` and with ``wsgi.input_terminated``
            set to ``True`` (``extras={'wsgi.input_terminated': False}`` in
            :func:`simulate_request` simulates a server that does not).
        method: ``REQUEST_METHOD`` (default ``'GET'``).
        wsgierrors: ``wsgi.errors`` (default ``sys.stderr``).
        file_wrapper: ``wsgi.file_wrapper``, left out when ``None``.
        remote_addr: ``REMOTE_ADDR`` (default ``'127.0.0.1'``).
        root_path: ``SCRIPT_NAME``, the mount point of the app (default ``''``); its UTF-8
            bytes are tunnelled through ISO-8859-1 like the path's.
        cookies: Cookies to send in a ``Cookie`` header.

    Returns:
        The environ.

    Raises:
        ValueError: The path, query string, HTTP version or a header is invalid.
    """
    path = checked_path(path)
    version = normalized_http_version(http_version)
    query_string = checked_query_string(query_string)
    scheme = scheme.lower()
    port = DEFAULT_PORTS.get(scheme, 80) if port is None else int(port)
    script_name = root_path if root_path is not None else app
    if script_name and not script_name.startswith('/'):
        script_name = '/' + script_name
    body_bytes = _body_bytes(body)
    tunnelled_path = decode(path, unquote_plus=False).encode('utf-8').decode('latin-1')

    env: dict[str, Any] = {
        'SERVER_PROTOCOL': 'HTTP/' + ('1.0' if version == '1.0' else version),
        'SERVER_SOFTWARE': 'falcon-testing',
        'REQUEST_METHOD': method.upper(),
        # Tunnelled through ISO-8859-1, as PEP 3333 servers do with every native string.
        'SCRIPT_NAME': (script_name or '').encode('utf-8').decode('latin-1'),
        'PATH_INFO': tunnelled_path,
        'QUERY_STRING': query_string,
        'SERVER_NAME': host,
        'SERVER_PORT': str(port),
        'REMOTE_ADDR': remote_addr or '127.0.0.1',
        'wsgi.version': (1, 0),
        'wsgi.url_scheme': scheme,
        'wsgi.input': io.BytesIO(body_bytes),
        'wsgi.errors': wsgierrors if wsgierrors is not None else sys.stderr,
        'wsgi.multithread': False,
        'wsgi.multiprocess': True,
        'wsgi.run_once': False,
    }
    if file_wrapper is not None:
        env['wsgi.file_wrapper'] = file_wrapper
    content_length = len(body_bytes) or None
    for name, value in merged_headers(
        headers, host, scheme, port, version, cookies, content_length
    ):
        key = name.upper().replace('-', '_')
        if key not in ('CONTENT_TYPE', 'CONTENT_LENGTH'):
            key = 'HTTP_' + key
        env[key] = value
    if 'HTTP_TRANSFER_ENCODING' in env and 'CONTENT_LENGTH' not in env:
        # A chunked body, as servers that decode it hand it over: read to its end.
        env['wsgi.input_terminated'] = True
    return env


def create_req(options: RequestOptions | None = None, **kwargs: Any) -> Request:
    """Create a WSGI ``falcon.Request`` for a simulated request.

    Args:
        options: The :class:`falcon.RequestOptions` the request uses.
        **kwargs: Passed to :func:`create_environ`.

    Returns:
        The request.
    """
    return Request(create_environ(**kwargs), options=options)
