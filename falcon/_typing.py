"""Structural types at Falcon's private ``falcon._typing`` path.

Rules: a face over ``falcon.core._protocols``; nothing is implemented here. Libraries that
annotate against Falcon (plugins, instrumentation) import these protocols from this path.
"""

from __future__ import annotations

from falcon.core import _protocols
from falcon.core._home import set_home
from falcon.core._protocols import *  # noqa: F403
from falcon.core._protocols import UNSET as _UNSET

# The core's sentinel is ``_UNSET`` here; the router protocols are the core's own.
_CORE_ONLY = frozenset(('UNSET', 'ResolverMethod', 'UnpackMethod'))

__all__ = ['_UNSET', *(name for name in _protocols.__all__ if name not in _CORE_ONLY)]

set_home(__name__, globals(), [name for name in __all__ if not name.startswith('_')])
