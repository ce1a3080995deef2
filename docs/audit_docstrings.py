"""List the public functions, methods and classes whose docstrings are missing or incomplete.

Public means reachable from a module of the API reference (``gen_reference.MODULES``): the
functions and classes in each ``__all__``, and the public methods and properties of those
classes (including what they get from the package's private base classes). A docstring is
incomplete when it lacks a section the code calls for, in Google style:

* ``Args:`` when the function takes parameters (besides ``self`` and ``cls``);
* ``Returns:`` (or ``Yields:``) when it is annotated to return something (not ``None``,
  ``NoReturn`` or a context manager's ``Iterator[None]``); properties and ``__init__``
  are excepted: their summary says what they are;
* ``Raises:`` when its body raises an exception itself.

Run it from the repository root:

    .venv/bin/python docs/audit_docstrings.py          # one line per problem, then a count
    .venv/bin/python docs/audit_docstrings.py --count  # only the count
"""

from __future__ import annotations

import argparse
import ast
import importlib
import inspect
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_reference

_ARGS_SECTIONS = ('Args:', 'Arguments:', 'Keyword Args:', 'Keyword Arguments:', 'Parameters:')
_RETURNS_SECTIONS = ('Returns:', 'Return:', 'Yields:', 'Yield:')
_RAISES_SECTIONS = ('Raises:',)
# Return annotations that give the caller nothing: no Returns: section is due. A context
# manager written as a generator yields ``None`` once.
_RETURNS_NOTHING = frozenset(
    {'None', 'NoReturn', 'Never', 'Iterator[None]', 'Generator[None, None, None]'}
)


def _is_falcon(value: Any) -> bool:
    return (getattr(value, '__module__', None) or '').split('.', 1)[0] == 'falcon'


def _public_objects() -> Iterator[tuple[str, Any]]:
    """(path, object) for every public function, class, method and property, once each."""
    seen: set[int] = set()
    for module_name, _ in gen_reference.MODULES:
        module = importlib.import_module(module_name)
        for name in getattr(module, '__all__', []):
            value = getattr(module, name, None)
            if id(value) in seen or not _is_falcon(value):
                continue
            if inspect.isclass(value) or inspect.isroutine(value):
                seen.add(id(value))
                yield f'{module_name}.{name}', value
            if not inspect.isclass(value):
                continue
            for klass in value.__mro__:
                if klass is object or not _is_falcon(klass):
                    continue
                for member_name, member in vars(klass).items():
                    if member_name.startswith('_') and member_name != '__call__':
                        continue
                    if isinstance(member, (staticmethod, classmethod)):
                        member = member.__func__
                    if not (inspect.isfunction(member) or isinstance(member, property)):
                        continue
                    if id(member) in seen:
                        continue
                    seen.add(id(member))
                    yield f'{module_name}.{name}.{member_name}', member


def _raises_itself(func: Any) -> bool:
    try:
        source = textwrap.dedent(inspect.getsource(func))
    except (OSError, TypeError):
        return False
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    function = tree.body[0]
    pending = list(ast.iter_child_nodes(function))
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, ast.Raise) and node.exc is not None:
            return True
        pending.extend(ast.iter_child_nodes(node))
    return False


def _has(doc: str, sections: tuple[str, ...]) -> bool:
    return any(
        f'\n{section}' in f'\n{line.strip()}' for line in doc.splitlines() for section in sections
    )


def problems_of(path: str, value: Any) -> list[str]:
    """What the docstring of ``value`` lacks (an empty list when nothing)."""
    doc = inspect.getdoc(value.fget if isinstance(value, property) else value) or ''
    if isinstance(value, property):
        return [] if doc or value.__doc__ else ['no docstring']
    if not doc:
        return ['no docstring']
    if inspect.isclass(value):
        return []
    problems = []
    try:
        signature = inspect.signature(value)
    except (TypeError, ValueError):
        return []
    parameters = [name for name in signature.parameters if name not in ('self', 'cls')]
    if parameters and not _has(doc, _ARGS_SECTIONS):
        problems.append('no Args:')
    returns = signature.return_annotation
    is_init = path.endswith('.__init__')
    if (
        not is_init
        and returns is not inspect.Signature.empty
        and str(returns) not in _RETURNS_NOTHING
        and not _has(doc, _RETURNS_SECTIONS)
    ):
        problems.append('no Returns:')
    if _raises_itself(value) and not _has(doc, _RAISES_SECTIONS):
        problems.append('no Raises:')
    return problems


def main(argv: list[str] | None = None) -> int:
    """Print the problems found; the exit status is 0 either way (this is a report)."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('--count', action='store_true', help='print only the counts')
    args = parser.parse_args(argv)
    missing = incomplete = 0
    for path, value in _public_objects():
        problems = problems_of(path, value)
        if not problems:
            continue
        if problems == ['no docstring']:
            missing += 1
        else:
            incomplete += 1
        if not args.count:
            where = inspect.getsourcefile(getattr(value, 'fget', value)) or '?'
            print(f'{path}: {", ".join(problems)} ({Path(where).relative_to(Path.cwd())})')
    print(f'{missing} without a docstring, {incomplete} with sections missing')
    return 0


if __name__ == '__main__':
    sys.exit(main())
