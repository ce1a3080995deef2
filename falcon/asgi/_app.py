"""``falcon.asgi.App``: the ASGI 3 application (HTTP, WebSocket, lifespan).

Rules: translate only. The scope becomes the core request; the core lifecycle
(:func:`falcon.core._lifecycle_async.serve_async`) runs with this adapter's way of carrying
out calls (:func:`falcon.asgi._driver.call_async`); its response head becomes
``http.response.start`` and the body one ``http.response.body`` event, or a stream sent by
:mod:`falcon.asgi._body`. Callbacks scheduled on the response run after it is sent.
"""

from __future__ import annotations

import functools
import logging
import traceback
import types
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from falcon.asgi._body import Sending, close_source, iterate_stream, send_streamed
from falcon.asgi._driver import AsyncCall, make_call_async
from falcon.asgi._request import FAST_REQUEST_TYPE, Request, fast_request
from falcon.asgi._response import Response
from falcon.asgi._sse import DEFAULT_PING_INTERVAL, PING, EventStream
from falcon.asgi._sse import first_chunk as first_event_chunk
from falcon.asgi._ws import WebSocket
from falcon.bridge._pool import DEFAULT_THREAD_POOL_SIZE, ThreadPool
from falcon.core._app import AppCore, ResponseHead
from falcon.core._body import BodyKind
from falcon.core._calls import ASYNC, SYNC
from falcon.core._errors import UnsupportedError, UnsupportedScopeError, WebSocketDisconnected
from falcon.core._lifecycle_async import (
    handle_exception_async,
    log_and_report_async,
    report_async,
    serve_async,
)
from falcon.core._ws import WebSocketOptions, serve_websocket_async

__all__ = ['App']

if TYPE_CHECKING:
    import typing_extensions

    # Type checkers use the default request and response types when none is given; an
    # app of request/response subclasses is also an app of their base classes.
    _ReqT = typing_extensions.TypeVar('_ReqT', bound=Request, default=Request, covariant=True)
    _RespT = typing_extensions.TypeVar('_RespT', bound=Response, default=Response, covariant=True)
else:
    _ReqT = TypeVar('_ReqT', bound=Request, covariant=True)
    _RespT = TypeVar('_RespT', bound=Response, covariant=True)

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

_NAME_BYTES: dict[str, bytes] = {}
_ENCODED_PAIRS: dict[tuple[str, str], tuple[bytes, bytes]] = {}
_ENCODED_LISTS: dict[tuple[tuple[str, str], ...], tuple[tuple[bytes, bytes], ...]] = {}
# The last head encoded or found in _ENCODED_LISTS: its lines (a list of its own) and their
# encoded lines (replaced as one tuple, so a thread always reads a matching pair).
_last_head: tuple[list[tuple[str, str]], tuple[tuple[bytes, bytes], ...]] = ([], ())
_PAIR_VALUE_LIMIT = 64
_CACHE_LIMIT = 1024
_HTTP_VERSIONS = frozenset(('1.0', '1.1', '2', '3'))
# The usual ``spec_version`` values of an http scope (None: not given), known to be 2.x.
_KNOWN_HTTP_SPECS = frozenset((None, '2.0', '2.1', '2.2', '2.3', '2.4', '2.5'))
_WS_HTTP_VERSIONS = frozenset(('1.1', '2', '3'))


@functools.lru_cache(maxsize=16)
def _keep_alive_for(interval: float) -> tuple[float, bytes]:
    """The keep-alive of an SSE stream pinged every ``interval`` seconds (one tuple for
    every stream, not one each)."""
    return (interval, PING)


# ASGI has no error stream: the default ``Exception`` handler logs through the ``falcon``
# logger hierarchy instead (Falcon's debugging guide shows this logger name).
_logger = logging.getLogger('falcon.asgi.app')


