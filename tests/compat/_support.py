"""Resources written once as plain functions, served as sync or async responders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ['Responder', 'resource']

Responder = Callable[..., Any]


def _sync_method(func: Responder) -> Responder:
    def method(self: object, req: Any, resp: Any, **params: Any) -> None:
        func(req, resp, **params)

    return method


def _async_method(func: Responder) -> Responder:
    async def method(self: object, req: Any, resp: Any, **params: Any) -> None:
        func(req, resp, **params)

    return method


def resource(asgi: bool, name: str = 'Resource', **responders: Responder) -> Any:
    """Build a resource whose ``on_*`` methods call the given plain functions.

    Args:
        asgi: Make the responders coroutine functions (for ``falcon.asgi.App``).
        name: The class name of the resource.
        **responders: ``on_get=func`` and so on; each ``func(req, resp, **params)``.

    Returns:
        A new resource instance.
    """
    wrap = _async_method if asgi else _sync_method
    attrs = {}
    for attr, func in responders.items():
        method = wrap(func)
        method.__name__ = method.__qualname__ = attr
        attrs[attr] = method
    return type(name, (), attrs)()
