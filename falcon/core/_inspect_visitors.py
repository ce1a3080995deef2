"""Visitors of the inspection tree: :class:`InspectVisitor` and the text it is usually for.

Rules: a visitor only reads the ``*Info`` objects of :mod:`falcon.core._inspect`; each kind of
object has a ``visit_<name>`` method, chosen by its ``__visit_name__``. Framework responders and
error handlers (flagged ``internal``) are left out of the text unless asked for.
"""

from __future__ import annotations

from typing import Any

from falcon.core._inspect import (
    AppInfo,
    ErrorHandlerInfo,
    MiddlewareClassInfo,
    MiddlewareInfo,
    MiddlewareMethodInfo,
    MiddlewareTreeInfo,
    MiddlewareTreeItemInfo,
    RouteInfo,
    RouteMethodInfo,
    SinkInfo,
    StaticRouteInfo,
    _filter_internal,
    _Traversable,
)

__all__ = ['InspectVisitor', 'StringVisitor']


class InspectVisitor:
    """Base class of visitors of the info tree.

    :meth:`process` calls the visitor's ``visit_<name>`` method for the object's kind:
    ``visit_app``, ``visit_route``, ``visit_route_method``, ``visit_static_route``,
    ``visit_sink``, ``visit_error_handler``, ``visit_middleware``,
    ``visit_middleware_tree``, ``visit_middleware_tree_item``,
    ``visit_middleware_class`` and ``visit_middleware_method``.
    """

    def process(self, instance: _Traversable) -> str:
        """Visit ``instance`` with the matching ``visit_*`` method.

        Args:
            instance: An info object.

        Returns:
            What the visit method returns.

        Raises:
            RuntimeError: The visitor has no method for this kind of object.
        """
        visit = getattr(self, 'visit_' + instance.__visit_name__, None)
        if visit is None:
            raise RuntimeError(f'This visitor does not support {type(instance)}')
        result: str = visit(instance)
        return result


