"""Fuzz target: ``multipart/form-data`` bodies, part by part, in both apps.

Input grammar: the first byte is the size of the pieces the ASGI app receives the body in
(0: all at once; small sizes put boundaries and part headers across pieces); then the first
line (latin-1) is the ``Content-Type`` header (the boundary comes from it), the rest is the
body, sent with its exact ``Content-Length``. The form handler has small limits
(:data:`LIMITS`) so that every limit can be reached by an input libFuzzer may generate. For
each part the responders read the headers (``name``, ``filename``, ``secure_filename``,
``content_type``), then the data, text and media. Invariant: values, or a 4xx ``HTTPError``
(``MultipartParseError`` is a 400; an unknown part media type a 415), never a 500.
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
        'falcon.core.media._multipart',
        'falcon.core.media._multipart_parser',
        'falcon.core.media._handlers',
        'falcon.core._mediatypes',
        'falcon.core._misc',
        'falcon.asgi.multipart',
    ],
):
    import falcon
    import falcon.asgi
    import falcon.asgi.multipart
    import falcon.media
    import falcon.media.multipart

#: Parse limits small enough for fuzzed inputs to cross them.
LIMITS = {
    'max_body_part_count': 8,
    'max_body_part_buffer_size': 256,
    'max_body_part_headers_size': 512,
    'max_secure_filename_length': 32,
}


def _read_head(part: Any) -> None:
    read(lambda: part.name)
    read(lambda: part.filename)
    read(lambda: part.secure_filename)
    read(lambda: part.content_type)


class Form:
    def on_post(self, req: Any, resp: Any) -> None:
        form = read(req.get_media)
        # A Content-Type line that names another media type (or none, for the default
        # JSON) parses the body as that type: there are no parts to read.
        if isinstance(form, falcon.media.multipart.MultipartForm):
            read(lambda: self.read_parts(form))
        resp.status = falcon.HTTP_204

    @staticmethod
    def read_parts(form: Any) -> None:
        for part in form:
            _read_head(part)
            if read(part.get_data) is not None:
                read(part.get_text)
                read(part.get_media)


class AsyncForm:
    async def on_post(self, req: Any, resp: Any) -> None:
        form = await read_async(req.get_media)
        if isinstance(form, falcon.asgi.multipart.MultipartForm):
            await read_async(lambda: self.read_parts(form))
        resp.status = falcon.HTTP_204

    @staticmethod
    async def read_parts(form: Any) -> None:
        async for part in form:
            _read_head(part)
            if await read_async(part.get_data) is not None:
                await read_async(part.get_text)
                await read_async(part.get_media)


def _with_limits(app: Any) -> Any:
    handler = falcon.media.MultipartFormHandler()
    for name, value in LIMITS.items():
        setattr(handler.parse_options, name, value)
    app.req_options.media_handlers[falcon.MEDIA_MULTIPART] = handler
    return app


CAPTURE = Capture()
WSGI_APP = _with_limits(falcon.App())
WSGI_APP.add_route('/', Form())
CAPTURE.install(WSGI_APP, is_asgi=False)
ASGI_APP = _with_limits(falcon.asgi.App())
ASGI_APP.add_route('/', AsyncForm())
CAPTURE.install(ASGI_APP, is_asgi=True)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    chunk_size, (first, _, body) = data[0], data[1:].partition(b'\n')
    headers = header_lines(['Content-Type:' + first.decode('latin-1')])
    CAPTURE.check(run_wsgi(WSGI_APP, environ_for('POST', '/', '', headers, body))[0], 'WSGI')
    scope = scope_for('POST', '/', '', headers, body)
    CAPTURE.check(run_asgi_http(ASGI_APP, scope, body, chunk_size)[0], 'ASGI')


if __name__ == '__main__':
    fuzz(test_one_input)
