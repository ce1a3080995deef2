"""falcon: the ultra-reliable, fast ASGI + WSGI framework for data-plane APIs.

``falcon.App`` serves WSGI, ``falcon.asgi.App`` serves ASGI; both run on one sans-I/O core.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING as _TYPE_CHECKING

# First of all: import hooks that APM agents install on submodules (New Relic's on
# ``falcon.app``) run while this package is still loading, and read ``falcon.__version__``.
from falcon.core import _status_lines
from falcon.core._version import __version__

# isort: split
# The public submodules Falcon makes reachable as attributes after ``import falcon``
# (``falcon.media.JSONHandler``, ``falcon.routing.IntConverter``, ``falcon.uri.decode``...).
# Importing them also sets the Falcon module path (``__module__``) of the objects they are
# the home of, ``falcon.responders.path_not_found`` among them (falcon.core._home).
from falcon import _typing as _typing
from falcon import app as app
from falcon import app_helpers as app_helpers
from falcon import constants as constants
from falcon import errors as errors
from falcon import forwarded as forwarded
from falcon import hooks as hooks
from falcon import http_error as http_error
from falcon import http_status as http_status
from falcon import media as media
from falcon import middleware as middleware
from falcon import redirects as redirects
from falcon import request as request
from falcon import responders as responders
from falcon import response as response
from falcon import routing as routing
from falcon import status_codes as status_codes
from falcon import stream as stream
from falcon import typing as typing
from falcon import uri as uri
from falcon import util as util
from falcon.bridge._sync import (
    async_to_sync,
    runs_sync,
    sync_to_async,
    wrap_sync_to_async,
    wrap_sync_to_async_unsafe,
)
from falcon.bridge._sync import asyncio_alias as _asyncio_alias
from falcon.core import _errors, _http_status
from falcon.core._constants import (
    COMBINED_METHODS,
    DEFAULT_MEDIA_TYPE,
    HTTP_METHODS,
    IS_64_BITS,
    MEDIA_BMP,
    MEDIA_CSV,
    MEDIA_GIF,
    MEDIA_HTML,
    MEDIA_JPEG,
    MEDIA_JS,
    MEDIA_JSON,
    MEDIA_MSGPACK,
    MEDIA_MULTIPART,
    MEDIA_PARQUET,
    MEDIA_PNG,
    MEDIA_TEXT,
    MEDIA_URLENCODED,
    MEDIA_XML,
    MEDIA_YAML,
    SINGLETON_HEADERS,
    WEBDAV_METHODS,
    WebSocketPayloadType,
)
from falcon.core._cors import (
    CORSMiddleware,
)
from falcon.core._dates import (
    dt_to_http,
    http_date_to_dt,
    http_now,
)
from falcon.core._exceptions import *  # noqa: F403
from falcon.core._forwarded import (
    Forwarded,
)
from falcon.core._hooks import (
    after,
    before,
)
from falcon.core._http_error import HTTPError as HTTPError
from falcon.core._http_status import *  # noqa: F403
from falcon.core._mediatypes import (
    parse_header,
)
from falcon.core._misc import (
    deprecated,
    get_argnames,
    get_bound_method,
    is_python_func,
    secure_filename,
)
from falcon.core._options import (
    RequestOptions,
    ResponseOptions,
)
from falcon.core._reader import BufferedReader
from falcon.core._request_errors import *  # noqa: F403
from falcon.core._response import (
    Response,
)
from falcon.core._status import (
    code_to_http_status,
    http_status_to_code,
)
from falcon.core._status_errors import *  # noqa: F403
from falcon.core._status_lines import *  # noqa: F403
from falcon.core._structures import (
    CaseInsensitiveDict,
    Context,
    ETag,
    TimezoneGMT,
)
from falcon.core._uri import (
    to_query_str,
)
from falcon.wsgi._app import (
    API,
    App,
)
from falcon.wsgi._request import (
    Request,
)
from falcon.wsgi._stream import (
    BoundedStream,
)

if _TYPE_CHECKING:
    # At run time these two resolve on first access (``__getattr__`` below).
    from falcon.util.sync import create_task, get_running_loop

_logger = logging.getLogger(__name__)
"""The package's logger, ``logging.getLogger('falcon')``."""

__all__ = [
    'API',
    'COMBINED_METHODS',
    'DEFAULT_MEDIA_TYPE',
    'HTTP_METHODS',
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
    'SINGLETON_HEADERS',
    'WEBDAV_METHODS',
    'App',
    'BoundedStream',
    'BufferedReader',
    'CORSMiddleware',
    'CaseInsensitiveDict',
    'Context',
    'ETag',
    'Forwarded',
    'Request',
    'RequestOptions',
    'Response',
    'ResponseOptions',
    'TimezoneGMT',
    'WebSocketPayloadType',
    '__version__',
    'after',
    'async_to_sync',
    'before',
    'code_to_http_status',
    'create_task',
    'deprecated',
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
__all__ += _errors.__all__
__all__ += _http_status.__all__
__all__ += [name for name in vars(_status_lines) if name.startswith('HTTP_')]
# The order of a hand-sorted list: constants, then classes, then functions.
__all__.sort(key=lambda name: (not name.isupper(), not name[:1].isupper(), name))


def __getattr__(name: str) -> object:
    """``falcon.create_task`` and ``falcon.get_running_loop``: asyncio's functions, looked up
    on first access so that ``import falcon`` does not load asyncio.

    ``falcon.sys``: Falcon once re-exported the standard library's ``sys`` by accident; the
    name is deprecated (Falcon 4.3) and still resolves, with a warning, until 5.0."""
    if name == 'sys':
        import sys
        import warnings

        from falcon.util.deprecation import DeprecatedWarning

        warnings.warn(
            'falcon.sys is deprecated and will be removed in Falcon 5.0; '
            'import the standard library sys module directly instead.',
            DeprecatedWarning,
            stacklevel=2,
        )
        return sys
    return _asyncio_alias(__name__, name)
