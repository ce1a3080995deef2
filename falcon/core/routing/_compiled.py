"""The compiled router: a tree of URI template segments turned into one Python function.

Rules: routes are validated completely at ``add_route`` time (template syntax, field names,
converters and their arguments, conflicts with routes already added), so a failed
``add_route`` leaves the router unchanged. Siblings in the tree are tried in this order:
static segments, then complex segments (``{id}.{ext}``) in the order they were added, then
the single simple field (``{id}``) of that level. A candidate whose converter rejects the
value, or whose subtree does not match the rest of the path, falls through to the next
candidate. Field values are held in local variables of the generated function and collected
into the params dict only when the whole path has matched.

Strategy: the tree is translated into the source of one function, which is compiled on the
first ``find()`` and again on the first ``find()`` after a route is added. The path is split
once; each segment is bound to a local; static siblings are compared with ``==`` or, when a
level has many of them, looked up in a dict. Converters are instantiated once per compile.
Compiling is idempotent, so two threads racing to compile both install an equivalent
function; no lock is needed.
"""

from __future__ import annotations

from collections import UserDict
from collections.abc import Callable
from typing import Any

from falcon.core._patch_points import resolve
from falcon.core.routing._converters import BUILTIN_CONVERTERS
from falcon.core.routing._template import (
    ParsedSegment,
    UnacceptableRouteError,
    instantiate_converter,
    make_segment_matcher,
    parse_segment,
    split_template,
)
from falcon.core.routing._util import MethodDict, map_http_methods, set_default_responders

# Where integrations wrap these helpers (New Relic wraps falcon.routing.util.map_http_methods
# to trace each responder); add_route calls the wrapped function when there is one.
_PUBLIC_UTIL_MODULES = ('falcon.routing.util', 'falcon.routing.compiled')

__all__ = [
    'CompiledRouter',
    'CompiledRouterNode',
    'CompiledRouterOptions',
    'ConverterDict',
    'UnacceptableRouteError',
]

RouteMatch = tuple[object, MethodDict, dict[str, Any], 'str | None']

_STATIC_DISPATCH_THRESHOLD = 6
"""Above this many static siblings, a level dispatches on a dict instead of ``==`` tests."""

_MAX_INDENT = 40
"""Deepest block nesting in generated code before a subtree moves to a helper function."""

_CONFLICT_MESSAGE = (
    'The URI template for this route is inconsistent or conflicts with another '
    "route's template. This is usually caused by configuring a field converter "
    'differently for the same field in two different routes, or by using different '
    "field names at the same level in the path (e.g., '/parents/{id}' and "
    "'/parents/{parent_id}/children')"
)


class ConverterDict(UserDict[str, type[Any]]):
    """A dict of converter classes by identifier that only accepts valid identifiers."""

    def __setitem__(self, name: str, converter: type[Any]) -> None:
        if not (isinstance(name, str) and name.isascii() and name.isidentifier()):
            raise ValueError(
                'Invalid converter name. Names may not be blank, and may only use ASCII '
                'letters, digits, and underscores. Names must begin with a letter or '
                'underscore.'
            )
        super().__setitem__(name, converter)


class CompiledRouterOptions:
    """Configuration of a :class:`CompiledRouter`, reached as ``app.router_options``.

    Attributes:
        converters: Converter classes by identifier, used by template fields such as
            ``{id:int}``. Pre-filled with ``int``, ``dt``, ``uuid``, ``float``, ``path``
            and ``re``; add custom converters (subclasses of
            :class:`~falcon.routing.BaseConverter`) before adding routes that use them.
        default_to_on_request: When true, a resource's ``on_request()`` responder handles
            every method the resource does not implement explicitly (default ``False``).
    """

    __slots__ = ('converters', 'default_to_on_request')

    def __init__(self) -> None:
        self.converters = ConverterDict(BUILTIN_CONVERTERS)
        self.default_to_on_request = False


