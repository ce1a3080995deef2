"""``falcon.Request``: the core request over a WSGI environ.

Rules: headers are read straight from the environ on demand (PERF: no header dict is built
unless ``req.headers`` is asked for); the header name to environ key translation is cached.
The body is never silently lost: without ``Content-Length`` it is read to the end the server
marks, or refused with a 411 when the server marks none (see ``bounded_stream``).
"""

from __future__ import annotations

import inspect
import io
import sys
from collections.abc import Callable, Iterable
from typing import Any

from falcon.core._awaitables import Pending
from falcon.core._options import RequestOptions
from falcon.core._request import UNSET, _media_too_large, resolve_media_handler
from falcon.core._request import Request as CoreRequest
from falcon.core._request_templates import install_fast_request
from falcon.core._uri import parse_query_string
from falcon.wsgi._stream import BoundedStream, UnframedStream, UntilEndStream

__all__ = ['Request']

_ENVIRON_KEYS: dict[str, str] = {
    'content-type': 'CONTENT_TYPE',
    'content-length': 'CONTENT_LENGTH',
}
_UNPREFIXED = (('CONTENT_TYPE', 'CONTENT-TYPE'), ('CONTENT_LENGTH', 'CONTENT-LENGTH'))

_ASYNC_CODE = inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR
_CONTENT_TYPE = CoreRequest.content_type

WSGI_CONTENT_HEADERS = frozenset(key for key, _ in _UNPREFIXED)
"""The environ keys of the two headers PEP 3333 passes without the ``HTTP_`` prefix."""


