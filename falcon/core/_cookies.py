"""Cookies: parsing the Cookie request header and formatting Set-Cookie values.

Rules: parsing is lenient in the manner of RFC 6265, section 5.4 and runs in linear time:
pairs are split on ``;`` once, and a double-quoted value is unescaped by a single regular
expression substitution whose alternatives have fixed widths (no rescanning, whatever
the number of backslashes). Pairs without ``=`` and pairs whose name is not an RFC 9110
token are skipped; repeated names keep every value, in order. Formatting validates
everything the application passes and raises ``ValueError`` for anything that could break
the header (CR, LF, NUL, a ``;`` that would start a new attribute, or an attribute that
cannot be encoded in a header; a bad name is also a ``KeyError``, as Falcon documents), so a
bad cookie is refused when set, never sent. Values are quoted the way ``http.cookies.SimpleCookie``
quotes them, and attributes come in the same order it uses.
"""

from __future__ import annotations

import re
import string
from datetime import datetime

from falcon.core._dates import dt_to_http

__all__ = ['CookieNameError', 'format_set_cookie', 'is_cookie_token', 'parse_cookie_header']

_TOKEN_CHARS = frozenset(string.ascii_letters + string.digits + "!#$%&'*+-.^_`|~")

# Characters SimpleCookie leaves unquoted, and those it keeps verbatim inside quotes.
_LEGAL_VALUE_CHARS = string.ascii_letters + string.digits + "!#$%&'*+-.^_`|~:"
_UNESCAPED_IN_QUOTES = _LEGAL_VALUE_CHARS + ' ()/<=>?@[]{}'
_QUOTE_TRANSLATION = {
    code: f'\\{code:03o}' for code in range(256) if chr(code) not in _UNESCAPED_IN_QUOTES
}
_QUOTE_TRANSLATION[ord('"')] = '\\"'
_QUOTE_TRANSLATION[ord('\\')] = '\\\\'

_ESCAPE = re.compile(r'\\(?:([0-3][0-7][0-7])|(.))', re.DOTALL)
_FORBIDDEN_IN_ATTRIBUTES = frozenset('\r\n\x00;')
_SAME_SITE_VALUES = {'lax': 'Lax', 'strict': 'Strict', 'none': 'None'}


