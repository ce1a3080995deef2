from __future__ import annotations

import asyncio
import os
from datetime import datetime, timedelta, timezone

import pytest

from falcon.core._errors import HTTPForbidden, HTTPNotFound, HTTPRangeNotSatisfiable
from falcon.core._response import Response
from falcon.core._structures import ETag
from falcon.routing import StaticRoute, StaticRouteAsync
from falcon.routing import static as static_module

CONTENT = b'0123456789abcdefghij'
MTIME = 1_700_000_000


class FakeOptions:
    static_media_types = {'.txt': 'text/plain', '.html': 'text/html', '.css': 'text/css'}


class FakeReq:
    def __init__(
        self,
        path,
        method='GET',
        range=None,
        range_unit='bytes',
        if_none_match=None,
        if_modified_since=None,
    ):
        self.path = path
        self.method = method
        self.range = range
        self.range_unit = range_unit if range is not None else None
        self.if_none_match = if_none_match
        self.if_modified_since = if_modified_since


class FakeResp:
    def __init__(self):
        self.options = FakeOptions()
        self.status = '200 OK'
        self.headers = {}
        self.stream = None
        self.content_length = None
        self.content_type = None
        self.content_range = None
        self.accept_ranges = None
        self.downloadable_as = None
        self.etag = None
        self.last_modified = None

    def set_header(self, name, value):
        self.headers[name] = value

    def set_stream(self, stream, content_length):
        self.stream = stream
        self.content_length = content_length

    def body(self):
        try:
            return self.stream.read()
        finally:
            self.stream.close()


@pytest.fixture
def directory(tmp_path):
    root = tmp_path / 'public'
    (root / 'css').mkdir(parents=True)
    (root / 'empty_dir').mkdir()
    files = {
        'hello.txt': CONTENT,
        'index.html': b'<html></html>',
        'css/site.css': b'body {}',
        'empty.txt': b'',
        'data.bin': b'\x00\x01',
        'a..b.txt': b'dots',
    }
    for name, content in files.items():
        path = root / name
        path.write_bytes(content)
        os.utime(path, (MTIME, MTIME))
    (tmp_path / 'secret.txt').write_bytes(b'secret')
    return root


def _serve(route, req):
    resp = FakeResp()
    route(req, resp)
    return resp


@pytest.mark.parametrize(
    ('path', 'body', 'content_type'),
    [
        ('/static/hello.txt', CONTENT, 'text/plain'),
        ('/static/css/site.css', b'body {}', 'text/css'),
        ('/static/data.bin', b'\x00\x01', 'application/octet-stream'),
        ('/static/empty.txt', b'', 'text/plain'),
        ('/static/./hello.txt', CONTENT, 'text/plain'),
        ('/static/css/../hello.txt', CONTENT, 'text/plain'),
        ('/static/a..b.txt', b'dots', 'text/plain'),
    ],
)
def test_serves_files(directory, path, body, content_type):
    resp = _serve(StaticRoute('/static', directory), FakeReq(path))
    assert resp.status == '200 OK'
    assert resp.body() == body
    assert resp.content_length == len(body)
    assert resp.content_type == content_type
    assert resp.accept_ranges == 'bytes'
    assert resp.downloadable_as is None
    assert resp.etag == f'{MTIME:x}-{len(body):x}'
    assert resp.last_modified == datetime.fromtimestamp(MTIME, timezone.utc)


@pytest.mark.parametrize(
    'path',
    [
        '/static/',
        '/static/missing.txt',
        '/static/empty_dir',
        '/static/css',
        '/static/../secret.txt',
        '/static/..',
        '/static/css/../../secret.txt',
        '/static/%2e%2e/secret.txt',
        '/static/..\\secret.txt',
        '/static/css\\site.css',
        '/static//etc/passwd',
        '/static/css//site.css',
        '/static/hello.txt\x00.html',
        '/static/hello.txt\n',
        '/static/ hello.txt',
        '/static/hello.txt ',
        '/static/hello.txt.',
        '/static/hello.txt?x',
        '/static/~/hello.txt',
        '/static/c:/windows',
        '/static/hello*.txt',
        '/static/<hello>.txt',
        '/static/"hello".txt',
        "/static/'hello'.txt",
        '/static/hel|lo.txt',
        '/static/\x7fhello.txt',
        '/static/\x85hello.txt',
        '/static/\ufffdhello.txt',
        '/static/' + 'a' * 513,
        '/static/' + 'a/' * 300 + 'hello.txt',
    ],
)
def test_rejects_unsafe_or_missing_paths(directory, path):
    with pytest.raises(HTTPNotFound):
        _serve(StaticRoute('/static', directory), FakeReq(path))


