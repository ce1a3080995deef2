"""URI helpers at Falcon's ``falcon.util.uri`` path (the same objects as ``falcon.uri``).

Rules: a face over ``falcon.core._uri``; nothing is implemented here.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core._uri import (
    decode,
    encode,
    encode_check_escaped,
    encode_value,
    encode_value_check_escaped,
    parse_host,
    parse_query_string,
    unquote_string,
)

__all__ = [
    'decode',
    'encode',
    'encode_check_escaped',
    'encode_value',
    'encode_value_check_escaped',
    'parse_host',
    'parse_query_string',
    'unquote_string',
]

set_home(
    __name__,
    globals(),
    (
        'decode',
        'encode',
        'encode_check_escaped',
        'encode_value',
        'encode_value_check_escaped',
        'parse_host',
        'parse_query_string',
        'unquote_string',
    ),
)
