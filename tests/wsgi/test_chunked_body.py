"""Request bodies without Content-Length (chunked, HTTP/2) under falcon.App.

A server that decodes a chunked body sets ``wsgi.input_terminated``: the body is read to its
end by every reading path. Without that mark and with ``Transfer-Encoding``, reading the body
is a 411; with neither header the body is empty (RFC 9112). App-level tests that the ASGI app
shares run in both kinds of app through the test client, which sends a chunked body when the
headers carry ``Transfer-Encoding``.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.testing
from falcon.wsgi._stream import CHUNK_SIZE, UnframedStream, UntilEndStream

CHUNKED = {'Transfer-Encoding': 'chunked'}
DOC = {'name': 'chunked', 'values': list(range(40)), 'text': 'caf\u00e9 \u2713'}
BODY = json.dumps(DOC).encode()
UNTERMINATED = {'wsgi.input_terminated': False}
LENGTH_REQUIRED = (
    'The request body has no Content-Length, and the WSGI server does not mark where a body '
    'sent with Transfer-Encoding ends (it sets no wsgi.input_terminated), so the body cannot '
    'be read. Send a Content-Length header, or run the app under a server that decodes '
    'chunked bodies.'
)


class RecordingInput:
    """A ``wsgi.input`` that returns at most ``step`` bytes per call and records the sizes
    asked for (a socket-backed input gives short reads like these)."""

    def __init__(self, data: bytes, step: int = 3) -> None:
        self._data = io.BytesIO(data)
        self.step = step
        self.asked: list[int] = []

    def read(self, size: int) -> bytes:
        self.asked.append(size)
        return self._data.read(min(size, self.step))

    def readline(self, size: int = -1) -> bytes:
        return self._data.readline(size)

    def readlines(self, hint: int = -1) -> list[bytes]:
        return self._data.readlines(hint)

    def __iter__(self) -> Any:
        return iter(self._data)

    @property
    def consumed(self) -> int:
        return self._data.tell()


class Echo:
    """Plain responders (the ASGI app runs them on its thread pool, where reads return
    bytes), one per way of reading the body."""

    def on_post_media(self, req: Any, resp: Any) -> None:
        resp.media = {'media': req.get_media(), 'content_length': req.content_length}

    def on_post_bounded(self, req: Any, resp: Any) -> None:
        resp.data = req.bounded_stream.read()

    def on_post_pieces(self, req: Any, resp: Any) -> None:
        pieces = []
        while True:
            piece = req.bounded_stream.read(7)
            if not piece:
                break
            pieces.append(piece)
        resp.data = b''.join(pieces)
        resp.set_header('X-Pieces', str(len(pieces)))

    def on_post_stream(self, req: Any, resp: Any) -> None:
        pieces = []
        while True:
            piece = req.stream.read(4096)
            if not piece:
                break
            pieces.append(piece)
        resp.data = b''.join(pieces)

    def on_post_ignore(self, req: Any, resp: Any) -> None:
        resp.media = {'content_length': req.content_length}


class EchoWsgiOnly:
    """Ways of reading that only the WSGI body offers synchronously."""

    def on_post_iterate(self, req: Any, resp: Any) -> None:
        resp.data = b''.join(req.bounded_stream)

    def on_post_lines(self, req: Any, resp: Any) -> None:
        resp.media = [line.decode() for line in req.bounded_stream.lines()]

    def on_post_exhaust(self, req: Any, resp: Any) -> None:
        req.bounded_stream.exhaust()
        resp.media = {'eof': req.bounded_stream.eof}

    def on_post_multipart(self, req: Any, resp: Any) -> None:
        resp.media = [
            {
                'name': part.name,
                'filename': part.filename,
                'content_type': part.content_type,
                'data': part.get_data().decode(),
            }
            for part in req.get_media()
        ]


def echo_app(asgi: bool, **options: Any) -> Any:
    app = falcon.asgi.App() if asgi else falcon.App()
    for name, value in options.items():
        setattr(app.req_options, name, value)
    echo = Echo()
    for suffix in ('media', 'bounded', 'pieces', 'stream', 'ignore'):
        app.add_route(f'/{suffix}', echo, suffix=suffix)
    if not asgi:
        wsgi_only = EchoWsgiOnly()
        for suffix in ('iterate', 'lines', 'exhaust', 'multipart'):
            app.add_route(f'/{suffix}', wsgi_only, suffix=suffix)
    return app


# -- read to the end: both kinds of app --------------------------------------------------------


def test_get_media_reads_a_chunked_json_body(asgi: bool) -> None:
    result = falcon.testing.simulate_post(
        echo_app(asgi), '/media', body=BODY, content_type='application/json', headers=CHUNKED
    )
    assert result.status_code == 200
    assert result.json == {'media': DOC, 'content_length': None}


def test_json_keyword_with_transfer_encoding_is_chunked(asgi: bool) -> None:
    result = falcon.testing.simulate_post(echo_app(asgi), '/media', json=DOC, headers=CHUNKED)
    assert result.json == {'media': DOC, 'content_length': None}


@pytest.mark.parametrize('path', ['/bounded', '/pieces', '/stream'])
def test_reading_paths_return_the_whole_chunked_body(asgi: bool, path: str) -> None:
    result = falcon.testing.simulate_post(echo_app(asgi), path, body=BODY, headers=CHUNKED)
    assert result.status_code == 200
    assert result.content == BODY


def test_read_n_loop_returns_full_pieces(asgi: bool) -> None:
    result = falcon.testing.simulate_post(
        echo_app(asgi), '/pieces', body=b'x' * 70, headers=CHUNKED
    )
    assert result.content == b'x' * 70
    assert result.headers['X-Pieces'] == '10'


def test_empty_chunked_body_is_media_not_found(asgi: bool) -> None:
    result = falcon.testing.simulate_post(
        echo_app(asgi), '/media', body=b'', content_type='application/json', headers=CHUNKED
    )
    assert result.status_code == 400
    assert result.json['title'] == 'Invalid JSON'
    assert result.json['description'] == 'Could not parse an empty JSON body'


def test_max_media_size_applies_to_a_chunked_body(asgi: bool) -> None:
    app = echo_app(asgi, max_media_size=64)
    result = falcon.testing.simulate_post(app, '/media', json=DOC, headers=CHUNKED)
    assert result.status_code == 413
    assert result.json == {
        'title': 'Request body too large',
        'description': 'The body is larger than 64 bytes, the most read as media here.',
    }


def test_chunked_body_within_max_media_size(asgi: bool) -> None:
    app = echo_app(asgi, max_media_size=len(BODY))
    result = falcon.testing.simulate_post(app, '/media', json=DOC, headers=CHUNKED)
    assert result.status_code == 200
    assert result.json['media'] == DOC


# -- read to the end: WSGI only ----------------------------------------------------------------


def test_iterating_bounded_stream_returns_the_body() -> None:
    body = b'a' * 20000
    result = falcon.testing.simulate_post(echo_app(False), '/iterate', body=body, headers=CHUNKED)
    assert result.content == body


def test_lines_of_a_chunked_body() -> None:
    result = falcon.testing.simulate_post(
        echo_app(False), '/lines', body=b'one\ntwo\nthree', headers=CHUNKED
    )
    assert result.json == ['one\n', 'two\n', 'three']


def test_exhaust_reaches_eof() -> None:
    result = falcon.testing.simulate_post(
        echo_app(False), '/exhaust', body=b'z' * 100, headers=CHUNKED
    )
    assert result.json == {'eof': True}


def test_chunked_multipart_form() -> None:
    boundary = 'BoUnDaRy'
    body = (
        f'--{boundary}\r\n'
        'Content-Disposition: form-data; name="field"\r\n\r\n'
        'value\r\n'
        f'--{boundary}\r\n'
        'Content-Disposition: form-data; name="file"; filename="a.txt"\r\n'
        'Content-Type: text/plain\r\n\r\n'
        'file contents\r\n'
        f'--{boundary}--\r\n'
    ).encode()
    result = falcon.testing.simulate_post(
        echo_app(False),
        '/multipart',
        body=body,
        content_type=f'multipart/form-data; boundary={boundary}',
        headers=CHUNKED,
    )
    assert result.status_code == 200
    assert result.json == [
        {'name': 'field', 'filename': None, 'content_type': 'text/plain', 'data': 'value'},
        {
            'name': 'file',
            'filename': 'a.txt',
            'content_type': 'text/plain',
            'data': 'file contents',
        },
    ]


def test_short_reads_are_joined_and_sizes_are_always_given() -> None:
    source = RecordingInput(BODY, step=5)
    result = falcon.testing.simulate_post(
        echo_app(False),
        '/media',
        content_type='application/json',
        headers=CHUNKED,
        extras={'wsgi.input': source, 'wsgi.input_terminated': True},
    )
    assert result.json == {'media': DOC, 'content_length': None}
    assert all(0 < size <= CHUNK_SIZE for size in source.asked)


def test_max_media_size_is_counted_as_bytes_arrive() -> None:
    body = b'[' + b'1,' * 50000 + b'1]'
    source = RecordingInput(body, step=1000)
    result = falcon.testing.simulate_post(
        echo_app(False, max_media_size=4096),
        '/media',
        content_type='application/json',
        headers=CHUNKED,
        extras={'wsgi.input': source, 'wsgi.input_terminated': True},
    )
    assert result.status_code == 413
    assert source.consumed == 4097


def test_unsized_read_asks_at_most_chunk_size() -> None:
    body = b'q' * (3 * CHUNK_SIZE + 11)
    source = RecordingInput(body, step=len(body))
    result = falcon.testing.simulate_post(
        echo_app(False),
        '/bounded',
        headers=CHUNKED,
        extras={'wsgi.input': source, 'wsgi.input_terminated': True},
    )
    assert result.content == body
    assert source.asked == [CHUNK_SIZE] * 4 + [CHUNK_SIZE]


# -- the framing rules -------------------------------------------------------------------------


def _req(body: bytes, **environ: Any) -> falcon.Request:
    env = falcon.testing.create_environ(method='POST')
    env['wsgi.input'] = io.BytesIO(body)
    env.update(environ)
    return falcon.Request(env)


def test_content_length_bounds_the_body_even_when_input_is_terminated() -> None:
    req = _req(b'helloEXTRA', CONTENT_LENGTH='5', **{'wsgi.input_terminated': True})
    assert type(req.bounded_stream) is falcon.BoundedStream
    assert req.bounded_stream.read() == b'hello'
    assert req.bounded_stream.eof


def test_no_length_and_no_transfer_encoding_is_an_empty_body() -> None:
    req = _req(b'stray bytes')
    assert req.content_length is None
    assert req.bounded_stream.read() == b''
    assert req.bounded_stream.eof


def test_terminated_input_without_any_framing_header_is_read() -> None:
    # HTTP/2 has no Transfer-Encoding; a server marking the end still gives the body.
    req = _req(b'h2 body', SERVER_PROTOCOL='HTTP/2', **{'wsgi.input_terminated': True})
    assert isinstance(req.bounded_stream, UntilEndStream)
    assert req.bounded_stream.read() == b'h2 body'


def test_in_memory_input_with_transfer_encoding_is_read_to_its_end() -> None:
    # Hypercorn's WSGI mode buffers the decoded body in an io.BytesIO and sets no mark.
    req = _req(b'buffered', HTTP_TRANSFER_ENCODING='chunked')
    assert isinstance(req.bounded_stream, UntilEndStream)
    assert req.bounded_stream.read() == b'buffered'


def test_socket_like_input_with_transfer_encoding_is_unframed() -> None:
    source = RecordingInput(b'4\r\nwiki\r\n0\r\n\r\n')
    req = _req(b'', HTTP_TRANSFER_ENCODING='chunked', **{'wsgi.input': source})
    stream = req.bounded_stream
    assert isinstance(stream, UnframedStream)
    assert isinstance(stream, falcon.BoundedStream)
    assert not stream.eof
    for read in (stream.read, stream.readline, stream.readlines, stream.exhaust):
        with pytest.raises(falcon.HTTPLengthRequired) as info:
            read()
        assert info.value.description == LENGTH_REQUIRED
    with pytest.raises(falcon.HTTPLengthRequired):
        next(stream)
    assert source.asked == []


def test_until_end_stream_eof_and_zero_reads() -> None:
    stream = UntilEndStream(io.BytesIO(b'abc'))
    assert stream.stream_len == 0
    assert not stream.eof
    assert stream.read(0) == b''
    assert stream.read(2) == b'ab'
    assert not stream.eof
    # Asked for more than there was, the stream met the end of the body.
    assert stream.read(5) == b'c'
    assert stream.eof
    assert stream.read(5) == b''
    assert stream.read() == b''
    assert stream.readline() == b''


def test_until_end_stream_readline_limit() -> None:
    stream = UntilEndStream(io.BytesIO(b'abcdef\nxyz'))
    assert stream.readline(3) == b'abc'
    assert stream.readline() == b'def\n'
    assert stream.readlines() == [b'xyz']
    assert stream.eof


# -- 411 through the app -----------------------------------------------------------------------


@pytest.mark.parametrize('path', ['/media', '/bounded', '/pieces', '/iterate', '/multipart'])
def test_unterminated_chunked_body_is_length_required(path: str) -> None:
    result = falcon.testing.simulate_post(
        echo_app(False),
        path,
        body=BODY,
        content_type='application/json'
        if path != '/multipart'
        else 'multipart/form-data; boundary=x',
        headers=CHUNKED,
        extras={**UNTERMINATED, 'wsgi.input': RecordingInput(BODY)},
    )
    assert result.status_code == 411
    assert result.json == {'title': '411 Length Required', 'description': LENGTH_REQUIRED}


def test_unterminated_chunked_body_left_unread_is_no_error() -> None:
    result = falcon.testing.simulate_post(
        echo_app(False),
        '/ignore',
        body=BODY,
        headers=CHUNKED,
        extras={**UNTERMINATED, 'wsgi.input': RecordingInput(BODY)},
    )
    assert result.status_code == 200
    assert result.json == {'content_length': None}


def test_get_media_default_when_empty_does_not_hide_411() -> None:
    class Resource:
        def on_post(self, req: Any, resp: Any) -> None:
            resp.media = req.get_media(default_when_empty={})

    app = falcon.App()
    app.add_route('/', Resource())
    result = falcon.testing.simulate_post(
        app,
        '/',
        content_type='application/json',
        headers=CHUNKED,
        extras={**UNTERMINATED, 'wsgi.input': RecordingInput(BODY)},
    )
    assert result.status_code == 411


# -- the deprecated form merge -----------------------------------------------------------------


def _form_options() -> falcon.RequestOptions:
    options = falcon.RequestOptions()
    with pytest.warns(falcon.util.DeprecatedWarning):
        options.auto_parse_form_urlencoded = True
    return options


def test_urlencoded_form_merge_reads_a_chunked_body() -> None:
    env = falcon.testing.create_environ(
        method='POST',
        body='a=1&b=2',
        headers={**CHUNKED, 'Content-Type': 'application/x-www-form-urlencoded'},
    )
    req = falcon.Request(env, options=_form_options())
    assert req.params == {'a': '1', 'b': '2'}


def test_urlencoded_form_merge_skips_an_unframed_body() -> None:
    env = falcon.testing.create_environ(
        method='POST', headers={**CHUNKED, 'Content-Type': 'application/x-www-form-urlencoded'}
    )
    env['wsgi.input_terminated'] = False
    env['wsgi.input'] = RecordingInput(b'a=1')
    req = falcon.Request(env, options=_form_options())
    assert req.params == {}
    with pytest.raises(falcon.HTTPLengthRequired):
        req.bounded_stream.read()


# -- the test client's chunked shape -----------------------------------------------------------


def test_create_environ_sends_transfer_encoding_bodies_without_length() -> None:
    env = falcon.testing.create_environ(method='POST', body=b'abc', headers=CHUNKED)
    assert 'CONTENT_LENGTH' not in env
    assert env['HTTP_TRANSFER_ENCODING'] == 'chunked'
    assert env['wsgi.input_terminated'] is True
    assert env['wsgi.input'].read() == b'abc'


def test_create_environ_keeps_a_given_content_length() -> None:
    env = falcon.testing.create_environ(
        method='POST', body=b'abc', headers={**CHUNKED, 'Content-Length': '3'}
    )
    assert env['CONTENT_LENGTH'] == '3'
    assert 'wsgi.input_terminated' not in env


def test_create_environ_without_transfer_encoding_is_unchanged() -> None:
    env = falcon.testing.create_environ(method='POST', body=b'abc')
    assert env['CONTENT_LENGTH'] == '3'
    assert 'wsgi.input_terminated' not in env


def test_create_scope_with_transfer_encoding_has_no_content_length() -> None:
    scope = falcon.testing.create_scope(method='POST', headers=CHUNKED, content_length=3)
    names = [name for name, _ in scope['headers']]
    assert b'content-length' not in names
    assert b'transfer-encoding' in names
