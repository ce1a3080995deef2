"""The listings kept with the tests are the specification's own, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reference import API_SURFACE, MODULE_LISTING, SPECIFICATION


@pytest.mark.parametrize('copy', [MODULE_LISTING, API_SURFACE], ids=lambda path: path.name)
def test_copy_matches_the_specification(copy: Path) -> None:
    original = SPECIFICATION / copy.name
    if not original.exists():
        pytest.skip(f'no specification beside the repository ({SPECIFICATION})')
    assert copy.read_bytes() == original.read_bytes()


@pytest.mark.parametrize('copy', [MODULE_LISTING, API_SURFACE], ids=lambda path: path.name)
def test_copy_is_a_listing_of_modules(copy: Path) -> None:
    modules = [
        line.split()[1]
        for line in copy.read_text('utf-8').splitlines()
        if line.startswith('module ')
    ]
    assert modules[0] == 'falcon'
    assert {'falcon.asgi', 'falcon.routing', 'falcon.testing', 'falcon.media'} <= set(modules)
