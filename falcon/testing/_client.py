"""One test client for both kinds of app: ``simulate_*``, ``TestClient`` and ``ASGIConductor``.

Rules: a request is described once (:class:`_Simulation`) and then run the way its app
needs. A WSGI app is called through ``wsgiref.validate.validator`` (PEP 3333 checks) and the
``close()`` of its iterable is always called. An ASGI app (one whose ``__call__`` is a
coroutine function) is driven with an :class:`ASGIRequestEventEmitter` and an
:class:`ASGIResponseEventCollector`; a one-shot request from synchronous code runs inside its
own lifespan (startup, request, shutdown), while an :class:`ASGIConductor` runs the lifespan
once around all of its requests.

Strategy: synchronous callers get an event loop private to their thread, reused across
requests (so loop-bound objects an app keeps between requests stay usable); when a loop is
already running in the thread, the request runs on a worker thread instead.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import dataclasses
import datetime as dt
import importlib
import inspect
import json as json_module
import threading
import time
import wsgiref.validate
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from http.cookies import CookieError, Morsel
from typing import Any, TextIO, TypeVar

from falcon.core._calls import is_async_callable
from falcon.core._constants import MEDIA_JSON, MEDIA_MSGPACK
from falcon.core._dates import http_date_to_dt
from falcon.core._misc import get_encoding_from_headers
from falcon.core._status import code_to_http_status
from falcon.core._structures import CaseInsensitiveDict
from falcon.core._typing import HeaderArg
from falcon.core._uri import to_query_str
from falcon.testing._asgi import (
    ASGILifespanEventEmitter,
    ASGIRequestEventEmitter,
    ASGIResponseEventCollector,
)
from falcon.testing._helpers import (
    DEFAULT_HOST,
    CookieArg,
    StartResponseMock,
    closed_wsgi_iterable,
    create_environ,
    create_scope,
    normalize_headers,
)

__all__ = [
    'ASGIConductor',
    'Cookie',
    'Result',
    'ResultBodyStream',
    'StreamedResult',
    'TestClient',
    'simulate_delete',
    'simulate_get',
    'simulate_head',
    'simulate_options',
    'simulate_patch',
    'simulate_post',
    'simulate_put',
    'simulate_request',
]

_T = TypeVar('_T')
HeaderIter = Iterable[tuple[str, str]]

# -- results ---------------------------------------------------------------------------------


class _CookieMorsel(Morsel[str]):
    """A morsel that also remembers ``Partitioned``, which ``Morsel`` may not know."""

    partitioned = False


class Cookie:
    """A cookie the app set, as read from one ``Set-Cookie`` header.

    Args:
        morsel: The parsed cookie.
    """

    def __init__(self, morsel: Morsel[str]) -> None:
        self._name = morsel.key
        self._value = morsel.value
        self._expires: str = morsel['expires'] or ''
        self._path: str = morsel['path'] or ''
        self._domain: str = morsel['domain'] or ''
        self._max_age: str = str(morsel['max-age'] or '')
        self._secure = bool(morsel['secure'])
        self._http_only = bool(morsel['httponly'])
        self._same_site: str = morsel['samesite'] or ''
        self._partitioned = bool(getattr(morsel, 'partitioned', False))
        if 'partitioned' in Morsel._reserved:  # type: ignore[attr-defined]
            self._partitioned = self._partitioned or bool(morsel['partitioned'])

    @property
    def name(self) -> str:
        """The cookie's name."""
        return self._name

    @property
    def value(self) -> str:
        """The cookie's value, unquoted."""
        return self._value

    @property
    def expires(self) -> dt.datetime | None:
        """When the cookie expires (an aware UTC datetime), or ``None``."""
        if self._expires:
            return http_date_to_dt(self._expires, obs_date=True)
        return None

    @property
    def path(self) -> str:
        """The ``Path`` attribute (``''`` when the cookie has none)."""
        return self._path

    @property
    def domain(self) -> str:
        """The ``Domain`` attribute (``''`` when the cookie has none)."""
        return self._domain

    @property
    def max_age(self) -> int | None:
        """The ``Max-Age`` attribute in seconds, or ``None``."""
        return int(self._max_age) if self._max_age else None

    @property
    def secure(self) -> bool:
        """Whether the ``Secure`` attribute is set."""
        return self._secure

    @property
    def http_only(self) -> bool:
        """Whether the ``HttpOnly`` attribute is set."""
        return self._http_only

    @property
    def same_site(self) -> str | None:
        """The ``SameSite`` attribute (``'Lax'``, ``'Strict'`` or ``'None'``), or ``None``."""
        return self._same_site or None

    @property
    def partitioned(self) -> bool:
        """Whether the ``Partitioned`` attribute is set."""
        return self._partitioned

    def __repr__(self) -> str:
        return f'Cookie({self._name!r}, {self._value!r})'


