"""Every module path of Falcon 4.4 imports, and holds every public name Falcon's does.

The listing (``tests/reference/falcon-4.4-modules.txt``, a copy of the specification's)
names each module and each name in it, with its kind. ``falcon.testing`` and its
submodules are checked by the test client's own tests.
"""

from __future__ import annotations

import asyncio
import datetime
import importlib
import inspect
import io
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.app_helpers
import falcon.asgi
import falcon.asgi._request_helpers
import falcon.asgi_spec
import falcon.constants
import falcon.hooks
import falcon.request
import falcon.request_helpers
import falcon.responders
import falcon.response_helpers
import falcon.routing
import falcon.routing.converters
import falcon.status_codes
import falcon.util
import falcon.util.deprecation
import falcon.version
from falcon import testing
from tests.reference import MODULE_LISTING

from ._support import resource

LISTING = MODULE_LISTING

# Modules whose names are checked elsewhere (the test client's suite).
OWNED_ELSEWHERE = ('falcon.testing',)


def _parse_listing() -> dict[str, list[tuple[str, str]]]:
    modules: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] | None = None
    for line in LISTING.read_text(encoding='utf-8').splitlines():
        if line.startswith('module '):
            current = modules.setdefault(line.split()[1], [])
        elif line.startswith('  ') and current is not None:
            name, _, description = line.strip().partition(':')
            current.append((name, description.strip()))
    return modules


MODULES = _parse_listing()
CHECKED = sorted(
    module
    for module in MODULES
    if not any(module == top or module.startswith(top + '.') for top in OWNED_ELSEWHERE)
)


_CONSTANT_TYPES = {
    'bool': bool,
    'bytes': bytes,
    'dict': dict,
    'frozenset': frozenset,
    'int': int,
    'list': list,
    'str': str,
    'tuple': tuple,
}


def _kind_problem(obj: object, description: str) -> str | None:
    words = description.split()
    kind = words[0] if words else ''
    if kind == 'constant' and len(words) > 1 and words[1] in _CONSTANT_TYPES:
        if not isinstance(obj, _CONSTANT_TYPES[words[1]]):
            return f'is a {type(obj).__name__}'
    if kind == 'class' and not isinstance(obj, type):
        return f'is not a class ({type(obj).__name__})'
    if kind == 'exception' and not (isinstance(obj, type) and issubclass(obj, BaseException)):
        return 'is not an exception class'
    if kind == 'function' and not callable(obj):
        return 'is not callable'
    if description.startswith('async function') and not inspect.iscoroutinefunction(obj):
        return 'is not a coroutine function'
    return None


def test_listing_is_parsed() -> None:
    assert len(MODULES) > 60
    assert ('App', 'class') in MODULES['falcon']
    assert 'falcon.app_helpers' in CHECKED
    assert 'falcon.testing.client' not in CHECKED


@pytest.mark.parametrize('module_name', CHECKED)
def test_public_names(module_name: str) -> None:
    module = importlib.import_module(module_name)
    problems = []
    for name, description in MODULES[module_name]:
        if name.startswith('_'):
            continue
        if not hasattr(module, name):
            problems.append(f'{name} ({description}) is missing')
            continue
        problem = _kind_problem(getattr(module, name), description)
        if problem:
            problems.append(f'{name} ({description}) {problem}')
    assert not problems, f'{module_name}: ' + '; '.join(problems)


# The private names provided, per module: each is bound to the object of this package that
# plays the same part as Falcon's (integrations and tools reach for some of them).
PROVIDED_PRIVATE = {
    'falcon': {'_logger'},
    'falcon._typing': {'_UNSET', '_Unset'},
    'falcon.asgi._request_helpers': {'_header_property'},
    'falcon.constants': {'_DEFAULT_STATIC_MEDIA_TYPES', '_META_METHODS'},
    'falcon.forwarded': {'_QUOTED_STRING', '_TOKEN', '_parse_forwarded_header'},
    'falcon.hooks': {'_DECORABLE_METHOD_NAME', '_DECORABLE_ON_REQUEST_METHOD_NAME'},
    'falcon.inspect': {
        '_Traversable',
        '_filter_internal',
        '_get_source_info',
        '_get_source_info_and_name',
        '_is_internal',
        '_supported_routers',
    },
    'falcon.request_helpers': {'_header_property', '_parse_cookie_header', '_parse_etags'},
    'falcon.response_helpers': {'_format_content_disposition', '_header_property'},
    'falcon.routing.compiled': {'_FIELD_PATTERN'},
    'falcon.routing.static': {'_BoundedFile', '_is_not_modified', '_open_file'},
    'falcon.util': {'_PyBufferedReader'},
    'falcon.util.mediatypes': {
        '_MediaRange',
        '_MediaType',
        '_parse_media_range',
        '_parse_media_ranges',
        '_parse_media_type',
    },
    'falcon.util.misc': {'_UNSAFE_CHARS', '_UTC_TIMEZONE', '_strptime', '_utcnow'},
}


