"""Responder hooks (``falcon.hooks``).

``decorate_on_request`` starts as the core's default (False); an application may set it
here, and class decoration reads it from this module.
"""

from falcon.core._hooks import _ON_REQUEST_NAME as _DECORABLE_ON_REQUEST_METHOD_NAME
from falcon.core._hooks import _RESPONDER_NAME as _DECORABLE_METHOD_NAME
from falcon.core._hooks import after, before, decorate_on_request

__all__ = [
    '_DECORABLE_METHOD_NAME',
    '_DECORABLE_ON_REQUEST_METHOD_NAME',
    'after',
    'before',
    'decorate_on_request',
]
