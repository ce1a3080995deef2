"""JSON media handler.

Rules: the default output is byte-identical to ``json.dumps(obj, ensure_ascii=False)``
encoded as UTF-8 (default separators), because clients compare bodies; a lone surrogate in
a string, which has no UTF-8 form, is written as the JSON escape ``\\uXXXX`` (see
``falcon.core._text``), so a document parsed from a request always encodes again. A
request body is decoded as UTF-8 and parsed with ``loads``. An empty body raises
``MediaNotFoundError``; anything the decoder rejects (invalid UTF-8, invalid JSON, integers
beyond Python's digit limit, or whatever error a custom ``loads`` raises) raises
``MediaMalformedError`` chained from the original error. A document nested deeper than
``MAX_JSON_DEPTH`` levels is refused the same way, whatever the decoder and the caller's
stack depth: how deep the stdlib decoder gets before its ``RecursionError`` depends on how
many frames are already on the stack, which differs between the WSGI and the ASGI app, so
it cannot be the limit itself.

Strategy: parse first, measure afterwards, and only when the body holds more opening
brackets than the limit (a count at memory speed). A ``RecursionError`` still rejects a
100 000-level document after its first kilobyte, and a syntax error is blamed on the
nesting when the text before it already nests too deep, so that an invalid deep body gets
one answer too. The measurement runs on text the decoder accepted, so its strings can be
cut out with a few linear ``bytes`` operations (no regular expression, no per-character
Python loop).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import accumulate
from typing import Any

from falcon.core._errors import MediaMalformedError, MediaNotFoundError
from falcon.core._text import encode_utf8, json_bytes, json_text
from falcon.core.media._base import BaseHandler, ReadableIO

__all__ = ['MAX_JSON_DEPTH', 'JSONHandler']

MAX_JSON_DEPTH = 512
"""The deepest nesting of arrays and objects a JSON request body may have."""

_NOT_BRACKETS_OR_QUOTES = bytes(b for b in range(256) if b not in b'[]{}"')
_DEPTH_STEP = {ord('['): 1, ord('{'): 1, ord(']'): -1, ord('}'): -1}


def _too_deep() -> ValueError:
    return ValueError(f'nesting deeper than {MAX_JSON_DEPTH} levels')


def _too_deep_at(data: bytes) -> bool:
    """Whether JSON text (whole or up to a syntax error) nests deeper than the limit."""
    # PERF: bytes.count runs at memory speed; only text with more opening brackets than
    # the limit can be too deep, so only such text is measured.
    return (
        data.count(b'[') + data.count(b'{') > MAX_JSON_DEPTH
        and _nesting_depth(data) > MAX_JSON_DEPTH
    )


def _nesting_depth(data: bytes) -> int:
    """The deepest nesting of JSON text the decoder accepted (or read up to an error).

    In valid JSON a backslash only ever starts an escape, so dropping every escaped
    backslash and then every escaped quote leaves quotes that alternately open and close
    strings; the even pieces between them are outside strings (text cut off inside a
    string ends with an odd piece, which is left out too).
    """
    unescaped = data.replace(b'\\\\', b'').replace(b'\\"', b'')
    skeleton = unescaped.translate(None, _NOT_BRACKETS_OR_QUOTES)
    # PERF: strings without brackets leave ``""`` in the skeleton. When dropping those
    # leaves no quote at all, no string held a bracket (the first quote of the document
    # has no quote before it to pair with), and the split below is not needed.
    brackets = skeleton.replace(b'""', b'')
    if b'"' in brackets:
        brackets = b''.join(skeleton.split(b'"')[::2])
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)


# The scanner json.loads runs (the C one when available); typeshed does not declare it.
_scan_document: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_JSON_WHITESPACE = ' \t\n\r'


def _loads_stdlib(text: str) -> Any:
    """``json.loads(text)``, the same value and the same errors, with less overhead.

    PERF: ``json.loads`` checks its arguments, then ``decode`` and ``raw_decode`` match
    whitespace with a regular expression on both sides of the document, about as many
    instructions as parsing a small document takes. The C scanner is called directly here;
    any text it does not take whole (leading whitespace, extra data, a syntax error) is
    handed to ``json.loads`` itself, so errors are exactly the stdlib's.
    """
    try:
        media, end = _scan_document(text, 0)
    except Exception:
        return json.loads(text)
    if end != len(text) and text[end:].strip(_JSON_WHITESPACE):
        return json.loads(text)
    return media


def _parse(data: bytes, loads_text: Callable[[str], Any]) -> Any:
    """Parse a request body with ``loads_text``, raising the handler's errors."""
    if not data:
        raise MediaNotFoundError('JSON')
    try:
        media = loads_text(data.decode())
    except RecursionError:
        raise MediaMalformedError('JSON') from _too_deep()
    except ValueError as err:
        # The decoder may have stopped at a syntax error only because it was given
        # more stack than elsewhere: blame the nesting when it exceeded the limit
        # before the error's position, as a shallower stack would have.
        position = getattr(err, 'pos', None)
        if isinstance(position, int) and _too_deep_at(data.decode()[:position].encode()):
            raise MediaMalformedError('JSON') from _too_deep()
        raise MediaMalformedError('JSON') from err
    except Exception as err:
        # A custom ``loads`` may signal invalid input with an error type of its own.
        raise MediaMalformedError('JSON') from err
    # PERF: text no longer than the limit cannot hold more opening brackets than it.
    if len(data) > MAX_JSON_DEPTH and _too_deep_at(data):
        raise MediaMalformedError('JSON') from _too_deep()
    return media


