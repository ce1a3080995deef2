"""Hypothesis strategies for hostile HTTP and WebSocket input.

Each strategy mixes well-formed values of a grammar (Accept, Range, Cookie, Forwarded,
If-Match, HTTP dates, percent-encoded paths, multipart bodies...) with random mutations of
them and with plain garbage, so that both the parsers' happy paths and their error paths
are reached.

What a real server could never hand to an app is left out, because the two adapters cannot
be compared on it: header values are latin-1 text without CR, LF or NUL, and paths and
query strings are ASCII (anything else arrives percent-encoded).
"""

from __future__ import annotations

import json
import string
from typing import Any

from hypothesis import strategies as st

__all__ = [
    'CONTENT_TYPES',
    'HEADER_NAMES',
    'PARAM_NAMES',
    'accept_values',
    'bodies_for',
    'content_lengths',
    'cookie_values',
    'date_values',
    'etag_lists',
    'forwarded_values',
    'header_maps',
    'header_values',
    'host_values',
    'huge_integers',
    'json_documents',
    'methods',
    'msgpack_documents',
    'multipart_bodies',
    'mutated',
    'path_segments',
    'query_strings',
    'range_values',
]

# -- characters --------------------------------------------------------------------------------

#: Every latin-1 character a header value may carry once a server has parsed the line.
_HEADER_CHARS = ''.join(chr(c) for c in range(256) if chr(c) not in '\r\n\x00')

#: Printable ASCII, as a request target may hold it (no space, no '#', no '?').
_TARGET_CHARS = ''.join(c for c in string.printable[:94] if c not in '#?')

_TCHARS = string.ascii_letters + string.digits + "!#$%&'*+-.^_`|~"

# -- generic helpers ---------------------------------------------------------------------------


def _text(alphabet: str, max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, max_size=max_size)


@st.composite
def mutated(draw: Any, base: st.SearchStrategy[str], alphabet: str = _HEADER_CHARS) -> str:
    """A value from ``base``, possibly with characters inserted, deleted or replaced.

    Args:
        base: The well-formed values to start from.
        alphabet: Characters that mutations may insert.

    Returns:
        The (possibly) mutated value.
    """
    value: str = draw(base)
    for _ in range(draw(st.integers(0, 3))):
        operation = draw(st.sampled_from(('insert', 'delete', 'replace', 'truncate', 'double')))
        position = draw(st.integers(0, len(value)))
        if operation == 'insert':
            value = value[:position] + draw(_text(alphabet, 3)) + value[position:]
        elif operation == 'delete':
            value = value[:position] + value[position + 1 :]
        elif operation == 'replace':
            value = value[:position] + draw(_text(alphabet, 2)) + value[position + 1 :]
        elif operation == 'truncate':
            value = value[:position]
        else:
            value = value[:position] + value[position:] * 2
    return value


