from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import falcon
import falcon.asgi
from falcon import inspect
from falcon.inspect import (
    AppInfo,
    ErrorHandlerInfo,
    InspectVisitor,
    MiddlewareClassInfo,
    MiddlewareInfo,
    MiddlewareMethodInfo,
    MiddlewareTreeInfo,
    MiddlewareTreeItemInfo,
    RouteInfo,
    RouteMethodInfo,
    SinkInfo,
    StaticRouteInfo,
    StringVisitor,
)

HERE = __file__


class Books:
    def on_get(self, req: Any, resp: Any) -> None:
        pass

    async def on_post(self, req: Any, resp: Any) -> None:
        pass

    def on_get_item(self, req: Any, resp: Any, isbn: str) -> None:
        pass


class Hooked:
    @falcon.before(lambda req, resp, resource, params: None)
    def on_put(self, req: Any, resp: Any) -> None:
        pass


class Timing:
    def process_request(self, req: Any, resp: Any) -> None:
        pass

    def process_resource(self, req: Any, resp: Any, resource: Any, params: Any) -> None:
        pass

    def process_response(self, req: Any, resp: Any, resource: Any, ok: bool) -> None:
        pass


class Auth:
    async def process_request(self, req: Any, resp: Any) -> None:
        pass

    def process_response(self, req: Any, resp: Any, resource: Any, ok: bool) -> None:
        pass


class Both:
    def process_request(self, req: Any, resp: Any) -> None:
        pass

    async def process_request_async(self, req: Any, resp: Any) -> None:
        pass


def books_sink(req: Any, resp: Any, **kwargs: Any) -> None:
    pass


class CallableSink:
    def __call__(self, req: Any, resp: Any, **kwargs: Any) -> None:
        pass


def value_error_handler(req: Any, resp: Any, ex: Exception, params: Any) -> None:
    pass


APP_CLASSES = [pytest.param(falcon.App, id='wsgi'), pytest.param(falcon.asgi.App, id='asgi')]


def build(app_class: Any, tmp_path: Path, independent: bool = True) -> Any:
    (tmp_path / 'index.html').write_text('hi')
    app = app_class(middleware=[Timing(), Auth()], independent_middleware=independent)
    app.add_route('/books', Books())
    app.add_route('/books/{isbn}', Books(), suffix='item')
    app.add_route('/hooked', Hooked())
    app.add_static_route('/static', tmp_path, fallback_filename='index.html')
    app.add_sink(books_sink, '/sink')
    app.add_sink(CallableSink(), re.compile(r'/re/(?P<id>\d+)'))
    app.add_error_handler(ValueError, value_error_handler)
    return app


@pytest.mark.parametrize('app_class', APP_CLASSES)
def test_inspect_app(app_class: Any, tmp_path: Path) -> None:
    app = build(app_class, tmp_path)
    info = inspect.inspect_app(app)
    assert isinstance(info, AppInfo)
    assert info.asgi is (app_class is falcon.asgi.App)
    assert [route.path for route in info.routes] == ['/books', '/books/{isbn}', '/hooked']
    assert {route.class_name for route in info.routes} == {'Books', 'Hooked'}
    assert info.static_routes[0].prefix == '/static/'
    assert info.static_routes[0].directory == str(tmp_path)
    assert info.static_routes[0].fallback_filename == str(tmp_path / 'index.html')
    assert [(sink.prefix, sink.name) for sink in info.sinks] == [
        (r'/re/(?P<id>\d+)', 'CallableSink'),
        ('/sink', 'books_sink'),
    ]
    assert info.middleware.independent


@pytest.mark.parametrize('app_class', APP_CLASSES)
def test_route_methods(app_class: Any, tmp_path: Path) -> None:
    routes = inspect.inspect_routes(build(app_class, tmp_path))
    books, item, hooked = routes
    user = {m.method: m for m in books.methods if not m.internal}
    assert {method: m.function_name for method, m in user.items()} == {
        'GET': 'on_get',
        'POST': 'on_post',
    }
    assert user['GET'].source_info.startswith(HERE + ':')
    assert user['GET'].suffix == ''
    internal = {m.method: m.function_name for m in books.methods if m.internal}
    assert internal['OPTIONS'] == 'on_options'
    assert internal['DELETE'] == 'method_not_allowed'
    item_get = next(m for m in item.methods if m.method == 'GET')
    assert (item_get.function_name, item_get.suffix) == ('on_get_item', 'item')
    hooked_put = next(m for m in hooked.methods if m.method == 'PUT')
    assert hooked_put.function_name == 'on_put'
    assert not hooked_put.internal
    assert books.source_info.startswith(HERE + ':')


