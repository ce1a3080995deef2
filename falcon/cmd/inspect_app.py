"""The ``falcon-inspect-app`` command: print what an app is made of.

Usage: ``falcon-inspect-app [-r] [-v] [-i] module.path:app``. ``app`` is an attribute of the
module: a ``falcon.App`` or ``falcon.asgi.App`` instance, or a callable taking no arguments
that returns one. The current directory is importable, as it is for ``python -m``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Any

from falcon.core._app import AppCore
from falcon.inspect import StringVisitor, inspect_app, inspect_routes

__all__ = [
    'StringVisitor',
    'inspect_app',
    'inspect_routes',
    'load_app',
    'main',
    'make_parser',
    'route_main',
]


def make_parser() -> argparse.ArgumentParser:
    """Create the command's argument parser.

    Returns:
        The parser.
    """
    parser = argparse.ArgumentParser(
        prog='falcon-inspect-app', description='Example: falcon-inspect-app myprogram:app'
    )
    parser.add_argument(
        '-r',
        '--route_only',
        action='store_true',
        help='Prints only the information regarding the routes',
    )
    parser.add_argument('-v', '--verbose', action='store_true', help='More verbose output')
    parser.add_argument(
        '-i',
        '--internal',
        action='store_true',
        help='Print also internal falcon route methods and error handlers',
    )
    parser.add_argument(
        'app_module', help='The module and app to inspect. Example: myapp.somemodule:api'
    )
    return parser


def load_app(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Any:
    """Import and return the app named by ``args.app_module``.

    Args:
        parser: The parser, used to report errors (which exit the program).
        args: The parsed arguments.

    Returns:
        The app: a ``falcon.App`` or ``falcon.asgi.App``.
    """
    module_name, colon, attribute = args.app_module.partition(':')
    if not colon or not module_name or not attribute:
        parser.error('The app_module must include a colon between the module and instance')
    try:
        module = importlib.import_module(module_name)
    except ImportError as err:
        parser.error(f'Cannot import module {module_name!r}: {err}')
    try:
        app = getattr(module, attribute)
    except AttributeError:
        parser.error(f'{attribute!r} not found in module {module_name!r}')
    if not isinstance(app, AppCore):
        if not callable(app):
            parser.error(
                'The instance must be of falcon.App or be a callable without args that '
                'returns falcon.App'
            )
        app = app()
        if not isinstance(app, AppCore):
            parser.error(f'{args.app_module} did not return a falcon.App instance')
    return app


def main(argv: list[str] | None = None) -> None:
    """Run ``falcon-inspect-app``.

    Args:
        argv: The arguments; defaults to ``sys.argv[1:]``.
    """
    parser = make_parser()
    args = parser.parse_args(argv)
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    app = load_app(parser, args)
    if args.route_only:
        visitor = StringVisitor(args.verbose, args.internal)
        for route in inspect_routes(app):
            print(visitor.process(route))
    else:
        print(inspect_app(app).to_string(args.verbose, args.internal, name=args.app_module))


def route_main() -> None:
    """Run the deprecated ``falcon-print-routes`` command (now ``falcon-inspect-app``)."""
    print('The "falcon-print-routes" command is deprecated. Please use "falcon-inspect-app"')
    main()


if __name__ == '__main__':
    main()
