"""The ``context`` attribute shared by requests, responses and WebSocket connections.

Rules: the context object is created on first use (PERF: most requests never touch it,
and creating it costs an object per request); ``context_type`` picks its class.
"""

from __future__ import annotations

from typing import Any, ClassVar

from falcon.core._structures import Context

__all__ = ['HasContext']


class HasContext:
    """Mixin giving ``context``: a ``context_type`` instance created on first access."""

    __slots__ = ('_context',)

    context_type: ClassVar[type[Any]] = Context
    _context: Any

    @property
    def context(self) -> Context:
        """A place for the app's own data about this request or response.

        Typed as :class:`Context` (any attribute may be set and read), whatever
        ``context_type`` is; a subclass may redeclare it as its own context type.
        """
        context: Context | None = self._context
        if context is None:
            context = self._context = self.context_type()
        return context

    @context.setter
    def context(self, value: Any) -> None:
        self._context = value
