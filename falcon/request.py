"""The WSGI request (``falcon.request``).

``_UNSET`` is the sentinel ``req._media`` holds until the body is parsed (error trackers
compare against it to report media only once it was read).
"""

from falcon.core._constants import UNSET as _UNSET
from falcon.core._dates import now, strptime
from falcon.core._forwarded import Forwarded
from falcon.core._home import set_home
from falcon.core._options import RequestOptions
from falcon.core._request import DEFAULT_ERROR_LOG_FORMAT
from falcon.wsgi._request import WSGI_CONTENT_HEADERS, Request

__all__ = [
    'DEFAULT_ERROR_LOG_FORMAT',
    'WSGI_CONTENT_HEADERS',
    '_UNSET',
    'Forwarded',
    'Request',
    'RequestOptions',
    'now',
    'strptime',
]

set_home(__name__, globals(), ('Request', 'RequestOptions'))