@pytest.mark.parametrize('app_class', APP_CLASSES)
def test_error_handlers(app_class: Any, tmp_path: Path) -> None:
    handlers = inspect.inspect_error_handlers(build(app_class, tmp_path))
    by_error = {handler.error: handler for handler in handlers}
    assert by_error['ValueError'].name == 'value_error_handler'
    assert not by_error['ValueError'].internal
    assert by_error['ValueError'].source_info.startswith(HERE + ':')
    assert by_error['Exception'].internal
    assert by_error['HTTPError'].internal


@pytest.mark.parametrize('app_class', APP_CLASSES)
@pytest.mark.parametrize('independent', [True, False])
def test_middleware(app_class: Any, independent: bool, tmp_path: Path) -> None:
    info = inspect.inspect_middleware(build(app_class, tmp_path, independent))
    tree = info.middleware_tree
    assert [(i.class_name, i.name) for i in tree.request] == [
        ('Timing', 'process_request'),
        ('Auth', 'process_request'),
    ]
    assert [(i.class_name, i.name) for i in tree.resource] == [('Timing', 'process_resource')]
    assert [(i.class_name, i.name) for i in tree.response] == [
        ('Auth', 'process_response'),
        ('Timing', 'process_response'),
    ]
    assert [cls.name for cls in info.middleware_classes] == ['Timing', 'Auth']
    assert [m.function_name for m in info.middleware_classes[0].methods] == [
        'process_request',
        'process_resource',
        'process_response',
    ]
    assert info.independent is independent
    assert info.independent_text == (
        'Middleware are independent' if independent else 'Middleware are dependent'
    )


@pytest.mark.parametrize(
    ('app_class', 'expected'),
    [
        pytest.param(falcon.App, 'process_request', id='wsgi'),
        pytest.param(falcon.asgi.App, 'process_request_async', id='asgi'),
    ],
)
def test_middleware_spelling_follows_the_app(app_class: Any, expected: str) -> None:
    info = inspect.inspect_middleware(app_class(middleware=[Both()]))
    assert [item.name for item in info.middleware_tree.request] == [expected]
    assert '→ Both.' + expected in StringVisitor().process(info.middleware_tree)


def test_cors_middleware_is_listed() -> None:
    info = inspect.inspect_middleware(falcon.App(cors_enable=True))
    assert [cls.name for cls in info.middleware_classes] == ['CORSMiddleware']


def test_to_string(tmp_path: Path) -> None:
    app = build(falcon.App, tmp_path)
    text = inspect.inspect_app(app).to_string()
    assert text.startswith('Falcon App (WSGI)\n• Routes:\n')
    assert '    ⇒ /books - Books:\n       ├── GET - on_get\n       └── POST - on_post' in text
    assert '    ⇒ /books/{isbn} - Books:\n       └── GET - on_get_item' in text
    assert '• Middleware (Middleware are independent):\n    → Timing.process_request' in text
    assert '↣ Timing.process_resource' in text
    assert '├── Process route responder' in text
    assert '↢ Timing.process_response' in text
    assert f'• Static routes:\n    ↦ /static/ {tmp_path} [{tmp_path / "index.html"}]' in text
    assert '• Sinks:\n    ⇥ /re/(?P<id>\\d+) CallableSink\n    ⇥ /sink books_sink' in text
    assert text.endswith('• Error handlers:\n    ⇜ ValueError value_error_handler')
    assert 'OPTIONS' not in text
    assert HERE not in text
    assert '- Middleware classes' not in text


def test_to_string_verbose_internal_and_name(tmp_path: Path) -> None:
    app = build(falcon.asgi.App, tmp_path)
    text = inspect.inspect_app(app).to_string(verbose=True, internal=True, name='api')
    assert text.startswith('api (ASGI)\n')
    assert '├── OPTIONS - on_options (' in text
    assert '⇜ Exception _unexpected_error_handler (' in text
    assert f'⇒ /books - Books ({HERE}:' in text
    assert '    - Middleware classes:\n        ↣ Timing (' in text
    assert f'           ├── process_request ({HERE}:' in text


def test_empty_app() -> None:
    text = inspect.inspect_app(falcon.App()).to_string()
    assert text == 'Falcon App (WSGI)'


