"""``falcon.App``: the WSGI application.

Rules: build the request and response, drive the core lifecycle with
:func:`falcon.wsgi._driver.run_plan`, and hand the head to ``start_response``. Bodies:
``bytes`` as a one-item list; file-likes through ``wsgi.file_wrapper`` when the server offers
it; iterables as they are (the server calls their ``close()``); async iterables are driven on
the worker thread's event loop and closed with ``aclose()``.
"""

from __future__ import annotations

import traceback
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import Any

from falcon.core._app import AppCore
from falcon.core._calls import is_async_callable
from falcon.core._constants import MEDIA_JSON
from falcon.core._response import Response
from falcon.wsgi._driver import run_awaitable, run_plan
from falcon.wsgi._request import Request
from falcon.wsgi._sse import DEFAULT_PING_INTERVAL, SSEBody

__all__ = ['API', 'App']

_BLOCK_SIZE = 64 * 1024


class _FileBody:
    """Iterate a file-like object in blocks, closing it when the server closes us."""

    __slots__ = ('_file',)

    def __init__(self, file: Any) -> None:
        self._file = file

    def __iter__(self) -> Iterator[bytes]:
        read = self._file.read
        while True:
            block = read(_BLOCK_SIZE)
            if not block:
                return
            yield block

    def close(self) -> None:
        close = getattr(self._file, 'close', None)
        if close is not None:
            close()


class _AsyncIterableBody:
    """Drive an async iterable from the WSGI server's thread."""

    __slots__ = ('_iterator',)

    def __init__(self, iterable: Any) -> None:
        self._iterator = iterable.__aiter__()

    def __iter__(self) -> Iterator[bytes]:
        iterator = self._iterator
        while True:
            try:
                chunk = run_awaitable(iterator.__anext__())
            except StopAsyncIteration:
                return
            if chunk:
                yield chunk

    def close(self) -> None:
        aclose = getattr(self._iterator, 'aclose', None)
        if aclose is not None:
            run_awaitable(aclose())


async def _read_blocks_async(file: Any) -> AsyncIterator[bytes]:
    try:
        while block := await file.read(_BLOCK_SIZE):
            yield block
    finally:
        close = getattr(file, 'close', None)
        if close is not None:
            result = close()
            if hasattr(result, '__await__'):
                await result


class App(AppCore):
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

    _prefer_async = False
    _default_request_type = Request
    _default_response_type = Response

    sse_ping_interval: float | None = DEFAULT_PING_INTERVAL
    """Seconds an async SSE emitter may stay idle before a ``: ping`` comment is sent
    (``None``: never)."""

    def __call__(self, env: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        req = self._request_type(env, options=self.req_options)
        resp = self._response_type(options=self.resp_options)
        head = run_plan(self.lifecycle(req, resp))
        start_response(head.status, head.headers)
        if head.body is not None:
            return [head.body]
        body = head.stream if head.sse is None else self._sse_body(req, head.sse)
        if hasattr(body, 'read'):
            if is_async_callable(body.read):
                return _AsyncIterableBody(_read_blocks_async(body))
            file_wrapper = env.get('wsgi.file_wrapper')
            if file_wrapper is not None:
                return file_wrapper(body, _BLOCK_SIZE)  # type: ignore[no-any-return]
            return _FileBody(body)
        if hasattr(body, '__aiter__'):
            return _AsyncIterableBody(body)
        return body  # type: ignore[no-any-return]

    def _sse_body(self, req: Request, emitter: Any) -> Any:
        handlers = getattr(self.resp_options, 'media_handlers', None)
        handler = handlers.get(MEDIA_JSON) if handlers is not None else None

        def report(error: BaseException) -> None:
            req.log_error(
                ''.join(traceback.format_exception(type(error), error, error.__traceback__))
            )

        return SSEBody(emitter, report, self.sse_ping_interval, handler)


class API(App):
    """Deprecated alias of :class:`App`."""
