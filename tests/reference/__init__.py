"""Falcon 4.4's public API as facts the compatibility tests check us against.

Rules: the two listings here are copies of the project's specification files (module paths,
names, kinds and call signatures; no code and no prose), kept in the repository so the
checks run from any checkout, wherever it sits. ``test_copies`` compares them with the
specification beside the repository when that is present, so a change there is noticed.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ['API_SURFACE', 'MODULE_LISTING', 'SPECIFICATION']

_HERE = Path(__file__).resolve().parent

MODULE_LISTING = _HERE / 'falcon-4.4-modules.txt'
"""Every module path of Falcon 4.4 and every name in its namespace, with its kind."""

API_SURFACE = _HERE / 'falcon-4.4-api-surface.txt'
"""Every public name of Falcon 4.4 per import path, with its call signature."""

SPECIFICATION = _HERE.parents[2] / 'shared' / 'reference'
"""Where the specification lives beside the repository, in the project's workspace."""
