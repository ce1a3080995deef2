"""Field converters for URI template fields such as ``{id:int}``.

Rules: a converter is instantiated once, when the router compiles, and its ``convert()`` is
called on every candidate path segment. ``convert()`` returns the converted value, or ``None``
to reject the segment, in which case the router tries the next candidate route. Converters
must never raise on client input. Every built-in converter runs in time linear in the
segment length; numeric conversions are bounded in length so that ``int()`` never sees a
huge digit string.
"""

from __future__ import annotations

import abc
import math
import re
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any, ClassVar

__all__ = [
    'BUILTIN_CONVERTERS',
    'BaseConverter',
    'DateTimeConverter',
    'FloatConverter',
    'IntConverter',
    'PathConverter',
    'RegexConverter',
    'UUIDConverter',
]

_MAX_NUMBER_LENGTH = 4300
"""Longest numeric segment accepted; matches CPython's default int() digit limit."""

_ASCII_DIGITS = frozenset('0123456789')


class BaseConverter(metaclass=abc.ABCMeta):
    """Abstract base class for URI template field converters.

    Subclasses implement :meth:`convert`. A converter class whose
    ``CONSUME_MULTIPLE_SEGMENTS`` attribute is true receives the list of all remaining path
    segments instead of a single segment; such a converter may only be used in the last
    segment of a URI template.
    """

    CONSUME_MULTIPLE_SEGMENTS: ClassVar[bool] = False
    """Whether this converter consumes the rest of the path rather than one segment."""

    @abc.abstractmethod
    def convert(self, value: str) -> Any:
        """Convert a URI template field value to another format or type.

        Args:
            value: The field value to convert, as taken from the request path.

        Returns:
            The converted value, or ``None`` if the value is not acceptable (the route
            then does not match).
        """


def _require_number(name: str, value: object, kinds: tuple[type, ...]) -> None:
    """Refuse a bound or count of the wrong type when the route is added, not per request."""
    if value is not None and (type(value) is bool or not isinstance(value, kinds)):
        expected = ' or '.join(kind.__name__ for kind in kinds)
        raise TypeError(f'{name} must be {expected} or None, not {type(value).__name__}')


def _check_bounds(value: Any, min_value: Any, max_value: Any) -> Any:
    if min_value is not None and value < min_value:
        return None
    if max_value is not None and value > max_value:
        return None
    return value


class IntConverter(BaseConverter):
    """Convert a field value to an ``int``.

    Identifier: ``int``.

    The value must be a run of ASCII digits, optionally preceded by a ``-`` or ``+`` sign;
    surrounding whitespace, underscores and non-ASCII digits are rejected.

    Args:
        num_digits: Require the value to have exactly this many characters.
        min: Reject the value if it is less than this number.
        max: Reject the value if it is greater than this number.

    Raises:
        TypeError: An option is not an ``int``.
        ValueError: ``num_digits`` is less than 1.
    """

    __slots__ = ('_max', '_min', '_num_digits', '_unconstrained')

    def __init__(
        self, num_digits: int | None = None, min: int | None = None, max: int | None = None
    ) -> None:
        _require_number('num_digits', num_digits, (int,))
        _require_number('min', min, (int,))
        _require_number('max', max, (int,))
        if num_digits is not None and num_digits < 1:
            raise ValueError('num_digits must be at least 1')
        self._num_digits = num_digits
        self._min = min
        self._max = max
        self._unconstrained = num_digits is None and min is None and max is None

    def convert(self, value: str) -> int | None:
        """Convert *value* to an ``int``, or return ``None`` if it does not qualify.

        Args:
            value: The path segment.

        Returns:
            The integer, or ``None`` when the value is not an acceptable integer.
        """
        if (
            self._unconstrained
            and value.isdigit()
            and value.isascii()
            and len(value) <= _MAX_NUMBER_LENGTH
        ):
            # PERF: an unsigned run of ASCII digits (isdigit alone would take any Unicode
            # digit) for a converter without options skips the sign and bounds checks.
            return int(value)
        if self._num_digits is not None and len(value) != self._num_digits:
            return None
        digits = value[1:] if value[:1] in ('-', '+') else value
        # PERF: a set-difference test rejects bad input in one C-level pass, cheaper than a
        # regex and stricter than int(), which accepts whitespace, '_' and Unicode digits.
        if not digits or len(digits) > _MAX_NUMBER_LENGTH or not _ASCII_DIGITS.issuperset(digits):
            return None
        return _check_bounds(int(value), self._min, self._max)  # type: ignore[no-any-return]


