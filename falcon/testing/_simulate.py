"""Simulating a request against either kind of app: the functional ``simulate_*`` API.

Rules: a request is described once (:class:`_Simulation`) and then run the way its app
needs. A WSGI app is called through ``wsgiref.validate.validator`` (PEP 3333 checks) and the
``close()`` of its iterable is always called. An ASGI app (one whose ``__call__`` is a
coroutine function) is driven with an :class:`ASGIRequestEventEmitter` and an
:class:`ASGIResponseEventCollector`; a one-shot request from synchronous code runs inside its
own lifespan (startup, request, shutdown).

Strategy: synchronous callers get an event loop private to their thread, reused across
requests (so loop-bound objects an app keeps between requests stay usable); when a loop is
already running in the thread, the request runs on a worker thread instead.
"""

from __future__ import annotations

import asyncio
import atexit
import dataclasses
import importlib
import inspect
import json as json_module
import threading
import time
import wsgiref.validate
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TextIO, TypeVar

from falcon.core._calls import is_async_callable
from falcon.core._constants import MEDIA_JSON, MEDIA_MSGPACK
from falcon.core._status import code_to_http_status
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
from falcon.testing._result import Result, StreamedResult

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

_T = TypeVar('_T')

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
