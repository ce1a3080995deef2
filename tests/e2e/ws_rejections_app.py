"""WebSocket routes that reject the handshake, for the rejection tests under real servers.

Rules: ``/forbidden`` raises ``HTTPForbidden`` before ``accept()``, ``/http-only`` has no
``on_websocket`` (405), ``/crash`` raises an unexpected exception before ``accept()``,
``/late`` accepts and then raises ``HTTPForbidden`` (close code 3403); any other path has no
route (404). A handshake whose query string is ``no-denial`` is served with the
``websocket.http.response`` extension removed from the scope, as a server without the
extension would send it.
"""

from __future__ import annotations

from typing import Any

import falcon
import falcon.asgi

__all__ = ['app']


class Forbidden:
    async def on_websocket(self, req: falcon.asgi.Request, ws: falcon.asgi.WebSocket) -> None:
        raise falcon.HTTPForbidden(title='No entry')


class HttpOnly:
    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        resp.text = 'plain HTTP'


class Crash:
    async def on_websocket(self, req: falcon.asgi.Request, ws: falcon.asgi.WebSocket) -> None:
        raise RuntimeError('unexpected')


class Late:
    async def on_websocket(self, req: falcon.asgi.Request, ws: falcon.asgi.WebSocket) -> None:
        await ws.accept()
        raise falcon.HTTPForbidden()


falcon_app = falcon.asgi.App()
falcon_app.add_route('/forbidden', Forbidden())
falcon_app.add_route('/http-only', HttpOnly())
falcon_app.add_route('/crash', Crash())
falcon_app.add_route('/late', Late())


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope['type'] == 'websocket' and scope.get('query_string') == b'no-denial':
        extensions = dict(scope.get('extensions') or {})
        extensions.pop('websocket.http.response', None)
        scope = {**scope, 'extensions': extensions}
    await falcon_app(scope, receive, send)
