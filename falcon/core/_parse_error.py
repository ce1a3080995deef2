"""The core's own parse error, and the one boundary that turns it into a public error.

Rules: core parsers never raise ``HTTPError``: they raise ``RequestParseError`` with a
suggested status, and ``to_http_error`` converts it once, where the lifecycle catches it.
"""

from __future__ import annotations

from falcon.core._http_error import FixedStatusError, HTTPError
from falcon.core._status import http_status_to_code
from falcon.core._status_errors import (
    HTTPBadRequest,
    HTTPConflict,
    HTTPContentTooLarge,
    HTTPForbidden,
    HTTPGone,
    HTTPLengthRequired,
    HTTPNotAcceptable,
    HTTPNotFound,
    HTTPNotImplemented,
    HTTPPreconditionFailed,
    HTTPPreconditionRequired,
    HTTPRequestHeaderFieldsTooLarge,
    HTTPUnprocessableEntity,
    HTTPUnsupportedMediaType,
    HTTPUriTooLong,
    HTTPVersionNotSupported,
)

__all__ = ['RequestParseError', 'to_http_error']


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
