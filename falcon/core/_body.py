"""Response bodies: the core decides what kind of body a response has, the adapters carry it.

Rules: sans-I/O. :func:`stream_kind` looks at ``resp.stream`` once and names its kind; the
adapters branch on that kind and never inspect the source again. :func:`start_close` starts
closing a source (``aclose()`` first, else ``close()``) and returns what is left to await,
or ``None``: each adapter awaits it in its own way (the WSGI app on its worker thread's event
loop, the ASGI app on the server's loop).
"""

from __future__ import annotations

import inspect
from typing import Any, ClassVar

from falcon.core._calls import is_async_callable

__all__ = ['BodyKind', 'start_close', 'stream_kind']


class BodyKind:
    """The kind of body a ``falcon.core._app.ResponseHead`` carries: one shared instance
    per kind, compared with ``is``.

    * ``NONE``: no body bytes (``b''``): bodiless statuses, HEAD, an empty response.
    * ``BYTES``: the rendered ``bytes`` of ``text``, ``data`` or ``media``.
    * ``ITERABLE``: a plain iterable of ``bytes``.
    * ``FILE``: a file-like object whose ``read(size)`` is a plain function.
    * ``ASYNC_ITERABLE``: an async iterable of ``bytes`` (such as an async generator).
    * ``ASYNC_FILE``: a file-like object whose ``read(size)`` is a coroutine function.
    * ``SSE``: a server-sent event emitter (``resp.sse``).

    PERF: a plain class rather than an ``enum.Enum``: on Python 3.11, reading a member of an
    enum class goes through ``EnumType.__getattr__`` (about 0.2 us, once per response at
    least); a plain class attribute is a dict lookup.
    """

    __slots__ = ('name',)

    NONE: ClassVar[BodyKind]
    BYTES: ClassVar[BodyKind]
    ITERABLE: ClassVar[BodyKind]
    FILE: ClassVar[BodyKind]
    ASYNC_ITERABLE: ClassVar[BodyKind]
    ASYNC_FILE: ClassVar[BodyKind]
    SSE: ClassVar[BodyKind]

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f'BodyKind.{self.name}'


BodyKind.NONE = BodyKind('NONE')
BodyKind.BYTES = BodyKind('BYTES')
BodyKind.ITERABLE = BodyKind('ITERABLE')
BodyKind.FILE = BodyKind('FILE')
BodyKind.ASYNC_ITERABLE = BodyKind('ASYNC_ITERABLE')
BodyKind.ASYNC_FILE = BodyKind('ASYNC_FILE')
BodyKind.SSE = BodyKind('SSE')


def stream_kind(source: Any) -> BodyKind:
    """Name the kind of a ``resp.stream`` value: a file-like (by its ``read``) before an
    async iterable, and anything else is iterated."""
    read = getattr(source, 'read', None)
    if read is not None:
        return BodyKind.ASYNC_FILE if is_async_callable(read) else BodyKind.FILE
    if hasattr(source, '__aiter__'):
        return BodyKind.ASYNC_ITERABLE
    return BodyKind.ITERABLE


def start_close(source: Any) -> Any:
    """Close ``source`` with ``aclose()`` when it has one, else ``close()``.

    Returns the awaitable the adapter must await (from ``aclose()``, or from a ``close()``
    that is a coroutine function), or ``None`` when the source is already closed or has
    nothing to close.
    """
    aclose = getattr(source, 'aclose', None)
    if aclose is not None:
        return aclose()
    close = getattr(source, 'close', None)
    if close is not None:
        result = close()
        if inspect.isawaitable(result):
            return result
    return None
