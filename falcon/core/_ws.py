"""WebSocket: options, ready states, close codes, and the connection lifecycle written once.

Rules: this module does no I/O of its own. :func:`serve_websocket_async` runs every user call
through the adapter's ``call(function, args, kwargs, kind)`` (see ``falcon.core._calls``) and
awaits the connection's own methods (``close``, ``_deny``) to end it. It routes with the
app's ``_get_responder``, runs hooks with the HTTP lifecycle's hook runner and reports with
its reporter, so both lifecycles route, hook and report alike. The order follows Falcon:
``process_request_ws`` -> routing -> ``process_resource_ws`` -> before hooks ->
``on_websocket(req, ws, **params)`` -> after hooks. A WebSocket sink is called as
``sink(req, None, ws=ws, **params)`` when it declares a ``ws`` parameter, else as
``sink(req, ws, **params)`` (Falcon 4.1's compatibility rule).

Failures:

* no route (static routes do not serve WebSockets): :class:`HTTPRouteNotFound`, as in
  Falcon, so an error handler registered for it applies; by default the handshake is closed
  with 3404 (the server answers 403), or rejected with a 404 response when the server offers
  the denial response extension;
* a route without ``on_websocket``: :class:`HTTPMethodNotAllowed` (raised by the route's
  built-in responder, with the route's ``Allow`` list), closed with 3405 (or rejected with
  405);
* an ``HTTPError`` (or ``HTTPStatus``): rejected with its status before ``accept()``, closed
  with ``3000 + status`` after it;
* a ``WebSocketDisconnected`` escaping the responder: the client left; nothing to report;
* anything else: logged like an HTTP 500 (``app._log_failure``), then closed with
  ``error_close_code`` (1011).

Each exception that reaches error handling also goes to the app's error reporter, as handled
(but for a ``WebSocketDisconnected`` the default handler takes).

Error handlers registered by the app run first, as Falcon calls them for WebSockets:
``handler(req, None, ex, params, ws=ws)`` (``ws`` only when the handler takes it). After the
responder returns, a connection still open is closed with 1000 (an unaccepted one is thereby
rejected).
"""

from __future__ import annotations

import http
import inspect
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from falcon.core._awaitables import check_returned
from falcon.core._calls import ASYNC, INLINE, NO_KWARGS
from falcon.core._constants import WebSocketPayloadType
from falcon.core._errors import (
    HTTPError,
    HTTPStatus,
    PayloadTypeError,
    RequestParseError,
    WebSocketDisconnected,
    WebSocketHandlerNotFound,
    WebSocketPathNotFound,
    to_http_error,
)
from falcon.core._lifecycle_async import AsyncCall, report_async, run_hooks_async
from falcon.core.media._ws import JSONHandlerWS, MessagePackHandlerWS

if TYPE_CHECKING:
    from falcon.core._app import AppCore
    from falcon.core._request import Request

__all__ = [
    'CLOSED',
    'CLOSING',
    'CONNECTING',
    'DEFAULT_MAX_MESSAGE_SIZE',
    'OPEN',
    'Connection',
    'WebSocketOptions',
    'event_bytes',
    'event_text',
    'http_status_to_ws_code',
    'serve_websocket_async',
]

CONNECTING = 0
"""Ready state: the handshake has not been accepted yet."""
OPEN = 1
"""Ready state: accepted; messages may be sent and received."""
CLOSING = 2
"""Ready state: a close was started and has not completed."""
CLOSED = 3
"""Ready state: closed by either side, or rejected."""

DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024
"""Default limit of one received message, in bytes (UTF-8 bytes for text)."""

NORMAL_CLOSURE = 1000
PATH_NOT_FOUND_CODE = 3404
HANDLER_NOT_FOUND_CODE = 3405


def event_text(event: dict[str, Any]) -> str:
    """The payload of a ``websocket.receive``/``websocket.send`` event that must be text.

    Raises:
        PayloadTypeError: The message is binary.
    """
    text = event.get('text')
    if text is None:
        raise PayloadTypeError('Expected a text payload, got a binary one')
    return str(text)


def event_bytes(event: dict[str, Any]) -> bytes:
    """The payload of a WebSocket event that must be binary.

    Raises:
        PayloadTypeError: The message is text.
    """
    data = event.get('bytes')
    if data is None:
        raise PayloadTypeError('Expected a binary payload, got a text one')
    return bytes(data)


