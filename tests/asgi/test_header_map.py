"""The ASGI request's header map: the same answer whether or not the header names were seen
in an earlier request (seen names take a shorter path), for repeated names, names differing
only in case, and header lists given as any iterable."""

from __future__ import annotations

from typing import Any

import pytest

import falcon.asgi
import falcon.testing


async def _receive() -> dict[str, Any]:
    return {'type': 'http.request', 'body': b'', 'more_body': False}


def _request(headers: Any) -> falcon.asgi.Request:
    scope = falcon.testing.create_scope(path='/')
    scope['headers'] = headers
    return falcon.asgi.Request(scope, _receive)


HEADER_LISTS = {
    'distinct': (
        [(b'host', b'example.com'), (b'x-trace', b'abc'), (b'accept', b'text/plain')],
        {'host': 'example.com', 'x-trace': 'abc', 'accept': 'text/plain'},
    ),
    'repeated': (
        [(b'x-trace', b'a'), (b'cookie', b'k=1'), (b'x-trace', b'b'), (b'cookie', b'j=2')],
        {'x-trace': 'a,b', 'cookie': 'k=1; j=2'},
    ),
    'case': (
        [(b'X-Trace', b'a'), (b'x-trace', b'b'), (b'Host', b'example.com')],
        {'x-trace': 'a,b', 'host': 'example.com'},
    ),
    'latin-1': ([(b'x-name', 'caf\xe9'.encode('latin-1'))], {'x-name': 'caf\xe9'}),
}


@pytest.mark.parametrize('name', list(HEADER_LISTS))
@pytest.mark.parametrize('container', [list, tuple, iter])
def test_header_map_is_the_same_before_and_after_the_names_are_known(
    name: str, container: Any
) -> None:
    raw, expected = HEADER_LISTS[name]
    # The first request may meet the names for the first time, the second knows them all.
    for _ in range(2):
        req = _request(container(list(raw)))
        assert req.headers == expected
        for header, value in expected.items():
            assert req.get_header(header) == value
            assert req.get_header(header.upper()) == value
        assert req.get_header('x-absent') is None
