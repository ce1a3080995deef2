"""The application core: registration, and the pieces the lifecycle runs on.

Rules: this module knows nothing of WSGI or ASGI. The lifecycle itself is in
``falcon.core._lifecycle_async`` (and its generated synchronous twin); it asks this class to
route, find error handlers and build the ``ResponseHead`` the adapter puts on the wire.

Strategy: everything that can be decided before the first request is (middleware plan, call
kinds, error handler lookup per exception type, sink matchers). The per-request path is one
router lookup, a few tuple walks and one head.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from falcon.core._awaitables import check_body_value
from falcon.core._body import BodyKind, stream_kind
from falcon.core._calls import INLINE, SYNC, call_kind, mark_builtin
from falcon.core._constants import _META_METHODS, DEFAULT_MEDIA_TYPE
from falcon.core._cors import CORSMiddleware
from falcon.core._error_serializer import default_serialize_error
from falcon.core._errors import (
    HTTPError,
    HTTPInternalServerError,
    HTTPMethodNotAllowed,
    HTTPStatus,
)
from falcon.core._hooks import HookPlan
from falcon.core._middleware import MiddlewarePlan, prepare_middleware
from falcon.core._options import RequestOptions, ResponseOptions
from falcon.core._patch_points import resolve
from falcon.core._request import Request
from falcon.core._response import Response
from falcon.core._status import status_line
from falcon.core._text import encode_utf8
from falcon.core.routing._checks import check_resource, template_field_names
from falcon.core.routing._compiled import CompiledRouter
from falcon.core.routing._responders import path_not_found
from falcon.core.routing._static import StaticRoute

__all__ = ['AppCore', 'ResponseHead']

if TYPE_CHECKING:
    import typing_extensions

    # Type checkers use the default request and response types when none is given; an
    # app of request/response subclasses is also an app of their base classes.
    _ReqT = typing_extensions.TypeVar('_ReqT', bound=Request, default=Request, covariant=True)
    _RespT = typing_extensions.TypeVar('_RespT', bound=Response, default=Response, covariant=True)
else:
    _ReqT = TypeVar('_ReqT', bound=Request, covariant=True)
    _RespT = TypeVar('_RespT', bound=Response, covariant=True)


ResponseHead = tuple[str, int, list[tuple[str, str]], bytes | None, BodyKind, Any]
"""What the lifecycle hands the adapter: ``(status, status_code, headers, body, kind,
source)``, the head and one kind of body.