def http_status_to_ws_code(http_status: int) -> int:
    """The WebSocket close code standing for an HTTP status: ``3000 + http_status``.

    Args:
        http_status: An HTTP status code such as 403.

    Returns:
        The close code in the range reserved for libraries and frameworks (e.g. 3403).
    """
    return 3000 + http_status


def _default_close_reasons() -> dict[int, str]:
    reasons = {
        1000: 'Normal Closure',
        1001: 'Going Away',
        1007: 'Invalid Payload Data',
        1008: 'Policy Violation',
        1009: 'Message Too Big',
        1011: 'Internal Server Error',
    }
    for status in http.HTTPStatus:
        if status.value >= 400:
            reasons[http_status_to_ws_code(status.value)] = status.phrase
    return reasons


class WebSocketOptions:
    """Options of the WebSocket connections of an ASGI app (``app.ws_options``).

    Args:
        media_handlers: Handlers for ``send_media()`` / ``receive_media()``, keyed by
            :class:`WebSocketPayloadType`; by default JSON for text and MessagePack for
            binary payloads.
        max_receive_queue: How many received messages are buffered before the server is no
            longer read from (backpressure on the client). Default 32.
        error_close_code: Close code used when an unhandled error ends a connection
            (default 1011, Internal Error).
        default_close_reasons: Close reason sent with each code when ``close()`` gives none.
        max_message_size: Largest message accepted, in bytes; a larger one closes the
            connection with 1009. ``None`` disables the check.

    Attributes:
        media_handlers: As above.
        max_receive_queue: As above.
        error_close_code: As above.
        default_close_reasons: As above.
        max_message_size: As above.
    """

    __slots__ = (
        'default_close_reasons',
        'error_close_code',
        'max_message_size',
        'max_receive_queue',
        'media_handlers',
    )

    def __init__(
        self,
        media_handlers: Mapping[WebSocketPayloadType, Any] | None = None,
        max_receive_queue: int = 32,
        *,
        error_close_code: int = 1011,
        default_close_reasons: dict[int, str] | None = None,
        max_message_size: int | None = DEFAULT_MAX_MESSAGE_SIZE,
    ) -> None:
        if media_handlers is None:
            media_handlers = {
                WebSocketPayloadType.TEXT: JSONHandlerWS(),
                WebSocketPayloadType.BINARY: MessagePackHandlerWS(),
            }
        self.media_handlers: dict[WebSocketPayloadType, Any] = dict(media_handlers)
        self.max_receive_queue = max_receive_queue
        self.error_close_code = error_close_code
        self.default_close_reasons: dict[int, str] = (
            _default_close_reasons() if default_close_reasons is None else default_close_reasons
        )
        self.max_message_size = max_message_size


class Connection(Protocol):
    """What the lifecycle needs of the adapter's WebSocket object."""

    @property
    def closed(self) -> bool: ...

    @property
    def unaccepted(self) -> bool: ...

    async def close(self, code: int | None = ..., reason: str | None = ...) -> None: ...

    async def _deny(
        self, status: int, headers: list[tuple[str, str]], body: bytes, code: int
    ) -> None: ...


_TAKES_WS: dict[Any, bool] = {}


def _takes_ws(handler: Callable[..., Any]) -> bool:
    key = getattr(handler, '__func__', handler)
    found = _TAKES_WS.get(key)
    if found is None:
        try:
            parameters = inspect.signature(handler).parameters.values()
        except (TypeError, ValueError):
            parameters = ()  # type: ignore[assignment]
        found = any(p.name == 'ws' or p.kind is p.VAR_KEYWORD for p in parameters)
        if len(_TAKES_WS) < 1024:
            _TAKES_WS[key] = found
    return found


def _names_ws(sink: Callable[..., Any]) -> bool:
    """Whether a sink declares a ``ws`` parameter besides ``resp`` (it then gets
    ``resp=None, ws=ws``); a sink naming its second parameter ``ws`` gets it there."""
    try:
        names = list(inspect.signature(sink).parameters)
    except (TypeError, ValueError):
        return False
    return 'ws' in names[2:]


