"""General utilities: data structures, dates, media types, deprecation, misc helpers.

Submodules: ``falcon.util.structures``, ``falcon.util.misc``, ``falcon.util.time``,
``falcon.util.mediatypes``, ``falcon.util.deprecation`` and ``falcon.util.sync``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from falcon.bridge._sync import asyncio_alias as _asyncio_alias
from falcon.core._constants import IS_64_BITS, PYTHON_VERSION
from falcon.core._dates import dt_to_http, http_date_to_dt, http_now
from falcon.core._mediatypes import parse_header
from falcon.core._misc import (
    AttributeRemovedError,
    DeprecatedWarning,
    deprecated,
    deprecated_args,
    get_argnames,
    get_bound_method,
    is_python_func,
    secure_filename,
)
from falcon.core._reader import BufferedReader
from falcon.core._status import code_to_http_status, http_status_to_code
from falcon.core._structures import CaseInsensitiveDict, Context, ETag, TimezoneGMT
from falcon.core._uri import to_query_str

# Falcon's util submodules are reachable as attributes (``falcon.util.misc``...).
from falcon.util import deprecation as deprecation
from falcon.util import mediatypes as mediatypes
from falcon.util import misc as misc
from falcon.util import reader as reader
from falcon.util import structures as structures
from falcon.util import sync as sync
from falcon.util import time as time
from falcon.util.sync import (
    async_to_sync,
    runs_sync,
    sync_to_async,
    wrap_sync_to_async,
    wrap_sync_to_async_unsafe,
)

if TYPE_CHECKING:
    from falcon.util.sync import create_task, get_running_loop

# Falcon's name for its pure-Python reader; this package has only that one.
_PyBufferedReader = BufferedReader

__all__ = [
    'IS_64_BITS',
    'PYTHON_VERSION',
    'AttributeRemovedError',
    'BufferedReader',
    'CaseInsensitiveDict',
    'Context',
    'DeprecatedWarning',
    'ETag',
    'TimezoneGMT',
    'async_to_sync',
    'code_to_http_status',
    'create_task',
    'deprecated',
    'deprecated_args',
    'dt_to_http',
    'get_argnames',
    'get_bound_method',
    'get_running_loop',
    'http_date_to_dt',
    'http_now',
    'http_status_to_code',
    'is_python_func',
    'parse_header',
    'runs_sync',
    'secure_filename',
    'sync_to_async',
    'to_query_str',
    'wrap_sync_to_async',
    'wrap_sync_to_async_unsafe',
]


if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        return _asyncio_alias(__name__, name)
