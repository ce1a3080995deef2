"""What every fuzz target shares: instrumentation, the two apps, and the invariant.

A target module imports falcon inside :func:`instrumented`, so that atheris records the
branches of the parsers it names when the module runs as a fuzz target (and nothing happens
when the module is imported by the regression tests). It defines
``test_one_input(data: bytes) -> None``, which turns ``data`` into client input, hands it to
the parsers (through a request to both ``falcon.App`` and ``falcon.asgi.App`` for most
targets), and raises when the invariant breaks:

    every read of client input gives a value, or raises an ``HTTPError`` with a 4xx status
    (or the error a public function or method documents, such as a ``ValueError``); the app
    answers with a status below 500; no other exception escapes.

Time and memory are bounded by the engine: ``fuzz/run.py`` passes libFuzzer's ``-timeout``
and ``-rss_limit_mb``. The inputs are plain bytes decoded by each target's own small
grammar (no atheris API), so a saved input replays the same way under pytest.

Rules: this module must not import falcon at load time (instrumentation has to come first).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import sys
from collections.abc import Awaitable, Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_to_bytes

__all__ = [
    'TOKEN_CHARS',
    'Capture',
    'InvariantBroken',
    'close_loop',
    'environ_for',
    'fuzz',
    'header_lines',
    'instrumented',
    'read',
    'read_async',
    'run_asgi',
    'run_asgi_http',
    'run_wsgi',
    'scope_for',
]

#: Characters of an HTTP token (header names, methods).
TOKEN_CHARS = frozenset(
    "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)


class InvariantBroken(AssertionError):
    """A parser answered client input with something other than a value or a 4xx."""


@contextlib.contextmanager
def instrumented(active: bool, include: Iterable[str]) -> Iterator[None]:
    """Instrument the falcon modules whose names start with ``include``, imported in the block.

    atheris selects modules by top-level package only, and instrumenting all of falcon
    costs seconds at every start; every other falcon module is therefore excluded by name.

    Args:
        active: Whether the module runs as a fuzz target (``__name__ == '__main__'``).
        include: Prefixes of the names of the falcon modules to record coverage for.
    """
    if not active:
        yield
        return
    import atheris

    prefixes = tuple(include)
    package = Path(__file__).resolve().parent.parent / 'falcon'
    others = [name for name in _module_names(package) if not name.startswith(prefixes)]
    with atheris.instrument_imports(include=['falcon'], exclude=others):
        yield


def _module_names(package: Path) -> list[str]:
    names = []
    for path in package.rglob('*.py'):
        parts = list(path.relative_to(package.parent).with_suffix('').parts)
        if parts[-1] == '__init__':
            parts.pop()
        names.append('.'.join(parts))
    return names


def fuzz(test_one_input: Callable[[bytes], None]) -> None:
    """Hand ``test_one_input`` to libFuzzer with the command line's options."""
    import atheris

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


# -- the invariant -----------------------------------------------------------------------------


def _check_http_error(error: Exception) -> None:
    import falcon

    if isinstance(error, falcon.HTTPError) and 400 <= error.status_code < 500:
        return
    raise InvariantBroken(f'client input raised {error!r}') from error


def read(getter: Callable[[], Any]) -> Any:
    """``getter()``, or ``None`` when it raises an ``HTTPError`` with a 4xx status."""
    try:
        return getter()
    except Exception as error:
        _check_http_error(error)
        return None


async def read_async(getter: Callable[[], Awaitable[Any]]) -> Any:
    """The async twin of :func:`read`."""
    try:
        return await getter()
    except Exception as error:
        _check_http_error(error)
        return None


class Capture:
    """An error handler for ``Exception`` that keeps what the app would turn into a 500.

    ``HTTPError`` keeps its own handler (the most specific one wins), so only unexpected
    exceptions land here; :meth:`check` re-raises the first with its traceback.
    """

    def __init__(self) -> None:
        self.errors: list[BaseException] = []

    def install(self, app: Any, is_asgi: bool) -> None:
        def keep(req: Any, resp: Any, error: BaseException, params: Any, **kwargs: Any) -> None:
            self.errors.append(error)
            resp.status = 500

        async def keep_async(
            req: Any, resp: Any, error: BaseException, params: Any, **kwargs: Any
        ) -> None:
            keep(req, resp, error, params)

        app.add_error_handler(Exception, keep_async if is_asgi else keep)

    def check(self, status: int, mode: str) -> None:
        errors, self.errors = self.errors, []
        if errors:
            raise InvariantBroken(f'{mode}: unexpected {errors[0]!r}') from errors[0]
        if status >= 500:
            raise InvariantBroken(f'{mode}: answered {status}')


# -- requests as servers hand them over --------------------------------------------------------