class FloatConverter(BaseConverter):
    """Convert a field value to a ``float``.

    Identifier: ``float``.

    Args:
        min: Reject the value if it is less than this number.
        max: Reject the value if it is greater than this number.
        finite: Reject ``nan`` and infinite values (default ``True``).

    Raises:
        TypeError: A bound is not a number.
        ValueError: A bound is ``nan``.
    """

    __slots__ = ('_finite', '_max', '_min')

    def __init__(
        self, min: float | None = None, max: float | None = None, finite: bool = True
    ) -> None:
        _require_number('min', min, (int, float))
        _require_number('max', max, (int, float))
        if any(bound is not None and math.isnan(bound) for bound in (min, max)):
            raise ValueError('min and max must be numbers, not nan')
        self._min = min
        self._max = max
        self._finite = finite

    def convert(self, value: str) -> float | None:
        """Convert *value* to a ``float``, or return ``None`` if it does not qualify.

        Args:
            value: The path segment.

        Returns:
            The number, or ``None`` when the value is not an acceptable float.
        """
        if value.strip() != value or len(value) > _MAX_NUMBER_LENGTH:
            return None
        try:
            converted = float(value)
        except ValueError:
            return None
        if self._finite and not math.isfinite(converted):
            return None
        return _check_bounds(converted, self._min, self._max)  # type: ignore[no-any-return]


class DateTimeConverter(BaseConverter):
    """Convert a field value to a ``datetime`` with :meth:`datetime.strptime`.

    Identifier: ``dt``.

    Args:
        format_string: The ``strptime`` format the value must follow
            (default ``'%Y-%m-%dT%H:%M:%S%z'``).

    Raises:
        TypeError: ``format_string`` is not a ``str``.
    """

    __slots__ = ('_format_string',)

    def __init__(self, format_string: str = '%Y-%m-%dT%H:%M:%S%z') -> None:
        if not isinstance(format_string, str):
            raise TypeError(f'format_string must be a str, not {type(format_string).__name__}')
        self._format_string = format_string

    def convert(self, value: str) -> datetime | None:
        """Parse *value* with the configured format.

        Args:
            value: The path segment.

        Returns:
            The parsed ``datetime``, or ``None`` when the value does not follow the format.
        """
        if len(value) > 256:
            return None
        try:
            return datetime.strptime(value, self._format_string)
        except ValueError:
            return None


class UUIDConverter(BaseConverter):
    """Convert a field value to a :class:`uuid.UUID`.

    Identifier: ``uuid``.

    Any form accepted by :class:`uuid.UUID` is accepted (hyphenated or not, with or without
    braces or a ``urn:uuid:`` prefix).
    """

    __slots__ = ()

    def convert(self, value: str) -> uuid.UUID | None:
        """Convert *value* to a UUID.

        Args:
            value: The path segment.

        Returns:
            The ``UUID``, or ``None`` when the value is not a valid UUID.
        """
        if len(value) > 64:
            return None
        try:
            return uuid.UUID(value)
        except ValueError:
            return None


class PathConverter(BaseConverter):
    """Match the remainder of the path, returning it as a string.

    Identifier: ``path``.

    Only allowed as the last segment of a URI template. With the template
    ``'/foo/bar/{rest:path}'``, the path ``'/foo/bar'`` does not match, ``'/foo/bar/'``
    matches with ``rest=''`` and ``'/foo/bar/a/b/c'`` matches with ``rest='a/b/c'``.
    """

    CONSUME_MULTIPLE_SEGMENTS: ClassVar[bool] = True

    __slots__ = ()

    def convert(self, value: Iterable[str]) -> str:
        """Join the remaining path segments.

        Args:
            value: The remaining path segments.

        Returns:
            The segments joined with ``'/'``.
        """
        return '/'.join(value)


class RegexConverter(BaseConverter):
    """Accept a field value only if it matches a regular expression.

    Identifier: ``re``.

    Args:
        pattern: The regular expression the whole value must match (a ``str``).
        group: If given, return this named group of the match instead of the whole value
            (a group number is accepted too).

    Raises:
        TypeError: ``pattern`` is not a ``str`` (e.g. ``bytes``).
        ValueError: ``group`` is no group of the pattern.
    """

    __slots__ = ('_group', '_pattern')

    def __init__(self, pattern: str, group: str | None = None) -> None:
        if not isinstance(pattern, str):
            raise TypeError('The pattern of a RegexConverter must be a str.')
        self._pattern = re.compile(pattern)
        number: object = group
        if group is not None and not (
            group in self._pattern.groupindex
            or (type(number) is int and 0 <= number <= self._pattern.groups)
        ):
            raise ValueError(f'The pattern {pattern!r} has no group named {group!r}.')
        self._group = group

    def convert(self, value: str) -> str | None:
        """Match *value* against the pattern.

        Args:
            value: The path segment.

        Returns:
            The value (or the requested group), or ``None`` when it does not match.
        """
        match = self._pattern.fullmatch(value)
        if match is None:
            return None
        if self._group is None:
            return value
        group: str | None = match.group(self._group)
        return group


BUILTIN_CONVERTERS: tuple[tuple[str, type[BaseConverter]], ...] = (
    ('int', IntConverter),
    ('dt', DateTimeConverter),
    ('uuid', UUIDConverter),
    ('float', FloatConverter),
    ('path', PathConverter),
    ('re', RegexConverter),
)
"""The converters every router knows, by identifier."""
