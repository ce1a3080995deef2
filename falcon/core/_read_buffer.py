"""The sans-I/O half of buffered reading: the buffered bytes and the delimiter scan.

Rules: :class:`ReadBuffer` does no I/O; the readers (``falcon.core._reader_async`` and its
generated twin ``falcon.core._reader_sync``) feed it what their source returns. A delimiter
is searched for only in bytes not yet searched, plus the ``len(delimiter) - 1`` bytes before
them, so reading up to a delimiter is linear in the number of bytes read whatever the sizes
of the chunks the source returns. Pieces are collected in lists and joined once, never
concatenated one by one.
"""

from __future__ import annotations

from falcon.core._errors import DelimiterError

__all__ = [
    'DEFAULT_CHUNK_SIZE',
    'FOUND',
    'LIMIT',
    'MORE',
    'DelimiterError',
    'ReadBuffer',
    'check_delimiter',
]

DEFAULT_CHUNK_SIZE = 32768
"""Bytes asked of the source per read, and the largest ``peek()``."""

FOUND = 0
"""Scan result: the delimiter starts at the read position."""
LIMIT = 1
"""Scan result: the size limit, or the end of the data, was reached without the delimiter."""
MORE = 2
"""Scan result: more data is needed to tell whether the delimiter comes next."""


def check_delimiter(delimiter: bytes) -> None:
    """Raise :class:`ValueError` unless ``delimiter`` is a non-empty ``bytes`` object."""
    if not isinstance(delimiter, bytes) or not delimiter:
        raise ValueError('delimiter must be a non-empty bytes object')


class ReadBuffer:
    """Bytes received from a source and not yet consumed (no I/O of its own).

    Attributes:
        received: How many bytes were added with :meth:`extend` in total.
    """

    __slots__ = ('_data', '_pos', 'received')

    def __init__(self) -> None:
        self._data = b''
        self._pos = 0
        self.received = 0

    @property
    def available(self) -> int:
        """How many buffered bytes are left to consume."""
        return len(self._data) - self._pos

    def extend(self, pieces: list[bytes]) -> None:
        """Append ``pieces`` after the unconsumed bytes (one join for all of them).

        Args:
            pieces: Chunks received from the source, in order.
        """
        if not pieces:
            return
        self.received += sum(len(piece) for piece in pieces)
        pos = self._pos
        if pos < len(self._data):
            pieces.insert(0, self._data[pos:])
        self._data = pieces[0] if len(pieces) == 1 else b''.join(pieces)
        self._pos = 0

    def view(self, size: int) -> bytes:
        """Return up to ``size`` unconsumed bytes without consuming them."""
        pos = self._pos
        return self._data[pos : pos + size]

    def take(self, size: int) -> bytes:
        """Consume and return up to ``size`` bytes (all that is buffered when negative)."""
        data = self._data
        pos = self._pos
        if size < 0 or pos + size >= len(data):
            # PERF: handing out the whole untouched buffer avoids copying it.
            taken = data[pos:] if pos else data
            self._data = b''
            self._pos = 0
            return taken
        self._pos = pos + size
        return data[pos : pos + size]

    def skip(self, size: int) -> None:
        """Consume ``size`` bytes (at most what is buffered) without returning them."""
        self._pos = min(self._pos + size, len(self._data))

    def scan_until(self, delimiter: bytes, wanted: int, at_eof: bool) -> tuple[bytes, int]:
        """Consume bytes up to ``delimiter``, at most ``wanted`` of them.

        Args:
            delimiter: The non-empty delimiter to stop at (it is not consumed).
            wanted: The most bytes to consume in this step.
            at_eof: Whether the source has no more data to add.

        Returns:
            The bytes consumed, and :data:`FOUND` (the delimiter now starts at the read
            position), :data:`LIMIT` (``wanted`` bytes, or all there was, were consumed
            without meeting the delimiter) or :data:`MORE` (add data and scan again with
            ``wanted`` reduced by the bytes returned).
        """
        data = self._data
        pos = self._pos
        keep = len(delimiter) - 1
        found = data.find(delimiter, pos, pos + wanted + keep + 1)
        if found >= 0:
            self._pos = found
            return data[pos:found], FOUND
        available = len(data) - pos
        if at_eof or available >= wanted + keep:
            return self.take(wanted), LIMIT
        # The last ``keep`` bytes may begin a delimiter that the next data completes.
        safe = available - keep
        if safe > 0:
            return self.take(safe), MORE
        return b'', MORE
