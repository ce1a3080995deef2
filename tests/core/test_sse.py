"""SSEvent serialization: Falcon's fields, the seed's spellings, and injection safety."""

from __future__ import annotations

import pytest

from falcon.asgi import SSEvent
from falcon.core._sse import PING, SerializedEvent


@pytest.mark.parametrize(
    ('event', 'expected'),
    [
        (SSEvent(), b': ping\n\n'),
        (SSEvent(data=b'raw'), b'data: raw\n\n'),
        (SSEvent(data='caf\u00e9'), 'data: caf\u00e9\n\n'.encode()),
        (SSEvent(text='hello'), b'data: hello\n\n'),
        (SSEvent(json={'a': [1, 2]}), b'data: {"a": [1, 2]}\n\n'),
        (SSEvent(json={'k': '\u00e9'}), '{"k": "\u00e9"}'.join(['data: ', '\n\n']).encode()),
        (SSEvent(event='update', data=b'x'), b'event: update\ndata: x\n\n'),
        (SSEvent(event_type='counter', data='1'), b'event: counter\ndata: 1\n\n'),
        (SSEvent(event_id='42', data=b'x'), b'id: 42\ndata: x\n\n'),
        (SSEvent(retry=5000), b'retry: 5000\n\n'),
        (SSEvent(comment='keep'), b': keep\n\n'),
        (
            SSEvent(data=b'd', event='e', event_id='i', retry=1, comment='c'),
            b': c\nevent: e\nid: i\nretry: 1\ndata: d\n\n',
        ),
        (SSEvent(data='a\nb\r\nc\rd'), b'data: a\ndata: b\ndata: c\ndata: d\n\n'),
        (SSEvent(comment='one\ntwo'), b': one\n: two\n\n'),
        (SSEvent(data='x', text='ignored'), b'data: x\n\n'),
        (SSEvent(text='t', json={'ignored': 1}), b'data: t\n\n'),
        (SSEvent(data=''), b'data: \n\n'),
    ],
)
def test_serialize(event: SSEvent, expected: bytes) -> None:
    assert event.serialize() == expected


def test_serialize_result_is_bytes_with_encode() -> None:
    result = SSEvent(data='{"count": 1}', event_type='counter', event_id='1').serialize()
    assert isinstance(result, bytes)
    assert isinstance(result, SerializedEvent)
    assert result.encode('utf-8') == b'event: counter\nid: 1\ndata: {"count": 1}\n\n'
    assert result.encode('utf-8') is result
    assert result.decode() == 'event: counter\nid: 1\ndata: {"count": 1}\n\n'


def test_event_type_alias() -> None:
    event = SSEvent(data='x', event_type='a')
    assert event.event == 'a'
    assert event.event_type == 'a'
    event.event_type = 'b'
    assert event.event == 'b'
    event.event = 'c'
    assert event.event_type == 'c'
    assert SSEvent(event='a', event_type='a').event == 'a'
    with pytest.raises(ValueError, match='aliases'):
        SSEvent(event='a', event_type='b')


def test_falcon_positional_order() -> None:
    event = SSEvent(b'd', 't', {'j': 1}, 'e', 'i', 3, 'c')
    assert (event.data, event.text, event.json) == (b'd', 't', {'j': 1})
    assert (event.event, event.event_id, event.retry, event.comment) == ('e', 'i', 3, 'c')


def test_seed_attributes() -> None:
    event = SSEvent(data='payload', event_type='kind', event_id='7', retry=10)
    assert (event.data, event.event_type, event.event_id, event.retry) == (
        'payload',
        'kind',
        '7',
        10,
    )


class _Handler:
    def serialize(self, media: object, content_type: str) -> bytes:
        assert content_type == 'application/json'
        return b'custom'


def test_json_handler() -> None:
    assert SSEvent(json=[1]).serialize(_Handler()) == b'data: custom\n\n'


@pytest.mark.parametrize(
    ('kwargs', 'error'),
    [
        ({'event': 'a\nb'}, ValueError),
        ({'event': 'a\rb'}, ValueError),
        ({'event_id': 'a\nb'}, ValueError),
        ({'event_id': 'a\x00b'}, ValueError),
        ({'retry': '10'}, TypeError),
        ({'retry': True}, TypeError),
        ({'data': 12}, TypeError),
    ],
)
def test_invalid_fields(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        SSEvent(**kwargs).serialize()  # type: ignore[arg-type]


def test_ping_constant_and_repr() -> None:
    assert PING == b': ping\n\n'
    assert repr(SSEvent(data='x', event='e')) == "SSEvent(data='x', event='e')"
