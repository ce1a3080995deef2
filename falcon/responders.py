"""The built-in responders at Falcon's ``falcon.responders`` path.

Rules: a face over ``falcon.core.routing._responders``; nothing is implemented here.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core.routing._responders import (
    bad_request,
    bad_request_async,
    create_default_options,
    create_method_not_allowed,
    path_not_found,
    path_not_found_async,
)

__all__ = [
    'bad_request',
    'bad_request_async',
    'create_default_options',
    'create_method_not_allowed',
    'path_not_found',
    'path_not_found_async',
]

set_home(
    __name__,
    globals(),
    (
        'bad_request',
        'bad_request_async',
        'create_default_options',
        'create_method_not_allowed',
        'path_not_found',
        'path_not_found_async',
    ),
)