class CompiledRouterNode:
    """One segment of a URI template in the router's tree.

    Args:
        raw_segment: The template segment text, e.g. ``'repos'`` or ``'{id}.{ext}'``.
        method_map: The responders of the route ending at this node, if any.
        resource: The resource of the route ending at this node, if any.
        uri_template: The template of the route ending at this node, if any.

    Attributes:
        children: The nodes of the next segment, in matching order.
        is_var: Whether the segment has at least one field.
        is_complex: Whether the segment is anything other than exactly one field.
        var_name: The field name of a simple field segment, else ``None``.
        var_converter_map: ``(field name, converter name, argument text)`` for every field
            that uses a converter.
    """

    def __init__(
        self,
        raw_segment: str,
        method_map: MethodDict | None = None,
        resource: object | None = None,
        uri_template: str | None = None,
    ) -> None:
        self.children: list[CompiledRouterNode] = []
        self.raw_segment = raw_segment
        self.method_map = method_map
        self.resource = resource
        self.uri_template = uri_template
        self.segment: ParsedSegment = parse_segment(raw_segment, uri_template or raw_segment)
        self.is_var = self.segment.is_var
        self.is_complex = self.segment.is_complex
        self.var_name: str | None = (
            self.segment.fields[0].name if self.is_var and not self.is_complex else None
        )
        self.var_converter_map: list[tuple[str, str, str | None]] = [
            (field.name, field.converter_name, field.argstr)
            for field in self.segment.fields
            if field.converter_name is not None
        ]

    def matches(self, segment: str) -> bool:
        """Return whether *segment* is the same template segment as this node's.

        Args:
            segment: A raw template segment.

        Returns:
            ``True`` when the texts are identical.
        """
        return segment == self.raw_segment

    def conflicts_with(self, segment: str) -> bool:
        """Return whether *segment* may not be a sibling of this node.

        Two different simple fields (``{id}`` and ``{name}``, or ``{id}`` and
        ``{id:int}``) conflict, and so do two complex segments that differ only in their
        fields (``{a}.{b}`` and ``{x}.{y}``).

        Args:
            segment: A raw template segment that does not match this node.

        Returns:
            ``True`` when the two segments cannot coexist at one level.
        """
        if not self.is_var or self.matches(segment):
            return False
        other = parse_segment(segment, segment)
        if not other.is_var:
            return False
        if self.is_complex:
            return other.is_complex and other.shape == self.segment.shape
        return not other.is_complex

    def __repr__(self) -> str:
        return f'CompiledRouterNode({self.raw_segment!r})'


