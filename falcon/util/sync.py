"""Sync/async bridging helpers (``falcon.util.sync``)."""

from falcon.bridge._sync import (
    Result,
    async_to_sync,
    runs_sync,
    sync_to_async,
    wrap_sync_to_async,
    wrap_sync_to_async_unsafe,
)

__all__ = [
    'Result',
    'async_to_sync',
    'runs_sync',
    'sync_to_async',
    'wrap_sync_to_async',
    'wrap_sync_to_async_unsafe',
]
