"""The media handler registry (``Handlers``) and the multipart form handler.

Rules: a registry maps media types to handlers. ``_resolve`` finds the handler for a
Content-Type: the exact string first, then the type without its parameters, then the best
match as a media range (so ``application/*`` finds ``application/json``). Nothing matching
raises ``HTTPUnsupportedMediaType`` (415) unless the caller asks for None instead.

Strategy: resolution results, together with the handler's safe sync fast paths, are cached
per Content-Type string in a bounded dict, cleared whenever the mapping changes. The
multipart handler lives here because its parse options hold a registry of their own for the
parts, while the default registry holds a multipart handler: keeping both in this module
keeps imports acyclic.
"""

from __future__ import annotations

from collections import UserDict
from collections.abc import Mapping
from typing import Any, NoReturn

from falcon.core._constants import MEDIA_JSON, MEDIA_MULTIPART, MEDIA_URLENCODED
from falcon.core._errors import HTTPUnsupportedMediaType, MultipartParseError
from falcon.core._mediatypes import best_match, parse_header
from falcon.core.media._base import (
    AsyncReadableIO,
    BaseHandler,
    DeserializeSync,
    ReadableIO,
    SerializeSync,
    sync_fast_paths,
)
from falcon.core.media._json import JSONHandler
from falcon.core.media._multipart import AsyncMultipartForm, MultipartForm
from falcon.core.media._urlencoded import URLEncodedFormHandler

__all__ = ['Handlers', 'MultipartFormHandler', 'MultipartParseOptions', 'ResolvedHandler']

ResolvedHandler = tuple[Any, SerializeSync | None, DeserializeSync | None]
"""``(handler, serialize_sync, deserialize_sync)``; all None when nothing matched."""

_RESOLVE_CACHE_SIZE = 256
_NOT_FOUND: ResolvedHandler = (None, None, None)


class Handlers(UserDict[str, BaseHandler]):
    """A dict-like registry of media handlers, keyed by media type.

    With no argument, it holds handlers for JSON (``application/json``), URL-encoded forms
    (``application/x-www-form-urlencoded``) and multipart forms (``multipart/form-data``).

    Args:
        initial: The media type to handler mapping to start with (replacing the defaults).
    """

    def __init__(self, initial: Mapping[str, BaseHandler] | None = None) -> None:
        self._resolve_cache: dict[str, ResolvedHandler] = {}
        if initial is None:
            initial = {
                MEDIA_JSON: JSONHandler(),
                MEDIA_MULTIPART: MultipartFormHandler(),
                MEDIA_URLENCODED: URLEncodedFormHandler(),
            }
        super().__init__(initial)

    def __setitem__(self, key: str, value: BaseHandler) -> None:
        self.data[key] = value
        self._resolve_cache.clear()

    def __delitem__(self, key: str) -> None:
        del self.data[key]
        self._resolve_cache.clear()

    def __ior__(self, other: Any) -> Handlers:  # type: ignore[override, misc]
        self.update(other)
        return self

    def copy(self) -> Handlers:
        """Return a shallow copy: a new registry holding the same handler objects.

        Returns:
            A registry of the same type.
        """
        return type(self)(self.data)

    def _resolve(
        self, media_type: str | None, default_media_type: str, raise_not_found: bool = True
    ) -> ResolvedHandler:
        """Find the handler for a Content-Type, and its safe sync fast paths.

        Args:
            media_type: The Content-Type; when empty or None, ``default_media_type`` is used.
            default_media_type: The media type assumed when none is given.
            raise_not_found: Whether to raise rather than return ``(None, None, None)``.

        Returns:
            ``(handler, serialize_sync, deserialize_sync)``.

        Raises:
            HTTPUnsupportedMediaType: No handler matches and ``raise_not_found`` is set.
        """
        key = media_type or default_media_type
        cache = self._resolve_cache
        # PERF: one dict lookup per request instead of parsing and matching the media type.
        resolved = cache.get(key)
        if resolved is None:
            resolved = self._resolve_uncached(key)
            if len(cache) >= _RESOLVE_CACHE_SIZE:
                # Content types seen in practice are few; a full cache means churn, and
                # starting over is cheaper (and thread-safer) than tracking recency.
                cache.clear()
            cache[key] = resolved
        if raise_not_found and resolved[0] is None:
            raise HTTPUnsupportedMediaType(description=f'{key} is an unsupported media type.')
        return resolved

    def _resolve_uncached(self, media_type: str) -> ResolvedHandler:
        data = self.data
        handler = data.get(media_type)
        if handler is None:
            handler = data.get(media_type.partition(';')[0].strip().lower())
        if handler is None:
            try:
                # Ties go to the last candidate: offer the registered types in reverse so
                # that the one registered first (JSON by default) wins a wildcard.
                matched = best_match(list(reversed(data)), media_type)
            except ValueError:
                matched = ''
            if matched:
                handler = data.get(matched)
        if handler is None:
            return _NOT_FOUND
        serialize_sync, deserialize_sync = sync_fast_paths(handler)
        return handler, serialize_sync, deserialize_sync


