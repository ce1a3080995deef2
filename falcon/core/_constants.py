"""Framework-wide constants: HTTP methods, media types and a few truth tables.

Rules: the values are Falcon 4's, exactly, because applications compare against them. The
method lists are lists (Falcon exposes them as such); everything else is immutable.
"""

from __future__ import annotations

import enum
import os
import platform
import sys

__all__ = [
    'ASGI_SUPPORTED',
    'COMBINED_METHODS',
    'DEFAULT_MEDIA_TYPE',
    'FALCON_CUSTOM_HTTP_METHODS',
    'FALCON_SUPPORTED',
    'FALSE_STRINGS',
    'HTTP_METHODS',
    'HTTP_WG_DRAFT_METHODS',
    'IS_64_BITS',
    'MEDIA_BMP',
    'MEDIA_CSV',
    'MEDIA_GIF',
    'MEDIA_HTML',
    'MEDIA_JPEG',
    'MEDIA_JS',
    'MEDIA_JSON',
    'MEDIA_MSGPACK',
    'MEDIA_MULTIPART',
    'MEDIA_PARQUET',
    'MEDIA_PNG',
    'MEDIA_TEXT',
    'MEDIA_URLENCODED',
    'MEDIA_XML',
    'MEDIA_YAML',
    'PYPY',
    'PYTHON_VERSION',
    'SINGLETON_HEADERS',
    'TRUE_STRINGS',
    'UNSET',
    'WEBDAV_METHODS',
    'WebSocketPayloadType',
]

PYTHON_VERSION: tuple[int, int, int] = (
    sys.version_info.major,
    sys.version_info.minor,
    sys.version_info.micro,
)
"""The running interpreter's version as ``(major, minor, micro)``."""

IS_64_BITS: bool = sys.maxsize > 2**32
"""Whether the interpreter is a 64-bit build."""

PYPY: bool = platform.python_implementation() == 'PyPy'
"""Whether the interpreter is PyPy."""

ASGI_SUPPORTED: bool = True
"""Whether ``falcon.asgi`` can be used: always, on every Python this package supports."""

FALCON_SUPPORTED: bool = True
"""Whether the running interpreter is one this package supports: always, once imported."""

FALCON_CUSTOM_HTTP_METHODS: list[str] = [
    method.strip().upper()
    for method in os.environ.get('FALCON_CUSTOM_HTTP_METHODS', '').split(',')
    if method.strip()
]
"""Extra HTTP methods named, comma-separated, in the ``FALCON_CUSTOM_HTTP_METHODS``
environment variable when the package is imported. They join ``COMBINED_METHODS`` and so
are routed, and hooks applied to a whole class decorate their ``on_<method>`` responders."""

HTTP_METHODS: list[str] = [
    'CONNECT',
    'DELETE',
    'GET',
    'HEAD',
    'OPTIONS',
    'PATCH',
    'POST',
    'PUT',
    'TRACE',
]
"""The methods of RFC 9110 and RFC 5789 (PATCH)."""

WEBDAV_METHODS: list[str] = [
    'CHECKIN',
    'CHECKOUT',
    'COPY',
    'LOCK',
    'MKCOL',
    'MOVE',
    'PROPFIND',
    'PROPPATCH',
    'REPORT',
    'UNCHECKIN',
    'UNLOCK',
    'UPDATE',
    'VERSION-CONTROL',
]
"""The WebDAV methods of RFC 2518, RFC 3253 and RFC 4918."""

HTTP_WG_DRAFT_METHODS: list[str] = [
    'QUERY',
]
"""Methods proposed in HTTP working group drafts."""

_META_METHODS: list[str] = [
    'WEBSOCKET',
]

COMBINED_METHODS: list[str] = (
    HTTP_METHODS
    + WEBDAV_METHODS
    + HTTP_WG_DRAFT_METHODS
    + [method for method in FALCON_CUSTOM_HTTP_METHODS if method not in HTTP_METHODS]
    + _META_METHODS
)
"""Every method a resource may define a responder for (``on_<method>``)."""

TRUE_STRINGS: frozenset[str] = frozenset({'1', 'on', 't', 'true', 'True', 'y', 'yes'})
"""Query parameter values that ``get_param_as_bool`` reads as true."""

FALSE_STRINGS: frozenset[str] = frozenset({'0', 'f', 'false', 'False', 'n', 'no', 'off'})
"""Query parameter values that ``get_param_as_bool`` reads as false."""

MEDIA_JSON = 'application/json'
MEDIA_MSGPACK = 'application/msgpack'
MEDIA_MULTIPART = 'multipart/form-data'
MEDIA_URLENCODED = 'application/x-www-form-urlencoded'
MEDIA_YAML = 'application/yaml'
MEDIA_XML = 'application/xml'
MEDIA_HTML = 'text/html; charset=utf-8'
MEDIA_JS = 'text/javascript'
MEDIA_TEXT = 'text/plain; charset=utf-8'
MEDIA_CSV = 'text/csv; charset=utf-8'
MEDIA_PARQUET = 'application/vnd.apache.parquet'
MEDIA_JPEG = 'image/jpeg'
MEDIA_PNG = 'image/png'
MEDIA_GIF = 'image/gif'
MEDIA_BMP = 'image/bmp'

DEFAULT_MEDIA_TYPE = MEDIA_JSON
"""The media type an app serializes ``resp.media`` to unless told otherwise."""

SINGLETON_HEADERS: frozenset[str] = frozenset(
    {
        'content-length',
        'content-type',
        'cookie',
        'expect',
        'from',
        'host',
        'max-forwards',
        'referer',
        'user-agent',
    }
)
"""Request headers that may appear only once (lowercase names)."""


class WebSocketPayloadType(enum.Enum):
    """The kind of payload a WebSocket message carries."""

    TEXT = 1
    BINARY = 2


class _Unset:
    """The type of :data:`UNSET`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return 'UNSET'

    def __bool__(self) -> bool:
        return False


UNSET = _Unset()
"""Sentinel for an argument that was not given, where ``None`` is a meaningful value."""
