"""Responder hooks (``falcon.hooks``).

``decorate_on_request`` starts as the core's default (False); an application may set it
here, and class decoration reads it from this module.
"""

from falcon.core._hooks import after, before, decorate_on_request

__all__ = ['after', 'before', 'decorate_on_request']
