"""The API reference pages in docs/reference/ are what docs/gen_reference.py writes today.

The generator's output depends only on the code: it is the same for every supported Python
and every hash seed (sets are sorted, interpreter-dependent constants and standard library
functions are described rather than shown). So a page that differs is a stale page.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / 'docs' / 'gen_reference.py'


def _load_generator() -> Any:
    spec = importlib.util.spec_from_file_location('gen_reference_script', SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _load_generator()


@pytest.mark.parametrize(
    ('module_name', 'blurb'), GENERATOR.MODULES, ids=[name for name, _ in GENERATOR.MODULES]
)
def test_reference_page_is_up_to_date(module_name: str, blurb: str) -> None:
    page = GENERATOR.page_path(module_name)
    assert page.exists(), f'run: python docs/gen_reference.py ({page.name} is missing)'
    checked_in = page.read_text()
    assert checked_in == GENERATOR.render_module(module_name, blurb), (
        f'run: python docs/gen_reference.py ({page.name} is stale)'
    )


def test_reference_index_is_up_to_date() -> None:
    available = [name for name, _ in GENERATOR.MODULES]
    index = GENERATOR.REFERENCE_DIR / 'index.md'
    assert index.read_text() == GENERATOR.render_index(available), (
        'run: python docs/gen_reference.py (index.md is stale)'
    )


def test_check_mode_reports_no_stale_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert GENERATOR.main(['--check']) == 0
    assert capsys.readouterr().out == ''
