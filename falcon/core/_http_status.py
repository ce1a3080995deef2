"""``HTTPStatus`` (end the request at once with a given response) and the redirects.

Rules: an ``HTTPStatus`` is data (status, headers, text) sent as it is, with no error
serialization. A redirect derives from ``Redirect`` and declares its status as the class
attribute ``_status``; the ``Location`` header is added to a copy of the headers given.
"""

from __future__ import annotations

from typing import ClassVar

from falcon.core._http_error import ResponseStatus
from falcon.core._status import (
    HTTP_301,
    HTTP_302,
    HTTP_303,
    HTTP_307,
    HTTP_308,
    http_status_to_code,
)
from falcon.core._typing import HeaderArg, Headers

__all__ = [
    'HTTPFound',
    'HTTPMovedPermanently',
    'HTTPPermanentRedirect',
    'HTTPSeeOther',
    'HTTPStatus',
    'HTTPTemporaryRedirect',
]


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


class Redirect(HTTPStatus):
    """Base of the redirects: a fixed status (``_status``) and a ``Location`` header.

    Args:
        location: The URI to redirect to, sent in the ``Location`` header.
        headers: Extra response headers.
    """

    _status: ClassVar[str]

    def __init__(self, location: str, headers: Headers | None = None) -> None:
        super().__init__(self._status, _redirect_headers(location, headers))


class HTTPMovedPermanently(Redirect):
    """301 Moved Permanently: the resource has a new permanent URI.

    Clients may change the method to GET when following it; use
    :class:`HTTPPermanentRedirect` to keep the method.

    Args:
        location: The URI to redirect to, sent in the ``Location`` header.
        headers: Extra response headers.
    """

    _status = HTTP_301


class HTTPFound(Redirect):
    """302 Found: the resource is temporarily at another URI.

    Clients may change the method to GET when following it; use
    :class:`HTTPTemporaryRedirect` to keep the method.

    Args:
        location: The URI to redirect to, sent in the ``Location`` header.
        headers: Extra response headers.
    """

    _status = HTTP_302


class HTTPSeeOther(Redirect):
    """303 See Other: the result is at another URI, to be fetched with GET.

    Typically sent after a POST to point at the created or updated resource.

    Args:
        location: The URI to redirect to, sent in the ``Location`` header.
        headers: Extra response headers.
    """

    _status = HTTP_303


class HTTPTemporaryRedirect(Redirect):
    """307 Temporary Redirect: repeat the request, with the same method, at another URI.

    Args:
        location: The URI to redirect to, sent in the ``Location`` header.
        headers: Extra response headers.
    """

    _status = HTTP_307


class HTTPPermanentRedirect(Redirect):
    """308 Permanent Redirect: the resource moved for good; keep the method when following.

    Args:
        location: The URI to redirect to, sent in the ``Location`` header.
        headers: Extra response headers.
    """

    _status = HTTP_308
