"""Every synchronous twin is the one its asynchronous source generates, unchanged."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / 'scripts' / 'unasync.py'


def _load_script() -> Any:
    spec = importlib.util.spec_from_file_location('unasync_script', SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


SCRIPT_MODULE = _load_script()


@pytest.mark.parametrize('twin', SCRIPT_MODULE.TWINS, ids=lambda twin: twin.target)
def test_each_twin_is_up_to_date(twin: Any) -> None:
    generated = SCRIPT_MODULE.generate_twin(twin)
    assert twin.target_path.read_text(encoding='utf-8') == generated, (
        'run: python scripts/unasync.py'
    )


@pytest.mark.parametrize('twin', SCRIPT_MODULE.TWINS, ids=lambda twin: twin.target)
def test_each_twin_has_no_async_left(twin: Any) -> None:
    text = twin.target_path.read_text(encoding='utf-8')
    assert 'async def' not in text
    assert 'await ' not in text
    assert 'GENERATED from' in text


def test_the_lifecycle_twin_defines_the_sync_entry_points() -> None:
    text = SCRIPT_MODULE.TARGET.read_text(encoding='utf-8')
    for name in ('serve_sync', 'handle_exception_sync', 'report_sync'):
        assert f'def {name}(' in text


def test_the_check_reports_nothing_stale() -> None:
    assert SCRIPT_MODULE.stale_twins() == []