class CompiledRouter:
    """The default router: matches request paths against URI templates.

    Routes are added with :meth:`add_route` and looked up with :meth:`find`. The lookup
    runs a function generated from the route tree; it is compiled lazily on the first
    :meth:`find` (or right away when ``add_route(..., compile=True)`` is used).
    """

    def __init__(self) -> None:
        self._roots: list[CompiledRouterNode] = []
        self._options = CompiledRouterOptions()
        self._finder_src: str | None = None
        self._find: Callable[[list[str]], RouteMatch | None] = self._compile_and_find

    @property
    def options(self) -> CompiledRouterOptions:
        """The router's :class:`CompiledRouterOptions`."""
        return self._options

    @property
    def finder_src(self) -> str:
        """The source code of the generated lookup function (compiling it if needed)."""
        if self._finder_src is None:
            self._compile()
        assert self._finder_src is not None
        return self._finder_src

    def map_http_methods(self, resource: object, **kwargs: Any) -> MethodDict:
        """Map HTTP methods to the resource's responders.

        Args:
            resource: The resource object.
            **kwargs: ``suffix`` selects responders named ``on_<method>_<suffix>``; other
                keyword arguments are ignored.

        Returns:
            The method map.

        Raises:
            SuffixedMethodNotFoundError: A suffix was given but no responder uses it.
        """
        map_methods = resolve(map_http_methods, *_PUBLIC_UTIL_MODULES)
        return map_methods(
            resource,
            suffix=kwargs.get('suffix'),
            default_to_on_request=self._options.default_to_on_request,
        )

    def add_route(self, uri_template: str, resource: object, **kwargs: Any) -> None:
        """Add a route between a URI template and a resource.

        Adding the identical template again replaces the earlier resource.

        Args:
            uri_template: The template, e.g. ``'/books/{isbn}'`` or ``'/files/{name:path}'``.
            resource: The object whose ``on_<method>`` responders handle the route.
            **kwargs: ``suffix`` (responder name suffix), ``method_map`` (an explicit map
                of methods to responders, used instead of looking responders up), and
                ``compile`` (compile the lookup function now rather than on the next
                ``find()``). Other keyword arguments are ignored.

        Raises:
            TypeError: The template is not a string.
            ValueError: The template is invalid, uses an unknown converter or bad converter
                arguments, or conflicts with a route already added
                (:class:`UnacceptableRouteError`).
            SuffixedMethodNotFoundError: A suffix was given but no responder uses it.
        """
        segments = split_template(uri_template)
        self._validate_converters(segments, uri_template)
        self._check_conflicts(segments, uri_template)

        explicit_map = kwargs.get('method_map')
        if explicit_map is None:
            method_map = self.map_http_methods(resource, **kwargs)
        else:
            method_map = dict(explicit_map)
        set_defaults = resolve(set_default_responders, *_PUBLIC_UTIL_MODULES)
        set_defaults(method_map, asgi=bool(kwargs.get('_asgi', False)))

        nodes = self._roots
        node: CompiledRouterNode | None = None
        for segment in segments:
            node = next((node for node in nodes if node.matches(segment.raw)), None)
            if node is None:
                node = CompiledRouterNode(segment.raw)
                nodes.append(node)
                nodes.sort(key=_node_sort_key)
            nodes = node.children
        assert node is not None
        node.method_map = method_map
        node.resource = resource
        node.uri_template = uri_template

        self._finder_src = None
        self._find = self._compile_and_find
        if kwargs.get('compile', False):
            self._compile()

    def find(self, uri: str, req: object | None = None) -> RouteMatch | None:
        """Find the route for a request path.

        Args:
            uri: The request path, e.g. ``'/books/42'``.
            req: The request (unused by this router; custom routers may use it).

        Returns:
            ``(resource, method_map, params, uri_template)`` for the matching route, or
            ``None`` when no route matches.
        """
        # PERF: one lstrip and one split per request; the generated function indexes the
        # resulting list instead of re-scanning the string. It is read into a local first:
        # the interpreter specializes calling a local function, not calling a function
        # stored on the instance (about 0.05 us).
        find = self._find
        return find(uri.lstrip('/').split('/'))

    def _compile_and_find(self, path: list[str]) -> RouteMatch | None:
        return self._compile()(path)

    def _validate_converters(self, segments: list[ParsedSegment], uri_template: str) -> None:
        converters = self._options.converters
        last = len(segments) - 1
        for position, segment in enumerate(segments):
            for field in segment.fields:
                if field.converter_name is None:
                    continue
                converter = instantiate_converter(converters, field, uri_template)
                if getattr(converter, 'CONSUME_MULTIPLE_SEGMENTS', False) and (
                    position != last or segment.is_complex
                ):
                    raise UnacceptableRouteError(
                        f'Invalid URI template {uri_template!r}: cannot use converter '
                        f'{field.converter_name!r} of field {field.name!r} in a template '
                        'that includes other characters or fields after it or in the same '
                        'segment'
                    )

    def _check_conflicts(self, segments: list[ParsedSegment], uri_template: str) -> None:
        nodes = self._roots
        for segment in segments:
            match = None
            for node in nodes:
                if node.matches(segment.raw):
                    match = node
                elif node.conflicts_with(segment.raw):
                    raise UnacceptableRouteError(
                        f'{_CONFLICT_MESSAGE}; {uri_template!r} conflicts at segment '
                        f'{segment.raw!r} with {node.raw_segment!r}'
                    )
            if match is None:
                return
            nodes = match.children

    def _compile(self) -> Callable[[list[str]], RouteMatch | None]:
        generator = _FinderGenerator(self._options.converters)
        source, namespace = generator.generate(self._roots)
        exec(compile(source, '<falcon compiled router>', 'exec'), namespace)
        finder: Callable[[list[str]], RouteMatch | None] = namespace['find']
        self._finder_src = source
        self._find = finder
        return finder