def _unquote_cookie_value(value: str) -> str:
    """Undo the quoting ``SimpleCookie`` applies: surrounding quotes, ``\\ooo`` and ``\\c``."""
    if len(value) < 2 or value[0] != '"' or value[-1] != '"':
        return value
    inner = value[1:-1]
    if '\\' not in inner:
        return inner
    parts: list[str] = []
    position = 0
    length = len(inner)
    while position < length:
        escape = inner.find('\\', position)
        if escape < 0:
            parts.append(inner[position:])
            break
        parts.append(inner[position:escape])
        octal = inner[escape + 1 : escape + 4]
        if len(octal) == 3 and all('0' <= digit <= '7' for digit in octal):
            parts.append(chr(int(octal, 8)))
            position = escape + 4
        else:
            parts.append(inner[escape + 1 : escape + 2])
            position = escape + 2
    return ''.join(parts)


_MORSEL_ATTRIBUTES = {
    'expires': 'expires',
    'path': 'path',
    'domain': 'domain',
    'max-age': 'max-age',
    'samesite': 'samesite',
    'comment': 'comment',
    'version': 'version',
}
_MORSEL_FLAGS = {'secure': 'secure', 'httponly': 'httponly'}


def _parse_set_cookie(header: str) -> _CookieMorsel | None:
    """Parse one ``Set-Cookie`` value; ``None`` when it has no valid ``name=value``."""
    first, *attributes = header.split(';')
    name, separator, coded_value = first.partition('=')
    name = name.strip()
    coded_value = coded_value.strip()
    if not separator or not name:
        return None
    morsel = _CookieMorsel()
    try:
        morsel.set(name, _unquote_cookie_value(coded_value), coded_value)
    except CookieError:
        return None
    for attribute in attributes:
        key, _, value = attribute.partition('=')
        key = key.strip().lower()
        if key in _MORSEL_ATTRIBUTES:
            morsel[_MORSEL_ATTRIBUTES[key]] = value.strip()
        elif key in _MORSEL_FLAGS:
            morsel[_MORSEL_FLAGS[key]] = True
        elif key == 'partitioned':
            morsel.partitioned = True
    return morsel


class _ResultBase:
    """What every result has: status, headers, cookies and encoding."""

    def __init__(self, status: str, headers: HeaderIter) -> None:
        header_list = list(headers)
        self._status = status
        self._status_code = int(status[:3])
        self._headers = CaseInsensitiveDict(header_list)
        cookies: dict[str, Cookie] = {}
        for name, value in header_list:
            if name.lower() == 'set-cookie':
                morsel = _parse_set_cookie(value)
                if morsel is not None:
                    cookies[morsel.key] = Cookie(morsel)
        self._cookies = cookies
        self._encoding = get_encoding_from_headers(self._headers)

    @property
    def status(self) -> str:
        """The status line, e.g. ``'200 OK'``."""
        return self._status

    @property
    def status_code(self) -> int:
        """The status code, e.g. ``200``."""
        return self._status_code

    @property
    def headers(self) -> CaseInsensitiveDict:
        """The response headers (when a name repeats, the last value is kept)."""
        return self._headers

    @property
    def cookies(self) -> dict[str, Cookie]:
        """The cookies set by the response, by name."""
        return self._cookies

    @property
    def encoding(self) -> str | None:
        """The character encoding the ``Content-Type`` declares or implies, or ``None``."""
        return self._encoding

    @property
    def content_type(self) -> str | None:
        """The ``Content-Type`` header, or ``None``."""
        value: str | None = self._headers.get('Content-Type')
        return value