class CookieNameError(KeyError, ValueError):
    """A cookie name that is not an RFC 6265 token (a ``KeyError``, as Falcon documents)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ''


def is_cookie_token(name: str) -> bool:
    """Tell whether `name` is a non-empty RFC 9110 token, as cookie names must be.

    Args:
        name: The candidate cookie name.

    Returns:
        ``True`` when every character is a token character.
    """
    return bool(name) and _TOKEN_CHARS.issuperset(name)


def _unescape(match: re.Match[str]) -> str:
    octal = match.group(1)
    if octal is not None:
        return chr(int(octal, 8))
    return match.group(2)


def _unquote_value(value: str) -> str:
    inner = value[1:-1]
    if '\\' not in inner:
        return inner
    return _ESCAPE.sub(_unescape, inner)


def parse_cookie_header(header: str) -> dict[str, list[str]]:
    """Parse a Cookie request header.

    Pairs are separated by ``;``; names and values are stripped of surrounding whitespace.
    A value enclosed in double quotes is unquoted, decoding backslash escapes (including
    the three-digit octal escapes that ``http.cookies`` produces).

    Args:
        header: The Cookie header value, e.g. ``'a=1; b="x y"; a=2'``.

    Returns:
        A dict mapping each cookie name to the list of its values in header order, e.g.
        ``{'a': ['1', '2'], 'b': ['x y']}``. Pairs without ``=`` and pairs whose name is
        not a token are left out.
    """
    cookies: dict[str, list[str]] = {}
    for pair in header.split(';'):
        name, equals, value = pair.partition('=')
        if not equals:
            continue
        name = name.strip()
        if not name or not _TOKEN_CHARS.issuperset(name):
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
            value = _unquote_value(value)

        values = cookies.get(name)
        if values is None:
            cookies[name] = [value]
        else:
            values.append(value)
    return cookies


def _quote_value(value: str) -> str:
    # PERF: rstrip with the legal set empties a plain value without a Python-level loop.
    # An empty value is quoted (``""``), as SimpleCookie does.
    if value and not value.rstrip(_LEGAL_VALUE_CHARS):
        return value
    return '"' + value.translate(_QUOTE_TRANSLATION) + '"'


def _check_attribute(label: str, value: str) -> str:
    if not _FORBIDDEN_IN_ATTRIBUTES.isdisjoint(value):
        raise ValueError(f'The cookie {label} must not contain CR, LF, NUL or ";".')
    if not value.isascii():
        try:
            value.encode('latin-1')
        except UnicodeEncodeError:
            raise ValueError(
                f'The cookie {label} must be ISO-8859-1 (latin-1) encodable.'
            ) from None
    return value


def format_set_cookie(
    name: str,
    value: str,
    *,
    expires: datetime | None = None,
    max_age: int | str | None = None,
    domain: str | None = None,
    path: str | None = None,
    secure: bool = False,
    http_only: bool = True,
    same_site: str | None = None,
    partitioned: bool = False,
) -> str:
    """Build a Set-Cookie header value.

    Attributes are emitted in this order when present: ``Domain``, ``expires``,
    ``HttpOnly``, ``Max-Age``, ``Partitioned``, ``Path``, ``SameSite``, ``Secure``.

    Args:
        name: The cookie name; it must be an RFC 9110 token.
        value: The cookie value (converted with ``str()``); it must be ASCII. A value with
            characters outside the cookie-octet set is double-quoted and escaped the way
            ``http.cookies.SimpleCookie`` does it.
        expires: When the cookie expires. A naive datetime is taken to be in UTC.
        max_age: Lifetime in seconds (converted with ``int()``). ``0`` is emitted, telling
            the client to discard the cookie.
        domain: The ``Domain`` attribute.
        path: The ``Path`` attribute.
        secure: Add the ``Secure`` attribute.
        http_only: Add the ``HttpOnly`` attribute (default ``True``).
        same_site: ``'Lax'``, ``'Strict'`` or ``'None'``, in any case.
        partitioned: Add the ``Partitioned`` attribute (CHIPS).

    Returns:
        The header value, e.g. ``'id=42; HttpOnly; Path=/; Secure'``.

    Raises:
        CookieNameError: The name is not a token (e.g. it holds non-ASCII characters); both a
            ``KeyError`` and a ``ValueError``.
        ValueError: The value is not ASCII, the value, domain or path holds CR, LF, NUL (or,
            for domain and path, ``;`` or characters outside ISO-8859-1), `max_age` is not an
            integer, or `same_site` is not one of the allowed values.
    """
    if not is_cookie_token(name):
        raise CookieNameError(f'The cookie name {name[:64]!r} is not a valid token.')
    value = str(value)
    if not value.isascii():
        raise ValueError('The cookie value must be ASCII.')
    if '\r' in value or '\n' in value or '\x00' in value:
        raise ValueError('The cookie value must not contain CR, LF or NUL.')

    parts = [name + '=' + _quote_value(value)]
    if domain:
        parts.append('Domain=' + _check_attribute('domain', domain))
    if expires is not None:
        parts.append('expires=' + dt_to_http(expires))
    if http_only:
        parts.append('HttpOnly')
    if max_age is not None:
        parts.append(f'Max-Age={int(max_age)}')
    if partitioned:
        parts.append('Partitioned')
    if path:
        parts.append('Path=' + _check_attribute('path', path))
    if same_site:
        canonical = _SAME_SITE_VALUES.get(same_site.lower())
        if canonical is None:
            raise ValueError("same_site must be set to either 'lax', 'strict', or 'none'")
        parts.append('SameSite=' + canonical)
    if secure:
        parts.append('Secure')
    return '; '.join(parts)
