"""What every read-only request body stream answers about itself.

Rules: no I/O; a mixin with empty ``__slots__`` so that slotted streams can use it.
"""

from __future__ import annotations

from typing import NoReturn

__all__ = ['ReadOnlyStreamTraits']


class ReadOnlyStreamTraits:
    """``readable()`` is true; ``seekable()``, ``writable()`` and ``isatty()`` are false;
    there is no file descriptor."""

    __slots__ = ()

    def readable(self) -> bool:
        """Return ``True``: the stream can be read."""
        return True

    def seekable(self) -> bool:
        """Return ``False``: the stream cannot seek."""
        return False

    def writable(self) -> bool:
        """Return ``False``: the stream cannot be written."""
        return False

    def isatty(self) -> bool:
        """Return ``False``."""
        return False

    def fileno(self) -> NoReturn:
        """Raise :class:`OSError`: the stream has no file descriptor."""
        raise OSError('This stream has no file descriptor')
