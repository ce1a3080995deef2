"""Cross-Origin Resource Sharing (CORS) middleware, per the Fetch standard.

Rules: headers are added only to responses for requests that carry an ``Origin`` header
from an allowed origin; a response that already has ``Access-Control-Allow-Origin`` keeps
it. A preflight request (``OPTIONS`` with ``Access-Control-Request-Method``) is answered
with the methods from the response's ``Allow`` header, the requested headers (or ``*``)
and a one-day ``Access-Control-Max-Age``. When the allowed origin echoed back depends on
the request, ``Vary: Origin`` tells caches so.

Strategy: the configuration is normalised once, at construction (origin sets become
frozensets, exposed headers one string), so each response costs a few header lookups.
The same code serves WSGI and ASGI apps.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

__all__ = ['CORSMiddleware', 'UniversalMiddlewareWithProcessResponse']

_WILDCARD = '*'
_PREFLIGHT_MAX_AGE = '86400'


class UniversalMiddlewareWithProcessResponse(Protocol):
    """Middleware with a ``process_response`` method usable by WSGI and ASGI apps alike."""

    def process_response(self, req: Any, resp: Any, resource: object, req_succeeded: bool) -> None:
        """Post-process the response of a WSGI app (or of an ASGI app, on its thread pool).

        Args:
            req: The request.
            resp: The response, still open to changes.
            resource: The routed resource, or ``None`` when no route matched.
            req_succeeded: Whether the request was processed without an unhandled error.
        """
        ...

    async def process_response_async(
        self, req: Any, resp: Any, resource: object, req_succeeded: bool
    ) -> None:
        """Post-process the response of an ASGI app; the arguments of :meth:`process_response`.

        Args:
            req: The request.
            resp: The response, still open to changes.
            resource: The routed resource, or ``None`` when no route matched.
            req_succeeded: Whether the request was processed without an unhandled error.
        """
        ...


def _origin_set(value: str | Iterable[str], argument: str) -> frozenset[str]:
    origins = frozenset([value]) if isinstance(value, str) else frozenset(value)
    if _WILDCARD in origins:
        raise ValueError(
            f'The wildcard string "*" may only be passed to {argument} as a string '
            'literal, not inside an iterable.'
        )
    return origins


class CORSMiddleware(UniversalMiddlewareWithProcessResponse):
    """Add CORS headers to responses, and answer preflight requests.

    Pass an instance in the app's ``middleware`` list, or create the app with
    ``cors_enable=True`` for the default configuration (every origin allowed, no
    credentials).

    Args:
        allow_origins: ``'*'`` (the default) to allow every origin, or the origins to
            allow (a string or an iterable of strings, e.g. ``'https://example.com'``).
            A request from another origin gets no CORS headers.
        expose_headers: Response headers the browser may expose to scripts, sent in
            ``Access-Control-Expose-Headers`` (a string or an iterable of names).
        allow_credentials: Origins allowed to send credentials: ``'*'`` for every allowed
            origin, or a string or an iterable of origins. For those, the origin is echoed
            back (never ``*``) with ``Access-Control-Allow-Credentials: true``. By
            default, no origin may send credentials.
        allow_private_network: Whether to answer a preflight that carries
            ``Access-Control-Request-Private-Network: true`` with
            ``Access-Control-Allow-Private-Network: true``.

    Raises:
        ValueError: ``'*'`` was passed inside an iterable rather than as the string
            itself.
    """

    def __init__(
        self,
        allow_origins: str | Iterable[str] = '*',
        expose_headers: str | Iterable[str] | None = None,
        allow_credentials: str | Iterable[str] | None = None,
        allow_private_network: bool = False,
    ) -> None:
        self.allow_origins: str | frozenset[str] = (
            _WILDCARD
            if allow_origins == _WILDCARD
            else _origin_set(allow_origins, 'allow_origins')
        )

        if expose_headers is not None and not isinstance(expose_headers, str):
            expose_headers = ', '.join(expose_headers)
        self.expose_headers: str | None = expose_headers

        self.allow_credentials: str | frozenset[str]
        if allow_credentials is None:
            self.allow_credentials = frozenset()
        elif allow_credentials == _WILDCARD:
            self.allow_credentials = _WILDCARD
        else:
            self.allow_credentials = _origin_set(allow_credentials, 'allow_credentials')

        self.allow_private_network = allow_private_network

    def process_response(self, req: Any, resp: Any, resource: object, req_succeeded: bool) -> None:
        """Add the CORS headers the request calls for.

        Args:
            req: The request; needs ``get_header(name)`` and ``method``.
            resp: The response; needs ``get_header``, ``set_header``, ``append_header``
                and ``delete_header``.
            resource: The routed resource, or ``None``.
            req_succeeded: Whether the request was processed without an unhandled error;
                preflight headers are only added when it was.
        """
        origin = req.get_header('Origin')
        if origin is None:
            return
        if self.allow_origins != _WILDCARD and origin not in self.allow_origins:
            return

        if resp.get_header('Access-Control-Allow-Origin') is None:
            allowed_origin = _WILDCARD if self.allow_origins == _WILDCARD else origin
            if self.allow_credentials == _WILDCARD or origin in self.allow_credentials:
                allowed_origin = origin
                resp.set_header('Access-Control-Allow-Credentials', 'true')
            resp.set_header('Access-Control-Allow-Origin', allowed_origin)
            if allowed_origin != _WILDCARD:
                resp.append_header('Vary', 'Origin')

        if self.expose_headers:
            resp.set_header('Access-Control-Expose-Headers', self.expose_headers)

        if (
            req_succeeded
            and req.method == 'OPTIONS'
            and req.get_header('Access-Control-Request-Method')
        ):
            self._answer_preflight(req, resp)

    async def process_response_async(
        self, req: Any, resp: Any, resource: object, req_succeeded: bool
    ) -> None:
        """Add the CORS headers the request calls for; see :meth:`process_response`.

        Args:
            req: The request.
            resp: The response.
            resource: The routed resource, or ``None``.
            req_succeeded: Whether the request was processed without an unhandled error.
        """
        self.process_response(req, resp, resource, req_succeeded)

    def _answer_preflight(self, req: Any, resp: Any) -> None:
        allowed_methods = resp.get_header('Allow')
        resp.delete_header('Allow')
        if allowed_methods is None:
            # Nothing answers OPTIONS here: the preflight must not look successful.
            for name in (
                'Access-Control-Allow-Methods',
                'Access-Control-Allow-Headers',
                'Access-Control-Max-Age',
                'Access-Control-Expose-Headers',
                'Access-Control-Allow-Origin',
                'Access-Control-Allow-Credentials',
            ):
                resp.delete_header(name)
        else:
            requested_headers = req.get_header('Access-Control-Request-Headers')
            resp.set_header('Access-Control-Allow-Methods', allowed_methods)
            resp.set_header('Access-Control-Allow-Headers', requested_headers or _WILDCARD)
            resp.set_header('Access-Control-Max-Age', _PREFLIGHT_MAX_AGE)

        if (
            self.allow_private_network
            and req.get_header('Access-Control-Request-Private-Network') == 'true'
        ):
            resp.set_header('Access-Control-Allow-Private-Network', 'true')
