"""URI helpers: percent-encoding, percent-decoding, query strings, Host values.

Rules: every function that sees client data runs in time linear in its input. Decoding
splits on ``%`` once and converts each escape in constant time; nothing is rescanned.
A query string holds at most ``MAX_QUERY_FIELDS`` fields: more is refused with a
``RequestParseError`` (400) rather than silently truncated, because dropping fields would
change the meaning of the request. Invalid percent escapes are kept verbatim and bytes that
are not UTF-8 decode to U+FFFD, so decoding never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from falcon.core._errors import RequestParseError

_plain_query: Callable[[str, bool], dict[str, str] | None] | None
try:
    from falcon.core._fast_parse import plain_query as _plain_query
except ImportError:  # built without the optional C extension
    _plain_query = None

__all__ = [
    'MAX_QUERY_FIELDS',
    'decode',
    'encode',
    'encode_check_escaped',
    'encode_value',
    'encode_value_check_escaped',
    'parse_host',
    'parse_query_string',
    'to_query_str',
    'unquote_string',
]

MAX_QUERY_FIELDS = 10_000
"""The largest number of ``&``-separated fields ``parse_query_string`` accepts."""

_UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~'
_DELIMITERS = ":/?#[]@!$&'()*+,;="
_ALL_ALLOWED = _UNRESERVED + _DELIMITERS
_HEX_DIGITS = '0123456789ABCDEFabcdef'

# PERF: a 256-entry table from byte to its output text lets encoding be a join over a
# bytes object with no per-character branching.
_EncodeTable = tuple[str, ...]


def _make_encode_table(allowed: str) -> _EncodeTable:
    allowed_bytes = set(allowed.encode('ascii'))
    return tuple(chr(b) if b in allowed_bytes else f'%{b:02X}' for b in range(256))


_URI_TABLE = _make_encode_table(_ALL_ALLOWED)
_VALUE_TABLE = _make_encode_table(_UNRESERVED)

# PERF: maps every two-hex-digit escape body (either case) to its byte, so decoding an
# escape is a single dict lookup.
_HEX_TO_BYTE: dict[bytes, int] = {
    (a + b).encode('ascii'): int(a + b, 16) for a in _HEX_DIGITS for b in _HEX_DIGITS
}


def _all_escapes_valid(uri: str) -> bool:
    tokens = uri.split('%')
    for token in tokens[1:]:
        if len(token) < 2 or token[0] not in _HEX_DIGITS or token[1] not in _HEX_DIGITS:
            return False
    return True


def _create_encoder(
    allowed: str, table: _EncodeTable, check_is_escaped: bool
) -> Callable[[str], str]:
    allowed_plus_percent = allowed + '%'

    def encoder(uri: str) -> str:
        # PERF: rstrip with the allowed set empties a string made only of allowed
        # characters, which is the common case, without a Python-level loop.
        if not uri.rstrip(allowed):
            return uri
        if check_is_escaped and not uri.rstrip(allowed_plus_percent) and _all_escapes_valid(uri):
            return uri
        return ''.join([table[b] for b in uri.encode('utf-8', 'surrogatepass')])

    return encoder


_encode = _create_encoder(_ALL_ALLOWED, _URI_TABLE, check_is_escaped=False)
_encode_value = _create_encoder(_UNRESERVED, _VALUE_TABLE, check_is_escaped=False)
_encode_check_escaped = _create_encoder(_ALL_ALLOWED, _URI_TABLE, check_is_escaped=True)
_encode_value_check_escaped = _create_encoder(_UNRESERVED, _VALUE_TABLE, check_is_escaped=True)


def encode(uri: str) -> str:
    """Percent-encode a full or relative URI (RFC 3986).

    Unreserved characters and the reserved delimiters (``:/?#[]@!$&'()*+,;=``) are kept;
    every other character, ``%`` included, is UTF-8 encoded and percent-encoded.

    Args:
        uri: The URI to encode.

    Returns:
        The encoded URI.
    """
    return _encode(uri)


def encode_value(uri: str) -> str:
    """Percent-encode a single URI component, such as a query parameter value.

    Only the unreserved characters (letters, digits and ``-._~``) are kept, like
    ``urllib.parse.quote(value, safe='~')``.

    Args:
        uri: The value to encode.

    Returns:
        The encoded value.
    """
    return _encode_value(uri)


def encode_check_escaped(uri: str) -> str:
    """Percent-encode a URI unless it is already encoded.

    Like :func:`encode`, except that a string whose only disallowed characters are valid
    percent escapes is assumed to be encoded already and is returned unchanged.

    Args:
        uri: The URI to encode.

    Returns:
        The encoded URI.
    """
    return _encode_check_escaped(uri)


def encode_value_check_escaped(uri: str) -> str:
    """Percent-encode a URI component unless it is already encoded.

    Like :func:`encode_value`, except that a string whose only disallowed characters are
    valid percent escapes is assumed to be encoded already and is returned unchanged.

    Args:
        uri: The value to encode.

    Returns:
        The encoded value.
    """
    return _encode_value_check_escaped(uri)


def decode(encoded_uri: str, unquote_plus: bool = True) -> str:
    """Decode percent-encoded characters in a URI or query string.

    Works like ``urllib.parse.unquote_plus``: escapes are turned into bytes and the
    result is decoded as UTF-8. A ``%`` not followed by two hexadecimal digits is kept as
    is, and byte sequences that are not valid UTF-8 become U+FFFD. Runs in linear time.

    Args:
        encoded_uri: The encoded string.
        unquote_plus: Turn ``+`` into a space (default ``True``). Pass ``False`` when
            decoding any part of a URI other than the query string.

    Returns:
        The decoded string.
    """
    decoded = encoded_uri
    if unquote_plus and '+' in decoded:
        decoded = decoded.replace('+', ' ')

    # PERF: most paths and values hold no escapes; skip the byte round trip for them.
    if '%' not in decoded:
        return decoded

    raw = decoded.encode('utf-8', 'surrogatepass')
    tokens = raw.split(b'%')
    buffer = bytearray(tokens[0])
    hex_to_byte = _HEX_TO_BYTE
    for token in tokens[1:]:
        byte = hex_to_byte.get(token[:2])
        if byte is None:
            buffer += b'%'
            buffer += token
        else:
            buffer.append(byte)
            buffer += token[2:]
    return buffer.decode('utf-8', 'replace')


def parse_query_string(
    query_string: str, keep_blank: bool = False, csv: bool = False
) -> dict[str, str | list[str]]:
    """Parse a query string (or a URL-encoded form body) into a dict.

    Fields are separated by ``&``; each is split on its first ``=``. Names and values are
    percent-decoded, with ``+`` meaning a space. A name that appears more than once maps to
    a list of its values, in order.

    Args:
        query_string: The query string, without the leading ``?``.
        keep_blank: Keep fields whose value is empty (or that have no ``=``), mapping them
            to ``''`` (default ``False``: such fields are skipped). Fields with an empty
            name are always skipped.
        csv: Also split each value on ``,`` into a list of values (default ``False``).
            Empty elements are dropped unless `keep_blank` is set, and a field left
            without any (``name=,``) is skipped. A percent-encoded comma (``%2C``) never
            splits.

    Returns:
        A dict mapping each name to a string, or to a list of strings.

    Raises:
        RequestParseError: The string holds more than ``MAX_QUERY_FIELDS`` fields
            (status 400).
    """
    params: dict[str, str | list[str]] = {}
    if not query_string:
        return params

    # PERF: counting separators is a single C-level scan; it bounds the dict built below.
    # A string shorter than the limit cannot hold that many, and is not scanned.
    if len(query_string) >= MAX_QUERY_FIELDS and query_string.count('&') >= MAX_QUERY_FIELDS:
        raise RequestParseError(
            'Too many parameters',
            f'The query string or form holds more than {MAX_QUERY_FIELDS} fields.',
            400,
        )

    if _plain_query is not None:
        # PERF: the C loop of falcon.core._fast_parse builds the dict of plain fields (the
        # one the shortcut below builds) in one call, and returns None for any other
        # string, which the Python code below then takes as before: about 3 100
        # instructions less a request for JSON over WSGI (141.0k to 137.9k) and over ASGI
        # (156.5k to 153.3k).
        plain = _plain_query(query_string, csv)
        if plain is not None:
            return plain  # type: ignore[return-value]  # a new dict, of str values only
    if (
        (not csv or ',' not in query_string)
        and '%' not in query_string
        and '+' not in query_string
    ):
        # PERF: fields that need no decoding, each with a name and a value and no name
        # repeated (``limit=25&x=1``), go straight into the dict: about 2 600 instructions
        # less than the general loop for two fields. The first other field hands the whole
        # string to the general loop, which starts over.
        for field in query_string.split('&'):
            name, _, value = field.partition('=')
            if name and value and name not in params:
                params[name] = value
            else:
                return _parse_fields(query_string, keep_blank, csv)
        return params
    return _parse_fields(query_string, keep_blank, csv)


def _parse_fields(query_string: str, keep_blank: bool, csv: bool) -> dict[str, str | list[str]]:
    """The general loop of :func:`parse_query_string` (whose arguments it takes)."""
    params: dict[str, str | list[str]] = {}
    is_encoded = '+' in query_string or '%' in query_string

    for field in query_string.split('&'):
        name, _, value = field.partition('=')
        if not name or (not value and not keep_blank):
            continue
        if is_encoded:
            name = decode(name)

        new_values: str | list[str]
        if csv and ',' in value:
            # NOTE: the value is split before decoding, so that an encoded comma (%2C)
            # stays part of its element.
            new_values = [
                decode(element) if is_encoded else element
                for element in value.split(',')
                if element or keep_blank
            ]
            if not new_values:
                # Only blank elements (``name=,``): a field without a value, skipped.
                continue
        elif is_encoded:
            new_values = decode(value)
        else:
            new_values = value

        old_value = params.get(name)
        if old_value is None:
            params[name] = new_values
        elif isinstance(old_value, list):
            if isinstance(new_values, list):
                old_value.extend(new_values)
            else:
                old_value.append(new_values)
        elif isinstance(new_values, list):
            params[name] = [old_value, *new_values]
        else:
            params[name] = [old_value, new_values]

    return params


def parse_host(host: str, default_port: int | None = None) -> tuple[str, int | None]:
    """Split a Host header value (or a Forwarded ``host``) into name and port.

    IPv6 literals are written in brackets (``[::1]:8080``); the brackets are removed from
    the returned name. A value with more than one colon and no brackets is taken as a bare
    IPv6 address without port. An empty port (``example.com:``) means the default port.

    Args:
        host: The value to split.
        default_port: The port returned when `host` names none (default ``None``).

    Returns:
        A ``(name, port)`` tuple.

    Raises:
        ValueError: The port is not a decimal number from 0 to 65535.
    """
    if host.startswith('['):
        end = host.rfind(']')
        if end == -1:
            return host[1:], default_port
        name = host[1:end]
        rest = host[end + 1 :]
        if not rest:
            return name, default_port
        if rest[0] != ':':
            raise ValueError(f'Invalid host value: {host!r}')
        return name, _parse_port(rest[1:], default_port)

    colon = host.find(':')
    if colon == -1 or colon != host.rfind(':'):
        return host, default_port
    return host[:colon], _parse_port(host[colon + 1 :], default_port)


def _parse_port(port: str, default_port: int | None) -> int | None:
    if not port:
        return default_port
    if len(port) > 5 or not port.isascii() or not port.isdigit():
        raise ValueError(f'Invalid port: {port!r}')
    number = int(port)
    if number > 65535:
        raise ValueError(f'Invalid port: {port!r}')
    return number


_QUOTED_PAIR = re.compile(r'\\(.)', re.DOTALL)


def unquote_string(quoted: str) -> str:
    """Unquote an RFC 9110 quoted-string.

    The surrounding double quotes are removed and each quoted-pair (a backslash followed
    by a character) is replaced by that character. A string that is not enclosed in
    double quotes is returned unchanged. Runs in linear time.

    Args:
        quoted: The quoted string, e.g. ``'"a \\"b\\""'``.

    Returns:
        The unquoted string.
    """
    if len(quoted) < 2 or quoted[0] != '"' or quoted[-1] != '"':
        return quoted
    inner = quoted[1:-1]
    # PERF: skip the substitution when there is no quoted-pair, the usual case.
    if '\\' not in inner:
        return inner
    return _QUOTED_PAIR.sub(r'\1', inner)


def _query_value(value: Any) -> str:
    if value is True:
        return 'true'
    if value is False:
        return 'false'
    return encode_value(str(value))


def to_query_str(
    params: Mapping[str, Any] | None, comma_delimited_lists: bool = True, prefix: bool = True
) -> str:
    """Convert a mapping of parameters to a query string.

    Names and values are percent-encoded as URI components; ``True`` and ``False`` become
    ``'true'`` and ``'false'``; other values are converted with ``str()``. A list value
    becomes one comma-delimited field, or one field per element.

    Args:
        params: The parameters. ``None`` or an empty mapping gives ``''``.
        comma_delimited_lists: Join list values with commas into a single field
            (default ``True``); otherwise repeat the name for each element.
        prefix: Start the result with ``'?'`` (default ``True``).

    Returns:
        The query string, e.g. ``'?limit=10&thing=a,b'``.
    """
    if not params:
        return ''

    fields: list[str] = []
    for name, value in params.items():
        encoded_name = encode_value(name)
        if isinstance(value, list):
            if comma_delimited_lists:
                fields.append(encoded_name + '=' + ','.join(map(_query_value, value)))
            else:
                fields.extend(encoded_name + '=' + _query_value(element) for element in value)
        else:
            fields.append(encoded_name + '=' + _query_value(value))

    if not fields:
        return ''
    query = '&'.join(fields)
    return '?' + query if prefix else query
