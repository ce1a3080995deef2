"""URI template parsing: split a template into segments, fields and converter calls.

Rules: templates come from the application, not from clients, and are checked strictly at
``add_route`` time so that a bad template fails at startup with a clear message. A template
starts with ``'/'`` and its segments are separated by ``'/'``. A segment is either static
text, a single field (``{name}``, ``{name:conv}``, ``{name:conv(args)}``) or a mix of text
and fields (a *complex* segment such as ``{id}.{ext}``). Field names are ASCII identifiers
that are not Python keywords; converter arguments are Python literals, parsed with
:mod:`ast` and never evaluated as code.

Complex segments are matched without regular expressions: every field takes at least one
character, and earlier fields take as much as they can (the result a greedy ``(.+)`` regex
would give), found with one right-to-left pass of ``str.rfind`` per literal.
"""

from __future__ import annotations

import ast
import keyword
import re
from collections.abc import Callable, Mapping
from typing import Any

__all__ = [
    'FIELD_PATTERN',
    'MAX_TEMPLATE_SEGMENTS',
    'Field',
    'ParsedSegment',
    'UnacceptableRouteError',
    'instantiate_converter',
    'make_segment_matcher',
    'parse_segment',
    'split_template',
]


MAX_TEMPLATE_SEGMENTS = 64
"""Most segments a URI template may have; deeper trees would exhaust code-generation limits."""


FIELD_PATTERN = re.compile(
    r'{((?P<fname>[^{}:]+)(?::(?P<cname>[A-Za-z_][A-Za-z0-9_]*)(?:\((?P<argstr>.*?)\))?)?)}'
)
"""A regex finding the fields of an accepted template segment, for tools that document routes.

Groups: 1 is the whole text between the braces, 2 (``fname``) the field name, ``cname``
the converter name or ``None``, ``argstr`` the converter argument text or ``None``.
Routing itself never uses it: segments are parsed by :func:`parse_segment`.
"""


class UnacceptableRouteError(ValueError):
    """A URI template, or the route being added with it, is not acceptable."""


class Field:
    """One ``{name:converter(args)}`` field of a URI template segment.

    Attributes:
        name: The field name, passed to responders as a keyword argument.
        converter_name: The converter identifier, or ``None`` for a plain field.
        argstr: The converter argument text between the parentheses, or ``None``.
    """

    __slots__ = ('argstr', 'converter_name', 'name')

    def __init__(self, name: str, converter_name: str | None, argstr: str | None) -> None:
        self.name = name
        self.converter_name = converter_name
        self.argstr = argstr

    def __repr__(self) -> str:
        return f'Field({self.name!r}, {self.converter_name!r}, {self.argstr!r})'


class ParsedSegment:
    """A URI template segment split into literal text and fields.

    Attributes:
        raw: The segment text as written in the template.
        literals: The text around the fields: ``len(literals) == len(fields) + 1``.
        fields: The fields in order of appearance.
    """

    __slots__ = ('fields', 'literals', 'raw')

    def __init__(self, raw: str, literals: list[str], fields: list[Field]) -> None:
        self.raw = raw
        self.literals = literals
        self.fields = fields

    @property
    def is_var(self) -> bool:
        """Whether the segment contains at least one field."""
        return bool(self.fields)

    @property
    def is_complex(self) -> bool:
        """Whether the segment holds anything besides exactly one field."""
        return len(self.fields) > 1 or (len(self.fields) == 1 and any(self.literals))

    @property
    def shape(self) -> str:
        """The segment with every field replaced by ``{}``: equal shapes cannot coexist."""
        return '{}'.join(self.literals)


def _fail(template: str, reason: str) -> UnacceptableRouteError:
    return UnacceptableRouteError(f'Invalid URI template {template!r}: {reason}')


def _is_field_name(name: str) -> bool:
    return name.isascii() and name.isidentifier() and not keyword.iskeyword(name)


def _scan_arguments(segment: str, start: int, template: str) -> int:
    """Return the index just past the ')' closing the '(' at *start*, honouring quotes."""
    depth = 0
    quote = ''
    index = start
    length = len(segment)
    while index < length:
        char = segment[index]
        if quote:
            if char == '\\':
                index += 1
            elif char == quote:
                quote = ''
        elif char in '\'"':
            quote = char
        elif char in '([':
            depth += 1
        elif char in ')]':
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    raise _fail(template, 'unbalanced parentheses in converter arguments')


def parse_segment(segment: str, template: str) -> ParsedSegment:
    """Split one template segment into literals and fields.

    Args:
        segment: The segment text (no ``'/'``).
        template: The whole template, for error messages.

    Returns:
        The parsed segment.

    Raises:
        UnacceptableRouteError: Unbalanced braces, an invalid field name, a missing
            converter name, or whitespace outside converter arguments.
    """
    literals: list[str] = []
    fields: list[Field] = []
    literal_start = 0
    index = 0
    length = len(segment)
    while index < length:
        char = segment[index]
        if char == '}':
            raise _fail(template, "unbalanced '}'")
        if char != '{':
            if char.isspace():
                raise _fail(template, 'URI templates may not include whitespace')
            index += 1
            continue
        literals.append(segment[literal_start:index])
        name_start = index + 1
        index = name_start
        while index < length and segment[index] not in ':}':
            index += 1
        if index >= length:
            raise _fail(template, "unbalanced '{'")
        name = segment[name_start:index]
        if not _is_field_name(name):
            raise _fail(template, f'field names must be valid identifiers ({name!r} is not)')
        converter_name: str | None = None
        argstr: str | None = None
        if segment[index] == ':':
            converter_start = index + 1
            index = converter_start
            while index < length and segment[index] not in '(){}':
                index += 1
            converter_name = segment[converter_start:index]
            if not converter_name:
                raise _fail(template, f'missing converter for field {name!r}')
            if not _is_field_name(converter_name):
                raise _fail(template, f'invalid converter name {converter_name!r}')
            if index < length and segment[index] == '(':
                end = _scan_arguments(segment, index, template)
                argstr = segment[index + 1 : end - 1]
                index = end
            if index >= length or segment[index] != '}':
                raise _fail(template, f'field {name!r} is not closed by a matching brace')
        fields.append(Field(name, converter_name, argstr))
        index += 1
        literal_start = index
    literals.append(segment[literal_start:])
    return ParsedSegment(segment, literals, fields)


