"""Responder discovery: map a resource's ``on_<method>`` attributes to HTTP methods.

Rules: runs once per route, at ``add_route`` time. A responder is any callable attribute
named ``on_<method>`` (or ``on_<method>_<suffix>``) for a method in ``COMBINED_METHODS``.
Methods left unmapped get the built-in default responders: an OPTIONS responder listing the
allowed methods, and a 405 responder for everything else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from falcon.core._constants import _META_METHODS, COMBINED_METHODS
from falcon.core.routing._responders import create_default_options, create_method_not_allowed

__all__ = [
    'MethodDict',
    'SuffixedMethodNotFoundError',
    'map_http_methods',
    'set_default_responders',
]

MethodDict = dict[str, Callable[..., Any]]
"""A mapping of HTTP method names to responders."""


class SuffixedMethodNotFoundError(Exception):
    """A suffix was given for a route, but the resource has no responder with it.

    Args:
        message: What went wrong.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def map_http_methods(
    resource: object, suffix: str | None = None, default_to_on_request: bool = False
) -> MethodDict:
    """Map HTTP methods (``GET``, ``POST``...) to a resource's responders.

    Args:
        resource: An object with responder methods such as ``on_get``.
        suffix: If given, look for ``on_<method>_<suffix>`` instead of ``on_<method>``.
        default_to_on_request: If true and the resource has a callable ``on_request``
            (``on_request_<suffix>`` with a suffix), map it to every method the resource
            does not implement explicitly.

    Returns:
        A dict of method names to responders.

    Raises:
        SuffixedMethodNotFoundError: A suffix was given but no responder uses it.
    """
    tail = '_' + suffix if suffix else ''
    method_map: MethodDict = {}
    for method in COMBINED_METHODS:
        responder = getattr(resource, 'on_' + method.lower() + tail, None)
        if responder is not None and callable(responder):
            method_map[method] = responder

    if default_to_on_request:
        default_responder = getattr(resource, 'on_request' + tail, None)
        if default_responder is not None and callable(default_responder):
            for method in COMBINED_METHODS:
                method_map.setdefault(method, default_responder)

    if suffix and not method_map:
        raise SuffixedMethodNotFoundError(
            f'No responders found for the specified suffix {suffix!r}: '
            f'{type(resource).__qualname__} has no method named on_<method>_{suffix} '
            f'(for example on_get_{suffix}); check the suffix passed to add_route'
        )

    return method_map


def set_default_responders(
    method_map: MethodDict,
    asgi: bool = False,
    default_responder: Callable[..., Any] | None = None,
) -> None:
    """Fill in responders for the methods a resource does not implement.

    OPTIONS gets a responder that lists the allowed methods in an ``Allow`` header; every
    other missing method in ``COMBINED_METHODS`` gets *default_responder* or, when that is
    ``None``, a responder raising 405 Method Not Allowed.

    Args:
        method_map: The method map to complete, modified in place.
        asgi: Accepted for compatibility; the built-in responders serve both kinds of app.
        default_responder: The responder for unimplemented methods other than OPTIONS.
    """
    allowed_methods = sorted(method for method in method_map if method not in _META_METHODS)

    if 'OPTIONS' not in method_map:
        method_map['OPTIONS'] = create_default_options(allowed_methods, asgi=asgi)
        allowed_methods.append('OPTIONS')

    fallback = default_responder or create_method_not_allowed(allowed_methods, asgi=asgi)
    for method in COMBINED_METHODS:
        if method not in method_map:
            method_map[method] = fallback
