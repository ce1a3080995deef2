"""Base classes for media handlers, and the contract the core relies on.

Rules: the core talks to a handler through four public entry points (``serialize``,
``deserialize``, ``serialize_async``, ``deserialize_async``) plus two optional private fast
paths, ``_serialize_sync(media) -> bytes`` and ``_deserialize_sync(data: bytes) -> object``.
A fast path is only used when the handler's class does not override the matching public
method below the class that defines the fast path, so a subclass that customises
``serialize`` or ``deserialize`` is always honoured.

Strategy: ``sync_fast_paths(handler)`` answers, once per class, whether the fast paths are
safe to use; the ``Handlers`` registry caches the answer per content type.
"""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

__all__ = [
    'AsyncReadableIO',
    'BaseHandler',
    'BinaryBaseHandlerWS',
    'DeserializeSync',
    'ReadableIO',
    'SerializeSync',
    'TextBaseHandlerWS',
    'sync_fast_paths',
]

SerializeSync = Callable[[Any], bytes]
DeserializeSync = Callable[[bytes], Any]


class ReadableIO(Protocol):
    """A binary stream that can be read from synchronously."""

    def read(self, n: int | None = ..., /) -> bytes:
        """Read up to ``n`` bytes (everything when ``n`` is omitted, None or negative).

        Args:
            n: The most bytes to read.

        Returns:
            The bytes read; empty at the end of the stream.
        """
        ...


class AsyncReadableIO(Protocol):
    """A binary stream that can be read from asynchronously."""

    def read(self, n: int | None = ..., /) -> Awaitable[bytes]:
        """Read up to ``n`` bytes (everything when ``n`` is omitted, None or negative).

        Args:
            n: The most bytes to read.

        Returns:
            An awaitable of the bytes read; empty at the end of the stream.
        """
        ...


class BaseHandler:
    """Base class for media handlers.

    A handler serializes Python objects into a response body and deserializes a request
    body into Python objects. Subclasses override :meth:`serialize` and :meth:`deserialize`
    (and, where it pays off, their async counterparts), or they implement the private fast
    paths ``_serialize_sync(media)`` and ``_deserialize_sync(data)`` which the default
    public methods call.

    Attributes:
        exhaust_stream (bool): Whether the request stream should be read to its end after
            :meth:`deserialize` returns (for handlers that may stop reading early).
    """

    exhaust_stream: bool = False

    _serialize_sync: SerializeSync | None = None
    _deserialize_sync: DeserializeSync | None = None

    def serialize(self, media: object, content_type: str) -> bytes:
        """Serialize the media object into bytes.

        Args:
            media: The object to serialize.
            content_type: The Content-Type of the response.

        Returns:
            The serialized representation.

        Raises:
            NotImplementedError: The handler does not support serialization.
        """
        serialize_sync = self._serialize_sync
        if serialize_sync is None:
            raise NotImplementedError(f'{type(self).__name__} does not implement serialize()')
        return serialize_sync(media)

    async def serialize_async(self, media: object, content_type: str) -> bytes:
        """Serialize the media object into bytes, from async code.

        The default implementation calls :meth:`serialize`.

        Args:
            media: The object to serialize.
            content_type: The Content-Type of the response.

        Returns:
            The serialized representation.
        """
        return self.serialize(media, content_type)

    def deserialize(
        self, stream: ReadableIO, content_type: str | None, content_length: int | None
    ) -> object:
        """Deserialize a request body read from ``stream``.

        Args:
            stream: The request body stream.
            content_type: The Content-Type of the request, if any.
            content_length: The length of the body in bytes, when known.

        Returns:
            The deserialized object.

        Raises:
            NotImplementedError: The handler does not support deserialization.
        """
        deserialize_sync = self._deserialize_sync
        if deserialize_sync is None:
            raise NotImplementedError(f'{type(self).__name__} does not implement deserialize()')
        return deserialize_sync(stream.read())

    async def deserialize_async(
        self, stream: AsyncReadableIO, content_type: str | None, content_length: int | None
    ) -> object:
        """Deserialize a request body read from an async ``stream``.

        The default implementation reads the whole body, then parses it with the handler's
        fast path when it has one, or else with :meth:`deserialize` over an in-memory stream.

        Args:
            stream: The request body stream (``await stream.read()`` returns all of it).
            content_type: The Content-Type of the request, if any.
            content_length: The length of the body in bytes, when known.

        Returns:
            The deserialized object.
        """
        data = await stream.read()
        _, deserialize_sync = sync_fast_paths(self)
        if deserialize_sync is not None:
            return deserialize_sync(data)
        return self.deserialize(io.BytesIO(data), content_type, len(data))


class TextBaseHandlerWS:
    """Base class for WebSocket media handlers of text payloads."""

    def serialize(self, media: object) -> str:
        """Serialize the media object into a text payload.

        Args:
            media: The object to serialize.

        Returns:
            The text payload.

        Raises:
            NotImplementedError: A subclass does not override this method.
        """
        raise NotImplementedError(f'{type(self).__name__} does not implement serialize()')

    def deserialize(self, payload: str) -> object:
        """Deserialize a text payload.

        Args:
            payload: The received text.

        Returns:
            The deserialized object.

        Raises:
            NotImplementedError: A subclass does not override this method.
        """
        raise NotImplementedError(f'{type(self).__name__} does not implement deserialize()')


class BinaryBaseHandlerWS:
    """Base class for WebSocket media handlers of binary payloads."""

    def serialize(self, media: object) -> bytes | bytearray | memoryview:
        """Serialize the media object into a binary payload.

        Args:
            media: The object to serialize.

        Returns:
            The binary payload.

        Raises:
            NotImplementedError: A subclass does not override this method.
        """
        raise NotImplementedError(f'{type(self).__name__} does not implement serialize()')

    def deserialize(self, payload: bytes) -> object:
        """Deserialize a binary payload.

        Args:
            payload: The received bytes.

        Returns:
            The deserialized object.

        Raises:
            NotImplementedError: A subclass does not override this method.
        """
        raise NotImplementedError(f'{type(self).__name__} does not implement deserialize()')


_overrides_cache: dict[tuple[type, str], bool] = {}


def _public_method_overrides(cls: type, public: str, private: str) -> bool:
    """Tell whether ``cls`` defines ``public`` in a class more derived than ``private``."""
    key = (cls, public)
    # PERF: the answer depends on the class alone; walking the MRO once per class keeps
    # the async default path and registry resolution to a dict lookup.
    known = _overrides_cache.get(key)
    if known is None:
        known = False
        for klass in cls.__mro__:
            namespace = vars(klass)
            if private in namespace:
                break
            if public in namespace:
                known = True
                break
        _overrides_cache[key] = known
    return known


def sync_fast_paths(handler: object) -> tuple[SerializeSync | None, DeserializeSync | None]:
    """Return the handler's private fast paths that are safe to call instead of its methods.

    Args:
        handler: A media handler (any object; missing fast paths yield None).

    Returns:
        ``(serialize_sync, deserialize_sync)``, each None when absent or when the handler's
        class overrides the corresponding public method below the fast path's definition.
    """
    cls = type(handler)
    serialize_sync: SerializeSync | None = getattr(handler, '_serialize_sync', None)
    if serialize_sync is not None and _public_method_overrides(
        cls, 'serialize', '_serialize_sync'
    ):
        serialize_sync = None
    deserialize_sync: DeserializeSync | None = getattr(handler, '_deserialize_sync', None)
    if deserialize_sync is not None and _public_method_overrides(
        cls, 'deserialize', '_deserialize_sync'
    ):
        deserialize_sync = None
    return serialize_sync, deserialize_sync
