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


class _Text(str):
    """A str subclass: serialized like the str it holds."""


@pytest.mark.parametrize(
    ('event', 'expected'),
    [
        (SSEvent(data='7', event_id='7'), b'id: 7\ndata: 7\n\n'),
        (SSEvent(data='caf\u00e9', event_id='\u00e9'), 'id: \u00e9\ndata: caf\u00e9\n\n'.encode()),
        (SSEvent(data='\U0001f600'), 'data: \U0001f600\n\n'.encode()),
        (SSEvent(data='a\tb', event_id='7'), b'id: 7\ndata: a\tb\n\n'),
        (SSEvent(data='a\u00a0b'), 'data: a\u00a0b\n\n'.encode()),
        (SSEvent(data='nul\x00', event_id='1'), b'id: 1\ndata: nul\x00\n\n'),
        (SSEvent(data='x', event_id='tab\there'), b'id: tab\there\ndata: x\n\n'),
        (SSEvent(data='a\nb', event_id='1'), b'id: 1\ndata: a\ndata: b\n\n'),
        (SSEvent(data='a\rb'), b'data: a\ndata: b\n\n'),
        (SSEvent(data='\ud800x', event_id='1'), b'id: 1\ndata: \\ud800x\n\n'),
        (SSEvent(data='x', event_id='\udfff'), b'id: \\udfff\ndata: x\n\n'),
        (SSEvent(data=_Text('s'), event_id=_Text('i')), b'id: i\ndata: s\n\n'),
    ],
)
def test_text_data_with_or_without_an_id(event: SSEvent, expected: bytes) -> None:
    # Printable text, other text (tabs, NUL, line breaks, lone surrogates) and str
    # subclasses are serialized along different paths, to the same format.
    assert event.serialize() == expected


@pytest.mark.parametrize('event_id', ['a\rb', 'a\nb', 'a\x00b', '\r'])
def test_an_id_with_a_line_break_or_nul_is_refused_with_text_data(event_id: str) -> None:
    with pytest.raises(ValueError):
        SSEvent(data='x', event_id=event_id).serialize()


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
