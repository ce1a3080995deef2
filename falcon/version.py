"""The package version at Falcon's ``falcon.version`` path.

Rules: a face over ``falcon.core._version``; nothing is implemented here.
"""

from __future__ import annotations

from falcon.core._version import __version__

__all__ = ['__version__']
