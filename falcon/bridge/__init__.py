"""Bridges between synchronous and asynchronous code, shared by both adapters.

Rules: this package may use asyncio and threads (the core may not). It holds what both
``falcon.wsgi`` and ``falcon.asgi`` need to run code of the other colour.
"""

from falcon.bridge._greenlet import await_, on_event_loop
from falcon.bridge._loop import process_loop
from falcon.bridge._sync import async_to_sync, run_awaitable, sync_to_async

__all__ = [
    'async_to_sync',
    'await_',
    'on_event_loop',
    'process_loop',
    'run_awaitable',
    'sync_to_async',
]