class Result(_ResultBase):
    """The complete response to a simulated request.

    Args:
        iterable: The body, as chunks of ``bytes``.
        status: The status line.
        headers: The response headers, as ``(name, value)`` pairs.
    """

    def __init__(self, iterable: Iterable[bytes], status: str, headers: HeaderIter) -> None:
        super().__init__(status, headers)
        self._content = b''.join(iterable)
        self._text: str | None = None

    @property
    def content(self) -> bytes:
        """The body, as bytes."""
        return self._content

    @property
    def text(self) -> str:
        """The body decoded with :attr:`encoding` (UTF-8 when none is known)."""
        if self._text is None:
            if not self._content:
                self._text = ''
            else:
                self._text = self._content.decode(self._encoding or 'utf-8')
        return self._text

    @property
    def json(self) -> Any:
        """The body parsed as JSON, or ``None`` when it is empty."""
        if not self.text:
            return None
        return json_module.loads(self.text)

    def _repr_parts(self) -> list[str]:
        content = self._content
        if len(content) > 40:
            content = content[:20] + b'...' + content[-20:]
        parts = [self._status, self.content_type or '', repr(content) if content else '']
        return [part for part in parts if part]

    def __repr__(self) -> str:
        return 'Result<' + ' '.join(self._repr_parts()) + '>'

    def __rich__(self) -> Any:
        """The :func:`repr` as styled text for the ``rich`` library (which must be installed).

        The status is green for 1xx-3xx and red for 4xx-5xx, the media type cyan and the
        content dimmed.
        """
        text_type = importlib.import_module('rich.text').Text
        styles = ['bold green' if self._status_code < 400 else 'bold red', 'cyan', 'dim']
        if not self.content_type:
            styles.pop(1)
        pieces: list[Any] = ['Result<']
        for index, (part, style) in enumerate(zip(self._repr_parts(), styles, strict=False)):
            if index:
                pieces.append(' ')
            pieces.append((part, style))
        pieces.append('>')
        return text_type.assemble(*pieces)


class ResultBodyStream:
    """Read a streamed response body while the app is still producing it.

    Args:
        chunks: The list the body chunks are appended to as they arrive.
    """

    def __init__(self, chunks: Sequence[bytes]) -> None:
        self._chunks = chunks
        self._position = 0

    async def read(self) -> bytes:
        """Return the bytes that arrived since the last read (``b''`` when there are none).

        The app gets one turn of the event loop first, so a chunk it is ready to send is
        included.
        """
        await asyncio.sleep(0)
        ready = self._chunks[self._position :]
        self._position += len(ready)
        return b''.join(ready)


class StreamedResult(_ResultBase):
    """The response to a simulated request whose body is still being produced.

    Use it within ``async with conductor.simulate_get_stream(...) as result``; leaving the
    block disconnects the client and waits for the app to finish.

    Args:
        body_chunks: The list the body chunks are appended to.
        status: The status line.
        headers: The response headers, as ``(name, value)`` pairs.
        task: The task running the app.
        req_event_emitter: The request's event emitter (used to disconnect the client).
    """

    def __init__(
        self,
        body_chunks: Sequence[bytes],
        status: str,
        headers: HeaderIter,
        task: asyncio.Task[Any],
        req_event_emitter: ASGIRequestEventEmitter,
    ) -> None:
        super().__init__(status, headers)
        self._stream = ResultBodyStream(body_chunks)
        self._task = task
        self._req_event_emitter = req_event_emitter

    @property
    def stream(self) -> ResultBodyStream:
        """The body, readable while the app runs."""
        return self._stream

    async def finalize(self) -> None:
        """Disconnect the client and wait for the app to finish."""
        self._req_event_emitter.disconnect()
        await self._task


# -- describing a request ----------------------------------------------------------------


