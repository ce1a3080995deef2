"""``falcon.asgi.Request``: the core request over an ASGI scope.

Rules: the header map is built from ``scope['headers']`` on first use only (PERF: a request
that asks for no header builds none, and the first lookup scans the raw pairs instead). A
``scope['headers']`` given as a one-shot iterable is replaced by a list of its pairs when
first read, so it can be read again. The body is read through ``BoundedStream``, except
a declared body that came whole in the first event: ``get_media()`` parses it from the
event, and a stream opened afterwards starts exhausted, as if it had been read.

``req.media`` works three ways: ``await req.get_media()`` (and ``await req.media``, as in
Falcon); plain ``req.media`` from ``async def`` code when the body has already arrived in the
first ``http.request`` event; and plain ``req.media`` from synchronous code running on the
thread pool, which waits for the event loop to read the body.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from typing import Any, NoReturn

from falcon.asgi._running_loop import running_loop
from falcon.asgi._stream import BoundedStream
from falcon.bridge._sync import value_or_awaitable
from falcon.core._awaitables import AwaitableDict as _AwaitableDict
from falcon.core._awaitables import AwaitableList as _AwaitableList
from falcon.core._awaitables import LabelledAwaitable, Pending
from falcon.core._headers import MAX_DIGITS
from falcon.core._options import RequestOptions
from falcon.core._request import (
    UNSET,
    _media_too_large,
    resolve_media_handler,
)
from falcon.core._request import Request as CoreRequest
from falcon.core._request_templates import install_fast_request

_plain_header_map: (
    Callable[[list[Any] | tuple[Any, ...], dict[bytes, str]], dict[str, str] | None] | None
)
_Ready: Any
try:
    from falcon.core._fast_await import Ready as _Ready
except ImportError:  # built without the optional C extension
    _Ready = None

_no_content_length: Callable[[list[Any]], bool | None] | None
try:
    from falcon.core._fast_parse import header_map as _plain_header_map
    from falcon.core._fast_parse import no_content_length as _no_content_length
except ImportError:  # built without the optional C extension
    _plain_header_map = None
    _no_content_length = None

__all__ = ['Request']

_logger = logging.getLogger('falcon.asgi.app')
_DEFAULT_PORTS = {'http': 80, 'https': 443, 'ws': 80, 'wss': 443}
_HEADER_NAMES: dict[bytes, str] = {}
# Raw header names seen before whose ``bytes.lower()`` is themselves, less every name a scan
# of the raw pairs has looked for (``_WANTED_RAW``): a name in it is none of those a scan
# looks for. Replaced, never changed in place, and only under ``_NAMES_LOCK``.
_LOWERCASE_NAMES: frozenset[bytes] = frozenset()
# The names a scan has looked for, encoded; published only once out of _LOWERCASE_NAMES.
_WANTED_NAMES: dict[str, bytes] = {}
_WANTED_RAW: set[bytes] = set()
_NAMES_LOCK = threading.Lock()
_NAME_CACHE_LIMIT = 1024
# Methods whose requests usually carry a body: their first header lookup builds the map.
_BODY_METHODS = frozenset(('POST', 'PUT', 'PATCH'))
# ``_header_map`` once the first lookup has scanned the raw pairs without building the map.
_SCANNED: dict[str, str] = {}
_CONTENT_TYPE = CoreRequest.content_type
# ``_first_event`` once get_media() has parsed the body straight from it: an event with the
# body taken, so that a stream opened afterwards has nothing left to read.
_BODY_TAKEN: dict[str, Any] = {'type': 'http.request', 'body': b'', 'more_body': False}


def _note_lowercase(raw_name: bytes) -> None:
    """Add ``raw_name``, a lower-case name, to the names a scan passes at once (unless a
    scan looks for it, or the set is full)."""
    global _LOWERCASE_NAMES
    if len(_LOWERCASE_NAMES) >= _NAME_CACHE_LIMIT:
        # Full: no lock is taken for each new name a client makes up. The set is a cache;
        # the room a wanted name may leave later need not be filled.
        return
    with _NAMES_LOCK:
        known = _LOWERCASE_NAMES
        if len(known) < _NAME_CACHE_LIMIT and raw_name not in _WANTED_RAW:
            _LOWERCASE_NAMES = known | {raw_name}


def _add_wanted(lower_name: str, wanted: bytes) -> bool:
    """Take ``wanted`` (``lower_name`` encoded) out of the names a scan passes at once for
    good, then publish it in ``_WANTED_NAMES``; ``False`` when too many names were looked
    for already."""
    global _LOWERCASE_NAMES
    with _NAMES_LOCK:
        if len(_WANTED_NAMES) >= _NAME_CACHE_LIMIT:
            return False
        _WANTED_RAW.add(wanted)
        if wanted in _LOWERCASE_NAMES:
            _LOWERCASE_NAMES = _LOWERCASE_NAMES - {wanted}
        # Published last: a scan that finds it there never passes it at once.
        _WANTED_NAMES[lower_name] = wanted
    return True


# Looked for by every request's framing check: never among the names passed at once.
_add_wanted('content-length', b'content-length')


# What Request._media_at_hand() returns when the body must be received first.
_NOT_AT_HAND: Any = object()


def _raise(error: Exception) -> NoReturn:
    raise error


class _MediaAtHand(LabelledAwaitable, asyncio.Future[Any], Coroutine[Any, Any, Any]):
    """What ``req.get_media()`` returns on the event loop when the result is at hand (in a
    build without the C extension ``falcon.core._fast_await``): a finished future holding
    it. Awaiting it gives the result (again on each ``await``); reading it as a value raises
    :class:`ForgottenAwaitError`, as a :class:`Pending` does; and it is a coroutine that
    ``asyncio.create_task`` takes.
    """

    __slots__ = ('_caller',)

    _label = 'req.get_media()'

    def send(self, value: Any) -> Any:
        raise StopIteration(self.result())

    def throw(self, typ: Any, val: Any = None, tb: Any = None) -> Any:
        raise typ if val is None else val

    def close(self) -> None:
        pass


_MediaReady: Any = None
if _Ready is not None:

    class _MediaReady(LabelledAwaitable, _Ready, Coroutine[Any, Any, Any]):  # type: ignore[misc, no-redef]
        """The same as :class:`_MediaAtHand`, on the C ``Ready``: awaiting it gives the
        result with no future to create and finish (no ``loop.get_debug()`` call)."""

        __slots__ = ('_caller',)

        _label = 'req.get_media()'

        def send(self, value: Any) -> Any:
            return next(self)

        def throw(self, typ: Any, val: Any = None, tb: Any = None) -> Any:
            raise typ if val is None else val

        def close(self) -> None:
            pass


class Request(CoreRequest):
    """The request of an ASGI app (``falcon.asgi.App``).

    Args:
        scope: The ASGI connection scope.
        receive: The ASGI receive callable.
        first_event: The first ``http.request`` event, when already received.
        options: The app's :class:`RequestOptions`.
    """

    __slots__ = (
        '_first_event',
        '_header_map',
        '_loop',
        '_receive',
        '_root_path',
        '_stream',
        'scope',
    )

    _headers_uppercase = False

    def __init__(
        self,
        scope: dict[str, Any],
        receive: Callable[[], Awaitable[dict[str, Any]]],
        first_event: dict[str, Any] | None = None,
        options: RequestOptions | None = None,
    ) -> None:
        self.scope = scope
        try:
            # PERF: an http scope usually has all four keys (uvicorn, hypercorn, daphne and
            # the test tools send them): four subscripts rather than four get() calls
            # (about 0.3k instructions).
            method: str | None = scope['method']
            root_path: str = scope['root_path']
            path: str = scope['path']
            query: bytes | None = scope['query_string']
        except KeyError:
            method = scope.get('method')
            root_path = scope.get('root_path')  # type: ignore[assignment]
            path = scope.get('path')  # type: ignore[assignment]
            query = scope.get('query_string')
        self.method = method or 'GET'
        root_path = root_path or ''
        path = path or '/'
        if root_path and path.startswith(root_path):
            rest = path[len(root_path) :]
            if not rest or rest[0] == '/':
                path = rest or '/'
        self.path = path
        self._root_path = root_path
        self.query_string = query.decode('latin-1') if query else ''
        self._receive = receive
        self._first_event = first_event
        self._stream: BoundedStream | None = None
        # None until the first header lookup, then _SCANNED until the map is built.
        self._header_map: dict[str, str] | None = None
        # PERF: running_loop() returns None instead of raising outside a loop, and on
        # Python 3.11 skips asyncio's getpid() system call (see falcon.asgi._running_loop).
        self._loop: asyncio.AbstractEventLoop | None = running_loop()
        self._init_common(options)

    @property
    def scheme(self) -> str:
        """The URL scheme of the request (the scope's ``scheme``): ``'http'`` or ``'https'``,
        ``'ws'`` or ``'wss'`` for a WebSocket handshake; when the server leaves it out,
        ``'ws'`` for a WebSocket scope and ``'http'`` otherwise."""
        scheme = self.scope.get('scheme')
        if scheme:
            return scheme  # type: ignore[no-any-return]
        return 'ws' if self.scope.get('type') == 'websocket' else 'http'

    @property
    def root_path(self) -> str:
        """The path the app is mounted at (the scope's ``root_path``), ``''`` at the root."""
        return self._root_path

    @property
    def remote_addr(self) -> str:
        """The address of the client the server got the request from (the scope's
        ``client``), or ``'127.0.0.1'`` when the server gives none."""
        client = self.scope.get('client')
        # A Unix domain socket peer (e.g. ``[path, None]`` or ``['', 0]``) is no address.
        if client and client[0] and isinstance(client[1], int):
            return client[0]  # type: ignore[no-any-return]
        return '127.0.0.1'

    def _headers_map(self) -> dict[str, str]:
        headers = self._header_map
        if headers is None or headers is _SCANNED:
            raw = self.scope.get('headers')
            if type(raw) is not list:
                raw = self._raw_pairs()
            if _plain_header_map is not None:
                # PERF: the C loop of falcon.core._fast_parse builds the usual map (the one
                # the loop below builds) in one call, and returns None for any other input,
                # which the Python code below then takes as before: about 4 200
                # instructions less a request for JSON over ASGI (157.7k to 153.5k), 2 400
                # for a 404 (76.0k to 73.6k).
                plain = _plain_header_map(raw, _HEADER_NAMES)
                if plain is not None:
                    self._header_map = plain
                    return plain
            headers = {}
            names = _HEADER_NAMES
            try:
                # PERF: the usual request, whose header names were all seen before and none
                # repeats, is built by one loop in this frame (about 40 % of the general
                # loop; no comprehension function to create and call).
                for name, value in raw:
                    headers[names[name]] = value.decode('latin-1')
            except (KeyError, TypeError):
                headers = self._build_headers_map(raw)
            else:
                if len(headers) != len(raw):
                    headers = self._build_headers_map(raw)
            self._header_map = headers
        return headers

    @staticmethod
    def _build_headers_map(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
        """The header map in the general case: names decoded and lower-cased (each distinct
        one once, up to a bound), repeated names joined (``cookie`` with ``; ``, others with
        ``,``)."""
        headers: dict[str, str] = {}
        names = _HEADER_NAMES
        for raw_name, raw_value in raw:
            # PERF: header names repeat across requests; each distinct one is decoded
            # and lower-cased once (a third off building the map), up to a bound.
            name = names.get(raw_name) if type(raw_name) is bytes else None
            if name is None:
                name = raw_name.decode('latin-1').lower()
                if type(raw_name) is bytes and len(names) < _NAME_CACHE_LIMIT:
                    names[raw_name] = name
            value = raw_value.decode('latin-1')
            if name in headers:
                headers[name] += ('; ' if name == 'cookie' else ',') + value
            else:
                headers[name] = value
        return headers

    def _raw_pairs(self) -> list[tuple[bytes, bytes]] | tuple[tuple[bytes, bytes], ...]:
        """``scope['headers']`` as a list or tuple; a one-shot iterable is read into a list,
        which replaces it in the scope."""
        scope = self.scope
        raw = scope.get('headers') or ()
        if type(raw) is not list and type(raw) is not tuple:
            raw = scope['headers'] = list(raw)
        return raw

    def _raw_header(self, lower_name: str) -> str | None:
        headers = self._header_map
        if headers is not None:
            if headers is _SCANNED:
                headers = self._headers_map()
            return headers.get(lower_name)
        if self.method in _BODY_METHODS:
            # PERF: a request that usually has a body looks its length up again (the
            # framing check, then ``content_length``) and other headers: a scan would be
            # followed by the map anyway (about 0.5 us with six headers).
            return self._headers_map().get(lower_name)
        # PERF: many requests look up one header (the framing check) or none; the first
        # lookup scans the raw list here instead of decoding every header into a map (about
        # 1 us saved with ten headers).
        # PERF: subscripts rather than get() calls for the usual case, a name looked for
        # before and a scope with its headers (about 0.2k instructions).
        try:
            wanted = _WANTED_NAMES[lower_name]
        except KeyError:
            try:
                wanted = lower_name.encode('latin-1')
            except UnicodeEncodeError:
                # No header name decodes to it.
                return None
            if not _add_wanted(lower_name, wanted):
                # Too many names looked for: the map answers.
                return self._headers_map().get(lower_name)
        self._header_map = _SCANNED
        try:
            raw = self.scope['headers']
        except KeyError:
            raw = None
        if type(raw) is not list:
            raw = self._raw_pairs()
        # Read after ``wanted`` was published: never holds it.
        known_lowercase = _LOWERCASE_NAMES
        found: bytes | None = None
        try:
            for raw_name, raw_value in raw:
                # PERF: a lower-case name seen before is passed after one set lookup (about
                # 0.15k instructions per header fewer than comparing it with ``wanted``
                # first): the set never holds a name a scan looks for.
                if raw_name in known_lowercase:
                    continue
                if raw_name == wanted:
                    if found is not None:
                        break
                    found = raw_value
                else:
                    lowered = raw_name.lower()
                    if lowered == wanted:
                        if found is not None:
                            break
                        found = raw_value
                    elif lowered == raw_name and raw_name not in _WANTED_RAW:
                        _note_lowercase(raw_name)
            else:
                return None if found is None else found.decode('latin-1')
        except TypeError:
            # A name that is no bytes (e.g. a bytearray): the map's general way decodes it.
            pass
        # A repeated name (its values are joined) or an unusual one: from the map.
        return self._headers_map().get(lower_name)

    def _framing_header(self) -> str | None:
        # PERF: the framing check of a request without a body method, whose header names
        # are all lower-case names seen before (so none is Content-Length, a name looked
        # for since import), is answered by one loop over the names, without the general
        # lookup's steps (about 0.4k instructions).
        if self._header_map is None:
            if self.method in _BODY_METHODS:
                # As _raw_header does for these methods: the map is built at once.
                value = self._headers_map().get('content-length')
                if (
                    value
                    and len(value) <= MAX_DIGITS
                    and value.isdigit()
                    and value.isascii()
                    and self._content_length is UNSET
                ):
                    # PERF: the usual length, a short run of ASCII digits, is parsed here
                    # for the check that follows, as ``content_length`` would parse it,
                    # without its second lookup of the header (about 25 opcodes).
                    self._content_length = int(value)
                return value
            raw = self.scope.get('headers')
            if type(raw) is list:
                if _no_content_length is not None:
                    # PERF: the C loop of falcon.core._fast_parse compares the names with
                    # Content-Length without hashing them (the server's names are new
                    # objects each request) and without a Python loop.
                    if _no_content_length(raw):
                        self._header_map = _SCANNED
                        return None
                    return self._raw_header('content-length')
                known_lowercase = _LOWERCASE_NAMES
                try:
                    for raw_name, _ in raw:
                        if raw_name not in known_lowercase:
                            break
                    else:
                        self._header_map = _SCANNED
                        return None
                except TypeError:
                    # A pair or name of an unusual type (an unhashable bytearray): the
                    # general lookup below takes it.
                    pass
        return self._raw_header('content-length')

    def _raw_header_items(self) -> Iterable[tuple[str, str]]:
        return self._headers_map().items()

    def _server_host(self) -> str:
        server = self.scope.get('server')
        return str(server[0]) if server else 'localhost'

    def _server_port(self) -> int:
        server = self.scope.get('server')
        if server and server[1] is not None:
            return int(server[1])
        return _DEFAULT_PORTS.get(self.scheme, 80)

    def _write_error(self, message: str) -> None:
        # No error stream in ASGI: framework messages go to the app's logger.
        _logger.error(message.rstrip('\n'))

    def log_error(self, message: str) -> NoReturn:
        """Not available in ASGI apps, as in Falcon: there is no error stream in the ASGI
        scope. Log through the standard ``logging`` module instead.

        Args:
            message: Unused.

        Raises:
            NotImplementedError: Always.
        """
        raise NotImplementedError(
            'req.log_error() is not supported in ASGI apps; '
            "use the logging module instead, e.g. logging.getLogger('falcon').error(...)"
        )

    @property
    def stream(self) -> BoundedStream:
        """The body as an async stream (``await req.stream.read()``, ``async for chunk in
        req.stream``), bounded by ``Content-Length``."""
        stream = self._stream
        if stream is None:
            first_event = self._first_event
            stream = BoundedStream(
                self._receive, first_event, self.content_length, loop=self._loop
            )
            if first_event is _BODY_TAKEN:
                # get_media() parsed the body straight from the first event: the stream
                # tells the bytes it read.
                stream._bytes_read = self.content_length or 0
            self._first_event = None
            self._stream = stream
        return stream

    bounded_stream = stream

    def get_media(self, default_when_empty: Any = UNSET) -> Any:
        """The body deserialized by the media handler for its ``Content-Type``: an awaitable
        on the event loop (``await req.get_media()``), the value itself when called from
        plain code running on the app's thread pool.

        The same contract as :meth:`falcon.Request.get_media`: parsed once, the same object
        (or error) afterwards; ``default_when_empty`` stands in for an empty body; a
        malformed body is a 400, a body over ``options.max_media_size`` a 413 and an unknown
        content type a 415. Used as a value without ``await`` on the event loop, the
        awaitable raises :class:`~falcon.core._awaitables.ForgottenAwaitError`.

        Args:
            default_when_empty: Returned instead of raising when the body is empty.

        Returns:
            An awaitable of the parsed body on the event loop; the parsed body itself on
            the thread pool.

        Raises:
            MediaNotFoundError: The body is empty and no default was given (400).
            MediaMalformedError: The body could not be parsed (400).
            HTTPContentTooLarge: The body is over ``options.max_media_size`` (413).
            HTTPUnsupportedMediaType: No handler for the content type (415).
        """
        loop = running_loop()
        if loop is None:
            return value_or_awaitable(self._loop, self._read_media(default_when_empty))
        try:
            media = self._media_at_hand(default_when_empty)
        except Exception as error:
            # Raised where the awaitable is awaited, as when the parse runs there.
            return Pending('req.get_media()', _raise, error)
        if media is _NOT_AT_HAND:
            return Pending('req.get_media()', self._read_media, default_when_empty)
        # PERF: a result at hand (the usual case) is handed over in an awaitable that an
        # ``await`` takes without running Python code: no generator to create and drive,
        # no frame to enter for ``__await__`` (about 3k instructions). The C one holds the
        # value alone, without a future's loop and state (about 3k instructions more).
        if _MediaReady is not None:
            at_hand = _MediaReady(media)
        else:
            at_hand = _MediaAtHand(loop=loop)
            at_hand.set_result(media)
        try:
            at_hand._caller = sys._getframe(1).f_code
        except ValueError:
            at_hand._caller = None
        return at_hand

    def _media_at_hand(self, default_when_empty: Any) -> Any:
        """The result of ``get_media()`` when it is at hand (parsed before, or a body already
        received whole with a handler that parses bytes), else ``_NOT_AT_HAND``: then
        :meth:`_read_media` receives and parses the body. Raises the error of a failed
        parse.

        PERF: a body that came in the first event, the usual case, is parsed without
        creating and driving the coroutines of ``_read_media`` and ``stream.read``.
        """
        if self._media_error is not None:
            return self._media_known(default_when_empty)
        media = self._media
        if media is not UNSET:
            return media
        # PERF: the handler is resolved without the method _media_handler and the tuple
        # it builds.
        options = self.options
        default_type = options.default_media_type
        headers = self._header_map
        if (
            headers is not None
            and headers is not _SCANNED
            and type(self).content_type is _CONTENT_TYPE
        ):
            # PERF: the header is read from the map already built, without the calls into
            # the property and _raw_header (a subclass that redefines the property is asked).
            media_type = headers.get('content-type') or default_type
        else:
            media_type = self.content_type or default_type
        # PERF: a content type seen before is one lookup in the registry's cache, without
        # the call into resolve_media_handler.
        resolved = options.media_handlers._resolve_cache.get(media_type)
        if resolved is None or resolved[0] is None:
            resolved = resolve_media_handler(options, media_type)
        deserialize_sync = resolved[2]
        first_event = self._first_event
        length = self._content_length
        if (
            first_event is not None
            and type(length) is int
            and deserialize_sync is not None
            and first_event['type'] == 'http.request'
        ):
            # PERF: a declared body that came whole in the first event (the usual case)
            # is parsed straight from it, without creating a BoundedStream and taking
            # the bytes back out of it (about 90 opcodes); ``req.stream`` opened later is
            # an exhausted stream, as if this had read it (see the property).
            body = first_event.get('body') or b''
            limit = options.max_media_size
            if len(body) >= length and (limit is None or length <= limit):
                self._first_event = _BODY_TAKEN
                try:
                    parsed = deserialize_sync(body if len(body) == length else body[:length])
                except Exception as error:
                    return self._media_fail(error, default_when_empty)
                return self._media_store(parsed)
        # PERF: the stream already opened is read from its slot, without the property.
        stream = self._stream
        if stream is None:
            length = self._content_length
            if length is UNSET:
                stream = self.stream
            else:
                # PERF: the steps of the property, with the length the framing check
                # parsed, without the calls into it and into content_length.
                stream = BoundedStream(self._receive, self._first_event, length, loop=self._loop)
                self._first_event = None
                self._stream = stream
        if deserialize_sync is None or stream._more:
            return _NOT_AT_HAND
        try:
            # PERF: the limit is checked here, without the calls into _media_read_size
            # and _media_within_limit (the stream knows the declared length).
            limit = options.max_media_size
            if limit is not None:
                # A declared length over the limit is refused whatever arrived, as in
                # the WSGI app.
                length = stream._content_length
                if length is not None and length > limit:
                    raise _media_too_large(limit)
            data = stream._buffer
            if (limit is None or len(data) <= limit) and not stream._closed:
                # PERF: all that was received is taken, as _read_buffered would, without
                # the call (the usual case: the whole body, within the limit).
                stream._buffer = b''
                stream._bytes_read += len(data)
            elif limit is None:
                data = stream._read_buffered(None)
            else:
                data = stream._read_buffered(limit + 1)
                if len(data) > limit:
                    raise _media_too_large(limit)
            parsed = deserialize_sync(data)
        except Exception as error:
            return self._media_fail(error, default_when_empty)
        # PERF: the steps of _media_store, without the call.
        kind = type(parsed)
        if kind is dict:
            parsed = _AwaitableDict(parsed)
        elif kind is list:
            parsed = _AwaitableList(parsed)
        self._media = parsed
        return parsed

    async def _read_media(self, default_when_empty: Any) -> Any:
        known = self._media_known(default_when_empty)
        if known is not UNSET:
            return known
        handler, deserialize_sync = self._media_handler()
        stream = self.stream
        try:
            if deserialize_sync is not None:
                data = await stream.read(self._media_read_size())
                parsed = deserialize_sync(self._media_within_limit(data))
            else:
                parsed = await handler.deserialize_async(
                    stream, self.content_type, self.content_length
                )
                if getattr(handler, 'exhaust_stream', False):
                    await stream.exhaust()
        except Exception as error:
            return self._media_fail(error, default_when_empty)
        return self._media_store(parsed)

    @property
    def media(self) -> Any:
        """The parsed body; see the module notes for the ways it can be read."""
        known = self._media_known(UNSET)
        if known is not UNSET:
            return known
        if self._loop is not None and asyncio._get_running_loop() is None:
            return self.get_media()
        if self.stream.buffered_completely and self._media_handler()[1] is not None:
            # The body is all here and the handler parses bytes synchronously, so the
            # coroutine finishes without suspending.
            coroutine = self._read_media(UNSET)
            try:
                coroutine.send(None)
            except StopIteration as done:
                return done.value
            coroutine.close()
            raise RuntimeError(
                'Reading the body suspended unexpectedly; use await req.get_media()'
            )
        return self.get_media()


async def _no_event() -> dict[str, Any]:
    raise RuntimeError('a template request receives nothing')


def _template(method: str, path: str, query: bytes) -> Request:
    scope = {'type': 'http', 'method': method, 'root_path': '', 'path': path}
    scope['query_string'] = query  # type: ignore[assignment]
    return Request(scope, _no_event, None, RequestOptions())


FAST_REQUEST_TYPE: type[Request] | None
fast_request: Callable[..., Request | None] | None = install_fast_request(
    'asgi',
    Request,
    _template('GET', '/a', b'x=1'),
    _template('POST', '/b/c', b''),
    running_loop,
)
"""PERF: ``falcon.core._fast_request.asgi_request`` where that extension was built: the
usual request built in C without entering ``__init__``, ``_init_common`` and their frames
(about 3.3k instructions of hello world's 36k); else None."""
FAST_REQUEST_TYPE = Request if fast_request is not None else None
"""``Request`` where :data:`fast_request` builds it, else None."""