async def serve_websocket_async(
    app: AppCore[Any, Any],
    req: Request,
    ws: Connection,
    options: WebSocketOptions,
    call: AsyncCall,
) -> None:
    """Serve one WebSocket connection, running user code through ``call``.

    Args:
        app: The app serving the connection.
        req: The request built from the handshake (``req.is_websocket`` is true).
        ws: The adapter's WebSocket object.
        options: The app's :class:`WebSocketOptions`.
        call: The adapter's ``call(function, args, kwargs, kind)``.
    """
    plan = app._middleware
    params: dict[str, Any] = {}
    try:
        for method, kind in plan.request_ws:
            await call(method, (req, ws), NO_KWARGS, kind)
        responder, params, resource, req.uri_template = app._get_responder(req)
        kind, hooks = app._responder_plan(responder)
        if kind == INLINE:
            # A built-in responder stands for no route (404) or no on_websocket (405): it
            # raises at once, before process_resource_ws, as routing does for HTTP.
            await call(responder, (req, None), params, INLINE)
        if resource is not None:
            for method, step_kind in plan.resource_ws:
                await call(method, (req, ws, resource, params), NO_KWARGS, step_kind)
        if resource is None and _names_ws(responder):
            await call(responder, (req, None), {**params, 'ws': ws}, kind)
        elif hooks is None:
            if kind == ASYNC:
                # PERF: a coroutine responder is awaited here rather than through ``call``:
                # an idle connection keeps one coroutine frame less (about 240 bytes).
                returned = await responder(req, ws, **params)
                if returned is not None:
                    check_returned(responder, returned)
            else:
                await call(responder, (req, ws), params, kind)
        else:
            await run_hooks_async(hooks, resource, req, ws, params, call)
    except Exception as ex:
        await _handle_exception(app, req, ws, ex, params, options, call)
    if not ws.closed:
        await ws.close(NORMAL_CLOSURE)


async def _handle_exception(
    app: AppCore[Any, Any],
    req: Request,
    ws: Connection,
    ex: BaseException,
    params: dict[str, Any],
    options: WebSocketOptions,
    call: AsyncCall,
) -> None:
    if isinstance(ex, RequestParseError):
        ex = to_http_error(ex)
    found = app._find_error_handler(type(ex))
    if found is None or found[1] == INLINE:
        await _default_handler(app, req, ws, ex, options)
        if not isinstance(ex, WebSocketDisconnected):
            await report_async(app, req, ex, params, True, call)
        return
    handler, kind = found
    kwargs = {'ws': ws} if _takes_ws(handler) else NO_KWARGS
    try:
        await call(handler, (req, None, ex, params), kwargs, kind)
    except Exception as again:
        await _default_handler(app, req, ws, again, options)
        await report_async(app, req, ex, params, True, call)
        if again is not ex:
            await report_async(app, req, again, params, True, call)
        return
    await report_async(app, req, ex, params, True, call)


async def _default_handler(
    app: AppCore[Any, Any],
    req: Request,
    ws: Connection,
    ex: BaseException,
    options: WebSocketOptions,
) -> None:
    if isinstance(ex, (WebSocketPathNotFound, WebSocketHandlerNotFound)):
        await _reject(ws, ex.code - 3000, [], b'', ex.code)
    elif isinstance(ex, WebSocketDisconnected):
        return
    elif isinstance(ex, (HTTPError, HTTPStatus)):
        status = ex.status_code
        code = http_status_to_ws_code(status)
        if isinstance(ex, HTTPError):
            body = ex.to_json()
            headers = [('content-type', 'application/json'), *_header_items(ex.headers)]
        else:
            text = ex.text
            body = text.encode('utf-8') if isinstance(text, str) else (text or b'')
            headers = _header_items(ex.headers)
        await _reject(ws, status, headers, body, code)
    else:
        app._log_failure(req, ex, 'Unhandled exception in a WebSocket connection')
        await _reject(ws, 500, [], b'', options.error_close_code)


def _header_items(headers: Any) -> list[tuple[str, str]]:
    if not headers:
        return []
    items = headers.items() if hasattr(headers, 'items') else headers
    return [(str(name), str(value)) for name, value in items]


async def _reject(
    ws: Connection, status: int, headers: list[tuple[str, str]], body: bytes, code: int
) -> None:
    if ws.closed:
        return
    if ws.unaccepted:
        await ws._deny(status, headers, body, code)
    else:
        await ws.close(code)