@dataclasses.dataclass
class _Simulation:
    """Every argument of :func:`simulate_request` except the app."""

    method: str = 'GET'
    path: str = '/'
    query_string: str | None = None
    headers: HeaderArg | None = None
    content_type: str | None = None
    body: str | bytes | None = None
    json: Any | None = None
    file_wrapper: Callable[..., Any] | None = None
    wsgierrors: TextIO | None = None
    params: Mapping[str, Any] | None = None
    params_csv: bool = False
    protocol: str = 'http'
    host: str = DEFAULT_HOST
    remote_addr: str | None = None
    extras: Mapping[str, Any] | None = None
    http_version: str = '1.1'
    port: int | None = None
    root_path: str | None = None
    cookies: CookieArg | None = None
    asgi_chunk_size: int = 4096
    asgi_disconnect_ttl: int = 300
    msgpack: Any | None = None

    def prepare(self) -> tuple[str, str, list[tuple[str, str]], bytes]:
        """Validate the request; return its path, query string, headers and body."""
        path = self.path
        query_string = self.query_string or ''
        if not isinstance(path, str) or not path.startswith('/'):
            raise ValueError(f"path must be a str starting with '/', not {path!r}")
        if '?' in path:
            if query_string or self.params:
                raise ValueError(
                    'path may not contain a query string in combination with the '
                    'query_string or params parameters; use only one way of specifying '
                    'the query string.'
                )
            path, query_string = path.split('?', 1)
        elif query_string.startswith('?'):
            raise ValueError("query_string should not start with '?'")
        elif self.query_string is None and self.params is not None:
            # A query string given as such wins over params.
            query_string = to_query_str(
                self.params, comma_delimited_lists=self.params_csv, prefix=False
            )

        headers = normalize_headers(self.headers)
        body = self.body
        content_type = self.content_type
        if self.json is not None:
            body = json_module.dumps(self.json, ensure_ascii=False)
            content_type = MEDIA_JSON
        if self.msgpack is not None:
            packb = importlib.import_module('msgpack').packb
            body = packb(self.msgpack, use_bin_type=True)
            content_type = MEDIA_MSGPACK
        if content_type is not None:
            headers = [item for item in headers if item[0].lower() != 'content-type']
            headers.append(('Content-Type', content_type))
        if body is None:
            body_bytes = b''
        elif isinstance(body, str):
            body_bytes = body.encode('utf-8')
        else:
            body_bytes = bytes(body)
        return path, query_string, headers, body_bytes

    def environ(self) -> dict[str, Any]:
        """The WSGI environ of the request."""
        path, query_string, headers, body = self.prepare()
        env = create_environ(
            path=path,
            query_string=query_string,
            http_version=self.http_version,
            scheme=self.protocol,
            host=self.host,
            port=self.port,
            headers=headers,
            body=body,
            method=self.method,
            wsgierrors=self.wsgierrors,
            file_wrapper=self.file_wrapper,
            remote_addr=self.remote_addr,
            root_path=self.root_path,
            cookies=self.cookies,
        )
        if self.extras:
            method = self.extras.get('REQUEST_METHOD', env['REQUEST_METHOD'])
            if method != env['REQUEST_METHOD']:
                raise ValueError(
                    'WSGI environ extras may not override the request method; '
                    'use the method parameter.'
                )
            env.update(self.extras)
        return env

    def scope_and_emitter(self) -> tuple[dict[str, Any], ASGIRequestEventEmitter]:
        """The ASGI scope of the request and the emitter of its body."""
        path, query_string, headers, body = self.prepare()
        scope = create_scope(
            path=path,
            query_string=query_string,
            method=self.method,
            headers=headers,
            host=self.host,
            scheme=self.protocol,
            port=self.port,
            http_version=self.http_version,
            remote_addr=self.remote_addr,
            root_path=self.root_path,
            content_length=len(body) or None,
            cookies=self.cookies,
        )
        if self.extras:
            if self.extras.get('method', scope['method']) != scope['method']:
                raise ValueError(
                    'ASGI scope extras may not override the request method; '
                    'use the method parameter.'
                )
            scope.update(self.extras)
        emitter = ASGIRequestEventEmitter(
            body,
            chunk_size=self.asgi_chunk_size,
            disconnect_at=time.time() + max(0, self.asgi_disconnect_ttl),
        )
        return scope, emitter


# -- running a WSGI app ----------------------------------------------------------------------


def _simulate_wsgi(app: Callable[..., Any], simulation: _Simulation) -> Result:
    env = simulation.environ()
    start_response = StartResponseMock()
    iterable = wsgiref.validate.validator(app)(env, start_response)
    chunks = closed_wsgi_iterable(iterable)
    content = b''.join(chunks)
    if start_response.status is None or start_response.headers is None:
        raise RuntimeError('The WSGI app returned without calling start_response')
    return Result((content,), start_response.status, start_response.headers)


def _stream_wsgi(
    app: Callable[..., Any],
    env: dict[str, Any],
    start_response: StartResponseMock,
    chunks: list[bytes],
    emitter: ASGIRequestEventEmitter,
    on_start: Callable[[], None],
) -> None:
    """Iterate a WSGI response on a worker thread, appending chunks as they come."""
    iterable = wsgiref.validate.validator(app)(env, start_response)
    started = False
    try:
        for chunk in iterable:
            if not started:
                started = True
                on_start()
            if chunk:
                chunks.append(chunk)
            if emitter.disconnected:
                break
    finally:
        close = getattr(iterable, 'close', None)
        if close is not None:
            close()
        if not started:
            on_start()


# -- running an ASGI app ---------------------------------------------------------------------

_LIFESPAN_SCOPE_ASGI = {'version': '3.0', 'spec_version': '2.0'}


