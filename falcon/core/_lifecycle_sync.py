"""The HTTP request lifecycle, synchronous twin (used by ``falcon.App``).

GENERATED from ``falcon/core/_lifecycle_async.py`` by ``scripts/unasync.py``: do not edit;
edit the source and regenerate. The rules and the strategy are explained there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from falcon.core._app import usual_head
from falcon.core._calls import (
    INLINE,
    NO_KWARGS,
    DIRECT_KINDS_sync,
    settle_returned_sync,
)
from falcon.core._errors import (
    HTTPError,
    HTTPInternalServerError,
    HTTPStatus,
    RequestParseError,
    to_http_error,
)
from falcon.core.routing._checks import explain_call_failure

if TYPE_CHECKING:
    from falcon.core._app import AppCore, ResponseHead
    from falcon.core._hooks import HookPlan
    from falcon.core._request import Request
    from falcon.core._response import Response

__all__ = [
    'SyncCall',
    'handle_exception_sync',
    'log_and_report_sync',
    'report_sync',
    'run_hooks_sync',
    'serve_sync',
]

SyncCall = Callable[[Callable[..., Any], tuple[Any, ...], Mapping[str, Any], int], Any]


def serve_sync(app: AppCore, req: Request, resp: Response, call: SyncCall) -> ResponseHead:
    """Run one request through the app and return the response head to send.

    PERF: middleware methods and a responder without hooks of the kinds ``DIRECT_KINDS_sync``
    (coroutine functions here, plain functions in the synchronous twin) are called here rather
    than through ``call``, which saves a coroutine (about 0.15 us) or a Python frame and an
    argument unpacking (about 0.1 us) per call.
    """
    # PERF: the plan's first four fields in one slice; the interpreter does not specialize
    # reading a named tuple's fields by name (about 0.03 us each, five per request).
    request_steps, resource_steps, response_steps, request_pairs = app._middleware[:4]
    independent = app._independent_middleware
    # PERF: the route's fields (an empty dict only when routing did not run) and the stack
    # of dependent middleware are created when needed, not on every request.
    params: dict[str, Any] | None = None
    resource: object = None
    req_succeeded = False
    dependent_stack: list[tuple[Callable[..., Any], int]] | None = None
    responder: Any = None
    try:
        if req._framing_header() is not None:
            req.content_length  # noqa: B018 - validates the framing (1*DIGIT) or raises 400
        if independent:
            # PERF: the three middleware loops run only over a non-empty tuple: iterating an
            # empty one still creates an iterator (about 0.06 us each, for an app without
            # middleware).
            if request_steps:
                for method, kind in request_steps:
                    if kind in DIRECT_KINDS_sync:
                        returned = method(req, resp)
                        if returned is not None:
                            settle_returned_sync(method, returned, call)
                    else:
                        call(method, (req, resp), NO_KWARGS, kind)
                    if resp.complete:
                        break
        else:
            dependent_stack = []
            for (req_method, req_kind), (resp_method, resp_kind) in request_pairs:
                if req_method is not None and not resp.complete:
                    call(req_method, (req, resp), NO_KWARGS, req_kind)
                if resp_method is not None:
                    dependent_stack.insert(0, (resp_method, resp_kind))
        if not resp.complete:
            responder, params, resource, req.uri_template = app._get_responder(req)
    except Exception as ex:
        if params is None:
            params = {}
        if not app._handle_exception(req, resp, ex, params):
            raise
    else:
        if params is None:
            params = {}
        try:
            if resource is not None and resource_steps:
                for method, kind in resource_steps:
                    if kind in DIRECT_KINDS_sync:
                        returned = method(req, resp, resource, params)
                        if returned is not None:
                            settle_returned_sync(method, returned, call)
                    else:
                        call(method, (req, resp, resource, params), NO_KWARGS, kind)
                    if resp.complete:
                        break
            if not resp.complete:
                # PERF: the plan of a responder seen before is one dict lookup here, without
                # the call into _responder_plan (about 0.1 us).
                plan_of = app._responder_info.get(responder)
                kind, hooks = plan_of if plan_of is not None else app._responder_plan(responder)
                if hooks is None:
                    if kind in DIRECT_KINDS_sync:
                        # PERF: a route without fields calls the responder without
                        # unpacking the empty dict (no argument tuple and no dict copy:
                        # about 0.5k instructions).
                        if params:
                            returned = responder(req, resp, **params)
                        else:
                            returned = responder(req, resp)
                        if returned is not None:
                            settle_returned_sync(responder, returned, call)
                    else:
                        call(responder, (req, resp), params, kind)
                else:
                    run_hooks_sync(hooks, resource, req, resp, params, call)
            req_succeeded = True
        except Exception as caught:
            failure: Exception = caught
            if type(caught) is TypeError and resource is not None:
                # A responder that cannot take the route's parameters: name it and the fix.
                failure = explain_call_failure(responder, params, req.uri_template, caught)
            if not app._handle_exception(req, resp, failure, params):
                if failure is caught:
                    raise
                raise failure from caught
            # PERF: the exception's traceback holds this frame; dropping the reference
            # breaks the cycle, so the request's objects are freed at once instead of by
            # the cyclic garbage collector (about 20 objects per handled error).
            del failure

    responding = response_steps if independent else dependent_stack
    if responding:
        for method, kind in responding:
            try:
                if kind in DIRECT_KINDS_sync:
                    returned = method(req, resp, resource, req_succeeded)
                    if returned is not None:
                        settle_returned_sync(method, returned, call)
                else:
                    call(method, (req, resp, resource, req_succeeded), NO_KWARGS, kind)
            except Exception as ex:
                if not app._handle_exception(req, resp, ex, params):
                    raise

    try:
        # Media is serialized here: by the handler's plain serializer when it has one (a
        # call, no coroutine), else through its async side in the ASGI app and its
        # serialize() in the WSGI app.
        if resp._media is not None:
            pending = resp._render_media_first()
            if pending is not None:
                resp._finish_media_sync(*pending)
        # PERF: the usual head (a text, data, rendered-media or SSE body) made in C, where the
        # extension was built: about 4k instructions fewer than the Python method.
        if usual_head is not None:
            head = usual_head(req, resp, app._media_type)
            if head is not None:
                return head
        return app._response_head(req, resp)
    except Exception as ex:
        if not app._handle_exception(req, resp, ex, params):
            raise
    try:
        return app._response_head(req, resp)
    except Exception:
        return app._bare_500()


def run_hooks_sync(
    hooks: HookPlan,
    resource: object,
    req: Request,
    resp: object,
    params: dict[str, Any],
    call: SyncCall,
) -> None:
    """Run a hooked responder: its before hooks, the responder, then its after hooks.

    ``resp`` is the response, or the WebSocket connection when the WebSocket lifecycle
    runs an ``on_websocket`` responder.
    """
    for step in hooks.befores:
        call(step.action, (req, resp, resource, params, *step.args), step.kwargs, step.kind)
    call(hooks.responder, (resource, req, resp), params, hooks.responder_kind)
    for step in hooks.afters:
        call(step.action, (req, resp, resource, *step.args), step.kwargs, step.kind)


def handle_exception_sync(
    app: AppCore,
    req: Request,
    resp: Response,
    ex: BaseException,
    params: dict[str, Any],
    call: SyncCall,
) -> bool:
    """Give ``ex`` to the most specific error handler, then report what happened.

    Returns ``True`` once ``ex`` became the response, ``False`` when no handler matches (the
    caller lets ``ex`` propagate). Every exception seen here goes to the error reporter:
    ``ex``, then the ``HTTPError`` or ``HTTPStatus`` a handler raised instead (if any),
    flagged as handled. What cannot become a response propagates to the server, reported
    as unhandled: ``ex`` when no handler matches or the handler raised it again (reported
    once), else whatever the handler or the serializer raised (reported after ``ex`` and
    the error derived from it), which this function raises.
    """
    if isinstance(ex, RequestParseError):
        ex = to_http_error(ex)
    # PERF: a type seen before is one lookup in the app's cache, without the call into
    # _find_error_handler (about 0.1 us).
    found = app._error_handler_cache.get(type(ex)) or app._find_error_handler(type(ex))
    if found is None:
        report_sync(app, req, ex, params, False, call)
        return False
    handler, kind = found
    builtin = getattr(handler, '__falcon_error_handler__', None)
    reported = [ex]
    try:
        if builtin == 'http_error':
            # PERF: _compose_error_sync written out for the usual error, which saves a
            # coroutine in the ASGI app and a call in the WSGI app (about 0.2 us).
            app._reset_for_error(resp, ex)  # type: ignore[arg-type]
            serializer, serializer_kind = app._serialize_error
            if serializer_kind == INLINE:
                serializer(req, resp, ex)
            else:
                call(serializer, (req, resp, ex), NO_KWARGS, serializer_kind)
        elif builtin == 'http_status':
            app._compose_status(resp, ex)  # type: ignore[arg-type]
        elif builtin == 'unexpected_error':
            app._log_unhandled(req, ex)
            _compose_error_sync(app, req, resp, HTTPInternalServerError(), call)
        else:
            try:
                call(handler, (req, resp, ex, params), NO_KWARGS, kind)
            except HTTPStatus as status:
                if status is not ex:
                    reported.append(status)
                app._compose_status(resp, status)
            except HTTPError as error:
                if error is not ex:
                    reported.append(error)
                _compose_error_sync(app, req, resp, error, call)
    except Exception as failure:
        if failure is not ex:
            reported.append(failure)
        for each in reported:
            report_sync(app, req, each, params, False, call)
        raise
    if app._error_reporter is not None:
        # PERF: without a reporter, no coroutine per report.
        for each in reported:
            report_sync(app, req, each, params, True, call)
    return True


def _compose_error_sync(
    app: AppCore, req: Request, resp: Response, error: HTTPError, call: SyncCall
) -> None:
    app._reset_for_error(resp, error)
    serializer, kind = app._serialize_error
    if kind == INLINE:
        # PERF: the default serializer is framework code returning nothing; calling it here
        # saves the adapter's coroutine.
        serializer(req, resp, error)
    else:
        call(serializer, (req, resp, error), NO_KWARGS, kind)


def report_sync(
    app: AppCore,
    req: Request,
    ex: BaseException,
    params: dict[str, Any],
    handled: bool,
    call: SyncCall,
) -> None:
    """Call the reporter set with ``set_error_reporter`` (if any) as
    ``reporter(req, ex, params, handled)``. A failing reporter does not change how the
    request is handled: its own exception is logged through the request's error stream."""
    reporter = app._error_reporter
    if reporter is not None:
        try:
            call(reporter[0], (req, ex, params, handled), NO_KWARGS, reporter[1])
        except Exception as failure:
            app._log_failure(req, failure, 'The error reporter raised an exception')


def log_and_report_sync(
    app: AppCore, req: Request, ex: BaseException, what: str, call: SyncCall
) -> None:
    """Handle a failure no error handler can answer any more (while streaming the body,
    in an SSE emitter, a scheduled callback or a WebSocket connection): log it through the
    app, then report it as unhandled (``handled=False``), with no route parameters."""
    app._log_failure(req, ex, what)
    report_sync(app, req, ex, {}, False, call)
