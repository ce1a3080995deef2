"""The HTTPError family, HTTPStatus and redirects, and the framework's other exceptions.

Rules: an ``HTTPError`` is data (status, title, description, headers, link, code) that the
error boundary turns into a response; it knows how to render itself as a dict, JSON and
XML, and nothing else. Core parsers never raise ``HTTPError`` directly: they raise
``RequestParseError`` with a suggested status, and ``to_http_error`` converts it once, at
the boundary.

Strategy: ``HTTPNotFound`` and ``HTTPMethodNotAllowed`` are raised on hot paths, so
construction stores attributes and nothing more; the status line stays as given and is
normalized only when the response head is built. Header arguments are copied into a new
dict only when a subclass needs to add a header of its own.
"""

from __future__ import annotations

import datetime
import http
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, MutableMapping
from typing import TYPE_CHECKING, Any, Protocol, TypedDict
from urllib.parse import quote

from falcon.core._constants import MEDIA_JSON
from falcon.core._deprecation import warn_deprecated
from falcon.core._status import (
    HTTP_301,
    HTTP_302,
    HTTP_303,
    HTTP_307,
    HTTP_308,
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
    code_to_http_status,
    http_status_to_code,
)
from falcon.core._typing import HeaderArg, Headers

if TYPE_CHECKING:
    from typing_extensions import Unpack


# PERF: one shared encoder instead of building one per json.dumps call; same output.
_encode_json = json.JSONEncoder(ensure_ascii=False).encode

