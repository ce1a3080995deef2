"""Multipart forms as documented (Falcon 4.4 "Multipart Forms" page, ``BodyPart`` and
``MultipartParseOptions`` references, 4.0/4.1 changelogs), in both kinds of app."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import msgpack  # type: ignore[import-untyped]
import pytest

import falcon
import falcon.asgi
import falcon.media
from falcon import testing
from falcon.media.multipart import MultipartParseOptions

BOUNDARY = 'xXx'
CONTENT_TYPE = f'multipart/form-data; boundary={BOUNDARY}'


def _form(*parts: tuple[str, bytes], closing: bytes = b'\r\n') -> bytes:
    chunks = [
        f'--{BOUNDARY}\r\n{headers}\r\n\r\n'.encode() + data + b'\r\n' for headers, data in parts
    ]
    return b''.join(chunks) + f'--{BOUNDARY}--'.encode() + closing


def _field(name: str, extra: str = '') -> str:
    return f'Content-Disposition: form-data; name="{name}"{extra}'


def _app(
    make_app: Callable[..., Any],
    asgi: bool,
    sync_part: Callable[[Any], Any],
    async_part: Callable[[Any], Any],
    handler: Any = None,
) -> Any:
    class SyncForm:
        def on_post(self, req: Any, resp: Any) -> None:
            resp.media = [sync_part(part) for part in req.get_media()]

    class AsyncForm:
        async def on_post(self, req: Any, resp: Any) -> None:
            out = []
            async for part in await req.get_media():
                out.append(await async_part(part))
            resp.media = out

    app = make_app()
    if handler is not None:
        app.req_options.media_handlers[falcon.MEDIA_MULTIPART] = handler
    app.add_route('/upload', AsyncForm() if asgi else SyncForm())
    return app


def _post(app: Any, body: bytes) -> Any:
    return testing.simulate_post(app, '/upload', body=body, content_type=CONTENT_TYPE)


async def _async_text(part: Any) -> Any:
    return await part.get_text()


def test_closing_delimiter_without_crlf(asgi: bool, make_app: Callable[..., Any]) -> None:
    """Falcon 4.0: the CRLF after the closing ``--`` is optional."""
    app = _app(make_app, asgi, lambda part: part.text, _async_text)
    body = _form((_field('a'), b'1'), (_field('b'), b'2'), closing=b'')
    result = _post(app, body)
    assert result.status_code == 200
    assert result.json == ['1', '2']


def test_unlimited_part_count(asgi: bool, make_app: Callable[..., Any]) -> None:
    handler = falcon.media.MultipartFormHandler()
    handler.parse_options.max_body_part_count = 0
    app = _app(make_app, asgi, lambda part: part.name, _name, handler)
    body = _form(*[(_field(f'f{index}'), b'x') for index in range(100)])
    result = _post(app, body)
    assert result.status_code == 200
    assert len(result.json) == 100


async def _name(part: Any) -> Any:
    return part.name


def test_parse_options_media_handlers_are_per_instance() -> None:
    """Falcon 4.0: every MultipartParseOptions gets its own copy of the handlers."""
    first, second = MultipartParseOptions(), MultipartParseOptions()
    assert first.media_handlers is not second.media_handlers
    first.media_handlers[falcon.MEDIA_MSGPACK] = falcon.media.MessagePackHandler()
    assert falcon.MEDIA_MSGPACK not in second.media_handlers
    assert isinstance(first.media_handlers, falcon.media.Handlers)


def test_msgpack_part_media_after_update(asgi: bool, make_app: Callable[..., Any]) -> None:
    handler = falcon.media.MultipartFormHandler()
    handler.parse_options.media_handlers.update(
        {falcon.MEDIA_MSGPACK: falcon.media.MessagePackHandler()}
    )

    async def media(part: Any) -> Any:
        return await part.get_media()

    app = _app(make_app, asgi, lambda part: part.get_media(), media, handler)
    packed = msgpack.packb({'k': [1, 2]})
    body = _form((_field('doc') + f'\r\nContent-Type: {falcon.MEDIA_MSGPACK}', packed))
    assert _post(app, body).json == [{'k': [1, 2]}]


def test_default_charset_via_handler(asgi: bool, make_app: Callable[..., Any]) -> None:
    handler = falcon.media.MultipartFormHandler()
    handler.parse_options.default_charset = 'latin-1'
    app = _app(make_app, asgi, lambda part: part.text, _async_text, handler)
    assert _post(app, _form((_field('a'), 'été'.encode('latin-1')))).json == ['été']


@pytest.mark.parametrize(
    ('limit', 'expected'),
    [(None, 'a_very_long_name.txt'), (10, 'a_very.txt'), (20, 'a_very_long_name.txt')],
)
def test_max_secure_filename_length(
    asgi: bool, make_app: Callable[..., Any], limit: int | None, expected: str
) -> None:
    handler = falcon.media.MultipartFormHandler()
    handler.parse_options.max_secure_filename_length = limit

    async def secure(part: Any) -> Any:
        return part.secure_filename

    app = _app(make_app, asgi, lambda part: part.secure_filename, secure, handler)
    body = _form((_field('f', '; filename="a very long name.txt"'), b'x'))
    assert _post(app, body).json == [expected]


def test_text_is_none_unless_text_plain(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _app(make_app, asgi, lambda part: part.text, _async_text)
    body = _form(
        (_field('j') + '\r\nContent-Type: application/json', b'{}'),
        (_field('t') + '\r\nContent-Type: text/plain; charset=utf-8', b'ok'),
    )
    assert _post(app, body).json == [None, 'ok']


def test_unknown_charset_is_a_parse_error(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _app(make_app, asgi, lambda part: part.text, _async_text)
    body = _form((_field('t') + '\r\nContent-Type: text/plain; charset=no-such-charset', b'x'))
    result = _post(app, body)
    assert result.status_code == 400
    assert result.json['title'] == 'Malformed multipart/form-data request media'


def test_data_and_media_are_cached(asgi: bool, make_app: Callable[..., Any]) -> None:
    def sync_part(part: Any) -> Any:
        return [part.get_data() is part.data, part.get_media() is part.media]

    async def async_part(part: Any) -> Any:
        data = await part.get_data()
        media = await part.get_media()
        return [data is await part.data, media is await part.media]

    app = _app(make_app, asgi, sync_part, async_part)
    body = _form((_field('doc') + '\r\nContent-Type: application/json', b'{"a": 1}'))
    assert _post(app, body).json == [[True, True]]


def test_unread_parts_are_skipped(asgi: bool, make_app: Callable[..., Any]) -> None:
    def sync_part(part: Any) -> Any:
        return part.text if part.name == 'keep' else None

    async def async_part(part: Any) -> Any:
        return await part.get_text() if part.name == 'keep' else None

    app = _app(make_app, asgi, sync_part, async_part)
    body = _form((_field('skip'), b'x' * 100_000), (_field('keep'), b'kept'))
    assert _post(app, body).json == [None, 'kept']


def test_wsgi_stream_read_and_pipe() -> None:
    class Form:
        def on_post(self, req: Any, resp: Any) -> None:
            out = []
            for part in req.get_media():
                if part.name == 'datafile':
                    chunks = []
                    while True:
                        chunk = part.stream.read(3)
                        if not chunk:
                            break
                        chunks.append(chunk)
                    out.append(b''.join(chunks).decode())
                else:
                    dest = io.BytesIO()
                    part.stream.pipe(dest)
                    out.append(dest.getvalue().decode())
            resp.media = out

    app = falcon.App()
    app.add_route('/upload', Form())
    body = _form((_field('datafile'), b'0123456789'), (_field('imagedata'), b'piped'))
    assert _post(app, body).json == ['0123456789', 'piped']


async def test_asgi_stream_iterate_and_pipe() -> None:
    class Sink:
        def __init__(self) -> None:
            self.data = b''

        async def write(self, data: bytes) -> None:
            self.data += data

    class Form:
        async def on_post(self, req: Any, resp: Any) -> None:
            out = []
            async for part in await req.get_media():
                if part.name == 'datafile':
                    out.append(b''.join([chunk async for chunk in part.stream]).decode())
                else:
                    dest = Sink()
                    await part.stream.pipe(dest)
                    out.append(dest.data.decode())
            resp.media = out

    app = falcon.asgi.App()
    app.add_route('/upload', Form())
    body = _form((_field('datafile'), b'0123456789' * 1000), (_field('imagedata'), b'piped'))
    result = _post(app, body)
    assert result.json == ['0123456789' * 1000, 'piped']


def test_multipart_handler_does_not_serialize() -> None:
    with pytest.raises(NotImplementedError):
        falcon.media.MultipartFormHandler().serialize({}, falcon.MEDIA_MULTIPART)


def test_parse_error_may_carry_a_cause() -> None:
    try:
        try:
            raise UnicodeDecodeError('utf-8', b'\xff', 0, 1, 'bad')
        except UnicodeDecodeError as cause:
            raise falcon.MultipartParseError(description='bad text') from cause
    except falcon.MultipartParseError as error:
        assert isinstance(error.__cause__, UnicodeDecodeError)
        assert error.description == 'bad text'
