"""Where ``pipe()`` sends bytes: a sink's ``write``, plain or awaitable.

Rules: no I/O of its own; each function makes exactly one ``write`` call on the sink. The
async readers and part streams accept a sink whose ``write`` is a coroutine function or a
plain method (a file opened by the app), so :func:`write_async` awaits the result only when
it is awaitable. :func:`write_sync` is the spelling their generated synchronous twins use.
"""

from __future__ import annotations

import inspect
from typing import IO, Any, Protocol

__all__ = ['AsyncWritableIO', 'write_async', 'write_sync']


class AsyncWritableIO(Protocol):
    """A binary sink that can be written to asynchronously."""

    async def write(self, data: bytes, /) -> Any:
        """Write ``data``."""
        ...


async def write_async(sink: AsyncWritableIO, data: bytes) -> None:
    """Write ``data`` to ``sink``, awaiting the result when ``write`` returns an awaitable."""
    result = sink.write(data)
    if inspect.isawaitable(result):
        await result


def write_sync(sink: IO[bytes], data: bytes) -> None:
    """Write ``data`` to ``sink``."""
    sink.write(data)