async def _until_either(task: asyncio.Future[Any], awaitable: Awaitable[Any]) -> None:
    """Wait for `awaitable`, or for `task` to end, whichever comes first."""
    waiter = asyncio.ensure_future(awaitable)
    try:
        await asyncio.wait((task, waiter), return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiter.cancel()


class _Lifespan:
    """The lifespan protocol around one or more requests to an ASGI app.

    An app that does not support lifespan (its call with a lifespan scope returns or raises
    without answering ``lifespan.startup``) is served without it, as the ASGI spec asks.
    """

    def __init__(self, app: Callable[..., Any]) -> None:
        self._app = app
        self._task: asyncio.Task[Any] | None = None
        self._emitter: ASGILifespanEventEmitter | None = None
        self._collector = ASGIResponseEventCollector()
        self.state: dict[str, Any] = {}

    async def _phase_outcome(self, phase: str) -> dict[str, Any] | None:
        task = self._task
        assert task is not None
        collector = self._collector
        outcomes = (f'lifespan.{phase}.complete', f'lifespan.{phase}.failed')

        def answered() -> bool:
            return any(event['type'] in outcomes for event in collector.events)

        await _until_either(task, collector.wait_until(answered))
        for event in collector.events:
            if event['type'] in outcomes:
                return event
        return None

    async def startup(self) -> None:
        """Run the app's startup; raise ``RuntimeError`` if it reports failure."""
        scope = {'type': 'lifespan', 'asgi': dict(_LIFESPAN_SCOPE_ASGI), 'state': self.state}
        self._emitter = ASGILifespanEventEmitter(asyncio.Condition())
        self._task = asyncio.create_task(self._app(scope, self._emitter, self._collector))
        outcome = await self._phase_outcome('startup')
        if outcome is None:
            task, self._task = self._task, None
            if not task.cancelled():
                task.exception()
            return
        if outcome['type'] == 'lifespan.startup.failed':
            await self._end_task()
            raise RuntimeError('The app failed to start up: ' + str(outcome.get('message', '')))

    async def shutdown(self) -> None:
        """Run the app's shutdown; raise ``RuntimeError`` if it reports failure."""
        if self._task is None or self._emitter is None:
            return
        await self._emitter.request_shutdown()
        outcome = await self._phase_outcome('shutdown')
        await self._end_task()
        if outcome is not None and outcome['type'] == 'lifespan.shutdown.failed':
            raise RuntimeError('The app failed to shut down: ' + str(outcome.get('message', '')))

    async def _end_task(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        if not task.done():
            task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass


def _check_response_started(collector: ASGIResponseEventCollector) -> int:
    if collector.status is None:
        raise ConnectionError(
            'The ASGI app returned without sending http.response.start '
            '(an immediate disconnect was simulated, or the app sent no response).'
        )
    return collector.status


async def _simulate_asgi(
    app: Callable[..., Any], simulation: _Simulation, lifespan: _Lifespan | None
) -> Result:
    scope, emitter = simulation.scope_and_emitter()
    collector = ASGIResponseEventCollector()
    if lifespan is not None:
        scope['state'] = dict(lifespan.state)
    await app(scope, emitter, collector)
    status = _check_response_started(collector)
    return Result(collector.body_chunks, code_to_http_status(status), collector.headers)


async def _simulate_asgi_one_shot(app: Callable[..., Any], simulation: _Simulation) -> Result:
    lifespan = _Lifespan(app)
    await lifespan.startup()
    try:
        result = await _simulate_asgi(app, simulation, lifespan)
    except BaseException:
        await lifespan._end_task()
        raise
    await lifespan.shutdown()
    return result


async def _stream_asgi(
    app: Callable[..., Any], simulation: _Simulation, lifespan: _Lifespan | None
) -> StreamedResult:
    scope, emitter = simulation.scope_and_emitter()
    collector = ASGIResponseEventCollector()
    if lifespan is not None:
        scope['state'] = dict(lifespan.state)
    task = asyncio.create_task(app(scope, emitter, collector))
    await _until_either(task, collector.wait_until(lambda: collector.status is not None))
    if collector.status is None:
        await task
    status = _check_response_started(collector)
    return StreamedResult(
        collector.body_chunks, code_to_http_status(status), collector.headers, task, emitter
    )


async def _stream_wsgi_async(app: Callable[..., Any], simulation: _Simulation) -> StreamedResult:
    env = simulation.environ()
    start_response = StartResponseMock()
    chunks: list[bytes] = []
    emitter = ASGIRequestEventEmitter(disconnect_at=time.time() + simulation.asgi_disconnect_ttl)
    loop = asyncio.get_running_loop()
    started = asyncio.Event()

    def on_start() -> None:
        loop.call_soon_threadsafe(started.set)

    async def run() -> None:
        await loop.run_in_executor(
            None, _stream_wsgi, app, env, start_response, chunks, emitter, on_start
        )

    task = asyncio.create_task(run())
    await _until_either(task, started.wait())
    if start_response.status is None or start_response.headers is None:
        await task
        raise RuntimeError('The WSGI app returned without calling start_response')
    return StreamedResult(chunks, start_response.status, start_response.headers, task, emitter)


# -- running coroutines from synchronous code ------------------------------------------------

_local = threading.local()
_loops: list[asyncio.AbstractEventLoop] = []
_loops_lock = threading.Lock()
_worker: ThreadPoolExecutor | None = None


def _close_loops() -> None:
    with _loops_lock:
        for loop in _loops:
            if not loop.is_closed() and not loop.is_running():
                loop.close()
        _loops.clear()


atexit.register(_close_loops)


def _thread_loop() -> asyncio.AbstractEventLoop:
    loop: asyncio.AbstractEventLoop | None = getattr(_local, 'loop', None)
    if loop is None or loop.is_closed():
        loop = asyncio.new_event_loop()
        _local.loop = loop
        with _loops_lock:
            _loops.append(loop)
    return loop


def _run_on_thread_loop(make_coroutine: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
    loop = _thread_loop()
    try:
        return loop.run_until_complete(make_coroutine())
    finally:
        leftovers = asyncio.all_tasks(loop)
        if leftovers:
            for task in leftovers:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))


def _run_sync(make_coroutine: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
    """Run a coroutine to completion from synchronous code."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        running = False
    else:
        running = True
    if not running:
        # Run outside the except block, so that an exception the app logs carries no
        # 'no running event loop' context.
        return _run_on_thread_loop(make_coroutine)
    # An event loop already runs in this thread (e.g. an async test calling the sync
    # client): it cannot be re-entered, so the request runs on a worker thread's loop.
    global _worker
    with _loops_lock:
        if _worker is None:
            _worker = ThreadPoolExecutor(thread_name_prefix='falcon-testing')
        worker = _worker
    return worker.submit(_run_on_thread_loop, make_coroutine).result()


def _is_asgi_app(app: Any) -> bool:
    """Whether `app` is an ASGI app: a coroutine function or an object whose call is one."""
    if is_async_callable(app):
        return True
    try:
        parameters = inspect.signature(app).parameters.values()
    except (TypeError, ValueError):
        return False
    positional = [
        parameter
        for parameter in parameters
        if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)
    ]
    return len(positional) == 3


# -- the functional API ----------------------------------------------------------------------


def _simulate(app: Callable[..., Any], simulation: _Simulation) -> Result:
    if _is_asgi_app(app):
        return _run_sync(lambda: _simulate_asgi_one_shot(app, simulation))
    return _simulate_wsgi(app, simulation)


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
    simulation = _Simulation(
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
    return _simulate(app, simulation)


def simulate_get(app: Callable[..., Any], path: str, **kwargs: Any) -> Result:
    """Simulate a GET request; see :func:`simulate_request` for the keyword arguments."""
    return simulate_request(app, 'GET', path, **kwargs)


def simulate_head(app: Callable[..., Any], path: str, **kwargs: Any) -> Result:
    """Simulate a HEAD request; see :func:`simulate_request` for the keyword arguments."""
    return simulate_request(app, 'HEAD', path, **kwargs)


def simulate_post(app: Callable[..., Any], path: str, **kwargs: Any) -> Result:
    """Simulate a POST request; see :func:`simulate_request` for the keyword arguments."""
    return simulate_request(app, 'POST', path, **kwargs)


def simulate_put(app: Callable[..., Any], path: str, **kwargs: Any) -> Result:
    """Simulate a PUT request; see :func:`simulate_request` for the keyword arguments."""
    return simulate_request(app, 'PUT', path, **kwargs)


def simulate_options(app: Callable[..., Any], path: str, **kwargs: Any) -> Result:
    """Simulate an OPTIONS request; see :func:`simulate_request` for the keyword arguments."""
    return simulate_request(app, 'OPTIONS', path, **kwargs)


def simulate_patch(app: Callable[..., Any], path: str, **kwargs: Any) -> Result:
    """Simulate a PATCH request; see :func:`simulate_request` for the keyword arguments."""
    return simulate_request(app, 'PATCH', path, **kwargs)


def simulate_delete(app: Callable[..., Any], path: str, **kwargs: Any) -> Result:
    """Simulate a DELETE request; see :func:`simulate_request` for the keyword arguments."""
    return simulate_request(app, 'DELETE', path, **kwargs)


def _merge_headers(defaults: HeaderArg | None, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Put the client's default headers under the request's own (which win, by name)."""
    if not defaults:
        return kwargs
    given = normalize_headers(kwargs.get('headers'))
    names = {name.lower() for name, _ in given}
    merged = [item for item in normalize_headers(defaults) if item[0].lower() not in names]
    return {**kwargs, 'headers': merged + given}


# -- clients ---------------------------------------------------------------------------------


class _AsyncContextManager:
    """``async with`` a streamed result: disconnect and wait for the app on exit."""

    def __init__(self, opening: Coroutine[Any, Any, StreamedResult]) -> None:
        self._opening = opening
        self._result: StreamedResult | None = None

    async def __aenter__(self) -> StreamedResult:
        self._result = await self._opening
        return self._result

    async def __aexit__(self, ex_type: Any, ex: Any, tb: Any) -> bool:
        result, self._result = self._result, None
        if result is not None:
            await result.finalize()
        return False


class ASGIConductor:
    """An async test client: ``async with ASGIConductor(app) as conductor: ...``.

    Entering runs the ASGI app's lifespan startup (when the app supports it) and exiting its
    shutdown, so every request made within the block shares one lifespan. A WSGI app works
    too: its requests run on a worker thread.

    Args:
        app: The ASGI (or WSGI) app.
        headers: Default headers for every request; a request's own headers win.
    """

    def __init__(self, app: Callable[..., Any], headers: HeaderArg | None = None) -> None:
        self.app = app
        self._default_headers = headers
        self._is_asgi = _is_asgi_app(app)
        self._lifespan: _Lifespan | None = None

    async def __aenter__(self) -> ASGIConductor:
        if self._is_asgi:
            lifespan = _Lifespan(self.app)
            await lifespan.startup()
            self._lifespan = lifespan
        return self

    async def __aexit__(self, ex_type: Any, ex: Any, tb: Any) -> bool:
        lifespan, self._lifespan = self._lifespan, None
        if lifespan is not None:
            if ex_type is None:
                await lifespan.shutdown()
            else:
                # The block's own exception is the one to report; a failing shutdown
                # must not replace it.
                with contextlib.suppress(Exception):
                    await lifespan.shutdown()
        return False

    def _simulation(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> _Simulation:
        return _Simulation(*args, **_merge_headers(self._default_headers, kwargs))

    async def simulate_request(self, *args: Any, **kwargs: Any) -> Result:
        """Simulate a request; the arguments are those of :func:`simulate_request`."""
        simulation = self._simulation(args, kwargs)
        if self._is_asgi:
            return await _simulate_asgi(self.app, simulation, self._lifespan)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, _simulate_wsgi, self.app, simulation)

    async def simulate_get(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a GET request (see :meth:`simulate_request`)."""
        return await self.simulate_request('GET', path, **kwargs)

    def simulate_get_stream(self, path: str = '/', **kwargs: Any) -> _AsyncContextManager:
        """Simulate a GET request whose body is read while the app produces it.

        Use as ``async with conductor.simulate_get_stream('/events') as result:``; read
        with ``await result.stream.read()``. Leaving the block disconnects the client and
        waits for the app to finish.
        """
        simulation = self._simulation(('GET', path), kwargs)
        if self._is_asgi:
            return _AsyncContextManager(_stream_asgi(self.app, simulation, self._lifespan))
        return _AsyncContextManager(_stream_wsgi_async(self.app, simulation))

    def simulate_ws(self, path: str = '/', timeout: float | None = None, **kwargs: Any) -> Any:
        """Simulate a WebSocket connection (``async with conductor.simulate_ws() as ws:``).

        Args:
            path: The path to connect to.
            timeout: Seconds to wait for the app to accept or deny the connection (default
                5), and for the app to finish once the block has closed it (default 30);
                ``TimeoutError`` is raised when either wait runs out.
            **kwargs: Passed to :func:`create_scope_ws`.

        Returns:
            An async context manager giving an :class:`ASGIWebSocketSimulator`.
        """
        websocket = importlib.import_module('falcon.testing._ws')
        headers = _merge_headers(self._default_headers, kwargs).get('headers')
        if headers is not None:
            kwargs['headers'] = headers
        state = dict(self._lifespan.state) if self._lifespan is not None else None
        return websocket.simulate_ws(self.app, path, timeout=timeout, state=state, **kwargs)

    async def simulate_head(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a HEAD request (see :meth:`simulate_request`)."""
        return await self.simulate_request('HEAD', path, **kwargs)

    async def simulate_post(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a POST request (see :meth:`simulate_request`)."""
        return await self.simulate_request('POST', path, **kwargs)

    async def simulate_put(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a PUT request (see :meth:`simulate_request`)."""
        return await self.simulate_request('PUT', path, **kwargs)

    async def simulate_options(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate an OPTIONS request (see :meth:`simulate_request`)."""
        return await self.simulate_request('OPTIONS', path, **kwargs)

    async def simulate_patch(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a PATCH request (see :meth:`simulate_request`)."""
        return await self.simulate_request('PATCH', path, **kwargs)

    async def simulate_delete(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a DELETE request (see :meth:`simulate_request`)."""
        return await self.simulate_request('DELETE', path, **kwargs)

    async def delete(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_delete`."""
        return await client.simulate_delete(*args, **kwargs)

    async def get(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_get`."""
        return await client.simulate_get(*args, **kwargs)

    def get_stream(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_get_stream`."""
        return client.simulate_get_stream(*args, **kwargs)

    async def head(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_head`."""
        return await client.simulate_head(*args, **kwargs)

    async def options(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_options`."""
        return await client.simulate_options(*args, **kwargs)

    async def patch(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_patch`."""
        return await client.simulate_patch(*args, **kwargs)

    async def post(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_post`."""
        return await client.simulate_post(*args, **kwargs)

    async def put(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_put`."""
        return await client.simulate_put(*args, **kwargs)

    async def request(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_request`."""
        return await client.simulate_request(*args, **kwargs)

    def websocket(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_ws`."""
        return client.simulate_ws(*args, **kwargs)


class TestClient:
    """A synchronous test client bound to one app, WSGI or ASGI.

    Example::

        client = TestClient(app, headers={'Authorization': 'Bearer t'})
        result = client.simulate_get('/things', params={'limit': 10})
        assert result.status_code == 200

    ``async with client as conductor`` gives an :class:`ASGIConductor` for the same app.

    Args:
        app: The app.
        headers: Default headers for every request; a request's own headers win.
    """

    __test__ = False

    def __init__(self, app: Callable[..., Any], headers: HeaderArg | None = None) -> None:
        self.app = app
        self._default_headers = headers
        self._conductor: ASGIConductor | None = None

    async def __aenter__(self) -> ASGIConductor:
        conductor = ASGIConductor(self.app, headers=self._default_headers)
        await conductor.__aenter__()
        self._conductor = conductor
        return conductor

    async def __aexit__(self, ex_type: Any, ex: Any, tb: Any) -> bool:
        conductor, self._conductor = self._conductor, None
        if conductor is None:
            return False
        return await conductor.__aexit__(ex_type, ex, tb)

    def simulate_request(self, *args: Any, **kwargs: Any) -> Result:
        """Simulate a request; the arguments are those of :func:`simulate_request`."""
        simulation = _Simulation(*args, **_merge_headers(self._default_headers, kwargs))
        return _simulate(self.app, simulation)

    def simulate_get(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a GET request (see :meth:`simulate_request`)."""
        return self.simulate_request('GET', path, **kwargs)

    def simulate_head(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a HEAD request (see :meth:`simulate_request`)."""
        return self.simulate_request('HEAD', path, **kwargs)

    def simulate_post(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a POST request (see :meth:`simulate_request`)."""
        return self.simulate_request('POST', path, **kwargs)

    def simulate_put(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a PUT request (see :meth:`simulate_request`)."""
        return self.simulate_request('PUT', path, **kwargs)

    def simulate_options(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate an OPTIONS request (see :meth:`simulate_request`)."""
        return self.simulate_request('OPTIONS', path, **kwargs)

    def simulate_patch(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a PATCH request (see :meth:`simulate_request`)."""
        return self.simulate_request('PATCH', path, **kwargs)

    def simulate_delete(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a DELETE request (see :meth:`simulate_request`)."""
        return self.simulate_request('DELETE', path, **kwargs)

    def delete(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_delete`."""
        return client.simulate_delete(*args, **kwargs)

    def get(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_get`."""
        return client.simulate_get(*args, **kwargs)

    def head(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_head`."""
        return client.simulate_head(*args, **kwargs)

    def options(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_options`."""
        return client.simulate_options(*args, **kwargs)

    def patch(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_patch`."""
        return client.simulate_patch(*args, **kwargs)

    def post(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_post`."""
        return client.simulate_post(*args, **kwargs)

    def put(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_put`."""
        return client.simulate_put(*args, **kwargs)

    def request(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_request`."""
        return client.simulate_request(*args, **kwargs)
