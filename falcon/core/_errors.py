"""The catalogue of the framework's exceptions: every ``HTTPError`` and ``HTTPStatus``
subclass, the other exceptions it raises, and ``RequestParseError``.

Rules: each class declares what makes it different (its status as data, its own arguments
and headers) and inherits the rest from the error model in ``falcon.core._http_error``,
whose names this module re-exports. Core parsers never raise ``HTTPError`` directly: they
raise ``RequestParseError`` with a suggested status, and ``to_http_error`` converts it once,
at the boundary.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from falcon.core._deprecation import warn_deprecated
from falcon.core._exceptions import (
    CompatibilityError,
    DelimiterError,
    HeaderNotSupported,
    InvalidMediaRange,
    InvalidMediaType,
    OperationNotAllowed,
    PayloadTypeError,
    UnsupportedError,
    UnsupportedScopeError,
    WebSocketDisconnected,
    WebSocketHandlerNotFound,
    WebSocketPathNotFound,
    WebSocketServerError,
)
from falcon.core._http_error import (
    FixedStatusError,
    HTTPError,
    HTTPErrorKeywordArguments,
    Link,
    ResponseStatus,
    RetryAfter,
    _copy_headers,
    _HeadersAndErrorKeywordArguments,
    _with_retry_after,
)
from falcon.core._http_status import (
    HTTPFound,
    HTTPMovedPermanently,
    HTTPPermanentRedirect,
    HTTPSeeOther,
    HTTPStatus,
    HTTPTemporaryRedirect,
    Redirect,
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
    http_status_to_code,
)
from falcon.core._typing import HeaderArg

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    'CompatibilityError',
    'DelimiterError',
    'FixedStatusError',
    'HTTPBadGateway',
    'HTTPBadRequest',
    'HTTPConflict',
    'HTTPContentTooLarge',
    'HTTPError',
    'HTTPErrorKeywordArguments',
    'HTTPFailedDependency',
    'HTTPForbidden',
    'HTTPFound',
    'HTTPGatewayTimeout',
    'HTTPGone',
    'HTTPInsufficientStorage',
    'HTTPInternalServerError',
    'HTTPInvalidHeader',
    'HTTPInvalidParam',
    'HTTPLengthRequired',
    'HTTPLocked',
    'HTTPLoopDetected',
    'HTTPMethodNotAllowed',
    'HTTPMissingHeader',
    'HTTPMissingParam',
    'HTTPMovedPermanently',
    'HTTPNetworkAuthenticationRequired',
    'HTTPNotAcceptable',
    'HTTPNotFound',
    'HTTPNotImplemented',
    'HTTPPayloadTooLarge',
    'HTTPPermanentRedirect',
    'HTTPPreconditionFailed',
    'HTTPPreconditionRequired',
    'HTTPRangeNotSatisfiable',
    'HTTPRequestHeaderFieldsTooLarge',
    'HTTPRouteNotFound',
    'HTTPSeeOther',
    'HTTPServiceUnavailable',
    'HTTPStatus',
    'HTTPTemporaryRedirect',
    'HTTPTooManyRequests',
    'HTTPUnauthorized',
    'HTTPUnavailableForLegalReasons',
    'HTTPUnprocessableEntity',
    'HTTPUnsupportedMediaType',
    'HTTPUriTooLong',
    'HTTPVersionNotSupported',
    'HeaderNotSupported',
    'InvalidMediaRange',
    'InvalidMediaType',
    'Link',
    'MediaMalformedError',
    'MediaNotFoundError',
    'MediaValidationError',
    'MultipartParseError',
    'OperationNotAllowed',
    'PayloadTypeError',
    'Redirect',
    'RequestParseError',
    'ResponseStatus',
    'RetryAfter',
    'UnsupportedError',
    'UnsupportedScopeError',
    'WebSocketDisconnected',
    'WebSocketHandlerNotFound',
    'WebSocketPathNotFound',
    'WebSocketServerError',
    'to_http_error',
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
            merged = _copy_headers(headers)
            merged['WWW-Authenticate'] = ', '.join(challenges)
            headers = merged
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
        merged = _copy_headers(headers)
        merged['Allow'] = ', '.join(allowed_methods)
        super().__init__(title=title, description=description, headers=merged, **kwargs)


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
        merged = _copy_headers(headers)
        merged['Content-Range'] = f'bytes */{resource_length}'
        super().__init__(title=title, description=description, headers=merged, **kwargs)


class HTTPTooManyRequests(FixedStatusError):
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


class HTTPServiceUnavailable(FixedStatusError):
    """503 Service Unavailable: the server cannot handle the request for now.

    Args:
        title: Error title; defaults to the status line.
        description: Human-friendly explanation of the error.
        headers: Extra response headers.
        retry_after: The delay in seconds or the date after which the client may retry;
            sets the ``Retry-After`` header.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

    _status = HTTP_503

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


