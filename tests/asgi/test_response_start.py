"""The ``http.response.start`` event of the ASGI app: header lines as bytes in a list of its
own for every response (whoever wraps ``send`` may change it), whatever was sent before; and
the app's request and response types built with the scope, the first event and the options."""

from __future__ import annotations

import asyncio
from typing import Any

import falcon
import falcon.asgi
import falcon.testing


class _Resource:
    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        resp.content_type = falcon.MEDIA_TEXT
        resp.set_header('X-Note', req.get_param('note') or 'none')
        cookie = req.get_param('cookie')
        if cookie is not None:
            resp.set_cookie('session', cookie)
        resp.text = 'hello'


def _serve(app: falcon.asgi.App, query: str, mutate: bool = False) -> list[dict[str, Any]]:
    scope = falcon.testing.create_scope(path='/', query_string=query)
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {'type': 'http.request', 'body': b'', 'more_body': False}

    async def send(event: dict[str, Any]) -> None:
        sent.append(event)
        if mutate and event['type'] == 'http.response.start':
            # A wrapping middleware may change the list it was given.
            event['headers'].append((b'x-added', b'1'))
            event['headers'][0] = (b'x-replaced', b'1')

    asyncio.run(app(scope, receive, send))
    return sent


def _app() -> falcon.asgi.App:
    app = falcon.asgi.App()
    app.add_route('/', _Resource())
    return app


def test_a_changed_header_list_does_not_change_the_next_response() -> None:
    app = _app()
    expected = [
        (b'content-type', b'text/plain; charset=utf-8'),
        (b'x-note', b'same'),
        (b'content-length', b'5'),
    ]
    for mutate in (True, True, False):
        start = _serve(app, 'note=same', mutate)[0]
        if mutate:
            assert start['headers'] == [(b'x-replaced', b'1'), *expected[1:], (b'x-added', b'1')]
        else:
            assert start['headers'] == expected
    first = _serve(app, 'note=same')[0]['headers']
    second = _serve(app, 'note=same')[0]['headers']
    assert first == second == expected
    assert first is not second


def test_long_values_and_cookies_are_sent_as_set_each_time() -> None:
    app = _app()
    for index in range(3):
        note = f'{index}' + 'n' * 80
        start = _serve(app, f'note={note}&cookie=c{index}')[0]
        headers = start['headers']
        assert (b'x-note', note.encode()) in headers
        cookies = [value for name, value in headers if name == b'set-cookie']
        assert len(cookies) == 1
        assert cookies[0].startswith(f'session=c{index};'.encode())
        assert all(type(name) is bytes and type(value) is bytes for name, value in headers)
    # A short head seen before, then a different one: each gets its own lines.
    for note in ('a', 'b', 'a'):
        assert (b'x-note', note.encode()) in _serve(app, f'note={note}')[0]['headers']


def test_heads_alternating_or_repeated_each_get_their_own_lines() -> None:
    app = _app()

    def expected(note: str) -> list[tuple[bytes, bytes]]:
        return [
            (b'content-type', b'text/plain; charset=utf-8'),
            (b'x-note', note.encode()),
            (b'content-length', b'5'),
        ]

    long_note = 'L' * 100
    # Repeated heads, alternating heads (each seen before), and a head that is never kept
    # (a long value) between two equal ones.
    for note in ('a', 'a', 'b', 'a', 'b', 'b', long_note, 'b', long_note, 'a'):
        sent = [_serve(app, f'note={note}')[0]['headers'] for _ in range(2)]
        assert sent[0] == sent[1] == expected(note)
        assert sent[0] is not sent[1]


def test_the_request_and_response_types_get_the_scope_event_and_options() -> None:
    built: list[tuple[Any, ...]] = []

    class MyRequest(falcon.asgi.Request):
        def __init__(
            self,
            scope: dict[str, Any],
            receive: Any,
            first_event: dict[str, Any] | None = None,
            options: Any = None,
        ) -> None:
            built.append(('request', scope['path'], first_event, options))
            super().__init__(scope, receive, first_event=first_event, options=options)

    class MyResponse(falcon.asgi.Response):
        def __init__(self, options: Any = None) -> None:
            built.append(('response', options))
            super().__init__(options=options)

    app = falcon.asgi.App(request_type=MyRequest, response_type=MyResponse)
    app.add_route('/', _Resource())
    sent = _serve(app, 'note=x')
    assert sent[0]['status'] == 200
    assert sent[1]['body'] == b'hello'
    event = {'type': 'http.request', 'body': b'', 'more_body': False}
    assert built == [('request', '/', event, app.req_options), ('response', app.resp_options)]
