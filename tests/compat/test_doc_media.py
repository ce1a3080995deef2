"""Media handlers as documented: the BaseHandler contract in both kinds of app, the Handlers
registry, the built-in handlers' options and errors, empty and malformed bodies, caching of
``req.media``, and JSON Schema validation (Falcon 4.4 "Media" reference page)."""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Callable
from typing import Any

import msgpack  # type: ignore[import-untyped]
import pytest

import falcon
import falcon.asgi
import falcon.media
from falcon import testing
from falcon.media.validators import jsonschema

from ._support import resource

_UNSET = object()


def _reader_app(
    make_app: Callable[..., Any],
    asgi: bool,
    reads: int = 1,
    default: Any = _UNSET,
    prop: bool = False,
) -> Any:
    """An app whose POST /media reads the body ``reads`` times and answers every outcome."""
    kwargs = {} if default is _UNSET else {'default_when_empty': default}

    def outcome(error: BaseException) -> dict[str, Any]:
        cause = error.__cause__
        return {
            'error': type(error).__name__,
            'cause': None if cause is None else type(cause).__name__,
        }

    class SyncReader:
        def on_post(self, req: Any, resp: Any) -> None:
            results = []
            for _ in range(reads):
                try:
                    results.append({'media': req.media if prop else req.get_media(**kwargs)})
                except Exception as error:
                    results.append(outcome(error))
            resp.media = results

    class AsyncReader:
        async def on_post(self, req: Any, resp: Any) -> None:
            results = []
            for _ in range(reads):
                try:
                    media = await (req.media if prop else req.get_media(**kwargs))
                    results.append({'media': media})
                except Exception as error:
                    results.append(outcome(error))
            resp.media = results

    app = make_app()
    app.add_route('/media', AsyncReader() if asgi else SyncReader())
    return app


def _post(app: Any, body: bytes | str, content_type: str | None = None, **kwargs: Any) -> Any:
    headers = {} if content_type is None else {'Content-Type': content_type}
    return testing.simulate_post(app, '/media', body=body, headers=headers, **kwargs)


# -- the BaseHandler contract ----------------------------------------------------------------


def test_base_handler_methods_raise_not_implemented() -> None:
    handler = falcon.media.BaseHandler()
    with pytest.raises(NotImplementedError):
        handler.serialize({'a': 1}, 'application/json')
    with pytest.raises(NotImplementedError):
        handler.deserialize(io.BytesIO(b'{}'), 'application/json', 2)
    assert falcon.media.BaseHandler.exhaust_stream is False


async def test_base_handler_async_defaults_adapt_sync_methods() -> None:
    calls: list[Any] = []

    class Upper(falcon.media.BaseHandler):
        def serialize(self, media: object, content_type: str) -> bytes:
            calls.append(('serialize', media, content_type))
            return str(media).upper().encode()

        def deserialize(
            self, stream: Any, content_type: str | None, content_length: int | None
        ) -> object:
            data = stream.read()
            calls.append(('deserialize', type(stream).__name__, content_type, content_length))
            return data.decode().upper()

    class Body:
        def __init__(self, data: bytes) -> None:
            self.data = data

        async def read(self, size: int | None = -1) -> bytes:
            data, self.data = self.data, b''
            return data

    handler = Upper()
    assert await handler.serialize_async('abc', 'text/x') == b'ABC'
    assert await handler.deserialize_async(Body(b'xyz'), 'text/x', None) == 'XYZ'
    assert calls == [('serialize', 'abc', 'text/x'), ('deserialize', 'BytesIO', 'text/x', 3)]