def test_provided_private_names() -> None:
    """The private names chosen for compatibility are present, and listed by Falcon.

    A private name is provided where an object of this package plays the same part, so
    that code reaching into Falcon's internals (instrumentation, route documentation
    tools) finds it. The others are not provided, because nothing here plays their part:

    * code-generation internals of Falcon's router (the ``_Cx*`` classes, ``_TAB_STR``,
      ``_NO_CHILDREN_ERR``): the compiled router here generates its source differently;
    * fallbacks for older standard libraries (``_parse_header_old_stdlib``,
      ``_parse_param_old_stdlib``) and the Cython/pure-Python split beyond
      ``_PyBufferedReader`` (``_MAX_JOIN_CHUNKS``, ``_join_tokens*``, the URI encoder
      factories): this package has one pure-Python implementation of each;
    * the machinery of Falcon's own sync/async adapters (``_ActiveRunner``,
      ``_DummyRunner``, ``_one_thread_to_rule_them_all``...), WebSocket internals
      (``_BufferedReceiver``, ``_WebSocketState``...), ASGI event templates and hook
      wrappers: ``falcon.bridge``, the WebSocket adapter and the hook plans work otherwise;
    * regular expressions and tables whose parsers here are written without them
      (``_ENTITY_TAG_PATTERN``, ``_COOKIE_NAME_RESERVED_CHARS``, ``_FORWARDED_PAIR_RE``,
      the multipart ``_CRLF`` constants), and sets whose content differs from Falcon's
      (``_BODILESS_STATUS_CODES``: 1xx is tested by range here);
    * helpers for behaviour not implemented here (``_WINDOWS_RESERVED_FILENAMES``).
    """
    problems = []
    for module_name, names in sorted(PROVIDED_PRIVATE.items()):
        listed = {name for name, _ in MODULES.get(module_name, ())}
        module = importlib.import_module(module_name)
        for name in sorted(names):
            if name not in listed:
                problems.append(f'{module_name}.{name} is not in the listing')
            elif not hasattr(module, name):
                problems.append(f'{module_name}.{name} is missing')
            else:
                problem = _kind_problem(
                    getattr(module, name),
                    dict(MODULES[module_name])[name].replace('  private', ''),
                )
                if problem:
                    problems.append(f'{module_name}.{name} {problem}')
    assert not problems, '; '.join(problems)


# -- behaviour behind the names ------------------------------------------------------------


def test_version() -> None:
    assert falcon.version.__version__ == falcon.__version__
    assert falcon.__version__.startswith('4.4.0')


def test_constants() -> None:
    assert falcon.constants.ASGI_SUPPORTED is True
    assert falcon.constants.FALCON_SUPPORTED is True
    assert falcon.constants.PYPY is False
    assert falcon.constants.FALCON_CUSTOM_HTTP_METHODS == []
    assert falcon.constants._META_METHODS == ['WEBSOCKET']
    assert ('.json', 'application/json') in falcon.constants._DEFAULT_STATIC_MEDIA_TYPES
    assert falcon.status_codes.HTTP_PAYLOAD_TOO_LARGE == '413 Content Too Large'
    assert falcon.status_codes.HTTP_REQUEST_ENTITY_TOO_LARGE == '413 Content Too Large'
    assert falcon.request.WSGI_CONTENT_HEADERS == frozenset({'CONTENT_TYPE', 'CONTENT_LENGTH'})


def test_asyncio_aliases_are_asyncio_functions() -> None:
    for module in (falcon, falcon.util, falcon.util.sync):
        assert module.create_task is asyncio.create_task
        assert module.get_running_loop is asyncio.get_running_loop


