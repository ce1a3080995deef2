"""The package stays mypy --strict and ruff clean, and the generated lifecycle twin current.

These run the project's own tools, so CI (``make test``) holds every change to them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHECKED = ['falcon', 'tests', 'tests_shared', 'scripts', 'benchmarks', 'examples']

pytestmark = pytest.mark.slow


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_check() -> None:
    result = _run(str(BIN / 'ruff'), 'check', *CHECKED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = _run(str(BIN / 'ruff'), 'format', '--check', *CHECKED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = _run(str(BIN / 'mypy'), '--strict', 'falcon')
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'Success' in result.stdout
