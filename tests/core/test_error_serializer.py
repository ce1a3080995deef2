"""The default error serializer, against small request/response fakes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest

from falcon.core._error_serializer import default_serialize_error
from falcon.core._errors import HTTPError, HTTPNotFound
from falcon.core.media._json import JSONHandler


class FakeRequest:
    """Negotiates by exact media type or ``*/*``-style wildcards, in q order.

    Ties go to the candidate listed last, as Falcon's ``client_prefers`` does.
    """

    def __init__(self, accept: str | None) -> None:
        self.accept = '*/*' if accept is None else accept

    def client_prefers(self, media_types: list[str]) -> str | None:
        ranges: list[tuple[str, float]] = []
        for item in self.accept.split(','):
            media_range, *params = (part.strip() for part in item.split(';'))
            quality = 1.0
            for param in params:
                if param.startswith('q='):
                    quality = float(param[2:])
            ranges.append((media_range.lower(), quality))
        best: tuple[float, str] | None = None
        for media_type in media_types:
            main, _, _ = media_type.partition('/')
            quality = 0.0
            for media_range, range_quality in ranges:
                if media_range in (media_type, f'{main}/*', '*/*'):
                    quality = max(quality, range_quality)
            if quality > 0 and (best is None or quality >= best[0]):
                best = (quality, media_type)
        return None if best is None else best[1]


class YAMLishHandler:
    def serialize(self, media: object, content_type: str) -> bytes:
        return f'yaml:{content_type}:{sorted(media.items())}'.encode()  # type: ignore[attr-defined]


class CustomJSONHandler:
    def serialize(self, media: object, content_type: str) -> bytes:
        return json.dumps(media, separators=(',', ':')).encode()


class DeserializeOnlyHandler:
    def serialize(self, media: object, content_type: str) -> bytes:
        raise NotImplementedError


@dataclass
class FakeOptions:
    xml_error_serialization: bool = True
    media_handlers: dict[str, Any] = field(default_factory=dict)


@dataclass
class FakeResponse:
    options: FakeOptions = field(default_factory=FakeOptions)
    data: bytes | None = None
    content_type: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)

    def append_header(self, name: str, value: str) -> None:
        self.headers.append((name, value))


ERROR = HTTPNotFound(description='Nothing here.')
JSON_BODY = b'{"title": "404 Not Found", "description": "Nothing here."}'
XML_BODY = (
    b'<?xml version="1.0" encoding="UTF-8"?><error><title>404 Not Found</title>'
    b'<description>Nothing here.</description></error>'
)


@pytest.mark.parametrize(
    ('accept', 'content_type', 'body'),
    [
        (None, 'application/json', JSON_BODY),
        ('*/*', 'application/json', JSON_BODY),
        ('application/json', 'application/json', JSON_BODY),
        ('application/*', 'application/json', JSON_BODY),
        ('application/xml', 'application/xml', XML_BODY),
        ('text/xml', 'text/xml', XML_BODY),
        ('application/xml;q=0.9, application/json;q=0.5', 'application/xml', XML_BODY),
        ('application/xml;q=0.5, application/json', 'application/json', JSON_BODY),
        ('application/problem+json', 'application/json', JSON_BODY),
        ('application/atom+xml', 'application/xml', XML_BODY),
        ('text/html', None, None),
        ('image/png', None, None),
    ],
)
def test_negotiation(accept: str | None, content_type: str | None, body: bytes | None) -> None:
    resp = FakeResponse()
    default_serialize_error(FakeRequest(accept), resp, ERROR)
    assert resp.content_type == content_type
    assert resp.data == body
    assert resp.headers == [('Vary', 'Accept')]


@pytest.mark.parametrize(
    ('accept', 'content_type', 'body'),
    [
        ('application/xml', None, None),
        ('text/xml', None, None),
        ('application/atom+xml', None, None),
        ('application/xml, application/json;q=0.1', 'application/json', JSON_BODY),
    ],
)
def test_xml_disabled(accept: str, content_type: str | None, body: bytes | None) -> None:
    resp = FakeResponse(options=FakeOptions(xml_error_serialization=False))
    default_serialize_error(FakeRequest(accept), resp, ERROR)
    assert resp.content_type == content_type
    assert resp.data == body
    assert resp.headers == [('Vary', 'Accept')]


