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
        """Tell whether the stream can be read.

        Returns:
            ``True``.
        """
        return True

    def seekable(self) -> bool:
        """Tell whether the stream can seek.

        Returns:
            ``False``: a request body is read once, in order.
        """
        return False

    def writable(self) -> bool:
        """Tell whether the stream can be written.

        Returns:
            ``False``.
        """
        return False

    def isatty(self) -> bool:
        """Tell whether the stream is a terminal.

        Returns:
            ``False``.
        """
        return False

    def fileno(self) -> NoReturn:
        """Raise :class:`OSError`: the stream has no file descriptor.

        Raises:
            OSError: Always.
        """
        raise OSError('This stream has no file descriptor')
