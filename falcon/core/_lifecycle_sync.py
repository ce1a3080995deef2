"""The HTTP request lifecycle, synchronous twin (used by ``falcon.App``).

GENERATED from ``falcon/core/_lifecycle_async.py`` by ``scripts/unasync.py``: do not edit;
edit the source and regenerate. The rules and the strategy are explained there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from falcon.core._calls import NO_KWARGS
from falcon.core._errors import (
    HTTPError,
    HTTPInternalServerError,
    HTTPStatus,
    RequestParseError,
    to_http_error,
)

if TYPE_CHECKING:
    from falcon.core._app import AppCore, ResponseHead
    from falcon.core._hooks import HookPlan
    from falcon.core._request import Request
    from falcon.core._response import Response

__all__ = ['SyncCall', 'handle_exception_sync', 'report_sync', 'serve_sync']

SyncCall = Callable[[Callable[..., Any], tuple[Any, ...], Mapping[str, Any], int], Any]


def serve_sync(app: AppCore, req: Request, resp: Response, call: SyncCall) -> ResponseHead:
    """Run one request through the app and return the response head to send."""
    plan = app._middleware
    independent = app._independent_middleware
    params: dict[str, Any] = {}
    resource: object = None
    req_succeeded = False
    dependent_stack: list[tuple[Callable[..., Any], int]] = []
    responder: Any = None
    try:
        if req._raw_header('content-length') is not None:
            req.content_length  # noqa: B018 - validates the framing (1*DIGIT) or raises 400
        if independent:
            for method, kind in plan.request:
                call(method, (req, resp), NO_KWARGS, kind)
                if resp.complete:
                    break
        else:
            for (req_method, req_kind), (resp_method, resp_kind) in plan.request_pairs:
                if req_method is not None and not resp.complete:
                    call(req_method, (req, resp), NO_KWARGS, req_kind)
                if resp_method is not None:
                    dependent_stack.insert(0, (resp_method, resp_kind))
        if not resp.complete:
            responder, params, resource, req.uri_template = app._route(req)
    except Exception as ex:
        handle_exception_sync(app, req, resp, ex, params, call)
    else:
        try:
            if resource is not None:
                for method, kind in plan.resource:
                    call(method, (req, resp, resource, params), NO_KWARGS, kind)
                    if resp.complete:
                        break
            if not resp.complete:
                kind, hooks = app._responder_plan(responder)
                if hooks is None:
                    call(responder, (req, resp), params, kind)
                else:
                    _run_hooks_sync(hooks, resource, req, resp, params, call)
            req_succeeded = True
        except Exception as ex:
            handle_exception_sync(app, req, resp, ex, params, call)

    for method, kind in plan.response if independent else dependent_stack:
        try:
            call(method, (req, resp, resource, req_succeeded), NO_KWARGS, kind)
        except Exception as ex:
            handle_exception_sync(app, req, resp, ex, params, call)

    try:
        if resp._media is not None:
            # Media is serialized here, through the handler's async side in the ASGI app
            # and its plain serialize() in the WSGI app.
            resp._render_media_sync()
        return app._response_head(req, resp)
    except Exception as ex:
        handle_exception_sync(app, req, resp, ex, params, call)
    try:
        return app._response_head(req, resp)
    except Exception:
        return app._bare_500()


def _run_hooks_sync(
    hooks: HookPlan,
    resource: object,
    req: Request,
    resp: Response,
    params: dict[str, Any],
    call: SyncCall,
) -> None:
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
) -> None:
    """Give ``ex`` to the most specific error handler; re-raise it when there is none."""
    if isinstance(ex, RequestParseError):
        ex = to_http_error(ex)
    found = app._find_error_handler(type(ex))
    if found is None:
        raise ex
    handler, kind = found
    builtin = getattr(handler, '__falcon_error_handler__', None)
    if builtin == 'http_error':
        _compose_error_sync(app, req, resp, ex, call)  # type: ignore[arg-type]
        return
    if builtin == 'http_status':
        app._compose_status(resp, ex)  # type: ignore[arg-type]
        return
    if builtin == 'unexpected_error':
        _report_and_500_sync(app, req, resp, ex, call)
        return
    try:
        call(handler, (req, resp, ex, params), NO_KWARGS, kind)
    except HTTPStatus as status:
        app._compose_status(resp, status)
    except HTTPError as error:
        _compose_error_sync(app, req, resp, error, call)
    except Exception as unexpected:
        _report_and_500_sync(app, req, resp, unexpected, call)


def _compose_error_sync(
    app: AppCore, req: Request, resp: Response, error: HTTPError, call: SyncCall
) -> None:
    app._reset_for_error(resp, error)
    serializer, kind = app._serialize_error
    call(serializer, (req, resp, error), NO_KWARGS, kind)


def report_sync(app: AppCore, req: Request, ex: BaseException, call: SyncCall) -> None:
    """Report an unexpected exception: to the reporter set with ``set_error_reporter``,
    else as a traceback through ``req.log_error()``. Adapters also use it for failures
    after the response has started (streams, SSE)."""
    reporter = app._error_reporter
    if reporter is None:
        app._log_traceback(req, ex)
    else:
        call(reporter[0], (req, ex), NO_KWARGS, reporter[1])


def _report_and_500_sync(
    app: AppCore, req: Request, resp: Response, ex: BaseException, call: SyncCall
) -> None:
    report_sync(app, req, ex, call)
    _compose_error_sync(app, req, resp, HTTPInternalServerError(), call)