def _encode_headers(headers: list[tuple[str, str]]) -> list[tuple[bytes, bytes]]:
    """The response header lines as the ``http.response.start`` event carries them (a new
    list each time: whoever wraps ``send`` may change it)."""
    # PERF: most responses repeat a head seen before (same content type, length and fixed
    # headers); its encoded lines are copied in C from the last time (saves a Python loop
    # of a few dict lookups per line, about 0.3 us for two lines).
    global _last_head
    key = tuple(headers)
    known = _ENCODED_LISTS.get(key)
    if known is not None:
        _last_head = (list(headers), known)
        # PERF: unpacked into a display rather than passed to list() (about 0.3k
        # instructions fewer: no call).
        return [*known]
    encoded = []
    pairs = _ENCODED_PAIRS
    keep = True
    for pair in headers:
        # PERF: most header lines repeat across responses (content type, short lengths,
        # middleware's fixed headers); each distinct short one is encoded once (about 0.1 us
        # per line). Long values and cookies are encoded every time and never kept.
        raw = pairs.get(pair)
        if raw is None:
            name, value = pair
            raw_name = _NAME_BYTES.get(name)
            if raw_name is None:
                raw_name = name.encode('latin-1')
                if len(_NAME_BYTES) < _CACHE_LIMIT:
                    _NAME_BYTES[name] = raw_name
            raw = (raw_name, value.encode('latin-1'))
            if len(value) <= _PAIR_VALUE_LIMIT and name != 'set-cookie':
                if len(pairs) >= _CACHE_LIMIT:
                    # Starting over is cheaper (and thread-safer) than tracking recency.
                    pairs.clear()
                pairs[pair] = raw
            else:
                keep = False
        encoded.append(raw)
    if keep:
        # Only heads made of kept lines: no long value and no cookie is ever kept.
        if len(_ENCODED_LISTS) >= _CACHE_LIMIT:
            _ENCODED_LISTS.clear()
        kept = _ENCODED_LISTS[key] = tuple(encoded)
        _last_head = (list(headers), kept)
    return encoded


class _StreamSending(Sending):
    """The sending state of a streamed response of the app: its failures are logged and
    reported through the app once the body is sent."""

    __slots__ = ('app', 'req', 'what')

    def __init__(self, app: App[Any, Any], req: Request, what: str) -> None:
        super().__init__()
        self.app = app
        self.req = req
        self.what = what

    async def settle(self) -> None:
        app = self.app
        for failure in self.failures or ():
            await log_and_report_async(app, self.req, failure, self.what, app._call)


class _EventSending(EventStream):
    """The body of an SSE response of the app and the state of its sending: its failures
    are logged and reported through the app once the body is sent."""

    __slots__ = ('app', 'req')

    def __init__(
        self,
        app: App[Any, Any],
        req: Request,
        emitter: Any,
        run: Callable[..., Awaitable[Any]] | None,
        handlers: Mapping[str, Any] | None,
    ) -> None:
        EventStream.__init__(self, emitter, None, None, run, handlers, True)
        self.app = app
        self.req = req

    async def settle(self) -> None:
        app = self.app
        for failure in self.failures or ():
            await log_and_report_async(
                app, self.req, failure, 'Exception in the SSE emitter', app._call
            )


_ValueT = TypeVar('_ValueT')


def _spec_version(scope: dict[str, Any]) -> Any:
    """The scope's ``asgi['spec_version']`` (``None``: not given); a scope without ``asgi``
    gets the ASGI specification's default for it."""
    asgi_info = scope.get('asgi')
    if asgi_info is None:
        asgi_info = scope['asgi'] = {'version': '2.0'}
    return asgi_info.get('spec_version')


def _check_http_scope(scope: dict[str, Any]) -> None:
    """Refuse an http scope of an ASGI spec version other than 2.x, or of an HTTP version
    the app does not serve."""
    spec_version = _spec_version(scope)
    try:
        known_spec = spec_version in _KNOWN_HTTP_SPECS
    except TypeError:
        known_spec = False
    if not known_spec and spec_version is not None and spec_version[:2] != '2.':
        raise UnsupportedScopeError(
            f'Version {spec_version} of the ASGI http scope is not supported.'
        )
    http_version = scope.get('http_version', '1.1')
    if http_version not in _HTTP_VERSIONS:
        raise UnsupportedError(f'HTTP/{http_version} is not supported over ASGI.')