class StringVisitor(InspectVisitor):
    """Turn the info tree into readable text.

    Args:
        verbose: Add source locations and the middleware classes.
        internal: Include framework responders and error handlers.
        name: The title of an app's text; defaults to ``'Falcon App'``.
    """

    def __init__(self, verbose: bool = False, internal: bool = False, name: str = '') -> None:
        self.verbose = verbose
        self.internal = internal
        self.name = name
        self.indent = 0

    @property
    def tab(self) -> str:
        """The current indentation."""
        return ' ' * self.indent

    def _with_source(self, text: str, source_info: str) -> str:
        return f'{text} ({source_info})' if self.verbose else text

    def _tree(self, lines: list[str]) -> str:
        tab = self.tab + ' ' * 3
        return '\n'.join(
            f'{tab}{"└──" if position == len(lines) - 1 else "├──"} {line}'
            for position, line in enumerate(lines)
        )

    def _with_methods(self, head: str, methods: list[Any]) -> str:
        lines = [self.process(method) for method in _filter_internal(methods, self.internal)]
        if not lines:
            return head
        return f'{head}:\n{self._tree(lines)}'

    def visit_route_method(self, route_method: RouteMethodInfo) -> str:
        """Render one responder of a route.

        Args:
            route_method: One responder of a route.

        Returns:
            The line ``GET - on_get``.
        """
        return self._with_source(
            f'{route_method.method} - {route_method.function_name}', route_method.source_info
        )

    def visit_route(self, route: RouteInfo) -> str:
        """Render a route.

        Args:
            route: A route.

        Returns:
            The line ``⇒ /path - Resource:`` followed by its responders.
        """
        head = self._with_source(
            f'{self.tab}⇒ {route.path} - {route.class_name}', route.source_info
        )
        return self._with_methods(head, route.methods)

    def visit_static_route(self, static_route: StaticRouteInfo) -> str:
        """Render a static route.

        Args:
            static_route: A static route.

        Returns:
            The line ``↦ /prefix/ /directory`` (and its fallback file, if any).
        """
        text = f'{self.tab}↦ {static_route.prefix} {static_route.directory}'
        if static_route.fallback_filename:
            text += f' [{static_route.fallback_filename}]'
        return text

    def visit_sink(self, sink: SinkInfo) -> str:
        """Render a sink.

        Args:
            sink: A sink.

        Returns:
            The line ``⇥ /prefix sink_name``.
        """
        return self._with_source(f'{self.tab}⇥ {sink.prefix} {sink.name}', sink.source_info)

    def visit_error_handler(self, error_handler: ErrorHandlerInfo) -> str:
        """Render an error handler.

        Args:
            error_handler: An error handler.

        Returns:
            The line ``⇜ ErrorClass handler_name``.
        """
        return self._with_source(
            f'{self.tab}⇜ {error_handler.error} {error_handler.name}', error_handler.source_info
        )

    def visit_middleware_method(self, middleware_method: MiddlewareMethodInfo) -> str:
        """Render one method of a middleware class.

        Args:
            middleware_method: One method of a middleware class.

        Returns:
            The method name, such as ``process_request``.
        """
        return self._with_source(middleware_method.function_name, middleware_method.source_info)

    def visit_middleware_class(self, middleware_class: MiddlewareClassInfo) -> str:
        """Render a middleware class.

        Args:
            middleware_class: A middleware class.

        Returns:
            The line ``↣ ClassName:`` followed by its methods.
        """
        head = self._with_source(
            f'{self.tab}↣ {middleware_class.name}', middleware_class.source_info
        )
        return self._with_methods(head, middleware_class.methods)

    def visit_middleware_tree_item(self, mti: MiddlewareTreeItemInfo) -> str:
        """Render one method call of the middleware tree.

        Args:
            mti: One method call of the middleware tree.

        Returns:
            The line ``→ ClassName.process_request`` (``↣`` for resource, ``↢`` for
            response methods).
        """
        base_name = mti.name.removesuffix('_async')
        symbol = MiddlewareTreeItemInfo._symbols.get(base_name, '→')
        return f'{self.tab}{symbol} {mti.class_name}.{mti.name}'

    def visit_middleware_tree(self, m_tree: MiddlewareTreeInfo) -> str:
        """Render the middleware tree.

        Args:
            m_tree: The middleware tree.

        Returns:
            The middleware methods, indented as they nest around the responder.
        """
        before = len(m_tree.request) + len(m_tree.resource)
        after = len(m_tree.response)
        if before + after == 0:
            return ''
        step = 2
        initial = self.indent
        if after > before:
            self.indent += step * (after - before)
        lines = []
        for item in m_tree.request:
            lines.append(self.process(item))
            self.indent += step
        if lines:
            lines.append('')
        for item in m_tree.resource:
            lines.append(self.process(item))
            self.indent += step
        if m_tree.resource or not lines:
            lines.append('')
        self.indent += step
        lines.append(f'{self.tab}├── Process route responder')
        self.indent -= step
        if m_tree.response:
            lines.append('')
        for item in m_tree.response:
            self.indent -= step
            lines.append(self.process(item))
        self.indent = initial
        return '\n'.join(lines)

    def visit_middleware(self, middleware: MiddlewareInfo) -> str:
        """Render the middleware section.

        Args:
            middleware: The app's middleware.

        Returns:
            The middleware tree and, when verbose, the middleware classes.
        """
        text = self.process(middleware.middleware_tree)
        if self.verbose:
            self.indent += 4
            classes = '\n'.join(self.process(cls) for cls in middleware.middleware_classes)
            self.indent -= 4
            if classes:
                text += f'\n{self.tab}- Middleware classes:\n{classes}'
        return text

    def visit_app(self, app: AppInfo) -> str:
        """Render the whole app.

        Args:
            app: The description of the app.

        Returns:
            The whole app, section by section.
        """
        self.indent = 4
        text = f'{self.name or "Falcon App"} ({"ASGI" if app.asgi else "WSGI"})'
        if app.routes:
            routes = '\n'.join(self.process(route) for route in app.routes)
            text += f'\n• Routes:\n{routes}'
        middleware = self.process(app.middleware)
        if middleware:
            text += f'\n• Middleware ({app.middleware.independent_text}):\n{middleware}'
        if app.static_routes:
            static_routes = '\n'.join(self.process(route) for route in app.static_routes)
            text += f'\n• Static routes:\n{static_routes}'
        if app.sinks:
            sinks = '\n'.join(self.process(sink) for sink in app.sinks)
            text += f'\n• Sinks:\n{sinks}'
        errors = _filter_internal(app.error_handlers, self.internal)
        if errors:
            handlers = '\n'.join(self.process(error) for error in errors)
            text += f'\n• Error handlers:\n{handlers}'
        return text
