from __future__ import annotations

import pytest

from falcon.core.media._base import BinaryBaseHandlerWS, TextBaseHandlerWS
from falcon.core.media._ws import JSONHandlerWS, MessagePackHandlerWS, MissingDependencyHandler


def test_json_ws_round_trip() -> None:
    handler = JSONHandlerWS()
    payload = handler.serialize({'greeting': 'héllo'})
    assert payload == '{"greeting": "héllo"}'
    assert handler.deserialize(payload) == {'greeting': 'héllo'}


def test_json_ws_custom_functions() -> None:
    handler = JSONHandlerWS(dumps=lambda obj: 'dumped', loads=lambda text: ['loaded', text])
    assert handler.serialize({}) == 'dumped'
    assert handler.deserialize('x') == ['loaded', 'x']
    assert handler.dumps({}) == 'dumped'


def test_msgpack_ws_round_trip() -> None:
    handler = MessagePackHandlerWS()
    payload = handler.serialize({'data': b'\x00', 'text': 't'})
    assert isinstance(payload, bytes)
    assert handler.deserialize(payload) == {'data': b'\x00', 'text': 't'}


@pytest.mark.parametrize('method', ['serialize', 'deserialize'])
def test_missing_dependency_handler_raises(method: str) -> None:
    handler = MissingDependencyHandler('CBORHandler', 'cbor2')
    with pytest.raises(RuntimeError, match='The CBORHandler requires the cbor2 library'):
        getattr(handler, method)(b'')


@pytest.mark.parametrize(
    ('base', 'arg'),
    [
        (TextBaseHandlerWS, 'x'),
        (BinaryBaseHandlerWS, b'x'),
    ],
)
def test_base_classes_are_abstract(base: type, arg: object) -> None:
    with pytest.raises(NotImplementedError):
        base().serialize(arg)
    with pytest.raises(NotImplementedError):
        base().deserialize(arg)