def _node_sort_key(node: CompiledRouterNode) -> int:
    if not node.is_var:
        return 0
    return 1 if node.is_complex else 2


class _FinderGenerator:
    """Translate a route tree into the source of ``find(path)``."""

    def __init__(self, converters: ConverterDict) -> None:
        self._converters = converters
        self._lines: list[str] = []
        self._helpers: list[str] = []
        self._namespace: dict[str, Any] = {}
        self._counter = 0

    def generate(self, roots: list[CompiledRouterNode]) -> tuple[str, dict[str, Any]]:
        self._emit(0, 'def find(path):')
        self._emit(1, 'path_len = len(path)')
        if roots:
            self._emit(1, 's0 = path[0]')
            self._level(roots, 0, 1, [])
        self._emit(1, 'return None')
        return '\n'.join([*self._lines, *self._helpers]) + '\n', self._namespace

    def _emit(self, indent: int, line: str) -> None:
        self._lines.append('    ' * indent + line)

    def _global(self, prefix: str, value: Any) -> str:
        self._counter += 1
        name = f'{prefix}{self._counter}'
        self._namespace[name] = value
        return name

    def _local(self, prefix: str) -> str:
        self._counter += 1
        return f'{prefix}{self._counter}'

    def _level(
        self,
        nodes: list[CompiledRouterNode],
        level: int,
        indent: int,
        params: list[tuple[str, str]],
    ) -> None:
        segment_var = f's{level}'
        statics = [node for node in nodes if not node.is_var]
        if len(statics) > _STATIC_DISPATCH_THRESHOLD:
            # PERF: one dict probe plus a binary search on the index replaces a chain of
            # up to len(statics) string comparisons.
            table = self._global('D', {node.raw_segment: i for i, node in enumerate(statics)})
            index_var = f'k{level}'
            self._emit(indent, f'{index_var} = {table}.get({segment_var})')
            self._emit(indent, f'if {index_var} is not None:')
            self._bisect(statics, 0, len(statics), index_var, level, indent + 1, params)
        else:
            for position, node in enumerate(statics):
                keyword = 'if' if position == 0 else 'elif'
                self._emit(indent, f'{keyword} {segment_var} == {node.raw_segment!r}:')
                self._node(node, level, indent + 1, params)
        for node in nodes:
            if node.is_var:
                if node.is_complex:
                    self._complex(node, level, indent, params)
                else:
                    self._simple(node, level, indent, params)

    def _bisect(
        self,
        statics: list[CompiledRouterNode],
        low: int,
        high: int,
        index_var: str,
        level: int,
        indent: int,
        params: list[tuple[str, str]],
    ) -> None:
        if high - low == 1:
            self._node(statics[low], level, indent, params)
            return
        middle = (low + high) // 2
        self._emit(indent, f'if {index_var} < {middle}:')
        self._bisect(statics, low, middle, index_var, level, indent + 1, params)
        self._emit(indent, 'else:')
        self._bisect(statics, middle, high, index_var, level, indent + 1, params)

    def _converter(self, node: CompiledRouterNode, field_index: int) -> Any:
        field = node.segment.fields[field_index]
        template = node.uri_template or node.raw_segment
        return instantiate_converter(self._converters, field, template)

    def _complex(
        self,
        node: CompiledRouterNode,
        level: int,
        indent: int,
        params: list[tuple[str, str]],
    ) -> None:
        matcher = self._global('X', make_segment_matcher(node.segment.literals))
        match_var = self._local('m')
        self._emit(indent, f'{match_var} = {matcher}(s{level})')
        self._emit(indent, f'if {match_var} is not None:')
        indent += 1
        params = list(params)
        for index, field in enumerate(node.segment.fields):
            value = f'{match_var}[{index}]'
            if field.converter_name is not None:
                convert = self._global('C', self._converter(node, index).convert)
                converted = self._local('v')
                self._emit(indent, f'{converted} = {convert}({value})')
                self._emit(indent, f'if {converted} is not None:')
                indent += 1
                value = converted
            params.append((field.name, value))
        self._node(node, level, indent, params)

    def _simple(
        self,
        node: CompiledRouterNode,
        level: int,
        indent: int,
        params: list[tuple[str, str]],
    ) -> None:
        field = node.segment.fields[0]
        if field.converter_name is None:
            self._node(node, level, indent, [*params, (field.name, f's{level}')])
            return
        converter = self._converter(node, 0)
        convert = self._global('C', converter.convert)
        converted = self._local('v')
        if getattr(converter, 'CONSUME_MULTIPLE_SEGMENTS', False):
            self._emit(indent, f'{converted} = {convert}(path[{level}:])')
            self._emit(indent, f'if {converted} is not None:')
            self._return(node, indent + 1, [*params, (field.name, converted)])
            return
        self._emit(indent, f'{converted} = {convert}(s{level})')
        self._emit(indent, f'if {converted} is not None:')
        self._node(node, level, indent + 1, [*params, (field.name, converted)])

    def _node(
        self,
        node: CompiledRouterNode,
        level: int,
        indent: int,
        params: list[tuple[str, str]],
    ) -> None:
        next_level = level + 1
        if node.method_map is not None:
            self._emit(indent, f'if path_len == {next_level}:')
            self._return(node, indent + 1, params)
            if node.children:
                self._descend(node.children, next_level, indent, params)
        elif node.children:
            self._emit(indent, f'if path_len > {next_level}:')
            self._descend(node.children, next_level, indent + 1, params)
        else:
            self._emit(indent, 'pass')

    def _descend(
        self,
        children: list[CompiledRouterNode],
        level: int,
        indent: int,
        params: list[tuple[str, str]],
    ) -> None:
        if indent < _MAX_INDENT:
            self._emit(indent, f's{level} = path[{level}]')
            self._level(children, level, indent, params)
            return
        # Python limits block nesting, so a deep subtree continues in a helper function
        # that receives the path and the field values matched so far.
        helper = self._local('F')
        arguments = [f'a{index}' for index in range(len(params))]
        outer_lines = self._lines
        self._lines = []
        self._emit(0, f'def {helper}({", ".join(["path", "path_len", *arguments])}):')
        self._emit(1, f's{level} = path[{level}]')
        inner_params = [(name, f'a{index}') for index, (name, _) in enumerate(params)]
        self._level(children, level, 1, inner_params)
        self._emit(1, 'return None')
        self._helpers.extend(self._lines)
        self._lines = outer_lines
        result = self._local('r')
        call_arguments = ', '.join(['path', 'path_len', *(value for _, value in params)])
        self._emit(indent, f'{result} = {helper}({call_arguments})')
        self._emit(indent, f'if {result} is not None:')
        self._emit(indent + 1, f'return {result}')

    def _return(
        self, node: CompiledRouterNode, indent: int, params: list[tuple[str, str]]
    ) -> None:
        resource = self._global('R', node.resource)
        method_map = self._global('M', node.method_map)
        template = self._global('T', node.uri_template)
        fields = ', '.join(f'{name!r}: {value}' for name, value in params)
        self._emit(indent, f'return ({resource}, {method_map}, {{{fields}}}, {template})')
