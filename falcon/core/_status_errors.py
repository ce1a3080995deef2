"""The catalogue of ``HTTPError`` subclasses that stand for one status each.

Rules: each class declares what makes it different (its status as the class attribute
``_status``, and its own arguments where it has some) and inherits the rest from
``FixedStatusError`` (``falcon.core._http_error``). A class whose only argument of its own
becomes a header adds it with one call and passes everything else on; the two classes
whose one argument is ``retry_after`` (429, 503) share ``_RetryLaterError``'s constructor.
Each public signature stays written in full, since it is what mypy checks a call against.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from falcon.core._deprecation import warn_deprecated
from falcon.core._http_error import (
    FixedStatusError,
    HTTPErrorKeywordArguments,
    RetryAfter,
    _with_header,
    _with_retry_after,
)
from falcon.core._status import (
    HTTP_400,
    HTTP_401,
    HTTP_403,
    HTTP_404,
    HTTP_405,
    HTTP_406,
    HTTP_409,
    HTTP_410,
    HTTP_411,
    HTTP_412,
    HTTP_413,
    HTTP_414,
    HTTP_415,
    HTTP_416,
    HTTP_422,
    HTTP_423,
    HTTP_424,
    HTTP_428,
    HTTP_429,
    HTTP_431,
    HTTP_451,
    HTTP_500,
    HTTP_501,
    HTTP_502,
    HTTP_503,
    HTTP_504,
    HTTP_505,
    HTTP_507,
    HTTP_508,
    HTTP_511,
)
from falcon.core._typing import HeaderArg

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    'HTTPBadGateway',
    'HTTPBadRequest',
    'HTTPConflict',
    'HTTPContentTooLarge',
    'HTTPFailedDependency',
    'HTTPForbidden',
    'HTTPGatewayTimeout',
    'HTTPGone',
    'HTTPInsufficientStorage',
    'HTTPInternalServerError',
    'HTTPLengthRequired',
    'HTTPLocked',
    'HTTPLoopDetected',
    'HTTPMethodNotAllowed',
    'HTTPNetworkAuthenticationRequired',
    'HTTPNotAcceptable',
    'HTTPNotFound',
    'HTTPNotImplemented',
    'HTTPPayloadTooLarge',
    'HTTPPreconditionFailed',
    'HTTPPreconditionRequired',
    'HTTPRangeNotSatisfiable',
    'HTTPRequestHeaderFieldsTooLarge',
    'HTTPRouteNotFound',
    'HTTPServiceUnavailable',
    'HTTPTooManyRequests',
    'HTTPUnauthorized',
    'HTTPUnavailableForLegalReasons',
    'HTTPUnprocessableEntity',
    'HTTPUnsupportedMediaType',
    'HTTPUriTooLong',
    'HTTPVersionNotSupported',
]


class HTTPBadRequest(FixedStatusError):
    """400 Bad Request: the request cannot be processed because of a client error,
    such as malformed syntax or invalid framing.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_400


class HTTPForbidden(FixedStatusError):
    """403 Forbidden: the client is understood but is not allowed to do this.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_403


class HTTPNotFound(FixedStatusError):
    """404 Not Found: nothing is available at the requested URI.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_404


class HTTPNotAcceptable(FixedStatusError):
    """406 Not Acceptable: no representation matches the client's ``Accept`` header.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_406


class HTTPConflict(FixedStatusError):
    """409 Conflict: the request conflicts with the current state of the resource.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_409


class HTTPGone(FixedStatusError):
    """410 Gone: the resource existed but has been removed for good.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_410


class HTTPLengthRequired(FixedStatusError):
    """411 Length Required: the request needs a ``Content-Length`` header.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_411


class HTTPPreconditionFailed(FixedStatusError):
    """412 Precondition Failed: a conditional request header evaluated to false.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_412


class HTTPUriTooLong(FixedStatusError):
    """414 URI Too Long: the request target is longer than the server accepts.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_414


class HTTPUnsupportedMediaType(FixedStatusError):
    """415 Unsupported Media Type: the request body is in a format the resource does
    not accept.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_415


class HTTPUnprocessableEntity(FixedStatusError):
    """422 Unprocessable Entity: the body is well-formed but its content is invalid.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_422


class HTTPLocked(FixedStatusError):
    """423 Locked: the resource is locked (WebDAV).

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_423


class HTTPFailedDependency(FixedStatusError):
    """424 Failed Dependency: the request depended on another one that failed (WebDAV).

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_424


class HTTPPreconditionRequired(FixedStatusError):
    """428 Precondition Required: the request must be conditional (e.g. ``If-Match``).

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_428


class HTTPRequestHeaderFieldsTooLarge(FixedStatusError):
    """431 Request Header Fields Too Large: one header, or all of them together,
    exceed what the server accepts.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_431


class HTTPUnavailableForLegalReasons(FixedStatusError):
    """451 Unavailable For Legal Reasons: access is denied because of a legal demand.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_451


class HTTPInternalServerError(FixedStatusError):
    """500 Internal Server Error: an unexpected condition prevented the server from
    answering.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_500


