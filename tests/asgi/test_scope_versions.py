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
    app = falcon.asgi.App()
    app.add_route('/', _Hello())
    scope = falcon.testing.create_scope(path='/')
    scope['asgi'] = {'version': '3.0', 'spec_version': spec_version}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {'type': 'http.request', 'body': b'', 'more_body': False}

    async def send(event: dict[str, Any]) -> None:
        sent.append(event)

    asyncio.run(app(scope, receive, send))
    return sent


@pytest.mark.parametrize('spec_version', [None, '2.0', '2.3', '2.5', '2.9', '2.10', '2.x'])
def test_2_x_and_absent_spec_versions_are_served(spec_version: Any) -> None:
    sent = _serve(spec_version)
    assert sent[0]['status'] == 200
    assert sent[1]['body'] == b'hello'


@pytest.mark.parametrize('spec_version', ['2', '3.0', '', '1.2', ['2', '3'], ('2.', '3')])
def test_other_spec_versions_are_refused(spec_version: Any) -> None:
    with pytest.raises(falcon.UnsupportedScopeError):
        _serve(spec_version)
