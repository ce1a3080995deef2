"""Responder hooks (``falcon.hooks``)."""

from falcon.core._hooks import after, before

__all__ = ['after', 'before']
