"""Inspecting an app: its routes, middleware, static routes, sinks and error handlers.

Rules: inspection only reads the app (it works the same on ``falcon.App`` and
``falcon.asgi.App``, which share :class:`~falcon.core._app.AppCore`) and never changes it.
The result is a tree of plain ``*Info`` objects; a visitor turns the tree into text
(:class:`StringVisitor`) or anything else (subclass :class:`InspectVisitor`). Framework
responders and error handlers (those marked ``__falcon_builtin__``, or defined in falcon's
own modules) are flagged ``internal`` and left out of the text unless asked for. A
``source_info`` takes its file and its line from the same object: a decorated function (a
hooked responder keeps the user's function as ``__wrapped__``) is unwrapped, and a function
is located at its ``def`` line, not at its first decorator.

Strategy: routes come from a function registered per router class
(:func:`register_router`); the default :class:`CompiledRouter` is registered here and
inspected by walking its node tree. The visitors that turn the tree into text live in
:mod:`falcon.core._inspect_visitors`. Not on any request path; clarity over speed.
"""

from __future__ import annotations

import functools
import inspect
import linecache
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from falcon.core._app import AppCore
from falcon.core._middleware import plan_middleware
from falcon.core.routing._compiled import CompiledRouter, CompiledRouterNode

__all__ = [
    'AppInfo',
    'ErrorHandlerInfo',
    'MiddlewareClassInfo',
    'MiddlewareInfo',
    'MiddlewareMethodInfo',
    'MiddlewareTreeInfo',
    'MiddlewareTreeItemInfo',
    'RouteInfo',
    'RouteMethodInfo',
    'SinkInfo',
    'StaticRouteInfo',
    'inspect_app',
    'inspect_compiled_router',
    'inspect_error_handlers',
    'inspect_middleware',
    'inspect_routes',
    'inspect_sinks',
    'inspect_static_routes',
    'register_router',
]

RouterInspector = Callable[[Any], 'list[RouteInfo]']
_InspectorT = TypeVar('_InspectorT', bound=RouterInspector)

_supported_routers: dict[type, RouterInspector] = {}

_UNKNOWN_FILE = '[unknown file]'


# -- the info tree ----------------------------------------------------------------------------


class _Traversable:
    __visit_name__ = 'N/A'

    def to_string(self, verbose: bool = False, internal: bool = False) -> str:
        """Return a text description of this object.

        Args:
            verbose: Add source locations and more detail.
            internal: Include framework responders and error handlers.

        Returns:
            The text made by :class:`StringVisitor`.
        """
        from falcon.core._inspect_visitors import StringVisitor

        return StringVisitor(verbose, internal).process(self)

    def __repr__(self) -> str:
        return self.to_string()


class RouteMethodInfo(_Traversable):
    """A responder of a route.

    Args:
        method: The HTTP method, e.g. ``'GET'``.
        source_info: ``'file:line'`` of the responder's source, or ``'[unknown file]'``.
        function_name: The responder's name, e.g. ``'on_get'``.
        internal: Whether the responder is the framework's (e.g. the default ``OPTIONS``).

    Attributes:
        suffix: The responder's suffix (``'item'`` for ``on_get_item``), or ``''``.
    """

    __visit_name__ = 'route_method'

    def __init__(self, method: str, source_info: str, function_name: str, internal: bool):
        self.method = method
        self.source_info = source_info
        self.function_name = function_name
        self.internal = internal
        if function_name.startswith('on_'):
            self.suffix = '_'.join(function_name.split('_')[2:])
        else:
            self.suffix = ''


class RouteInfo(_Traversable):
    """A route: a path template and its resource's responders.

    Args:
        path: The route's path template, e.g. ``'/books/{isbn}'``.
        class_name: The resource's class name.
        source_info: ``'file:line'`` of the resource's class.
        methods: The responders, one per HTTP method.
    """

    __visit_name__ = 'route'

    def __init__(
        self, path: str, class_name: str, source_info: str, methods: list[RouteMethodInfo]
    ):
        self.path = path
        self.class_name = class_name
        self.source_info = source_info
        self.methods = methods


class StaticRouteInfo(_Traversable):
    """A static route.

    Args:
        prefix: The URL prefix.
        directory: The directory the files are served from.
        fallback_filename: The file served when the requested one does not exist, if any.
    """

    __visit_name__ = 'static_route'

    def __init__(self, prefix: str, directory: str, fallback_filename: str | None):
        self.prefix = prefix
        self.directory = directory
        self.fallback_filename = fallback_filename


