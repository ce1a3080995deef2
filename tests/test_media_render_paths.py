"""``resp.media`` on its way out, in both kinds of app: the handler of the response's
content type serializes it once, unless ``text`` or ``data`` supersedes it."""

from __future__ import annotations

from typing import Any

import falcon
import falcon.media
from tests._harness import Case, cases, run


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y


class PointHandler(falcon.media.BaseHandler):
    """Serializes through its public method only (no bytes fast path)."""

    def serialize(self, media: object, content_type: str) -> bytes:
        assert isinstance(media, Point)
        return f'{media.x},{media.y};{content_type}'.encode()


def responder(set_up: Any) -> Any:
    def build(app: Any) -> None:
        class Resource:
            def on_get(self, req: Any, resp: Any) -> None:
                set_up(resp)

        app.add_route('/', Resource())
        app.resp_options.media_handlers['text/x-point'] = PointHandler()

    return build


def point(resp: Any) -> None:
    resp.content_type = 'text/x-point; v=1'
    resp.media = Point(1, 2)


def text_after_media(resp: Any) -> None:
    resp.media = {'a': 1}
    resp.text = 'text wins'


def data_after_media(resp: Any) -> None:
    resp.media = {'a': 1}
    resp.data = b'data wins'


def media_replaced(resp: Any) -> None:
    resp.media = {'a': 1}
    resp.media = ['b']


def unknown_type(resp: Any) -> None:
    resp.content_type = 'application/x-unknown'
    resp.media = {'a': 1}


CASES = [
    Case(
        'handler-without-fast-path',
        responder(point),
        body=b'1,2;text/x-point; v=1',
        headers={'content-type': 'text/x-point; v=1', 'content-length': '21'},
    ),
    Case('text-supersedes-media', responder(text_after_media), body=b'text wins'),
    Case('data-supersedes-media', responder(data_after_media), body=b'data wins'),
    Case('last-media-counts', responder(media_replaced), json=['b']),
    Case(
        'string-media',
        responder(lambda resp: setattr(resp, 'media', 'caf\u00e9')),
        json='caf\u00e9',
    ),
    Case(
        'lone-surrogate-media',
        responder(lambda resp: setattr(resp, 'media', {'s': '\ud800'})),
        body=b'{"s": "\\ud800"}',
    ),
    Case('unknown-media-type', responder(unknown_type), status=415),
]


@cases(CASES)
def test_media_rendering(case: Case) -> None:
    run(case)


def test_render_body_serializes_media_once() -> None:
    calls: list[object] = []

    class Counting(falcon.media.BaseHandler):
        def serialize(self, media: object, content_type: str) -> bytes:
            calls.append(media)
            return b'x'

    resp = falcon.Response()
    resp.options.media_handlers['application/x-counting'] = Counting()
    resp.content_type = 'application/x-counting'
    resp.media = {'a': 1}
    assert resp.render_body() == b'x'
    assert resp.render_body() == b'x'
    assert calls == [{'a': 1}]
    resp.text = 'now text'
    assert resp.render_body() == b'now text'