class _SyncOnly(falcon.media.BaseHandler):
    """A text handler implementing only the sync methods, recording which ran."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def serialize(self, media: object, content_type: str) -> bytes:
        self.calls.append('serialize')
        return f'sync:{media}'.encode()

    def deserialize(
        self, stream: Any, content_type: str | None, content_length: int | None
    ) -> object:
        self.calls.append('deserialize')
        return 'sync:' + stream.read().decode()


class _Both(_SyncOnly):
    """Also implements the async methods; an ASGI app must use those."""

    async def serialize_async(self, media: object, content_type: str) -> bytes:
        self.calls.append('serialize_async')
        return f'async:{media}'.encode()

    async def deserialize_async(
        self, stream: Any, content_type: str | None, content_length: int | None
    ) -> object:
        self.calls.append('deserialize_async')
        return 'async:' + (await stream.read()).decode()


class _AsyncOnly(falcon.media.BaseHandler):
    async def serialize_async(self, media: object, content_type: str) -> bytes:
        return f'async:{media}'.encode()

    async def deserialize_async(
        self, stream: Any, content_type: str | None, content_length: int | None
    ) -> object:
        return 'async:' + (await stream.read()).decode()


def _echo_app(make_app: Callable[..., Any], asgi: bool, handler: Any) -> Any:
    class SyncEcho:
        def on_post(self, req: Any, resp: Any) -> None:
            resp.content_type = 'text/x-custom'
            resp.media = req.get_media()

    class AsyncEcho:
        async def on_post(self, req: Any, resp: Any) -> None:
            resp.content_type = 'text/x-custom'
            resp.media = await req.get_media()

    app = make_app()
    app.req_options.media_handlers['text/x-custom'] = handler
    app.resp_options.media_handlers['text/x-custom'] = handler
    app.add_route('/media', AsyncEcho() if asgi else SyncEcho())
    return app


def test_sync_handler_serves_both_kinds_of_app(asgi: bool, make_app: Callable[..., Any]) -> None:
    handler = _SyncOnly()
    result = _post(_echo_app(make_app, asgi, handler), 'hi', 'text/x-custom')
    assert result.status_code == 200
    assert result.text == 'sync:sync:hi'
    assert result.headers['Content-Type'] == 'text/x-custom'
    assert handler.calls == ['deserialize', 'serialize']


def test_async_methods_are_used_under_asgi(asgi: bool, make_app: Callable[..., Any]) -> None:
    handler = _Both()
    result = _post(_echo_app(make_app, asgi, handler), 'hi', 'text/x-custom')
    if asgi:
        assert result.text == 'async:async:hi'
        assert handler.calls == ['deserialize_async', 'serialize_async']
    else:
        assert result.text == 'sync:sync:hi'
        assert handler.calls == ['deserialize', 'serialize']


def test_async_only_handler_in_asgi_app() -> None:
    result = _post(_echo_app(falcon.asgi.App, True, _AsyncOnly()), 'hi', 'text/x-custom')
    assert result.status_code == 200
    assert result.text == 'async:async:hi'


def test_async_only_handler_in_wsgi_app_is_a_500() -> None:
    result = _post(_echo_app(falcon.App, False, _AsyncOnly()), 'hi', 'text/x-custom')
    assert result.status_code == 500


def test_exhaust_stream_reads_the_rest_of_the_body(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    class FirstByte(falcon.media.BaseHandler):
        def __init__(self, exhaust: bool) -> None:
            self.exhaust_stream = exhaust

        def deserialize(
            self, stream: Any, content_type: str | None, content_length: int | None
        ) -> object:
            return stream.read(1).decode()

        async def deserialize_async(
            self, stream: Any, content_type: str | None, content_length: int | None
        ) -> object:
            return (await stream.read(1)).decode()

    class SyncRes:
        def on_post(self, req: Any, resp: Any) -> None:
            first = req.get_media()
            resp.media = [first, req.bounded_stream.read().decode()]

    class AsyncRes:
        async def on_post(self, req: Any, resp: Any) -> None:
            first = await req.get_media()
            resp.media = [first, (await req.stream.read()).decode()]

    for exhaust, rest in ((False, 'bcd'), (True, '')):
        app = make_app()
        app.req_options.media_handlers['text/x-first'] = FirstByte(exhaust)
        app.add_route('/media', AsyncRes() if asgi else SyncRes())
        assert _post(app, 'abcd', 'text/x-first').json == ['a', rest]


# -- the Handlers registry ----------------------------------------------------------------------


def test_handlers_is_a_mutable_mapping() -> None:
    handlers = falcon.media.Handlers()
    assert sorted(handlers) == sorted(
        [falcon.MEDIA_JSON, falcon.MEDIA_MULTIPART, falcon.MEDIA_URLENCODED]
    )
    msgpack_handler = falcon.media.MessagePackHandler()
    handlers.update({falcon.MEDIA_MSGPACK: msgpack_handler})
    assert handlers[falcon.MEDIA_MSGPACK] is msgpack_handler
    del handlers[falcon.MEDIA_MSGPACK]
    assert falcon.MEDIA_MSGPACK not in handlers
    only = falcon.media.Handlers({falcon.MEDIA_MSGPACK: msgpack_handler})
    assert list(only) == [falcon.MEDIA_MSGPACK]


def test_handlers_copy_is_independent() -> None:
    handlers = falcon.media.Handlers()
    copied = handlers.copy()
    assert isinstance(copied, falcon.media.Handlers)
    assert copied is not handlers
    assert copied[falcon.MEDIA_JSON] is handlers[falcon.MEDIA_JSON]
    copied[falcon.MEDIA_MSGPACK] = falcon.media.MessagePackHandler()
    assert falcon.MEDIA_MSGPACK not in handlers


def test_find_by_media_type_was_removed() -> None:
    """Falcon 4.0 removed the deprecated ``Handlers.find_by_media_type()``."""
    assert not hasattr(falcon.media.Handlers(), 'find_by_media_type')


@pytest.mark.parametrize(
    'content_type',
    [
        'application/json; charset=utf-8',
        'APPLICATION/JSON',
        'application/json;charset=UTF-8',
        '*/*',
        '',
    ],
)
def test_request_handler_lookup(
    asgi: bool, make_app: Callable[..., Any], content_type: str
) -> None:
    result = _post(_reader_app(make_app, asgi), '{"a": 1}', content_type or None)
    assert result.json == [{'media': {'a': 1}}]


def test_default_media_type_option(asgi: bool, make_app: Callable[..., Any]) -> None:
    handlers = falcon.media.Handlers({falcon.MEDIA_MSGPACK: falcon.media.MessagePackHandler()})

    class SyncRes:
        def on_post(self, req: Any, resp: Any) -> None:
            resp.media = {'got': req.get_media()}

    class AsyncRes:
        async def on_post(self, req: Any, resp: Any) -> None:
            resp.media = {'got': await req.get_media()}

    app = make_app(media_type=falcon.MEDIA_MSGPACK)
    app.req_options.media_handlers = handlers
    app.resp_options.media_handlers = handlers
    app.add_route('/media', AsyncRes() if asgi else SyncRes())
    result = _post(app, msgpack.packb([1, 'x']))
    assert result.headers['Content-Type'] == falcon.MEDIA_MSGPACK
    assert msgpack.unpackb(result.content) == {'got': [1, 'x']}


def test_response_media_without_handler_is_415(asgi: bool, make_app: Callable[..., Any]) -> None:
    """No response handler for the content type: an HTTPUnsupportedMediaType error."""
    caught: list[Any] = []

    def on_get(req: Any, resp: Any) -> None:
        resp.content_type = 'text/x-unknown'
        resp.media = {'a': 1}

    def handle(req: Any, resp: Any, error: Exception, params: Any) -> None:
        caught.append(type(error))
        raise error

    app = make_app()
    app.add_error_handler(falcon.HTTPUnsupportedMediaType, handle)
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.status_code == 415
    assert caught == [falcon.HTTPUnsupportedMediaType]


def test_response_media_none_is_an_empty_body(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = None

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.status_code == 200
    assert result.content == b''


def test_text_and_data_take_precedence_over_media(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    def on_text(req: Any, resp: Any) -> None:
        resp.media = {'a': 1}
        resp.data = b'data'
        resp.text = 'text'

    def on_data(req: Any, resp: Any) -> None:
        resp.media = {'a': 1}
        resp.data = b'data'

    app = make_app()
    app.add_route('/text', resource(asgi, on_get=on_text))
    app.add_route('/data', resource(asgi, on_get=on_data))
    assert testing.simulate_get(app, '/text').content == b'text'
    assert testing.simulate_get(app, '/data').content == b'data'


def test_wsgi_render_body() -> None:
    resp = falcon.Response()
    assert resp.render_body() is None
    resp.media = {'a': 'é'}
    assert resp.render_body() == '{"a": "é"}'.encode()
    resp.data = b'raw'
    assert resp.render_body() == b'raw'
    resp.text = 'ü'
    assert resp.render_body() == 'ü'.encode()


async def test_asgi_render_body_is_a_coroutine() -> None:
    resp = falcon.asgi.Response()
    assert await resp.render_body() is None
    resp.media = [1, 2]
    assert await resp.render_body() == b'[1, 2]'
    resp.text = 'x'
    assert await resp.render_body() == b'x'


# -- JSONHandler ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    'dumps',
    [
        functools.partial(json.dumps, separators=(',', ':')),
        lambda obj: json.dumps(obj, separators=(',', ':')).encode(),
    ],
    ids=['str', 'bytes'],
)
def test_json_dumps_may_return_str_or_bytes(
    asgi: bool, make_app: Callable[..., Any], dumps: Any
) -> None:
    """A custom ``dumps`` without ``ensure_ascii=False`` escapes non-ASCII characters, as
    the documentation warns."""

    def on_get(req: Any, resp: Any) -> None:
        resp.media = {'a': [1, 'é']}

    app = make_app()
    app.resp_options.media_handlers[falcon.MEDIA_JSON] = falcon.media.JSONHandler(dumps=dumps)
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.content == b'{"a":[1,"\\u00e9"]}'
    assert result.headers['Content-Type'] == 'application/json'


def test_json_dumps_with_ensure_ascii_false(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = {'a': 'é'}

    app = make_app()
    dumps = functools.partial(json.dumps, ensure_ascii=False, sort_keys=True)
    app.resp_options.media_handlers[falcon.MEDIA_JSON] = falcon.media.JSONHandler(dumps=dumps)
    app.add_route('/', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/').content == '{"a": "é"}'.encode()


def test_json_custom_encoder_example(asgi: bool, make_app: Callable[..., Any]) -> None:
    import datetime

    class DatetimeEncoder(json.JSONEncoder):
        def default(self, o: Any) -> Any:
            if isinstance(o, datetime.datetime):
                return o.isoformat()
            return super().default(o)

    def on_get(req: Any, resp: Any) -> None:
        resp.media = {'at': datetime.datetime(2024, 1, 2, 3, 4, 5)}

    app = make_app()
    handler = falcon.media.JSONHandler(dumps=functools.partial(json.dumps, cls=DatetimeEncoder))
    app.resp_options.media_handlers.update({'application/json': handler})
    app.add_route('/', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/').json == {'at': '2024-01-02T03:04:05'}


def test_json_loads_receives_str(asgi: bool, make_app: Callable[..., Any]) -> None:
    seen: list[Any] = []

    def loads(text: Any) -> Any:
        seen.append(type(text))
        return json.loads(text)

    app = _reader_app(make_app, asgi)
    app.req_options.media_handlers[falcon.MEDIA_JSON] = falcon.media.JSONHandler(loads=loads)
    assert _post(app, '{"é": 1}', 'application/json').json == [{'media': {'é': 1}}]
    assert seen == [str]


def test_json_loads_non_value_error_is_malformed(asgi: bool, make_app: Callable[..., Any]) -> None:
    """Falcon 4.1: a custom ``loads`` raising an error that is not a ValueError is still
    reported as malformed media, with the original error as its cause."""

    class DecodeError(Exception):
        pass

    def loads(text: str) -> Any:
        raise DecodeError(text)

    app = _reader_app(make_app, asgi)
    app.req_options.media_handlers[falcon.MEDIA_JSON] = falcon.media.JSONHandler(loads=loads)
    assert _post(app, '{}', 'application/json').json == [
        {'error': 'MediaMalformedError', 'cause': 'DecodeError'}
    ]


def test_json_handler_sync_methods() -> None:
    handler = falcon.media.JSONHandler()
    assert handler.serialize({'a': 'é'}, falcon.MEDIA_JSON) == '{"a": "é"}'.encode()
    assert handler.deserialize(io.BytesIO(b'[1]'), falcon.MEDIA_JSON, 3) == [1]
    with pytest.raises(falcon.MediaNotFoundError):
        handler.deserialize(io.BytesIO(b''), falcon.MEDIA_JSON, 0)
    with pytest.raises(falcon.MediaMalformedError) as malformed:
        handler.deserialize(io.BytesIO(b'{'), falcon.MEDIA_JSON, 1)
    assert isinstance(malformed.value.__cause__, ValueError)


# -- empty and malformed bodies, caching --------------------------------------------------------


def test_malformed_json_keeps_its_cause(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _post(_reader_app(make_app, asgi), '{"a": ', 'application/json')
    assert result.json == [{'error': 'MediaMalformedError', 'cause': 'JSONDecodeError'}]


def test_empty_json_raises_media_not_found(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _post(_reader_app(make_app, asgi), '', 'application/json')
    assert result.json == [{'error': 'MediaNotFoundError', 'cause': None}]


def test_error_is_raised_again_on_every_access(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _post(_reader_app(make_app, asgi, reads=3), '{"a": ', 'application/json')
    assert [item['error'] for item in result.json] == ['MediaMalformedError'] * 3


def test_error_raised_again_through_the_property(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _post(_reader_app(make_app, asgi, reads=2, prop=True), '[', 'application/json')
    assert [item['error'] for item in result.json] == ['MediaMalformedError'] * 2


def test_default_when_empty_each_call(asgi: bool, make_app: Callable[..., Any]) -> None:
    """``default_when_empty`` is not cached: it only stands in for the call that passes it."""

    class SyncRes:
        def on_post(self, req: Any, resp: Any) -> None:
            first = req.get_media(default_when_empty='first')
            second = req.get_media(default_when_empty='second')
            try:
                req.get_media()
            except falcon.MediaNotFoundError as error:
                third = type(error).__name__
            resp.media = [first, second, third]

    class AsyncRes:
        async def on_post(self, req: Any, resp: Any) -> None:
            first = await req.get_media(default_when_empty='first')
            second = await req.get_media(default_when_empty='second')
            try:
                await req.get_media()
            except falcon.MediaNotFoundError as error:
                third = type(error).__name__
            resp.media = [first, second, third]

    app = make_app()
    app.add_route('/media', AsyncRes() if asgi else SyncRes())
    result = _post(app, '', 'application/json')
    assert result.json == ['first', 'second', 'MediaNotFoundError']


def test_default_when_empty_does_not_hide_malformed_body(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    result = _post(_reader_app(make_app, asgi, default={}), '{"a": ', 'application/json')
    assert result.json == [{'error': 'MediaMalformedError', 'cause': 'JSONDecodeError'}]


def test_media_is_parsed_once(asgi: bool, make_app: Callable[..., Any]) -> None:
    class SyncRes:
        def on_post(self, req: Any, resp: Any) -> None:
            resp.media = [req.get_media() is req.media, req.media is req.get_media()]

    class AsyncRes:
        async def on_post(self, req: Any, resp: Any) -> None:
            first = await req.get_media()
            resp.media = [first is await req.media, first is await req.get_media()]

    app = make_app()
    app.add_route('/media', AsyncRes() if asgi else SyncRes())
    assert _post(app, '{"a": 1}', 'application/json').json == [True, True]


def test_empty_json_body_is_documented_400(asgi: bool, make_app: Callable[..., Any]) -> None:
    class SyncRes:
        def on_post(self, req: Any, resp: Any) -> None:
            req.get_media()

    class AsyncRes:
        async def on_post(self, req: Any, resp: Any) -> None:
            await req.get_media()

    app = make_app()
    app.add_route('/media', AsyncRes() if asgi else SyncRes())
    result = _post(app, '', 'application/json')
    assert result.status_code == 400
    assert result.json == {
        'title': 'Invalid JSON',
        'description': 'Could not parse an empty JSON body',
    }


def test_media_error_classes() -> None:
    not_found = falcon.MediaNotFoundError('JSON')
    assert isinstance(not_found, falcon.HTTPBadRequest)
    assert not_found.status_code == 400
    assert not_found.title == 'Invalid JSON'
    assert not_found.description == 'Could not parse an empty JSON body'
    malformed = falcon.MediaMalformedError('JSON')
    assert isinstance(malformed, falcon.HTTPBadRequest)
    assert malformed.title == 'Invalid JSON'
    assert malformed.description == 'Could not parse JSON body'
    validation = falcon.MediaValidationError(title='t', description='d')
    assert isinstance(validation, falcon.HTTPBadRequest)
    assert (validation.title, validation.description) == ('t', 'd')
    assert falcon.MediaValidationError().title == '400 Bad Request'


def test_malformed_description_names_its_cause() -> None:
    try:
        try:
            json.loads('{')
        except ValueError as cause:
            raise falcon.MediaMalformedError('JSON') from cause
    except falcon.MediaMalformedError as error:
        assert error.description is not None
        assert error.description.startswith('Could not parse JSON body - ')


# -- MessagePackHandler ----------------------------------------------------------------------


def test_msgpack_round_trip(asgi: bool, make_app: Callable[..., Any]) -> None:
    handler = falcon.media.MessagePackHandler()

    class SyncRes:
        def on_post(self, req: Any, resp: Any) -> None:
            resp.content_type = falcon.MEDIA_MSGPACK
            resp.media = {'got': req.get_media()}

    class AsyncRes:
        async def on_post(self, req: Any, resp: Any) -> None:
            resp.content_type = falcon.MEDIA_MSGPACK
            resp.media = {'got': await req.get_media()}

    app = make_app()
    app.req_options.media_handlers[falcon.MEDIA_MSGPACK] = handler
    app.resp_options.media_handlers[falcon.MEDIA_MSGPACK] = handler
    app.add_route('/media', AsyncRes() if asgi else SyncRes())
    body = msgpack.packb({'text': 'é', 'blob': b'\x00\xff'}, use_bin_type=True)
    result = _post(app, body, falcon.MEDIA_MSGPACK)
    assert result.headers['Content-Type'] == falcon.MEDIA_MSGPACK
    got = msgpack.unpackb(result.content, raw=False)
    assert got == {'got': {'text': 'é', 'blob': b'\x00\xff'}}


@pytest.mark.parametrize(
    ('body', 'error'), [(b'', 'MediaNotFoundError'), (b'\xc1', 'MediaMalformedError')]
)
def test_msgpack_errors(asgi: bool, make_app: Callable[..., Any], body: bytes, error: str) -> None:
    app = _reader_app(make_app, asgi)
    app.req_options.media_handlers[falcon.MEDIA_MSGPACK] = falcon.media.MessagePackHandler()
    result = _post(app, body, falcon.MEDIA_MSGPACK)
    assert result.json[0]['error'] == error


def test_msgpack_handler_direct() -> None:
    handler = falcon.media.MessagePackHandler()
    packed = handler.serialize({'a': b'b', 'c': 'd'}, falcon.MEDIA_MSGPACK)
    assert msgpack.unpackb(packed, raw=False) == {'a': b'b', 'c': 'd'}
    assert handler.deserialize(io.BytesIO(packed), falcon.MEDIA_MSGPACK, len(packed)) == {
        'a': b'b',
        'c': 'd',
    }


def test_missing_dependency_handler_always_raises() -> None:
    handler = falcon.media.MissingDependencyHandler('MessagePackHandler', 'msgpack')
    with pytest.raises(RuntimeError) as raised:
        handler.serialize({}, falcon.MEDIA_MSGPACK)
    assert 'msgpack' in str(raised.value)
    with pytest.raises(RuntimeError):
        handler.deserialize(io.BytesIO(b''), falcon.MEDIA_MSGPACK, 0)


# -- URLEncodedFormHandler ----------------------------------------------------------------------


def test_urlencoded_empty_body_is_an_empty_dict(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _post(_reader_app(make_app, asgi), '', falcon.MEDIA_URLENCODED)
    assert result.json == [{'media': {}}]


@pytest.mark.parametrize('body', ['name=%FF%FE', 'name=caf\xe9'.encode('latin-1')])
def test_urlencoded_bad_encoding_is_malformed(
    asgi: bool, make_app: Callable[..., Any], body: Any
) -> None:
    result = _post(_reader_app(make_app, asgi), body, falcon.MEDIA_URLENCODED)
    assert result.json[0]['error'] == 'MediaMalformedError'


def test_urlencoded_percent_decoding(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = _post(
        _reader_app(make_app, asgi), 'q=caf%C3%A9+au+lait&x=%26', falcon.MEDIA_URLENCODED
    )
    assert result.json == [{'media': {'q': 'café au lait', 'x': '&'}}]


@pytest.mark.parametrize(
    ('media', 'body'),
    [
        ({'a': '1', 'b': 'x y'}, b'a=1&b=x+y'),
        ([('a', '1'), ('a', '2')], b'a=1&a=2'),
        ({'tags': ['x', 'y'], 'n': 3}, b'tags=x&tags=y&n=3'),
    ],
)
def test_urlencoded_serialize(media: Any, body: bytes) -> None:
    assert falcon.media.URLEncodedFormHandler().serialize(media) == body


def test_urlencoded_response(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.content_type = falcon.MEDIA_URLENCODED
        resp.media = {'a': ['1', '2'], 'b': 'é'}

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.content == b'a=1&a=2&b=%C3%A9'
    assert result.headers['Content-Type'] == falcon.MEDIA_URLENCODED


# -- the JSON handler's other users ------------------------------------------------------------


def test_response_json_handler_serializes_errors(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        raise falcon.HTTPNotFound(description='é')

    app = make_app()
    handler = falcon.media.JSONHandler(dumps=functools.partial(json.dumps, sort_keys=True))
    app.resp_options.media_handlers[falcon.MEDIA_JSON] = handler
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.status_code == 404
    assert result.content == b'{"description": "\\u00e9", "title": "404 Not Found"}'


def test_request_json_handler_parses_param_as_json(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = req.get_param_as_json('q')

    def loads(text: str) -> Any:
        return {'wrapped': json.loads(text)}

    app = make_app()
    app.req_options.media_handlers[falcon.MEDIA_JSON] = falcon.media.JSONHandler(loads=loads)
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/', query_string='q=%5B1%5D')
    assert result.json == {'wrapped': [1]}


async def test_sse_json_uses_response_json_handler() -> None:
    class Feed:
        async def on_get(self, req: Any, resp: Any) -> None:
            async def events() -> Any:
                yield falcon.asgi.SSEvent(json={'b': 1, 'a': 2})

            resp.sse = events()

    app = falcon.asgi.App()
    handler = falcon.media.JSONHandler(
        dumps=functools.partial(json.dumps, sort_keys=True, separators=(',', ':'))
    )
    app.resp_options.media_handlers[falcon.MEDIA_JSON] = handler
    app.add_route('/feed', Feed())
    result = testing.simulate_get(app, '/feed')
    assert result.content == b'data: {"a":2,"b":1}\n\n'


# -- jsonschema.validate -------------------------------------------------------------------------

_REQ_SCHEMA = {
    'type': 'object',
    'properties': {'name': {'type': 'string'}, 'email': {'type': 'string', 'format': 'email'}},
    'required': ['name'],
}
_RESP_SCHEMA = {'type': 'object', 'required': ['id']}


def _validated_app(make_app: Callable[..., Any], asgi: bool) -> Any:
    class SyncRes:
        @jsonschema.validate(req_schema=_REQ_SCHEMA, resp_schema=_RESP_SCHEMA)
        def on_post(self, req: Any, resp: Any) -> None:
            media = req.get_media()
            resp.media = {'id': 1} if media['name'] != 'bad' else {'name': 'x'}

    class AsyncRes:
        @jsonschema.validate(req_schema=_REQ_SCHEMA, resp_schema=_RESP_SCHEMA)
        async def on_post(self, req: Any, resp: Any) -> None:
            media = await req.get_media()
            resp.media = {'id': 1} if media['name'] != 'bad' else {'name': 'x'}

    app = make_app()
    app.add_route('/media', AsyncRes() if asgi else SyncRes())
    return app


def test_validate_passes_valid_media(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = testing.simulate_post(
        _validated_app(make_app, asgi), '/media', json={'name': 'n', 'email': 'a@b.c'}
    )
    assert result.status_code == 200
    assert result.json == {'id': 1}


@pytest.mark.parametrize(
    ('media', 'description'),
    [
        ({}, "'name' is a required property"),
        ({'name': 5}, "5 is not of type 'string'"),
        ({'name': 'n', 'email': 'nope'}, "'nope' is not a 'email'"),
    ],
)
def test_validate_rejects_request_media(
    asgi: bool, make_app: Callable[..., Any], media: Any, description: str
) -> None:
    result = testing.simulate_post(_validated_app(make_app, asgi), '/media', json=media)
    assert result.status_code == 400
    assert result.json == {'title': 'Request data failed validation', 'description': description}


def test_validate_rejects_response_media(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = testing.simulate_post(_validated_app(make_app, asgi), '/media', json={'name': 'bad'})
    assert result.status_code == 500
    assert result.json['title'] == 'Response data failed validation'


def test_validation_error_handler_can_be_customised(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    causes: list[Any] = []

    def handle(req: Any, resp: Any, error: Exception, params: Any) -> None:
        causes.append(type(error.__cause__).__name__)
        resp.status = falcon.HTTP_422
        resp.media = {'invalid': True}

    app = _validated_app(make_app, asgi)
    app.add_error_handler(falcon.MediaValidationError, handle)
    result = testing.simulate_post(app, '/media', json={})
    assert result.status_code == 422
    assert result.json == {'invalid': True}
    assert causes == ['ValidationError']


def test_validate_without_schemas_changes_nothing() -> None:
    def responder(self: Any, req: Any, resp: Any) -> None:
        pass

    assert jsonschema.validate()(responder) is responder
