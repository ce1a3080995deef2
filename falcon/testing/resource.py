"""Ready-made test resources and hooks at Falcon's ``falcon.testing.resource`` import path.

Rules: a re-export only, and the home (``__module__``) of what it re-exports; the resources
and hooks live in ``falcon.testing._resource``.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.testing import _resource
from falcon.testing._resource import *  # noqa: F403

__all__ = list(_resource.__all__)

set_home(__name__, globals(), __all__)
