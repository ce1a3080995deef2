"""JSON media handler.

Rules: the default output is byte-identical to ``json.dumps(obj, ensure_ascii=False)``
encoded as UTF-8 (default separators), because clients compare bodies. A request body is
decoded as UTF-8 and parsed with ``loads``. An empty body raises ``MediaNotFoundError``;
anything the decoder rejects (invalid UTF-8, invalid JSON, integers beyond Python's digit
limit, nesting deep enough to exhaust the recursion limit) raises ``MediaMalformedError``
chained from the original error.

Strategy: no separate nesting-depth pre-scan. The stdlib decoder gives up with a
``RecursionError`` after about a thousand levels, so a 100 000-level document is rejected
after reading only its first kilobyte; a pre-scan would instead cost a full pass over every
well-formed body.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from falcon.core._errors import MediaMalformedError, MediaNotFoundError
from falcon.core.media._base import BaseHandler, ReadableIO

__all__ = ['JSONHandler']

# PERF: one shared encoder. ``json.dumps(obj, ensure_ascii=False)`` builds an identical
# JSONEncoder on every call (about 0.6 us); its ``encode`` keeps no state between calls.
_default_dumps: Callable[[Any], str] = json.JSONEncoder(ensure_ascii=False).encode


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
        self._loads: Callable[[str], Any] = loads or json.loads

    def _serialize_sync(self, media: Any) -> bytes:
        result = self._dumps(media)
        if isinstance(result, str):
            return result.encode()
        return result

    def _deserialize_sync(self, data: bytes) -> Any:
        if not data:
            raise MediaNotFoundError('JSON')
        try:
            return self._loads(data.decode())
        except (ValueError, RecursionError) as err:
            raise MediaMalformedError('JSON') from err

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
