"""HTTP status line constants (``HTTP_200``, ``HTTP_NOT_FOUND``, ...).

Rules: a re-export of the table in ``falcon.core._status_lines``; ``__all__`` is read from
that table, so the names are written once.
"""

from __future__ import annotations

from falcon.core import _status_lines

# Earlier names of 413, importable from here as from Falcon's module, not in __all__.
from falcon.core._status import HTTP_PAYLOAD_TOO_LARGE as HTTP_PAYLOAD_TOO_LARGE
from falcon.core._status import HTTP_REQUEST_ENTITY_TOO_LARGE as HTTP_REQUEST_ENTITY_TOO_LARGE
from falcon.core._status_lines import *  # noqa: F403

__all__ = sorted(name for name in vars(_status_lines) if name.startswith('HTTP_'))