def split_template(template: str) -> list[ParsedSegment]:
    """Parse a whole URI template.

    Args:
        template: The template, e.g. ``'/repos/{org}/{repo}'``.

    Returns:
        One parsed segment per path segment; ``'/'`` gives a single empty static segment.

    Raises:
        TypeError: The template is not a string.
        UnacceptableRouteError: The template is invalid.
    """
    if not isinstance(template, str):
        raise TypeError('uri_template is not a string')
    if not template.startswith('/'):
        raise _fail(template, "a URI template must start with '/'")
    if '//' in template:
        raise _fail(template, "a URI template may not contain '//'")
    raw_segments = template[1:].split('/')
    if len(raw_segments) > MAX_TEMPLATE_SEGMENTS:
        raise _fail(template, f'a URI template may have at most {MAX_TEMPLATE_SEGMENTS} segments')
    segments = [parse_segment(raw, template) for raw in raw_segments]
    seen: set[str] = set()
    for segment in segments:
        for field in segment.fields:
            if field.name in seen:
                raise _fail(
                    template,
                    f'field names may not be duplicated ({field.name!r} is used more than once)',
                )
            seen.add(field.name)
    return segments


def _literal(node: ast.expr, name: str | None, argstr: str) -> Any:
    try:
        return ast.literal_eval(node)
    except ValueError:
        written = ast.get_source_segment(f'_({argstr})', node) or ast.unparse(node)
        label = f'{name}={written}' if name else written
        raise ValueError(
            f'{label} is not a Python literal; converter arguments are numbers, quoted '
            "strings, True, False or None (for example min=1 or format_string='%Y')"
        ) from None


def _literal_arguments(argstr: str) -> tuple[list[Any], dict[str, Any]]:
    try:
        call = ast.parse(f'_({argstr})', mode='eval').body
    except SyntaxError:
        raise ValueError(f'({argstr}) is not a list of arguments') from None
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        raise ValueError(f'({argstr}) is not a list of arguments')
    args = [_literal(arg, None, argstr) for arg in call.args]
    kwargs: dict[str, Any] = {}
    for keyword_arg in call.keywords:
        if keyword_arg.arg is None:
            raise ValueError('argument unpacking (**) is not supported')
        kwargs[keyword_arg.arg] = _literal(keyword_arg.value, keyword_arg.arg, argstr)
    return args, kwargs


def instantiate_converter(converters: Mapping[str, type[Any]], field: Field, template: str) -> Any:
    """Create the converter object a field asks for.

    Args:
        converters: Converter classes by identifier.
        field: The field; its ``converter_name`` must not be ``None``.
        template: The template, for error messages.

    Returns:
        The converter instance.

    Raises:
        UnacceptableRouteError: Unknown converter, arguments that are not Python literals,
            or a converter constructor that rejects them.
    """
    name = field.converter_name
    assert name is not None
    try:
        converter_class = converters[name]
    except KeyError:
        known = ', '.join(sorted(converters))
        raise _fail(
            template,
            f'unknown converter {name!r} in field {field.name!r}; the known converters are '
            f'{known} (add others to app.router_options.converters before adding the route)',
        ) from None
    if field.argstr is None:
        args: list[Any] = []
        kwargs: dict[str, Any] = {}
    else:
        try:
            args, kwargs = _literal_arguments(field.argstr)
        except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError) as exc:
            raise _fail(
                template,
                f'cannot read the arguments of converter {name!r} in field {field.name!r}: {exc}',
            ) from exc
    try:
        return converter_class(*args, **kwargs)
    except Exception as exc:
        raise _fail(
            template,
            f'converter {name!r} in field {field.name!r} rejects its arguments '
            f'({field.argstr or ""}): {exc}',
        ) from exc


def make_segment_matcher(literals: list[str]) -> Callable[[str], list[str] | None]:
    """Build a matcher for a complex segment.

    Args:
        literals: The text around the fields (``len(fields) + 1`` items).

    Returns:
        A function taking a path segment and returning the field values, or ``None`` when
        the segment does not match. Each field takes at least one character; earlier fields
        take as many as they can.
    """
    head = literals[0]
    tail = literals[-1]
    head_len = len(head)
    tail_len = len(tail)
    min_first_end = head_len + 1
    inner_reversed = [(literal, len(literal)) for literal in reversed(literals[1:-1])]

    def match(segment: str) -> list[str] | None:
        if not segment.startswith(head) or not segment.endswith(tail):
            return None
        # Walk right to left: each inner literal is placed as far right as it can go while
        # leaving at least one character for the field after it and for every field before
        # it, which is exactly where a greedy left-to-right match would place it.
        end = len(segment) - tail_len
        if end < min_first_end:
            return None
        values = []
        for literal, literal_len in inner_reversed:
            start = segment.rfind(literal, min_first_end, end - 1)
            if start < 0:
                return None
            values.append(segment[start + literal_len : end])
            end = start
        values.append(segment[head_len:end])
        values.reverse()
        return values

    return match
