"""Responder hooks (``falcon.hooks``).

``decorate_on_request`` starts as the core's default (False); an application may set it
here, and class decoration reads it from this module.
"""

from falcon.core._home import set_home
from falcon.core._hooks import (
    _ON_REQUEST_NAME,
    _RESPONDER_NAME,
    after,
    before,
    decorate_on_request,
)

# Falcon's private names for the responder name patterns class decoration matches.
_DECORABLE_METHOD_NAME = _RESPONDER_NAME
_DECORABLE_ON_REQUEST_METHOD_NAME = _ON_REQUEST_NAME

__all__ = ['after', 'before', 'decorate_on_request']

set_home(__name__, globals(), ('after', 'before'))