``body`` is the bytes to send, or ``None`` when ``source`` is sent instead (a stream or an
SSE emitter, of the given ``kind``). When both are set (HEAD, or a status without a body),
``body`` is sent and ``source`` is only closed. PERF: a plain tuple, which the adapters unpack
at once: building a named tuple costs a call into ``tuple.__new__`` (about 0.1 us).
"""

_STATUS_LINES: dict[object, tuple[str, int]] = {}
# PERF: module constants read as globals, which the interpreter specializes; an attribute of
# a class is a generic lookup (about 0.03 us per read).
_BYTES = BodyKind.BYTES
_NO_BODY = BodyKind.NONE
_SSE = BodyKind.SSE
_LENGTH_TEXTS: dict[int, str] = {}
_UNHANDLED = 'Unhandled exception'
_logger = logging.getLogger('falcon')
_BODILESS = frozenset((204, 304))

usual_head: Callable[[Request, Response, str], ResponseHead | None] | None
"""``falcon.core._fast_head.usual_head`` where that extension was built, else None: the
head :meth:`AppCore._response_head` makes for a text, data, rendered-media or SSE body, in
C, or None for any other response (see its source). The lifecycles take it first when there
is one."""
try:
    from falcon.core import _fast_head
except ImportError:
    usual_head = None
else:
    usual_head = _fast_head.usual_head
    _fast_head.configure(Request, Response, _STATUS_LINES, _LENGTH_TEXTS, _BYTES, _SSE)


def _status_of(status: Any) -> tuple[str, int]:
    # PERF: status strings repeat; parse each distinct one once, so the common case is one
    # dict lookup. Other values are not cached by value: HTTPStatus.IM_A_TEAPOT == 418, yet
    # they have different reason phrases.
    if type(status) is str:
        found = _STATUS_LINES.get(status)
        if found is None:
            found = (status, int(status[:3]))
            if len(_STATUS_LINES) < 512:
                _STATUS_LINES[status] = found
        return found
    line = status_line(status)
    return line, int(line[:3])


def _prefix_matcher(prefix: str | re.Pattern[str]) -> Callable[[str], Any]:
    if isinstance(prefix, re.Pattern):
        return prefix.match
    if not isinstance(prefix, str):
        raise TypeError('A sink prefix must be a str or a compiled regular expression')
    stem = prefix.rstrip('/')
    if not stem:
        return lambda path: True
    # As in Falcon, a string prefix is a regular expression (named groups become keyword
    # arguments); it must end at a path segment boundary, so '/x' takes /x and /x/y, not /xy.
    pattern = re.compile(f'(?:{stem})(?:/|\\Z)')
    return pattern.match


class _AppType(type):
    """The metaclass of apps: lets ``falcon.App`` stand for both kinds of app in
    ``isinstance`` / ``issubclass``, as in Falcon (where ``falcon.asgi.App`` subclasses
    ``falcon.App``), while the WSGI and ASGI apps stay siblings that never import each other."""

    def __instancecheck__(cls, instance: Any) -> bool:
        if cls.__dict__.get('_stands_for_all_apps'):
            return type.__instancecheck__(AppCore, instance)
        return type.__instancecheck__(cls, instance)

    def __subclasscheck__(cls, subclass: type) -> bool:
        if cls.__dict__.get('_stands_for_all_apps'):
            return type.__subclasscheck__(AppCore, subclass)
        return type.__subclasscheck__(cls, subclass)


class AppCore(Generic[_ReqT, _RespT], metaclass=_AppType):
    """State and lifecycle shared by ``falcon.App`` and ``falcon.asgi.App``.

    Generic in the request and response types (``falcon.App[Request, Response]``).
    Subclasses set ``_prefer_async`` and the default request/response types, and drive
    :meth:`lifecycle` with their own way of calling user code.
    """

    _prefer_async: bool = False
    _default_request_type: type[Request] = Request
    _default_response_type: type[Response] = Response

    _handle_exception: Callable[..., Any]
    """``_handle_exception(req, resp, ex, params)``: send ``ex`` to its error handler and
    tell whether it was handled (awaitable in the ASGI app). Each adapter defines it; the
    lifecycle calls it through the app, so wrappers installed by integrations take effect."""

    def __init__(
        self,
        media_type: str = DEFAULT_MEDIA_TYPE,
        request_type: type[_ReqT] | None = None,
        response_type: type[_RespT] | None = None,
        middleware: Any = None,
        router: Any = None,
        independent_middleware: bool = True,
        cors_enable: bool = False,
        sink_before_static_route: bool = True,
        req_options: RequestOptions | None = None,
        resp_options: ResponseOptions | None = None,
        secure_cookies_by_default: bool | None = None,
    ) -> None:
        self._media_type = media_type
        self._request_type: type[Any] = request_type or self._default_request_type
        self._response_type: type[Any] = response_type or self._default_response_type
        # PERF: when neither type replaces the framework's constructor, the adapter passes
        # the options positionally: a keyword argument to a class call builds a dict per
        # call (about 0.15 us per object). A constructor of the app's own is called as
        # documented, with ``options=``.
        self._own_constructors = (
            self._request_type.__init__ is self._default_request_type.__init__
            and self._response_type.__init__ is self._default_response_type.__init__
        )
        self._router: Any = router if router is not None else CompiledRouter()
        self._independent_middleware = independent_middleware
        self._sink_before_static_route = sink_before_static_route
        self._sinks: list[tuple[Callable[[str], Any], Callable[..., Any], int]] = []
        self._sink_prefixes: list[str | re.Pattern[str]] = []
        """The prefix each sink was added with, in the order of ``_sinks`` (for inspection)."""
        self._static_routes: list[tuple[Callable[[str], Any], Callable[..., Any], int]] = []
        self._sink_and_static_routes: tuple[
            tuple[Callable[[str], Any], Callable[..., Any], int, bool], ...
        ] = ()
        self.req_options = req_options if req_options is not None else RequestOptions()
        self.resp_options = resp_options if resp_options is not None else ResponseOptions()
        self.req_options.default_media_type = media_type
        self.resp_options.default_media_type = media_type
        if secure_cookies_by_default is not None:
            self.resp_options.secure_cookies_by_default = secure_cookies_by_default

        components: list[Any] = []
        if cors_enable:
            components.append(CORSMiddleware())
        if middleware is not None:
            if isinstance(middleware, Iterable) and not hasattr(middleware, 'process_request'):
                components.extend(middleware)
            else:
                components.append(middleware)
            if cors_enable:
                _refuse_second_cors(components[1:])
        self._cors_enable = cors_enable
        self._unprepared_middleware: list[Any] = components
        self._middleware: MiddlewarePlan = self._prepare_middleware(
            components, independent_middleware=independent_middleware
        )

        self._error_handlers: dict[type[BaseException], tuple[Callable[..., Any], int]] = {}
        self._error_handler_cache: dict[type[BaseException], tuple[Callable[..., Any], int]] = {}
        self._serialize_error: tuple[Callable[..., Any], int] = (default_serialize_error, INLINE)
        self._error_reporter: tuple[Callable[..., Any], int] | None = None
        self._responder_info: dict[Any, tuple[int, HookPlan | None]] = {}
        self.add_error_handler(Exception, _unexpected_error_handler)
        self.add_error_handler(HTTPError, _http_error_handler)
        self.add_error_handler(HTTPStatus, _http_status_handler)

    # -- registration --------------------------------------------------------------------------

    @property
    def router_options(self) -> Any:
        """The router's options (for the default router, converters among them)."""
        return self._router.options

    def add_middleware(self, middleware: Any) -> None:
        """Add one middleware component, or an iterable of them, after those already added.

        Args:
            middleware: A component (an object with any of the ``process_*`` methods), or
                an iterable of components.

        Raises:
            ValueError: A :class:`CORSMiddleware` is added to an app created with
                ``cors_enable=True``, which has one already.
        """
        if isinstance(middleware, Iterable) and not hasattr(middleware, 'process_request'):
            added = list(middleware)
        else:
            added = [middleware]
        if self._cors_enable:
            _refuse_second_cors(added)
        self._unprepared_middleware.extend(added)
        self._middleware = self._prepare_middleware(
            self._unprepared_middleware, independent_middleware=self._independent_middleware
        )

    def _prepare_middleware(
        self, middleware: list[Any] | None = None, independent_middleware: bool = False
    ) -> MiddlewarePlan:
        """The middleware plan for ``middleware``, through
        ``falcon.app_helpers.prepare_middleware`` as it is when called (integrations wrap it)."""
        prepare = resolve(prepare_middleware, 'falcon.app_helpers')
        return prepare(
            middleware=middleware,
            independent_middleware=independent_middleware,
            asgi=self._prefer_async,
        )

    def add_route(self, uri_template: str, resource: object, **kwargs: Any) -> None:
        """Route requests whose path matches ``uri_template`` to ``resource``'s responders.

        Keyword arguments go to the router (``suffix=`` among them). Responders may be plain
        or ``async def`` in either kind of app.

        With the default router, the resource is checked against the template here rather
        than on the first request.

        Args:
            uri_template: The path template, such as ``'/books/{book_id:int}'``.
            resource: The object whose ``on_<method>`` responders handle the requests.
            **kwargs: Options for the router: ``suffix='detail'`` routes to
                ``on_get_detail`` and so on; a custom router may take others.

        Raises:
            TypeError: ``uri_template`` is not a ``str``, ``resource`` is ``None``, a class
                whose responders need an instance, has no responders, has only
                ``on_websocket`` on ``falcon.App``, or has a responder that cannot take the
                template's fields.
            ValueError: The template is invalid or conflicts with one already added.
        """
        if not isinstance(uri_template, str):
            raise TypeError('uri_template must be a str')
        if resource is None:
            raise TypeError('resource may not be None')
        router = self._router
        field_names = template_field_names(uri_template)
        if (
            isinstance(router, CompiledRouter)
            and 'method_map' not in kwargs
            and field_names is not None
        ):
            check_resource(
                uri_template,
                resource,
                field_names,
                suffix=kwargs.get('suffix'),
                speaks_websocket=self._prefer_async,
                params_may_change=bool(getattr(self._middleware, 'resource', None)),
            )
        router.add_route(uri_template, resource, **kwargs)

    def add_static_route(
        self,
        prefix: str,
        directory: Any,
        downloadable: bool = False,
        fallback_filename: str | None = None,
        *,
        follow_symlinks: bool = False,
    ) -> None:
        """Serve the files below ``directory`` at URLs starting with ``prefix``.

        A file whose links lead out of ``directory`` answers 404 Not Found unless
        ``follow_symlinks`` is true (see :class:`falcon.routing.StaticRoute`).

        Args:
            prefix: The URL path the files are served under, such as ``'/static'``.
            directory: The directory that holds them (a ``str`` or a path object).
            downloadable: Send the files with ``Content-Disposition: attachment``.
            fallback_filename: A file of ``directory`` served when the one asked for does
                not exist (for single-page apps).
            follow_symlinks: Serve files whose links lead out of ``directory``.

        Raises:
            ValueError: ``prefix`` does not start with ``/``, ``directory`` is not an
                absolute path, or ``fallback_filename`` is no file inside it.
        """
        route = StaticRoute(
            prefix,
            directory,
            downloadable=downloadable,
            fallback_filename=fallback_filename,
            follow_symlinks=follow_symlinks,
        )
        self._static_routes.insert(0, (route.match, route, call_kind(route)))
        self._rebuild_sinks()

    def add_sink(self, sink: Callable[..., Any], prefix: str | re.Pattern[str] = '/') -> None:
        """Send requests whose path starts with ``prefix`` (and match no route) to ``sink``.

        ``prefix`` is a regular expression (a ``str`` or a compiled pattern) matched at the
        start of the path; its named groups become keyword arguments. A ``str`` prefix must
        end at a path segment boundary (``'/x'`` matches ``/x`` and ``/x/y``, not ``/xy``).
        Sinks added later are tried first.

        Args:
            sink: A function (plain or ``async``) called as ``sink(req, resp, **groups)``.
            prefix: The path prefix: a regular expression as a ``str`` or a compiled one.

        Raises:
            TypeError: ``sink`` is not callable.
        """
        if not callable(sink):
            raise TypeError('sink must be callable')
        self._sinks.insert(0, (_prefix_matcher(prefix), sink, call_kind(sink)))
        self._sink_prefixes.insert(0, prefix)
        self._rebuild_sinks()

    def _rebuild_sinks(self) -> None:
        sinks = [(m, s, k, True) for m, s, k in self._sinks]
        statics = [(m, s, k, False) for m, s, k in self._static_routes]
        ordered = sinks + statics if self._sink_before_static_route else statics + sinks
        self._sink_and_static_routes = tuple(ordered)

    def add_error_handler(
        self,
        exception: type[BaseException] | Iterable[type[BaseException]],
        handler: Callable[..., Any] | None = None,
    ) -> None:
        """Handle ``exception`` (and its subclasses) with ``handler(req, resp, ex, params)``.

        The most specific handler by the exception's MRO wins. With no ``handler``, the
        exception class's static ``handle`` method is used. ``handler`` may be ``async``.

        Args:
            exception: An exception class, or an iterable of them sharing the handler.
            handler: Called as ``handler(req, resp, ex, params)``; it may set the response,
                or raise an ``HTTPError`` to have it serialized.

        Raises:
            TypeError: ``handler`` is not callable, is missing while several classes are
                given, or an item of ``exception`` is not an exception class.
            AttributeError: No ``handler`` is given and the class has no ``handle`` method.
        """
        if handler is None:
            if not isinstance(exception, type):
                raise TypeError('A handler is required when registering several exceptions')
            handler = getattr(exception, 'handle', None)
            if handler is None:
                raise AttributeError(f'{exception.__name__} has no static handle() method')
        if not callable(handler):
            raise TypeError('handler must be callable')
        exceptions = [exception] if isinstance(exception, type) else list(exception)
        kind = call_kind(handler)
        for exc_type in exceptions:
            if not (isinstance(exc_type, type) and issubclass(exc_type, BaseException)):
                raise TypeError(f'{exc_type!r} is not an exception type')
            self._error_handlers[exc_type] = (handler, kind)
        self._error_handler_cache.clear()

    def set_error_serializer(self, serializer: Callable[..., Any]) -> None:
        """Serialize ``HTTPError`` bodies with ``serializer(req, resp, exception)``.

        Args:
            serializer: A function that sets ``resp``'s body (and content type) for the
                error; it replaces the default, which negotiates JSON or XML.
        """
        self._serialize_error = (serializer, call_kind(serializer))

    def set_error_reporter(self, reporter: Callable[..., Any]) -> None:
        """Report exceptions with ``reporter(req, error, params, handled)``.

        The reporter sees every exception that reaches error handling (``HTTPError`` and
        ``HTTPStatus`` included), after its handler ran: ``handled`` tells whether it became
        the response, or propagates to the server. ``params`` holds the route's field
        values (empty before routing). Reporting never changes how an exception is
        handled; an exception raised by the reporter itself is logged through
        ``req.log_error()``. Failures while streaming a body are not reported. A plain
        reporter runs directly (on the event loop under ASGI); a coroutine function is
        awaited. Setting another reporter replaces this one.

        Args:
            reporter: Called as ``reporter(req, error, params, handled)``.
        """
        kind = call_kind(reporter)
        self._error_reporter = (reporter, INLINE if kind == SYNC else kind)

    # -- the lifecycle -------------------------------------------------------------------------

    def _find_error_handler(
        self, exc_type: type[BaseException]
    ) -> tuple[Callable[..., Any], int] | None:
        found = self._error_handler_cache.get(exc_type)
        if found is None:
            for cls in exc_type.__mro__:
                found = self._error_handlers.get(cls)
                if found is not None:
                    self._error_handler_cache[exc_type] = found
                    break
        return found

    def _get_responder(
        self, req: Request
    ) -> tuple[Callable[..., Any], dict[str, Any], object, str | None]:
        """Route ``req``: ``(responder, params, resource, uri_template)``.

        Called by both lifecycles through the app, so a wrapper installed on the class or
        the instance takes effect; middleware may call it too (Scout names its spans so).
        A WebSocket handshake (``req.is_websocket``) is served by the route's
        ``on_websocket`` responder and never by a static route. Unknown paths get the
        built-in responder raising 404, routes without the method one raising 405.
        """
        path = req.path
        route = self._router.find(path, req)
        if route is not None:
            if len(route) == 4:
                resource, method_map, params, uri_template = route
            else:
                resource, method_map, params = route
                uri_template = None
            if resource is not None:
                responder = method_map.get('WEBSOCKET' if req.is_websocket else req.method)
                if responder is None:
                    responder = _unknown_method_responder(method_map)
                return responder, params, resource, uri_template
        websocket = req.is_websocket
        for matcher, target, _, is_sink in self._sink_and_static_routes:
            if websocket and not is_sink:
                continue
            match = matcher(path)
            if match:
                params = match.groupdict() if is_sink and hasattr(match, 'groupdict') else {}
                return target, params, None, None
        return path_not_found, {}, None, None

    def _responder_plan(self, responder: Any) -> tuple[int, HookPlan | None]:
        # A bound method hashes and compares by its instance's identity and its function, so
        # the method a route's method map holds finds its plan again in one lookup.
        info = self._responder_info.get(responder)
        if info is None:
            info = (call_kind(responder), getattr(responder, '__falcon_hooks__', None))
            if len(self._responder_info) < 4096:
                self._responder_info[responder] = info
        return info

    def _reset_for_error(self, resp: Response, error: HTTPError) -> None:
        """Clear the body an error replaces and apply the error's status and headers."""
        resp.status = error.status
        resp.text = None
        resp.data = None
        resp.media = None
        resp.stream = None
        resp.sse = None
        if error.headers:
            resp.set_headers(error.headers)

    @staticmethod
    def _compose_status(resp: Response, status: HTTPStatus) -> None:
        resp.status = status.status
        if status.headers:
            resp.set_headers(status.headers)
        resp.text = status.text
        resp.data = None
        resp.media = None
        resp.stream = None

    def _log_failure(self, req: Request | None, ex: BaseException, what: str) -> None:
        """Log a framework-level failure: the one place every phase's errors are logged.

        Here (the WSGI app) the traceback goes to the request's error stream
        (``wsgi.errors``, which servers such as gunicorn send to their error log), framed
        like ``req.log_error()``; with no request, to the ``falcon`` logger. The ASGI app,
        which has no error stream, logs through ``logging.getLogger('falcon.asgi.app')``.
        """
        if req is None:
            _logger.error(what, exc_info=ex)
            return
        text = ''.join(traceback.format_exception(type(ex), ex, ex.__traceback__))
        req._log_framed_error(text if what == _UNHANDLED else f'{what}\n{text}')

    def _log_unhandled(self, req: Request, ex: BaseException) -> None:
        """Log an exception that the default ``Exception`` handler answers with a 500."""
        self._log_failure(req, ex, _UNHANDLED)

    def _bare_500(self) -> ResponseHead:
        body = HTTPInternalServerError().to_json()
        headers = [('content-type', self._media_type), ('content-length', str(len(body)))]
        return ('500 Internal Server Error', 500, headers, body, BodyKind.BYTES, None)

    def _response_head(self, req: Request, resp: Response) -> ResponseHead:
        status = resp.status
        # PERF: the usual status (a str seen before) is one dict lookup here, without the
        # call into _status_of (about 0.1 us).
        try:
            found = _STATUS_LINES.get(status)
        except TypeError:
            found = None
        line, code = found if found is not None else _status_of(status)
        headers = resp._headers
        body: bytes | None = None
        kind = _BYTES
        source = None
        sse = resp.sse
        if code in _BODILESS:
            body = b''
            kind = _NO_BODY
            # A stream or emitter that is never sent is still closed by the adapter.
            source = resp.stream if sse is None else sse
            if code != 304:
                headers.pop('content-length', None)
        else:
            if 'content-type' not in headers:
                headers['content-type'] = (
                    'text/event-stream' if sse is not None else self._media_type
                )
            if sse is not None:
                check_body_value('sse', sse)
                headers.setdefault('cache-control', 'no-cache')
                kind = _SSE
                source = sse
            else:
                # PERF: a text body (the common case) skips the render call, and plain text
                # skips the call into encode_utf8 (which escapes lone surrogates).
                text = resp.text
                if type(text) is str:
                    try:
                        body = text.encode()
                    except UnicodeEncodeError:
                        body = encode_utf8(text)
                elif text is None and resp._data is None and resp._media_rendered is not None:
                    # PERF: media rendered by the lifecycle, taken without the render call
                    # (about 0.3k instructions).
                    body = resp._media_rendered
                else:
                    body = resp._render()
                if body is not None:
                    # A text, data or media body always sets its own length.
                    # PERF: the decimal text of a length seen before is one dict lookup
                    # rather than an int-to-str conversion (about 0.1 us).
                    length = len(body)
                    length_text = _LENGTH_TEXTS.get(length)
                    if length_text is None:
                        length_text = str(length)
                        if len(_LENGTH_TEXTS) < 4096:
                            _LENGTH_TEXTS[length] = length_text
                    headers['content-length'] = length_text
                else:
                    source = resp.stream
                    if source is not None:
                        check_body_value('stream', source)
                        kind = stream_kind(source)
                    else:
                        body = b''
                        kind = _NO_BODY
                        # E.g. a HEAD responder may state the length of a body it omits.
                        headers.setdefault('content-length', '0')
            # Falcon's FAQ lists 1xx and 416 with the statuses whose body is never returned;
            # unlike 204 and 304 they keep their Content-Type.
            without_body = code < 200 or code == 416
            if without_body:
                headers['content-length'] = '0'
            if without_body or req.method == 'HEAD':
                # The adapter closes a stream or emitter it does not send.
                body = b''
                if source is None:
                    kind = _NO_BODY
        # PERF: a list display rather than a call of list() (about 0.03 us).
        items = [*headers.items()]
        cookies = resp._cookies
        if cookies:
            items.extend(('set-cookie', value) for value in cookies.values())
        return (line, code, items, body, kind, source)