def test_aliases() -> None:
    assert falcon.routing.DefaultRouter is falcon.routing.CompiledRouter
    assert falcon.util.BufferedReader is falcon.util.reader.BufferedReader
    assert dict(falcon.routing.converters.BUILTIN)['int'] is falcon.routing.IntConverter
    assert falcon.util.misc.utcnow().tzinfo is not None
    assert falcon.util.misc.strptime('2024-02-03', '%Y-%m-%d').day == 3


def test_api_alias_is_deprecated() -> None:
    with pytest.warns(falcon.util.deprecation.DeprecatedWarning):
        app = falcon.API()
    assert isinstance(app, falcon.App)


def test_asgi_spec() -> None:
    spec = falcon.asgi_spec
    assert (spec.ScopeType.HTTP, spec.ScopeType.WS, spec.ScopeType.LIFESPAN) == (
        'http',
        'websocket',
        'lifespan',
    )
    assert spec.EventType.HTTP_RESPONSE_START == 'http.response.start'
    assert spec.EventType.WS_CLOSE == 'websocket.close'
    assert spec.WSCloseCode.SERVER_ERROR == 1011
    assert spec.WSCloseCode.PATH_NOT_FOUND == 3404


def test_log_error_uses_documented_frame() -> None:
    errors = io.StringIO()
    env = testing.create_environ(path='/x', query_string='a=1')
    env['wsgi.errors'] = errors
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    falcon.Request(env).log_error('boom')
    after = datetime.datetime.now(datetime.timezone.utc)
    stamp, rest = errors.getvalue()[:19], errors.getvalue()[19:]
    logged_at = datetime.datetime.strptime(stamp, '%Y-%m-%d %H:%M:%S').replace(
        tzinfo=datetime.timezone.utc
    )
    assert before <= logged_at <= after
    assert rest == ' [FALCON] [ERROR] GET /x?a=1\nboom\n'
    assert errors.getvalue() == falcon.request.DEFAULT_ERROR_LOG_FORMAT.format(
        timestamp=logged_at, method='GET', uri='/x?a=1', message='boom'
    )


def test_log_error_is_not_available_in_asgi_apps() -> None:
    req = testing.create_asgi_req()
    with pytest.raises(NotImplementedError, match='logging'):
        req.log_error('boom')


def test_responders() -> None:
    req, resp = object(), object()
    with pytest.raises(falcon.HTTPBadRequest):
        falcon.responders.bad_request(req, resp)
    with pytest.raises(falcon.HTTPRouteNotFound):
        falcon.responders.path_not_found(req, resp)
    with pytest.raises(falcon.HTTPBadRequest):
        asyncio.run(falcon.responders.bad_request_async(req, resp))
    with pytest.raises(falcon.HTTPRouteNotFound):
        asyncio.run(falcon.responders.path_not_found_async(req, resp))

    plain = falcon.responders.create_method_not_allowed(['GET', 'PUT'])
    asynchronous = falcon.responders.create_method_not_allowed(['GET', 'PUT'], asgi=True)
    assert not inspect.iscoroutinefunction(plain)
    assert inspect.iscoroutinefunction(asynchronous)
    with pytest.raises(falcon.HTTPMethodNotAllowed) as caught:
        asyncio.run(asynchronous(req, resp))
    assert caught.value.headers == {'Allow': 'GET, PUT'}

    options = falcon.responders.create_default_options(['GET'], asgi=True)
    response = falcon.Response()
    assert inspect.iscoroutinefunction(options)
    asyncio.run(options(req, response))
    assert response.status == '200 OK'
    assert response.get_header('Allow') == 'GET'


