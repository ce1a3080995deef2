"""Public classes and functions report the module where Falcon 4.4 defines them.

APM agents and error trackers name transactions, segments and error groups
``f'{obj.__module__}:{obj.__qualname__}'``; pickle finds a class or function again through
the same two names, and ``repr`` shows the module. The expected module (the object's "home")
comes from Falcon's module listing (``tests/reference/falcon-4.4-modules.txt``, a copy of the
specification's):

- a name marked ``= falcon.X.name`` is re-exported from ``falcon.X`` (a ``falcon.cyutil.X``
  mark is Falcon's optional compiled twin of the pure-Python ``falcon.util.X``, the one this
  package provides); a mark outside falcon is a standard library object, not checked;
- an unmarked name in a module that is not a package is defined there;
- a name listed only by packages (``falcon``, ``falcon.asgi``, ``falcon.testing``...) lives
  in the module that lists the same object unmarked, else in the deepest such package.

Builtin objects Falcon binds to a name (``falcon.request.now`` is ``datetime.now``) have no
module of their own and are left out.
"""

from __future__ import annotations

import importlib
import inspect
import pickle
import re
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.inspect
import falcon.testing
from tests.reference import MODULE_LISTING

LISTING = MODULE_LISTING
_KINDS = frozenset({'class', 'exception', 'function', 'async function'})


def _parse_listing() -> dict[str, list[tuple[str, str | None]]]:
    """Each module's public class and function names, with the ``= X`` mark if any."""
    modules: dict[str, list[tuple[str, str | None]]] = {}
    current: list[tuple[str, str | None]] | None = None
    for line in LISTING.read_text(encoding='utf-8').splitlines():
        if line.startswith('module '):
            current = modules.setdefault(line.split()[1], [])
        elif line.startswith('  ') and current is not None:
            name, rest = line.strip().split(': ', 1)
            kind, _, mark = rest.partition(' = ')
            if kind in _KINDS and not name.startswith('_'):
                current.append((name, mark or None))
    return modules


def _is_package(module_name: str) -> bool:
    return hasattr(importlib.import_module(module_name), '__path__')


def _homes() -> list[tuple[str, str, tuple[str, ...]]]:
    """``(listed_as, home, names_in_home)`` for every falcon-defined public object."""
    listing = _parse_listing()
    defined: dict[int, set[tuple[str, str]]] = {}
    packages: dict[int, list[str]] = {}
    first_seen: dict[int, str] = {}
    for module_name, entries in listing.items():
        module = importlib.import_module(module_name)
        for name, mark in entries:
            obj = getattr(module, name)
            if inspect.isbuiltin(obj) or (mark is not None and not mark.startswith('falcon.')):
                continue
            key = id(obj)
            first_seen.setdefault(key, f'{module_name}.{name}')
            if mark is not None:
                home, _, home_name = mark.replace('falcon.cyutil.', 'falcon.util.').rpartition('.')
                defined.setdefault(key, set()).add((home, home_name))
            elif _is_package(module_name):
                packages.setdefault(key, []).append(module_name)
            else:
                defined.setdefault(key, set()).add((module_name, name))
    homes = []
    for key, listed_as in first_seen.items():
        places = defined.get(key)
        if not places:
            package = max(packages[key], key=lambda p: p.count('.'))
            places = {(package, name) for name, _ in listing[package]}
            places = {(home, name) for home, name in places if _resolve_in(home, name, key)}
        for home in sorted({home for home, _ in places}):
            names = tuple(sorted(name for place, name in places if place == home))
            homes.append((listed_as, home, names))
    return homes


def _resolve_in(module_name: str, name: str, key: int) -> bool:
    return id(getattr(importlib.import_module(module_name), name)) == key


HOMES = _homes()


def _resolve(path: str) -> Any:
    module_name, _, name = path.rpartition('.')
    return getattr(importlib.import_module(module_name), name)


def test_every_object_has_one_home() -> None:
    listed: dict[str, set[str]] = {}
    for listed_as, home, _ in HOMES:
        listed.setdefault(listed_as, set()).add(home)
    assert {path: homes for path, homes in listed.items() if len(homes) > 1} == {}
    assert len(listed) > 250


@pytest.mark.parametrize(('listed_as', 'home', 'home_names'), HOMES, ids=[h[0] for h in HOMES])
def test_module_is_falcons(listed_as: str, home: str, home_names: tuple[str, ...]) -> None:
    obj = _resolve(listed_as)
    assert obj.__module__ == home
    # An alias (``falcon.stream.Body``) is listed beside the name the object carries.
    assert obj.__qualname__ in home_names
    assert getattr(importlib.import_module(home), obj.__qualname__) is obj
    # pickle finds it again by module and qualified name.
    assert pickle.loads(pickle.dumps(obj)) is obj


