from __future__ import annotations

import io
import random
from typing import Any

import msgpack  # type: ignore[import-untyped]
import pytest

from falcon.core._errors import MediaMalformedError, MediaNotFoundError
from falcon.core.media._base import sync_fast_paths
from falcon.core.media._msgpack import MessagePackHandler


class _AsyncStream:
    def __init__(self, data: bytes) -> None:
        self._data = data

    async def read(self, n: int | None = -1) -> bytes:
        data, self._data = self._data, b''
        return data


DOCUMENTS: list[Any] = [
    {'message': 'Hello World'},
    {'bytes': b'\x00\xff', 'text': 'caf\u00e9', 'list': [1, -2, 3.5, None, True]},
    [],
    'string',
    2**63,
]


@pytest.mark.parametrize('media', DOCUMENTS)
def test_round_trip(media: Any) -> None:
    handler = MessagePackHandler()
    data = handler.serialize(media, 'application/msgpack')
    assert data == msgpack.packb(media, use_bin_type=True)
    assert handler.deserialize(io.BytesIO(data), 'application/msgpack', len(data)) == media


@pytest.mark.parametrize('media', DOCUMENTS)
async def test_round_trip_async(media: Any) -> None:
    handler = MessagePackHandler()
    data = await handler.serialize_async(media, None)
    assert await handler.deserialize_async(_AsyncStream(data), None, None) == media


def test_bytes_use_the_bin_type() -> None:
    assert MessagePackHandler().serialize(b'ab', None) == b'\xc4\x02ab'


def test_empty_body_is_media_not_found() -> None:
    with pytest.raises(MediaNotFoundError) as info:
        MessagePackHandler().deserialize(io.BytesIO(b''), None, 0)
    assert info.value.title == 'Invalid MessagePack'


@pytest.mark.parametrize(
    'body',
    [
        pytest.param(b'\x92\x01', id='truncated'),
        pytest.param(b'\xc1', id='reserved-type-byte'),
        pytest.param(b'\x01\x02', id='extra-data'),
        pytest.param(b'\xa2\xff\xfe', id='invalid-utf8-str'),
        pytest.param(b'\x81\x91\x01\x01', id='list-as-map-key'),
        pytest.param(b'\x91' * 100_000, id='100k-deep'),
    ],
)
def test_bad_input_is_media_malformed(body: bytes) -> None:
    with pytest.raises(MediaMalformedError) as info:
        MessagePackHandler().deserialize(io.BytesIO(body), None, len(body))
    assert info.value.title == 'Invalid MessagePack'
    assert info.value.__cause__ is not None


def test_fast_paths_are_exposed() -> None:
    serialize_sync, deserialize_sync = sync_fast_paths(MessagePackHandler())
    assert serialize_sync is not None and deserialize_sync is not None
    assert deserialize_sync(serialize_sync({'a': 1})) == {'a': 1}


def test_garbage_only_ever_raises_media_errors() -> None:
    generator = random.Random(7)
    handler = MessagePackHandler()
    for _ in range(3000):
        body = generator.randbytes(generator.randint(0, 24))
        try:
            handler.deserialize(io.BytesIO(body), None, None)
        except (MediaMalformedError, MediaNotFoundError):
            pass
