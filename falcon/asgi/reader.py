"""The async buffered reader at Falcon's ``falcon.asgi.reader`` path.

Rules: a face over ``falcon.asgi._reader`` and the core chunk size; nothing is implemented here.
"""

from __future__ import annotations

from falcon.asgi._reader import AsyncWritableIO, BufferedReader
from falcon.core._home import set_home
from falcon.core._reader import DEFAULT_CHUNK_SIZE

__all__ = ['DEFAULT_CHUNK_SIZE', 'AsyncWritableIO', 'BufferedReader']

set_home(__name__, globals(), ('AsyncWritableIO', 'BufferedReader'))
