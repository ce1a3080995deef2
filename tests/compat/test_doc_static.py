"""``App.add_static_route`` and ``falcon.routing.StaticRoute`` as Falcon 4.4 documents them,
in both kinds of app, beyond the probes in ``test_routing.py``, ``test_more_routing.py`` and
``test_doc_options.py``: routes matched after dynamic routes, the same prefix overridden,
``str`` and ``pathlib.Path`` directories, relative and absolute fallback files, HEAD,
percent-encoded and non-ASCII file names, ``Content-Length`` of ranges, validators that
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