def test_default_options_without_methods_has_no_allow(make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.router_options.default_to_on_request = True

    def on_request(req: Any, resp: Any) -> None:
        resp.media = {'ok': True}

    app.add_route('/any', resource(isinstance(app, falcon.asgi.App), on_request=on_request))
    result = testing.TestClient(app).simulate_options('/any')
    assert result.status_code == 200
    assert 'Allow' not in result.headers
    assert testing.TestClient(app).simulate_get('/any').json == {'ok': True}


def test_closeable_stream_iterator() -> None:
    stream = io.BytesIO(b'abcdefg')
    iterator = falcon.app_helpers.CloseableStreamIterator(stream, 3)
    assert list(iterator) == [b'abc', b'def', b'g']
    iterator.close()
    assert stream.closed


def test_prepare_middleware_ws() -> None:
    class WsMiddleware:
        async def process_request_ws(self, req: Any, ws: Any) -> None:
            pass

        async def process_resource_ws(self, req: Any, ws: Any, resource: Any, params: Any) -> None:
            pass

    first, second = WsMiddleware(), WsMiddleware()
    request_mw, resource_mw = falcon.app_helpers.prepare_middleware_ws([first, second])
    assert request_mw == [first.process_request_ws, second.process_request_ws]
    assert resource_mw == [first.process_resource_ws, second.process_resource_ws]


def test_prepare_middleware_orders_methods() -> None:
    class Component:
        def process_request(self, req: Any, resp: Any) -> None:
            pass

        def process_resource(self, req: Any, resp: Any, resource: Any, params: Any) -> None:
            pass

        def process_response(self, req: Any, resp: Any, resource: Any, ok: bool) -> None:
            pass

    first, second = Component(), Component()
    prepared = falcon.app_helpers.prepare_middleware([first, second])
    assert isinstance(prepared, tuple)
    request_mw, resource_mw, response_mw = prepared[:3]
    assert [step[0] for step in request_mw] == [first.process_request, second.process_request]
    assert [step[0] for step in resource_mw] == [first.process_resource, second.process_resource]
    assert [step[0] for step in response_mw] == [second.process_response, first.process_response]
    with pytest.raises(TypeError):
        falcon.app_helpers.prepare_middleware([object()])


def test_default_serialize_error_is_the_apps() -> None:
    req = testing.create_req(headers={'Accept': 'application/json'})
    resp = falcon.Response()
    falcon.app_helpers.default_serialize_error(req, resp, falcon.HTTPNotFound())
    assert resp.content_type == 'application/json'
    assert resp.data == b'{"title": "404 Not Found"}'


def test_header_properties(make_app: Callable[..., Any], asgi: bool) -> None:
    request_helpers = falcon.asgi._request_helpers if asgi else falcon.request_helpers
    base_request = falcon.asgi.Request if asgi else falcon.Request
    base_response = falcon.asgi.Response if asgi else falcon.Response

    class Request(base_request):  # type: ignore[misc, valid-type]
        api_key = request_helpers._header_property('HTTP_X_API_KEY')

    class Response(base_response):  # type: ignore[misc, valid-type]
        trace = falcon.response_helpers._header_property('X-Trace', 'The trace id.', str)

    def on_get(req: Any, resp: Any) -> None:
        resp.trace = 42
        resp.media = {'key': req.api_key}

    app = make_app(request_type=Request, response_type=Response)
    app.add_route('/', resource(asgi, on_get=on_get))
    client = testing.TestClient(app)
    result = client.simulate_get('/', headers={'X-API-Key': 'secret'})
    assert result.json == {'key': 'secret'}
    assert result.headers['X-Trace'] == '42'
    assert client.simulate_get('/').json == {'key': None}


def test_request_helpers_parsers() -> None:
    assert falcon.request_helpers._parse_cookie_header('a=1; b=2; a=3') == {
        'a': ['1', '3'],
        'b': ['2'],
    }
    etags = falcon.request_helpers._parse_etags('"x", W/"y"')
    assert etags == ['x', 'y']
    assert etags is not None and etags[1].is_weak


def test_decorate_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    def hook(req: Any, resp: Any, resource: Any, params: Any) -> None:
        pass

    class Skipped:
        def on_get(self, req: Any, resp: Any) -> None:
            pass

        def on_request(self, req: Any, resp: Any) -> None:
            pass

    assert falcon.hooks.decorate_on_request is False
    falcon.before(hook)(Skipped)
    assert hasattr(Skipped.on_get, '__falcon_hooks__')
    assert not hasattr(Skipped.on_request, '__falcon_hooks__')

    monkeypatch.setattr(falcon.hooks, 'decorate_on_request', True)

    class Decorated:
        def on_request(self, req: Any, resp: Any) -> None:
            pass

    falcon.before(hook)(Decorated)
    assert hasattr(Decorated.on_request, '__falcon_hooks__')
