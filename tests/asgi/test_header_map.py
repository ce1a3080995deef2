"""The ASGI request's header map: the same answer whether or not the header names were seen
in an earlier request (seen names take a shorter path), for repeated names, names differing
only in case, and header lists given as any iterable."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

import falcon.asgi
import falcon.testing


async def _receive() -> dict[str, Any]:
    return {'type': 'http.request', 'body': b'', 'more_body': False}


def _request(headers: Any, method: str = 'GET') -> falcon.asgi.Request:
    scope = falcon.testing.create_scope(path='/', method=method)
    scope['headers'] = headers
    return falcon.asgi.Request(scope, _receive)


HEADER_LISTS = {
    'distinct': (
        [(b'host', b'example.com'), (b'x-trace', b'abc'), (b'accept', b'text/plain')],
        {'host': 'example.com', 'x-trace': 'abc', 'accept': 'text/plain'},
    ),
    'repeated': (
        [(b'x-trace', b'a'), (b'cookie', b'k=1'), (b'x-trace', b'b'), (b'cookie', b'j=2')],
        {'x-trace': 'a,b', 'cookie': 'k=1; j=2'},
    ),
    'case': (
        [(b'X-Trace', b'a'), (b'x-trace', b'b'), (b'Host', b'example.com')],
        {'x-trace': 'a,b', 'host': 'example.com'},
    ),
    'latin-1': ([(b'x-name', 'caf\xe9'.encode('latin-1'))], {'x-name': 'caf\xe9'}),
}


@pytest.mark.parametrize('name', list(HEADER_LISTS))
@pytest.mark.parametrize('container', [list, tuple, iter])
def test_header_map_is_the_same_before_and_after_the_names_are_known(
    name: str, container: Any
) -> None:
    raw, expected = HEADER_LISTS[name]
    # The first request may meet the names for the first time, the second knows them all.
    for _ in range(2):
        req = _request(container(list(raw)))
        assert req.headers == expected
        for header, value in expected.items():
            assert req.get_header(header) == value
            assert req.get_header(header.upper()) == value
        assert req.get_header('x-absent') is None


@pytest.mark.parametrize('name', list(HEADER_LISTS))
@pytest.mark.parametrize('container', [list, tuple, iter])
@pytest.mark.parametrize('method', ['GET', 'DELETE', 'POST', 'PUT', 'PATCH'])
def test_first_lookup_answers_as_the_map_does(name: str, container: Any, method: str) -> None:
    # The first lookup of a GET request scans the raw pairs, later ones use the map; a
    # POST, PUT or PATCH request builds the map at once.
    raw, expected = HEADER_LISTS[name]
    for _ in range(2):
        for header, value in expected.items():
            for asked in (header, header.upper()):
                req = _request(container(list(raw)), method)
                assert req.get_header(asked) == value
                assert req.get_header(asked) == value
                assert req.headers == expected
        req = _request(container(list(raw)), method)
        assert req.get_header('x-absent') is None
        assert req.headers == expected


def test_one_shot_headers_stay_readable_after_the_first_lookup() -> None:
    req = _request(iter([(b'host', b'example.com'), (b'x-trace', b'abc')]))
    assert req.get_header('x-trace') == 'abc'
    assert req.get_header('host') == 'example.com'
    assert req.headers == {'host': 'example.com', 'x-trace': 'abc'}
    assert req.scope['headers'] == [(b'host', b'example.com'), (b'x-trace', b'abc')]


@pytest.mark.parametrize('first', ['get_header', 'headers'])
def test_names_of_other_kinds(first: str) -> None:
    # Names given as bytearray (not hashable) and a looked-up name outside latin-1.
    raw = [(bytearray(b'X-Trace'), b'abc'), (b'host', b'example.com')]
    req = _request(raw)
    if first == 'get_header':
        assert req.get_header('x-trace') == 'abc'
    assert req.headers == {'x-trace': 'abc', 'host': 'example.com'}
    assert req.get_header('X-TRACE') == 'abc'
    assert _request(raw).get_header('x-\u20ac') is None
    assert _request([(b'host', b'example.com')]).get_header('x-\u20ac', default='none') == 'none'


def test_one_shot_headers_through_the_app() -> None:
    # The framing check reads the headers first, the responder reads them again.
    class Echo:
        async def on_post(self, req: Any, resp: Any) -> None:
            resp.media = {'trace': req.get_header('x-trace'), 'length': req.content_length}

    app = falcon.asgi.App()
    app.add_route('/', Echo())
    scope = falcon.testing.create_scope(path='/', method='POST')
    scope['headers'] = iter([(b'x-trace', b'abc'), (b'content-length', b'3')])
    events = iter([{'type': 'http.request', 'body': b'xyz', 'more_body': False}])
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return next(events)

    async def send(event: dict[str, Any]) -> None:
        sent.append(event)

    asyncio.run(app(scope, receive, send))
    assert sent[0]['status'] == 200
    assert json.loads(sent[1]['body']) == {'trace': 'abc', 'length': 3}


def test_a_name_first_passed_as_known_is_found_once_looked_for() -> None:
    # Seen in lower case while another name is looked for, then looked for itself.
    headers = [(b'x-seen-first', b'1'), (b'host', b'example.com')]
    assert _request(list(headers)).get_header('X-Unrelated-Name') is None
    assert _request(list(headers)).get_header('X-Seen-First') == '1'
    # Looked for again: in other case, repeated, and among names passed at once.
    assert _request([(b'X-SEEN-FIRST', b'2')]).get_header('x-seen-first') == '2'
    repeated = [(b'x-seen-first', b'1'), (b'host', b'h'), (b'x-seen-first', b'2')]
    assert _request(repeated).get_header('X-Seen-First') == '1,2'
    assert _request([(b'host', b'h')]).get_header('X-Seen-First') is None


def test_looked_up_names_beyond_the_bound_are_answered_by_the_map(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import falcon.asgi._request as request_module

    monkeypatch.setattr(request_module, '_WANTED_NAMES', {})
    monkeypatch.setattr(request_module, '_NAME_CACHE_LIMIT', 0)
    req = _request([(b'x-beyond', b'1'), (b'X-Beyond', b'2'), (b'host', b'h')])
    assert req.get_header('X-Beyond') == '1,2'
    assert req.get_header('Host') == 'h'
    assert request_module._WANTED_NAMES == {}
    # A name no header name decodes to (not latin-1) is never there.
    assert _request([(b'host', b'h')]).get_header('x-\u0100') is None


def test_a_name_looked_for_before_is_never_passed_as_known() -> None:
    assert _request([(b'host', b'h')]).get_header('X-Wanted-Early') is None
    # Seen in lower case while another name is looked for.
    assert _request([(b'x-wanted-early', b'1')]).get_header('X-Another-Name') is None
    assert _request([(b'x-wanted-early', b'1')]).get_header('X-Wanted-Early') == '1'


def test_names_seen_once_the_set_of_known_names_is_full_are_still_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import falcon.asgi._request as request_module

    full = frozenset(b'x-filler-%d' % number for number in range(4))
    monkeypatch.setattr(request_module, '_LOWERCASE_NAMES', full)
    monkeypatch.setattr(request_module, '_NAME_CACHE_LIMIT', 4)
    headers = [(b'x-made-up-name', b'1'), (b'x-filler-0', b'f'), (b'host', b'h')]
    assert _request(list(headers)).get_header('X-Other-Made-Up') is None
    assert request_module._LOWERCASE_NAMES is full
    assert _request(list(headers)).get_header('X-Made-Up-Name') == '1'
    assert _request(list(headers)).get_header('Host') == 'h'


@pytest.mark.parametrize('method', ['GET', 'DELETE', 'POST'])
def test_framing_header_answers_like_the_general_lookup(method: str) -> None:
    known = [(b'host', b'example.com'), (b'x-framing-known', b'1')]
    # The names are seen once, then known: both ways give the same answers.
    for _ in range(2):
        req = _request(list(known), method)
        assert req._framing_header() is None
        assert req.get_header('X-Framing-Known') == '1'
        assert req.get_header('Content-Length') is None
    with_length = [*known, (b'content-length', b'12')]
    for headers in (with_length, [(b'Content-Length', b'7'), *known]):
        req = _request(list(headers), method)
        expected = '12' if headers is with_length else '7'
        assert req._framing_header() == expected
        assert req.get_header('Host') == 'example.com'


@pytest.mark.parametrize('value', [b'abc', b'-1', b'1 2'])
def test_a_bad_length_after_known_names_is_refused(value: bytes) -> None:
    class Plain:
        async def on_get(self, req: Any, resp: Any) -> None:
            resp.text = req.get_header('host')

    app = falcon.asgi.App()
    app.add_route('/', Plain())
    client = falcon.testing.TestClient(app)
    assert client.simulate_get('/', headers={'Host': 'example.com'}).text == 'example.com'
    scope = falcon.testing.create_scope(path='/', method='GET')
    scope['headers'] = [(b'host', b'example.com'), (b'content-length', value)]
    sent: list[dict[str, Any]] = []

    async def send(event: dict[str, Any]) -> None:
        sent.append(event)

    asyncio.run(app(scope, _receive, send))
    assert sent[0]['status'] == 400


@pytest.mark.parametrize('method', ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
@pytest.mark.parametrize(
    ('value', 'length'),
    [(b'12', 12), (b'0', 0), (b'0012', 12), (b'9' * 18, 10**18 - 1)],
)
def test_framing_header_and_content_length_agree(method: str, value: bytes, length: int) -> None:
    req = _request([(b'host', b'example.com'), (b'content-length', value)], method)
    assert req._framing_header() == value.decode()
    assert req.content_length == length
    assert req.get_header('Content-Length') == value.decode()


@pytest.mark.parametrize('method', ['GET', 'POST'])
@pytest.mark.parametrize('value', [b'abc', b'-1', b'1 2', b' 12', b'\xb2', b'1\xb2', b'9' * 19])
def test_a_bad_length_is_refused_by_content_length_after_the_framing_check(
    method: str, value: bytes
) -> None:
    req = _request([(b'host', b'example.com'), (b'content-length', value)], method)
    assert req._framing_header() == value.decode('latin-1')
    with pytest.raises(falcon.HTTPInvalidHeader):
        req.content_length  # noqa: B018
