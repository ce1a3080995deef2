"""The package version.

Rules: one literal, equal to ``version`` in ``pyproject.toml``; ``falcon.__version__`` and
``falcon.version.__version__`` both read it from here.
"""

from __future__ import annotations

__all__ = ['__version__']

__version__ = '4.4.0+sansio.1'