def _refuse_second_cors(components: list[Any]) -> None:
    if any(isinstance(component, CORSMiddleware) for component in components):
        raise ValueError(
            'A CORSMiddleware cannot be added to an app created with cors_enable=True, '
            'which already has one; pass the customized CORSMiddleware alone instead.'
        )


def _unknown_method_responder(method_map: dict[str, Any]) -> Callable[..., Any]:
    allowed = [
        method
        for method, responder in method_map.items()
        if method not in _META_METHODS
        and (method == 'OPTIONS' or not getattr(responder, '__falcon_builtin__', False))
    ]

    @mark_builtin
    def method_not_allowed(req: Any, resp: Any, **kwargs: Any) -> None:
        raise HTTPMethodNotAllowed(allowed)

    return method_not_allowed


def _builtin_error_handler(name: str) -> Callable[..., Any]:
    """A marker for one of the framework's own error handlers; the lifecycle recognises it
    by its ``__falcon_error_handler__`` name and runs the matching step itself."""

    def handler(req: Any, resp: Any, ex: BaseException, params: dict[str, Any]) -> None:
        raise RuntimeError('The framework runs its own error handlers itself')

    handler.__name__ = handler.__qualname__ = f'_{name}_handler'
    handler.__falcon_error_handler__ = name  # type: ignore[attr-defined]
    return mark_builtin(handler)


_unexpected_error_handler = _builtin_error_handler('unexpected_error')
_http_error_handler = _builtin_error_handler('http_error')
_http_status_handler = _builtin_error_handler('http_status')
