"""WebSocket: options, ready states, close codes, and the connection lifecycle written once.

Rules: this module does no I/O. :func:`websocket_lifecycle` is a generator following the call
protocol of ``falcon.core._calls``: it yields every user call *and* every operation on the
connection (``ws.accept``, ``ws.close``, ``ws._deny``), and the adapter's driver runs them.
The order follows Falcon: ``process_request_ws`` -> routing -> ``process_resource_ws`` ->
before hooks -> ``on_websocket(req, ws, **params)`` -> after hooks. A WebSocket sink is
called as ``sink(req, None, ws=ws, **params)`` when it declares a ``ws`` parameter, else as
``sink(req, ws, **params)`` (Falcon 4.1's compatibility rule).

Failures:

* no route (static routes do not serve WebSockets): :class:`HTTPRouteNotFound`, as in
  Falcon, so an error handler registered for it applies; by default the handshake is closed
  with 3404 (the server answers 403), or rejected with a 404 response when the server offers
  the denial response extension;
* a route without ``on_websocket``: :class:`HTTPMethodNotAllowed`, closed with 3405 (or
  rejected with 405);
* an ``HTTPError`` (or ``HTTPStatus``): rejected with its status before ``accept()``, closed
  with ``3000 + status`` after it;
* a ``WebSocketDisconnected`` escaping the responder: the client left; nothing to report;
* anything else: logged like an HTTP 500, then closed with ``error_close_code`` (1011).

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
from typing import Any

from falcon.core._calls import ASYNC, INLINE, NO_KWARGS, CallPlan
from falcon.core._constants import WebSocketPayloadType
from falcon.core._errors import (
    HTTPError,
    HTTPMethodNotAllowed,
    HTTPRouteNotFound,
    HTTPStatus,
    PayloadTypeError,
    RequestParseError,
    WebSocketDisconnected,
    WebSocketHandlerNotFound,
    WebSocketPathNotFound,
    to_http_error,
)
from falcon.core.media._ws import JSONHandlerWS, MessagePackHandlerWS

__all__ = [
    'CLOSED',
    'CLOSING',
    'CONNECTING',
    'DEFAULT_MAX_MESSAGE_SIZE',
    'OPEN',
    'WebSocketOptions',
    'event_bytes',
    'event_text',
    'http_status_to_ws_code',
    'websocket_lifecycle',
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


def _route(app: Any, req: Any) -> tuple[Callable[..., Any], dict[str, Any], object]:
    path = req.path
    route = app._router.find(path, req)
    if route is not None and route[0] is not None:
        resource, method_map, params = route[0], route[1], route[2]
        req.uri_template = route[3] if len(route) > 3 else None
        responder = method_map.get('WEBSOCKET')
        if responder is None or getattr(responder, '__falcon_builtin__', False):
            raise HTTPMethodNotAllowed(_allowed_methods(method_map))
        return responder, params, resource
    for matcher, target, _, is_sink in app._sink_and_static_routes:
        if not is_sink:
            continue
        match = matcher(path)
        if match:
            params = match.groupdict() if hasattr(match, 'groupdict') else {}
            return target, params, None
    raise HTTPRouteNotFound()


def _allowed_methods(method_map: Mapping[str, Any]) -> list[str]:
    return [
        method
        for method, responder in method_map.items()
        if method != 'WEBSOCKET'
        and (method == 'OPTIONS' or not getattr(responder, '__falcon_builtin__', False))
    ]


def websocket_lifecycle(app: Any, req: Any, ws: Any, options: WebSocketOptions) -> CallPlan:
    """Serve one WebSocket connection: yield each call, for the adapter to run.

    Args:
        app: The :class:`falcon.core._app.AppCore` serving the connection.
        req: The request built from the handshake.
        ws: The adapter's WebSocket object (``accept``, ``close``, ``_deny``, ``closed``,
            ``unaccepted``).
        options: The app's :class:`WebSocketOptions`.
    """
    plan = app._middleware
    params: dict[str, Any] = {}
    try:
        for method, kind in plan.request_ws:
            yield method, (req, ws), NO_KWARGS, kind
        responder, params, resource = _route(app, req)
        if resource is not None:
            for method, kind in plan.resource_ws:
                yield method, (req, ws, resource, params), NO_KWARGS, kind
        kind, hooks = app._responder_plan(responder)
        if resource is None and _names_ws(responder):
            yield responder, (req, None), {**params, 'ws': ws}, kind
        elif hooks is None:
            yield responder, (req, ws), params, kind
        else:
            for step in hooks.befores:
                yield step.action, (req, ws, resource, params, *step.args), step.kwargs, step.kind
            yield hooks.responder, (resource, req, ws), params, hooks.responder_kind
            for step in hooks.afters:
                yield step.action, (req, ws, resource, *step.args), step.kwargs, step.kind
    except Exception as ex:
        yield from _handle_exception(app, req, ws, ex, params, options)
    if not ws.closed:
        yield ws.close, (NORMAL_CLOSURE,), NO_KWARGS, ASYNC


def _handle_exception(
    app: Any,
    req: Any,
    ws: Any,
    ex: BaseException,
    params: dict[str, Any],
    options: WebSocketOptions,
) -> CallPlan:
    if isinstance(ex, RequestParseError):
        ex = to_http_error(ex)
    found = app._find_error_handler(type(ex))
    if found is None or found[1] == INLINE:
        yield from _default_handler(app, req, ws, ex, options)
        if not isinstance(ex, WebSocketDisconnected):
            yield from _report(app, req, ex, params)
        return
    handler, kind = found
    kwargs = {'ws': ws} if _takes_ws(handler) else NO_KWARGS
    try:
        yield handler, (req, None, ex, params), kwargs, kind
    except Exception as again:
        yield from _default_handler(app, req, ws, again, options)
        yield from _report(app, req, ex, params)
        if again is not ex:
            yield from _report(app, req, again, params)
        return
    yield from _report(app, req, ex, params)


def _report(app: Any, req: Any, ex: BaseException, params: dict[str, Any]) -> CallPlan:
    """Give a handled exception to the app's error reporter, as the HTTP lifecycle does."""
    reporter = app._error_reporter
    if reporter is not None:
        try:
            yield reporter[0], (req, ex, params, True), NO_KWARGS, reporter[1]
        except Exception as failure:
            app._log_failure(req, failure, 'The error reporter raised an exception')


def _default_handler(
    app: Any, req: Any, ws: Any, ex: BaseException, options: WebSocketOptions
) -> CallPlan:
    if isinstance(ex, (WebSocketPathNotFound, WebSocketHandlerNotFound)):
        yield from _reject(ws, ex.code - 3000, [], b'', ex.code)
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
        yield from _reject(ws, status, headers, body, code)
    else:
        app._log_failure(req, ex, 'Unhandled exception in a WebSocket connection')
        yield from _reject(ws, 500, [], b'', options.error_close_code)


def _header_items(headers: Any) -> list[tuple[str, str]]:
    if not headers:
        return []
    items = headers.items() if hasattr(headers, 'items') else headers
    return [(str(name), str(value)) for name, value in items]


def _reject(
    ws: Any, status: int, headers: list[tuple[str, str]], body: bytes, code: int
) -> CallPlan:
    if ws.closed:
        return
    if ws.unaccepted:
        yield ws._deny, (status, headers, body, code), NO_KWARGS, ASYNC
    else:
        yield ws.close, (code,), NO_KWARGS, ASYNC
