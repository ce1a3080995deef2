"""The WSGI request (``falcon.request``)."""

from falcon.core._forwarded import Forwarded
from falcon.core._options import RequestOptions
from falcon.wsgi._request import Request

__all__ = ['Forwarded', 'Request', 'RequestOptions']