class _made_on_first_read(Generic[_ValueT]):
    """An attribute whose value ``make(app)`` makes when it is first read, then kept on the
    app like any attribute set there (later reads never reach this descriptor).

    PERF: unlike ``functools.cached_property``, which stores into ``app.__dict__``, the
    value is stored by ``object.__setattr__``, so the app's attributes keep their compact
    per-instance storage and every read of them in the request path stays specialized by
    the interpreter (a ``__dict__`` made on an app left about 15 attribute reads per
    request on the slow generic path, about 1.4k instructions). As with ``cached_property``
    on newer Pythons, two threads reading it first at the same moment may each make one;
    one of them is kept.
    """

    def __init__(self, make: Callable[[Any], _ValueT]) -> None:
        self._make = make
        self._name = make.__name__
        self.__doc__ = make.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, app: None, owner: type | None = None) -> _made_on_first_read[_ValueT]: ...

    @overload
    def __get__(self, app: object, owner: type | None = None) -> _ValueT: ...

    def __get__(
        self, app: object | None, owner: type | None = None
    ) -> _ValueT | _made_on_first_read[_ValueT]:
        if app is None:
            return self
        value = self._make(app)
        object.__setattr__(app, self._name, value)
        return value


class App(AppCore[_ReqT, _RespT]):
    """An ASGI 3 application: HTTP, WebSocket and lifespan.

    Takes the same arguments as :class:`falcon.App`. Responders, hooks, middleware methods
    and error handlers may be ``async def`` or plain functions; plain ones run on the app's
    own thread pool (see :attr:`thread_pool_size`) so the event loop never blocks.
    """

    _prefer_async = True
    _default_request_type = Request
    _default_response_type = Response

    sse_ping_interval: float | None = DEFAULT_PING_INTERVAL
    """Seconds an SSE emitter may stay idle before a ``: ping`` comment is sent (``None``:
    never)."""

    @_made_on_first_read
    def _thread_pool(self) -> ThreadPool:
        return ThreadPool(DEFAULT_THREAD_POOL_SIZE, name='falcon-asgi')

    @_made_on_first_read
    def _call(self) -> AsyncCall:
        return make_call_async(self._thread_pool.run)

    _ws_options: WebSocketOptions | None = None

    @property
    def thread_pool_size(self) -> int:
        """How many plain (blocking) functions of this app may run at once (default 40).

        Plain responders, hooks, middleware methods, error handlers, callbacks and plain
        stream or SSE sources run on worker threads of the app's own pool, created on first
        use; further calls wait in its queue while the event loop goes on. Setting a new
        size replaces the pool from the next call on (calls already running finish on the
        old one). The pool is shut down after the lifespan shutdown event; its threads also
        end when the interpreter exits.

        Raises:
            ValueError: The size set is not a positive ``int``.
        """
        return self._thread_pool.size

    @thread_pool_size.setter
    def thread_pool_size(self, size: int) -> None:
        self._thread_pool.size = size

    async def __call__(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        """Serve one ASGI connection: an ``http`` request, a ``websocket`` or the lifespan.

        Args:
            scope: The connection scope the server sends.
            receive: The coroutine function that receives the client's events.
            send: The coroutine function that sends events to the client.

        Raises:
            UnsupportedScopeError: The scope type is none of those three, or its
                ``asgi['spec_version']`` has a major version the app does not speak (2 for
                ``http`` and ``websocket``, 1 or 2 for ``lifespan``).
            UnsupportedError: The scope's ``http_version`` is not one of HTTP/1.0, 1.1, 2
                and 3 (HTTP/1.0 is not a WebSocket version).
        """
        scope_type = scope['type']
        if scope_type == 'http':
            # PERF: a scope that states a usual spec version and HTTP version (as servers
            # do) is checked by two subscripts and two set lookups, without get() calls
            # (about 0.3k instructions); any other goes through _check_http_scope.
            try:
                usual = (
                    scope['asgi']['spec_version'] in _KNOWN_HTTP_SPECS
                    and scope['http_version'] in _HTTP_VERSIONS
                )
            except (KeyError, TypeError):
                usual = False
            if not usual:
                _check_http_scope(scope)
            # PERF: the request is served here rather than in a method of its own, one
            # coroutine fewer per request.
            first_event = await receive()
            if first_event['type'] == 'http.disconnect':
                return
            # PERF: the types are read as attributes and, unless one has a constructor of the
            # app's own (called as documented, with ``options=``), called with positional
            # arguments (the signatures of falcon.asgi.Request and Response): no keyword
            # dict, and attribute reads the interpreter can specialize (about 0.2 us).
            request_type = self._request_type
            response_type = self._response_type
            if self._own_constructors:
                req = None
                if request_type is FAST_REQUEST_TYPE:
                    # PERF: the usual request built in C, without entering __init__ (about
                    # 3k instructions; falcon.asgi._request.fast_request).
                    req = fast_request(scope, receive, first_event, self.req_options)  # type: ignore[misc]
                if req is None:
                    req = request_type(scope, receive, first_event, self.req_options)
                resp = response_type(self.resp_options)
            else:
                req = request_type(
                    scope, receive, first_event=first_event, options=self.req_options
                )
                resp = response_type(options=self.resp_options)
            call = self._call
            head: ResponseHead = await serve_async(self, req, resp, call)
            # PERF: unpacked at once rather than read field by field (the field getters of
            # a named tuple are not specialized: about 0.15 us).
            _, status_code, headers, body, _, source = head
            # PERF: the head of the last response again (the usual case: same content type,
            # length and fixed headers) is compared line by line with it and copied from its
            # encoded lines here, without hashing the head or calling _encode_headers (about
            # 0.9k instructions), unpacked into a list display (0.3k fewer than list()).
            last_lines, last_encoded = _last_head
            try:
                await send(
                    {
                        'type': 'http.response.start',
                        'status': status_code,
                        'headers': [*last_encoded]
                        if headers == last_lines
                        else _encode_headers(headers),
                    }
                )
            except Exception as error:
                if source is not None:
                    await self._send_source(req, head, None, receive)
                await report_async(self, req, error, {}, False, call)
                raise
            if source is None:
                await send({'type': 'http.response.body', 'body': body})
            else:
                streaming = self._send_source(req, head, send, receive)
                # PERF: a stream or SSE connection may stay open for hours; the head and its
                # header list are not kept alive (nor visited by the garbage collector)
                # meanwhile.
                del head, headers, source
                await streaming
            callbacks = resp._callbacks
            if callbacks:
                await self._run_callbacks(req, callbacks)
        elif scope_type == 'websocket':
            spec_version = _spec_version(scope)
            if spec_version is not None and spec_version[:2] != '2.':
                raise UnsupportedScopeError(
                    f'Version {spec_version} of the ASGI websocket scope is not supported.'
                )
            http_version = scope.get('http_version', '1.1')
            if http_version not in _WS_HTTP_VERSIONS:
                raise UnsupportedError(f'WebSocket over HTTP/{http_version} is not supported.')
            await self._handle_websocket(scope, receive, send)
        elif scope_type == 'lifespan':
            spec_version = _spec_version(scope)
            if spec_version is not None and spec_version[:2] not in ('1.', '2.'):
                raise UnsupportedScopeError(
                    f'Version {spec_version} of the ASGI lifespan scope is not supported.'
                )
            await self._handle_lifespan(scope, receive, send)
        else:
            _spec_version(scope)
            raise UnsupportedScopeError(f'The ASGI {scope_type!r} scope type is not supported.')

    async def _run_callbacks(
        self, req: Request, callbacks: list[tuple[Callable[[], Any], bool]]
    ) -> None:
        """Run the callbacks scheduled on the response, after it was sent; a failing one is
        logged and reported, and the others still run."""
        call = self._call
        for callback, is_async in callbacks:
            try:
                await call(callback, (), {}, ASYNC if is_async else SYNC)
            except Exception as error:
                await log_and_report_async(
                    self, req, error, 'Exception in a scheduled callback', call
                )

    def _send_source(
        self, req: Request, head: ResponseHead, send: Send | None, receive: Receive
    ) -> Awaitable[Any]:
        """Send the stream or SSE emitter of ``head``, or with its body set (HEAD, a
        bodiless status) send only that; close the source in every case (``send`` is
        ``None`` when the head could not be sent: the source is only closed). Failures are
        collected while the body is sent, then logged and reported (the reporter may be a
        coroutine function)."""
        _, _, _, body, kind, source = head
        if send is None or body is not None:
            return self._send_body_and_close(req, body, source, send)
        # PERF: the awaitable returned is send_streamed() itself, one coroutine fewer held
        # per open stream; one object is the sender's state, its keep-alive state and the
        # reporter of its failures, which reports them itself once the body is sent; no
        # bound method of the thread pool for an async SSE emitter; an SSE body is its own
        # sending state.
        keep_alive: tuple[float, bytes] | None = None
        first_chunk: Callable[[Any, Any], bytes] | None = None
        sending: Sending
        chunks: Any
        if kind is BodyKind.SSE:
            sending = chunks = self._sse_source(req, source)
            first_chunk = first_event_chunk
            source = None
            interval = self.sse_ping_interval
            if interval:
                keep_alive = _keep_alive_for(interval)
        else:
            sending = _StreamSending(self, req, 'Exception while streaming the response body')
            chunks = iterate_stream(kind, source, self._thread_pool.run)
        return send_streamed(
            chunks,
            send,
            receive,
            sending,
            source,
            keep_alive=keep_alive,
            sending=sending,
            first_chunk=first_chunk,
        )

    async def _send_body_and_close(
        self, req: Request, body: bytes | None, source: Any, send: Send | None
    ) -> None:
        """Send ``body`` (unless ``send`` is ``None``) and close ``source`` unsent."""
        failures: list[BaseException] = []
        try:
            if send is not None:
                await send({'type': 'http.response.body', 'body': body})
        finally:
            await close_source(source, failures.append)
        for failure in failures:
            await log_and_report_async(
                self, req, failure, 'Exception while streaming the response body', self._call
            )

    def _log_failure(self, req: Any, ex: BaseException, what: str) -> None:
        """Log through ``logging.getLogger('falcon.asgi.app')``: ASGI has no error stream."""
        _logger.error(what, exc_info=ex)

    def _log_unhandled(self, req: Any, ex: BaseException) -> None:
        self._log_failure(req, ex, 'Unhandled exception in ASGI application')

    async def _handle_exception(
        self, req: Request, resp: Response, ex: BaseException, params: dict[str, Any]
    ) -> bool:
        """Turn ``ex`` into the response through the most specific error handler.

        Returns ``True`` once handled, ``False`` when no handler matches (the exception then
        propagates). The lifecycle awaits it through the instance, so a replacement on the
        class or the instance sees every exception while it is being handled.
        """
        return await handle_exception_async(self, req, resp, ex, params, self._call)

    def _sse_source(self, req: Request, emitter: Any) -> _EventSending:
        """The body of ``resp.sse``, which is also the state of its sending."""
        # PERF: the JSON handler is looked up once the first event arrives, not per open.
        handlers = getattr(self.resp_options, 'media_handlers', None)
        run = None
        if emitter.__class__ is not types.AsyncGeneratorType and not hasattr(emitter, '__aiter__'):
            run = self._thread_pool.run
        return _EventSending(self, req, emitter, run, handlers)

    @property
    def ws_options(self) -> WebSocketOptions:
        """The :class:`WebSocketOptions` of the app's WebSocket connections."""
        options = self._ws_options
        if options is None:
            options = self._ws_options = WebSocketOptions()
        return options

    @ws_options.setter
    def ws_options(self, options: WebSocketOptions) -> None:
        self._ws_options = options

    async def _handle_websocket(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        first_event = await receive()
        if first_event.get('type') != 'websocket.connect':
            return
        options = self.ws_options
        spec_version = (scope.get('asgi') or {}).get('spec_version') or '2.0'
        ws = WebSocket(
            spec_version,
            scope,
            receive,
            send,
            options.media_handlers,
            options.max_receive_queue,
            options.default_close_reasons,
            max_message_size=options.max_message_size,
        )
        req = self._request_type(scope, receive, options=self.req_options)
        req.is_websocket = True
        try:
            await serve_websocket_async(self, req, ws, options, self._call)
        except WebSocketDisconnected:
            pass
        except Exception as error:
            await log_and_report_async(
                self, req, error, 'Unhandled exception in a WebSocket connection', self._call
            )
            await ws.close(options.error_close_code)
        finally:
            await ws._shutdown()

    async def _handle_lifespan(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        plan = self._middleware
        call = self._call
        while True:
            event = await receive()
            if event['type'] == 'lifespan.startup':
                steps, prefix = plan.startup, 'lifespan.startup'
            elif event['type'] == 'lifespan.shutdown':
                steps, prefix = plan.shutdown, 'lifespan.shutdown'
            else:
                continue
            try:
                for method, kind in steps:
                    await call(method, (scope, event), {}, kind)
            except Exception as error:
                # No request to report: logged, and the traceback goes to the server.
                self._log_failure(None, error, f'Exception in {prefix}')
                await send({'type': prefix + '.failed', 'message': traceback.format_exc()})
                self._thread_pool.shutdown()
                return
            await send({'type': prefix + '.complete'})
            if prefix == 'lifespan.shutdown':
                self._thread_pool.shutdown()
                return