def test_middleware_tree_layout() -> None:
    tree = MiddlewareTreeInfo(
        [MiddlewareTreeItemInfo('process_request', 'A')],
        [],
        [
            MiddlewareTreeItemInfo('process_response', 'B'),
            MiddlewareTreeItemInfo('process_response', 'A'),
        ],
    )
    assert StringVisitor().process(tree) == '\n'.join(
        [
            '  → A.process_request',
            '',
            '      ├── Process route responder',
            '',
            '  ↢ B.process_response',
            '↢ A.process_response',
        ]
    )


@pytest.mark.parametrize(
    ('info', 'plain', 'verbose'),
    [
        (
            RouteMethodInfo('GET', 'f.py:1', 'on_get', False),
            'GET - on_get',
            'GET - on_get (f.py:1)',
        ),
        (RouteInfo('/x', 'X', 'f.py:2', []), '⇒ /x - X', '⇒ /x - X (f.py:2)'),
        (StaticRouteInfo('/s/', '/srv', None), '↦ /s/ /srv', '↦ /s/ /srv'),
        (SinkInfo('/k', 'sink', 'f.py:3'), '⇥ /k sink', '⇥ /k sink (f.py:3)'),
        (
            ErrorHandlerInfo('KeyError', 'handle', 'f.py:4', False),
            '⇜ KeyError handle',
            '⇜ KeyError handle (f.py:4)',
        ),
        (
            MiddlewareMethodInfo('process_request', 'f.py:5'),
            'process_request',
            'process_request (f.py:5)',
        ),
        (
            MiddlewareClassInfo(
                'M', 'f.py:6', [MiddlewareMethodInfo('process_request', 'f.py:7')]
            ),
            '↣ M:\n   └── process_request',
            '↣ M (f.py:6):\n   └── process_request (f.py:7)',
        ),
        (
            MiddlewareTreeItemInfo('process_resource', 'M'),
            '↣ M.process_resource',
            '↣ M.process_resource',
        ),
    ],
)
def test_info_to_string(info: Any, plain: str, verbose: str) -> None:
    assert info.to_string() == plain
    assert repr(info) == plain
    assert info.to_string(verbose=True) == verbose


def test_route_hides_internal_methods_unless_asked() -> None:
    route = RouteInfo(
        '/x',
        'X',
        'f.py:1',
        [
            RouteMethodInfo('GET', 'f.py:2', 'on_get', False),
            RouteMethodInfo('OPTIONS', 'falcon:1', 'on_options', True),
        ],
    )
    assert route.to_string() == '⇒ /x - X:\n   └── GET - on_get'
    assert route.to_string(internal=True) == (
        '⇒ /x - X:\n   ├── GET - on_get\n   └── OPTIONS - on_options'
    )


def test_custom_visitor() -> None:
    class Paths(InspectVisitor):
        def visit_route(self, route: RouteInfo) -> str:
            return route.path

    assert Paths().process(RouteInfo('/a', 'A', '', [])) == '/a'
    with pytest.raises(RuntimeError, match='does not support'):
        Paths().process(SinkInfo('/', 's', ''))


def test_register_router() -> None:
    class MyRouter:
        options = None

        def find(self, uri: str, req: Any = None) -> None:
            return None

    app = falcon.App(router=MyRouter())
    with pytest.raises(TypeError, match='Unsupported router class'):
        inspect.inspect_routes(app)

    @inspect.register_router(MyRouter)
    def inspect_my_router(router: MyRouter) -> list[RouteInfo]:
        return [RouteInfo('/mine', 'Mine', '', [])]

    assert [route.path for route in inspect.inspect_routes(app)] == ['/mine']
    with pytest.raises(ValueError, match='already registered'):
        inspect.register_router(MyRouter)(inspect_my_router)


def test_router_subclass_uses_the_base_inspector() -> None:
    class Custom(inspect.CompiledRouter):
        pass

    app = falcon.App(router=Custom())
    app.add_route('/c', Books())
    assert [route.path for route in inspect.inspect_routes(app)] == ['/c']


def test_inspect_compiled_router_directly() -> None:
    router = inspect.CompiledRouter()
    router.add_route('/', Books())
    router.add_route('/a/{b}/c', Books())
    assert [route.path for route in inspect.inspect_compiled_router(router)] == ['/', '/a/{b}/c']


def test_unknown_source_is_reported() -> None:
    app = falcon.App()
    app.add_sink(len, '/builtin')  # type: ignore[arg-type]
    (sink,) = inspect.inspect_sinks(app)
    assert (sink.name, sink.source_info) == ('len', '[unknown file]')


def test_middleware_info_to_string_empty() -> None:
    info = MiddlewareInfo(MiddlewareTreeInfo([], [], []), [], True)
    assert info.to_string() == ''
