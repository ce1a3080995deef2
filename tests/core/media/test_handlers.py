from __future__ import annotations

import io
from typing import Any

import pytest

from falcon.core._errors import HTTPUnsupportedMediaType, MultipartParseError
from falcon.core.media._base import BaseHandler, ReadableIO
from falcon.core.media._handlers import Handlers, MultipartFormHandler, MultipartParseOptions
from falcon.core.media._json import JSONHandler
from falcon.core.media._msgpack import MessagePackHandler
from falcon.core.media._multipart import AsyncMultipartForm, MultipartForm
from falcon.core.media._urlencoded import URLEncodedFormHandler


class StreamOnlyHandler(BaseHandler):
    def serialize(self, media: object, content_type: str) -> bytes:
        return b'stream-only'

    def deserialize(
        self, stream: ReadableIO, content_type: str | None, content_length: int | None
    ) -> object:
        return stream.read()


def test_default_handlers() -> None:
    handlers = Handlers()
    assert sorted(handlers) == [
        'application/json',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
    ]
    assert isinstance(handlers['application/json'], JSONHandler)
    assert isinstance(handlers['application/x-www-form-urlencoded'], URLEncodedFormHandler)
    assert isinstance(handlers['multipart/form-data'], MultipartFormHandler)


def test_initial_mapping_replaces_the_defaults() -> None:
    msgpack_handler = MessagePackHandler()
    handlers = Handlers({'application/msgpack': msgpack_handler})
    assert dict(handlers) == {'application/msgpack': msgpack_handler}


def test_copy_keeps_type_and_handler_objects() -> None:
    class MyHandlers(Handlers):
        pass

    original = MyHandlers()
    copied = original.copy()
    assert type(copied) is MyHandlers
    assert copied is not original
    assert copied['application/json'] is original['application/json']
    copied['text/plain'] = StreamOnlyHandler()
    assert 'text/plain' not in original


@pytest.mark.parametrize(
    ('media_type', 'expected_key'),
    [
        ('application/json', 'application/json'),
        ('application/json; charset=utf-8', 'application/json'),
        ('Application/JSON; charset=UTF-8', 'application/json'),
        ('application/x-www-form-urlencoded;charset=utf-8', 'application/x-www-form-urlencoded'),
        ('multipart/form-data; boundary=abc', 'multipart/form-data'),
        ('application/*', 'application/json'),
        ('multipart/*; boundary=x', 'multipart/form-data'),
        (None, 'application/json'),
        ('', 'application/json'),
    ],
)
def test_resolve(media_type: str | None, expected_key: str) -> None:
    handlers = Handlers()
    handler, _, _ = handlers._resolve(media_type, 'application/json')
    assert handler is handlers[expected_key]


@pytest.mark.parametrize(
    'media_type', ['text/plain', 'image/*', 'application/xml; charset=utf-8', 'garbage', '/']
)
def test_resolve_unsupported(media_type: str) -> None:
    handlers = Handlers()
    with pytest.raises(HTTPUnsupportedMediaType) as info:
        handlers._resolve(media_type, 'application/json')
    assert info.value.description == f'{media_type} is an unsupported media type.'
    assert handlers._resolve(media_type, 'application/json', raise_not_found=False) == (
        None,
        None,
        None,
    )


def test_resolve_unsupported_default_media_type() -> None:
    with pytest.raises(HTTPUnsupportedMediaType):
        Handlers()._resolve(None, 'text/plain')


def test_resolve_returns_fast_paths_of_builtin_handlers() -> None:
    handlers = Handlers()
    handler, serialize_sync, deserialize_sync = handlers._resolve('application/json', '')
    assert serialize_sync is not None and deserialize_sync is not None
    assert serialize_sync({'a': 1}) == b'{"a": 1}'
    assert deserialize_sync(b'{"a": 1}') == {'a': 1}
    handler, serialize_sync, deserialize_sync = handlers._resolve('multipart/form-data', '')
    assert isinstance(handler, MultipartFormHandler)
    assert serialize_sync is None and deserialize_sync is None


def test_resolve_returns_no_fast_paths_for_a_stream_handler() -> None:
    handler = StreamOnlyHandler()
    resolved = Handlers({'text/plain': handler})._resolve('text/plain', 'text/plain')
    assert resolved == (handler, None, None)


