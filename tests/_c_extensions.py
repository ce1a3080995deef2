"""What the tests of the optional C extensions of ``falcon.core`` share.

Each C accelerator is optional, and the module using it must then run its pure-Python code.
:func:`assert_suites_pass_without` runs pytest in a fresh interpreter whose ``sys.modules``
maps the named modules to ``None``, so importing them raises ImportError exactly as when
they were never built; a check (Python statements) runs before the tests, to show the code
under test really took its pure-Python path. :func:`traced_growth` measures the memory a
loop of calls leaves behind, and :func:`outcome` puts a result or an error in one
comparable form, to compare the C and the Python path.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = ['assert_suites_pass_without', 'outcome', 'run_suites_without', 'traced_growth']

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


def assert_suites_pass_without(
    module_names: Sequence[str], assertion: str, suites: Sequence[str]
) -> None:
    """Run ``suites`` as :func:`run_suites_without` does; fail unless every test passed."""
    completed = run_suites_without(module_names, assertion, suites)
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert ' passed' in completed.stdout


def traced_growth(run: Callable[[int], None], calls: int) -> int:
    """The bytes still allocated (tracemalloc) after ``run(calls)``, warmed up first by
    ``run(2000)``; objects kept by a leak of one per call add up to ``calls`` times their
    size. The warm-up goes past 1 024 calls because Python 3.10 gives a function its
    lookup cache only then, an allocation made once that is not a leak."""
    run(2000)
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        run(calls)
        gc.collect()
        return int(tracemalloc.get_traced_memory()[0] - start)
    finally:
        tracemalloc.stop()


def outcome(compute: Callable[[], Any]) -> tuple[str, Any]:
    """``('gave', result)`` of ``compute()``, or ``('raised', (type, message))``."""
    try:
        result = compute()
    except Exception as error:
        return ('raised', (type(error), str(error)))
    return ('gave', result)