def _hostile(grammar: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Well-formed values, mutated ones, and garbage, in that order of preference."""
    return st.one_of(grammar, mutated(grammar), header_values())


def header_values() -> st.SearchStrategy[str]:
    """Arbitrary latin-1 header values (no CR, LF or NUL)."""
    return _text(_HEADER_CHARS, 60)


# -- numbers -----------------------------------------------------------------------------------

_INTEGER_EDGES = (
    '0',
    '-0',
    '+1',
    '-1',
    '1_000',
    ' 5',
    '5 ',
    '0x10',
    '0o7',
    '1e3',
    '1.5',
    '5,5',
    '007',
    '\u00b2',  # SUPERSCRIPT TWO: str.isdigit() is true, int() refuses it
    '\u00bd',
    'NaN',
    'inf',
    '-inf',
    '9' * 19,
    '9' * 40,
    '1' * 5000,  # over CPython's int-from-str digit limit
    '',
)


def huge_integers() -> st.SearchStrategy[str]:
    """Integer-ish text: edge cases, big values, signs, separators and whitespace."""
    return st.one_of(
        st.sampled_from(_INTEGER_EDGES),
        st.integers(-(10**30), 10**30).map(str),
        st.integers(0, 2**64).map(lambda n: f'{n:_}'),
        mutated(st.integers(0, 10**6).map(str), string.digits + '+-_ .e'),
    )


def content_lengths() -> st.SearchStrategy[str]:
    """``Content-Length`` values: valid, signed, with underscores or spaces, huge.

    Never blank: a blank value counts as no ``Content-Length`` at all, and without one a
    WSGI app reads no body while an ASGI app reads what the server delivers (as in Falcon),
    so the two modes rightly differ there.
    """
    return huge_integers().filter(str.strip)


# -- header grammars ---------------------------------------------------------------------------

_MEDIA_TYPES = (
    'application/json',
    'application/msgpack',
    'application/x-msgpack',
    'application/xml',
    'text/html',
    'text/plain',
    'text/*',
    '*/*',
    'image/png',
    'application/*',
    '*/json',
    'application/vnd.api+json',
)


def _media_type() -> st.SearchStrategy[str]:
    token = _text(_TCHARS, 8).filter(bool)
    return st.one_of(st.sampled_from(_MEDIA_TYPES), st.builds('{}/{}'.format, token, token))


def _q_param() -> st.SearchStrategy[str]:
    return st.one_of(
        st.just(''),
        st.sampled_from(('0', '1', '0.5', '0.001', '1.000', '2', '-1', 'x', '', '1e1', 'nan')).map(
            lambda q: f';q={q}'
        ),
        st.floats(0, 1).map(lambda q: f'; q={q:.3f}'),
    )


def _media_range() -> st.SearchStrategy[str]:
    extra = st.sampled_from(('', ';level=1', '; charset=utf-8', ';a="b;c"', ';x', ';=1'))
    return st.builds('{}{}{}'.format, _media_type(), extra, _q_param())


def accept_values() -> st.SearchStrategy[str]:
    """``Accept`` values: lists of media ranges with parameters and q-values, mutated."""
    grammar = st.lists(_media_range(), min_size=1, max_size=5).map(', '.join)
    return _hostile(grammar)


def range_values() -> st.SearchStrategy[str]:
    """``Range`` values: byte ranges, suffixes, other units, lists, garbage."""
    number = st.one_of(st.integers(0, 10**6).map(str), huge_integers())
    spec = st.one_of(
        st.builds('{}-{}'.format, number, number),
        st.builds('-{}'.format, number),
        st.builds('{}-'.format, number),
        st.just('-'),
    )
    unit = st.sampled_from(('bytes', 'items', 'BYTES', '', 'bytes ', 'x y'))
    specs = st.lists(spec, min_size=1, max_size=3).map(','.join)
    grammar = st.builds('{}={}'.format, unit, specs)
    return _hostile(grammar)


def _quoted(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return text.map(lambda value: '"' + value + '"')


def etag_lists() -> st.SearchStrategy[str]:
    """``If-Match`` / ``If-None-Match`` values: entity tags, weak tags, ``*``, garbage."""
    opaque = _text(string.ascii_letters + string.digits + '-\\', 12)
    tag = st.one_of(_quoted(opaque), _quoted(opaque).map(lambda t: 'W/' + t), st.just('*'))
    grammar = st.lists(tag, min_size=1, max_size=4).map(', '.join)
    return _hostile(grammar)


_DATES = (
    'Tue, 15 Nov 1994 08:12:31 GMT',
    'Sun, 06 Nov 1994 08:49:37 GMT',
    'Sunday, 06-Nov-94 08:49:37 GMT',
    'Sun Nov  6 08:49:37 1994',
    'Mon, 31 Feb 2022 00:00:00 GMT',
    'Fri, 31 Dec 9999 23:59:59 GMT',
    'Thu, 01 Jan 0001 00:00:00 GMT',
    'Thu, 01 Jan 1970 00:00:00 UTC',
    '2024-01-01T00:00:00Z',
    '2024-01-01',
    '1700000000',
)


def date_values() -> st.SearchStrategy[str]:
    """HTTP dates in the three RFC 9110 forms, impossible dates, other formats, mutated."""
    return _hostile(st.sampled_from(_DATES))


def cookie_values() -> st.SearchStrategy[str]:
    """``Cookie`` header values: pairs, quoted values, escapes, duplicates, garbage."""
    name = st.one_of(st.sampled_from(('a', 'b', 'session', 'A', '$Version')), _text(_TCHARS, 6))
    escapes = st.lists(
        st.sampled_from(('\\"', '\\\\', '\\012', '\\377', '\\', 'x', ' ', ';', ',')),
        max_size=20,
    ).map(''.join)
    value = st.one_of(
        _text(string.ascii_letters + string.digits + '!#$%&()*+-./:<>?@[]^_`{|}~', 12),
        _quoted(escapes),
        escapes,
    )
    pair = st.builds('{}={}'.format, name, value)
    separator = st.sampled_from(('; ', ';', ', ', ' ; '))
    grammar = st.builds(
        lambda pairs, sep: sep.join(pairs), st.lists(pair, min_size=1, max_size=5), separator
    )
    return _hostile(grammar)


_NODES = (
    '192.0.2.60',
    '"[2001:db8:cafe::17]:4711"',
    '[2001:db8::1]',
    'unknown',
    '_hidden',
    '"198.51.100.17:80"',
    '10.0.0.1:99999',
    '"',
    '',
)


def forwarded_values() -> st.SearchStrategy[str]:
    """``Forwarded`` values (RFC 7239): for/by/host/proto pairs, quoting, lists, mutated."""
    pair = st.one_of(
        st.sampled_from(_NODES).map('for={}'.format),
        st.sampled_from(_NODES).map('by={}'.format),
        st.sampled_from(('example.com', '"example.com:8080"', 'a b', '')).map('host={}'.format),
        st.sampled_from(('http', 'https', 'HTTPS', 'ftp', '', '"https"')).map('proto={}'.format),
        st.builds('{}={}'.format, _text(_TCHARS, 5), _text(_TCHARS, 5)),
    )
    element = st.lists(pair, min_size=1, max_size=4).map(';'.join)
    grammar = st.lists(element, min_size=1, max_size=3).map(', '.join)
    return _hostile(grammar)


def host_values() -> st.SearchStrategy[str]:
    """``Host`` / ``X-Forwarded-Host`` values: names, ports, IPv6 literals, garbage."""
    grammar = st.sampled_from(
        (
            'example.com',
            'api.example.com',
            'a.b.c.example.com:8080',
            'example.com:',
            'example.com:0',
            'example.com:65536',
            'example.com:-1',
            'example.com:+80',
            'example.com:80:80',
            '[::1]',
            '[::1]:8000',
            '[::1',
            '::1',
            '.',
            '',
        )
    )
    return _hostile(grammar)


def _address_list() -> st.SearchStrategy[str]:
    return _hostile(st.lists(st.sampled_from(_NODES), max_size=4).map(', '.join))


# -- request line ------------------------------------------------------------------------------

_METHODS = ('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT')


def methods() -> st.SearchStrategy[str]:
    """HTTP methods: mostly GET and POST, then the others, WebDAV, and random tokens."""
    return st.one_of(
        st.sampled_from(('GET', 'POST')),
        st.sampled_from(('GET', 'POST')),
        st.sampled_from(_METHODS),
        st.sampled_from(('get', 'PROPFIND', 'PURGE', 'WEBSOCKET', 'GETX', 'G')),
        _text(string.ascii_uppercase, 10).filter(bool),
    )


_ESCAPES = (
    '%41',
    '%2F',
    '%2f',
    '%25',
    '%',
    '%4',
    '%zz',
    '%%',
    '%C3%A9',
    '%C3%28',
    '%ED%A0%80',
    '%F0%9F%98%80',
    '%F0%9F%98',
    '%FF',
    '%00',
    '%0A',
    '%20',
    '+',
    '%2B',
    '%3F',
    '%23',
)


def _escaped_text(max_size: int = 8) -> st.SearchStrategy[str]:
    plain = _text(string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@", 4)
    return st.lists(st.one_of(plain, st.sampled_from(_ESCAPES)), max_size=max_size).map(''.join)


def path_segments() -> st.SearchStrategy[str]:
    """One path segment: numbers, dates, UUIDs, percent-escapes valid or not, garbage."""
    return st.one_of(
        huge_integers().filter(lambda s: '/' not in s and s.isascii() and ' ' not in s),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.uuids().map(str),
        st.uuids().map(lambda u: u.hex.upper()),
        st.sampled_from(('2024-01-31T12:00:00Z', '2024-02-30T00:00:00Z', '2024-01-31', '0-0-0')),
        _escaped_text(),
        _text(_TARGET_CHARS.replace('/', ''), 12),
    )


# -- query strings -----------------------------------------------------------------------------

#: Parameter names the probe app reads, so that random query strings hit its parsers.
PARAM_NAMES = ('i', 'f', 'b', 'u', 'l', 'd', 'j', 'm', 'dt', 'date', 'x')


def _param_value() -> st.SearchStrategy[str]:
    return st.one_of(
        huge_integers()
        .filter(lambda s: s.isascii())
        .map(lambda s: s.replace(' ', '+').replace('&', '%26').replace('#', '%23')),
        st.sampled_from(
            (
                'true',
                'false',
                'True',
                'yes',
                'on',
                '1',
                'null',
                '{"a":1}',
                '[1,2]',
                '%7B%22a%22%3A1%7D',
                '%5B' * 50,
                'a,b,,c',
                'k,v,k2',
                'k,v,k2,v2',
                ',',
                '2024-01-31T12:00:00Z',
                '2024-01-31',
                '20240131',
                '12345678-1234-5678-1234-567812345678',
                '12345678123456781234567812345678',
            )
        ),
        _escaped_text(),
    )


def query_strings() -> st.SearchStrategy[str]:
    """Query strings over the probe's parameter names, with escapes, blanks and repeats."""
    name = st.one_of(st.sampled_from(PARAM_NAMES), _escaped_text(3))
    field = st.one_of(
        st.builds('{}={}'.format, name, _param_value()),
        name,
        st.sampled_from(('=', '&', '==', '=x', 'i=1=2', ';')),
    )
    grammar = st.lists(field, max_size=8).map('&'.join)
    return st.one_of(grammar, mutated(grammar, _TARGET_CHARS))


# -- headers -----------------------------------------------------------------------------------

#: The header names the probe reads, each with the strategy for its value.
HEADER_NAMES: dict[str, Any] = {
    'Accept': accept_values,
    'Content-Length': content_lengths,
    # Never empty: see test_http_fuzz.test_empty_content_type_is_listed_alike.
    'Content-Type': lambda: _hostile(_media_type()).filter(bool),
    'Date': date_values,
    'If-Match': etag_lists,
    'If-None-Match': etag_lists,
    'If-Modified-Since': date_values,
    'If-Unmodified-Since': date_values,
    'If-Range': lambda: st.one_of(date_values(), etag_lists()),
    'Range': range_values,
    'Cookie': cookie_values,
    'Forwarded': forwarded_values,
    'X-Forwarded-For': _address_list,
    'X-Real-IP': lambda: _hostile(st.sampled_from(_NODES)),
    'X-Forwarded-Host': host_values,
    'X-Forwarded-Proto': lambda: _hostile(st.sampled_from(('http', 'https', 'HTTPS', 'ws'))),
    'X-Forwarded-Prefix': lambda: _hostile(st.sampled_from(('/api', 'api', '/', '//x'))),
    'Host': host_values,
    'X-Int': huge_integers,
    'X-Date': date_values,
    'X-Media': lambda: _hostile(_media_type()),
    'Authorization': header_values,
    'User-Agent': header_values,
    'Referer': header_values,
    'Expect': header_values,
    'Last-Event-ID': header_values,
}


@st.composite
def header_maps(draw: Any, names: tuple[str, ...] | None = None) -> dict[str, str]:
    """A header mapping over ``names`` (default: every name the probe reads).

    Returns:
        Header names to hostile values; a random subset of the names is present.
    """
    chosen = names if names is not None else tuple(HEADER_NAMES)
    headers: dict[str, str] = {}
    for name in draw(st.lists(st.sampled_from(chosen), unique=True, max_size=8)):
        headers[name] = draw(HEADER_NAMES[name]())
    return headers


# -- bodies ------------------------------------------------------------------------------------

#: Content types for body fuzzing: each handler the probe registers, plus traps.
CONTENT_TYPES = (
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=latin-1',
    'application/json; charset=no-such-codec',
    'application/msgpack',
    'application/x-msgpack',
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=utf-8',
    'multipart/form-data; boundary=BOUNDARY',
    'multipart/form-data; boundary="BOUNDARY"',
    'multipart/form-data',
    'multipart/form-data; boundary=',
    'multipart/form-data; boundary=' + 'B' * 200,
    'text/plain',
    'application/octet-stream',
    'application/',
    ';',
    '',
)

_json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=10),
)


