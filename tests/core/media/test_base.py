from __future__ import annotations

import io
from typing import Any

import pytest

from falcon.core.media._base import BaseHandler, ReadableIO, sync_fast_paths


class _AsyncStream:
    def __init__(self, data: bytes) -> None:
        self._data = data

    async def read(self, n: int | None = -1) -> bytes:
        data, self._data = self._data, b''
        return data


class StreamHandler(BaseHandler):
    """Implements only the public methods."""

    def serialize(self, media: object, content_type: str) -> bytes:
        return repr(media).encode()

    def deserialize(
        self, stream: ReadableIO, content_type: str | None, content_length: int | None
    ) -> object:
        return ('stream', stream.read(), content_type, content_length)


class FastHandler(BaseHandler):
    """Implements only the private fast paths."""

    def _serialize_sync(self, media: Any) -> bytes:
        return b'fast:' + str(media).encode()

    def _deserialize_sync(self, data: bytes) -> Any:
        return ('fast', data)


class OverridingHandler(FastHandler):
    def deserialize(
        self, stream: ReadableIO, content_type: str | None, content_length: int | None
    ) -> object:
        return 'override'


def test_base_handler_without_implementation_raises() -> None:
    handler = BaseHandler()
    with pytest.raises(NotImplementedError):
        handler.serialize({}, 'application/json')
    with pytest.raises(NotImplementedError):
        handler.deserialize(io.BytesIO(b''), None, None)
    assert handler.exhaust_stream is False


async def test_serialize_async_defaults_to_serialize() -> None:
    assert await StreamHandler().serialize_async([1], 'x/y') == b'[1]'


async def test_deserialize_async_wraps_the_body_for_a_stream_handler() -> None:
    result = await StreamHandler().deserialize_async(_AsyncStream(b'body'), 'x/y', None)
    assert result == ('stream', b'body', 'x/y', 4)


async def test_deserialize_async_uses_the_fast_path() -> None:
    assert await FastHandler().deserialize_async(_AsyncStream(b'abc'), None, None) == (
        'fast',
        b'abc',
    )


async def test_deserialize_async_honours_an_overriding_subclass() -> None:
    result = await OverridingHandler().deserialize_async(_AsyncStream(b'abc'), None, None)
    assert result == 'override'


def test_public_methods_default_to_the_fast_paths() -> None:
    handler = FastHandler()
    assert handler.serialize(1, 'x/y') == b'fast:1'
    assert handler.deserialize(io.BytesIO(b'q'), None, None) == ('fast', b'q')


@pytest.mark.parametrize(
    ('handler', 'has_serialize', 'has_deserialize'),
    [
        (BaseHandler(), False, False),
        (StreamHandler(), False, False),
        (FastHandler(), True, True),
        (OverridingHandler(), True, False),
        (object(), False, False),
    ],
)
def test_sync_fast_paths(handler: object, has_serialize: bool, has_deserialize: bool) -> None:
    serialize_sync, deserialize_sync = sync_fast_paths(handler)
    assert (serialize_sync is not None) is has_serialize
    assert (deserialize_sync is not None) is has_deserialize


def test_subclass_redefining_the_fast_path_keeps_it() -> None:
    class Refined(OverridingHandler):
        def _deserialize_sync(self, data: bytes) -> Any:
            return 'refined'

    _, deserialize_sync = sync_fast_paths(Refined())
    assert deserialize_sync is not None
    assert deserialize_sync(b'') == 'refined'
