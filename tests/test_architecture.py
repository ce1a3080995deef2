"""The design rules of ARCHITECTURE.md, checked on the source tree.

1. falcon/core imports no I/O module and reads no environ/scope.
2. falcon/wsgi and falcon/asgi never import each other.
3. The package's module-level imports form no cycle.
4. Nothing in falcon/ reads environment variables.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / 'falcon'
IO_MODULES = {
    'asyncio',
    'concurrent',
    'multiprocessing',
    'selectors',
    'socket',
    'socketserver',
    'ssl',
    'subprocess',
    'threading',
    'wsgiref',
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix('').parts
    if parts[-1] == '__init__':
        parts = parts[:-1]
    return '.'.join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in PACKAGE.rglob('*.py')}


def _imports(path: Path, module: str, *, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding='utf-8'))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    is_package = path.name == '__init__.py'
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split('.')
                if not is_package:
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = '.'.join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ''
            found.add(target)
            found.update(f'{target}.{alias.name}' for alias in node.names)
    return found


CORE_MODULES = sorted(name for name in _modules() if name.startswith('falcon.core'))


@pytest.mark.parametrize('module', CORE_MODULES)
def test_core_imports_no_io(module: str) -> None:
    path = _modules()[module]
    imported = _imports(path, module, top_level_only=False)
    offending = {name for name in imported if name.split('.')[0] in IO_MODULES}
    assert not offending, f'{module} imports I/O modules: {sorted(offending)}'
    source = _without_documented_variables(path.read_text(encoding='utf-8'))
    for marker in ("['wsgi.", "scope['", 'os.environ', 'getenv('):
        assert marker not in source, f'{module} touches {marker!r}'


def test_core_module_list_is_not_empty() -> None:
    assert len(CORE_MODULES) > 20


@pytest.mark.parametrize(
    ('side', 'other'), [('falcon.wsgi', 'falcon.asgi'), ('falcon.asgi', 'falcon.wsgi')]
)
def test_adapters_do_not_import_each_other(side: str, other: str) -> None:
    for module, path in _modules().items():
        if module == side or module.startswith(side + '.'):
            imported = _imports(path, module, top_level_only=False)
            assert not any(name == other or name.startswith(other + '.') for name in imported), (
                f'{module} imports {other}'
            )


def test_no_import_cycles() -> None:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        edges = set()
        for name in _imports(path, module, top_level_only=True):
            while name and name not in modules:
                name = name.rpartition('.')[0]
            if name and name != module:
                edges.add(name)
        graph[module] = edges
    # A package importing its own submodules is the re-export pattern, not a cycle.
    for module in graph:
        graph[module] = {
            dep for dep in graph[module] if not dep.startswith(module + '.') or module == 'falcon'
        }
    visiting: set[str] = set()
    done: set[str] = set()
    stack: list[str] = []

    def visit(node: str) -> None:
        if node in done:
            return
        if node in visiting:
            cycle = [*stack[stack.index(node) :], node]
            raise AssertionError('import cycle: ' + ' -> '.join(cycle))
        visiting.add(node)
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            visit(dep)
        stack.pop()
        visiting.discard(node)
        done.add(node)

    for module in sorted(graph):
        visit(module)


# The environment variables Falcon documents as configuration; nothing else is read.
DOCUMENTED_VARIABLES = ("os.environ.get('FALCON_CUSTOM_HTTP_METHODS', '')",)


def _without_documented_variables(source: str) -> str:
    for access in DOCUMENTED_VARIABLES:
        source = source.replace(access, '')
    return source


def test_no_environment_switches_in_library() -> None:
    for module, path in _modules().items():
        source = _without_documented_variables(path.read_text(encoding='utf-8'))
        assert 'os.environ' not in source and 'getenv(' not in source, module


def test_channels_build_on_core_and_bridge_only() -> None:
    """falcon.channels serves both kinds of app: it imports neither adapter nor the test
    client, and nothing below it imports it."""
    lower = ('falcon.core', 'falcon.bridge', 'falcon.wsgi', 'falcon.asgi')
    for module, path in _modules().items():
        imported = _imports(path, module, top_level_only=False)
        if module.startswith('falcon.channels'):
            offending = {
                name
                for name in imported
                if name.startswith(('falcon.wsgi', 'falcon.asgi', 'falcon.testing'))
            }
            assert not offending, f'{module} imports {sorted(offending)}'
        elif module.startswith(lower):
            assert not any(name.startswith('falcon.channels') for name in imported), module
