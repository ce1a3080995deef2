"""The framework's exceptions, as ``falcon.errors`` publishes them, in one list.

Rules: nothing is defined here. ``__all__`` is the list of ``falcon.errors``, put together
from the modules that define each family (``falcon.errors`` and ``falcon`` star-import each
family from its module, since type checkers follow a star import only one module deep):

- ``falcon.core._http_error``: the error model, ``HTTPError``;
- ``falcon.core._status_errors``: one class per status (``HTTPNotFound``...);
- ``falcon.core._request_errors``: missing or invalid parameters, headers and media;
- ``falcon.core._exceptions``: the exceptions that are not responses.

Core modules import any of these from here, and also ``HTTPStatus``, ``RequestParseError``
and ``to_http_error`` (re-exported with ``as``: importable, but not part of the list).
"""

from __future__ import annotations

from falcon.core import _exceptions, _request_errors, _status_errors
from falcon.core._exceptions import *  # noqa: F403
from falcon.core._http_error import HTTPError
from falcon.core._http_status import HTTPStatus as HTTPStatus
from falcon.core._parse_error import RequestParseError as RequestParseError
from falcon.core._parse_error import to_http_error as to_http_error
from falcon.core._request_errors import *  # noqa: F403
from falcon.core._status_errors import *  # noqa: F403

__all__ = ['HTTPError']
__all__ += _exceptions.__all__
__all__ += _status_errors.__all__
__all__ += _request_errors.__all__
