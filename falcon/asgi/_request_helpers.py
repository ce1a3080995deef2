"""ASGI request helpers at Falcon's ``falcon.asgi._request_helpers`` path.

Rules: a face over the core; the header property reads through ``get_header``, so the
same factory serves WSGI and ASGI requests.
"""

from __future__ import annotations

from falcon.core._header_props import request_header_property as _header_property

__all__ = ['_header_property']