@pytest.mark.parametrize(
    'listed_as', sorted({h[0] for h in HOMES if inspect.isclass(_resolve(h[0]))})
)
def test_class_annotations_still_resolve(listed_as: str) -> None:
    cls = _resolve(listed_as)
    hints = typing.get_type_hints(cls)
    assert all(not isinstance(value, str) for value in hints.values())


@pytest.mark.parametrize(
    ('obj', 'expected'),
    [
        (falcon.App, 'falcon.app:App'),
        (falcon.App.__call__, 'falcon.app:App.__call__'),
        (falcon.App._handle_exception, 'falcon.app:App._handle_exception'),
        (falcon.asgi.App.__call__, 'falcon.asgi.app:App.__call__'),
        (falcon.asgi.App._handle_exception, 'falcon.asgi.app:App._handle_exception'),
        (falcon.HTTPError.to_dict, 'falcon.http_error:HTTPError.to_dict'),
        (falcon.API, 'falcon.app:API'),
        (falcon.HTTPRouteNotFound, 'falcon.errors:HTTPRouteNotFound'),
        (falcon.HTTPNotFound, 'falcon.errors:HTTPNotFound'),
        (falcon.HTTPError, 'falcon.http_error:HTTPError'),
        (falcon.HTTPStatus, 'falcon.http_status:HTTPStatus'),
        (falcon.HTTPFound, 'falcon.redirects:HTTPFound'),
        (falcon.Request, 'falcon.request:Request'),
        (falcon.Response, 'falcon.response:Response'),
        (falcon.RequestOptions, 'falcon.request:RequestOptions'),
        (falcon.asgi.App, 'falcon.asgi.app:App'),
        (falcon.asgi.Request, 'falcon.asgi.request:Request'),
        (falcon.asgi.Response, 'falcon.asgi.response:Response'),
        (falcon.asgi.WebSocket, 'falcon.asgi.ws:WebSocket'),
        (falcon.asgi.SSEvent, 'falcon.asgi.structures:SSEvent'),
        (falcon.responders.path_not_found, 'falcon.responders:path_not_found'),
        (falcon.responders.bad_request_async, 'falcon.responders:bad_request_async'),
        (falcon.routing.CompiledRouter, 'falcon.routing.compiled:CompiledRouter'),
        (falcon.routing.DefaultRouter, 'falcon.routing.compiled:CompiledRouter'),
        (falcon.routing.map_http_methods, 'falcon.routing.util:map_http_methods'),
        (falcon.app_helpers.prepare_middleware, 'falcon.app_helpers:prepare_middleware'),
        (falcon.secure_filename, 'falcon.util.misc:secure_filename'),
        (falcon.http_now, 'falcon.util.misc:http_now'),
        (falcon.to_query_str, 'falcon.util.misc:to_query_str'),
        (falcon.uri.decode, 'falcon.util.uri:decode'),
        (falcon.BufferedReader, 'falcon.util.reader:BufferedReader'),
        (falcon.util.DeprecatedWarning, 'falcon.util.deprecation:DeprecatedWarning'),
        (falcon.CORSMiddleware, 'falcon.middleware:CORSMiddleware'),
        (falcon.media.JSONHandler, 'falcon.media.json:JSONHandler'),
        (falcon.media.MultipartFormHandler, 'falcon.media.multipart:MultipartFormHandler'),
        (falcon.MultipartParseError, 'falcon.errors:MultipartParseError'),
        (falcon.before, 'falcon.hooks:before'),
        (falcon.testing.TestClient, 'falcon.testing.client:TestClient'),
        (falcon.testing.create_environ, 'falcon.testing.helpers:create_environ'),
        (falcon.testing.ASGIWebSocketSimulator, 'falcon.testing.helpers:ASGIWebSocketSimulator'),
        (falcon.testing.StartResponseMock, 'falcon.testing.srmock:StartResponseMock'),
        (falcon.testing.httpnow, 'falcon.util.misc:http_now'),
        (falcon.inspect.StringVisitor, 'falcon.inspect:StringVisitor'),
    ],
    ids=lambda value: value if isinstance(value, str) else '',
)
def test_name_as_apm_agents_read_it(obj: Any, expected: str) -> None:
    assert f'{obj.__module__}:{obj.__qualname__}' == expected


def test_async_multipart_classes_carry_falcons_names() -> None:
    from falcon.asgi.multipart import BodyPart, MultipartForm

    assert f'{BodyPart.__module__}:{BodyPart.__qualname__}' == 'falcon.asgi.multipart:BodyPart'
    get_data = BodyPart.get_data
    assert f'{get_data.__module__}:{get_data.__qualname__}' == (
        'falcon.asgi.multipart:BodyPart.get_data'
    )
    assert f'{MultipartForm.__module__}:{MultipartForm.__name__}' == (
        'falcon.asgi.multipart:MultipartForm'
    )
    assert BodyPart is not falcon.media.multipart.BodyPart
    assert falcon.media.multipart.BodyPart.__module__ == 'falcon.media.multipart'