class SinkInfo(_Traversable):
    """A sink.

    Args:
        prefix: The path prefix, or the pattern of a regular expression prefix.
        name: The sink's name.
        source_info: ``'file:line'`` of the sink's source.
    """

    __visit_name__ = 'sink'

    def __init__(self, prefix: str, name: str, source_info: str):
        self.prefix = prefix
        self.name = name
        self.source_info = source_info


class ErrorHandlerInfo(_Traversable):
    """An error handler.

    Args:
        error: The name of the exception class it handles.
        name: The handler's name.
        source_info: ``'file:line'`` of the handler's source.
        internal: Whether the handler is one of the framework's defaults.
    """

    __visit_name__ = 'error_handler'

    def __init__(self, error: str, name: str, source_info: str, internal: bool):
        self.error = error
        self.name = name
        self.source_info = source_info
        self.internal = internal


class MiddlewareMethodInfo(_Traversable):
    """A method of a middleware class.

    Args:
        function_name: The method's name, e.g. ``'process_request'``.
        source_info: ``'file:line'`` of the method's source.
    """

    __visit_name__ = 'middleware_method'

    def __init__(self, function_name: str, source_info: str):
        self.function_name = function_name
        self.source_info = source_info
        self.internal = False


class MiddlewareClassInfo(_Traversable):
    """A middleware component.

    Args:
        name: The component's class name.
        source_info: ``'file:line'`` of the class.
        methods: Its ``process_request``, ``process_resource`` and ``process_response``
            methods (those it has).
    """

    __visit_name__ = 'middleware_class'

    def __init__(self, name: str, source_info: str, methods: list[MiddlewareMethodInfo]):
        self.name = name
        self.source_info = source_info
        self.methods = methods


class MiddlewareTreeItemInfo(_Traversable):
    """One middleware method in the order of a request's processing.

    Args:
        name: The method's name, e.g. ``'process_resource'``.
        class_name: The name of the component's class.
    """

    __visit_name__ = 'middleware_tree_item'

    _symbols = {
        'process_request': '→',
        'process_resource': '↣',
        'process_response': '↢',
    }

    def __init__(self, name: str, class_name: str):
        self.name = name
        self.class_name = class_name


class MiddlewareTreeInfo(_Traversable):
    """The middleware methods run for a request, in order.

    Args:
        request: The ``process_request`` methods, in the order they run.
        resource: The ``process_resource`` methods, in the order they run.
        response: The ``process_response`` methods, in the order they run.
    """

    __visit_name__ = 'middleware_tree'

    def __init__(
        self,
        request: list[MiddlewareTreeItemInfo],
        resource: list[MiddlewareTreeItemInfo],
        response: list[MiddlewareTreeItemInfo],
    ):
        self.request = request
        self.resource = resource
        self.response = response


class MiddlewareInfo(_Traversable):
    """An app's middleware.

    Args:
        middleware_tree: The methods in the order they run.
        middleware_classes: The components, in the order they were added.
        independent: Whether the app's middleware is independent.

    Attributes:
        independent_text: ``'Middleware are independent'`` or ``'Middleware are
            dependent'``.
    """

    __visit_name__ = 'middleware'

    def __init__(
        self,
        middleware_tree: MiddlewareTreeInfo,
        middleware_classes: list[MiddlewareClassInfo],
        independent: bool,
    ):
        self.middleware_tree = middleware_tree
        self.middleware_classes = middleware_classes
        self.independent = independent
        if independent:
            self.independent_text = 'Middleware are independent'
        else:
            self.independent_text = 'Middleware are dependent'


class AppInfo(_Traversable):
    """Everything inspection tells about an app.

    Args:
        routes: The routes.
        middleware: The middleware.
        static_routes: The static routes.
        sinks: The sinks.
        error_handlers: The error handlers.
        asgi: Whether the app is an ASGI app.
    """

    __visit_name__ = 'app'

    def __init__(
        self,
        routes: list[RouteInfo],
        middleware: MiddlewareInfo,
        static_routes: list[StaticRouteInfo],
        sinks: list[SinkInfo],
        error_handlers: list[ErrorHandlerInfo],
        asgi: bool,
    ):
        self.routes = routes
        self.middleware = middleware
        self.static_routes = static_routes
        self.sinks = sinks
        self.error_handlers = error_handlers
        self.asgi = asgi

    def to_string(self, verbose: bool = False, internal: bool = False, name: str = '') -> str:
        """Return a text description of the app.

        Args:
            verbose: Add source locations and the middleware classes.
            internal: Include framework responders and error handlers.
            name: The title of the text; defaults to ``'Falcon App'``.

        Returns:
            The text made by :class:`StringVisitor`.
        """
        from falcon.core._inspect_visitors import StringVisitor

        return StringVisitor(verbose, internal, name).process(self)


