"""WebSocket payload handlers, and the placeholder for handlers whose library is missing.

Rules: WebSocket handlers convert between objects and one message payload: text handlers
produce and accept ``str``, binary handlers ``bytes``. Errors from the underlying library
propagate unchanged; the WebSocket layer decides how to report them. The MessagePack handler
imports ``msgpack`` on first use, so that an app that never sends MessagePack never loads it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, NoReturn

from falcon.core.media._base import BinaryBaseHandlerWS, TextBaseHandlerWS

__all__ = ['JSONHandlerWS', 'MessagePackHandlerWS', 'MissingDependencyHandler']


class JSONHandlerWS(TextBaseHandlerWS):
    """WebSocket media handler for JSON text messages.

    Args:
        dumps: Function serializing an object to ``str``. Defaults to
            ``functools.partial(json.dumps, ensure_ascii=False)``.
        loads: Function parsing a ``str``. Defaults to ``json.loads``.
    """

    __slots__ = ('dumps', 'loads')

    def __init__(
        self,
        dumps: Callable[[Any], str] | None = None,
        loads: Callable[[str], Any] | None = None,
    ) -> None:
        self.dumps: Callable[[Any], str] = dumps or functools.partial(
            json.dumps, ensure_ascii=False
        )
        self.loads: Callable[[str], Any] = loads or json.loads

    def serialize(self, media: object) -> str:
        """Serialize the media object as a JSON text payload.

        Args:
            media: A JSON-serializable object.

        Returns:
            The JSON text.
        """
        return self.dumps(media)

    def deserialize(self, payload: str) -> object:
        """Parse a JSON text payload.

        Args:
            payload: The received text.

        Returns:
            The parsed document.
        """
        return self.loads(payload)


class MessagePackHandlerWS(BinaryBaseHandlerWS):
    """WebSocket media handler for MessagePack binary messages."""

    __slots__ = ('msgpack', 'packer')

    def __init__(self) -> None:
        self.msgpack: Any = None
        self.packer: Any = None

    def _load(self) -> Any:
        import msgpack  # type: ignore[import-untyped]

        # Lone surrogates are packed as '\uXXXX' text, as everywhere (falcon.core._text).
        self.packer = msgpack.Packer(
            autoreset=True, use_bin_type=True, unicode_errors='backslashreplace'
        )
        self.msgpack = msgpack
        return msgpack

    def serialize(self, media: object) -> bytes:
        """Pack the media object.

        Args:
            media: A MessagePack-serializable object.

        Returns:
            The packed bytes.
        """
        if self.packer is None:
            self._load()
        return self.packer.pack(media)  # type: ignore[no-any-return]

    def deserialize(self, payload: bytes) -> Any:
        """Unpack a binary payload.

        Args:
            payload: The received bytes.

        Returns:
            The unpacked object.
        """
        module = self.msgpack or self._load()
        return module.unpackb(payload, raw=False)


class MissingDependencyHandler(BinaryBaseHandlerWS):
    """Placeholder for a handler whose third-party library is not installed.

    Every use raises ``RuntimeError`` naming the missing library.

    Args:
        handler: The name of the handler being replaced.
        library: The name of the library it needs.
    """

    def __init__(self, handler: str, library: str) -> None:
        self._message = f'The {handler} requires the {library} library, which is not installed.'

    def _raise(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise RuntimeError(self._message)

    def serialize(self, *args: Any, **kwargs: Any) -> NoReturn:
        """Raise ``RuntimeError``: the library is missing.

        Args:
            *args: Ignored.
            **kwargs: Ignored.

        Raises:
            RuntimeError: Always, naming the handler and the library to install.
        """
        self._raise()

    def deserialize(self, *args: Any, **kwargs: Any) -> NoReturn:
        """Raise ``RuntimeError``: the library is missing.

        Args:
            *args: Ignored.
            **kwargs: Ignored.

        Raises:
            RuntimeError: Always, naming the handler and the library to install.
        """
        self._raise()
