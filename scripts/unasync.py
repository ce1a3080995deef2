"""Generate the synchronous twins of the asynchronous sources listed in ``TWINS``.

Usage: ``python scripts/unasync.py`` (writes every twin), ``python scripts/unasync.py --check``
(exits 1 when a checked-in twin is out of date). ``scripts/check`` and ``tests/test_unasync.py``
run the check.

Each source is written once, as coroutine code; its twin is derived from it by a small textual
transformation, applied to everything after the source's module docstring:

- ``async def`` becomes ``def``, ``await`` disappears, ``async for``/``async with`` lose
  ``async``; ``__aiter__``/``__anext__``/``__aenter__``/``__aexit__``/``aclose`` and
  ``StopAsyncIteration`` become their synchronous names;
- names ending in ``_async`` end in ``_sync``; ``AsyncCall`` becomes ``SyncCall`` and
  ``Awaitable[X]`` becomes ``X``; ``AsyncIterator``/``AsyncIterable``/``AsyncGenerator``
  become ``Iterator``/``Iterable``/``Generator``;
- each twin may add its own substitutions (module paths, class names), listed with it.

The result gets the twin's header and is formatted with ruff. Keep the sources in the subset of
Python this covers: a construct with no synchronous spelling belongs in the adapter, not here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

Substitution = tuple[str, str]

COMMON: list[Substitution] = [
    (r'\basync def ', 'def '),
    (r'\basync for ', 'for '),
    (r'\basync with ', 'with '),
    (r'\bawait ', ''),
    (r'\b__aiter__\b', '__iter__'),
    (r'\b__anext__\b', '__next__'),
    (r'\b__aenter__\b', '__enter__'),
    (r'\b__aexit__\b', '__exit__'),
    (r'\bStopAsyncIteration\b', 'StopIteration'),
    (r'\bAsyncCall\b', 'SyncCall'),
    (r'\bAsyncIterator\b', 'Iterator'),
    (r'\bAsyncIterable\b', 'Iterable'),
    (r'\bAsyncGenerator\b', 'Generator'),
    (r'Awaitable\[Any\]', 'Any'),
    (r'\bAwaitable, ', ''),
    (r'(\w)_async\b', r'\1_sync'),
]


@dataclass(frozen=True)
class Twin:
    """One asynchronous source and the synchronous module generated from it."""

    source: str
    target: str
    summary: str
    extra: list[Substitution] = field(default_factory=list)

    @property
    def source_path(self) -> Path:
        return ROOT / self.source

    @property
    def target_path(self) -> Path:
        return ROOT / self.target

    def header(self) -> str:
        return (
            f'"""{self.summary}\n\n'
            f'GENERATED from ``{self.source}`` by ``scripts/unasync.py``: do not edit;\n'
            'edit the source and regenerate. The rules and the strategy are explained there.\n'
            '"""\n'
        )


TWINS: list[Twin] = [
    Twin(
        source='falcon/core/_lifecycle_async.py',
        target='falcon/core/_lifecycle_sync.py',
        summary='The HTTP request lifecycle, synchronous twin (used by ``falcon.App``).',
    ),
    Twin(
        source='falcon/core/_reader_async.py',
        target='falcon/core/_reader_sync.py',
        summary='Buffered reading of a byte source, synchronous twin (falcon.util.reader).',
        extra=[
            (r'\bAsyncReaderBase\b', 'SyncReaderBase'),
            (r'Awaitable\[bytes\]', 'bytes'),
            (
                r'from collections\.abc import Awaitable, Callable\n',
                'from collections.abc import Awaitable, Callable\nfrom typing import IO\n',
            ),
            (r'import AsyncWritableIO, ', 'import '),
            (r'\bAsyncWritableIO\b', 'IO[bytes]'),
        ],
    ),
    Twin(
        source='falcon/core/media/_multipart_async.py',
        target='falcon/core/media/_multipart_sync.py',
        summary='Multipart forms read from a body stream, synchronous twin (``falcon.App``).',
        extra=[
            (r'class AsyncBodyPart\(BodyPart\)', 'class BodyPart(PartBase)'),
            (r'from falcon\.core\.media\._multipart_sync import BodyPart\n', ''),
            (r'    UNSET,\n', '    UNSET,\n    PartBase,\n'),
            (r'\bAsync(BodyPartStream|BodyPart|MultipartForm|ReadableIO)\b', r'\1'),
            (r'\b_AsyncFeeder\b', '_SyncFeeder'),
            (r'  # type: ignore\[\w+\]', ''),
        ],
    ),
    Twin(
        source='falcon/testing/_client_async.py',
        target='falcon/testing/_client_sync.py',
        summary="A test client's request methods, synchronous twin (the base of ``TestClient``).",
        extra=[
            (r'\bAsyncClientBase\b', 'SyncClientBase'),
            (r'Coroutine\[Any, Any, (\w+)\]', r'\1'),
            (r'Callable, Coroutine\b', 'Callable'),
        ],
    ),
]

# The lifecycle's own rules, kept for callers that know only the one twin.
SOURCE = TWINS[0].source_path
TARGET = TWINS[0].target_path


def _ruff_format(text: str, target: Path) -> str:
    ruff = Path(sys.executable).with_name('ruff')
    command = [
        str(ruff) if ruff.exists() else 'ruff',
        'format',
        '--stdin-filename',
        str(target),
        '-',
    ]
    return subprocess.run(
        command, input=text, capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout


def generate_twin(twin: Twin) -> str:
    """The text the twin's target must hold."""
    source = twin.source_path.read_text(encoding='utf-8')
    docstring_end = source.index('"""', 3) + 3
    body = source[docstring_end:]
    for pattern, replacement in [*twin.extra, *COMMON]:
        body = re.sub(pattern, replacement, body)
    return _ruff_format(twin.header() + body, twin.target_path)


def generate() -> str:
    """The lifecycle twin's text (the first entry of ``TWINS``)."""
    return generate_twin(TWINS[0])


def stale_twins() -> list[Twin]:
    """The twins whose checked-in text differs from what their source generates."""
    stale = []
    for twin in TWINS:
        current = twin.target_path.read_text(encoding='utf-8') if twin.target_path.exists() else ''
        if current != generate_twin(twin):
            stale.append(twin)
    return stale


def main() -> int:
    if '--check' in sys.argv[1:]:
        stale = stale_twins()
        for twin in stale:
            print(f'{twin.target} is out of date: run python scripts/unasync.py')
        return 1 if stale else 0
    for twin in TWINS:
        twin.target_path.write_text(generate_twin(twin), encoding='utf-8')
        print(f'wrote {twin.target}')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
