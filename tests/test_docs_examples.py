"""The documentation's examples run, and the API reference lists every public name.

Every fenced block opened with ```` ```python runnable ```` in ``docs/**/*.md`` is executed
on its own, in a fresh namespace whose ``__name__`` is not ``'__main__'`` (so a
``if __name__ == '__main__':`` block that would start a server is skipped). An example
passes when it runs to its end; examples check their own results with ``assert``. A block
opened with ```` ```python runnable continued ```` goes on from the runnable blocks before it
on its page: it runs after them, in their namespace (a tutorial builds its program step by
step that way).

A Python block that cannot run on its own (a part of a larger program, or code that needs a
service or a package the suite does not install) is opened with ```` ```python fragment ````
instead. A ```` ```python ```` block marked neither way fails the suite, so every example is
either run or declared a fragment.
"""

from __future__ import annotations

import importlib
import linecache
import re
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / 'docs'

_FENCE = re.compile(r'^```(?P<info>[^\n`]*)\n(?P<body>.*?)^```[ \t]*$', re.MULTILINE | re.DOTALL)


# One example: where its last block starts, and the blocks it runs, in order (each with
# where it starts).
Example = tuple[str, list[tuple[str, str]]]


def _runnable_blocks() -> list[Example]:
    blocks: list[Example] = []
    for path in sorted(DOCS.rglob('*.md')):
        text = path.read_text(encoding='utf-8')
        chain: list[tuple[str, str]] = []
        for match in _FENCE.finditer(text):
            words = match.group('info').split()
            if words[:1] == ['python'] and 'runnable' in words[1:]:
                line = text.count('\n', 0, match.start()) + 1
                where = f'{path.relative_to(DOCS)}:{line}'
                if 'continued' not in words[1:]:
                    chain = []
                chain = [*chain, (where, match.group('body'))]
                blocks.append((where, chain))
    return blocks


RUNNABLE = _runnable_blocks()
_MARKERS = frozenset({'runnable', 'fragment'})


def _unmarked_python_blocks() -> list[str]:
    unmarked = []
    for path in sorted(DOCS.rglob('*.md')):
        text = path.read_text(encoding='utf-8')
        for match in _FENCE.finditer(text):
            words = match.group('info').split()
            if words[:1] in (['python'], ['py'], ['python3']) and not _MARKERS & set(words[1:]):
                line = text.count('\n', 0, match.start()) + 1
                unmarked.append(f'{path.relative_to(DOCS)}:{line}')
    return unmarked


def test_every_python_block_is_runnable_or_a_fragment() -> None:
    assert _unmarked_python_blocks() == [], (
        'mark each block ```python runnable (run by this file) or ```python fragment'
    )


def test_the_docs_have_runnable_examples() -> None:
    assert len(RUNNABLE) >= 20


@pytest.mark.parametrize(('where', 'blocks'), RUNNABLE, ids=[where for where, _ in RUNNABLE])
def test_example_runs(where: str, blocks: list[tuple[str, str]]) -> None:
    namespace = {'__name__': 'docs_example'}
    for block_where, source in blocks:
        filename = f'docs/{block_where}'
        # Register the source so a failing example's traceback shows its lines.
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        exec(compile(source, filename, 'exec'), namespace)


def test_a_continued_block_runs_after_the_blocks_before_it() -> None:
    chains = {where: [part for part, _ in blocks] for where, blocks in RUNNABLE}
    continued = [where for where, blocks in RUNNABLE if len(blocks) > 1]
    assert continued, 'the tutorial continues its blocks'
    for where in continued:
        assert chains[where][-1] == where
        assert chains[where][:-1] == chains[chains[where][-2]]


@pytest.mark.parametrize(
    ('info', 'expected'),
    [
        ('python runnable', True),
        ('python  runnable extra', True),
        ('python', False),
        ('pycon runnable', False),
        ('sh', False),
    ],
)
def test_only_blocks_marked_runnable_are_collected(info: str, expected: bool) -> None:
    text = f'intro\n\n```{info}\nx = 1\n```\n'
    matches = [m.group('info').split() for m in _FENCE.finditer(text)]
    assert len(matches) == 1
    words = matches[0]
    assert (words[:1] == ['python'] and 'runnable' in words[1:]) is expected


def _reference_modules() -> list[str]:
    sys.path.insert(0, str(DOCS))
    try:
        generator = importlib.import_module('gen_reference')
    finally:
        sys.path.remove(str(DOCS))
    return [name for name, _ in generator.MODULES]


@pytest.mark.parametrize('module_name', _reference_modules())
def test_reference_page_lists_every_public_name(module_name: str) -> None:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        pytest.skip(f'{module_name} is not importable yet')
    page = DOCS / 'reference' / f'{module_name}.md'
    assert page.exists(), f'run: python docs/gen_reference.py ({page.name} is missing)'
    text = page.read_text(encoding='utf-8')
    # A name is documented by an autodoc directive, or listed in backticks (a constant, or a
    # link to the page that documents the same object).
    missing = [
        name
        for name in module.__all__
        if not re.search(
            rf'^\.\. auto\w+:: {re.escape(module_name)}\.{re.escape(name)}$', text, re.M
        )
        and not re.search(rf'`{re.escape(name)}`', text)
    ]
    assert not missing, f'run: python docs/gen_reference.py ({page.name} lacks {missing})'


# Pages other engineers are writing; a link to one of them is fine before it exists.
PAGES_WRITTEN_ELSEWHERE = frozenset({'guide/websocket.md', 'guide/sse.md'})

_LINK = re.compile(r'\]\((?P<target>[^)\s]+)\)')


def _relative_links() -> list[tuple[str, str]]:
    links = []
    for path in sorted(DOCS.rglob('*.md')):
        text = _FENCE.sub('', path.read_text(encoding='utf-8'))
        for match in _LINK.finditer(text):
            target = match.group('target').split('#', 1)[0]
            if target and '://' not in target and not target.startswith('mailto:'):
                links.append((str(path.relative_to(DOCS)), target))
    return links


@pytest.mark.parametrize(('page', 'target'), _relative_links())
def test_relative_link_points_to_a_page(page: str, target: str) -> None:
    resolved = ((DOCS / page).parent / target).resolve()
    inside_docs = resolved.is_relative_to(DOCS.resolve())
    name = resolved.relative_to(DOCS.resolve()).as_posix() if inside_docs else None
    assert inside_docs, (
        f'{page} links to {target}, outside docs/: the site has no such page '
        '(name the file in backticks instead)'
    )
    if name in PAGES_WRITTEN_ELSEWHERE and not resolved.exists():
        pytest.skip(f'{name} is not written yet')
    assert resolved.exists(), f'{page} links to missing {target}'
