"""``App.add_static_route`` and ``falcon.routing.StaticRoute`` as Falcon 4.4 documents them,
in both kinds of app, beyond the probes in ``test_routing.py`` and ``test_doc_options.py``:
prefix forms, content types and the media-type option, rejected paths, ranges,
``Last-Modified`` and ``ETag``; routes matched after dynamic routes, the same prefix
overridden, ``str`` and ``pathlib.Path`` directories, relative and absolute fallback files,
HEAD, percent-encoded and non-ASCII file names, ``Content-Length`` of ranges, validators that
change with the file, and the exact 404 answer."""

from __future__ import annotations

import os
import pathlib
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.routing
from falcon import testing

from ._support import resource


@pytest.fixture
def site(tmp_path: pathlib.Path) -> pathlib.Path:
    root = tmp_path / 'site'
    root.mkdir()
    (root / 'hello.txt').write_bytes(b'hello world')
    (root / 'hello world.txt').write_bytes(b'spaced')
    (root / 'résumé.txt').write_bytes(b'cv')
    (root / 'index.html').write_bytes(b'<p>index</p>')
    (root / 'docs').mkdir()
    (root / 'docs' / 'guide.html').write_bytes(b'<p>guide</p>')
    (tmp_path / 'outside.html').write_bytes(b'<p>outside</p>')
    (tmp_path / 'secret.txt').write_bytes(b'secret')
    return root


@pytest.mark.parametrize('as_path', [True, False])
def test_directory_may_be_str_or_path(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path, as_path: bool
) -> None:
    app = make_app()
    app.add_static_route('/static', site if as_path else str(site))
    result = testing.simulate_get(app, '/static/docs/guide.html')
    assert result.status_code == 200
    assert result.content == b'<p>guide</p>'
    assert result.headers['Content-Type'] == 'text/html'
    assert result.headers['Content-Length'] == '12'


