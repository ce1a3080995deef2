"""Ready-made test resources and hooks at Falcon's ``falcon.testing.resource`` import path.

Rules: a re-export only; the resources and hooks live in ``falcon.testing._resource``.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.testing._resource import (
    SimpleTestResource,
    SimpleTestResourceAsync,
    capture_responder_args,
    capture_responder_args_async,
    set_resp_defaults,
    set_resp_defaults_async,
)

__all__ = [
    'SimpleTestResource',
    'SimpleTestResourceAsync',
    'capture_responder_args',
    'capture_responder_args_async',
    'set_resp_defaults',
    'set_resp_defaults_async',
]

set_home(
    __name__,
    globals(),
    (
        'SimpleTestResource',
        'SimpleTestResourceAsync',
        'capture_responder_args',
        'capture_responder_args_async',
        'set_resp_defaults',
        'set_resp_defaults_async',
    ),
)