def _deserialize_default(data: bytes) -> Any:
    """The ``_deserialize_sync`` of a handler with the default ``loads``.

    PERF: a valid document with nothing after it is parsed here by the stdlib's scanner,
    without the calls into _loads_stdlib and the checks of _parse (about 25 opcodes).
    Anything else (an empty or invalid body, trailing whitespace, a deep one) takes the
    full path, which parses again.
    """
    try:
        text = data.decode()
        media, end = _scan_document(text, 0)
    except Exception:
        pass
    else:
        if end == len(text) and (len(data) <= MAX_JSON_DEPTH or not _too_deep_at(data)):
            return media
    return _parse(data, _loads_stdlib)


# PERF: ``json.dumps(obj, ensure_ascii=False)`` builds a JSONEncoder on every call, and its
# ``encode`` a C encoder; ``json_text`` builds only the latter (about 1.5 us less per body).
_default_dumps: Callable[[Any], str] = json_text


class JSONHandler(BaseHandler):
    """JSON media handler.

    By default the stdlib :mod:`json` module is used, serializing with
    ``ensure_ascii=False`` so non-ASCII characters are emitted as UTF-8 rather than escaped.
    Any other library with compatible ``dumps`` / ``loads`` functions can be plugged in::

        import functools
        import rapidjson

        handler = falcon.media.JSONHandler(
            dumps=functools.partial(rapidjson.dumps, ensure_ascii=False),
            loads=rapidjson.loads,
        )

    Args:
        dumps: Function that serializes an object to ``str`` (encoded to UTF-8) or ``bytes``.
            Defaults to ``functools.partial(json.dumps, ensure_ascii=False)``.
        loads: Function that parses a ``str`` into an object. Defaults to ``json.loads``.
    """

    def __init__(
        self,
        dumps: Callable[[Any], str | bytes] | None = None,
        loads: Callable[[str], Any] | None = None,
    ) -> None:
        self._dumps: Callable[[Any], str | bytes] = dumps or _default_dumps
        if dumps is None and type(self)._serialize_sync is JSONHandler._serialize_sync:
            # PERF: the default serializer is one function returning bytes, called without
            # the frame of _serialize_sync (about 0.9k instructions less per body).
            self._serialize_sync = json_bytes  # type: ignore[method-assign, assignment]
        self._loads: Callable[[str], Any] = loads or json.loads
        # PERF: the default ``loads`` skips json.loads' argument checks (see _loads_stdlib).
        self._loads_text: Callable[[str], Any] = (
            _loads_stdlib if self._loads is json.loads else self._loads
        )
        if (
            self._loads_text is _loads_stdlib
            and type(self)._deserialize_sync is JSONHandler._deserialize_sync
        ):
            # PERF: the default parser is called without the frame of _deserialize_sync
            # (about 0.4k instructions less per body).
            self._deserialize_sync = _deserialize_default  # type: ignore[method-assign]

    def _serialize_sync(self, media: Any) -> bytes:
        result = self._dumps(media)
        if isinstance(result, str):
            # PERF: text without lone surrogates, the usual case, is encoded here without
            # the call into encode_utf8 (which escapes them).
            try:
                return result.encode()
            except UnicodeEncodeError:
                return encode_utf8(result)
        return result

    def _deserialize_sync(self, data: bytes) -> Any:
        if self._loads_text is _loads_stdlib:
            return _deserialize_default(data)
        return _parse(data, self._loads_text)

    def serialize(self, media: object, content_type: str) -> bytes:
        """Serialize the media object as JSON.

        Args:
            media: A JSON-serializable object.
            content_type: The Content-Type of the response (unused).

        Returns:
            The UTF-8 encoded JSON document.
        """
        return self._serialize_sync(media)

    def deserialize(
        self, stream: ReadableIO, content_type: str | None, content_length: int | None
    ) -> Any:
        """Read the whole stream and parse it as a UTF-8 JSON document.

        Args:
            stream: The request body stream (its ``read()`` returns all of it).
            content_type: The Content-Type of the request (unused).
            content_length: The length of the body, when known (unused).

        Returns:
            The parsed document.

        Raises:
            MediaNotFoundError: The body is empty.
            MediaMalformedError: The body is not valid UTF-8 JSON.
        """
        return self._deserialize_sync(stream.read())
