"""The response model shared by the WSGI and ASGI adapters.

Rules: headers live in a plain dict keyed by lower-cased name (PERF: no case-insensitive
mapping on the hot path); values set by the app are validated when set (CR, LF, NUL and
characters outside ISO-8859-1 raise ``ValueError``), never when serialized. Cookies are
formatted when set. Nothing here knows how the head and body reach the client. A ``text``
body is encoded as UTF-8 with each lone surrogate written as ``\\uXXXX`` (``falcon.core._text``).
"""

from __future__ import annotations

import http
import warnings
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timezone
from typing import Any, overload

from falcon.core._awaitables import PLAIN_VALUES, check_body_value
from falcon.core._constructors import install_fast_constructor
from falcon.core._context import HasContext
from falcon.core._cookies import format_set_cookie
from falcon.core._dates import dt_to_http
from falcon.core._errors import HeaderNotSupported
from falcon.core._misc import AttributeRemovedError, DeprecatedWarning, secure_filename
from falcon.core._options import ResponseOptions
from falcon.core._status import http_status_to_code
from falcon.core._text import encode_utf8
from falcon.core._uri import encode, encode_value

__all__ = ['Response', 'check_header_value']

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_SAME_SITE = {'lax': 'Lax', 'strict': 'Strict', 'none': 'None'}


def check_header_value(text: str, what: str = 'header value') -> str:
    """Return ``text`` if it can be sent in a header; raise ``ValueError`` otherwise."""
    # PERF: three substring scans beat a regex for the short values headers carry.
    if '\n' in text or '\r' in text or '\x00' in text:
        raise ValueError(f'A {what} may not contain CR, LF or NUL characters: {text!r}')
    if not text.isascii():
        try:
            text.encode('latin-1')
        except UnicodeEncodeError:
            raise ValueError(
                f'A {what} must be ISO-8859-1 (latin-1) encodable: {text!r}'
            ) from None
    return text


_FORBIDDEN_NAME_CHARS = frozenset(' \t\r\n\x00:')
_CHECKED_NAMES: dict[str, str] = {}
# Content types set before that passed the plain-value check (bounded).
_PLAIN_CONTENT_TYPES: set[str] = set()


def _check_name(name: str) -> str:
    # PERF: apps set the same few header names over and over; each distinct valid name is
    # checked and lower-cased once (about 0.4 us saved per call), up to a bounded count.
    if not isinstance(name, str):
        raise TypeError(f'Header names must be str, not {type(name).__name__}')
    lower = _CHECKED_NAMES.get(name)
    if lower is not None:
        return lower
    if not name or not name.isascii() or not _FORBIDDEN_NAME_CHARS.isdisjoint(name):
        raise ValueError(f'Invalid header name: {name!r}')
    lower = name.lower()
    if len(_CHECKED_NAMES) < 1024:
        _CHECKED_NAMES[name] = lower
    return lower