__all__ = [
    'CompatibilityError',
    'DelimiterError',
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

ResponseStatus = http.HTTPStatus | str | int
"""What may be given as a status: a status line, an ``int`` or an ``http.HTTPStatus``."""

RetryAfter = int | datetime.datetime | None
"""A ``Retry-After`` value: a delay in seconds, or the date after which to retry."""

_DEFAULT_HREF_TEXT = 'Documentation related to this error'

# Characters left as they are when a documentation link is percent-encoded: RFC 3986
# reserved and unreserved characters, plus '%' so that an encoded URI is not encoded twice.
_URI_SAFE_CHARS = ":/?#[]@!$&'()*+,;=-._~%"

_WEEKDAYS = ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')
_MONTHS = ('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')


class _Serializer(Protocol):
    def serialize(self, media: object, content_type: str) -> bytes: ...


class Link(TypedDict):
    """The documentation link of an :class:`HTTPError`."""

    text: str
    href: str
    rel: str


class HTTPErrorKeywordArguments(TypedDict, total=False):
    """Keyword arguments every :class:`HTTPError` subclass passes on to ``HTTPError``."""

    href: str | None
    href_text: str | None
    code: int | None


class _HeadersAndErrorKeywordArguments(HTTPErrorKeywordArguments, total=False):
    headers: HeaderArg | None


def _copy_headers(headers: HeaderArg | None) -> Headers:
    if headers is None:
        return {}
    if isinstance(headers, dict):
        return dict(headers)
    if hasattr(headers, 'items'):
        return dict(headers.items())
    return dict(headers)


def _format_http_date(moment: datetime.datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc)
    return (
        f'{_WEEKDAYS[moment.weekday()]}, {moment.day:02d} {_MONTHS[moment.month - 1]} '
        f'{moment.year:04d} {moment.hour:02d}:{moment.minute:02d}:{moment.second:02d} GMT'
    )


def _with_retry_after(headers: HeaderArg | None, retry_after: RetryAfter) -> HeaderArg | None:
    if retry_after is None:
        return headers
    merged = _copy_headers(headers)
    if isinstance(retry_after, datetime.datetime):
        merged['Retry-After'] = _format_http_date(retry_after)
    else:
        merged['Retry-After'] = str(retry_after)
    return merged


class HTTPError(Exception):
    """An error that becomes an HTTP response with an error status.

    Raise it (or one of its subclasses) from a responder, a hook or middleware; the app
    turns it into a response whose body is rendered by the error serializer from
    :meth:`to_dict`, :meth:`to_json` or :meth:`to_xml`.

    Args:
        status: The status: a status line (``'404 Not Found'``), an ``int`` or a member of
            ``http.HTTPStatus``.
        title: Error title; defaults to the status line (e.g. ``'404 Not Found'``).
        description: Human-friendly explanation of the error and what to do about it.
        headers: Extra response headers, as a dict or a list of ``(name, value)`` tuples.
        href: URI of documentation about the error; rendered as a ``link`` with
            ``rel='help'``.
        href_text: Text of that link; defaults to ``'Documentation related to this error'``.
        code: An application-specific error code.

    Attributes:
        status: The status as given.
        title: The error title.
        description: The description, or ``None``.
        headers: The extra headers as given, or ``None``.
        link: A dict with ``text``, ``href`` and ``rel`` keys, or ``None``.
        code: The application error code, or ``None``.
    """

    status: ResponseStatus
    title: str
    description: str | None
    headers: HeaderArg | None
    link: Link | None
    code: int | None

    def __init__(
        self,
        status: ResponseStatus,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        href: str | None = None,
        href_text: str | None = None,
        code: int | None = None,
    ) -> None:
        self.status = status
        if title is None:
            # PERF: subclasses pass a status line constant; using it as the title as it is
            # avoids a conversion on every 404 and 405.
            title = status if type(status) is str else code_to_http_status(status)
        self.title = title
        self.description = description
        self.headers = headers
        self.code = code
        if href:
            self.link = {
                'text': href_text or _DEFAULT_HREF_TEXT,
                'href': quote(href, safe=_URI_SAFE_CHARS),
                'rel': 'help',
            }
        else:
            self.link = None

    def __repr__(self) -> str:
        return f'<{type(self).__name__}: {self.status}>'

    def __str__(self) -> str:
        if self.description:
            return f'{self.title}: {self.description}'
        return self.title

    @property
    def status_code(self) -> int:
        """The status as an ``int`` (e.g. ``404``)."""
        return http_status_to_code(self.status)

    def to_dict(self, obj_type: type[MutableMapping[str, Any]] = dict) -> MutableMapping[str, Any]:
        """Return the error as a mapping, ready to be serialized.

        Args:
            obj_type: The mapping type to build (e.g. ``dict`` or ``OrderedDict``).

        Returns:
            A mapping with the key ``title`` and, when they are set, ``description``,
            ``code`` and ``link``.
        """
        obj = obj_type()
        obj['title'] = self.title
        if self.description is not None:
            obj['description'] = self.description
        if self.code is not None:
            obj['code'] = self.code
        if self.link is not None:
            obj['link'] = self.link
        return obj

    def to_json(self, handler: _Serializer | None = None) -> bytes:
        """Return the error as JSON.

        Args:
            handler: A media handler whose ``serialize(media, content_type)`` renders the
                JSON; by default the standard library encoder is used, without escaping
                non-ASCII characters.

        Returns:
            bytes: The UTF-8 encoded JSON document.
        """
        obj = self.to_dict()
        if handler is None:
            return _encode_json(obj).encode()
        return handler.serialize(obj, MEDIA_JSON)

    def to_xml(self) -> bytes:
        """Return the error as an XML document.

        Deprecated since Falcon 4.0 (emits :class:`DeprecatedWarning`): serialize the
        result of :meth:`to_dict` to XML instead.

        Returns:
            bytes: ``<error>`` with ``title``, ``description``, ``code`` and ``link``
            children (the last three only when set), UTF-8 encoded, after an XML
            declaration.
        """
        warn_deprecated(
            'Call to deprecated function to_xml(...). Automatic error serialization to XML '
            'is deprecated. Please serialize the output of to_dict() to XML instead.'
        )
        return self._xml()

    def _xml(self) -> bytes:
        """The document :meth:`to_xml` returns, for the default serializer (no warning)."""
        error_element = ET.Element('error')
        ET.SubElement(error_element, 'title').text = self.title
        if self.description is not None:
            ET.SubElement(error_element, 'description').text = self.description
        if self.code is not None:
            ET.SubElement(error_element, 'code').text = str(self.code)
        if self.link is not None:
            link_element = ET.SubElement(error_element, 'link')
            ET.SubElement(link_element, 'text').text = self.link['text']
            ET.SubElement(link_element, 'href').text = self.link['href']
            ET.SubElement(link_element, 'rel').text = self.link['rel']
        body: bytes = ET.tostring(error_element, encoding='utf-8')
        return b'<?xml version="1.0" encoding="UTF-8"?>' + body


class HTTPBadRequest(HTTPError):
    """400 Bad Request: the request cannot be processed because of a client error,
    such as malformed syntax or invalid framing.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_400, title=title, description=description, headers=headers, **kwargs)


class HTTPForbidden(HTTPError):
    """403 Forbidden: the client is understood but is not allowed to do this.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_403, title=title, description=description, headers=headers, **kwargs)