# -- inspection -------------------------------------------------------------------------------


def inspect_app(app: AppCore) -> AppInfo:
    """Inspect an app (WSGI or ASGI).

    Args:
        app: The app.

    Returns:
        Its routes, middleware, static routes, sinks and error handlers.

    Raises:
        TypeError: The app's router has no registered inspector (see
            :func:`register_router`).
    """
    return AppInfo(
        inspect_routes(app),
        inspect_middleware(app),
        inspect_static_routes(app),
        inspect_sinks(app),
        inspect_error_handlers(app),
        app._prefer_async,
    )


def register_router(
    router_class: type,
) -> Callable[[_InspectorT], _InspectorT]:
    """Register a function that inspects the routes of a router class.

    Use as a decorator: ``@register_router(MyRouter)`` on ``def inspect_my_router(router)``
    returning a list of :class:`RouteInfo`. It also serves subclasses of the router class
    that have no inspector of their own.

    Args:
        router_class: The router class.

    Returns:
        A decorator registering the inspector and returning it unchanged.

    Raises:
        ValueError: An inspector is already registered for ``router_class``.
    """

    def register(inspector: _InspectorT) -> _InspectorT:
        if router_class in _supported_routers:
            raise ValueError(
                f'Another function is already registered for the router {router_class}'
            )
        _supported_routers[router_class] = inspector
        return inspector

    return register


def inspect_routes(app: AppCore) -> list[RouteInfo]:
    """Inspect the routes of an app, with the inspector registered for its router.

    Args:
        app: The app.

    Returns:
        The routes.

    Raises:
        TypeError: No inspector is registered for the router's class.
    """
    router = app._router
    for router_class in type(router).__mro__:
        inspector = _supported_routers.get(router_class)
        if inspector is not None:
            return inspector(router)
    raise TypeError(
        f'Unsupported router class {type(router)}. Use "register_router" to register a '
        'function that can inspect the router used by the provided application'
    )


@register_router(CompiledRouter)
def inspect_compiled_router(router: CompiledRouter) -> list[RouteInfo]:
    """Inspect the routes of a :class:`CompiledRouter`.

    Args:
        router: The router.

    Returns:
        One :class:`RouteInfo` per route, depth first in the router's matching order.
    """
    routes: list[RouteInfo] = []

    def walk(nodes: list[CompiledRouterNode], parent: str) -> None:
        for node in nodes:
            path = parent + '/' + node.raw_segment
            if node.resource is not None:
                methods = [
                    _route_method_info(method, responder)
                    for method, responder in (node.method_map or {}).items()
                ]
                source_info, class_name = _source_info_and_name(node.resource)
                routes.append(RouteInfo(path, class_name, source_info, methods))
            walk(node.children, path)

    walk(router._roots, '')
    return routes


def _route_method_info(method: str, responder: Any) -> RouteMethodInfo:
    while isinstance(responder, functools.partial):
        responder = responder.func
    source_info, name = _source_info_and_name(responder)
    return RouteMethodInfo(method, source_info, name, _is_internal(responder))


def inspect_static_routes(app: AppCore) -> list[StaticRouteInfo]:
    """Inspect the static routes of an app.

    Args:
        app: The app.

    Returns:
        The static routes, in the order they are tried (the last added first).
    """
    routes = []
    for _, route, _ in app._static_routes:
        static: Any = route
        routes.append(
            StaticRouteInfo(static._prefix, static._directory, static._fallback_filename)
        )
    return routes


def inspect_sinks(app: AppCore) -> list[SinkInfo]:
    """Inspect the sinks of an app.

    Args:
        app: The app.

    Returns:
        The sinks, in the order they are tried (the last added first).
    """
    sinks = []
    for prefix, (_, sink, _) in zip(app._sink_prefixes, app._sinks, strict=True):
        source_info, name = _source_info_and_name(sink)
        text = prefix.pattern if isinstance(prefix, re.Pattern) else prefix
        sinks.append(SinkInfo(text, name, source_info))
    return sinks