def test_permission_denied_is_forbidden(directory, monkeypatch):
    locked = directory / 'locked.txt'
    locked.write_bytes(b'x')
    real_open = os.open

    def refusing_open(file, *args, **kwargs):
        # Root reads any file whatever its mode, so the refusal is made explicit here.
        if str(file).endswith('locked.txt'):
            raise PermissionError(13, 'Permission denied', str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, 'open', refusing_open)
    with pytest.raises(HTTPForbidden):
        _serve(StaticRoute('/static', directory), FakeReq('/static/locked.txt'))


@pytest.mark.parametrize(
    ('req_range', 'body', 'content_range'),
    [
        ((0, 4), b'01234', (0, 4, 20)),
        ((5, 5), b'5', (5, 5, 20)),
        ((10, -1), b'abcdefghij', (10, 19, 20)),
        ((15, 100), b'fghij', (15, 19, 20)),
        ((0, 19), CONTENT, (0, 19, 20)),
        ((19, 19), b'j', (19, 19, 20)),
        ((-3, -1), b'hij', (17, 19, 20)),
        ((-20, -1), CONTENT, (0, 19, 20)),
        ((-100, -1), CONTENT, (0, 19, 20)),
    ],
)
def test_ranges(directory, req_range, body, content_range):
    resp = _serve(StaticRoute('/static', directory), FakeReq('/static/hello.txt', range=req_range))
    assert resp.status == '206 Partial Content'
    assert resp.content_range == content_range
    assert resp.content_length == len(body)
    assert resp.body() == body


def test_bounded_reads(directory):
    resp = _serve(StaticRoute('/static', directory), FakeReq('/static/hello.txt', range=(2, 7)))
    chunks = [resp.stream.read(4), resp.stream.read(4), resp.stream.read(4), resp.stream.read()]
    resp.stream.close()
    assert chunks == [b'2345', b'67', b'', b'']


@pytest.mark.parametrize('req_range', [(20, -1), (20, 30), (100, 200)])
def test_unsatisfiable_ranges(directory, req_range):
    with pytest.raises(HTTPRangeNotSatisfiable) as info:
        _serve(StaticRoute('/static', directory), FakeReq('/static/hello.txt', range=req_range))
    assert info.value.headers['Content-Range'] == 'bytes */20'


def test_range_on_empty_file_serves_whole_file(directory):
    resp = _serve(StaticRoute('/static', directory), FakeReq('/static/empty.txt', range=(0, 5)))
    assert resp.status == '200 OK'
    assert resp.content_range is None
    assert resp.body() == b''


def test_range_with_other_unit_is_ignored(directory):
    req = FakeReq('/static/hello.txt', range=(0, 1), range_unit='items')
    resp = _serve(StaticRoute('/static', directory), req)
    assert resp.status == '200 OK'
    assert resp.body() == CONTENT


_ETAG = f'{MTIME:x}-{len(CONTENT):x}'
_MODIFIED = datetime.fromtimestamp(MTIME, timezone.utc)


@pytest.mark.parametrize(
    ('if_none_match', 'if_modified_since', 'not_modified'),
    [
        ([ETag(_ETAG)], None, True),
        ([ETag('other'), ETag(_ETAG)], None, True),
        ([ETag('*')], None, True),
        ([ETag('other')], None, False),
        ([], None, False),
        (None, _MODIFIED, True),
        (None, _MODIFIED + timedelta(days=1), True),
        (None, _MODIFIED - timedelta(seconds=1), False),
        (None, _MODIFIED.replace(tzinfo=None), True),
        ([ETag('other')], _MODIFIED, False),
        ([ETag(_ETAG)], _MODIFIED - timedelta(days=1), True),
        (None, None, False),
    ],
)
def test_conditional_requests(directory, if_none_match, if_modified_since, not_modified):
    req = FakeReq(
        '/static/hello.txt', if_none_match=if_none_match, if_modified_since=if_modified_since
    )
    resp = _serve(StaticRoute('/static', directory), req)
    assert resp.etag == _ETAG
    if not_modified:
        assert resp.status == '304 Not Modified'
        assert resp.stream is None
    else:
        assert resp.status == '200 OK'
        assert resp.body() == CONTENT


