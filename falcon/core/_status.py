"""HTTP status lines and conversions between status codes and status lines.

Rules: the ``HTTP_*`` constants are written once, in ``falcon.core._status_lines``, and
re-exported from here with the names of 413 that only ``falcon.status_codes`` keeps.
Conversions accept
``int``, ``http.HTTPStatus``, ``bytes`` and ``str`` and raise ``ValueError`` on anything
that is not a status.

Strategy: one table maps every known code to its line. ``status_line`` is what the response
head builder calls for every request; a ``str`` passes through untouched and an ``int``
costs one dict lookup, because every line it ever returns is kept in a dict.
"""

from __future__ import annotations

import http

from falcon.core import _status_lines
from falcon.core._status_lines import *  # noqa: F403

__all__ = sorted(name for name in vars(_status_lines) if name.startswith('HTTP_'))
__all__ += ['code_to_http_status', 'http_status_to_code', 'status_line']

# Earlier names of 413 (RFC 7231 and RFC 2616), still importable from falcon.status_codes.
HTTP_PAYLOAD_TOO_LARGE = _status_lines.HTTP_413
HTTP_REQUEST_ENTITY_TOO_LARGE = _status_lines.HTTP_413


def _collect_status_lines() -> dict[int, str]:
    lines: dict[int, str] = {}
    for name, value in globals().items():
        if name.startswith('HTTP_') and name[5:].isdigit():
            lines[int(name[5:])] = value
    return lines


_LINES_BY_CODE: dict[int, str] = _collect_status_lines()

# PERF: status_line() answers ints from this dict only; it starts with every known code and
# learns each other valid code the first time it is seen (at most 900 entries).
_WIRE_LINES_BY_INT: dict[int, str] = dict(_LINES_BY_CODE)

# PERF: http.HTTPStatus members hash like their int value, so they get their own dict; that
# keeps the enum's reason phrase, as code_to_http_status() gives it, without an isinstance()
# test on the int path.
_WIRE_LINES_BY_ENUM: dict[http.HTTPStatus, str] = {
    member: f'{member.value} {member.phrase}' for member in http.HTTPStatus
}


def _is_three_digits(text: str) -> bool:
    return len(text) == 3 and text.isascii() and text.isdigit()


def _line_for_code(code: int) -> str:
    if not 100 <= code <= 999:
        raise ValueError(f'{code!r} is not a valid status code')
    return _LINES_BY_CODE.get(code, str(code))


def code_to_http_status(status: int | http.HTTPStatus | bytes | str) -> str:
    """Normalize an HTTP status to a status line such as ``'200 OK'``.

    Args:
        status: An ``int`` or a three-digit ``str``/``bytes`` code (e.g. ``404`` or
            ``'404'``), a member of ``http.HTTPStatus``, or a status line that already has
            a reason phrase (e.g. ``'404 Not Found'``), which is returned as it is.

    Returns:
        str: The status line, without a trailing newline. A valid code (100-999) with no
        known reason phrase yields just the code, e.g. ``'299'``.

    Raises:
        ValueError: ``status`` is not a status code or status line.
    """
    if isinstance(status, http.HTTPStatus):
        return f'{status.value} {status.phrase}'
    if isinstance(status, bytes):
        try:
            status = status.decode('ascii')
        except UnicodeDecodeError:
            raise ValueError(f'{status!r} is not a valid status code') from None
    if isinstance(status, str):
        if _is_three_digits(status):
            return _line_for_code(int(status))
        if _is_three_digits(status[:3]) and status[3] == ' ' and 100 <= int(status[:3]):
            return status
        raise ValueError(f'{status!r} is not a valid status code or status line')
    if isinstance(status, int) and not isinstance(status, bool):
        return _line_for_code(status)
    raise ValueError(f'{status!r} is not a valid status code')


def http_status_to_code(status: http.HTTPStatus | int | bytes | str) -> int:
    """Normalize an HTTP status to its integer code.

    Args:
        status: A member of ``http.HTTPStatus``, an ``int``, or a ``str``/``bytes`` status
            line or code (e.g. ``'404 Not Found'`` or ``b'404'``).

    Returns:
        int: The status code, e.g. ``404``.

    Raises:
        ValueError: ``status`` is of another type, or the string does not start with a
            three-digit code followed by a space or by nothing.
    """
    if isinstance(status, http.HTTPStatus):
        return status.value
    if isinstance(status, int) and not isinstance(status, bool):
        return status
    if isinstance(status, bytes):
        try:
            status = status.decode('ascii')
        except UnicodeDecodeError:
            raise ValueError(f'{status!r} is not a valid status line') from None
    if not isinstance(status, str):
        raise ValueError('status must be an int, str, bytes, or a member of http.HTTPStatus')
    head = status[:3]
    if not _is_three_digits(head) or (len(status) > 3 and status[3] != ' '):
        raise ValueError(
            f'{status!r} is not a valid status line: it must start with a three-digit code'
        )
    return int(head)


def status_line(status: http.HTTPStatus | int | bytes | str) -> str:
    """Return the status line to put on the wire for what the app set as a status.

    A ``str`` is trusted and returned untouched. An ``int`` with no known reason phrase
    becomes ``'<code> Unknown'`` so that the line always carries a phrase.

    Args:
        status: The value assigned to ``resp.status`` (or carried by an error).

    Returns:
        str: The status line.

    Raises:
        ValueError: ``status`` is not a valid status.
    """
    # PERF: the common cases (a str constant, or a known int) cost one type test and, for
    # an int, one dict lookup.
    if type(status) is str:
        return status
    if type(status) is int:
        line = _WIRE_LINES_BY_INT.get(status)
        if line is not None:
            return line
        if not 100 <= status <= 999:
            raise ValueError(f'{status!r} is not a valid status code')
        line = _WIRE_LINES_BY_INT[status] = f'{status} Unknown'
        return line
    if isinstance(status, http.HTTPStatus):
        return _WIRE_LINES_BY_ENUM[status]
    if isinstance(status, str):
        return str(status)
    if isinstance(status, int) and not isinstance(status, bool):
        return status_line(int(status))
    line = code_to_http_status(status)
    if _is_three_digits(line):
        return f'{line} Unknown'
    return line
