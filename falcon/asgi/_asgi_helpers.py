"""ASGI app helpers at Falcon's ``falcon.asgi._asgi_helpers`` path.

Rules: this module exists so that the import path resolves; it provides no names. Falcon
keeps two private helpers here with no counterpart in this package: the scope check is a
dispatch on ``scope['type']`` inside ``falcon.asgi.App.__call__`` (unknown types raise
``UnsupportedScopeError``), and no wrapper is needed to require coroutine functions,
because the app accepts plain ones too.
"""

from __future__ import annotations

__all__: list[str] = []