def inspect_error_handlers(app: AppCore) -> list[ErrorHandlerInfo]:
    """Inspect the error handlers of an app.

    Args:
        app: The app.

    Returns:
        The handlers, in the order they were added (the framework's defaults first).
    """
    handlers = []
    for exception, (handler, _) in app._error_handlers.items():
        source_info, name = _source_info_and_name(handler)
        handlers.append(
            ErrorHandlerInfo(exception.__name__, name, source_info, _is_internal(handler))
        )
    return handlers


def inspect_middleware(app: AppCore) -> MiddlewareInfo:
    """Inspect the middleware of an app.

    Args:
        app: The app.

    Returns:
        The methods in the order they run, and the components.
    """
    planned = [
        (component, _class_name(component), plan_middleware([component], app._prefer_async))
        for component in app._unprepared_middleware
    ]

    def items(attribute: str, order: Iterable[tuple[Any, str, Any]]) -> list[Any]:
        return [
            MiddlewareTreeItemInfo(method.__name__, name)
            for _, name, plan in order
            for method, _ in getattr(plan, attribute)
        ]

    tree = MiddlewareTreeInfo(
        items('request', planned),
        items('resource', planned),
        items('response', reversed(planned)),
    )
    classes = []
    for component, _, plan in planned:
        source_info, name = _source_info_and_name(
            component if isinstance(component, type) else type(component)
        )
        methods = [
            MiddlewareMethodInfo(method.__name__, _source_info(method))
            for steps in (plan.request, plan.resource, plan.response)
            for method, _ in steps
        ]
        classes.append(MiddlewareClassInfo(name, source_info, methods))
    return MiddlewareInfo(tree, classes, app._independent_middleware)


def _class_name(component: Any) -> str:
    return component.__name__ if isinstance(component, type) else type(component).__name__


def _source_info(obj: Any) -> str:
    return _find_source_info(obj) or _UNKNOWN_FILE


_DEF_LINE = re.compile(r'\s*(?:async\s+)?def\s')


def _find_source_info(obj: Any) -> str | None:
    # File and line come from the same object: the function a decorator wrapped (hooks
    # keep it as ``__wrapped__``), never the wrapper's file with the wrapped function's line.
    target = _unwrapped(obj)
    try:
        source_file = inspect.getsourcefile(target)
        lines, line = inspect.getsourcelines(target)
    except (OSError, TypeError):
        return _class_source_info(obj) if isinstance(obj, type) else None
    if source_file is None:
        return None
    if inspect.isfunction(target):
        # A decorated function's source starts at its first decorator; point at its ``def``.
        line += next((n for n, text in enumerate(lines) if _DEF_LINE.match(text)), 0)
    return f'{source_file}:{line}'


def _unwrapped(obj: Any) -> Any:
    function = getattr(obj, '__func__', obj)
    try:
        return inspect.unwrap(function)
    except ValueError:  # a cycle of __wrapped__ attributes
        return function


def _class_source_info(cls: type) -> str | None:
    # The standard lookup reads a class's file from its ``__module__``, which for the
    # framework's public classes is Falcon's module path, not the file that defines them
    # (falcon.core._home); the file of a function written in the class body tells it.
    for value in vars(cls).values():
        function = inspect.unwrap(getattr(value, '__func__', getattr(value, 'fget', value)))
        code = getattr(function, '__code__', None)
        if code is None or not function.__qualname__.startswith(f'{cls.__qualname__}.'):
            continue
        definition = re.compile(rf'\s*class\s+{re.escape(cls.__name__)}\b')
        for number, text in enumerate(linecache.getlines(code.co_filename), start=1):
            if definition.match(text):
                return f'{code.co_filename}:{number}'
        return None
    return None


def _source_info_and_name(obj: Any) -> tuple[str, str]:
    source_info = _find_source_info(obj)
    if source_info is None:
        # An instance has no source of its own: describe its class.
        source_info = _source_info(type(obj))
    name = getattr(obj, '__name__', None)
    if not isinstance(name, str):
        name = type(obj).__name__
    return source_info, name


def _is_internal(obj: Any) -> bool:
    if getattr(obj, '__falcon_builtin__', False):
        return True
    module = getattr(obj, '__module__', None)
    return isinstance(module, str) and (module == 'falcon' or module.startswith('falcon.'))


def _filter_internal(items: Iterable[Any], internal: bool) -> list[Any]:
    if internal:
        return list(items)
    return [item for item in items if not item.internal]