class HTTPNotFound(HTTPError):
    """404 Not Found: nothing is available at the requested URI.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_404, title=title, description=description, headers=headers, **kwargs)


class HTTPNotAcceptable(HTTPError):
    """406 Not Acceptable: no representation matches the client's ``Accept`` header.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_406, title=title, description=description, headers=headers, **kwargs)


class HTTPConflict(HTTPError):
    """409 Conflict: the request conflicts with the current state of the resource.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_409, title=title, description=description, headers=headers, **kwargs)


class HTTPGone(HTTPError):
    """410 Gone: the resource existed but has been removed for good.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_410, title=title, description=description, headers=headers, **kwargs)


class HTTPLengthRequired(HTTPError):
    """411 Length Required: the request needs a ``Content-Length`` header.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_411, title=title, description=description, headers=headers, **kwargs)


class HTTPPreconditionFailed(HTTPError):
    """412 Precondition Failed: a conditional request header evaluated to false.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_412, title=title, description=description, headers=headers, **kwargs)


class HTTPUriTooLong(HTTPError):
    """414 URI Too Long: the request target is longer than the server accepts.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_414, title=title, description=description, headers=headers, **kwargs)


class HTTPUnsupportedMediaType(HTTPError):
    """415 Unsupported Media Type: the request body is in a format the resource does
    not accept.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_415, title=title, description=description, headers=headers, **kwargs)


class HTTPUnprocessableEntity(HTTPError):
    """422 Unprocessable Entity: the body is well-formed but its content is invalid.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_422, title=title, description=description, headers=headers, **kwargs)


class HTTPLocked(HTTPError):
    """423 Locked: the resource is locked (WebDAV).

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_423, title=title, description=description, headers=headers, **kwargs)


class HTTPFailedDependency(HTTPError):
    """424 Failed Dependency: the request depended on another one that failed (WebDAV).

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_424, title=title, description=description, headers=headers, **kwargs)


class HTTPPreconditionRequired(HTTPError):
    """428 Precondition Required: the request must be conditional (e.g. ``If-Match``).

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_428, title=title, description=description, headers=headers, **kwargs)


class HTTPRequestHeaderFieldsTooLarge(HTTPError):
    """431 Request Header Fields Too Large: one header, or all of them together,
    exceed what the server accepts.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_431, title=title, description=description, headers=headers, **kwargs)


class HTTPUnavailableForLegalReasons(HTTPError):
    """451 Unavailable For Legal Reasons: access is denied because of a legal demand.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_451, title=title, description=description, headers=headers, **kwargs)


class HTTPInternalServerError(HTTPError):
    """500 Internal Server Error: an unexpected condition prevented the server from
    answering.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_500, title=title, description=description, headers=headers, **kwargs)


class HTTPNotImplemented(HTTPError):
    """501 Not Implemented: the server does not support what the request needs.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_501, title=title, description=description, headers=headers, **kwargs)


class HTTPBadGateway(HTTPError):
    """502 Bad Gateway: an upstream server sent an invalid response.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_502, title=title, description=description, headers=headers, **kwargs)


class HTTPGatewayTimeout(HTTPError):
    """504 Gateway Timeout: an upstream server did not answer in time.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_504, title=title, description=description, headers=headers, **kwargs)


class HTTPVersionNotSupported(HTTPError):
    """505 HTTP Version Not Supported: the request's HTTP major version is refused.

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_505, title=title, description=description, headers=headers, **kwargs)


class HTTPInsufficientStorage(HTTPError):
    """507 Insufficient Storage: the server cannot store what the request needs
    (WebDAV).

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_507, title=title, description=description, headers=headers, **kwargs)


class HTTPLoopDetected(HTTPError):
    """508 Loop Detected: the server found an infinite loop while processing (WebDAV).

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_508, title=title, description=description, headers=headers, **kwargs)


class HTTPNetworkAuthenticationRequired(HTTPError):
    """511 Network Authentication Required: the client must authenticate to gain
    network access (e.g. a captive portal).

    Takes the keyword arguments of :class:`HTTPError`; the status is fixed.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(HTTP_511, title=title, description=description, headers=headers, **kwargs)


