"""Static routes and links: a file is served only when its real path lies inside the real
path of the route's directory, unless the route was added with ``follow_symlinks=True``.
Links that lead out, directories, FIFOs, sockets and devices all answer the same 404 as a
missing file, in both kinds of app, for GET, HEAD, ranges and the fallback file."""

from __future__ import annotations

import os
import pathlib
import socket
import sys
from collections.abc import Callable
from typing import Any

import pytest

import falcon
from falcon import testing

pytestmark = pytest.mark.skipif(sys.platform == 'win32', reason='POSIX links and FIFOs')


@pytest.fixture
def tree(tmp_path: pathlib.Path) -> pathlib.Path:
    pub = tmp_path / 'pub'
    pub.mkdir()
    (pub / 'hello.txt').write_bytes(b'hello world')
    (pub / 'index.html').write_bytes(b'<p>index</p>')
    (pub / 'sub').mkdir()
    (pub / 'sub' / 'inner.txt').write_bytes(b'inner')
    secret = tmp_path / 'secret'
    secret.mkdir()
    (secret / 's.txt').write_bytes(b'top secret')
    os.symlink('../secret/s.txt', pub / 'link.txt')
    os.symlink('../secret', pub / 'sublink')
    os.symlink('link.txt', pub / 'link2.txt')
    os.symlink('hello.txt', pub / 'inside.txt')
    os.symlink('sub', pub / 'subinside')
    return pub


def _not_found_body(app: Any) -> bytes:
    return testing.simulate_get(app, '/static/no-such-file.txt').content


def _assert_hidden(app: Any, path: str, method: str = 'GET', **kw: Any) -> None:
    result = testing.simulate_request(app, method, path, **kw)
    assert result.status_code == 404
    assert result.content == (_not_found_body(app) if method == 'GET' else b'')
    assert b'secret' not in result.content
    assert 'Content-Range' not in result.headers


@pytest.mark.parametrize(
    'path', ['/static/link.txt', '/static/sublink/s.txt', '/static/link2.txt']
)
def test_links_that_leave_the_directory_are_404(
    make_app: Callable[..., Any], tree: pathlib.Path, path: str
) -> None:
    app = make_app()
    app.add_static_route('/static', tree)
    _assert_hidden(app, path)
    _assert_hidden(app, path, 'HEAD')
    _assert_hidden(app, path, headers={'Range': 'bytes=0-2'})
    assert testing.simulate_get(app, '/static/hello.txt').content == b'hello world'


def test_the_404_matches_a_missing_file(make_app: Callable[..., Any], tree: pathlib.Path) -> None:
    app = make_app()
    app.add_static_route('/static', tree)
    link = testing.simulate_get(app, '/static/link.txt')
    missing = testing.simulate_get(app, '/static/missing.txt')
    assert (link.status_code, link.headers, link.content) == (
        missing.status_code,
        missing.headers,
        missing.content,
    )


@pytest.mark.parametrize(
    ('path', 'body'),
    [('/static/inside.txt', b'hello world'), ('/static/subinside/inner.txt', b'inner')],
)
def test_links_that_stay_inside_are_served(
    make_app: Callable[..., Any], tree: pathlib.Path, path: str, body: bytes
) -> None:
    app = make_app()
    app.add_static_route('/static', tree)
    result = testing.simulate_get(app, path)
    assert (result.status_code, result.content) == (200, body)
    partial = testing.simulate_get(app, path, headers={'Range': 'bytes=0-1'})
    assert (partial.status_code, partial.content) == (206, body[:2])
    head = testing.simulate_head(app, path)
    assert (head.status_code, head.headers['Content-Length']) == (200, str(len(body)))


