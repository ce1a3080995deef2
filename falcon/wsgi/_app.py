"""``falcon.App``: the WSGI application.

Rules: build the request and response, run the core lifecycle's synchronous twin
(:func:`falcon.core._lifecycle_sync.serve_sync`) with this adapter's way of carrying out calls
(:func:`falcon.wsgi._driver.call_sync`), and hand the head to ``start_response``. Bodies, by
the kind the core names (:class:`falcon.core._body.BodyKind`): ``bytes`` as a one-item list;
file-likes through ``wsgi.file_wrapper`` when the server offers it; every other source
through :class:`_StreamBody`, the one place a source is read, iterated and closed. Async
sources are driven, and closed with ``aclose()`` (or an async ``close()``), on the worker
thread's event loop. A source is closed exactly once, through the response iterable's
``close()`` (which the server calls, also when the client left), even when it is not sent
(HEAD); when ``start_response`` fails, at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from falcon.core._app import AppCore
from falcon.core._body import BodyKind, start_close
from falcon.core._constants import MEDIA_JSON
from falcon.core._deprecation import warn_deprecated
from falcon.core._lifecycle_sync import (
    handle_exception_sync,
    log_and_report_sync,
    report_sync,
    serve_sync,
)
from falcon.core._response import Response
from falcon.wsgi._driver import call_sync, run_awaitable
from falcon.wsgi._request import FAST_REQUEST_TYPE, Request, fast_request
from falcon.wsgi._sse import DEFAULT_PING_INTERVAL, SSEBody

__all__ = ['API', 'App']

if TYPE_CHECKING:
    import typing_extensions

    # Type checkers use the default request and response types when none is given; an
    # app of request/response subclasses is also an app of their base classes.
    _ReqT = typing_extensions.TypeVar('_ReqT', bound=Request, default=Request, covariant=True)
    _RespT = typing_extensions.TypeVar('_RespT', bound=Response, default=Response, covariant=True)
else:
    _ReqT = TypeVar('_ReqT', bound=Request, covariant=True)
    _RespT = TypeVar('_RespT', bound=Response, covariant=True)

_BLOCK_SIZE = 64 * 1024
_STREAM_FAILED = 'Exception while streaming the response body'
_SSE_FAILED = 'Exception in the SSE emitter'


def _close_source(source: Any) -> None:
    pending = start_close(source)
    if pending is not None:
        run_awaitable(pending)


class _StreamBody:
    """The WSGI iterable for a stream: any kind of source, chunk by chunk.

    File-likes are read in blocks (awaited when ``read`` is a coroutine function), async
    iterables are driven on the worker thread's event loop, plain iterables are walked; with
    ``body`` set, only ``body`` is sent (the source is closed without being read). An
    exception from the source is logged and ends the body; ``close()`` (called by the
    server, also when the client left) closes the source, once.
    """

    __slots__ = ('_body', '_kind', '_report', '_source')

    def __init__(
        self,
        kind: BodyKind,
        source: Any,
        report: Callable[[BaseException], None],
        body: bytes | None = None,
    ) -> None:
        self._kind = kind
        self._source = source
        self._report = report
        self._body = body

    def __iter__(self) -> Iterator[bytes]:
        if self._body is not None:
            yield self._body
            return
        try:
            for chunk in self._chunks():
                if chunk:
                    yield chunk
        except Exception as error:
            self._report(error)

    def _chunks(self) -> Iterator[bytes]:
        source = self._source
        kind = self._kind
        if kind is BodyKind.FILE:
            read = source.read
            yield from iter(lambda: read(_BLOCK_SIZE), b'')
        elif kind is BodyKind.ASYNC_FILE:
            read = source.read
            while block := run_awaitable(read(_BLOCK_SIZE)):
                yield block
        elif kind is BodyKind.ASYNC_ITERABLE:
            iterator = source.__aiter__()
            while True:
                try:
                    yield run_awaitable(iterator.__anext__())
                except StopAsyncIteration:
                    return
        else:
            # Not ``yield from``: closing this generator must not close the source, which
            # close() does, once.
            for chunk in source:  # noqa: UP028
                yield chunk

    def close(self) -> None:
        source = self._source
        if source is not None:
            self._source = None
            _close_source(source)


class App(AppCore[_ReqT, _RespT]):
    """A WSGI application (PEP 3333).

    Args:
        media_type: Default media type of responses (``'application/json'``).
        request_type: ``Request`` subclass to use.
        response_type: ``Response`` subclass to use.
        middleware: A component or an iterable of components; their methods may be plain or
            ``async def``.
        router: A router; defaults to :class:`falcon.routing.CompiledRouter`.
        independent_middleware: Run every ``process_response`` even when a
            ``process_request`` raised (default ``True``).
        cors_enable: Add a :class:`falcon.CORSMiddleware` with its defaults.
        sink_before_static_route: Try sinks before static routes (default ``True``).
        req_options: :class:`RequestOptions` to use.
        resp_options: :class:`ResponseOptions` to use.
        secure_cookies_by_default: Shortcut for ``resp_options.secure_cookies_by_default``.
    """

    _stands_for_all_apps = True

    _prefer_async = False
    _default_request_type = Request
    _default_response_type = Response

    sse_ping_interval: float | None = DEFAULT_PING_INTERVAL
    """Seconds an async SSE emitter may stay idle before a ``: ping`` comment is sent
    (``None``: never)."""

    def __call__(self, env: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Serve one request: the WSGI (PEP 3333) entry point the server calls.

        Args:
            env: The WSGI environment of the request.
            start_response: The server's function that takes the status and headers.

        Returns:
            The body, as an iterable of ``bytes`` (closed by the server when done).
        """
        if self._own_constructors:
            request_type = self._request_type
            req = None
            if request_type is FAST_REQUEST_TYPE:
                # PERF: the usual request built in C, without entering __init__ (about 3k
                # instructions; falcon.wsgi._request.fast_request).
                req = fast_request(env, self.req_options)  # type: ignore[misc]
            if req is None:
                req = request_type(env, self.req_options)
            resp = self._response_type(self.resp_options)
        else:
            req = self._request_type(env, options=self.req_options)
            resp = self._response_type(options=self.resp_options)
        # PERF: the head unpacked at once rather than read field by field (five descriptor
        # calls) saves about 0.1 us per request.
        status, _, headers, body, kind, source = serve_sync(self, req, resp, call_sync)
        try:
            start_response(status, headers)
        except Exception as error:
            if source is not None:
                _close_source(source)
            report_sync(self, req, error, {}, False, call_sync)
            raise
        if body is not None:
            if source is None:
                return [body]
            return _StreamBody(kind, source, self._reporter(req, _STREAM_FAILED), body)
        if kind is BodyKind.SSE:
            return self._sse_body(req, source)
        if kind is BodyKind.FILE:
            file_wrapper = env.get('wsgi.file_wrapper')
            if file_wrapper is not None:
                return file_wrapper(source, _BLOCK_SIZE)  # type: ignore[no-any-return]
        return _StreamBody(kind, source, self._reporter(req, _STREAM_FAILED))

    def _handle_exception(
        self, req: Request, resp: Response, ex: BaseException, params: dict[str, Any]
    ) -> bool:
        """Turn ``ex`` into the response through the most specific error handler.

        Returns ``True`` once handled, ``False`` when no handler matches (the exception then
        propagates). The lifecycle calls it through the instance, so a replacement on the
        class or the instance (as APM agents and error trackers install) sees every
        exception, while the exception is being handled (``sys.exc_info()`` holds it).
        """
        return handle_exception_sync(self, req, resp, ex, params, call_sync)

    def _sse_body(self, req: Request, emitter: Any) -> SSEBody:
        handlers = getattr(self.resp_options, 'media_handlers', None)
        handler = handlers.get(MEDIA_JSON) if handlers is not None else None

        return SSEBody(emitter, self._reporter(req, _SSE_FAILED), self.sse_ping_interval, handler)

    def _reporter(self, req: Request, what: str) -> Callable[[BaseException], None]:
        """How a failure after the response started is handled: logged to ``wsgi.errors``
        and given to the error reporter as unhandled."""

        def report(error: BaseException) -> None:
            log_and_report_sync(self, req, error, what, call_sync)

        return report


class API(App[_ReqT, _RespT]):
    """Deprecated alias of :class:`App` (creating one emits :class:`DeprecatedWarning`); it
    goes away in Falcon 5.0."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        warn_deprecated('The API class will be removed in Falcon 5.0, use falcon.App instead.')
        super().__init__(*args, **kwargs)
