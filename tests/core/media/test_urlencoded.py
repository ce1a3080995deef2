from __future__ import annotations

import io
from typing import Any

import pytest

from falcon.core._errors import MediaMalformedError
from falcon.core.media._urlencoded import URLEncodedFormHandler


class _AsyncStream:
    def __init__(self, data: bytes) -> None:
        self._data = data

    async def read(self, n: int | None = -1) -> bytes:
        data, self._data = self._data, b''
        return data


@pytest.mark.parametrize(
    ('body', 'options', 'expected'),
    [
        (b'', {}, {}),
        (b'a=1&b=2', {}, {'a': '1', 'b': '2'}),
        (b'a=1&a=2&a=3', {}, {'a': ['1', '2', '3']}),
        (b'name=caf%C3%A9+au+lait', {}, {'name': 'café au lait'}),
        (b'blank=&x=1', {}, {'blank': '', 'x': '1'}),
        (b'blank=&x=1', {'keep_blank': False}, {'x': '1'}),
        (b'list=a,b,c', {}, {'list': 'a,b,c'}),
        (b'list=a,b,c', {'csv': True}, {'list': ['a', 'b', 'c']}),
    ],
)
def test_deserialize(body: bytes, options: dict[str, bool], expected: Any) -> None:
    handler = URLEncodedFormHandler(**options)
    form = handler.deserialize(io.BytesIO(body), 'application/x-www-form-urlencoded', None)
    assert form == expected


async def test_deserialize_async() -> None:
    handler = URLEncodedFormHandler()
    assert await handler.deserialize_async(_AsyncStream(b'a=1&b=%20'), None, None) == {
        'a': '1',
        'b': ' ',
    }


@pytest.mark.parametrize('body', [b'name=caf\xc3\xa9', b'\xff', b'a=1&b=\x80'])
def test_non_ascii_body_is_malformed(body: bytes) -> None:
    with pytest.raises(MediaMalformedError) as info:
        URLEncodedFormHandler().deserialize(io.BytesIO(body), None, None)
    assert info.value.title == 'Invalid URL-encoded'
    assert isinstance(info.value.__cause__, UnicodeDecodeError)


@pytest.mark.parametrize(
    ('media', 'expected'),
    [
        ({'a': '1', 'b': 'x y'}, b'a=1&b=x+y'),
        ({'a': ['1', '2']}, b'a=1&a=2'),
        ({'name': 'café'}, b'name=caf%C3%A9'),
        ([('k', 'v'), ('k', 'w')], b'k=v&k=w'),
    ],
)
def test_serialize(media: Any, expected: bytes) -> None:
    assert URLEncodedFormHandler().serialize(media) == expected


def test_round_trip() -> None:
    handler = URLEncodedFormHandler()
    media = {'a': ['1', '2'], 'b': 'é&=?'}
    data = handler.serialize(media, 'application/x-www-form-urlencoded')
    assert handler.deserialize(io.BytesIO(data), None, None) == media
