"""Checks of a route's resource, made once when the route is added.

Rules: runs at ``add_route`` time, never per request. A check raises only for a route that
cannot serve any request as written: a class given where an instance is expected, a resource
with no responder at all, a WebSocket-only resource on an app that does not speak WebSocket,
and a resource none of whose responders can take ``(req, resp, **fields)`` for the
template's fields. A resource some of whose responders fit is accepted (one resource may
serve ``/users`` and ``/users/{user_id}``); a request that reaches a responder that does not
fit gets :func:`explain_call_failure`'s message in the log, as early as it can be known.
Every message names the template, the resource and the responder, and says the fix.

The signature check is skipped where the parameters a responder receives may differ from the
template's fields: a responder with ``@falcon.before``/``@falcon.after`` hooks (hooks may
rewrite ``params``), and an app whose middleware has ``process_resource`` (it may too). It
reads the signature of the callable that will actually be called (a decorator's wrapper, not
the function it wraps), so a decorator that injects arguments is judged by what it accepts.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping
from typing import Any

from falcon.core._constants import COMBINED_METHODS
from falcon.core.routing._template import split_template

__all__ = ['check_resource', 'explain_call_failure', 'template_field_names']

_HTTP_METHODS = [method for method in COMBINED_METHODS if method != 'WEBSOCKET']


def template_field_names(uri_template: str) -> list[str] | None:
    """The field names of ``uri_template``, or ``None`` when it is invalid (the router then
    reports why)."""
    try:
        segments = split_template(uri_template)
    except (TypeError, ValueError):
        return None
    return [field.name for segment in segments for field in segment.fields]


def _responder_names(suffix: str | None) -> dict[str, str]:
    tail = '_' + suffix if suffix else ''
    names = {method: 'on_' + method.lower() + tail for method in COMBINED_METHODS}
    names['*'] = 'on_request' + tail
    return names


def _describe(resource: object) -> str:
    kind = resource if inspect.isclass(resource) else type(resource)
    return kind.__qualname__.rsplit('<locals>.', 1)[-1]


def check_resource(
    uri_template: str,
    resource: object,
    field_names: Iterable[str],
    *,
    suffix: str | None,
    speaks_websocket: bool,
    params_may_change: bool,
) -> None:
    """Raise ``TypeError`` when ``resource`` cannot serve ``uri_template`` as written.

    Args:
        uri_template: The route's template, for messages.
        resource: The object given to ``add_route``.
        field_names: The template's field names, passed to responders as keyword arguments.
        suffix: The route's responder suffix, if any.
        speaks_websocket: Whether the app serves WebSocket (``falcon.asgi.App``).
        params_may_change: Whether middleware may rewrite the parameters before the
            responder runs (then signatures are not checked).

    Raises:
        TypeError: The resource is a class with instance-method responders, has no
            responders, is WebSocket-only on an app without WebSocket, or has a responder
            that cannot take the request, the response and the template's fields.
    """
    names = _responder_names(suffix)
    found = {
        method: name for method, name in names.items() if callable(getattr(resource, name, None))
    }
    where = f'Cannot add the route {uri_template!r} to {_describe(resource)}'
    if inspect.isclass(resource):
        _check_class(resource, found, where, uri_template)
    if not found and suffix:
        return  # the router raises SuffixedMethodNotFoundError, naming the suffix
    if not found:
        raise TypeError(
            f'{where}: the resource has no responders. Define a method named '
            f'on_<method> for each HTTP method it serves (for example on_get(self, req, resp)).'
        )
    if not speaks_websocket and set(found) == {'WEBSOCKET'}:
        raise TypeError(
            f'{where}: its only responder is {names["WEBSOCKET"]}, and falcon.App serves '
            'HTTP only. Serve WebSocket routes from a falcon.asgi.App (under an ASGI server '
            'such as uvicorn), or add HTTP responders such as on_get.'
        )
    if params_may_change:
        return
    fields = list(field_names)
    problems = []
    for method, name in found.items():
        responder = getattr(resource, name)
        if getattr(responder, '__falcon_hooks__', None) is not None:
            return  # a hook may adapt the parameters: the route may serve this method
        problem = _signature_problem(responder, fields)
        if problem is None:
            return  # the route serves at least this method
        problems.append((method, name, problem))
    if problems:
        method, name, problem = problems[0]
        raise TypeError(_mismatch_message(resource, name, method, uri_template, fields, problem))


def explain_call_failure(
    responder: Any, params: Mapping[str, Any], uri_template: str | None, error: TypeError
) -> TypeError:
    """The error to report when calling ``responder`` raised ``error``.

    When the responder cannot take the request's parameters at all (the call failed before
    its first line ran), a ``TypeError`` that names the responder and the fix, chained to
    ``error``; otherwise ``error`` itself. Runs only once a call has failed.
    """
    if getattr(responder, '__falcon_hooks__', None) is not None:
        return error
    problem = _signature_problem(responder, list(params))
    if problem is None:
        return error
    owner = getattr(responder, '__self__', None)
    name = getattr(responder, '__name__', repr(responder))
    method = 'WEBSOCKET' if name.startswith('on_websocket') else ''
    template = uri_template if uri_template is not None else 'this route'
    explained = TypeError(_mismatch_message(owner, name, method, template, list(params), problem))
    explained.__cause__ = error
    return explained


def _mismatch_message(
    resource: object, name: str, method: str, uri_template: str, fields: list[str], problem: str
) -> str:
    second = 'ws' if method == 'WEBSOCKET' else 'resp'
    owner = f'{_describe(resource)}.' if resource is not None else ''
    call = f'{name}(req, {second}{"".join(f", {field}=..." for field in fields)})'
    return (
        f'{owner}{name} cannot serve the route {uri_template!r}: {problem} '
        f'A responder is called as {call}.'
    )


def _check_class(
    resource: type[Any], found: Mapping[str, str], where: str, uri_template: str
) -> None:
    unbound = [
        name
        for name in found.values()
        if inspect.isfunction(inspect.getattr_static(resource, name))
    ]
    if unbound:
        raise TypeError(
            f'{where}: {_describe(resource)} is a class, and its responder '
            f'{unbound[0]} needs an instance. Pass an instance: '
            f'app.add_route({uri_template!r}, {_describe(resource)}()).'
        )


def _signature_problem(responder: Any, fields: list[str]) -> str | None:
    try:
        signature = inspect.signature(responder, follow_wrapped=False)
    except (TypeError, ValueError):
        return None  # a builtin or an object without an introspectable signature
    placeholders = {field: None for field in fields}
    try:
        signature.bind(None, None, **placeholders)
    except TypeError:
        pass
    else:
        return None
    parameters = list(signature.parameters.values())
    kinds = inspect.Parameter
    takes_any_keyword = any(p.kind is kinds.VAR_KEYWORD for p in parameters)
    takes_any_positional = any(p.kind is kinds.VAR_POSITIONAL for p in parameters)
    positional = [
        p for p in parameters if p.kind in (kinds.POSITIONAL_ONLY, kinds.POSITIONAL_OR_KEYWORD)
    ]
    if len(positional) < 2 and not takes_any_positional:
        return 'it must take the request and the response as its first two parameters.'
    keyword_names = {p.name for p in positional[2:]} | {
        p.name for p in parameters if p.kind is kinds.KEYWORD_ONLY
    }
    unaccepted = [f for f in fields if f not in keyword_names and not takes_any_keyword]
    if unaccepted:
        listed = ', '.join(repr(f) for f in unaccepted)
        return (
            f'it does not take the template field(s) {listed}. Add a parameter for each '
            f'(or **kwargs), or rename the field in the template.'
        )
    required = [
        p.name
        for p in [*positional[2:], *(p for p in parameters if p.kind is kinds.KEYWORD_ONLY)]
        if p.default is kinds.empty and p.name not in fields
    ]
    if required:
        listed = ', '.join(repr(name) for name in required)
        return (
            f'it requires {listed}, which the template does not provide. Give the '
            f'parameter a default, or add a field of that name to the template.'
        )
    return 'its parameters do not match the template fields.'