def _bound_method_name(method: Any) -> str:
    # How New Relic's callable_name() and similar tools name a bound method: the module and
    # qualified name of the instance's class, then the method's name.
    owner = type(method.__self__)
    return f'{owner.__module__}:{owner.__qualname__}.{method.__name__}'


def test_app_methods_as_apm_agents_name_them(make_app: Any, asgi: bool) -> None:
    app = make_app()
    module = 'falcon.asgi.app' if asgi else 'falcon.app'
    assert _bound_method_name(app.__call__) == f'{module}:App.__call__'
    assert _bound_method_name(app._handle_exception) == f'{module}:App._handle_exception'
    # Others (Sentry's qualname_from_function) read the function's own names.
    method = app._handle_exception
    assert f'{method.__module__}.{method.__qualname__}' == f'{module}.App._handle_exception'


def test_new_relic_callable_name_of_app_methods() -> None:
    object_names = pytest.importorskip('newrelic.common.object_names')
    app = falcon.App()
    assert object_names.callable_name(app.__call__) == 'falcon.app:App.__call__'
    assert object_names.callable_name(app._handle_exception) == (
        'falcon.app:App._handle_exception'
    )
    assert object_names.callable_name(falcon.responders.path_not_found) == (
        'falcon.responders:path_not_found'
    )
    assert object_names.callable_name(falcon.HTTPNotFound) == 'falcon.errors:HTTPNotFound'


_FRESH = """
import {module}
print(' '.join(f'{{o.__module__}}:{{o.__qualname__}}' for o in ({objects})))
"""


@pytest.mark.parametrize(
    ('module', 'objects', 'expected'),
    [
        (
            'falcon',
            'falcon.App, falcon.HTTPNotFound, falcon.Request, falcon.responders.path_not_found,'
            ' falcon.app_helpers.prepare_middleware, falcon.media.JSONHandler',
            'falcon.app:App falcon.errors:HTTPNotFound falcon.request:Request'
            ' falcon.responders:path_not_found falcon.app_helpers:prepare_middleware'
            ' falcon.media.json:JSONHandler',
        ),
        (
            'falcon.asgi',
            'falcon.asgi.App, falcon.asgi.WebSocket, falcon.asgi.BoundedStream',
            'falcon.asgi.app:App falcon.asgi.ws:WebSocket falcon.asgi.stream:BoundedStream',
        ),
        (
            'falcon.testing',
            'falcon.testing.TestClient, falcon.testing.SimpleTestResource',
            'falcon.testing.client:TestClient falcon.testing.resource:SimpleTestResource',
        ),
    ],
    ids=['falcon', 'falcon.asgi', 'falcon.testing'],
)
def test_names_are_set_once_the_package_is_imported(
    module: str, objects: str, expected: str
) -> None:
    # A fresh interpreter that imports only the package: the modules that set the names are
    # loaded by the package itself, before an agent sees the first request.
    code = _FRESH.format(module=module, objects=objects)
    done = subprocess.run(
        [sys.executable, '-c', code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == expected


def test_error_survives_pickling() -> None:
    error = pickle.loads(pickle.dumps(falcon.HTTPNotFound(title='x')))
    assert type(error) is falcon.HTTPNotFound
    assert error.title == 'x'
    assert error.status == falcon.HTTP_404
    assert error.to_dict() == {'title': 'x'}


def test_base_error_survives_pickling() -> None:
    error = pickle.loads(
        pickle.dumps(falcon.HTTPError(falcon.HTTP_409, title='t', description='d'))
    )
    assert type(error) is falcon.HTTPError
    assert (error.status, error.title, error.description) == (falcon.HTTP_409, 't', 'd')


def test_repr_shows_falcons_module() -> None:
    assert repr(falcon.HTTPNotFound) == "<class 'falcon.errors.HTTPNotFound'>"
    assert repr(falcon.App()).startswith('<falcon.app.App object at ')
    assert repr(falcon.asgi.App()).startswith('<falcon.asgi.app.App object at ')


def test_inspect_finds_the_source_of_framework_classes(asgi: bool) -> None:
    app = falcon.asgi.App(cors_enable=True) if asgi else falcon.App(cors_enable=True)
    test_resource = (
        falcon.testing.SimpleTestResourceAsync() if asgi else falcon.testing.SimpleTestResource()
    )
    app.add_route('/', test_resource)
    info = falcon.inspect.inspect_app(app)
    route_file, _, route_line = info.routes[0].source_info.rpartition(':')
    source = Path(route_file).read_text(encoding='utf-8').splitlines()
    assert re.match(rf'class {type(test_resource).__name__}\b', source[int(route_line) - 1])
    middleware = info.middleware.middleware_classes[0]
    assert middleware.name == 'CORSMiddleware'
    cors_file, _, cors_line = middleware.source_info.rpartition(':')
    source = Path(cors_file).read_text(encoding='utf-8').splitlines()
    assert re.match(r'class CORSMiddleware\b', source[int(cors_line) - 1])
