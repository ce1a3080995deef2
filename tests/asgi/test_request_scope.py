"""The ASGI request reads its method, path, mount point and query from the scope, with the
ASGI defaults for keys a scope leaves out or leaves empty."""

from __future__ import annotations

from typing import Any

import pytest

import falcon.asgi
import falcon.testing


async def _receive() -> dict[str, Any]:
    return {'type': 'http.request', 'body': b'', 'more_body': False}


FULL_SCOPE = {
    'type': 'http',
    'method': 'PUT',
    'root_path': '/api',
    'path': '/api/items/1',
    'query_string': b'a=1&b=%C3%A9',
    'headers': [],
}


def test_a_full_scope() -> None:
    req = falcon.asgi.Request(dict(FULL_SCOPE), _receive)
    assert (req.method, req.root_path, req.path, req.query_string) == (
        'PUT',
        '/api',
        '/items/1',
        'a=1&b=%C3%A9',
    )


@pytest.mark.parametrize('missing', ['method', 'root_path', 'path', 'query_string'])
@pytest.mark.parametrize('how', ['absent', 'empty'])
def test_a_key_left_out_or_empty_takes_its_default(missing: str, how: str) -> None:
    scope = dict(FULL_SCOPE)
    if how == 'absent':
        del scope[missing]
    else:
        scope[missing] = None if missing != 'query_string' else b''
    req = falcon.asgi.Request(scope, _receive)
    expected = {
        'method': 'PUT',
        'root_path': '/api',
        'path': '/items/1',
        'query_string': 'a=1&b=%C3%A9',
    }
    expected.update(
        {
            'method': {'method': 'GET'},
            'root_path': {'root_path': '', 'path': '/api/items/1'},
            'path': {'path': '/'},
            'query_string': {'query_string': ''},
        }[missing]
    )
    assert {name: getattr(req, name) for name in expected} == expected


@pytest.mark.parametrize('method', ['GET', 'POST'])
def test_a_scope_without_headers_has_none(method: str) -> None:
    scope = dict(FULL_SCOPE, method=method)
    del scope['headers']
    req = falcon.asgi.Request(scope, _receive)
    assert req.get_header('Content-Length') is None
    assert req.get_header('Host') is None
    assert req.headers == {}


def test_scheme_defaults_by_scope_type_when_the_server_leaves_it_out() -> None:
    http_scope = falcon.testing.create_scope()
    del http_scope['scheme']
    ws_scope = falcon.testing.create_scope_ws()
    del ws_scope['scheme']
    wss_scope = falcon.testing.create_scope_ws(scheme='wss')

    async def receive() -> dict[str, object]:
        return {'type': 'http.disconnect'}

    schemes = [
        falcon.asgi.Request(scope, receive).scheme for scope in (http_scope, ws_scope, wss_scope)
    ]
    assert schemes == ['http', 'ws', 'wss']