class MultipartParseOptions:
    """Limits and defaults for parsing ``multipart/form-data`` forms.

    Attributes:
        default_charset (str): Charset for ``text/plain`` parts that name none
            (default ``'utf-8'``).
        max_body_part_buffer_size (int): Most bytes :meth:`BodyPart.get_data` buffers
            (default 1 MiB); a larger part raises ``MultipartParseError``. Streaming a part
            with ``part.stream`` is not limited.
        max_body_part_count (int): Most parts in a form (default 64; 0 for no limit).
        max_body_part_headers_size (int): Most bytes in one part's header block
            (default 8192).
        max_secure_filename_length (int | None): Maximum length of
            :attr:`BodyPart.secure_filename` (default None: no limit).
        media_handlers (Handlers): Handlers for :meth:`BodyPart.get_media`, by default for
            JSON and URL-encoded forms.
    """

    __slots__ = (
        'default_charset',
        'max_body_part_buffer_size',
        'max_body_part_count',
        'max_body_part_headers_size',
        'max_secure_filename_length',
        'media_handlers',
    )

    default_charset: str
    max_body_part_buffer_size: int
    max_body_part_count: int
    max_body_part_headers_size: int
    max_secure_filename_length: int | None
    media_handlers: Handlers

    def __init__(self) -> None:
        self.default_charset = 'utf-8'
        self.max_body_part_buffer_size = 1024 * 1024
        self.max_body_part_count = 64
        self.max_body_part_headers_size = 8192
        self.max_secure_filename_length = None
        self.media_handlers = Handlers(
            {MEDIA_JSON: JSONHandler(), MEDIA_URLENCODED: URLEncodedFormHandler()}
        )


def _boundary(content_type: str | None) -> bytes:
    _, params = parse_header(content_type or '')
    boundary = params.get('boundary')
    if not boundary:
        raise MultipartParseError(description=f'No boundary specifier found in {content_type!r}')
    if len(boundary) > 70 or not boundary.isascii() or not boundary.isprintable():
        raise MultipartParseError(
            description='invalid boundary: expected 1 to 70 printable ASCII characters'
        )
    return boundary.encode('ascii')


class MultipartFormHandler(BaseHandler):
    """Handler for ``multipart/form-data`` request bodies (deserialization only).

    Deserializing returns a form to iterate for its parts, parsed while they are read::

        form = req.get_media()
        for part in form:
            if part.content_type == 'application/json':
                record = part.get_media()
            elif part.name == 'upload':
                with open(part.secure_filename, 'wb') as dest:
                    part.stream.pipe(dest)

    Args:
        parse_options: Limits and defaults; a new :class:`MultipartParseOptions` when None.

    Attributes:
        parse_options (MultipartParseOptions): The options used for every form.
    """

    def __init__(self, parse_options: MultipartParseOptions | None = None) -> None:
        self.parse_options = parse_options or MultipartParseOptions()

    def deserialize(
        self, stream: ReadableIO, content_type: str | None, content_length: int | None
    ) -> MultipartForm:
        """Return a form reading its parts from ``stream``.

        Args:
            stream: The request body stream.
            content_type: The request's Content-Type, which carries the boundary.
            content_length: The body length, when known.

        Returns:
            The form; parts are parsed as it is iterated.

        Raises:
            MultipartParseError: The Content-Type has no valid boundary. Errors in the body
                are raised while the form is iterated.
        """
        return MultipartForm(stream, _boundary(content_type), content_length, self.parse_options)

    async def deserialize_async(
        self, stream: AsyncReadableIO, content_type: str | None, content_length: int | None
    ) -> AsyncMultipartForm:
        """Return an async form reading its parts from ``stream`` (``async for part in form``).

        Args:
            stream: The request body stream.
            content_type: The request's Content-Type, which carries the boundary.
            content_length: The body length, when known.

        Returns:
            The async form.

        Raises:
            MultipartParseError: The Content-Type has no valid boundary.
        """
        return AsyncMultipartForm(
            stream, _boundary(content_type), content_length, self.parse_options
        )

    def serialize(self, media: object, content_type: str) -> NoReturn:
        """Raise ``NotImplementedError``: multipart forms are not serialized.

        Args:
            media: Unused.
            content_type: Unused.

        Raises:
            NotImplementedError: Always.
        """
        raise NotImplementedError('multipart form serialization unsupported')
