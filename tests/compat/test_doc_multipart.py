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

BOUNDARY = 'BOUNDARY'
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


def _post(app: Any, body: bytes, content_type: str = CONTENT_TYPE) -> Any:
    return testing.simulate_post(app, '/upload', body=body, content_type=content_type)


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


def _disposition(name: str, extra: str = '') -> str:
    return f'Content-Disposition: form-data; name="{name}"{extra}'


async def _describe_async(part: Any) -> dict[str, Any]:
    text = await part.get_text()
    data = await part.get_data()
    return {
        'name': part.name,
        'filename': part.filename,
        'content_type': part.content_type,
        'data': data.decode('latin-1'),
        'text': text,
    }


def _describe(part: Any) -> dict[str, Any]:
    return {
        'name': part.name,
        'filename': part.filename,
        'content_type': part.content_type,
        'data': part.data.decode('latin-1'),
        'text': part.text,
    }


def _form_app(
    make_app: Callable[..., Any],
    asgi: bool,
    options: MultipartParseOptions | None = None,
    media: bool = False,
) -> Any:
    class SyncForm:
        def on_post(self, req: Any, resp: Any) -> None:
            form = req.get_media()
            if media:
                resp.media = [part.get_media() for part in form]
            else:
                resp.media = [_describe(part) for part in form]

    class AsyncForm:
        async def on_post(self, req: Any, resp: Any) -> None:
            form = await req.get_media()
            described = []
            async for part in form:
                described.append(await part.get_media() if media else await _describe_async(part))
            resp.media = described

    app = make_app()
    if options is not None:
        handler = falcon.media.MultipartFormHandler(options)
        app.req_options.media_handlers[falcon.MEDIA_MULTIPART] = handler
    app.add_route('/upload', AsyncForm() if asgi else SyncForm())
    return app


@pytest.mark.parametrize(
    ('headers', 'payload', 'expected'),
    [
        (
            _disposition('field'),
            b'value',
            {
                'name': 'field',
                'filename': None,
                'content_type': 'text/plain',
                'data': 'value',
                'text': 'value',
            },
        ),
        (
            _disposition('file', '; filename="report.csv"') + '\r\nContent-Type: text/csv',
            b'a,b\n1,2',
            {
                'name': 'file',
                'filename': 'report.csv',
                'content_type': 'text/csv',
                'data': 'a,b\n1,2',
                'text': None,
            },
        ),
        (
            _disposition('blob', '; filename="x.bin"')
            + '\r\nContent-Type: application/octet-stream',
            b'\x00\xff',
            {
                'name': 'blob',
                'filename': 'x.bin',
                'content_type': 'application/octet-stream',
                'data': '\x00\xff',
                'text': None,
            },
        ),
        (
            _disposition('latin') + '\r\nContent-Type: text/plain; charset=latin-1',
            'café'.encode('latin-1'),
            {
                'name': 'latin',
                'filename': None,
                'content_type': 'text/plain; charset=latin-1',
                'data': 'caf\xe9',
                'text': 'café',
            },
        ),
        (
            _disposition('utf'),
            'naïve'.encode(),
            {
                'name': 'utf',
                'filename': None,
                'content_type': 'text/plain',
                'data': 'naïve'.encode().decode('latin-1'),
                'text': 'naïve',
            },
        ),
        (
            _disposition('empty'),
            b'',
            {
                'name': 'empty',
                'filename': None,
                'content_type': 'text/plain',
                'data': '',
                'text': '',
            },
        ),
    ],
)
def test_body_part_fields(
    asgi: bool, make_app: Callable[..., Any], headers: str, payload: bytes, expected: Any
) -> None:
    result = _post(_form_app(make_app, asgi), _form((headers, payload)))
    assert result.status_code == 200, result.text
    assert result.json == [expected]


