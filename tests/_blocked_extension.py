"""Run test suites as in a build without some optional C extensions.

Each C accelerator of ``falcon.core`` is optional, and the module using it must then run its
pure-Python code. :func:`run_suites_without` runs pytest in a fresh interpreter whose
``sys.modules`` maps the named modules to ``None``, so importing them raises ImportError
exactly as when they were never built; a check (Python statements) runs before the tests, to
show the code under test really took its pure-Python path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ['run_suites_without']

REPO = Path(__file__).resolve().parents[1]


def run_suites_without(
    module_names: Sequence[str], assertion: str, suites: Sequence[str]
) -> subprocess.CompletedProcess[str]:
    """Run ``suites`` (paths relative to the repository) with ``module_names`` blocked.

    Args:
        module_names: The modules whose import must fail, e.g. ``['falcon.core._fast_json']``.
        assertion: Python statements run after blocking them and before the tests, e.g.
            ``'from falcon.core import _text; assert _text._plain_json is None'``.
        suites: The test files to run; tests marked ``slow`` are deselected.

    Returns:
        The finished pytest process, its output captured as text.
    """
    runner = '\n'.join(
        [
            'import sys',
            *(f'sys.modules[{name!r}] = None' for name in module_names),
            assertion,
            'import pytest',
            'raise SystemExit(pytest.main(sys.argv[1:]))',
        ]
    )
    return subprocess.run(
        [sys.executable, '-c', runner, '-q', '-p', 'no:cacheprovider', '-m', 'not slow', *suites],
        cwd=REPO,
        env={**os.environ, 'PYTHONDONTWRITEBYTECODE': '1'},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
