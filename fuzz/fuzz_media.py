"""Fuzz target: request bodies through ``req.get_media()`` (JSON, MessagePack, URL-encoded).

Input grammar: the first byte is the size of the pieces the ASGI app receives the body in
(0: all at once); then the first line (latin-1) is the ``Content-Type`` header, the rest is
the body, sent with its exact ``Content-Length``. ``falcon.App`` and ``falcon.asgi.App`` both
have the default handlers plus MessagePack and a ``max_media_size`` of
:data:`MAX_MEDIA_SIZE`, and read the body twice (the second read gives the cached result or
the same error). Invariant: a value, or a 4xx ``HTTPError`` (400 for a malformed body, 413
for one over the size limit, 415 for an unknown media type), never a 500.
"""

from __future__ import annotations

from typing import Any

from fuzz._harness import (
    Capture,
    environ_for,
    fuzz,
    header_lines,
    instrumented,
    read,
    read_async,
    run_asgi_http,
    run_wsgi,
    scope_for,
)

with instrumented(
    __name__ == '__main__',
    [
        'falcon.core.media._base',
        'falcon.core.media._handlers',
        'falcon.core.media._json',
        'falcon.core.media._msgpack',
        'falcon.core.media._urlencoded',
        'falcon.core._mediatypes',
        'falcon.core._uri',
        'falcon.core._body',
        'falcon.core._reader',
        'falcon.wsgi._request',
        'falcon.wsgi._stream',
        'falcon.asgi._request',
        'falcon.asgi._body',
        'falcon.asgi._stream',
    ],
):
    import falcon
    import falcon.asgi
    import falcon.media


class Media:
    def on_post(self, req: Any, resp: Any) -> None:
        read(req.get_media)
        read(req.get_media)
        resp.status = falcon.HTTP_204


class AsyncMedia:
    async def on_post(self, req: Any, resp: Any) -> None:
        await read_async(req.get_media)
        await read_async(req.get_media)
        resp.status = falcon.HTTP_204


#: Largest body ``get_media()`` reads (bytes), small enough for fuzzed bodies to cross it.
MAX_MEDIA_SIZE = 1024


def configured(app: Any) -> Any:
    """``app`` with MessagePack among its media handlers and the small size limit."""
    app.req_options.media_handlers[falcon.MEDIA_MSGPACK] = falcon.media.MessagePackHandler()
    app.req_options.max_media_size = MAX_MEDIA_SIZE
    return app


CAPTURE = Capture()
WSGI_APP = configured(falcon.App())
WSGI_APP.add_route('/', Media())
CAPTURE.install(WSGI_APP, is_asgi=False)
ASGI_APP = configured(falcon.asgi.App())
ASGI_APP.add_route('/', AsyncMedia())
CAPTURE.install(ASGI_APP, is_asgi=True)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    chunk_size, (first, _, body) = data[0], data[1:].partition(b'\n')
    headers = header_lines(['Content-Type:' + first.decode('latin-1')])
    environ = environ_for('POST', '/', '', headers, body)
    CAPTURE.check(run_wsgi(WSGI_APP, environ)[0], 'WSGI')
    scope = scope_for('POST', '/', '', headers, body)
    CAPTURE.check(run_asgi_http(ASGI_APP, scope, body, chunk_size)[0], 'ASGI')


if __name__ == '__main__':
    fuzz(test_one_input)