def test_resolve_is_cached() -> None:
    handlers = Handlers()
    first = handlers._resolve('application/json; charset=utf-8', 'application/json')
    assert handlers._resolve('application/json; charset=utf-8', 'application/json') is first


def test_cache_is_bounded() -> None:
    handlers = Handlers()
    for number in range(5000):
        handlers._resolve(f'application/json; n={number}', 'application/json')
    assert len(handlers._resolve_cache) <= 256


def _mutate_setitem(handlers: Handlers, handler: BaseHandler) -> None:
    handlers['application/json'] = handler


def _mutate_update(handlers: Handlers, handler: BaseHandler) -> None:
    handlers.update({'application/json': handler})


def _mutate_ior(handlers: Handlers, handler: BaseHandler) -> None:
    handlers |= {'application/json': handler}


def _mutate_setdefault(handlers: Handlers, handler: BaseHandler) -> None:
    del handlers['application/json']
    handlers.setdefault('application/json', handler)


@pytest.mark.parametrize(
    'mutate', [_mutate_setitem, _mutate_update, _mutate_ior, _mutate_setdefault]
)
def test_cache_is_cleared_when_a_handler_is_replaced(mutate: Any) -> None:
    handlers = Handlers()
    assert isinstance(handlers._resolve('application/json', '')[0], JSONHandler)
    replacement = StreamOnlyHandler()
    mutate(handlers, replacement)
    assert handlers._resolve('application/json', '')[0] is replacement


@pytest.mark.parametrize(
    'remove',
    [
        lambda handlers: handlers.__delitem__('application/json'),
        lambda handlers: handlers.pop('application/json'),
        lambda handlers: handlers.clear(),
    ],
)
def test_cache_is_cleared_when_a_handler_is_removed(remove: Any) -> None:
    handlers = Handlers()
    handlers._resolve('application/json', '')
    remove(handlers)
    with pytest.raises(HTTPUnsupportedMediaType):
        handlers._resolve('application/json', '')


def test_adding_a_handler_resolves_previously_unsupported_type() -> None:
    handlers = Handlers()
    assert handlers._resolve('text/plain', '', raise_not_found=False)[0] is None
    handlers['text/plain'] = StreamOnlyHandler()
    assert isinstance(handlers._resolve('text/plain', '')[0], StreamOnlyHandler)


def test_multipart_parse_options_defaults() -> None:
    options = MultipartParseOptions()
    assert options.default_charset == 'utf-8'
    assert options.max_body_part_buffer_size == 1024 * 1024
    assert options.max_body_part_count == 64
    assert options.max_body_part_headers_size == 8192
    assert options.max_secure_filename_length is None
    assert sorted(options.media_handlers) == [
        'application/json',
        'application/x-www-form-urlencoded',
    ]
    with pytest.raises(AttributeError):
        options.unknown_option = 1  # type: ignore[attr-defined]


def test_multipart_handler_uses_given_options() -> None:
    options = MultipartParseOptions()
    assert MultipartFormHandler(options).parse_options is options
    assert isinstance(MultipartFormHandler().parse_options, MultipartParseOptions)


def test_multipart_handler_returns_forms() -> None:
    handler = MultipartFormHandler()
    content_type = 'multipart/form-data; boundary=BOUNDARY'
    form = handler.deserialize(io.BytesIO(b''), content_type, 0)
    assert isinstance(form, MultipartForm)


async def test_multipart_handler_returns_async_forms() -> None:
    class Stream:
        async def read(self, n: int | None = -1) -> bytes:
            return b''

    form = await MultipartFormHandler().deserialize_async(
        Stream(), 'multipart/form-data; boundary="quoted boundary"', None
    )
    assert isinstance(form, AsyncMultipartForm)


@pytest.mark.parametrize(
    'content_type',
    [
        None,
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'multipart/form-data; charset=utf-8',
        'multipart/form-data; boundary=' + 'x' * 71,
        'multipart/form-data; boundary="caf\u00e9"',
        'multipart/form-data; boundary="a\tb"',
    ],
)
def test_multipart_handler_rejects_missing_or_invalid_boundary(content_type: str | None) -> None:
    with pytest.raises(MultipartParseError) as info:
        MultipartFormHandler().deserialize(io.BytesIO(b''), content_type, None)
    assert 'boundary' in (info.value.description or '')


def test_multipart_handler_does_not_serialize() -> None:
    with pytest.raises(NotImplementedError):
        MultipartFormHandler().serialize({}, 'multipart/form-data')
