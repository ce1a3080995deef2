"""Sync/async bridging helpers (``falcon.util.sync``).

``create_task`` and ``get_running_loop`` are :mod:`asyncio`'s own functions, kept at this
path (and on ``falcon`` and ``falcon.util``) for code written against older Falcon. They are
looked up on first access, so that ``import falcon`` does not load asyncio.
"""

from typing import TYPE_CHECKING, Any

from falcon.bridge._sync import (
    Result,
    async_to_sync,
    runs_sync,
    sync_to_async,
    wrap_sync_to_async,
    wrap_sync_to_async_unsafe,
)
from falcon.bridge._sync import asyncio_alias as _asyncio_alias
from falcon.core._home import set_home

if TYPE_CHECKING:
    from asyncio import create_task, get_running_loop

__all__ = [
    'Result',
    'async_to_sync',
    'create_task',
    'get_running_loop',
    'runs_sync',
    'sync_to_async',
    'wrap_sync_to_async',
    'wrap_sync_to_async_unsafe',
]

# ``Result`` is the bridge's own; the two asyncio functions are asyncio's.
set_home(
    __name__,
    globals(),
    [name for name in __all__ if name not in ('Result', 'create_task', 'get_running_loop')],
)


if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        return _asyncio_alias(__name__, name)