def test_a_linked_directory_root_is_served(
    make_app: Callable[..., Any], tree: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    root_link = tmp_path / 'pub-link'
    os.symlink(tree, root_link)
    app = make_app()
    app.add_static_route('/static', root_link)
    assert testing.simulate_get(app, '/static/hello.txt').content == b'hello world'
    _assert_hidden(app, '/static/link.txt')


@pytest.mark.parametrize(
    ('path', 'body'),
    [
        ('/static/link.txt', b'top secret'),
        ('/static/sublink/s.txt', b'top secret'),
        ('/static/link2.txt', b'top secret'),
    ],
)
def test_follow_symlinks_serves_links_that_leave(
    make_app: Callable[..., Any], tree: pathlib.Path, path: str, body: bytes
) -> None:
    app = make_app()
    app.add_static_route('/static', tree, follow_symlinks=True)
    result = testing.simulate_get(app, path)
    assert (result.status_code, result.content) == (200, body)
    partial = testing.simulate_get(app, path, headers={'Range': 'bytes=4-'})
    assert (partial.status_code, partial.content) == (206, body[4:])
    assert partial.headers['Content-Range'] == f'bytes 4-{len(body) - 1}/{len(body)}'
    head = testing.simulate_head(app, path)
    assert (head.status_code, head.content) == (200, b'')


def test_a_link_swapped_in_after_start_up(
    make_app: Callable[..., Any], tree: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', tree)
    assert testing.simulate_get(app, '/static/hello.txt').content == b'hello world'
    (tree / 'hello.txt').unlink()
    os.symlink('../secret/s.txt', tree / 'hello.txt')
    _assert_hidden(app, '/static/hello.txt')
    (tree / 'sub' / 'inner.txt').unlink()
    (tree / 'sub').rmdir()
    os.symlink('../secret', tree / 'sub')
    os.symlink('s.txt', tree.parent / 'secret' / 'inner.txt')
    _assert_hidden(app, '/static/sub/inner.txt')


def test_the_route_directory_swapped_for_a_link(
    make_app: Callable[..., Any], tmp_path: pathlib.Path
) -> None:
    real = tmp_path / 'real'
    real.mkdir()
    (real / 'a.txt').write_bytes(b'a')
    served = tmp_path / 'served'
    os.symlink(real, served)
    app = make_app()
    app.add_static_route('/static', served)
    assert testing.simulate_get(app, '/static/a.txt').content == b'a'
    other = tmp_path / 'other'
    other.mkdir()
    (other / 'a.txt').write_bytes(b'b')
    served.unlink()
    os.symlink(other, served)
    assert testing.simulate_get(app, '/static/a.txt').content == b'b'


def test_fallback_through_a_link_that_leaves_is_refused(tree: pathlib.Path) -> None:
    with pytest.raises(ValueError, match='fallback_filename'):
        falcon.App().add_static_route('/static', tree, fallback_filename='link.txt')
    with pytest.raises(ValueError, match='fallback_filename'):
        falcon.App().add_static_route('/static', tree, fallback_filename='sublink/s.txt')


def test_fallback_through_a_link_with_follow_symlinks(
    make_app: Callable[..., Any], tree: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', tree, fallback_filename='link.txt', follow_symlinks=True)
    result = testing.simulate_get(app, '/static/nowhere')
    assert (result.status_code, result.content) == (200, b'top secret')


def test_fallback_swapped_for_a_link_after_start_up(
    make_app: Callable[..., Any], tree: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', tree, fallback_filename='index.html')
    assert testing.simulate_get(app, '/static/nowhere').content == b'<p>index</p>'
    (tree / 'index.html').unlink()
    os.symlink('../secret/s.txt', tree / 'index.html')
    result = testing.simulate_get(app, '/static/nowhere')
    assert result.status_code == 404
    assert b'secret' not in result.content
    partial = testing.simulate_get(app, '/static/nowhere', headers={'Range': 'bytes=0-3'})
    assert partial.status_code == 404


def test_fallback_that_links_inside_is_served(
    make_app: Callable[..., Any], tree: pathlib.Path
) -> None:
    app = make_app()
    app.add_static_route('/static', tree, fallback_filename='inside.txt')
    head = testing.simulate_head(app, '/static/nowhere')
    assert (head.status_code, head.headers['Content-Length']) == (200, '11')


@pytest.mark.parametrize('follow', [False, True])
def test_directories_are_404(
    make_app: Callable[..., Any], tree: pathlib.Path, follow: bool
) -> None:
    app = make_app()
    app.add_static_route('/static', tree, follow_symlinks=follow)
    for path in ('/static/sub', '/static/sub/', '/static/subinside', '/static/.'):
        result = testing.simulate_get(app, path)
        assert result.status_code == 404, path


def _special_files(tree: pathlib.Path) -> list[str]:
    os.mkfifo(tree / 'fifo')
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock_path = tree / 's.sock'
    try:
        sock.bind(str(sock_path))
    except OSError:  # pragma: no cover - path too long for AF_UNIX
        sock.close()
        return ['fifo']
    sock.close()
    return ['fifo', 's.sock']


@pytest.mark.parametrize('follow', [False, True])
def test_fifos_sockets_and_devices_never_block(
    make_app: Callable[..., Any], tree: pathlib.Path, follow: bool
) -> None:
    names = _special_files(tree)
    os.symlink('/dev/null', tree / 'null')
    os.symlink('/dev/zero', tree / 'zero')
    os.symlink('fifo', tree / 'fifolink')
    app = make_app()
    app.add_static_route('/static', tree, follow_symlinks=follow)
    for name in [*names, 'null', 'zero', 'fifolink']:
        for method in ('GET', 'HEAD'):
            result = testing.simulate_request(app, method, f'/static/{name}')
            assert result.status_code == 404, (name, method)
        ranged = testing.simulate_get(app, f'/static/{name}', headers={'Range': 'bytes=0-9'})
        assert ranged.status_code == 404, name


def test_static_route_class_takes_follow_symlinks(tree: pathlib.Path) -> None:
    route = falcon.routing.StaticRoute('/static', tree, follow_symlinks=True)
    assert route._follow_symlinks is True
    assert falcon.routing.StaticRoute('/static', tree)._follow_symlinks is False
    with pytest.raises(TypeError):
        falcon.routing.StaticRoute('/static', tree, False, None, True)  # type: ignore[misc]


@pytest.mark.parametrize('follow', [False, True])
def test_link_loops_and_dangling_links_are_404(
    make_app: Callable[..., Any], tree: pathlib.Path, follow: bool
) -> None:
    os.symlink('loop-b', tree / 'loop-a')
    os.symlink('loop-a', tree / 'loop-b')
    os.symlink('nowhere.txt', tree / 'dangling.txt')
    app = make_app()
    app.add_static_route('/static', tree, follow_symlinks=follow)
    for name in ('loop-a', 'loop-a/x.txt', 'dangling.txt'):
        _assert_hidden(app, f'/static/{name}')