def test_downloadable(directory):
    route = StaticRoute('/static', directory, downloadable=True)
    resp = _serve(route, FakeReq('/static/css/site.css'))
    assert resp.downloadable_as == 'site.css'
    resp.stream.close()


@pytest.mark.parametrize(
    ('path', 'body'),
    [
        ('/spa/missing/page', b'<html></html>'),
        ('/spa/', b'<html></html>'),
        ('/spa', b'<html></html>'),
        ('/spa/hello.txt', CONTENT),
    ],
)
def test_fallback_filename(directory, path, body):
    route = StaticRoute('/spa/', directory, fallback_filename='index.html')
    assert route.match(path)
    resp = _serve(route, FakeReq(path))
    assert resp.body() == body


def test_fallback_does_not_bypass_traversal_checks(directory):
    route = StaticRoute('/spa', directory, fallback_filename='index.html')
    with pytest.raises(HTTPNotFound):
        _serve(route, FakeReq('/spa/../secret.txt'))


@pytest.mark.parametrize(
    ('prefix', 'fallback', 'path', 'matches'),
    [
        ('/static', None, '/static/a', True),
        ('/static/', None, '/static/a', True),
        ('/static', None, '/static', False),
        ('/static', None, '/staticfiles/a', False),
        ('/static', 'index.html', '/static', True),
        ('/static', 'index.html', '/other', False),
        ('/', None, '/anything', True),
    ],
)
def test_match(directory, prefix, fallback, path, matches):
    assert StaticRoute(prefix, directory, fallback_filename=fallback).match(path) is matches


@pytest.mark.parametrize(
    ('prefix', 'directory_name', 'fallback', 'message'),
    [
        ('static', None, None, "prefix must start with '/'"),
        ('/static', 'relative/dir', None, 'absolute'),
        ('/static', None, 'missing.html', 'fallback_filename'),
        ('/static', None, 'css', 'fallback_filename'),
    ],
)
def test_invalid_arguments(directory, prefix, directory_name, fallback, message):
    with pytest.raises(ValueError) as info:
        StaticRoute(prefix, directory_name or directory, fallback_filename=fallback)
    assert message in str(info.value)


def test_accepts_str_directory(directory):
    resp = _serve(StaticRoute('/static', str(directory)), FakeReq('/static/hello.txt'))
    assert resp.body() == CONTENT


def test_options_request(directory):
    resp = _serve(StaticRoute('/static', directory), FakeReq('/static/nope', method='OPTIONS'))
    assert resp.headers == {'Allow': 'GET', 'Content-Length': '0'}
    assert resp.stream is None


def test_async_route(directory):
    route = StaticRouteAsync('/static', directory)
    resp = FakeResp()
    asyncio.run(route(FakeReq('/static/hello.txt'), resp))
    assert resp.body() == CONTENT


def test_async_route_closes_websocket(directory):
    class FakeWebSocket:
        closed = False

        async def close(self):
            self.closed = True

    ws = FakeWebSocket()
    resp = FakeResp()
    asyncio.run(StaticRouteAsync('/static', directory)(FakeReq('/static/hello.txt'), resp, ws=ws))
    assert ws.closed
    assert resp.stream is None


def test_with_real_response(directory):
    resp = Response()
    StaticRoute('/static', directory)(FakeReq('/static/hello.txt', range=(0, 1)), resp)
    assert resp.get_header('Content-Range') == 'bytes 0-1/20'
    assert resp.get_header('Content-Length') == '2'
    assert resp.get_header('ETag') == f'"{_ETAG}"'
    assert resp.get_header('Content-Type') == 'text/plain'
    resp.stream.close()


def test_public_module_exports():
    assert set(static_module.__all__) >= {'StaticRoute', 'StaticRouteAsync'}
