"""Parsers for request header values: Content-Length, Range, If-Match / If-None-Match.

Rules: each parser is total. It returns a value or raises ``RequestParseError`` with
status 400 and the title ``'Invalid header value'``; no other exception escapes.
Numbers are ``1*DIGIT`` in ASCII and nothing else (no sign, no whitespace, no underscores,
no non-ASCII digits), with at most ``MAX_DIGITS`` digits so conversion is cheap.
Entity-tag lists are read by a forward-only scanner in linear time.
"""

from __future__ import annotations

from falcon.core._errors import RequestParseError
from falcon.core._structures import ETag

__all__ = [
    'MAX_DIGITS',
    'parse_content_length',
    'parse_etags',
    'parse_range',
    'parse_range_unit',
]

MAX_DIGITS = 18
"""The most digits a Content-Length or a byte-range position may have (fits in 64 bits)."""

_TOKEN_CHARS = frozenset(
    "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)
_INVALID_TITLE = 'Invalid header value'
_RANGE_FORMAT = 'It must be a range formatted according to RFC 9110, section 14.1.2.'


def _invalid(header_name: str, message: str) -> RequestParseError:
    return RequestParseError(
        _INVALID_TITLE,
        f'The value provided for the "{header_name}" header is invalid. {message}',
        400,
    )


def _is_digits(value: str) -> bool:
    # PERF: isdigit() alone would accept non-ASCII digits such as '٣'; isascii() first
    # keeps both checks in C.
    return 0 < len(value) <= MAX_DIGITS and value.isascii() and value.isdigit()


def parse_content_length(value: str) -> int:
    """Parse a Content-Length header value.

    Args:
        value: The header value.

    Returns:
        The length in bytes.

    Raises:
        RequestParseError: The value is not 1 to ``MAX_DIGITS`` ASCII digits (status 400,
            title ``'Invalid header value'``).
    """
    if _is_digits(value):
        return int(value)
    if value.startswith('-') and _is_digits(value[1:]):
        raise _invalid('Content-Length', 'The value of the header must be a positive number.')
    raise _invalid('Content-Length', 'The value of the header must be a number.')


def parse_range_unit(value: str) -> str:
    """Return the unit of a Range header value (``'bytes'`` in ``'bytes=0-499'``).

    Only the unit is checked, so this succeeds even when the range itself is malformed.

    Args:
        value: The header value.

    Returns:
        The unit.

    Raises:
        RequestParseError: There is no ``=`` or the unit is not a token (status 400).
    """
    unit, equals, _ = value.partition('=')
    if not equals:
        raise _invalid('Range', "The value must be prefixed with a range unit, e.g. 'bytes='")
    if not unit or not _TOKEN_CHARS.issuperset(unit):
        raise _invalid('Range', 'The range unit must be a token.')
    return unit


def parse_range(value: str) -> tuple[str, tuple[int, int]]:
    """Parse a Range header value holding a single range.

    ``'bytes=0-499'`` gives ``('bytes', (0, 499))``, ``'bytes=500-'`` gives
    ``('bytes', (500, -1))`` and the suffix range ``'bytes=-500'`` (the last 500 bytes)
    gives ``('bytes', (-500, -1))``. The unit is not restricted to ``bytes``, but it must
    be a token.

    Args:
        value: The header value.

    Returns:
        A ``(unit, (first, last))`` tuple.

    Raises:
        RequestParseError: The value has no unit, the unit is not a token, it holds more
            than one range, or the range is malformed (status 400).
    """
    unit = parse_range_unit(value)
    req_range = value.partition('=')[2].strip()

    if ',' in req_range:
        raise _invalid('Range', 'The value must be a continuous range.')

    first, dash, last = req_range.partition('-')
    if not dash:
        raise _invalid('Range', _RANGE_FORMAT)
    first = first.strip()
    last = last.strip()

    if first and last:
        if not (_is_digits(first) and _is_digits(last)):
            raise _invalid('Range', _RANGE_FORMAT)
        first_num, last_num = int(first), int(last)
        if last_num < first_num:
            raise _invalid('Range', _RANGE_FORMAT)
        return unit, (first_num, last_num)
    if first:
        if not _is_digits(first):
            raise _invalid('Range', _RANGE_FORMAT)
        return unit, (int(first), -1)
    if last:
        if not _is_digits(last):
            raise _invalid('Range', _RANGE_FORMAT)
        suffix_length = int(last)
        if suffix_length == 0:
            raise _invalid('Range', _RANGE_FORMAT)
        return unit, (-suffix_length, -1)
    raise _invalid('Range', 'The range offsets are missing.')


def parse_etags(value: str | None) -> list[ETag] | None:
    """Parse an If-Match or If-None-Match header value into entity tags.

    ``'*'`` gives ``[ETag('*')]``. A list holds strong (``"x"``) and weak (``W/"x"``)
    entity tags separated by commas; commas inside the quotes belong to the tag.
    Malformed entries are skipped up to the next comma. A value without any comma is
    read leniently with :meth:`ETag.loads`, so an unquoted tag is accepted too.

    Args:
        value: The header value, or ``None`` when the header is absent.

    Returns:
        The entity tags in header order, or ``None`` when the header is absent, empty or
        holds no entity tag.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if value == '*':
        return [ETag('*')]
    if ',' not in value:
        return [ETag.loads(value)]

    etags: list[ETag] = []
    pos = 0
    end = len(value)
    while pos < end:
        char = value[pos]
        if char in ', \t':
            pos += 1
            continue
        is_weak = False
        start = pos
        if value.startswith(('W/', 'w/'), pos):
            is_weak = True
            start = pos + 2
        closing = value.find('"', start + 1) if value.startswith('"', start) else -1
        if closing == -1:
            # Not an entity tag: skip to the next element.
            comma = value.find(',', pos)
            pos = end if comma == -1 else comma + 1
            continue
        etag = ETag(value[start + 1 : closing])
        if is_weak:
            etag.is_weak = True
        etags.append(etag)
        pos = closing + 1

    return etags or None
