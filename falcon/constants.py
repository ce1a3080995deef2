"""Framework-wide constants: HTTP methods, media types and truth tables."""

from __future__ import annotations

from falcon.core import _constants
from falcon.core._constants import *  # noqa: F403
from falcon.core._constants import _META_METHODS as _META_METHODS
from falcon.core._home import set_home
from falcon.core._options import _EXTRA_STATIC_TYPES

_DEFAULT_STATIC_MEDIA_TYPES = tuple(_EXTRA_STATIC_TYPES.items())
"""The ``(extension, media type)`` pairs static routes know beyond :mod:`mimetypes`."""

# Importable from here as from Falcon's module, though Falcon's ``__all__`` leaves them out.
_NOT_LISTED = frozenset(
    (
        'ASGI_SUPPORTED',
        'FALCON_CUSTOM_HTTP_METHODS',
        'FALCON_SUPPORTED',
        'IS_64_BITS',
        'MEDIA_CSV',
        'MEDIA_PARQUET',
        'PYPY',
        'PYTHON_VERSION',
        'UNSET',
    )
)

__all__ = [name for name in _constants.__all__ if name not in _NOT_LISTED]

set_home(__name__, globals(), ('WebSocketPayloadType',))
