"""Fuzz target: the public parsers of header values and URI parts, called directly.

The request-head target reaches these through a whole request at a few hundred inputs a
second; called directly they run far faster, so libFuzzer explores their grammars deeper.

Input grammar: the first byte chooses the parser (modulo the number of :data:`PARSERS`),
the rest is the value, decoded as latin-1 (as a server hands header values over).
Invariant: each parser returns, or raises the ``ValueError`` its documentation names
(``InvalidMediaRange``, ``RequestParseError`` and the date parser's error are all
``ValueError``); parsers that document no error must always return.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fuzz._harness import InvariantBroken, fuzz, instrumented

with instrumented(
    __name__ == '__main__',
    [
        'falcon.core._dates',
        'falcon.core._mediatypes',
        'falcon.core._uri',
        'falcon.core._forwarded',
        'falcon.core._headers',
        'falcon.core._misc',
        'falcon.core._structures',
        'falcon.core._parse_error',
    ],
):
    import falcon
    import falcon.forwarded
    import falcon.uri
    from falcon.util import mediatypes

#: Candidates offered to content negotiation.
OFFERS = ('application/json', 'text/html; charset=utf-8', 'application/msgpack', 'text/*')

#: ``(name, parser, documented error)``: an empty tuple documents that it never raises.
PARSERS: tuple[tuple[str, Callable[[str], Any], tuple[type[Exception], ...]], ...] = (
    ('http_date_to_dt', falcon.http_date_to_dt, (ValueError,)),
    ('http_date_to_dt obs', lambda v: falcon.http_date_to_dt(v, obs_date=True), (ValueError,)),
    ('parse_header', falcon.parse_header, ()),
    ('parse_forwarded_header', falcon.forwarded.parse_forwarded_header, ()),
    ('parse_host', falcon.uri.parse_host, (ValueError,)),
    ('parse_host default', lambda v: falcon.uri.parse_host(v, default_port=8080), (ValueError,)),
    ('parse_query_string', falcon.uri.parse_query_string, (ValueError,)),
    (
        'parse_query_string blank csv',
        lambda v: falcon.uri.parse_query_string(v, keep_blank=True, csv=True),
        (ValueError,),
    ),
    ('decode', falcon.uri.decode, ()),
    ('decode no plus', lambda v: falcon.uri.decode(v, unquote_plus=False), ()),
    ('unquote_string', falcon.uri.unquote_string, ()),
    ('quality', lambda v: mediatypes.quality('application/json', v), (ValueError,)),
    ('best_match', lambda v: mediatypes.best_match(OFFERS, v), (ValueError,)),
    ('secure_filename', falcon.secure_filename, (ValueError,)),
    ('ETag.loads', falcon.ETag.loads, ()),
)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    name, parser, documented = PARSERS[data[0] % len(PARSERS)]
    value = data[1:].decode('latin-1')
    try:
        parser(value)
    except documented:
        pass
    except Exception as error:
        raise InvariantBroken(f'{name}({value!r}) raised {error!r}') from error


if __name__ == '__main__':
    fuzz(test_one_input)
