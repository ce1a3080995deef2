"""Bridges between synchronous and asynchronous code, shared by both adapters.

Rules: this package may use asyncio and threads (the core may not). It holds what both
``falcon.wsgi`` and ``falcon.asgi`` need to run code of the other colour.

``import falcon`` imports this package, so it loads no asyncio: ``process_loop`` (whose module
needs asyncio) is imported on first access.
"""

from typing import TYPE_CHECKING, Any

from falcon.bridge._greenlet import await_, on_event_loop
from falcon.bridge._sync import async_to_sync, run_awaitable, sync_to_async

if TYPE_CHECKING:
    from falcon.bridge._loop import process_loop

__all__ = [
    'async_to_sync',
    'await_',
    'on_event_loop',
    'process_loop',
    'run_awaitable',
    'sync_to_async',
]


if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        if name == 'process_loop':
            from falcon.bridge._loop import process_loop

            globals()[name] = process_loop
            return process_loop
        raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