def environ_for(
    method: str,
    path: str,
    query: str = '',
    headers: Iterable[tuple[str, str]] = (),
    body: bytes = b'',
) -> dict[str, Any]:
    """A PEP 3333 environ, as a server builds it from an ASCII request target.

    ``PATH_INFO`` holds the percent-decoded path bytes tunnelled through latin-1; a repeated
    header is joined with commas; ``CONTENT_LENGTH`` is the body's length when it has one.
    """
    environ: dict[str, Any] = {
        'REQUEST_METHOD': method,
        'SCRIPT_NAME': '',
        'PATH_INFO': unquote_to_bytes(path).decode('latin-1'),
        'QUERY_STRING': query,
        'SERVER_NAME': 'localhost',
        'SERVER_PORT': '80',
        'SERVER_PROTOCOL': 'HTTP/1.1',
        'REMOTE_ADDR': '127.0.0.1',
        'HTTP_HOST': 'localhost',
        'wsgi.version': (1, 0),
        'wsgi.url_scheme': 'http',
        'wsgi.input': io.BytesIO(body),
        'wsgi.errors': sys.stderr,
        'wsgi.multithread': False,
        'wsgi.multiprocess': False,
        'wsgi.run_once': False,
    }
    if body:
        environ['CONTENT_LENGTH'] = str(len(body))
    seen: set[str] = set()
    for name, value in headers:
        key = name.upper().replace('-', '_')
        if key not in ('CONTENT_TYPE', 'CONTENT_LENGTH'):
            key = 'HTTP_' + key
        if key in seen:
            environ[key] += ',' + value
        else:
            seen.add(key)
            environ[key] = value
    return environ


def scope_for(
    method: str,
    path: str,
    query: str = '',
    headers: Iterable[tuple[str, str]] = (),
    body: bytes = b'',
    scope_type: str = 'http',
) -> dict[str, Any]:
    """An ASGI scope, as a server builds it from an ASCII request target."""
    header_list = [(b'host', b'localhost')]
    if body:
        header_list.append((b'content-length', str(len(body)).encode()))
    given = [(name.lower().encode('latin-1'), value.encode('latin-1')) for name, value in headers]
    given_names = {name for name, _ in given}
    header_list = [item for item in header_list if item[0] not in given_names] + given
    scope: dict[str, Any] = {
        'type': scope_type,
        'asgi': {'version': '3.0', 'spec_version': '2.4'},
        'http_version': '1.1',
        'scheme': 'http' if scope_type == 'http' else 'ws',
        'path': unquote(path),
        'raw_path': path.encode('ascii'),
        'query_string': query.encode('ascii'),
        'root_path': '',
        'headers': header_list,
        'client': ('127.0.0.1', 50000),
        'server': ('localhost', 80),
    }
    if scope_type == 'http':
        scope['method'] = method
    else:
        scope['subprotocols'] = []
    return scope


# -- driving the apps --------------------------------------------------------------------------


def run_wsgi(app: Any, environ: dict[str, Any]) -> tuple[int, bytes]:
    """Call a WSGI app; return its status code and body."""
    started: list[str] = []

    def start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
        started.append(status)
        return lambda chunk: None

    chunks = app(environ, start_response)
    try:
        body = b''.join(chunks)
    finally:
        close = getattr(chunks, 'close', None)
        if close is not None:
            close()
    return int(started[-1][:3]), body


_LOOP: asyncio.AbstractEventLoop | None = None


def _loop() -> asyncio.AbstractEventLoop:
    global _LOOP
    if _LOOP is None:
        _LOOP = asyncio.new_event_loop()
    return _LOOP


def run_asgi(
    app: Any, scope: dict[str, Any], events: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Run one ASGI connection: ``events`` are received in turn, then a disconnect forever.

    Returns:
        The events the app sent.
    """
    pending = list(events)
    sent: list[dict[str, Any]] = []
    final = (
        {'type': 'websocket.disconnect', 'code': 1005}
        if scope['type'] == 'websocket'
        else {'type': 'http.disconnect'}
    )

    async def receive() -> dict[str, Any]:
        return pending.pop(0) if pending else final

    async def send(event: dict[str, Any]) -> None:
        sent.append(event)

    loop = _loop()
    loop.run_until_complete(app(scope, receive, send))
    leftover = asyncio.all_tasks(loop)
    if leftover:
        for task in leftover:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*leftover, return_exceptions=True))
        raise InvariantBroken(f'the app left tasks running: {leftover!r}')
    return sent


def close_loop() -> None:
    """Close the event loop :func:`run_asgi` keeps between inputs."""
    global _LOOP
    if _LOOP is not None:
        _LOOP.close()
        _LOOP = None


def run_asgi_http(
    app: Any, scope: dict[str, Any], body: bytes, chunk_size: int = 0
) -> tuple[int, bytes]:
    """Call an ASGI app over HTTP; return status and body.

    The request body arrives in ``http.request`` events of ``chunk_size`` bytes (the last
    one shorter), as a server passes on what each read of the socket gave; 0 sends it in one.
    """
    size = chunk_size or len(body) or 1
    chunks = [body[start : start + size] for start in range(0, len(body), size)] or [b'']
    events = [
        {'type': 'http.request', 'body': chunk, 'more_body': number < len(chunks) - 1}
        for number, chunk in enumerate(chunks)
    ]
    sent = run_asgi(app, scope, events)
    status = next(event['status'] for event in sent if event['type'] == 'http.response.start')
    body_out = b''.join(
        event.get('body', b'') for event in sent if event['type'] == 'http.response.body'
    )
    return status, body_out


# -- input grammar -----------------------------------------------------------------------------


def header_lines(lines: Iterable[str]) -> list[tuple[str, str]]:
    """``Name: value`` lines as a server would pass them on; other lines are dropped.

    Names must be tokens; values lose CR and NUL (a server rejects or strips them) and the
    whitespace around them.
    """
    headers = []
    for line in lines:
        name, colon, value = line.partition(':')
        if not colon or not name or not TOKEN_CHARS.issuperset(name):
            continue
        value = value.replace('\r', '').replace('\x00', '').strip(' \t')
        headers.append((name, value))
    return headers