class HTTPNotImplemented(FixedStatusError):
    """501 Not Implemented: the server does not support what the request needs.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_501


class HTTPBadGateway(FixedStatusError):
    """502 Bad Gateway: an upstream server sent an invalid response.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_502


class HTTPGatewayTimeout(FixedStatusError):
    """504 Gateway Timeout: an upstream server did not answer in time.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_504


class HTTPVersionNotSupported(FixedStatusError):
    """505 HTTP Version Not Supported: the request's HTTP major version is refused.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_505


class HTTPInsufficientStorage(FixedStatusError):
    """507 Insufficient Storage: the server cannot store what the request needs
    (WebDAV).

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_507


class HTTPLoopDetected(FixedStatusError):
    """508 Loop Detected: the server found an infinite loop while processing (WebDAV).

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_508


class HTTPNetworkAuthenticationRequired(FixedStatusError):
    """511 Network Authentication Required: the client must authenticate to gain
    network access (e.g. a captive portal).

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    _status = HTTP_511


class HTTPRouteNotFound(HTTPNotFound):
    """404 Not Found, raised when no route matches the request path.

    Register an error handler for this class to treat unrouted requests differently from
    a resource's own :class:`HTTPNotFound`.
    """


class HTTPUnauthorized(FixedStatusError):
    """401 Unauthorized: the request lacks valid authentication credentials.

    Args:
        title: Error title; defaults to the status line.
        description: Human-friendly explanation of the error.
        headers: Extra response headers.
        challenges: Authentication challenges (e.g. ``'Bearer realm="api"'``), joined
            with ``', '`` into the ``WWW-Authenticate`` header.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

    _status = HTTP_401

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        challenges: Iterable[str] | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        if challenges:
            headers = _with_header(headers, 'WWW-Authenticate', ', '.join(challenges))
        super().__init__(title=title, description=description, headers=headers, **kwargs)


class HTTPMethodNotAllowed(FixedStatusError):
    """405 Method Not Allowed: the resource does not support the request method.

    Args:
        allowed_methods: The methods the resource supports, listed in the ``Allow``
            header.
        title: Error title; defaults to the status line.
        description: Human-friendly explanation of the error.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

    _status = HTTP_405

    def __init__(
        self,
        allowed_methods: Iterable[str],
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        headers = _with_header(headers, 'Allow', ', '.join(allowed_methods))
        super().__init__(title=title, description=description, headers=headers, **kwargs)


class HTTPContentTooLarge(FixedStatusError):
    """413 Content Too Large: the request body is larger than the server accepts.

    Args:
        title: Error title; defaults to the status line.
        description: Human-friendly explanation of the error.
        retry_after: When the condition is temporary, the delay in seconds or the date
            after which the client may retry; sets the ``Retry-After`` header.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

    _status = HTTP_413

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        retry_after: RetryAfter = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(
            title=title,
            description=description,
            headers=_with_retry_after(headers, retry_after),
            **kwargs,
        )


class HTTPPayloadTooLarge(HTTPContentTooLarge):
    """Former name of :class:`HTTPContentTooLarge`, kept for compatibility.

    Deprecated: use :class:`HTTPContentTooLarge`, its name since RFC 9110. Creating one
    emits a :class:`DeprecatedWarning`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        warn_deprecated('HTTPPayloadTooLarge is deprecated; use HTTPContentTooLarge instead.')
        super().__init__(*args, **kwargs)


class HTTPRangeNotSatisfiable(FixedStatusError):
    """416 Range Not Satisfiable: no requested range overlaps the representation.

    Args:
        resource_length: The representation's length in bytes, sent as
            ``Content-Range: bytes */<length>``.
        title: Error title; defaults to the status line.
        description: Human-friendly explanation of the error.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

    _status = HTTP_416

    def __init__(
        self,
        resource_length: int,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        headers = _with_header(headers, 'Content-Range', f'bytes */{resource_length}')
        super().__init__(title=title, description=description, headers=headers, **kwargs)


class _RetryLaterError(FixedStatusError):
    """Base of the fixed-status errors whose only argument of their own is ``retry_after``,
    sent as the ``Retry-After`` header."""

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        retry_after: RetryAfter = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(
            title=title,
            description=description,
            headers=_with_retry_after(headers, retry_after),
            **kwargs,
        )


class HTTPTooManyRequests(_RetryLaterError):
    """429 Too Many Requests: the client has sent too many requests (rate limiting).

    Args:
        title: Error title; defaults to the status line.
        description: Human-friendly explanation of the error.
        headers: Extra response headers.
        retry_after: The delay in seconds or the date after which the client may retry;
            sets the ``Retry-After`` header.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

    _status = HTTP_429


class HTTPServiceUnavailable(_RetryLaterError):
    """503 Service Unavailable: the server cannot handle the request for now.

    Takes the arguments of :class:`HTTPTooManyRequests`, ``retry_after`` among them.
    """

    _status = HTTP_503
