"""``falcon.asgi.Response``: the core response plus what only ASGI has.

Rules: ``render_body()`` is awaitable, as in Falcon; callbacks scheduled with ``schedule()``
or ``schedule_sync()`` run after the response has been sent.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from falcon.core._calls import is_async_callable
from falcon.core._constructors import install_fast_constructor
from falcon.core._response import Response as CoreResponse

__all__ = ['Response']


class Response(CoreResponse):
    """The response of an ASGI app (``falcon.asgi.App``)."""

    # PERF: no __init__ of its own (about 0.15 us per response): the core response starts
    # ``_callbacks`` at None, and the first scheduled callback makes the list. (An unset slot
    # read with getattr() would format an AttributeError message on every response.)
    __slots__ = ()

    def _scheduled(self) -> list[tuple[Callable[[], Any], bool]]:
        callbacks = self._callbacks
        if callbacks is None:
            callbacks = self._callbacks = []
        return callbacks

    async def render_body(self) -> bytes | None:  # type: ignore[override]
        """Render the body that ``text``, ``data`` or ``media`` hold.

        Returns:
            The body as ``bytes``: ``text`` encoded as UTF-8, else ``data``, else ``media``
            serialized with its handler's ``serialize_async()``; ``None`` when none is set.
        """
        await self._render_media_async()
        return self._render()

    def schedule(self, callback: Callable[[], Awaitable[None]]) -> None:
        """Run the coroutine function ``callback()`` after the response has been sent.

        Args:
            callback: A coroutine function taking no arguments (bind them with
                ``functools.partial``).

        Raises:
            TypeError: ``callback`` is not a coroutine function.
        """
        if not is_async_callable(callback):
            raise TypeError('schedule() takes a coroutine function; use schedule_sync()')
        self._scheduled().append((callback, True))

    def schedule_sync(self, callback: Callable[[], None]) -> None:
        """Run the plain function ``callback()`` on the thread pool after the response.

        Args:
            callback: A plain function taking no arguments.
        """
        self._scheduled().append((callback, False))


# PERF: as for the core response (falcon.core._response.FAST_CONSTRUCTOR).
FAST_CONSTRUCTOR = install_fast_constructor(Response)
"""Whether ``Response(options)`` takes the C constructor."""