def json_documents() -> st.SearchStrategy[bytes]:
    """JSON bodies: valid documents, deep nesting, huge numbers, broken syntax, bad UTF-8."""
    documents = st.recursive(
        _json_scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=4), st.dictionaries(st.text(max_size=5), children)
        ),
        max_leaves=10,
    ).map(lambda doc: json.dumps(doc).encode())
    deep = st.integers(1, 5000).map(lambda n: b'[' * n + b']' * n)
    unclosed = st.integers(1, 5000).map(lambda n: b'{"a":' * n)
    special = st.sampled_from(
        (
            b'',
            b' ',
            b'1' * 5000,
            b'-' + b'9' * 4400,
            b'1e999999',
            b'NaN',
            b'Infinity',
            b'"\\ud800"',
            b'"\\u12"',
            b'\xff\xfe{\x00}\x00',
            b'\xef\xbb\xbf{}',
            b'{"a": 1,}',
            b'{"a" 1}',
            b'\x80',
            b'"\xc3\x28"',
            b'null',
        )
    )
    return st.one_of(documents, deep, unclosed, special, st.binary(max_size=40))


def msgpack_documents() -> st.SearchStrategy[bytes]:
    """MessagePack bodies: valid ones, truncated ones, and random bytes."""
    import msgpack  # type: ignore[import-untyped]

    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**63), 2**64 - 1),
        st.floats(),
        st.text(max_size=10),
        st.binary(max_size=8),
    )
    documents = st.recursive(
        scalars,
        lambda children: st.lists(children, max_size=4),
        max_leaves=8,
    ).map(lambda doc: msgpack.packb(doc, use_bin_type=True))
    truncated = st.builds(lambda doc, cut: doc[:cut], documents, st.integers(0, 8))
    special = st.sampled_from(
        (
            b'\xc1',  # never used
            b'\xdd\xff\xff\xff\xff',  # an array claiming 4 billion items
            b'\xdb\xff\xff\xff\xff',  # a string claiming 4 GiB
            b'\xc7\x01\xff\x00',  # ext -1 (timestamp) with a bad length
            b'\x91' * 2000 + b'\xc0',  # deep nesting
            b'\xa3\xff\xfe\xfd',  # a str that is not UTF-8
            b'\x81\x80\x01',  # a dict key that is unhashable
        )
    )
    return st.one_of(documents, truncated, special, st.binary(max_size=40))


