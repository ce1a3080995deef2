"""Generate the synchronous twin of the lifecycle from its asynchronous source.

Usage: ``python scripts/unasync.py`` (writes the twin), ``python scripts/unasync.py --check``
(exits 1 when the checked-in twin is out of date). ``tests/test_unasync.py`` runs the check.

The transformation is textual and small on purpose: ``async def`` becomes ``def``, ``await``
disappears, names ending in ``_async`` end in ``_sync``, ``AsyncCall`` becomes ``SyncCall``
and its ``Awaitable[Any]`` result becomes ``Any``. The result is formatted with ruff.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / 'falcon' / 'core' / '_lifecycle_async.py'
TARGET = ROOT / 'falcon' / 'core' / '_lifecycle_sync.py'

HEADER = '''"""The HTTP request lifecycle, synchronous twin (used by ``falcon.App``).

GENERATED from ``falcon/core/_lifecycle_async.py`` by ``scripts/unasync.py``: do not edit;
edit the source and regenerate. The rules and the strategy are explained there.
"""
'''

SUBSTITUTIONS = [
    (re.compile(r'\basync def '), 'def '),
    (re.compile(r'\bawait '), ''),
    (re.compile(r'\bAsyncCall\b'), 'SyncCall'),
    (re.compile(r'Awaitable\[Any\]'), 'Any'),
    (re.compile(r'\bAwaitable, '), ''),
    (re.compile(r'(\w)_async\b'), r'\1_sync'),
]


def generate() -> str:
    source = SOURCE.read_text(encoding='utf-8')
    docstring_end = source.index('"""', 3) + 3
    body = source[docstring_end:]
    for pattern, replacement in SUBSTITUTIONS:
        body = pattern.sub(replacement, body)
    text = HEADER + body
    ruff = Path(sys.executable).with_name('ruff')
    command = [
        str(ruff) if ruff.exists() else 'ruff',
        'format',
        '--stdin-filename',
        str(TARGET),
        '-',
    ]
    formatted = subprocess.run(
        command, input=text, capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return formatted


def main() -> int:
    generated = generate()
    if '--check' in sys.argv[1:]:
        if TARGET.read_text(encoding='utf-8') != generated:
            print(f'{TARGET.relative_to(ROOT)} is out of date: run python scripts/unasync.py')
            return 1
        return 0
    TARGET.write_text(generated, encoding='utf-8')
    print(f'wrote {TARGET.relative_to(ROOT)}')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