def test_dynamic_routes_are_tried_first(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', site)
    app.add_route('/static/hello.txt', resource(asgi, on_get=lambda r, s: setattr(s, 'text', 'x')))
    assert testing.simulate_get(app, '/static/hello.txt').text == 'x'
    assert testing.simulate_get(app, '/static/index.html').text == '<p>index</p>'


def test_same_prefix_added_twice_uses_the_later_directory(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', site)
    app.add_static_route('/static', site / 'docs')
    assert testing.simulate_get(app, '/static/guide.html').content == b'<p>guide</p>'
    assert testing.simulate_get(app, '/static/hello.txt').status_code == 404


def test_head_sends_the_headers_without_the_body(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', site)
    result = testing.simulate_head(app, '/static/hello.txt')
    assert result.status_code == 200
    assert result.content == b''
    assert result.headers['Content-Length'] == '11'
    assert result.headers['Content-Type'] == 'text/plain'
    assert 'ETag' in result.headers
    assert 'Last-Modified' in result.headers


def test_percent_encoded_file_name(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', site)
    assert testing.simulate_get(app, '/static/hello%20world.txt').content == b'spaced'


def test_downloadable_non_ascii_name_uses_filename_star(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', site, downloadable=True)
    result = testing.simulate_get(app, '/static/r%C3%A9sum%C3%A9.txt')
    assert result.content == b'cv'
    disposition = result.headers['Content-Disposition']
    assert disposition.startswith('attachment; filename=')
    assert disposition.endswith("; filename*=UTF-8''r%C3%A9sum%C3%A9.txt")
    assert disposition.isascii()


def test_downloadable_names_the_file_not_its_directory(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', site, downloadable=True)
    result = testing.simulate_get(app, '/static/docs/guide.html')
    assert result.headers['Content-Disposition'] == 'attachment; filename="guide.html"'
    plain = make_app()
    plain.add_static_route('/static', site)
    assert 'Content-Disposition' not in testing.simulate_get(plain, '/static/hello.txt').headers


def test_fallback_relative_inside_the_directory(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/ui', site, fallback_filename='docs/guide.html')
    missing = testing.simulate_get(app, '/ui/app/route')
    assert missing.status_code == 200
    assert missing.content == b'<p>guide</p>'
    assert missing.headers['Content-Type'] == 'text/html'
    assert testing.simulate_get(app, '/ui/hello.txt').content == b'hello world'


def test_fallback_absolute_path(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/ui', site, fallback_filename=str(site.parent / 'outside.html'))
    assert testing.simulate_get(app, '/ui/nowhere.txt').content == b'<p>outside</p>'


def test_fallback_does_not_serve_files_outside_the_directory(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/ui', site, fallback_filename='index.html')
    result = testing.simulate_get(app, '/ui/../secret.txt')
    assert result.status_code == 404
    assert b'secret' not in result.content


@pytest.mark.parametrize(
    'path',
    [
        '/static/../secret.txt',
        '/static/%2E%2E/secret.txt',
        '/static/docs/../../secret.txt',
        '/static/' + str(pathlib.Path('/etc/passwd')).lstrip('/'),
        '/static//etc/passwd',
    ],
)
def test_traversal_is_a_plain_404(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path, path: str
) -> None:
    app = make_app()
    app.add_static_route('/static', site)
    result = testing.simulate_get(app, path)
    assert result.status_code == 404
    assert result.json == {'title': '404 Not Found'}


@pytest.mark.parametrize('path', ['/static/missing.txt', '/static/docs', '/static/docs/'])
def test_missing_file_or_directory_is_a_404_error(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path, path: str
) -> None:
    app = make_app()
    app.add_static_route('/static', site)
    result = testing.simulate_get(app, path)
    assert result.status_code == 404
    assert result.headers['Content-Type'] == 'application/json'
    assert result.json == {'title': '404 Not Found'}


def test_range_and_validators(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', site)
    result = testing.simulate_get(app, '/static/hello.txt', headers={'Range': 'bytes=0-4'})
    assert result.status_code == 206
    assert result.content == b'hello'
    assert result.headers['Content-Range'] == 'bytes 0-4/11'
    assert result.headers['Content-Length'] == '5'
    assert 'ETag' in result.headers
    assert 'Last-Modified' in result.headers


def test_range_not_satisfiable_is_a_416_error(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', site)
    result = testing.simulate_get(app, '/static/hello.txt', headers={'Range': 'bytes=50-'})
    assert result.status_code == 416
    assert result.headers['Content-Range'] == 'bytes */11'
    # The FAQ lists 416 among the statuses whose responses never carry a body.
    assert result.content == b''
    assert result.headers['Content-Length'] == '0'


def test_etag_changes_with_the_file(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', site)
    first = testing.simulate_get(app, '/static/hello.txt').headers['ETag']
    stamp = os.stat(site / 'hello.txt').st_mtime + 10
    (site / 'hello.txt').write_bytes(b'hello there, world')
    os.utime(site / 'hello.txt', (stamp, stamp))
    changed = testing.simulate_get(app, '/static/hello.txt', headers={'If-None-Match': first})
    assert changed.status_code == 200
    assert changed.content == b'hello there, world'
    assert changed.headers['ETag'] != first
    again = testing.simulate_get(
        app, '/static/hello.txt', headers={'If-None-Match': changed.headers['ETag']}
    )
    assert again.status_code == 304
    assert again.content == b''


def test_if_none_match_wins_over_if_modified_since(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', site)
    served = testing.simulate_get(app, '/static/hello.txt')
    result = testing.simulate_get(
        app,
        '/static/hello.txt',
        headers={
            'If-None-Match': '"something-else"',
            'If-Modified-Since': served.headers['Last-Modified'],
        },
    )
    assert result.status_code == 200
    assert result.content == b'hello world'


def test_static_route_class_match_and_call(site: pathlib.Path) -> None:
    route = falcon.routing.StaticRoute('/static', str(site))
    assert route.match('/static/hello.txt') is True
    assert route.match('/other/hello.txt') is False
    req = testing.create_req(path='/static/hello.txt')
    resp = falcon.Response()
    route(req, resp)
    assert resp.content_type == 'text/plain'
    assert resp.get_header('Content-Length') == '11'
    resp.stream.close()


def test_static_route_requires_an_absolute_directory() -> None:
    with pytest.raises(ValueError):
        falcon.routing.StaticRoute('/static', 'relative')


def test_async_static_route_is_used_by_the_asgi_app(site: pathlib.Path) -> None:
    assert issubclass(falcon.routing.StaticRouteAsync, falcon.routing.StaticRoute)
    app = falcon.asgi.App()
    app.add_static_route('/static', site)
    assert testing.simulate_get(app, '/static/hello.txt').content == b'hello world'


def test_response_headers_of_a_served_file(
    asgi: bool, make_app: Callable[..., Any], site: pathlib.Path
) -> None:
    os.utime(site / 'hello.txt', (1_700_000_000, 1_700_000_000))
    app = make_app()
    app.add_static_route('/static', site)
    result = testing.simulate_get(app, '/static/hello.txt')
    assert result.status == falcon.HTTP_200
    assert result.headers['Last-Modified'] == 'Tue, 14 Nov 2023 22:13:20 GMT'
    assert result.headers['ETag'].startswith('"')
    assert result.headers['Content-Length'] == '11'


@pytest.fixture
def static_dir(tmp_path: pathlib.Path) -> pathlib.Path:
    (tmp_path / 'hello.txt').write_bytes(b'hello world')
    (tmp_path / 'page.html').write_bytes(b'<p>hi</p>')
    (tmp_path / 'thing.foo').write_bytes(b'foo')
    (tmp_path / 'noext').write_bytes(b'raw')
    (tmp_path / 'sub').mkdir()
    (tmp_path / 'sub' / 'deep.css').write_bytes(b'body {}')
    (tmp_path / 'we~ird.txt').write_bytes(b'w')
    return tmp_path


@pytest.mark.parametrize('prefix', ['/static', '/static/'])
def test_static_prefix_forms(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path, prefix: str
) -> None:
    app = make_app()
    app.add_static_route(prefix, static_dir)
    assert testing.simulate_get(app, '/static/hello.txt').content == b'hello world'
    assert testing.simulate_get(app, '/static/sub/deep.css').content == b'body {}'
    assert testing.simulate_get(app, '/statichello.txt').status_code == 404


@pytest.mark.parametrize('prefix', ['static', ''])
def test_static_prefix_must_be_absolute(
    make_app: Callable[..., Any], static_dir: pathlib.Path, prefix: str
) -> None:
    with pytest.raises(ValueError):
        make_app().add_static_route(prefix, static_dir)


@pytest.mark.parametrize(
    'path',
    [
        '/static/sub/../../secret',
        '/static/sub//deep.css',
        '/static/sub\\deep.css',
        '/static/hello.txt.',
        '/static/we~ird.txt',
        '/static/hello.txt%00',
        '/static/sub',
        '/static/sub/',
    ],
)
def test_static_rejections(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path, path: str
) -> None:
    app = make_app()
    app.add_static_route('/static', static_dir)
    assert testing.simulate_get(app, path).status_code == 404


@pytest.mark.parametrize(
    ('name', 'content_type'),
    [
        ('hello.txt', 'text/plain'),
        ('page.html', 'text/html'),
        ('sub/deep.css', 'text/css'),
        ('noext', 'application/octet-stream'),
    ],
)
def test_static_content_type(
    asgi: bool,
    make_app: Callable[..., Any],
    static_dir: pathlib.Path,
    name: str,
    content_type: str,
) -> None:
    app = make_app()
    app.add_static_route('/static', static_dir)
    result = testing.simulate_get(app, f'/static/{name}')
    assert result.headers['Content-Type'].split(';')[0] == content_type


def test_static_media_types_option(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path
) -> None:
    app = make_app()
    app.resp_options.static_media_types['.foo'] = 'application/x-foo'
    app.add_static_route('/static', static_dir)
    result = testing.simulate_get(app, '/static/thing.foo')
    assert result.headers['Content-Type'] == 'application/x-foo'
    assert app.resp_options.static_media_types['.js'].endswith('javascript')


def test_static_fallback_is_downloadable_under_its_own_name(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/ui', static_dir, fallback_filename='page.html', downloadable=True)
    result = testing.simulate_get(app, '/ui/missing/route')
    assert result.content == b'<p>hi</p>'
    assert result.headers['Content-Disposition'] == 'attachment; filename="page.html"'


def test_static_missing_fallback_rejected(
    make_app: Callable[..., Any], static_dir: pathlib.Path
) -> None:
    with pytest.raises(ValueError):
        make_app().add_static_route('/ui', static_dir, fallback_filename='nope.html')


@pytest.mark.parametrize(
    ('header', 'status', 'body', 'content_range'),
    [
        ('bytes=0-4', 206, b'hello', 'bytes 0-4/11'),
        ('bytes=6-', 206, b'world', 'bytes 6-10/11'),
        ('bytes=-5', 206, b'world', 'bytes 6-10/11'),
        ('bytes=6-100', 206, b'world', 'bytes 6-10/11'),
        ('bytes=0-10', 206, b'hello world', 'bytes 0-10/11'),
        ('bytes=11-', 416, None, 'bytes */11'),
        ('bytes=20-30', 416, None, 'bytes */11'),
    ],
)
def test_static_range(
    asgi: bool,
    make_app: Callable[..., Any],
    static_dir: pathlib.Path,
    header: str,
    status: int,
    body: bytes | None,
    content_range: str,
) -> None:
    app = make_app()
    app.add_static_route('/static', static_dir)
    result = testing.simulate_get(app, '/static/hello.txt', headers={'Range': header})
    assert result.status_code == status
    assert result.headers['Content-Range'] == content_range
    if body is not None:
        assert result.content == body
        assert result.headers['Content-Length'] == str(len(body))


def test_static_range_other_unit_is_ignored(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', static_dir)
    result = testing.simulate_get(app, '/static/hello.txt', headers={'Range': 'items=0-1'})
    assert result.status_code == 200
    assert result.content == b'hello world'


def test_static_last_modified(
    asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path
) -> None:
    stamp = 1_700_000_000
    os.utime(static_dir / 'hello.txt', (stamp, stamp))
    app = make_app()
    app.add_static_route('/static', static_dir)
    result = testing.simulate_get(app, '/static/hello.txt')
    assert result.headers['Last-Modified'] == 'Tue, 14 Nov 2023 22:13:20 GMT'
    same = testing.simulate_get(
        app, '/static/hello.txt', headers={'If-Modified-Since': 'Tue, 14 Nov 2023 22:13:20 GMT'}
    )
    assert same.status_code == 304
    assert same.content == b''
    later = testing.simulate_get(
        app, '/static/hello.txt', headers={'If-Modified-Since': 'Wed, 15 Nov 2023 00:00:00 GMT'}
    )
    assert later.status_code == 304
    earlier = testing.simulate_get(
        app, '/static/hello.txt', headers={'If-Modified-Since': 'Mon, 13 Nov 2023 00:00:00 GMT'}
    )
    assert earlier.status_code == 200
    assert earlier.content == b'hello world'


def test_static_etag(asgi: bool, make_app: Callable[..., Any], static_dir: pathlib.Path) -> None:
    app = make_app()
    app.add_static_route('/static', static_dir)
    etag = testing.simulate_get(app, '/static/hello.txt').headers['ETag']
    assert etag.startswith('"') and etag.endswith('"')
    hit = testing.simulate_get(app, '/static/hello.txt', headers={'If-None-Match': etag})
    assert hit.status_code == 304
    star = testing.simulate_get(app, '/static/hello.txt', headers={'If-None-Match': '*'})
    assert star.status_code == 304
    miss = testing.simulate_get(app, '/static/hello.txt', headers={'If-None-Match': '"other"'})
    assert miss.status_code == 200