class HTTPRouteNotFound(HTTPNotFound):
    """404 Not Found, raised when no route matches the request path.

    Register an error handler for this class to treat unrouted requests differently from
    a resource's own :class:`HTTPNotFound`.
    """


class HTTPUnauthorized(HTTPError):
    """401 Unauthorized: the request lacks valid authentication credentials.

    Args:
        title: Error title; defaults to the status line.
        description: Human-friendly explanation of the error.
        headers: Extra response headers.
        challenges: Authentication challenges (e.g. ``'Bearer realm="api"'``), joined
            with ``', '`` into the ``WWW-Authenticate`` header.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

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
        super().__init__(HTTP_401, title=title, description=description, headers=headers, **kwargs)


class HTTPMethodNotAllowed(HTTPError):
    """405 Method Not Allowed: the resource does not support the request method.

    Args:
        allowed_methods: The methods the resource supports, listed in the ``Allow``
            header.
        title: Error title; defaults to the status line.
        description: Human-friendly explanation of the error.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

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
        super().__init__(HTTP_405, title=title, description=description, headers=merged, **kwargs)


class HTTPContentTooLarge(HTTPError):
    """413 Content Too Large: the request body is larger than the server accepts.

    Args:
        title: Error title; defaults to the status line.
        description: Human-friendly explanation of the error.
        retry_after: When the condition is temporary, the delay in seconds or the date
            after which the client may retry; sets the ``Retry-After`` header.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

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
            HTTP_413,
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


class HTTPRangeNotSatisfiable(HTTPError):
    """416 Range Not Satisfiable: no requested range overlaps the representation.

    Args:
        resource_length: The representation's length in bytes, sent as
            ``Content-Range: bytes */<length>``.
        title: Error title; defaults to the status line.
        description: Human-friendly explanation of the error.
        headers: Extra response headers.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

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
        super().__init__(HTTP_416, title=title, description=description, headers=merged, **kwargs)