def _urlencoded_documents() -> st.SearchStrategy[bytes]:
    return st.one_of(
        query_strings().map(str.encode),
        st.binary(max_size=40),
        st.just(b'a=1&' * 20_000),
    )


_PART_HEADERS = (
    'Content-Disposition: form-data; name="field"',
    'Content-Disposition: form-data; name="file"; filename="a.txt"',
    'Content-Disposition: form-data; name="file"; filename="../../etc/passwd"',
    'Content-Disposition: form-data; name="f"; filename*=UTF-8\'\'%E2%82%AC.txt',
    'Content-Disposition: form-data; name="f"; filename=""',
    'Content-Disposition: form-data; name="f"; filename="' + '\u00e9' * 300 + '"',
    'Content-Disposition: form-data',
    'Content-Disposition: attachment; name=x',
    'Content-Disposition: form-data; name="j"\r\nContent-Type: application/json',
    'Content-Disposition: form-data; name="t"\r\nContent-Type: text/plain; charset=latin-1',
    'Content-Disposition: form-data; name="t"\r\nContent-Type: text/plain; charset=bogus',
    'Content-Type: text/plain',
    'No colon here',
    ': empty name',
    'X-' + 'A' * 9000 + ': long',
)


@st.composite
def multipart_bodies(draw: Any) -> bytes:
    """``multipart/form-data`` bodies with boundary ``BOUNDARY``: valid, truncated, mutated.

    Returns:
        The body bytes.
    """
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        headers = draw(st.sampled_from(_PART_HEADERS))
        data = draw(st.one_of(json_documents(), st.binary(max_size=30)))
        parts.append(headers.encode('utf-8') + b'\r\n\r\n' + data)
    preamble: bytes = draw(st.sampled_from((b'', b'preamble\r\n', b'\r\n')))
    body: bytes = preamble + b''.join(b'--BOUNDARY\r\n' + part + b'\r\n' for part in parts)
    body += draw(st.sampled_from((b'--BOUNDARY--\r\n', b'--BOUNDARY--', b'--BOUNDARY', b'')))
    action = draw(st.sampled_from(('keep', 'truncate', 'flip', 'many')))
    if action == 'truncate' and body:
        body = body[: draw(st.integers(0, len(body) - 1))]
    elif action == 'flip' and body:
        position = draw(st.integers(0, len(body) - 1))
        body = body[:position] + bytes([draw(st.integers(0, 255))]) + body[position + 1 :]
    elif action == 'many':
        part = b'--BOUNDARY\r\nContent-Disposition: form-data; name="n"\r\n\r\nv\r\n'
        count: int = draw(st.sampled_from((10, 100, 5000)))
        body = part * count + b'--BOUNDARY--\r\n'
    return body


def bodies_for(content_type: str) -> st.SearchStrategy[bytes]:
    """Bodies that suit ``content_type`` (and its handler's error paths), or random bytes.

    Args:
        content_type: One of :data:`CONTENT_TYPES`.

    Returns:
        A strategy of body bytes.
    """
    if 'json' in content_type:
        specific = json_documents()
    elif 'msgpack' in content_type:
        specific = msgpack_documents()
    elif 'urlencoded' in content_type:
        specific = _urlencoded_documents()
    elif 'multipart' in content_type:
        specific = multipart_bodies()
    else:
        specific = st.one_of(json_documents(), msgpack_documents(), multipart_bodies())
    return st.one_of(specific, st.binary(max_size=60))
