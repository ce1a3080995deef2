"""Framework-wide constants: HTTP methods, media types and truth tables."""

from __future__ import annotations

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

# Importable from here as from Falcon's module, though not listed in __all__.
from falcon.core._constants import IS_64_BITS as IS_64_BITS
from falcon.core._constants import MEDIA_CSV as MEDIA_CSV
from falcon.core._constants import MEDIA_PARQUET as MEDIA_PARQUET
from falcon.core._constants import PYTHON_VERSION as PYTHON_VERSION

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
