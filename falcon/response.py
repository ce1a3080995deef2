"""The response (``falcon.response``)."""

from falcon.core._constants import DEFAULT_MEDIA_TYPE
from falcon.core._dates import dt_to_http
from falcon.core._errors import HeaderNotSupported
from falcon.core._home import set_home
from falcon.core._misc import AttributeRemovedError, DeprecatedWarning
from falcon.core._options import ResponseOptions
from falcon.core._response import Response
from falcon.core._status import http_status_to_code
from falcon.core._uri import encode as uri_encode
from falcon.core._uri import encode_value as uri_encode_value
from falcon.core.media._handlers import Handlers

__all__ = [
    'DEFAULT_MEDIA_TYPE',
    'AttributeRemovedError',
    'DeprecatedWarning',
    'Handlers',
    'HeaderNotSupported',
    'Response',
    'ResponseOptions',
    'dt_to_http',
    'http_status_to_code',
    'uri_encode',
    'uri_encode_value',
]

set_home(__name__, globals(), ('Response', 'ResponseOptions'))