def test_parts_iterate_in_order(asgi: bool, make_app: Callable[..., Any]) -> None:
    body = _form(*[(_disposition(f'f{index}'), str(index).encode()) for index in range(5)])
    result = _post(_form_app(make_app, asgi), body)
    assert [part['name'] for part in result.json] == ['f0', 'f1', 'f2', 'f3', 'f4']
    assert [part['text'] for part in result.json] == ['0', '1', '2', '3', '4']


def test_payload_may_contain_boundary_lookalikes(asgi: bool, make_app: Callable[..., Any]) -> None:
    payload = b'--BOUNDAR\r\n-- BOUNDARY\r\nBOUNDARY--\r\n'
    result = _post(_form_app(make_app, asgi), _form((_disposition('a'), payload)))
    assert result.status_code == 200
    assert result.json[0]['data'] == payload.decode()


def test_filename_star_is_decoded(asgi: bool, make_app: Callable[..., Any]) -> None:
    headers = _disposition('f', "; filename*=UTF-8''%C3%A9t%C3%A9.txt")
    result = _post(_form_app(make_app, asgi), _form((headers, b'x')))
    assert result.json[0]['filename'] == 'été.txt'


@pytest.mark.parametrize(
    ('filename', 'secure'),
    [
        ('../../etc/passwd', '_._.._etc_passwd'),
        ('Ångström unit physics.pdf', 'A_ngstro_m_unit_physics.pdf'),
        ('.hidden', '_hidden'),
        ('plain.txt', 'plain.txt'),
    ],
)
def test_secure_filename(
    asgi: bool, make_app: Callable[..., Any], filename: str, secure: str
) -> None:
    class SyncForm:
        def on_post(self, req: Any, resp: Any) -> None:
            resp.media = [part.secure_filename for part in req.get_media()]

    class AsyncForm:
        async def on_post(self, req: Any, resp: Any) -> None:
            names = []
            async for part in await req.get_media():
                names.append(part.secure_filename)
            resp.media = names

    app = make_app()
    app.add_route('/upload', AsyncForm() if asgi else SyncForm())
    body = _form((_disposition('f', f'; filename="{filename}"'), b'x'))
    assert _post(app, body).json == [secure]


@pytest.mark.parametrize(
    ('content_type', 'payload', 'expected'),
    [
        ('application/json', b'{"a": [1, 2]}', {'a': [1, 2]}),
        ('application/x-www-form-urlencoded', b'x=1&y=two', {'x': '1', 'y': 'two'}),
    ],
)
def test_part_media(
    asgi: bool, make_app: Callable[..., Any], content_type: str, payload: bytes, expected: Any
) -> None:
    app = _form_app(make_app, asgi, media=True)
    body = _form((_disposition('doc') + f'\r\nContent-Type: {content_type}', payload))
    assert _post(app, body).json == [expected]