def test_registered_json_handler_renders_json() -> None:
    resp = FakeResponse(
        options=FakeOptions(media_handlers={'application/json': CustomJSONHandler()})
    )
    default_serialize_error(FakeRequest('application/json'), resp, ERROR)
    assert resp.data == b'{"title":"404 Not Found","description":"Nothing here."}'
    assert resp.content_type == 'application/json'


@pytest.mark.parametrize(
    ('accept', 'content_type'),
    [
        ('application/yaml', 'application/yaml'),
        ('application/yaml, application/json;q=0.5', 'application/yaml'),
        ('application/yaml;q=0.5, application/json', 'application/json'),
        ('*/*', 'application/json'),
    ],
)
def test_other_registered_handlers(accept: str, content_type: str) -> None:
    handlers = {'application/json': None, 'application/yaml': YAMLishHandler()}
    resp = FakeResponse(options=FakeOptions(media_handlers=handlers))
    default_serialize_error(FakeRequest(accept), resp, ERROR)
    assert resp.content_type == content_type
    if content_type == 'application/yaml':
        assert resp.data == (
            b"yaml:application/yaml:[('description', 'Nothing here.'), ('title', '404 Not Found')]"
        )
    else:
        assert resp.data == JSON_BODY


def test_handler_that_cannot_serialize_leaves_body_empty() -> None:
    handlers = {'multipart/form-data': DeserializeOnlyHandler()}
    resp = FakeResponse(options=FakeOptions(media_handlers=handlers))
    default_serialize_error(FakeRequest('multipart/form-data'), resp, ERROR)
    assert resp.data is None
    assert resp.content_type is None
    assert resp.headers == [('Vary', 'Accept')]


def test_error_with_every_field() -> None:
    error = HTTPError(409, title='Clash', description='Née', code=3, href='https://x.test')
    resp = FakeResponse()
    default_serialize_error(FakeRequest('application/json'), resp, error)
    assert resp.data is not None
    assert json.loads(resp.data) == {
        'title': 'Clash',
        'description': 'Née',
        'code': 3,
        'link': {
            'text': 'Documentation related to this error',
            'href': 'https://x.test',
            'rel': 'help',
        },
    }


def _stock_json_response() -> FakeResponse:
    return FakeResponse(options=FakeOptions(media_handlers={'application/json': JSONHandler()}))


def test_stock_json_handler_renders_each_error_as_to_json_does() -> None:
    first = HTTPNotFound(title='Item not found', description='No item 1.')
    second = HTTPNotFound(title='Item not found', description='No item 2.')
    coded = HTTPNotFound(title='Item not found', description='No item 1.', code=7)
    for error in (first, second, first, coded, second, coded):
        resp = _stock_json_response()
        default_serialize_error(FakeRequest('application/json'), resp, error)
        assert resp.data == error.to_json()
    default_serialize_error(FakeRequest('application/json'), resp, coded)
    assert resp.data == b'{"title": "Item not found", "description": "No item 1.", "code": 7}'


def test_overridden_to_dict_is_used_with_the_stock_json_handler() -> None:
    class Detailed(HTTPNotFound):
        def to_dict(self, obj_type: Any = dict) -> Any:
            document = super().to_dict(obj_type)
            document['hint'] = 'check the id'
            return document

    for _ in range(2):
        resp = _stock_json_response()
        default_serialize_error(FakeRequest('*/*'), resp, Detailed(description='Gone.'))
        assert resp.data == (
            b'{"title": "404 Not Found", "description": "Gone.", "hint": "check the id"}'
        )


def test_custom_dumps_is_called_for_every_error() -> None:
    calls: list[object] = []

    def dumps(media: object) -> str:
        calls.append(media)
        return json.dumps(media, separators=(',', ':'))

    for _ in range(2):
        resp = FakeResponse(
            options=FakeOptions(media_handlers={'application/json': JSONHandler(dumps=dumps)})
        )
        default_serialize_error(FakeRequest('*/*'), resp, ERROR)
        assert resp.data == b'{"title":"404 Not Found","description":"Nothing here."}'
    assert len(calls) == 2
