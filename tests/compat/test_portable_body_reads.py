"""One ``async def`` resource reads the raw body the same way in both kinds of app:
``await req.bounded_stream.read()``, ``read(n)`` loops and ``async for``; under
``falcon.App`` the WSGI stream's ``readline()`` / ``readlines()`` can be awaited too."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest

import falcon
from falcon import testing


class Echo:
    async def on_post_whole(self, req: Any, resp: Any) -> None:
        resp.data = await req.bounded_stream.read()

    async def on_post_sized(self, req: Any, resp: Any) -> None:
        pieces = []
        while piece := await req.bounded_stream.read(3):
            pieces.append(piece)
        resp.media = [piece.decode() for piece in pieces]

    async def on_post_iterated(self, req: Any, resp: Any) -> None:
        resp.data = b'|'.join([chunk async for chunk in req.bounded_stream])

    async def on_post_lines(self, req: Any, resp: Any) -> None:
        first = await req.bounded_stream.readline()
        rest = await req.bounded_stream.readlines()
        resp.media = {'first': first.decode(), 'rest': [line.decode() for line in rest]}


@pytest.fixture
def client(make_app: Callable[..., Any]) -> testing.TestClient:
    app = make_app()
    resource = Echo()
    for suffix in ('whole', 'sized', 'iterated'):
        app.add_route(f'/{suffix}', resource, suffix=suffix)
    return testing.TestClient(app)


def test_read_whole_body(client: testing.TestClient) -> None:
    assert client.simulate_post('/whole', body=b'hello world').content == b'hello world'


def test_read_in_sized_pieces(client: testing.TestClient) -> None:
    assert client.simulate_post('/sized', body=b'abcdefgh').json == ['abc', 'def', 'gh']


def test_async_for_yields_the_body(client: testing.TestClient) -> None:
    result = client.simulate_post('/iterated', body=b'x' * 10)
    assert result.content.replace(b'|', b'') == b'x' * 10


def test_readline_and_readlines_under_wsgi() -> None:
    app = falcon.App()
    app.add_route('/lines', Echo(), suffix='lines')
    result = testing.simulate_post(app, '/lines', body=b'one\ntwo\nthree')
    assert result.json == {'first': 'one\n', 'rest': ['two\n', 'three']}


def test_plain_code_still_gets_bytes() -> None:
    seen: dict[str, Any] = {}

    class Plain:
        def on_post(self, req: Any, resp: Any) -> None:
            seen['data'] = req.bounded_stream.read()

    app = falcon.App()
    app.add_route('/', Plain())
    testing.simulate_post(app, '/', body=b'abc')
    assert seen['data'] == b'abc'
    assert type(seen['data']) is bytes


def test_forgotten_await_on_a_wsgi_read_names_the_fix() -> None:
    class Forgetful:
        async def on_post(self, req: Any, resp: Any) -> None:
            data = req.bounded_stream.read()
            resp.text = data.decode()

    app = falcon.App()
    app.add_route('/', Forgetful())
    stream = io.StringIO()
    result = testing.simulate_post(app, '/', body=b'abc', wsgierrors=stream)
    assert result.status_code == 500
    assert result.json == {'title': '500 Internal Server Error'}
    assert 'req.bounded_stream.read()' in stream.getvalue()
    assert 'did you forget `await`?' in stream.getvalue()
