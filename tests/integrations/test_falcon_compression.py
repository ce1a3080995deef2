"""falcon-compression (``CompressionMiddleware``): gzip or Brotli response bodies.

Its ``process_response`` picks an encoding from ``Accept-Encoding`` (q-values honoured,
Brotli preferred on a tie), then either replaces ``resp.stream`` with a compressing
generator and clears ``resp.content_length``, or calls ``resp.render_body()`` (media
serialized through the app's handlers) and sets ``resp.data`` to the compressed bytes,
with ``resp.text = None``. It sets ``Content-Encoding`` and appends
``Vary: Accept-Encoding``, and leaves bodies under 200 bytes and responses that already
have a ``Content-Encoding`` alone.

``falcon.App`` only: the middleware calls ``resp.render_body()`` synchronously, and on
``falcon.asgi.App`` that method is a coroutine function, as Falcon documents.
"""

from __future__ import annotations

import gzip
import io
import json
from typing import Any

import pytest

pytest.importorskip('falcon_compression')
pytest.importorskip('brotli')

import brotli
from falcon_compression import CompressionMiddleware

import falcon
from falcon import testing

BIG = {'text': 'falcon ' * 100}
LINES = b''.join(b'line %d\n' % n for n in range(2000))


class Big:
    def on_get(self, req: Any, resp: Any) -> None:
        resp.media = BIG


class Small:
    def on_get(self, req: Any, resp: Any) -> None:
        resp.text = 'short'
        resp.content_type = falcon.MEDIA_TEXT


class Streamed:
    def on_get(self, req: Any, resp: Any) -> None:
        resp.set_stream(io.BytesIO(LINES), len(LINES))
        resp.content_type = falcon.MEDIA_TEXT


class Encoded:
    def on_get(self, req: Any, resp: Any) -> None:
        resp.data = gzip.compress(b'x' * 500, mtime=0)
        resp.set_header('Content-Encoding', 'gzip')


@pytest.fixture
def client() -> testing.TestClient:
    app = falcon.App(middleware=[CompressionMiddleware()])
    app.add_route('/big', Big())
    app.add_route('/small', Small())
    app.add_route('/stream', Streamed())
    app.add_route('/encoded', Encoded())
    return testing.TestClient(app)


def _decode(result: testing.Result) -> bytes:
    encoding = result.headers.get('content-encoding')
    if encoding == 'gzip':
        return gzip.decompress(result.content)
    if encoding == 'br':
        return bytes(brotli.decompress(result.content))
    return result.content


@pytest.mark.parametrize(
    'accept, encoding',
    [('gzip', 'gzip'), ('br', 'br'), ('gzip, br', 'br'), ('br;q=0.5, gzip', 'gzip')],
)
def test_media_body_is_compressed(client: testing.TestClient, accept: str, encoding: str) -> None:
    result = client.simulate_get('/big', headers={'Accept-Encoding': accept})
    assert result.status == falcon.HTTP_200
    assert result.headers['content-encoding'] == encoding
    assert result.headers['vary'] == 'Accept-Encoding'
    assert result.headers['content-type'] == falcon.MEDIA_JSON
    assert result.headers['content-length'] == str(len(result.content))
    assert len(result.content) < len(json.dumps(BIG))
    assert json.loads(_decode(result)) == BIG


@pytest.mark.parametrize('accept', ['gzip', 'br'])
def test_stream_is_compressed_on_the_fly(client: testing.TestClient, accept: str) -> None:
    result = client.simulate_get('/stream', headers={'Accept-Encoding': accept})
    assert result.status == falcon.HTTP_200
    assert result.headers['content-encoding'] == accept
    assert 'content-length' not in result.headers
    assert _decode(result) == LINES
    assert len(result.content) < len(LINES)


@pytest.mark.parametrize(
    'headers', [{}, {'Accept-Encoding': 'identity'}, {'Accept-Encoding': 'gzip;q=0, br;q=0'}]
)
def test_no_acceptable_encoding_leaves_the_body_alone(
    client: testing.TestClient, headers: dict[str, str]
) -> None:
    result = client.simulate_get('/big', headers=headers)
    assert 'content-encoding' not in result.headers
    assert 'vary' not in result.headers
    assert result.json == BIG


def test_a_short_body_is_not_compressed(client: testing.TestClient) -> None:
    result = client.simulate_get('/small', headers={'Accept-Encoding': 'gzip'})
    assert 'content-encoding' not in result.headers
    assert result.text == 'short'


def test_an_encoded_body_is_not_encoded_twice(client: testing.TestClient) -> None:
    result = client.simulate_get('/encoded', headers={'Accept-Encoding': 'br'})
    assert result.headers['content-encoding'] == 'gzip'
    assert 'vary' not in result.headers
    assert gzip.decompress(result.content) == b'x' * 500