def _to_str(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _content_disposition(filename: str, disposition: str) -> str:
    # RFC 6266, appendix D, as Falcon does it: a quoted ``filename`` when ASCII can say it;
    # otherwise a ``secure_filename()`` fallback first, then ``filename*`` in UTF-8.
    if filename.isascii():
        escaped = filename.replace('"', '\\"')
        return f'{disposition}; filename="{escaped}"'
    fallback = secure_filename(filename)
    return f"{disposition}; filename={fallback}; filename*=UTF-8''{encode_value(filename)}"


class Response(HasContext):
    """The response the app builds: status, headers, cookies and one kind of body.

    The body is, by priority, ``text`` (``str``), ``data`` (``bytes``), ``media`` (serialized
    by the handler for ``content_type``) or ``stream`` (a file-like object or an iterable of
    ``bytes``; in ASGI also an async iterable).
    """

    __slots__ = (
        '_callbacks',
        '_cookies',
        '_data',
        '_headers',
        '_media',
        '_media_rendered',
        'complete',
        'options',
        'sse',
        'status',
        'stream',
        'text',
    )

    status: str | int | http.HTTPStatus
    text: str | None
    stream: Any
    sse: Any
    complete: bool
    options: ResponseOptions

    def __init__(self, options: ResponseOptions | None = None) -> None:
        self.status = '200 OK'
        self._headers: dict[str, str] = {}
        self._cookies: dict[str, str] | None = None
        self.options = options if options is not None else ResponseOptions()
        self.text = None
        self._data: bytes | None = None
        self._media: Any = None
        self._media_rendered: bytes | None = None
        self.stream = None
        self.sse = None
        self.complete = False
        self._context = None
        # Callbacks to run once the response is sent (``falcon.asgi.Response.schedule``);
        # set here so reading an empty one never takes the missing-slot path.
        self._callbacks: list[tuple[Callable[[], Any], bool]] | None = None

    # -- status and body ---------------------------------------------------------------------

    @property
    def status_code(self) -> int:
        """The status as an ``int``."""
        return http_status_to_code(self.status)

    @status_code.setter
    def status_code(self, value: int) -> None:
        self.status = value

    @property
    def data(self) -> bytes | None:
        """The body as ``bytes``."""
        return self._data

    @data.setter
    def data(self, value: bytes | None) -> None:
        self._data = value

    @property
    def media(self) -> Any:
        """An object serialized on the way out by the media handler for ``content_type``."""
        return self._media

    @media.setter
    def media(self, value: Any) -> None:
        self._media = value
        self._media_rendered = None

    @property
    def body(self) -> Any:
        """Removed in Falcon 4: reading or setting it raises ``AttributeRemovedError``.

        Use :attr:`text` for a ``str`` body, or :attr:`data` for ``bytes``.
        """
        raise AttributeRemovedError('resp.body was removed in Falcon 4; use resp.text')

    @body.setter
    def body(self, value: Any) -> None:
        raise AttributeRemovedError('resp.body was removed in Falcon 4; use resp.text')

    def render_body(self) -> bytes | None:
        """Render the body that ``text``, ``data`` or ``media`` hold.

        Returns:
            The body as ``bytes``: ``text`` encoded as UTF-8, else ``data``, else ``media``
            serialized by the handler of ``content_type``; ``None`` when none is set.
        """
        return self._render()

    def _render(self) -> bytes | None:
        text = self.text
        if text is not None:
            if isinstance(text, str):
                return encode_utf8(text)
            check_body_value('text', text)
            return text
        data = self._data
        if data is not None:
            if type(data) is not bytes:
                check_body_value('data', data)
            return data
        if self._media_rendered is None and self._media is not None:
            self._render_media_sync()
        return self._media_rendered

    def _render_media_first(self) -> tuple[Any, str] | None:
        """Serialize ``media`` unless ``text`` or ``data`` supersedes it or it was serialized
        already (see ``_render``), when its handler has a plain serializer (the usual case).
        Return ``(handler, content_type)`` when the handler's own ``serialize()`` or
        ``serialize_async()`` is left to run (``_finish_media_sync``/``_async``), else None.

        PERF: the lifecycle renders the usual body with this one call: no coroutine under
        ASGI, and the handler found through the registry's cache without the calls into
        ``_render`` and ``_resolve``.
        """
        if self.text is not None or self._data is not None or self._media_rendered is not None:
            return None
        media = self._media
        if media is None:
            return None
        if not isinstance(media, PLAIN_VALUES):
            check_body_value('media', media)
        options = self.options
        default_type = options.default_media_type
        content_type = self._headers.get('content-type') or default_type
        resolved = options.media_handlers._resolve_cache.get(content_type)
        if resolved is None or resolved[0] is None:
            resolved = options.media_handlers._resolve(content_type, default_type)
        serialize_sync = resolved[1]
        if serialize_sync is None:
            return resolved[0], content_type
        self._media_rendered = serialize_sync(media)
        return None

    def _finish_media_sync(self, handler: Any, content_type: str) -> None:
        self._media_rendered = handler.serialize(self._media, content_type)

    async def _finish_media_async(self, handler: Any, content_type: str) -> None:
        self._media_rendered = await handler.serialize_async(self._media, content_type)

    def _render_media_sync(self) -> None:
        """Serialize ``media`` with the handler's ``serialize()`` when it is to be sent."""
        pending = self._render_media_first()
        if pending is not None:
            self._finish_media_sync(*pending)

    async def _render_media_async(self) -> None:
        """Serialize ``media`` with the handler's ``serialize_async()`` when it is to be
        sent, so that an ASGI app uses the async side of its handlers."""
        pending = self._render_media_first()
        if pending is not None:
            await self._finish_media_async(*pending)

    def set_stream(self, stream: Any, content_length: int) -> None:
        """Send ``stream`` as the body, with its length in ``Content-Length``.

        Args:
            stream: A file-like object or an iterable of ``bytes`` (in ASGI also an async
                iterable or async file-like).
            content_length: How many bytes the stream holds.
        """
        self.stream = stream
        self._headers['content-length'] = str(int(content_length))

    # -- headers -----------------------------------------------------------------------------

    @property
    def headers(self) -> dict[str, str]:
        """A copy of the headers set so far (lower-cased names), without cookies."""
        return self._headers.copy()

    @overload
    def get_header(self, name: str, default: str) -> str: ...

    @overload
    def get_header(self, name: str, default: str | None = ...) -> str | None: ...

    def get_header(self, name: str, default: str | None = None) -> str | None:
        """Return the value of a header set on the response.

        Args:
            name: The header name, in any case.
            default: What to return when the header is not set.

        Returns:
            The value, or ``default``.

        Raises:
            HeaderNotSupported: ``name`` is ``Set-Cookie``, which holds one line per cookie.
        """
        lower = name.lower()
        if lower == 'set-cookie':
            raise HeaderNotSupported('Getting Set-Cookie is not supported.')
        return self._headers.get(lower, default)

    def set_header(self, name: str, value: str) -> None:
        """Set a header, replacing any value it had.

        Args:
            name: The header name, in any case.
            value: Its value (a non-``str`` value is converted with ``str()``).

        Raises:
            ValueError: The name or value holds CR, LF, NUL or non latin-1 characters.
            HeaderNotSupported: ``name`` is ``Set-Cookie`` (use :meth:`set_cookie`).
        """
        # PERF: a name already checked and a plain ASCII str value without CR, LF or NUL
        # skip both helper calls (about 0.1 us).
        lower = _CHECKED_NAMES.get(name) if type(name) is str else None
        if lower is None:
            lower = _check_name(name)
        if lower == 'set-cookie':
            raise HeaderNotSupported('Setting Set-Cookie is not supported; use set_cookie().')
        # PERF: an ASCII value of printable characters only holds no CR, LF or NUL: two
        # scans in C instead of four (a value with a tab or DEL goes on to the full check,
        # which accepts it).
        if type(value) is str and value.isascii() and value.isprintable():
            self._headers[lower] = value
        else:
            self._headers[lower] = check_header_value(value if type(value) is str else str(value))

    def append_header(self, name: str, value: str) -> None:
        """Add a value to a header, comma-separated after any value it had.

        ``Set-Cookie`` is the exception: each value appended is sent as a header line of its
        own, next to the cookies set with :meth:`set_cookie`.

        Args:
            name: The header name, in any case.
            value: The value to add.

        Raises:
            ValueError: The name or value holds CR, LF, NUL or non latin-1 characters.
        """
        lower = _check_name(name)
        value = check_header_value(_to_str(value))
        if lower == 'set-cookie':
            cookies = self._cookies
            if cookies is None:
                cookies = self._cookies = {}
            # The key is no cookie name (not a token), so set_cookie() never replaces it;
            # the length only grows, so each appended value gets a key of its own.
            cookies[f'\n{len(cookies)}'] = value
            return
        self._append_checked(lower, value)

    def _append_checked(self, lower: str, value: str) -> None:
        """Add ``value`` to the header ``lower``: a lower-case name and a value already
        checked, other than ``set-cookie``."""
        headers = self._headers
        existing = headers.get(lower)
        headers[lower] = value if existing is None else existing + ', ' + value

    def delete_header(self, name: str) -> None:
        """Remove a header if it is set.

        Args:
            name: The header name, in any case.

        Raises:
            HeaderNotSupported: ``name`` is ``Set-Cookie`` (use :meth:`unset_cookie`).
        """
        lower = name.lower()
        if lower == 'set-cookie':
            raise HeaderNotSupported('Deleting Set-Cookie is not supported; use unset_cookie().')
        self._headers.pop(lower, None)

    def set_headers(self, headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> None:
        """Set several headers, each as :meth:`set_header` does.

        Args:
            headers: A mapping of names to values, or an iterable of ``(name, value)`` pairs.

        Raises:
            ValueError: ``headers`` is neither a mapping nor an iterable of pairs.
        """
        try:
            items = iter(headers.items() if isinstance(headers, Mapping) else headers)
        except TypeError:
            raise ValueError('headers must be a dict or an iterable of (name, value)') from None
        for pair in items:
            try:
                name, value = pair
            except (TypeError, ValueError):
                raise ValueError(
                    'headers must be a dict or an iterable of (name, value)'
                ) from None
            self.set_header(name, value)

    def append_link(
        self,
        target: str,
        rel: str,
        title: str | None = None,
        title_star: tuple[str, str] | None = None,
        anchor: str | None = None,
        hreflang: str | Iterable[str] | None = None,
        type_hint: str | None = None,
        crossorigin: str | None = None,
        link_extension: Iterable[tuple[str, str]] | None = None,
    ) -> None:
        """Append a ``Link`` header value (RFC 8288).

        ``rel`` is sent as is, unless it holds an extension relation type (a URL), which is
        percent-encoded and quoted.

        Args:
            target: The URI of the linked resource (percent-encoded as needed).
            rel: The relation type (``'next'``, ``'preconnect'``...).
            title: A ``title`` parameter.
            title_star: A ``(language, text)`` pair sent UTF-8 encoded as ``title*``.
            anchor: An ``anchor`` parameter: the context of the link.
            hreflang: One language tag or several.
            type_hint: A ``type`` parameter: the media type of the target.
            crossorigin: ``'anonymous'`` or ``'use-credentials'``.
            link_extension: More ``(name, value)`` parameters, sent as given.

        Raises:
            ValueError: ``crossorigin`` is neither of its two values.
        """
        if '//' in rel:
            if ' ' in rel:
                rel = '"' + ' '.join(encode(part) for part in rel.split()) + '"'
            else:
                rel = '"' + encode(rel) + '"'
        value = f'<{encode(target)}>; rel={rel}'
        if title is not None:
            value += f'; title="{title}"'
        if title_star is not None:
            value += f"; title*=UTF-8'{title_star[0]}'{encode_value(title_star[1])}"
        if type_hint is not None:
            value += f'; type="{type_hint}"'
        if hreflang is not None:
            if isinstance(hreflang, str):
                value += f'; hreflang={hreflang}'
            else:
                value += '; ' + '; '.join(f'hreflang={lang}' for lang in hreflang)
        if anchor is not None:
            value += f'; anchor="{encode(anchor)}"'
        if crossorigin is not None:
            crossorigin = crossorigin.lower()
            if crossorigin == 'anonymous':
                value += '; crossorigin'
            elif crossorigin == 'use-credentials':
                value += '; crossorigin="use-credentials"'
            else:
                raise ValueError("crossorigin must be 'anonymous' or 'use-credentials'")
        if link_extension is not None:
            value += '; ' + '; '.join(f'{name}={val}' for name, val in link_extension)
        self.append_header('Link', value)

    @property
    def add_link(self) -> Any:
        """Removed in Falcon 4: reading it raises ``AttributeRemovedError``.

        Use :meth:`append_link`.
        """
        raise AttributeRemovedError(
            'resp.add_link() was removed in Falcon 4; use resp.append_link() instead'
        )

    def _header_property_get(self, name: str) -> str | None:
        return self._headers.get(name)

    def _set_or_delete(self, name: str, value: str | None) -> None:
        if value is None:
            self._headers.pop(name, None)
        else:
            self._headers[name] = check_header_value(value)

    @property
    def content_type(self) -> str | None:
        """The ``Content-Type`` header, or ``None`` when unset; setting ``None`` removes it."""
        return self._headers.get('content-type')

    @content_type.setter
    def content_type(self, value: str | None) -> None:
        # PERF: set by most responders, usually to one of a few constants: one set lookup
        # for a value that passed before (about 0.5k instructions fewer than the checks), and
        # a plain ASCII value is stored without the two calls of the general path.
        try:
            known = value in _PLAIN_CONTENT_TYPES
        except TypeError:
            known = False
        if known:
            self._headers['content-type'] = value  # type: ignore[assignment]
        elif (
            type(value) is str
            and value.isascii()
            and '\n' not in value
            and '\r' not in value
            and '\x00' not in value
        ):
            if len(_PLAIN_CONTENT_TYPES) < 256:
                _PLAIN_CONTENT_TYPES.add(value)
            self._headers['content-type'] = value
        else:
            self._set_or_delete('content-type', value)

    @property
    def content_length(self) -> str | None:
        """The ``Content-Length`` header as set, or ``None``.

        Set an ``int`` (or its text); ``None`` removes the header. Usually left unset: a body
        given as ``text``, ``data`` or ``media`` gets its length when the response is sent.
        """
        return self._headers.get('content-length')

    @content_length.setter
    def content_length(self, value: int | str | None) -> None:
        self._set_or_delete('content-length', None if value is None else str(int(value)))

    @property
    def cache_control(self) -> str | None:
        """The ``Cache-Control`` header, or ``None``.

        Set a string, or a list of directives (``['no-store', 'max-age=0']``), joined with
        commas.
        """
        return self._headers.get('cache-control')

    @cache_control.setter
    def cache_control(self, value: str | Iterable[str] | None) -> None:
        if value is not None and not isinstance(value, str):
            value = ', '.join(value)
        self._set_or_delete('cache-control', value)

    @property
    def vary(self) -> str | None:
        """The ``Vary`` header, or ``None``; set a string or a list of header names."""
        return self._headers.get('vary')

    @vary.setter
    def vary(self, value: str | Iterable[str] | None) -> None:
        if value is not None and not isinstance(value, str):
            value = ', '.join(value)
        self._set_or_delete('vary', value)

    @property
    def accept_ranges(self) -> str | None:
        """The ``Accept-Ranges`` header (for example ``'bytes'``), or ``None``."""
        return self._headers.get('accept-ranges')

    @accept_ranges.setter
    def accept_ranges(self, value: str | None) -> None:
        self._set_or_delete('accept-ranges', value)

    @property
    def content_location(self) -> str | None:
        """The ``Content-Location`` header, or ``None``; a URI set here is percent-encoded."""
        return self._headers.get('content-location')

    @content_location.setter
    def content_location(self, value: str | None) -> None:
        self._set_or_delete('content-location', None if value is None else encode(value))

    @property
    def location(self) -> str | None:
        """The ``Location`` header, or ``None``; a URI set here is percent-encoded."""
        return self._headers.get('location')

    @location.setter
    def location(self, value: str | None) -> None:
        self._set_or_delete('location', None if value is None else encode(value))

    @property
    def content_range(self) -> str | None:
        """The ``Content-Range`` header, or ``None``.

        Set a string, or a tuple ``(start, end, length)`` or ``(start, end, length, unit)``:
        ``(0, 99, 1000)`` becomes ``'bytes 0-99/1000'``.
        """
        return self._headers.get('content-range')

    @content_range.setter
    def content_range(self, value: tuple[Any, ...] | str | None) -> None:
        if value is not None and not isinstance(value, str):
            if len(value) == 4:
                start, end, length, unit = value
            else:
                start, end, length = value
                unit = 'bytes'
            value = f'{unit} {start}-{end}/{length}'
        self._set_or_delete('content-range', value)

    @property
    def etag(self) -> str | None:
        """The ``ETag`` header, or ``None``.

        A value set without quotes is quoted (``abc`` becomes ``"abc"``); a weak tag
        (``W/"abc"``) or a :class:`falcon.ETag` keeps its form.
        """
        return self._headers.get('etag')

    @etag.setter
    def etag(self, value: str | None) -> None:
        if value is not None:
            dumps = getattr(value, 'dumps', None)
            if dumps is not None:
                value = dumps()
            elif not (value.startswith('"') or value.startswith('W/"')):
                value = f'"{value}"'
        self._set_or_delete('etag', value)

    @property
    def expires(self) -> str | None:
        """The ``Expires`` header, or ``None``; set a ``datetime`` (UTC), sent as an HTTP date."""
        return self._headers.get('expires')

    @expires.setter
    def expires(self, value: datetime | None) -> None:
        self._set_or_delete('expires', None if value is None else dt_to_http(value))

    @property
    def last_modified(self) -> str | None:
        """The ``Last-Modified`` header, or ``None``; set a ``datetime`` (UTC)."""
        return self._headers.get('last-modified')

    @last_modified.setter
    def last_modified(self, value: datetime | None) -> None:
        self._set_or_delete('last-modified', None if value is None else dt_to_http(value))

    @property
    def retry_after(self) -> str | None:
        """The ``Retry-After`` header, or ``None``; set a number of seconds or an HTTP date."""
        return self._headers.get('retry-after')

    @retry_after.setter
    def retry_after(self, value: int | str | None) -> None:
        self._set_or_delete('retry-after', None if value is None else str(value))

    @property
    def downloadable_as(self) -> str | None:
        """The ``Content-Disposition`` header; set a file name to offer the body as a download.

        The name is sent as ``attachment; filename="..."``; a name outside ASCII is sent
        UTF-8 encoded in ``filename*``, after a safe ASCII version in ``filename``.
        """
        return self._headers.get('content-disposition')

    @downloadable_as.setter
    def downloadable_as(self, filename: str | None) -> None:
        self._set_or_delete(
            'content-disposition',
            None if filename is None else _content_disposition(filename, 'attachment'),
        )

    @property
    def viewable_as(self) -> str | None:
        """The ``Content-Disposition`` header; set a file name to show the body inline.

        As :attr:`downloadable_as`, with ``inline`` instead of ``attachment``.
        """
        return self._headers.get('content-disposition')

    @viewable_as.setter
    def viewable_as(self, filename: str | None) -> None:
        self._set_or_delete(
            'content-disposition',
            None if filename is None else _content_disposition(filename, 'inline'),
        )

    # -- cookies -----------------------------------------------------------------------------

    def set_cookie(
        self,
        name: str,
        value: str,
        expires: datetime | None = None,
        max_age: int | None = None,
        domain: str | None = None,
        path: str | None = None,
        secure: bool | None = None,
        http_only: bool = True,
        same_site: str | None = None,
        partitioned: bool = False,
    ) -> None:
        """Set a cookie (RFC 6265), replacing one set before under the same name.

        Args:
            name: The cookie name (a token).
            value: Its value.
            expires: When the client drops it (a ``datetime``, UTC).
            max_age: Seconds until the client drops it; wins over ``expires``.
            domain: The ``Domain`` attribute.
            path: The ``Path`` attribute.
            secure: Send it over HTTPS only; ``None`` follows
                ``options.secure_cookies_by_default``.
            http_only: Hide it from scripts in the page (``HttpOnly``).
            same_site: ``'Lax'``, ``'Strict'`` or ``'None'``.
            partitioned: Add the ``Partitioned`` attribute (CHIPS).

        Raises:
            ValueError: A name, value or attribute that cannot be sent (CR, LF, NUL,
                an invalid name, an unknown ``same_site``).
        """
        if secure is None:
            secure = self.options.secure_cookies_by_default
        header = format_set_cookie(
            name,
            value,
            expires=expires,
            max_age=max_age,
            domain=domain,
            path=path,
            secure=secure,
            http_only=http_only,
            same_site=same_site,
            partitioned=partitioned,
        )
        if self._cookies is None:
            self._cookies = {}
        self._cookies[name] = header

    def unset_cookie(
        self,
        name: str,
        domain: str | None = None,
        path: str | None = None,
        same_site: str = 'Lax',
        samesite: str | None = None,
    ) -> None:
        """Tell the client to drop a cookie: empty value, expired in the past.

        ``samesite`` is the deprecated spelling of ``same_site`` (a ``DeprecatedWarning``).

        Args:
            name: The cookie name.
            domain: The ``Domain`` the cookie was set with.
            path: The ``Path`` the cookie was set with.
            same_site: The ``SameSite`` attribute of the expired cookie.
            samesite: Deprecated: ``same_site``.
        """
        if samesite is not None:
            warnings.warn(
                'The samesite argument of unset_cookie() is deprecated; use same_site instead.',
                DeprecatedWarning,
                stacklevel=2,
            )
        header = format_set_cookie(
            name,
            '',
            expires=_EPOCH,
            max_age=0,
            domain=domain,
            path=path,
            secure=False,
            http_only=False,
            same_site=samesite or same_site,
        )
        if self._cookies is None:
            self._cookies = {}
        self._cookies[name] = header

    def _set_cookie_values(self) -> list[str]:
        cookies = self._cookies
        return [] if cookies is None else list(cookies.values())

    def __repr__(self) -> str:
        return f'<{type(self).__name__}: {self.status}>'


# PERF: the app builds one response per request by calling this class with its options;
# with the C constructor of falcon.core._fast_init that call stores the starting values
# without entering __init__ (about 1.5k instructions; see falcon.core._constructors).
FAST_CONSTRUCTOR = install_fast_constructor(Response)
"""Whether ``Response(options)`` takes the C constructor."""