class Request(CoreRequest):
    """The request of a WSGI app (``falcon.App``).

    Args:
        env: The WSGI environ.
        options: The app's :class:`RequestOptions`.
    """

    __slots__ = ('_bounded_stream', 'env', 'stream')

    # ``isinstance(req, falcon.Request)`` holds for ``falcon.asgi.Request`` too, as in Falcon.
    _stands_for_all_requests = True

    def __init__(self, env: dict[str, Any], options: RequestOptions | None = None) -> None:
        self.env = env
        self.method = env['REQUEST_METHOD']
        path: str = env.get('PATH_INFO') or '/'
        if not path.isascii():
            path = path.encode('latin-1').decode('utf-8', 'replace')
        self.path = path
        self.query_string = env.get('QUERY_STRING') or ''
        self.stream: Any = env.get('wsgi.input')
        self._bounded_stream: BoundedStream | None = None
        self._init_common(options)
        if self.options._auto_parse_form_urlencoded:
            self._merge_urlencoded_form()

    @property
    def scheme(self) -> str:
        """The URL scheme of the request: ``'http'`` or ``'https'`` (``wsgi.url_scheme``)."""
        return self.env.get('wsgi.url_scheme', 'http')  # type: ignore[no-any-return]

    @property
    def root_path(self) -> str:
        """The path the app is mounted at (``SCRIPT_NAME``), ``''`` at the server's root."""
        root_path: str = self.env.get('SCRIPT_NAME') or ''
        if not root_path.isascii():
            # PEP 3333 tunnels SCRIPT_NAME through ISO-8859-1 too, like PATH_INFO.
            root_path = root_path.encode('latin-1').decode('utf-8', 'replace')
        return root_path

    @property
    def remote_addr(self) -> str:
        """The address of the peer the server got the request from (``REMOTE_ADDR``), or
        ``'127.0.0.1'`` when the server gives none."""
        return self.env.get('REMOTE_ADDR') or '127.0.0.1'

    def _merge_urlencoded_form(self) -> None:
        """Add the fields of a URL-encoded form body to ``params`` (the deprecated
        ``auto_parse_form_urlencoded`` option); the body is consumed."""
        content_type = self._raw_header('content-type')
        if content_type is None or 'application/x-www-form-urlencoded' not in content_type:
            return
        stream = self.bounded_stream
        if isinstance(stream, UnframedStream):
            # Unreadable here; reading it from the responder answers the 411.
            return
        body = stream.read()
        try:
            text = body.decode('ascii')
        except UnicodeDecodeError:
            self.log_error(
                'Non-ASCII characters found in a form body with Content-Type '
                'application/x-www-form-urlencoded; the body is ignored.\n'
            )
            return
        if not text:
            return
        options = self.options
        form = parse_query_string(
            text, keep_blank=options.keep_blank_qs_values, csv=options.auto_parse_qs_csv
        )
        params = self.params
        for name, value in form.items():
            if name not in params:
                params[name] = value
                continue
            existing = params[name]
            merged = existing if isinstance(existing, list) else [existing]
            merged.extend(value if isinstance(value, list) else [value])
            params[name] = merged

    def _raw_header(self, lower_name: str) -> str | None:
        key = _ENVIRON_KEYS.get(lower_name)
        if key is None:
            key = 'HTTP_' + lower_name.upper().replace('-', '_')
            if len(_ENVIRON_KEYS) < 1024:
                _ENVIRON_KEYS[lower_name] = key
        return self.env.get(key)

    def _framing_header(self) -> str | None:
        # PERF: the environ key is known; no name-to-key lookup (about 0.3k instructions).
        return self.env.get('CONTENT_LENGTH')

    def _raw_header_items(self) -> Iterable[tuple[str, str]]:
        env = self.env
        for key, value in env.items():
            if key.startswith('HTTP_'):
                yield key[5:].replace('_', '-'), value
        for key, name in _UNPREFIXED:
            value = env.get(key)
            if value is not None:
                yield name, value

    def _server_host(self) -> str:
        return self.env.get('SERVER_NAME') or 'localhost'

    def _server_port(self) -> int:
        try:
            return int(self.env.get('SERVER_PORT') or 80)
        except ValueError:
            return 80

    def _write_error(self, message: str) -> None:
        errors = self.env.get('wsgi.errors') or sys.stderr
        errors.write(message)

    @property
    def bounded_stream(self) -> BoundedStream:
        """The body, bounded by ``Content-Length`` so reads never block past its end.

        Without ``Content-Length``, the body is read to its end when the server marks that
        end (``wsgi.input_terminated``, or an in-memory ``io.BytesIO`` input with
        ``Transfer-Encoding``); with ``Transfer-Encoding`` and no such mark, reading it is a
        411; with neither header the body is empty (RFC 9112, section 6.3).
        """
        stream = self._bounded_stream
        if stream is None:
            stream = self._open_body()
            self._bounded_stream = stream
        return stream

    def _open_body(self) -> BoundedStream:
        length = self.content_length
        if length is not None:
            return BoundedStream(self.stream, length)
        env = self.env
        if env.get('wsgi.input_terminated'):
            return UntilEndStream(self.stream)
        if env.get('HTTP_TRANSFER_ENCODING') is None:
            return BoundedStream(self.stream, 0)
        if isinstance(self.stream, io.BytesIO):
            return UntilEndStream(self.stream)
        return UnframedStream(self.stream)

    def get_media(self, default_when_empty: Any = UNSET) -> Any:
        """The body deserialized by the media handler for its ``Content-Type``.

        Parsed once; later calls return the same object (or raise the same error). Called
        directly from an ``async def`` function, it returns an awaitable, as in
        ``falcon.asgi.App``: ``await req.get_media()``; used as a value without ``await``,
        that awaitable raises ``ForgottenAwaitError`` in both kinds of app.

        Args:
            default_when_empty: Returned instead of raising when the body is empty.

        Returns:
            The parsed body (for JSON, a dict, list or scalar), or ``default_when_empty``.

        Raises:
            MediaNotFoundError: The body is empty and no default was given (400).
            MediaMalformedError: The body could not be parsed (400).
            HTTPContentTooLarge: The body is over ``options.max_media_size`` (413).
            HTTPUnsupportedMediaType: No handler for the content type (415).
        """
        if sys._getframe(1).f_code.co_flags & _ASYNC_CODE:
            return Pending('req.get_media()', self._parsed_media, default_when_empty)
        # PERF: plain code is answered here, without a call into _parsed_media.
        if self._media_error is not None:
            return self._media_known(default_when_empty)
        media = self._media
        if media is not UNSET:
            return media
        # PERF: the handler is resolved without the method _media_handler and the tuple
        # it builds.
        options = self.options
        default_type = options.default_media_type
        if type(self).content_type is _CONTENT_TYPE:
            # PERF: the header is read from the environ, without the calls into the
            # property and _raw_header (a subclass that redefines the property is asked).
            media_type = self.env.get('CONTENT_TYPE') or default_type
        else:
            media_type = self.content_type or default_type
        resolved = resolve_media_handler(options, media_type)
        deserialize_sync = resolved[2]
        # PERF: the stream already opened is read from its slot, without the property.
        stream = self._bounded_stream
        if stream is None:
            length = self._content_length
            if length is UNSET:
                length = self.content_length
            if length is not None:
                # PERF: a body of known length (Content-Length), the usual case, is opened
                # here as _open_body opens it, without the property and the calls into it.
                stream = self._bounded_stream = BoundedStream(self.stream, length)
            else:
                stream = self.bounded_stream
        try:
            if deserialize_sync is not None and type(stream) is BoundedStream:
                # PERF: a body of known length (Content-Length) no longer than the limit is
                # read in one call of wsgi.input, without the calls that size, clamp and
                # check a read of a body of unknown length (about 0.5 us).
                limit = options.max_media_size
                if limit is not None and stream.stream_len > limit:
                    raise _media_too_large(limit)
                value = deserialize_sync(stream._read_rest())
            elif deserialize_sync is not None:
                data = stream.read(self._media_read_size())
                value = deserialize_sync(self._media_within_limit(data))
            else:
                handler = resolved[0]
                value = handler.deserialize(stream, self.content_type, self.content_length)
                if getattr(handler, 'exhaust_stream', False):
                    stream.exhaust()
        except Exception as error:
            return self._media_fail(error, default_when_empty)
        return self._media_store(value)

    def _parsed_media(self, default_when_empty: Any = UNSET) -> Any:
        """What ``get_media()`` returns to plain code, whoever calls: the ``media`` property,
        and the awaitable ``get_media()`` returns to coroutine code."""
        # Called from this frame, get_media() never sees a coroutine caller.
        return Request.get_media(self, default_when_empty)

    media = property(
        _parsed_media,
        doc="""The body deserialized by the media handler for its ``Content-Type``: the value
        ``get_media()`` returns to plain code (parsed once; an empty body raises
        ``MediaNotFoundError``).""",
    )


def _template(method: str, path: str, query: str) -> Request:
    env = {'REQUEST_METHOD': method, 'PATH_INFO': path, 'QUERY_STRING': query}
    env['wsgi.input'] = io.BytesIO()  # type: ignore[assignment]
    return Request(env, RequestOptions())


FAST_REQUEST_TYPE: type[Request] | None
fast_request: Callable[..., Request | None] | None = install_fast_request(
    'wsgi',
    Request,
    _template('GET', '/a', 'x=1'),
    _template('POST', '/b/c', ''),
)
"""PERF: ``falcon.core._fast_request.wsgi_request`` where that extension was built: the
usual request built in C without entering ``__init__``, ``_init_common`` and their frames;
else None."""
FAST_REQUEST_TYPE = Request if fast_request is not None else None
"""``Request`` where :data:`fast_request` builds it, else None."""
