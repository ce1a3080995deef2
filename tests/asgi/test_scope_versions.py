"""The http scope's ``asgi['spec_version']``: the usual 2.x values take a shorter check than
others, and both give the same answer for every kind of value."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.testing


class _Hello:
    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        resp.text = 'hello'


def _serve(spec_version: Any) -> list[dict[str, Any]]:
    scope = falcon.testing.create_scope(path='/')
    scope['asgi'] = {'version': '3.0', 'spec_version': spec_version}
    return _serve_scope(scope)


@pytest.mark.parametrize('spec_version', [None, '2.0', '2.3', '2.5', '2.9', '2.10', '2.x'])
def test_2_x_and_absent_spec_versions_are_served(spec_version: Any) -> None:
    sent = _serve(spec_version)
    assert sent[0]['status'] == 200
    assert sent[1]['body'] == b'hello'


@pytest.mark.parametrize('spec_version', ['2', '3.0', '', '1.2', ['2', '3'], ('2.', '3')])
def test_other_spec_versions_are_refused(spec_version: Any) -> None:
    with pytest.raises(falcon.UnsupportedScopeError):
        _serve(spec_version)


def _serve_scope(scope: dict[str, Any]) -> list[dict[str, Any]]:
    app = falcon.asgi.App()
    app.add_route('/', _Hello())
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {'type': 'http.request', 'body': b'', 'more_body': False}

    async def send(event: dict[str, Any]) -> None:
        sent.append(event)

    asyncio.run(app(scope, receive, send))
    return sent


_ASGI_KEYS: dict[str, Any] = {
    'stated': {'version': '3.0', 'spec_version': '2.4'},
    'no spec_version': {'version': '3.0'},
    'none': None,
    'absent': ...,
}


@pytest.mark.parametrize('asgi', list(_ASGI_KEYS))
@pytest.mark.parametrize('http_version', ['1.0', '1.1', '2', '3', None])
def test_http_versions_served_whatever_the_asgi_key(asgi: str, http_version: Any) -> None:
    scope = falcon.testing.create_scope(path='/')
    if _ASGI_KEYS[asgi] is ...:
        del scope['asgi']
    else:
        scope['asgi'] = _ASGI_KEYS[asgi]
    if http_version is None:
        del scope['http_version']
    else:
        scope['http_version'] = http_version
    sent = _serve_scope(scope)
    assert (sent[0]['status'], sent[1]['body']) == (200, b'hello')
    if asgi in ('none', 'absent'):
        assert scope['asgi'] == {'version': '2.0'}


@pytest.mark.parametrize('asgi', list(_ASGI_KEYS))
@pytest.mark.parametrize('http_version', ['0.9', '1.2', '', 2])
def test_other_http_versions_are_refused_whatever_the_asgi_key(
    asgi: str, http_version: Any
) -> None:
    scope = falcon.testing.create_scope(path='/')
    if _ASGI_KEYS[asgi] is ...:
        del scope['asgi']
    else:
        scope['asgi'] = _ASGI_KEYS[asgi]
    scope['http_version'] = http_version
    with pytest.raises(falcon.UnsupportedError, match=f'HTTP/{http_version} is not supported'):
        _serve_scope(scope)


def test_an_unknown_scope_type_is_refused() -> None:
    scope = falcon.testing.create_scope(path='/')
    scope['type'] = 'other'
    with pytest.raises(falcon.UnsupportedScopeError, match="'other' scope type"):
        _serve_scope(scope)
