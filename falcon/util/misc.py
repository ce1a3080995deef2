"""Miscellaneous utilities: dates, status codes, query strings, introspection, file names."""

from __future__ import annotations

from falcon.core._dates import UTC, dt_to_http, http_date_to_dt, http_now, strptime, utcnow
from falcon.core._home import set_home
from falcon.core._misc import (
    _UNSAFE_FILENAME_CHARS,
    deprecated,
    get_argnames,
    get_bound_method,
    is_python_func,
    secure_filename,
)
from falcon.core._status import code_to_http_status, http_status_to_code
from falcon.core._uri import to_query_str

# Private names Falcon keeps here, bound to the objects that play the same part.
_UTC_TIMEZONE = UTC
_UNSAFE_CHARS = _UNSAFE_FILENAME_CHARS
_strptime = strptime
_utcnow = utcnow

__all__ = [
    'code_to_http_status',
    'deprecated',
    'dt_to_http',
    'get_argnames',
    'get_bound_method',
    'http_date_to_dt',
    'http_now',
    'http_status_to_code',
    'is_python_func',
    'secure_filename',
    'strptime',
    'to_query_str',
    'utcnow',
]

# ``deprecated`` has its home in falcon.util.deprecation; ``strptime`` is the standard
# library's own.
set_home(__name__, globals(), [name for name in __all__ if name not in ('deprecated', 'strptime')])