def test_part_media_unsupported_type_is_415(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _form_app(make_app, asgi, media=True)
    body = _form((_disposition('doc') + '\r\nContent-Type: text/csv', b'a,b'))
    assert _post(app, body).status_code == 415


def test_parse_options_defaults() -> None:
    options = MultipartParseOptions()
    assert options.default_charset == 'utf-8'
    assert options.max_body_part_buffer_size == 1024 * 1024
    assert options.max_body_part_count == 64
    assert options.max_body_part_headers_size == 8192
    assert options.max_secure_filename_length is None
    assert isinstance(options.media_handlers[falcon.MEDIA_JSON], falcon.media.JSONHandler)
    assert isinstance(
        options.media_handlers[falcon.MEDIA_URLENCODED], falcon.media.URLEncodedFormHandler
    )


def test_handler_has_parse_options() -> None:
    handler = falcon.media.MultipartFormHandler()
    assert isinstance(handler.parse_options, MultipartParseOptions)
    options = MultipartParseOptions()
    assert falcon.media.MultipartFormHandler(options).parse_options is options


def test_parse_error_class() -> None:
    assert issubclass(falcon.MultipartParseError, falcon.MediaMalformedError)
    assert issubclass(falcon.MultipartParseError, falcon.HTTPBadRequest)
    error = falcon.MultipartParseError(description='broken')
    assert error.title == 'Malformed multipart/form-data request media'
    assert error.description == 'broken'
    assert error.status_code == 400


def test_default_charset_option(asgi: bool, make_app: Callable[..., Any]) -> None:
    options = MultipartParseOptions()
    options.default_charset = 'latin-1'
    result = _post(_form_app(make_app, asgi, options), _form((_disposition('a'), b'caf\xe9')))
    assert result.json[0]['text'] == 'café'


def test_undecodable_text_is_400(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _post(_form_app(make_app, asgi), _form((_disposition('a'), b'caf\xe9')))
    assert result.status_code == 400
    assert result.json['title'] == 'Malformed multipart/form-data request media'


def _limited(**limits: Any) -> MultipartParseOptions:
    options = MultipartParseOptions()
    for name, value in limits.items():
        setattr(options, name, value)
    return options


@pytest.mark.parametrize(
    ('limits', 'body', 'ok'),
    [
        (
            {'max_body_part_count': 2},
            _form((_disposition('a'), b'1'), (_disposition('b'), b'2')),
            True,
        ),
        (
            {'max_body_part_count': 2},
            _form(*[(_disposition(name), b'1') for name in 'abc']),
            False,
        ),
        ({'max_body_part_buffer_size': 10}, _form((_disposition('a'), b'x' * 10)), True),
        ({'max_body_part_buffer_size': 10}, _form((_disposition('a'), b'x' * 11)), False),
        (
            {'max_body_part_headers_size': 64},
            _form((_disposition('a') + '\r\nX-Long: ' + 'y' * 200, b'1')),
            False,
        ),
    ],
)
def test_limits(
    asgi: bool, make_app: Callable[..., Any], limits: dict[str, Any], body: bytes, ok: bool
) -> None:
    result = _post(_form_app(make_app, asgi, _limited(**limits)), body)
    if ok:
        assert result.status_code == 200
    else:
        assert result.status_code == 400
        assert result.json['title'] == 'Malformed multipart/form-data request media'


@pytest.mark.parametrize(
    'body',
    [
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
        b'no delimiter at all',
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="a"',
    ],
)
def test_malformed_form_is_400(asgi: bool, make_app: Callable[..., Any], body: bytes) -> None:
    result = _post(_form_app(make_app, asgi), body)
    assert result.status_code == 400


@pytest.mark.parametrize(
    'content_type',
    ['multipart/form-data', f'multipart/form-data; boundary={"b" * 71}'],
)
def test_bad_boundary_is_400(asgi: bool, make_app: Callable[..., Any], content_type: str) -> None:
    result = _post(_form_app(make_app, asgi), _form((_disposition('a'), b'1')), content_type)
    assert result.status_code == 400


def test_empty_form(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _post(_form_app(make_app, asgi), f'--{BOUNDARY}--\r\n'.encode())
    assert result.status_code == 200
    assert result.json == []


def test_asgi_part_properties_are_awaitable() -> None:
    class Form:
        async def on_post(self, req: Any, resp: Any) -> None:
            out = []
            async for part in await req.get_media():
                out.append([await part.text, (await part.data).decode()])
            resp.media = out

    app = falcon.asgi.App()
    app.add_route('/upload', Form())
    body = _form((_disposition('a'), b'one'), (_disposition('b'), b'two'))
    assert _post(app, body).json == [['one', 'one'], ['two', 'two']]


def test_wsgi_part_stream_reads_payload() -> None:
    class Form:
        def on_post(self, req: Any, resp: Any) -> None:
            resp.media = [part.stream.read().decode() for part in req.get_media()]

    app = falcon.App()
    app.add_route('/upload', Form())
    body = _form((_disposition('a'), b'one'), (_disposition('b'), b'two'))
    assert _post(app, body).json == ['one', 'two']