class HTTPMissingParam(HTTPBadRequest):
    """400 Bad Request: a required query or form parameter is missing.

    Args:
        param_name: The name of the missing parameter.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

    def __init__(
        self,
        param_name: str,
        *,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(
            title='Missing parameter',
            description=f'The "{param_name}" parameter is required.',
            headers=headers,
            **kwargs,
        )


class HTTPInvalidParam(HTTPBadRequest):
    """400 Bad Request: a query or form parameter has an invalid value.

    Args:
        msg: What is wrong with the value, appended to the description.
        param_name: The name of the parameter.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

    def __init__(
        self,
        msg: str,
        param_name: str,
        *,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(
            title='Invalid parameter',
            description=f'The "{param_name}" parameter is invalid. {msg}',
            headers=headers,
            **kwargs,
        )


class HTTPMissingHeader(HTTPBadRequest):
    """400 Bad Request: a required request header is missing.

    Args:
        header_name: The name of the missing header.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

    def __init__(
        self,
        header_name: str,
        *,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(
            title='Missing header value',
            description=f'The "{header_name}" header is required.',
            headers=headers,
            **kwargs,
        )


class HTTPInvalidHeader(HTTPBadRequest):
    """400 Bad Request: a request header has an invalid value.

    Args:
        msg: What is wrong with the value, appended to the description.
        header_name: The name of the header.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

    def __init__(
        self,
        msg: str,
        header_name: str,
        *,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(
            title='Invalid header value',
            description=f'The value provided for the "{header_name}" header is invalid. {msg}',
            headers=headers,
            **kwargs,
        )


class MediaNotFoundError(HTTPBadRequest):
    """400 Bad Request: the request media was asked for but the body is empty.

    Args:
        media_type: The media type the body was expected in (e.g. ``'JSON'``).
        **kwargs: ``headers``, ``href``, ``href_text`` and ``code``, as for
            :class:`HTTPError`.
    """

    def __init__(
        self, media_type: str, **kwargs: Unpack[_HeadersAndErrorKeywordArguments]
    ) -> None:
        super().__init__(
            title=f'Invalid {media_type}',
            description=f'Could not parse an empty {media_type} body',
            **kwargs,
        )


class MediaMalformedError(HTTPBadRequest):
    """400 Bad Request: the request body could not be deserialized.

    The description names the media type and, when this error was raised ``from`` the
    parser's own exception, that exception's message.

    Args:
        media_type: The media type of the body (e.g. ``'JSON'``).
        **kwargs: ``headers``, ``href``, ``href_text`` and ``code``, as for
            :class:`HTTPError`.
    """

    def __init__(
        self, media_type: str, **kwargs: Unpack[_HeadersAndErrorKeywordArguments]
    ) -> None:
        self._media_type = media_type
        super().__init__(title=f'Invalid {media_type}', **kwargs)

    @property
    def description(self) -> str | None:
        """``'Could not parse <media type> body'``, plus ``' - <cause>'`` when chained."""
        message = f'Could not parse {self._media_type} body'
        if self.__cause__ is not None:
            message += f' - {self.__cause__}'
        return message

    @description.setter
    def description(self, value: str | None) -> None:
        """Ignored: the description is always computed."""


class MultipartParseError(MediaMalformedError):
    """400 Bad Request: a ``multipart/form-data`` body could not be parsed.

    Args:
        description: What went wrong.
        **kwargs: ``headers``, ``href``, ``href_text`` and ``code``, as for
            :class:`HTTPError`.
    """

    description = None

    def __init__(
        self,
        *,
        description: str | None = None,
        **kwargs: Unpack[_HeadersAndErrorKeywordArguments],
    ) -> None:
        HTTPBadRequest.__init__(
            self,
            title='Malformed multipart/form-data request media',
            description=description,
            **kwargs,
        )


class MediaValidationError(HTTPBadRequest):
    """400 Bad Request: the request media failed validation (e.g. against a schema).

    Args:
        title: Error title (default ``'400 Bad Request'``; the JSON Schema validator passes
            ``'Request data failed validation'``).
        description: What failed.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """


class RequestParseError(ValueError):
    """A request could not be parsed; raised by the core's parsers.

    The error boundary turns it into an :class:`HTTPError` with :func:`to_http_error`, so
    that bad input always becomes a 4xx response with a clear title.

    Args:
        title: Short statement of what is wrong (e.g. ``'Invalid header value'``).
        description: Details, or ``None``.
        status: The suggested status (``int`` or status line); 400 by default.

    Attributes:
        title: The title.
        description: The description, or ``None``.
        status: The suggested status.
    """

    def __init__(
        self, title: str, description: str | None = None, status: str | int = 400
    ) -> None:
        super().__init__(title if description is None else f'{title}: {description}')
        self.title = title
        self.description = description
        self.status = status


_ERROR_CLASSES_BY_CODE: dict[int, type[FixedStatusError]] = {
    400: HTTPBadRequest,
    403: HTTPForbidden,
    404: HTTPNotFound,
    406: HTTPNotAcceptable,
    409: HTTPConflict,
    410: HTTPGone,
    411: HTTPLengthRequired,
    412: HTTPPreconditionFailed,
    413: HTTPContentTooLarge,
    414: HTTPUriTooLong,
    415: HTTPUnsupportedMediaType,
    422: HTTPUnprocessableEntity,
    428: HTTPPreconditionRequired,
    431: HTTPRequestHeaderFieldsTooLarge,
    501: HTTPNotImplemented,
    505: HTTPVersionNotSupported,
}


def to_http_error(exc: RequestParseError) -> HTTPError:
    """Turn a core parse error into the public error the app reports.

    A status with a dedicated class (e.g. 400, 413, 431) yields an instance of that class,
    so that error handlers registered for it apply; any other valid status yields a plain
    :class:`HTTPError`, and an invalid one a 400. The parse error becomes the new error's
    ``__cause__``.

    Args:
        exc: The parse error.

    Returns:
        HTTPError: The error to report, with the parse error's title and description.
    """
    try:
        code = http_status_to_code(exc.status)
    except ValueError:
        code = 400
    if not 100 <= code <= 999:
        code = 400
    error_class = _ERROR_CLASSES_BY_CODE.get(code)
    error: HTTPError
    if error_class is None:
        error = HTTPError(exc.status, title=exc.title, description=exc.description)
    else:
        error = error_class(title=exc.title, description=exc.description)
    error.__cause__ = exc
    return error
