"""MessagePack media handler.

Rules: serialize with ``msgpack.packb(media, use_bin_type=True)`` (a lone surrogate in a
``str``, which has no UTF-8 form, is packed as the six characters ``\\uXXXX``; see
``falcon.core._text``) and parse with ``msgpack.unpackb(data, raw=False)``. An empty body
raises ``MediaNotFoundError``; anything the unpacker rejects (truncated or trailing data,
invalid type bytes, invalid UTF-8 in str objects, unhashable map keys, nesting beyond
msgpack's stack limit) raises ``MediaMalformedError`` chained from the original error.

Strategy: one ``packb`` call per response instead of a shared ``Packer``, so a handler is
safe to share between threads. ``msgpack`` is imported by the first call that needs it, so an
app that never handles MessagePack never loads it.
"""

from __future__ import annotations

from typing import Any

from falcon.core._errors import MediaMalformedError, MediaNotFoundError
from falcon.core.media._base import BaseHandler, ReadableIO

__all__ = ['MessagePackHandler']


class MessagePackHandler(BaseHandler):
    """MessagePack media handler, using the ``msgpack`` package.

    ``bytes`` are packed with the bin type and ``str`` with the str type; when unpacking,
    str objects are decoded as UTF-8.
    """

    def __init__(self) -> None:
        self.msgpack: Any = None

    def _module(self) -> Any:
        module = self.msgpack
        if module is None:
            import msgpack  # type: ignore[import-untyped]

            module = self.msgpack = msgpack
        return module

    def _serialize_sync(self, media: Any) -> bytes:
        packed = self._module().packb(media, use_bin_type=True, unicode_errors='backslashreplace')
        return packed  # type: ignore[no-any-return]

    def _deserialize_sync(self, data: bytes) -> Any:
        if not data:
            raise MediaNotFoundError('MessagePack')
        msgpack = self._module()
        try:
            return msgpack.unpackb(data, raw=False)
        except (ValueError, TypeError, msgpack.UnpackException) as err:
            raise MediaMalformedError('MessagePack') from err

    def serialize(self, media: Any, content_type: str | None) -> bytes:
        """Serialize the media object as MessagePack.

        Args:
            media: A MessagePack-serializable object.
            content_type: The Content-Type of the response (unused).

        Returns:
            The packed bytes.
        """
        return self._serialize_sync(media)

    async def serialize_async(self, media: Any, content_type: str | None) -> bytes:
        """Serialize the media object as MessagePack, from async code.

        Args:
            media: A MessagePack-serializable object.
            content_type: The Content-Type of the response (unused).

        Returns:
            The packed bytes.
        """
        return self._serialize_sync(media)

    def deserialize(
        self, stream: ReadableIO, content_type: str | None, content_length: int | None
    ) -> Any:
        """Read the whole stream and unpack it.

        Args:
            stream: The request body stream (its ``read()`` returns all of it).
            content_type: The Content-Type of the request (unused).
            content_length: The length of the body, when known (unused).

        Returns:
            The unpacked object.

        Raises:
            MediaNotFoundError: The body is empty.
            MediaMalformedError: The body is not a single valid MessagePack object.
        """
        return self._deserialize_sync(stream.read())
