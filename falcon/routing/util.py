"""Routing helpers: map responders to HTTP methods and fill in default responders."""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core.routing._util import SuffixedMethodNotFoundError as SuffixedMethodNotFoundError
from falcon.core.routing._util import map_http_methods as map_http_methods
from falcon.core.routing._util import set_default_responders as set_default_responders

__all__ = ['SuffixedMethodNotFoundError', 'map_http_methods', 'set_default_responders']

set_home(
    __name__,
    globals(),
    (
        'SuffixedMethodNotFoundError',
        'map_http_methods',
        'set_default_responders',
    ),
)
