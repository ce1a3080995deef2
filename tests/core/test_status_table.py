"""The ``HTTP_*`` names are written once, in ``falcon.core._status_lines``.

``falcon``, ``falcon.status_codes`` and ``falcon.core._status`` re-export the table and read
their ``__all__`` from it; these tests hold those lists to the table and the table to the
names Falcon 4.4 has in each module.
"""

from __future__ import annotations

import falcon
import falcon.status_codes
from falcon.core import _status, _status_lines
from tests.reference import MODULE_LISTING

MODULES = MODULE_LISTING

TABLE = {name: value for name, value in vars(_status_lines).items() if name.startswith('HTTP_')}
EARLIER_NAMES_OF_413 = {'HTTP_PAYLOAD_TOO_LARGE', 'HTTP_REQUEST_ENTITY_TOO_LARGE'}


def _falcon_names(module: str) -> set[str]:
    names: set[str] = set()
    inside = False
    for line in MODULES.read_text().splitlines():
        if line.startswith('module '):
            inside = line == f'module {module}'
        elif inside and line.strip().startswith('HTTP_'):
            names.add(line.strip().split(':', 1)[0])
    return names


def test_the_table_holds_only_status_lines() -> None:
    public = {name for name in vars(_status_lines) if not name.startswith('_')}
    assert public == set(TABLE)
    for name, value in TABLE.items():
        assert isinstance(value, str)
        code, _, phrase = value.partition(' ')
        assert code.isdigit() and len(code) == 3 and phrase
        if name[5:].isdigit():
            assert name[5:] == code
        else:
            assert TABLE[f'HTTP_{code}'] == value


def test_all_lists_agree_with_the_table() -> None:
    assert sorted(falcon.status_codes.__all__) == sorted(TABLE)
    assert sorted(n for n in falcon.__all__ if n.startswith('HTTP_')) == sorted(
        [*TABLE, 'HTTP_METHODS']
    )
    assert sorted(n for n in _status.__all__ if n.startswith('HTTP_')) == sorted(TABLE)
    for module in (falcon, falcon.status_codes, _status):
        assert all(getattr(module, name) == value for name, value in TABLE.items())


def test_earlier_names_of_413_only_in_status_codes() -> None:
    for name in EARLIER_NAMES_OF_413:
        assert getattr(falcon.status_codes, name) == falcon.HTTP_413
        assert name not in falcon.status_codes.__all__
        assert name not in falcon.__all__
        assert name not in vars(falcon)


def test_the_table_has_falcons_names() -> None:
    assert _falcon_names('falcon.status_codes') == set(TABLE) | EARLIER_NAMES_OF_413
    assert _falcon_names('falcon') == set(TABLE) | {'HTTP_METHODS'}
