"""Text always encodes: a lone surrogate (``'\\ud800'``, parsed from the valid JSON escape
``"\\ud800"`` or made by the app) is written as the six characters ``\\uXXXX`` wherever
the framework encodes text, so echoing such a document is a 200 with valid UTF-8 (the JSON
escape of the same code unit) rather than a 500, in both kinds of app: ``resp.media``,
``resp.text``, error bodies and WebSocket messages. Headers and cookies that cannot be
encoded are refused with ``ValueError`` when set."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import msgpack  # type: ignore[import-untyped]
import pytest

import falcon
import falcon.asgi
import falcon.media
from falcon import testing

from ._support import resource

DOC = '["\\ud800", "é", {"\\udc00k": "x\\udfff"}, "\\ud83d\\ude00"]'
"""Valid JSON text: lone surrogates, a non-ASCII character and an escaped surrogate pair."""

ECHOED = '["\\ud800", "é", {"\\udc00k": "x\\udfff"}, "😀"]'.encode()
"""What the default JSON handler sends back: UTF-8, lone surrogates as JSON escapes."""


def _media_app(
    asgi: bool, make_app: Callable[..., Any], respond: Callable[[Any, Any], None]
) -> Any:
    """An app whose POST handler passes the parsed request media to ``respond``."""

    class Sync:
        def on_post(self, req: Any, resp: Any) -> None:
            respond(req.get_media(), resp)

    class Async:
        async def on_post(self, req: Any, resp: Any) -> None:
            respond(await req.get_media(), resp)

    app = make_app()
    app.add_route('/', Async() if asgi else Sync())
    return app


def _echo(media: Any, resp: Any) -> None:
    resp.media = media


def test_json_echo_of_lone_surrogates(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _media_app(asgi, make_app, _echo)
    result = testing.simulate_post(app, '/', body=DOC, content_type='application/json')
    assert result.status_code == 200
    assert result.content == ECHOED
    assert result.headers['Content-Length'] == str(len(ECHOED))
    ECHOED.decode('utf-8')
    assert json.loads(result.content) == json.loads(DOC)


def test_text_without_surrogates_is_unchanged(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = {'name': 'résumé', 'emoji': '😀'}

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.content == '{"name": "résumé", "emoji": "😀"}'.encode()


PACKED_TEXT = ['\\ud800', 'é', {'\\udc00k': 'x\\udfff'}, '😀']
"""What a MessagePack client unpacks: lone surrogates as the six characters ``\\uXXXX``."""


def test_msgpack_response_with_lone_surrogates(asgi: bool, make_app: Callable[..., Any]) -> None:
    def respond(media: Any, resp: Any) -> None:
        resp.content_type = falcon.MEDIA_MSGPACK
        resp.media = media

    app = _media_app(asgi, make_app, respond)
    app.resp_options.media_handlers[falcon.MEDIA_MSGPACK] = falcon.media.MessagePackHandler()
    result = testing.simulate_post(app, '/', body=DOC, content_type='application/json')
    assert result.status_code == 200
    assert result.headers['Content-Type'] == falcon.MEDIA_MSGPACK
    assert result.content == msgpack.packb(PACKED_TEXT, use_bin_type=True)


def test_resp_text_with_a_lone_surrogate(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.text = 'a\ud800b é'

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert (result.status_code, result.content) == (200, 'a\\ud800b é'.encode())
    assert result.headers['Content-Length'] == str(len('a\\ud800b é'.encode()))


def test_error_body_with_a_lone_surrogate(asgi: bool, make_app: Callable[..., Any]) -> None:
    def respond(media: Any, resp: Any) -> None:
        raise falcon.HTTPBadRequest(title='Unknown item', description=media[0])

    app = _media_app(asgi, make_app, respond)
    result = testing.simulate_post(app, '/', body=DOC, content_type='application/json')
    assert result.status_code == 400
    assert result.content == b'{"title": "Unknown item", "description": "\\ud800"}'


def test_raw_encoded_surrogates_are_malformed_json(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    app = _media_app(asgi, make_app, _echo)
    # The UTF-8-like encoding of U+D800 is not UTF-8: the body is not JSON text.
    body = b'["\xed\xa0\x80"]'
    result = testing.simulate_post(app, '/', body=body, content_type='application/json')
    assert result.status_code == 400
    assert result.json['title'] == 'Invalid JSON'


def test_form_with_encoded_surrogate_is_a_400(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _media_app(asgi, make_app, _echo)
    result = testing.simulate_post(
        app, '/', body='a=%ED%A0%80', content_type='application/x-www-form-urlencoded'
    )
    assert result.status_code == 400
    assert result.json['title'] == 'Invalid URL-encoded'


@pytest.mark.parametrize('value', ['\ud800', 'snow\u2603', 'a\r\nb'])
def test_unencodable_header_and_cookie_values_fail_at_set_time(
    asgi: bool, make_app: Callable[..., Any], value: str
) -> None:
    errors: list[str] = []

    def on_get(req: Any, resp: Any) -> None:
        for setter in (
            lambda: resp.set_header('X-Value', value),
            lambda: resp.append_header('X-Value', value),
            lambda: resp.set_cookie('value', value),
            lambda: resp.set_cookie('c', 'v', domain=value),
            lambda: resp.set_cookie('c', 'v', path='/' + value),
            lambda: resp.unset_cookie('c', domain=value),
        ):
            try:
                setter()
            except ValueError:
                errors.append('ValueError')
        resp.text = 'ok'

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert (result.status_code, result.text) == (200, 'ok')
    assert errors == ['ValueError'] * 6
    assert 'X-Value' not in result.headers
    assert 'Set-Cookie' not in result.headers


class _Echo:
    async def on_websocket(self, req: Any, ws: Any) -> None:
        await ws.accept()
        media = await ws.receive_media()
        await ws.send_media(media)
        await ws.send_json(media)
        await ws.send_text('raw \ud800')
        await ws.send_msgpack(media)
        await ws.send_media(media, falcon.WebSocketPayloadType.BINARY)


async def test_websocket_messages_with_lone_surrogates() -> None:
    app = falcon.asgi.App()
    app.add_route('/ws', _Echo())
    async with testing.ASGIConductor(app) as conductor, conductor.simulate_ws('/ws') as ws:
        await ws.send_text(DOC)
        assert await ws.receive_text() == ECHOED.decode()
        assert await ws.receive_text() == ECHOED.decode()
        assert await ws.receive_text() == 'raw \\ud800'
        packed = await ws.receive_data()
        assert msgpack.unpackb(packed) == PACKED_TEXT
        assert msgpack.unpackb(await ws.receive_data()) == PACKED_TEXT


def test_sse_events_with_lone_surrogates(asgi: bool, make_app: Callable[..., Any]) -> None:
    async def events() -> Any:
        yield falcon.asgi.SSEvent(data='d\ud800', event_id='i\udc00')
        yield falcon.asgi.SSEvent(text='t\ud800', comment='c\udfff')
        yield falcon.asgi.SSEvent(json={'k\ud800': 'é'}, event='e\ud800')

    def on_get(req: Any, resp: Any) -> None:
        resp.sse = events()

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.status_code == 200
    assert result.content == (
        b'id: i\\udc00\ndata: d\\ud800\n\n'
        b': c\\udfff\ndata: t\\ud800\n\n' + 'event: e\\ud800\ndata: {"k\\ud800": "é"}\n\n'.encode()
    )


def test_http_error_to_json_without_a_handler() -> None:
    error = falcon.HTTPNotFound(title='gone \ud800', description='é')
    assert error.to_json() == '{"title": "gone \\ud800", "description": "é"}'.encode()


def test_xml_error_body_with_lone_surrogates(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        raise falcon.HTTPBadRequest(title='t\ud800 <é>', description='d\udfff')

    app = make_app()
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/', headers={'Accept': 'application/xml'})
    assert result.status_code == 400
    assert result.content == (
        b'<?xml version="1.0" encoding="UTF-8"?><error><title>t\\ud800 &lt;'
        + 'é'.encode()
        + b'&gt;</title><description>d\\udfff</description></error>'
    )