class HTTPTooManyRequests(HTTPError):
    """429 Too Many Requests: the client has sent too many requests (rate limiting).

    Args:
        title: Error title; defaults to the status line.
        description: Human-friendly explanation of the error.
        headers: Extra response headers.
        retry_after: The delay in seconds or the date after which the client may retry;
            sets the ``Retry-After`` header.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

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
            HTTP_429,
            title=title,
            description=description,
            headers=_with_retry_after(headers, retry_after),
            **kwargs,
        )


class HTTPServiceUnavailable(HTTPError):
    """503 Service Unavailable: the server cannot handle the request for now.

    Args:
        title: Error title; defaults to the status line.
        description: Human-friendly explanation of the error.
        headers: Extra response headers.
        retry_after: The delay in seconds or the date after which the client may retry;
            sets the ``Retry-After`` header.
        **kwargs: ``href``, ``href_text`` and ``code``, as for :class:`HTTPError`.
    """

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
            HTTP_503,
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

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        super().__init__(
            title=title,
            description=description,
            headers=headers,
            **kwargs,
        )


class HTTPStatus(Exception):
    """Ends the request at once with the given status, headers and text body.

    Unlike :class:`HTTPError`, this is not an error: the response is sent as it is, with
    no error serialization, and ``process_response`` middleware still runs.

    Args:
        status: The status: a status line, an ``int`` or a member of ``http.HTTPStatus``.
        headers: Response headers, as a dict or a list of ``(name, value)`` tuples.
        text: The response body, as text.

    Attributes:
        status: The status as given.
        headers: The headers as given, or ``None``.
        text: The body text, or ``None``.
    """

    status: ResponseStatus
    headers: HeaderArg | None
    text: str | None

    def __init__(
        self,
        status: ResponseStatus,
        headers: HeaderArg | None = None,
        text: str | None = None,
    ) -> None:
        self.status = status
        self.headers = headers
        self.text = text

    def __repr__(self) -> str:
        return f'<{type(self).__name__}: {self.status}>'

    @property
    def status_code(self) -> int:
        """The status as an ``int`` (e.g. ``301``)."""
        return http_status_to_code(self.status)


def _redirect_headers(location: str, headers: Headers | None) -> Headers:
    merged = {} if headers is None else dict(headers)
    merged.setdefault('location', location)
    return merged


class HTTPMovedPermanently(HTTPStatus):
    """301 Moved Permanently: the resource has a new permanent URI.

    Clients may change the method to GET when following it; use
    :class:`HTTPPermanentRedirect` to keep the method.

    Args:
        location: The URI to redirect to, sent in the ``Location`` header.
        headers: Extra response headers.
    """

    def __init__(self, location: str, headers: Headers | None = None) -> None:
        super().__init__(HTTP_301, _redirect_headers(location, headers))


class HTTPFound(HTTPStatus):
    """302 Found: the resource is temporarily at another URI.

    Clients may change the method to GET when following it; use
    :class:`HTTPTemporaryRedirect` to keep the method.

    Args:
        location: The URI to redirect to, sent in the ``Location`` header.
        headers: Extra response headers.
    """

    def __init__(self, location: str, headers: Headers | None = None) -> None:
        super().__init__(HTTP_302, _redirect_headers(location, headers))


class HTTPSeeOther(HTTPStatus):
    """303 See Other: the result is at another URI, to be fetched with GET.

    Typically sent after a POST to point at the created or updated resource.

    Args:
        location: The URI to redirect to, sent in the ``Location`` header.
        headers: Extra response headers.
    """

    def __init__(self, location: str, headers: Headers | None = None) -> None:
        super().__init__(HTTP_303, _redirect_headers(location, headers))


class HTTPTemporaryRedirect(HTTPStatus):
    """307 Temporary Redirect: repeat the request, with the same method, at another URI.

    Args:
        location: The URI to redirect to, sent in the ``Location`` header.
        headers: Extra response headers.
    """

    def __init__(self, location: str, headers: Headers | None = None) -> None:
        super().__init__(HTTP_307, _redirect_headers(location, headers))


class HTTPPermanentRedirect(HTTPStatus):
    """308 Permanent Redirect: the resource moved for good; keep the method when following.

    Args:
        location: The URI to redirect to, sent in the ``Location`` header.
        headers: Extra response headers.
    """

    def __init__(self, location: str, headers: Headers | None = None) -> None:
        super().__init__(HTTP_308, _redirect_headers(location, headers))


class CompatibilityError(ValueError):
    """An app, resource or component was used in a way this kind of app does not support.

    For example, mixing pieces that only work with another app type.
    """


class HeaderNotSupported(ValueError):
    """The header cannot be set or read this way (e.g. ``Set-Cookie`` via ``set_header``)."""


class UnsupportedError(RuntimeError):
    """The server or the environment does not support the requested operation."""


class UnsupportedScopeError(RuntimeError):
    """The ASGI scope type or version is not supported."""


class OperationNotAllowed(ValueError):
    """The operation is not allowed in the object's current state."""


class PayloadTypeError(TypeError):
    """A WebSocket message payload has the wrong type (text where bytes are due, or the
    reverse)."""


class DelimiterError(OSError):
    """A stream ended before the expected delimiter was found."""


class InvalidMediaType(ValueError):
    """A media type string (e.g. a ``Content-Type`` value) could not be parsed."""


class InvalidMediaRange(InvalidMediaType):
    """A media range (e.g. in an ``Accept`` header) could not be parsed."""


class WebSocketDisconnected(ConnectionError):
    """The WebSocket connection was closed, or is no longer open.

    Args:
        code: The WebSocket close code; defaults to 1000 (normal closure).

    Attributes:
        code: The close code.
    """

    code: int

    def __init__(self, code: int | None = None) -> None:
        self.code = code or 1000
        super().__init__(self.code)


class WebSocketPathNotFound(WebSocketDisconnected):
    """No route matches the path of a WebSocket connection."""


class WebSocketHandlerNotFound(WebSocketDisconnected):
    """The routed resource has no ``on_websocket`` responder."""


class WebSocketServerError(WebSocketDisconnected):
    """An unhandled error occurred while serving a WebSocket connection."""


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


_ERROR_CLASSES_BY_CODE: dict[int, type[HTTPError]] = {
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
        error = error_class(title=exc.title, description=exc.description)  # type: ignore[call-arg]
    error.__cause__ = exc
    return error
