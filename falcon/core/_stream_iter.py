"""Block-by-block iteration over a readable stream, closing the stream when asked.

Rules: reads ``block_size`` bytes at a time until the stream returns an empty bytes object;
``close()`` closes the stream (so a temporary file is removed) and is safe to call twice.
Nothing here does I/O of its own: the stream does, when its ``read`` is called.
"""

from __future__ import annotations

from typing import IO

__all__ = ['CloseableStreamIterator']


class CloseableStreamIterator:
    """Iterate over a file-like object in blocks, with a ``close()`` that closes it.

    A WSGI server without ``wsgi.file_wrapper`` can serve a stream wrapped this way: it
    iterates the blocks, then calls ``close()``.

    Args:
        stream: A readable binary file-like object.
        block_size: How many bytes to read per block.
    """

    __slots__ = ('_block_size', '_stream')

    def __init__(self, stream: IO[bytes], block_size: int) -> None:
        self._stream = stream
        self._block_size = block_size

    def __iter__(self) -> CloseableStreamIterator:
        return self

    def __next__(self) -> bytes:
        data = self._stream.read(self._block_size)
        if data == b'':
            raise StopIteration
        return data

    def close(self) -> None:
        """Close the underlying stream, when it has a ``close()`` method."""
        close = getattr(self._stream, 'close', None)
        if close is not None:
            close()
