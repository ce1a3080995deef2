"""The WSGI request (``falcon.request``)."""

from falcon.core._dates import now, strptime
from falcon.core._forwarded import Forwarded
from falcon.core._options import RequestOptions
from falcon.core._request import DEFAULT_ERROR_LOG_FORMAT
from falcon.wsgi._request import WSGI_CONTENT_HEADERS, Request

__all__ = [
    'DEFAULT_ERROR_LOG_FORMAT',
    'WSGI_CONTENT_HEADERS',
    'Forwarded',
    'Request',
    'RequestOptions',
    'now',
    'strptime',
]
