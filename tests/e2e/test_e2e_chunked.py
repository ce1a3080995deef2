"""Chunked request bodies (no Content-Length) under real servers: the same answer everywhere.

The same JSON, multipart and raw bodies are sent over a raw socket with ``Transfer-Encoding:
chunked`` in several chunks to ``tests/e2e/chunked_app.py`` under every WSGI and ASGI server
the harness knows and that is installed; each echoed body must be byte-identical to what the
test client answers for the same body sent with a ``Content-Length``.
"""

from __future__ import annotations

import importlib.util
import json
import socket
import threading
import wsgiref.simple_server
from collections.abc import Iterator
from typing import Any

import pytest

import falcon.testing
from tests.e2e import e2e_servers
from tests.e2e.chunked_app import wsgi_app
from tests.e2e.e2e_servers import Server, serving

pytestmark = pytest.mark.slow

_WANTED_WSGI = ('gunicorn', 'gunicorn-gthread', 'hypercorn-wsgi', 'granian-wsgi', 'waitress')
_WANTED_ASGI = ('uvicorn', 'hypercorn', 'granian-asgi')


def _installed(kind: str) -> bool:
    return importlib.util.find_spec(kind.split('-')[0]) is not None


def _kinds(wanted: tuple[str, ...], fallback: str) -> list[str]:
    known = getattr(e2e_servers, 'SERVER_KINDS', None)
    if known is None:
        return [fallback]
    return [kind for kind in wanted if kind in known and _installed(kind)]


SPECS = [(kind, 'tests.e2e.chunked_app:wsgi_app') for kind in _kinds(_WANTED_WSGI, 'gunicorn')]
SPECS += [(kind, 'tests.e2e.chunked_app:asgi_app') for kind in _kinds(_WANTED_ASGI, 'uvicorn')]
SERVER_IDS = [kind for kind, _ in SPECS]

DOC = {'name': 'chunked', 'values': list(range(300)), 'text': 'caf\u00e9 \u2713 \U0001f600'}
JSON_BODY = json.dumps(DOC).encode()
BOUNDARY = 'e2eChunkedBoundary'
FILE_DATA = bytes(range(256)) * 64
MULTIPART_BODY = (
    (
        f'--{BOUNDARY}\r\n'
        'Content-Disposition: form-data; name="field"\r\n\r\n'
        'value \u2713\r\n'
        f'--{BOUNDARY}\r\n'
        'Content-Disposition: form-data; name="upload"; filename="data.bin"\r\n'
        'Content-Type: application/octet-stream\r\n\r\n'
    ).encode()
    + FILE_DATA
    + f'\r\n--{BOUNDARY}--\r\n'.encode()
)
CHUNKED = {'Transfer-Encoding': 'chunked'}
RAW_BODY = b''.join(bytes([index % 251]) * 997 for index in range(300))

CASES = {
    'json': ('/json', 'application/json', JSON_BODY),
    'multipart': ('/multipart', f'multipart/form-data; boundary={BOUNDARY}', MULTIPART_BODY),
    'raw': ('/raw', 'application/octet-stream', RAW_BODY),
}


@pytest.fixture(scope='module')
def chunked_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Server]]:
    with serving(SPECS, tmp_path_factory.mktemp('chunked-servers')) as servers:
        yield servers


def _chunks(body: bytes) -> Iterator[bytes]:
    """The body in uneven chunks (1, 7, 100, 4096, 65537 bytes, ...), then the last one."""
    sizes = (1, 7, 100, 4096, 65537)
    position = 0
    turn = 0
    while position < len(body):
        size = sizes[turn % len(sizes)]
        piece = body[position : position + size]
        yield b'%x\r\n%s\r\n' % (len(piece), piece)
        position += size
        turn += 1
    yield b'0\r\n\r\n'


def _dechunk(data: bytes) -> bytes:
    pieces: list[bytes] = []
    while True:
        size_line, data = data.split(b'\r\n', 1)
        size = int(size_line.split(b';')[0], 16)
        if size == 0:
            return b''.join(pieces)
        pieces.append(data[:size])
        data = data[size + 2 :]


def post_chunked(
    port: int, path: str, content_type: str, body: bytes, early_answer: bool = False
) -> tuple[int, bytes]:
    """POST ``body`` with ``Transfer-Encoding: chunked``, one ``sendall`` per chunk; return
    the status code and the decoded response body.

    With ``early_answer``, the server may answer and close before reading the body: a reset
    connection then ends the sending and the reading.
    """
    head = (
        f'POST {path} HTTP/1.1\r\n'
        'Host: 127.0.0.1\r\n'
        f'Content-Type: {content_type}\r\n'
        'Transfer-Encoding: chunked\r\n'
        'Connection: close\r\n\r\n'
    ).encode()
    with socket.create_connection(('127.0.0.1', port), timeout=20) as connection:
        received = []
        try:
            connection.sendall(head)
            for chunk in _chunks(body):
                connection.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            if not early_answer:
                raise
        try:
            while data := connection.recv(65536):
                received.append(data)
        except ConnectionResetError:
            if not early_answer:
                raise
    response = b''.join(received)
    response_head, _, response_body = response.partition(b'\r\n\r\n')
    status = int(response_head.split(b'\r\n', 1)[0].split()[1])
    if b'transfer-encoding: chunked' in response_head.lower():
        response_body = _dechunk(response_body)
    return status, response_body


def expected(case: str) -> bytes:
    """The test client's answer for the same chunked body."""
    path, content_type, body = CASES[case]
    result = falcon.testing.simulate_post(
        wsgi_app, path, body=body, content_type=content_type, headers=CHUNKED
    )
    assert result.status_code == 200
    return result.content


def test_expected_answers_describe_the_bodies() -> None:
    assert json.loads(expected('json')) == {'media': DOC, 'content_length': None}
    parts: list[dict[str, Any]] = json.loads(expected('multipart'))
    assert [(part['name'], part['filename'], part['size']) for part in parts] == [
        ('field', None, len('value \u2713'.encode())),
        ('upload', 'data.bin', len(FILE_DATA)),
    ]
    assert json.loads(expected('raw'))['size'] == len(RAW_BODY)


@pytest.mark.parametrize('case', list(CASES))
@pytest.mark.parametrize('server_index', range(len(SPECS)), ids=SERVER_IDS)
def test_chunked_body_echoed_identically(
    chunked_servers: list[Server], server_index: int, case: str
) -> None:
    server = chunked_servers[server_index]
    path, content_type, body = CASES[case]
    status, answer = post_chunked(server.port, path, content_type, body)
    assert (server.name, status, answer) == (server.name, 200, expected(case))


class _QuietHandler(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.mark.parametrize('case', list(CASES))
def test_server_without_chunked_support_answers_411(case: str) -> None:
    """wsgiref's server passes the chunked bytes on undecoded and marks no end of input."""
    server = wsgiref.simple_server.make_server(
        '127.0.0.1', 0, wsgi_app, handler_class=_QuietHandler
    )
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    try:
        path, content_type, body = CASES[case]
        status, answer = post_chunked(
            server.server_port, path, content_type, body, early_answer=True
        )
    finally:
        thread.join(timeout=20)
        server.server_close()
    assert status == 411
    assert json.loads(answer) == {
        'title': '411 Length Required',
        'description': (
            'The request body has no Content-Length, and the WSGI server does not mark '
            'where a body sent with Transfer-Encoding ends (it sets no '
            'wsgi.input_terminated), so the body cannot be read. Send a Content-Length '
            'header, or run the app under a server that decodes chunked bodies.'
        ),
    }
