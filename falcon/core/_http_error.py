"""The error model: ``HTTPError`` and the base its fixed-status subclasses declare data on.

Rules: an ``HTTPError`` is data (status, title, description, headers, link, code) that the
error boundary turns into a response; it knows how to render itself as a dict, JSON and
XML, and nothing else. A subclass with a fixed status derives from ``FixedStatusError``
and declares the status as the class attribute ``_status``; it writes an ``__init__`` only
when it takes arguments of its own. The catalogue of classes lives in
``falcon.core._errors``.

Strategy: ``HTTPNotFound`` and ``HTTPMethodNotAllowed`` are raised on hot paths, so
construction stores attributes and nothing more; the status line stays as given and is
normalized only when the response head is built. Header arguments are copied into a new
dict only when a subclass needs to add a header of its own.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypedDict
from urllib.parse import quote

from falcon.core._constants import MEDIA_JSON
from falcon.core._deprecation import warn_deprecated
from falcon.core._status import code_to_http_status, http_status_to_code
from falcon.core._text import encode_utf8, json_bytes
from falcon.core._typing import HeaderArg, Headers, Link, ResponseStatus

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    'FixedStatusError',
    'HTTPError',
    'HTTPErrorKeywordArguments',
    'Link',
    'ResponseStatus',
    'RetryAfter',
]


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


def _with_header(headers: HeaderArg | None, name: str, value: str) -> Headers:
    """A copy of ``headers`` with ``name`` set to ``value`` (the caller's stay untouched)."""
    merged = _copy_headers(headers)
    merged[name] = value
    return merged


def _with_retry_after(headers: HeaderArg | None, retry_after: RetryAfter) -> HeaderArg | None:
    if retry_after is None:
        return headers
    if isinstance(retry_after, datetime.datetime):
        return _with_header(headers, 'Retry-After', _format_http_date(retry_after))
    return _with_header(headers, 'Retry-After', str(retry_after))


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
    # Defaults read through the class when an instance stores no value of its own (see
    # FixedStatusError); this constructor always stores all six.
    description: str | None = None
    headers: HeaderArg | None = None
    link: Link | None = None
    code: int | None = None

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
            return json_bytes(obj)
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
        # Serialized as text, then encoded by the one rule for text (falcon.core._text).
        body = encode_utf8(ET.tostring(error_element, encoding='unicode'))
        return b'<?xml version="1.0" encoding="UTF-8"?>' + body


class FixedStatusError(HTTPError):
    """Base of the :class:`HTTPError` subclasses whose status is fixed.

    A subclass declares its status line as ``_status``; the constructor takes the keyword
    arguments of :class:`HTTPError` without the status. Each subclass that declares
    ``_status`` also gets it as its class-level ``status`` and ``title``, the values an
    instance has unless given others.
    """

    _status: ClassVar[str]
    _stores_directly: ClassVar[bool] = True
    """Whether the constructor may store only the values that differ from the class-level
    defaults: ``HTTPError`` follows this class in the MRO, and no class in between sets
    ``status``, ``title``, ``description``, ``headers``, ``link`` or ``code`` to anything
    else."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = vars(cls)
        status = getattr(cls, '_status', None)
        if '_status' in own:
            if 'status' not in own:
                cls.status = status  # type: ignore[assignment]
            if 'title' not in own:
                cls.title = status  # type: ignore[assignment]
        mro = cls.__mro__
        cls._stores_directly = (
            mro[mro.index(FixedStatusError) + 1] is HTTPError
            and status is not None
            and getattr(cls, 'status', None) is status
            and getattr(cls, 'title', None) is status
            and cls.description is None
            and cls.headers is None
            and cls.link is None
            and cls.code is None
        )

    def __init__(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        headers: HeaderArg | None = None,
        **kwargs: Unpack[HTTPErrorKeywordArguments],
    ) -> None:
        if kwargs or not self._stores_directly:
            super().__init__(
                self._status, title=title, description=description, headers=headers, **kwargs
            )
            return
        # PERF: without a link or a code, store only what differs from the class-level
        # defaults (status and title are the class's status line; description, headers, link
        # and code are None), skipping HTTPError.__init__: each attribute an exception stores
        # costs about 0.1 us to set and to free (about 0.5 us of every raised 404).
        if title is not None:
            self.title = title
        if description is not None:
            self.description = description
        if headers is not None:
            self.headers = headers
