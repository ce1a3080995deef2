"""Miscellaneous utilities: dates, status codes, query strings, introspection, file names."""

from __future__ import annotations

from falcon.core._dates import dt_to_http, http_date_to_dt, http_now
from falcon.core._misc import (
    deprecated,
    get_argnames,
    get_bound_method,
    is_python_func,
    secure_filename,
)
from falcon.core._status import code_to_http_status, http_status_to_code
from falcon.core._uri import to_query_str

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
    'to_query_str',
]
