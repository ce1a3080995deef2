"""The synchronous lifecycle is the generated twin of the asynchronous source, unchanged."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / 'scripts' / 'unasync.py'


def _load_script() -> object:
    spec = importlib.util.spec_from_file_location('unasync_script', SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_sync_twin_is_up_to_date() -> None:
    script = _load_script()
    generated = script.generate()  # type: ignore[attr-defined]
    checked_in = script.TARGET.read_text(encoding='utf-8')  # type: ignore[attr-defined]
    assert checked_in == generated, 'run: python scripts/unasync.py'


def test_the_twin_has_no_async_left() -> None:
    script = _load_script()
    text = script.TARGET.read_text(encoding='utf-8')  # type: ignore[attr-defined]
    assert 'async def' not in text
    assert 'await ' not in text
    for name in ('serve_sync', 'handle_exception_sync', 'report_sync'):
        assert f'def {name}(' in text
