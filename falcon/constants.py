"""Framework-wide constants: HTTP methods, media types and truth tables."""

from __future__ import annotations

from falcon.core._constants import _META_METHODS as _META_METHODS
from falcon.core._constants import ASGI_SUPPORTED as ASGI_SUPPORTED
from falcon.core._constants import (
    COMBINED_METHODS,
    DEFAULT_MEDIA_TYPE,
    FALSE_STRINGS,
    HTTP_METHODS,
    HTTP_WG_DRAFT_METHODS,
    MEDIA_BMP,
    MEDIA_GIF,
    MEDIA_HTML,
    MEDIA_JPEG,
    MEDIA_JS,
    MEDIA_JSON,
    MEDIA_MSGPACK,
    MEDIA_MULTIPART,
    MEDIA_PNG,
    MEDIA_TEXT,
    MEDIA_URLENCODED,
    MEDIA_XML,
    MEDIA_YAML,
    SINGLETON_HEADERS,
    TRUE_STRINGS,
    WEBDAV_METHODS,
    WebSocketPayloadType,
)
from falcon.core._constants import FALCON_CUSTOM_HTTP_METHODS as FALCON_CUSTOM_HTTP_METHODS
from falcon.core._constants import FALCON_SUPPORTED as FALCON_SUPPORTED
from falcon.core._constants import IS_64_BITS as IS_64_BITS
from falcon.core._constants import MEDIA_CSV as MEDIA_CSV
from falcon.core._constants import MEDIA_PARQUET as MEDIA_PARQUET

# Importable from here as from Falcon's module, though not listed in __all__.
from falcon.core._constants import PYPY as PYPY
from falcon.core._constants import PYTHON_VERSION as PYTHON_VERSION
from falcon.core._home import set_home
from falcon.core._options import _EXTRA_STATIC_TYPES

_DEFAULT_STATIC_MEDIA_TYPES = tuple(_EXTRA_STATIC_TYPES.items())
"""The ``(extension, media type)`` pairs static routes know beyond :mod:`mimetypes`."""

__all__ = [
    'COMBINED_METHODS',
    'DEFAULT_MEDIA_TYPE',
    'FALSE_STRINGS',
    'HTTP_METHODS',
    'HTTP_WG_DRAFT_METHODS',
    'MEDIA_BMP',
    'MEDIA_GIF',
    'MEDIA_HTML',
    'MEDIA_JPEG',
    'MEDIA_JS',
    'MEDIA_JSON',
    'MEDIA_MSGPACK',
    'MEDIA_MULTIPART',
    'MEDIA_PNG',
    'MEDIA_TEXT',
    'MEDIA_URLENCODED',
    'MEDIA_XML',
    'MEDIA_YAML',
    'SINGLETON_HEADERS',
    'TRUE_STRINGS',
    'WEBDAV_METHODS',
    'WebSocketPayloadType',
]

set_home(__name__, globals(), ('WebSocketPayloadType',))
