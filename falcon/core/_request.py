"""The request model shared by the WSGI and ASGI adapters.

Rules: every property that is not about the body is written here, once. An adapter subclass
supplies a handful of primitives (``_raw_header``, ``_raw_header_items``, ``_server_host``,
``_server_port``, ``_write_error``), sets ``method``, ``path`` and ``query_string``, and
defines the ``scheme``, ``root_path`` and ``remote_addr`` properties; everything else is
derived lazily here.

Strategy: nothing is parsed until asked. Each derived value is computed on first access and
cached in a slot (PERF: a hello-world request touches none of them). Parse failures of client
data surface as the public 4xx errors Falcon documents (``HTTPInvalidHeader``,
``HTTPInvalidParam``...), raised from the property that was asked.

Layout: the query-parameter getters (``params``, ``get_param`` and the ``get_param_as_*``
family) are written in ``_request_params.py`` as a slot-less mixin; this module holds
construction, the adapter primitives, headers, negotiation, URL/host/forwarded, cookies
and the body-independent half of media.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, ClassVar, Literal, overload

from falcon.core._awaitables import AwaitableDict as _AwaitableDict
from falcon.core._awaitables import AwaitableList as _AwaitableList
from falcon.core._constants import MEDIA_JSON, MEDIA_MSGPACK, MEDIA_XML, UNSET, _Unset
from falcon.core._context import HasContext
from falcon.core._cookies import parse_cookie_header
from falcon.core._dates import http_date_to_dt
from falcon.core._deprecation import warn_deprecated
from falcon.core._errors import (
    HTTPContentTooLarge,
    HTTPInvalidHeader,
    HTTPMissingHeader,
    MediaNotFoundError,
    RequestParseError,
)
from falcon.core._forwarded import Forwarded, parse_forwarded_header
from falcon.core._headers import (
    MAX_DIGITS,
    parse_content_length,
    parse_etags,
    parse_range,
    parse_range_unit,
)
from falcon.core._mediatypes import best_match, quality
from falcon.core._options import RequestOptions
from falcon.core._request_param_formats import StructuredParamGetters
from falcon.core._request_params import StoreArg
from falcon.core._structures import ETag
from falcon.core._uri import parse_host, parse_query_string

__all__ = ['UNSET', 'Request', 'StoreArg', 'resolve_media_handler']


DEFAULT_ERROR_LOG_FORMAT = (
    '{timestamp:%Y-%m-%d %H:%M:%S} [FALCON] [ERROR] {method} {uri}\n{message}\n'
)
"""How ``log_error`` frames a message: a UTC timestamp, the request method and relative URI,
then the message."""


_DEFAULT_PORTS = {'http': 80, 'https': 443, 'ws': 80, 'wss': 443}


def resolve_media_handler(options: RequestOptions, media_type: str) -> Any:
    """The registry's resolved entry for ``media_type`` (or the default type when empty):
    ``(handler, content type, deserialize_sync or None)``.

    Raises:
        HTTPUnsupportedMediaType: No handler for the content type (415).
    """
    handlers = options.media_handlers
    # PERF: a content type seen before is one lookup in the registry's cache, without the
    # call into _resolve (about 20 opcodes); the rest, and a type that has no handler,
    # take _resolve.
    resolved = handlers._resolve_cache.get(media_type)
    if resolved is None or resolved[0] is None:
        resolved = handlers._resolve(media_type, options.default_media_type)
    return resolved


def _media_too_large(limit: int) -> HTTPContentTooLarge:
    return HTTPContentTooLarge(
        title='Request body too large',
        description=f'The body is larger than {limit} bytes, the most read as media here.',
    )


def _invalid_header(exc: RequestParseError, name: str) -> HTTPInvalidHeader:
    message = exc.description or exc.title
    # The header parsers already phrase their descriptions the way HTTPInvalidHeader does;
    # keep only the explanation so that it is not said twice.
    message = message.removeprefix(f'The value provided for the "{name}" header is invalid. ')
    return HTTPInvalidHeader(message, name)


class _RequestType(type):
    """The metaclass of requests: lets ``falcon.Request`` stand for the requests of both
    kinds of app in ``isinstance`` / ``issubclass``, as in Falcon (where
    ``falcon.asgi.Request`` subclasses ``falcon.Request``), while the WSGI and ASGI
    requests stay siblings that never import each other."""

    def __instancecheck__(cls, instance: Any) -> bool:
        if cls.__dict__.get('_stands_for_all_requests'):
            return type.__instancecheck__(Request, instance)
        return type.__instancecheck__(cls, instance)

    def __subclasscheck__(cls, subclass: type) -> bool:
        if cls.__dict__.get('_stands_for_all_requests'):
            return type.__subclasscheck__(Request, subclass)
        return type.__subclasscheck__(cls, subclass)


class Request(StructuredParamGetters, HasContext, metaclass=_RequestType):
    """A client's request, as the app sees it.

    Header, query, cookie, forwarding and negotiation helpers are computed on first use.
    ``falcon.Request`` (WSGI) and ``falcon.asgi.Request`` add the body: ``stream``,
    ``bounded_stream``, ``media`` and ``get_media()``.
    """

    __slots__ = (
        '_access_route',
        '_content_length',
        '_cookies',
        '_forwarded',
        '_headers',
        '_media',
        '_media_error',
        '_params',
        'is_websocket',
        'method',
        'options',
        'path',
        'query_string',
        'uri_template',
    )

    _headers_uppercase: ClassVar[bool] = True

    method: str
    path: str
    query_string: str
    options: RequestOptions
    is_websocket: bool
    uri_template: str | None

    def _init_common(self, options: RequestOptions | None) -> None:
        self.options = options if options is not None else RequestOptions()
        self.is_websocket = False
        self.uri_template = None
        self._context = None
        self._params: dict[str, Any] | None = None
        self._cookies: dict[str, list[str]] | None = None
        self._forwarded: list[Forwarded] | _Unset | None = UNSET
        self._access_route: list[str] | None = None
        self._headers: dict[str, str] | None = None
        self._media: Any = UNSET
        self._content_length: Any = UNSET
        self._media_error: BaseException | None = None
        path = self.path
        if not path:
            self.path = '/'
        elif self.options.strip_url_path_trailing_slash and len(path) > 1 and path[-1] == '/':
            self.path = path[:-1]

    if TYPE_CHECKING:
        # Each adapter defines these as read-only properties, as Falcon does; PERF: computed
        # only when read (most requests never read them), not in every constructor.

        @property
        def scheme(self) -> str: ...

        @property
        def root_path(self) -> str: ...

        @property
        def remote_addr(self) -> str: ...

    # -- primitives supplied by the adapters ------------------------------------------------

    def _raw_header(self, lower_name: str) -> str | None:
        raise NotImplementedError

    def _raw_header_items(self) -> Iterable[tuple[str, str]]:
        raise NotImplementedError

    def _framing_header(self) -> str | None:
        """The raw ``Content-Length`` header, for the framing check every request starts
        with (``_raw_header('content-length')``; an adapter may answer it more cheaply)."""
        return self._raw_header('content-length')

    def _server_host(self) -> str:
        raise NotImplementedError

    def _server_port(self) -> int:
        raise NotImplementedError

    def _write_error(self, message: str) -> None:
        raise NotImplementedError

    # -- headers ---------------------------------------------------------------------------

    @overload
    def get_header(self, name: str, required: Literal[True], default: str | None = ...) -> str: ...

    @overload
    def get_header(self, name: str, required: bool = ..., *, default: str) -> str: ...

    @overload
    def get_header(self, name: str, required: bool, default: str) -> str: ...

    @overload
    def get_header(
        self, name: str, required: bool = ..., default: str | None = ...
    ) -> str | None: ...

    def get_header(
        self, name: str, required: bool = False, default: str | None = None
    ) -> str | None:
        """Return a header value as a string.

        Args:
            name: Header name, case-insensitive.
            required: Raise :class:`HTTPMissingHeader` (400) when the header is absent.
            default: Value returned when the header is absent and not required.

        Returns:
            The value as received, or ``default``.

        Raises:
            HTTPMissingHeader: The header is absent and ``required`` is true.
        """
        value = self._raw_header(name.lower())
        if value is not None:
            return value
        if required:
            raise HTTPMissingHeader(name)
        return default

    @overload
    def get_header_as_int(self, header: str, required: Literal[True]) -> int: ...

    @overload
    def get_header_as_int(self, header: str, required: bool = ...) -> int | None: ...

    def get_header_as_int(self, header: str, required: bool = False) -> int | None:
        """Return a header value as an ``int``; a non-integer value is a 400.

        Args:
            header: Header name, case-insensitive.
            required: Raise :class:`HTTPMissingHeader` (400) when the header is absent.

        Returns:
            The integer, or ``None`` when the header is absent and not required.

        Raises:
            HTTPInvalidHeader: The value is not an integer.
            HTTPMissingHeader: The header is absent and ``required`` is true.
        """
        value = self.get_header(header, required=required)
        if value is None:
            return None
        try:
            return int(value)
        except ValueError:
            raise HTTPInvalidHeader(
                'The value of the header must be an integer.', header
            ) from None

    @overload
    def get_header_as_datetime(
        self, header: str, required: Literal[True], obs_date: bool = ...
    ) -> datetime: ...

    @overload
    def get_header_as_datetime(
        self, header: str, required: bool = ..., obs_date: bool = ...
    ) -> datetime | None: ...

    def get_header_as_datetime(
        self, header: str, required: bool = False, obs_date: bool = False
    ) -> datetime | None:
        """Return an HTTP-date header as a timezone-aware ``datetime``; a bad date is a 400.

        Args:
            header: Header name, case-insensitive.
            required: Raise :class:`HTTPMissingHeader` (400) when the header is absent.
            obs_date: Also accept the obsolete date formats (RFC 850 and asctime).

        Returns:
            The date in UTC, or ``None`` when the header is absent and not required.

        Raises:
            HTTPInvalidHeader: The value is not an HTTP date.
            HTTPMissingHeader: The header is absent and ``required`` is true.
        """
        value = self.get_header(header, required=required)
        if value is None:
            return None
        try:
            return http_date_to_dt(value, obs_date=obs_date)
        except ValueError:
            raise HTTPInvalidHeader(
                'It must be formatted according to RFC 7231, Section 7.1.1.1', header
            ) from None

    @property
    def headers(self) -> dict[str, str]:
        """All headers, names upper-cased (WSGI) or lower-cased (ASGI) as Falcon does."""
        headers = self._headers
        if headers is None:
            headers = {}
            upper = self._headers_uppercase
            for name, value in self._raw_header_items():
                key = name.upper() if upper else name.lower()
                if key in headers:
                    headers[key] += ',' + value
                else:
                    headers[key] = value
            self._headers = headers
        return headers

    @property
    def headers_lower(self) -> dict[str, str]:
        """All headers, with lower-cased names."""
        return {name.lower(): value for name, value in self.headers.items()}

    @property
    def content_type(self) -> str | None:
        """The ``Content-Type`` header, or ``None``."""
        return self._raw_header('content-type')

    @property
    def content_length(self) -> int | None:
        """The ``Content-Length`` header as an ``int`` (``1*DIGIT`` only), or ``None``."""
        # PERF: the framing check, the body stream and get_media() all ask; parse once.
        cached = self._content_length
        if cached is not UNSET:
            return cached  # type: ignore[no-any-return]
        value = self._raw_header('content-length')
        length: int | None = None
        if value:
            try:
                # PERF: the usual value, a short run of ASCII digits, is converted here
                # without the calls into the header parser (about 25 opcodes); the parser
                # judges every other value.
                if len(value) <= MAX_DIGITS and value.isdigit() and value.isascii():
                    length = int(value)
                else:
                    length = parse_content_length(value)
            except RequestParseError:
                raise HTTPInvalidHeader(
                    'The value of the header must be a non-negative integer.', 'Content-Length'
                ) from None
        self._content_length = length
        return length

    @property
    def auth(self) -> str | None:
        """The ``Authorization`` header, or ``None``."""
        return self._raw_header('authorization')

    @property
    def expect(self) -> str | None:
        """The ``Expect`` header, or ``None``."""
        return self._raw_header('expect')

    @property
    def referer(self) -> str | None:
        """The ``Referer`` header, or ``None``."""
        return self._raw_header('referer')

    @property
    def user_agent(self) -> str | None:
        """The ``User-Agent`` header, or ``None``."""
        return self._raw_header('user-agent')

    @property
    def last_event_id(self) -> str | None:
        """The ``Last-Event-ID`` header an ``EventSource`` sends when it reconnects."""
        return self._raw_header('last-event-id')

    @property
    def accept(self) -> str:
        """The ``Accept`` header, or ``'*/*'`` when absent or empty."""
        return self._raw_header('accept') or '*/*'

    @property
    def date(self) -> datetime | None:
        """The ``Date`` header as a UTC ``datetime``, or ``None``; a malformed date is a 400."""
        return self.get_header_as_datetime('Date')

    @property
    def if_modified_since(self) -> datetime | None:
        """The ``If-Modified-Since`` header as a UTC ``datetime``, or ``None``."""
        return self.get_header_as_datetime('If-Modified-Since')

    @property
    def if_unmodified_since(self) -> datetime | None:
        """The ``If-Unmodified-Since`` header as a UTC ``datetime``, or ``None``."""
        return self.get_header_as_datetime('If-Unmodified-Since')

    @property
    def if_range(self) -> str | None:
        """The ``If-Range`` header (an entity tag or a date, as sent), or ``None``."""
        return self._raw_header('if-range')

    @property
    def if_match(self) -> list[ETag] | None:
        """Entity tags of ``If-Match`` (``[ETag('*')]`` for ``*``), or ``None``."""
        value = self._raw_header('if-match')
        return None if value is None else parse_etags(value)

    @property
    def if_none_match(self) -> list[ETag] | None:
        """Entity tags of ``If-None-Match`` (``[ETag('*')]`` for ``*``), or ``None``."""
        value = self._raw_header('if-none-match')
        return None if value is None else parse_etags(value)

    @property
    def range(self) -> tuple[int, int] | None:
        """The ``Range`` header as ``(first, last)``; see Falcon's documented forms."""
        value = self._raw_header('range')
        if value is None:
            return None
        try:
            return parse_range(value)[1]
        except RequestParseError as exc:
            raise _invalid_header(exc, 'Range') from None

    @property
    def range_unit(self) -> str | None:
        """The unit of the ``Range`` header (e.g. ``'bytes'``), or ``None``."""
        value = self._raw_header('range')
        if value is None:
            return None
        try:
            return parse_range_unit(value)
        except RequestParseError as exc:
            raise _invalid_header(exc, 'Range') from None

    # -- content negotiation ---------------------------------------------------------------

    def client_accepts(self, media_type: str) -> bool:
        """Tell whether the ``Accept`` header admits ``media_type``.

        Args:
            media_type: A media type, such as ``'application/json'``.

        Returns:
            ``True`` when the client accepts it (a missing ``Accept`` accepts anything).
        """
        accept = self.accept
        if accept == '*/*':
            return True
        try:
            return quality(media_type, accept) != 0.0
        except ValueError:
            return False

    def client_prefers(self, media_types: Iterable[str]) -> str | None:
        """Choose the media type the client prefers among ``media_types``.

        Args:
            media_types: The types the app can answer with.

        Returns:
            The one the ``Accept`` header ranks best, or ``None`` when it accepts none.
        """
        try:
            preferred = best_match(list(media_types), self.accept)
        except ValueError:
            return None
        return preferred or None

    @property
    def client_accepts_json(self) -> bool:
        """Whether the ``Accept`` header admits ``application/json``."""
        return self.client_accepts(MEDIA_JSON)

    @property
    def client_accepts_msgpack(self) -> bool:
        """Whether the ``Accept`` header admits MessagePack."""
        return self.client_accepts(MEDIA_MSGPACK) or self.client_accepts('application/x-msgpack')

    @property
    def client_accepts_xml(self) -> bool:
        """Whether the ``Accept`` header admits ``application/xml``."""
        return self.client_accepts(MEDIA_XML)

    # -- URL pieces --------------------------------------------------------------------------

    @property
    def app(self) -> str:
        """Deprecated alias for :attr:`root_path` (emits :class:`DeprecatedWarning`)."""
        warn_deprecated('Call to deprecated property app. Use root_path instead.')
        return self.root_path

    @property
    def netloc(self) -> str:
        """The ``Host`` header, or the server's name and non-default port."""
        host = self._raw_header('host')
        if host:
            return host
        name = self._server_host()
        port = self._server_port()
        if port != _DEFAULT_PORTS.get(self.scheme, 80):
            return f'{name}:{port}'
        return name

    @property
    def host(self) -> str:
        """The host name the client asked for, without the port."""
        host = self._raw_header('host')
        if host:
            try:
                return parse_host(host)[0]
            except ValueError:
                return host
        return self._server_host()

    @property
    def port(self) -> int:
        """The port the client connected to (from ``Host``, else the server's)."""
        host = self._raw_header('host')
        if host:
            try:
                port = parse_host(host)[1]
            except ValueError:
                port = None
            if port is not None:
                return port
            return _DEFAULT_PORTS.get(self.scheme, 80)
        return self._server_port()

    @property
    def subdomain(self) -> str | None:
        """The first label of :attr:`host` when it has several (``'api'`` of
        ``api.example.com``), else ``None``.
        """
        subdomain, sep, _ = self.host.partition('.')
        return subdomain if sep else None

    @property
    def relative_uri(self) -> str:
        """The app's mount point, the path and the query string."""
        if self.query_string:
            return f'{self.root_path}{self.path}?{self.query_string}'
        return self.root_path + self.path

    @property
    def prefix(self) -> str:
        """Scheme, host and mount point: ``'https://example.com/api'`` for a request to
        ``https://example.com/api/books``.
        """
        return f'{self.scheme}://{self.netloc}{self.root_path}'

    @property
    def uri(self) -> str:
        """The full URI of the request."""
        return f'{self.scheme}://{self.netloc}{self.relative_uri}'

    url = uri

    # -- proxies -----------------------------------------------------------------------------

    @property
    def forwarded(self) -> list[Forwarded] | None:
        """The ``Forwarded`` header (RFC 7239) as a list of hops, or ``None``."""
        forwarded = self._forwarded
        if isinstance(forwarded, _Unset):
            value = self._raw_header('forwarded')
            forwarded = None if value is None else parse_forwarded_header(value)
            self._forwarded = forwarded
        return forwarded

    @property
    def forwarded_scheme(self) -> str:
        """The scheme the client used, before any proxy.

        From the first hop of ``Forwarded``, else ``X-Forwarded-Proto``, else :attr:`scheme`.
        Trust it only behind a proxy that sets these headers.
        """
        forwarded = self.forwarded
        if forwarded is not None:
            # A Forwarded header rules out X-Forwarded-Proto, even without proto= in hop 1.
            return (forwarded[0].scheme if forwarded else None) or self.scheme
        proto = self._raw_header('x-forwarded-proto')
        if proto:
            return proto.split(',', 1)[0].strip().lower()
        return self.scheme

    @property
    def forwarded_host(self) -> str:
        """The host the client asked for, before any proxy.

        From the first hop of ``Forwarded``, else ``X-Forwarded-Host``, else :attr:`host`.
        """
        forwarded = self.forwarded
        if forwarded is not None:
            # A Forwarded header rules out X-Forwarded-Host, even without host= in hop 1.
            return (forwarded[0].host if forwarded else None) or self.host
        host = self._raw_header('x-forwarded-host')
        if host:
            return host
        return self.host

    @property
    def forwarded_prefix(self) -> str:
        """As :attr:`prefix`, with the forwarded scheme and host."""
        return f'{self.forwarded_scheme}://{self.forwarded_host}{self.root_path}'

    @property
    def forwarded_uri(self) -> str:
        """The full URI as the client sent it, with the forwarded scheme and host."""
        return f'{self.forwarded_scheme}://{self.forwarded_host}{self.relative_uri}'

    @property
    def access_route(self) -> list[str]:
        """The client address and known proxies (``Forwarded``, ``X-Forwarded-For``,
        ``X-Real-IP``), ending with ``remote_addr``."""
        route = self._access_route
        if route is None:
            route = []
            if self._raw_header('forwarded') is not None:
                for hop in self.forwarded or ():
                    if hop.src is not None:
                        try:
                            route.append(parse_host(hop.src)[0])
                        except ValueError:
                            route.append(hop.src)
            else:
                xff = self._raw_header('x-forwarded-for')
                if xff is not None:
                    route = [address.strip() for address in xff.split(',')]
                else:
                    real_ip = self._raw_header('x-real-ip')
                    if real_ip is not None:
                        route = [real_ip]
            if not route or route[-1] != self.remote_addr:
                route.append(self.remote_addr)
            self._access_route = route
        return route

    # -- query parameters (the getters are in _request_params.py) ---------------------------

    @property
    def params(self) -> dict[str, Any]:
        """Query parameters; a repeated name maps to a list of its values."""
        params = self._params
        if params is None:
            query_string = self.query_string
            if query_string:
                options = self.options
                # PERF: positional arguments make a cheaper call than keywords.
                params = parse_query_string(
                    query_string, options.keep_blank_qs_values, options.auto_parse_qs_csv
                )
            else:
                params = {}
            self._params = params
        return params

    # -- cookies -----------------------------------------------------------------------------

    def _cookie_map(self) -> dict[str, list[str]]:
        cookies = self._cookies
        if cookies is None:
            header = self._raw_header('cookie')
            cookies = parse_cookie_header(header) if header else {}
            self._cookies = cookies
        return cookies

    @property
    def cookies(self) -> dict[str, str]:
        """Cookie name to value; for a repeated name, the first value."""
        return {name: values[0] for name, values in self._cookie_map().items()}

    def get_cookie_values(self, name: str) -> list[str] | None:
        """Return every value the client sent for a cookie.

        Args:
            name: The cookie name.

        Returns:
            The values in the order they came, or ``None`` when the cookie was not sent.
        """
        return self._cookie_map().get(name)

    # -- media (the body-independent half) ---------------------------------------------------

    def _media_handler(self) -> tuple[Any, Callable[[bytes], Any] | None]:
        """The handler for the body's ``Content-Type``, and its ``_deserialize_sync`` fast
        path (or ``None``).

        Raises:
            HTTPUnsupportedMediaType: No handler for the content type (415).
        """
        options = self.options
        resolved = resolve_media_handler(options, self.content_type or options.default_media_type)
        return resolved[0], resolved[2]

    def _media_read_size(self) -> int:
        """How much to read for a parse of the whole body: the limit plus one byte, so that
        a body over the limit shows (``-1``: no limit).

        Raises:
            HTTPContentTooLarge: ``Content-Length`` already says the body is over the limit.
        """
        limit = self.options.max_media_size
        if limit is None:
            return -1
        length = self.content_length
        if length is not None and length > limit:
            raise _media_too_large(limit)
        return limit + 1

    def _media_within_limit(self, data: bytes) -> bytes:
        limit = self.options.max_media_size
        if limit is not None and len(data) > limit:
            raise _media_too_large(limit)
        return data

    def _media_known(self, default_when_empty: Any) -> Any:
        """The media already parsed (or its error raised again), else ``UNSET``."""
        error = self._media_error
        if error is not None:
            if isinstance(error, MediaNotFoundError) and default_when_empty is not UNSET:
                return default_when_empty
            raise error
        return self._media

    def _media_store(self, value: Any) -> Any:
        """Keep ``value`` as the parsed media; a dict or list is kept (and returned) as
        its awaitable copy."""
        kind = type(value)
        if kind is dict:
            value = _AwaitableDict(value)
        elif kind is list:
            value = _AwaitableList(value)
        self._media = value
        return value

    def _media_fail(self, error: BaseException, default_when_empty: Any) -> Any:
        self._media_error = error
        if isinstance(error, MediaNotFoundError) and default_when_empty is not UNSET:
            return default_when_empty
        raise error

    # -- misc --------------------------------------------------------------------------------

    def log_error(self, message: str) -> None:
        """Write ``message`` to the server's error stream (``wsgi.errors``), prefixed with a
        timestamp and the request line.

        Args:
            message: What went wrong.
        """
        self._log_framed_error(message)

    def _log_framed_error(self, message: str) -> None:
        """Frame ``message`` as :data:`DEFAULT_ERROR_LOG_FORMAT` says and write it through the
        adapter; the framework's own error logging goes here in both kinds of app."""
        self._write_error(
            DEFAULT_ERROR_LOG_FORMAT.format(
                timestamp=datetime.now(timezone.utc),
                method=self.method,
                uri=self.relative_uri,
                message=message,
            )
        )

    def __repr__(self) -> str:
        return f'<{type(self).__name__}: {self.method} {self.url!r}>'
