"""The Forwarded header (RFC 7239): one ``Forwarded`` object per forwarded-element.

Rules: a forward-only scanner in linear time. Elements are separated by ``,`` and pairs by
``;``; whitespace is tolerated between pairs and elements (more lenient than the RFC).
A pair is ``token=token`` or ``token="quoted string"``; parameter names are
case-insensitive. At the first syntax error in an element, the rest of that element is
skipped up to the next ``,`` (pairs already read are kept); an element with no valid
pair produces no object. The ``for``, ``by`` and ``host`` values are not validated
further; ``proto`` is lowercased.
"""

from __future__ import annotations

import re

from falcon.core._uri import unquote_string

__all__ = ['Forwarded', 'parse_forwarded_header']

_TOKEN = r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"
# qdtext and quoted-pair (RFC 9110, section 5.6.4); the two alternatives never overlap,
# so a failed match backtracks in linear time.
_QUOTED_STRING = r'"(?:[\t !#-\[\]-~\x80-\xff]|\\[\t !-~\x80-\xff])*"'
# A port after an unquoted value (``host=example.com:8080``) is taken along, as Falcon does,
# though RFC 7239 would have the value quoted.
_PAIR = re.compile(f'({_TOKEN})=({_TOKEN}|{_QUOTED_STRING})(:[0-9]{{1,5}})?')


class Forwarded:
    """One forwarded-element of a Forwarded header (RFC 7239, section 4).

    Attributes:
        src (str | None): The ``for`` parameter: the client or proxy that made the request
            to the proxy that added this element.
        dest (str | None): The ``by`` parameter: the interface where the request came in
            to that proxy.
        host (str | None): The ``host`` parameter: the Host header the proxy received.
        scheme (str | None): The ``proto`` parameter, lowercased: the scheme of the
            request the proxy received.
    """

    __slots__ = ('dest', 'host', 'scheme', 'src')

    def __init__(self) -> None:
        self.src: str | None = None
        self.dest: str | None = None
        self.host: str | None = None
        self.scheme: str | None = None

    def __repr__(self) -> str:
        return (
            f'Forwarded(src={self.src!r}, dest={self.dest!r}, '
            f'host={self.host!r}, scheme={self.scheme!r})'
        )


def parse_forwarded_header(value: str) -> list[Forwarded]:
    """Parse a Forwarded header value.

    Args:
        value: The header value, e.g. ``'for=192.0.2.60;proto=http;by=203.0.113.43'``.
            Several header lines should be joined with ``,`` first.

    Returns:
        The forwarded-elements in header order: the first is the one added by the proxy
        closest to the client.
    """
    elements: list[Forwarded] = []
    element: Forwarded | None = None
    need_separator = False
    pos = 0
    end = len(value)
    match_pair = _PAIR.match

    while 0 <= pos < end:
        char = value[pos]
        if char == ',':
            need_separator = False
            pos += 1
            if element is not None:
                elements.append(element)
                element = None
        elif char == ';':
            need_separator = False
            pos += 1
        elif char in ' \t':
            pos += 1
        elif need_separator:
            pos = value.find(',', pos)
        else:
            match = match_pair(value, pos)
            if match is None:
                pos = value.find(',', pos)
                continue
            pos = match.end()
            need_separator = True
            name, param_value, port = match.groups()
            if param_value[0] == '"':
                param_value = unquote_string(param_value)
            elif port:
                param_value += port
            if element is None:
                element = Forwarded()
            name = name.lower()
            if name == 'for':
                element.src = param_value
            elif name == 'by':
                element.dest = param_value
            elif name == 'host':
                element.host = param_value
            elif name == 'proto':
                element.scheme = param_value.lower()

    if element is not None:
        elements.append(element)
    return elements
