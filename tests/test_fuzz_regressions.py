"""Replay every fuzz input kept in the repository, without the fuzzing engine.

``fuzz/corpus/<target>/`` holds hand-made seed inputs and ``fuzz/regressions/<target>/``
the inputs that once broke a target's invariant (see docs/fuzzing.md). Each one goes
through the target's ``test_one_input`` as libFuzzer would pass it: the test fails on the
same broken invariant, in both ``falcon.App`` and ``falcon.asgi.App`` (every HTTP target
drives both; the WebSocket target drives the ASGI app, the only one with WebSockets).

The parser target calls the public parsers directly, without an app.

The last tests check the harness itself: an unexpected exception, a 5xx ``HTTPError`` and
a task left running are each reported as a broken invariant, so a target cannot pass by
swallowing failures.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.testing
from fuzz import _harness

FUZZ_DIR = Path(__file__).resolve().parent.parent / 'fuzz'
TARGETS = sorted(path.stem for path in FUZZ_DIR.glob('fuzz_*.py'))


def _inputs() -> list[Any]:
    params = []
    for target in TARGETS:
        for kind in ('corpus', 'regressions'):
            folder = FUZZ_DIR / kind / target
            for path in sorted(folder.glob('*')) if folder.is_dir() else []:
                if path.is_file() and not path.name.startswith('.'):
                    params.append(pytest.param(target, path, id=f'{target}/{kind}/{path.name}'))
    return params


@pytest.fixture(scope='module', autouse=True)
def _close_loop() -> Iterator[None]:
    yield
    _harness.close_loop()


def _target(name: str) -> ModuleType:
    return importlib.import_module(f'fuzz.{name}')


def _raise(error: Exception) -> Any:
    raise error


def test_every_target_has_seeds() -> None:
    assert TARGETS == [
        'fuzz_header_values',
        'fuzz_media',
        'fuzz_multipart',
        'fuzz_request_head',
        'fuzz_routing',
        'fuzz_websocket',
    ]
    for target in TARGETS:
        assert list((FUZZ_DIR / 'corpus' / target).glob('*')), target


@pytest.mark.parametrize(('target', 'path'), _inputs())
def test_saved_input_keeps_the_invariant(target: str, path: Path) -> None:
    _target(target).test_one_input(path.read_bytes())


# -- the harness reports what it must ------------------------------------------------------


def test_unexpected_exception_breaks_the_invariant(monkeypatch: pytest.MonkeyPatch) -> None:
    head = _target('fuzz_request_head')
    monkeypatch.setitem(head.READS, 'broken', lambda req: int('x'))
    with pytest.raises(_harness.InvariantBroken, match=r'^WSGI: .*invalid literal'):
        head.test_one_input(b'GET /')


def test_server_error_breaks_the_invariant_in_asgi(monkeypatch: pytest.MonkeyPatch) -> None:
    head = _target('fuzz_request_head')
    # Only the ASGI request has a `scope`: the WSGI app passes, the ASGI app must not.
    monkeypatch.setitem(
        head.READS,
        'server_error',
        lambda req: getattr(req, 'scope', None) and _raise(falcon.HTTPBadGateway()),
    )
    with pytest.raises(_harness.InvariantBroken, match=r'^ASGI: .*HTTPBadGateway'):
        head.test_one_input(b'GET /')


def test_documented_client_error_keeps_the_invariant() -> None:
    assert _harness.read(lambda: _raise(falcon.HTTPBadRequest())) is None
    with pytest.raises(_harness.InvariantBroken, match='HTTPInternalServerError'):
        _harness.read(lambda: _raise(falcon.HTTPInternalServerError()))
    with pytest.raises(_harness.InvariantBroken, match='KeyError'):
        _harness.read(lambda: {}['missing'])


def test_status_500_without_exception_breaks_the_invariant() -> None:
    capture = _harness.Capture()
    capture.check(404, 'WSGI')
    with pytest.raises(_harness.InvariantBroken, match='WSGI: answered 500'):
        capture.check(500, 'WSGI')


def test_task_left_running_breaks_the_invariant() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        asyncio.get_running_loop().create_task(asyncio.sleep(60))

    scope = _harness.scope_for('GET', '/')
    with pytest.raises(_harness.InvariantBroken, match='left tasks running'):
        _harness.run_asgi(app, scope, [])
    assert not asyncio.all_tasks(_harness._loop())


def test_request_head_grammar() -> None:
    head = _target('fuzz_request_head')
    method, path, query, headers = head.parse_input(
        b'post x y?a=1#\xe9\nX-A: 1 \r\nbad line\nBad Name: 2\nX-B:\x00v\n'
    )
    assert (method, path, query) == ('post', '/x%20y', 'a=1%23%C3%A9')
    assert headers == [('X-A', '1'), ('X-B', 'v')]


def test_websocket_grammar() -> None:
    socket = _target('fuzz_websocket')
    plan, events = socket.parse_input(b'\x00\x02hi\x03\x01\xff\x08\x05ab')
    assert plan == ['receive_text', 'receive_data', 'receive_msgpack', 'receive_text']
    assert events == [
        {'type': 'websocket.receive', 'text': 'hi'},
        {'type': 'websocket.receive', 'bytes': b'\xff'},
        {'type': 'websocket.receive', 'text': 'ab'},
    ]


def test_parser_error_outside_documentation_breaks_the_invariant(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    values = _target('fuzz_header_values')
    broken = ('broken', lambda value: value.missing_attribute, ())
    monkeypatch.setattr(values, 'PARSERS', (broken,))
    with pytest.raises(_harness.InvariantBroken, match="broken\\('x'\\) raised AttributeError"):
        values.test_one_input(b'\x00x')


@pytest.mark.parametrize(
    ('chunk_size', 'expected'),
    [
        (0, [(b'abcdefg', False)]),
        (3, [(b'abc', True), (b'def', True), (b'g', False)]),
        (7, [(b'abcdefg', False)]),
        (200, [(b'abcdefg', False)]),
    ],
)
def test_asgi_body_arrives_in_pieces_of_the_chosen_size(
    chunk_size: int, expected: list[tuple[bytes, bool]]
) -> None:
    received: list[tuple[bytes, bool]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        more = True
        while more:
            event = await receive()
            more = event['more_body']
            received.append((event['body'], more))
        await send({'type': 'http.response.start', 'status': 204, 'headers': []})
        await send({'type': 'http.response.body', 'body': b''})

    scope = _harness.scope_for('POST', '/', body=b'abcdefg')
    assert _harness.run_asgi_http(app, scope, b'abcdefg', chunk_size) == (204, b'')
    assert received == expected


def test_first_byte_sets_the_request_options() -> None:
    head = _target('fuzz_request_head')
    try:
        head.test_one_input(b'\x05GET /')
        for app in (head.WSGI_APP, head.ASGI_APP):
            options = app.req_options
            assert options.auto_parse_qs_csv is True
            assert options.keep_blank_qs_values is True
            assert options.strip_url_path_trailing_slash is True
        head.test_one_input(b'\x02GET /')
        for app in (head.WSGI_APP, head.ASGI_APP):
            options = app.req_options
            assert options.auto_parse_qs_csv is False
            assert options.keep_blank_qs_values is False
            assert options.strip_url_path_trailing_slash is False
    finally:
        head.set_options(0)


class _Echo:
    def on_post(self, req: Any, resp: Any) -> None:
        resp.media = req.get_media()


class _AsyncEcho:
    async def on_post(self, req: Any, resp: Any) -> None:
        resp.media = await req.get_media()


@pytest.mark.parametrize('asgi', [False, True], ids=['wsgi', 'asgi'])
def test_media_target_apps_refuse_bodies_over_their_limit(asgi: bool) -> None:
    media = _target('fuzz_media')
    app = media.configured(falcon.asgi.App() if asgi else falcon.App())
    app.add_route('/', _AsyncEcho() if asgi else _Echo())
    at_limit = b'[ ' + b'1,' * 510 + b'1]'
    over_limit = at_limit + b' '
    assert len(at_limit) == media.MAX_MEDIA_SIZE == len(over_limit) - 1
    answers = [
        falcon.testing.simulate_post(app, '/', body=body, content_type='application/json')
        for body in (at_limit, over_limit)
    ]
    assert [answer.status_code for answer in answers] == [200, 413]
    assert answers[0].json == [1] * 511
