"""Echo resources for request bodies sent without Content-Length, served by real servers.

Rules: the WSGI and the ASGI app answer the same JSON for the same request, so a test can
compare the bytes every server sends back. ``/json`` echoes ``get_media()``, ``/raw`` the
body read in pieces, ``/multipart`` the parts of a form.
"""

from __future__ import annotations

import hashlib
from typing import Any

import falcon
import falcon.asgi

__all__ = ['asgi_app', 'wsgi_app']

_PIECE = 1000


def _raw_answer(body: bytes) -> dict[str, Any]:
    return {'size': len(body), 'sha256': hashlib.sha256(body).hexdigest()}


def _part_answer(part: Any, data: bytes) -> dict[str, Any]:
    return {
        'name': part.name,
        'filename': part.filename,
        'content_type': part.content_type,
        'size': len(data),
        'sha256': hashlib.sha256(data).hexdigest(),
    }


class SyncEcho:
    def on_post_json(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = {'media': req.get_media(), 'content_length': req.content_length}

    def on_post_raw(self, req: falcon.Request, resp: falcon.Response) -> None:
        pieces = []
        while piece := req.bounded_stream.read(_PIECE):
            pieces.append(piece)
        resp.media = _raw_answer(b''.join(pieces))

    def on_post_multipart(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = [_part_answer(part, part.get_data()) for part in req.get_media()]


class AsyncEcho:
    async def on_post_json(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        resp.media = {'media': await req.get_media(), 'content_length': req.content_length}

    async def on_post_raw(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        pieces = []
        while piece := await req.stream.read(_PIECE):
            pieces.append(piece)
        resp.media = _raw_answer(b''.join(pieces))

    async def on_post_multipart(
        self, req: falcon.asgi.Request, resp: falcon.asgi.Response
    ) -> None:
        form = await req.get_media()
        resp.media = [_part_answer(part, await part.get_data()) async for part in form]


def _routes(app: Any, echo: object) -> Any:
    for suffix in ('json', 'raw', 'multipart'):
        app.add_route(f'/{suffix}', echo, suffix=suffix)
    return app


wsgi_app = _routes(falcon.App(), SyncEcho())
asgi_app = _routes(falcon.asgi.App(), AsyncEcho())
