"""Response: status forms, header methods, caching headers, links, dispositions, bodies."""

from __future__ import annotations

import datetime
import http
from typing import Any

from tests._harness import Case, cases, run
from tests_shared._support import resource

WHEN = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)
WHEN_HTTP = 'Mon, 06 May 2024 07:08:09 GMT'


def responding(handler: Any, methods: tuple[str, ...] = ('get',)) -> Any:
    def build(app: Any) -> None:
        app.add_route('/', resource(handler, methods))

    return build


def setting(**attributes: Any) -> Any:
    def handler(req: Any, resp: Any) -> None:
        for name, attribute in attributes.items():
            setattr(resp, name, attribute)

    return responding(handler)


def calls(*steps: tuple[str, tuple[Any, ...]]) -> Any:
    def handler(req: Any, resp: Any) -> None:
        for name, args in steps:
            getattr(resp, name)(*args)

    return responding(handler)


def read_header(name: str, default: Any = None, after: Any = None) -> Any:
    def handler(req: Any, resp: Any) -> None:
        if after:
            after(resp)
        resp.media = {'value': resp.get_header(name, default)}

    return responding(handler)


class HeadAware:
    def on_get(self, req: Any, resp: Any) -> None:
        resp.text = 'hello'
        resp.set_header('X-Kind', 'get')

    on_head = on_get


def head_aware(app: Any) -> None:
    app.add_route('/', HeadAware())


def no_content(app: Any) -> None:
    def handler(req: Any, resp: Any) -> None:
        resp.status = 204
        resp.text = 'ignored'

    app.add_route('/', resource(handler))


def not_modified(app: Any) -> None:
    def handler(req: Any, resp: Any) -> None:
        resp.status = 304
        resp.etag = 'v1'

    app.add_route('/', resource(handler))


def header_has(name: str, *parts: str) -> Any:
    def check(result: Any) -> None:
        header = result.headers[name]
        for part in parts:
            assert part in header, (part, header)

    return check


STATUS_CASES = [
    Case(
        'status-str',
        setting(status='201 Created'),
        status=201,
        check=lambda r: r.status == '201 Created',
    ),
    Case(
        'status-int', setting(status=202), check=lambda r: r.status == '202 Accepted', status=202
    ),
    Case(
        'status-http-status',
        setting(status=http.HTTPStatus.IM_A_TEAPOT),
        status=418,
        check=lambda r: r.status == f'418 {http.HTTPStatus.IM_A_TEAPOT.phrase}',
    ),
    Case(
        'status-custom-str',
        setting(status='299 Fine Enough'),
        status=299,
        check=lambda r: r.status == '299 Fine Enough',
    ),
    Case('status-code-property', setting(status_code=203), status=203),
    Case('status-204-no-body', no_content, status=204, body=b''),
    Case('status-304-no-body', not_modified, status=304, body=b'', headers={'etag': '"v1"'}),
    Case(
        'head-no-body',
        head_aware,
        method='HEAD',
        body=b'',
        headers={'x-kind': 'get', 'content-length': '5'},
    ),
    Case('get-same-resource', head_aware, body='hello', headers={'content-length': '5'}),
]

HEADER_CASES = [
    Case('set-header', calls(('set_header', ('X-A', '1'))), headers={'x-a': '1'}),
    Case(
        'set-header-replaces',
        calls(('set_header', ('X-A', '1')), ('set_header', ('x-a', '2'))),
        headers={'x-a': '2'},
    ),
    Case(
        'append-header',
        calls(('append_header', ('X-A', '1')), ('append_header', ('X-A', '2'))),
        headers={'x-a': '1, 2'},
    ),
    Case(
        'delete-header',
        calls(('set_header', ('X-A', '1')), ('delete_header', ('x-a',))),
        headers={'x-a': None},
    ),
    Case('delete-missing-header', calls(('delete_header', ('X-Nope',))), status=200),
    Case(
        'set-headers-dict',
        calls(('set_headers', ({'X-A': '1', 'X-B': '2'},))),
        headers={'x-a': '1', 'x-b': '2'},
    ),
    Case(
        'set-headers-pairs',
        calls(('set_headers', ([('X-A', '1'), ('X-C', '3')],))),
        headers={'x-a': '1', 'x-c': '3'},
    ),
    Case(
        'get-header',
        read_header('X-A', after=lambda resp: resp.set_header('X-A', 'v')),
        json={'value': 'v'},
    ),
    Case('get-header-default', read_header('X-A', 'dflt'), json={'value': 'dflt'}),
    Case(
        'content-type',
        setting(content_type='text/csv', text='a,b'),
        headers={'content-type': 'text/csv'},
    ),
    Case('etag-quoted', setting(etag='abc'), headers={'etag': '"abc"'}),
    Case('etag-already-quoted', setting(etag='"abc"'), headers={'etag': '"abc"'}),
    Case('etag-weak', setting(etag='W/"abc"'), headers={'etag': 'W/"abc"'}),
    Case('last-modified', setting(last_modified=WHEN), headers={'last-modified': WHEN_HTTP}),
    Case('expires', setting(expires=WHEN), headers={'expires': WHEN_HTTP}),
    Case(
        'cache-control',
        setting(cache_control=['no-store', 'max-age=0']),
        headers={'cache-control': 'no-store, max-age=0'},
    ),
    Case(
        'vary',
        setting(vary=['Accept', 'Accept-Encoding']),
        headers={'vary': 'Accept, Accept-Encoding'},
    ),
    Case('vary-str', setting(vary='Origin'), headers={'vary': 'Origin'}),
    Case('accept-ranges', setting(accept_ranges='bytes'), headers={'accept-ranges': 'bytes'}),
    Case(
        'content-range',
        setting(content_range=(0, 9, 100)),
        headers={'content-range': 'bytes 0-9/100'},
    ),
    Case(
        'content-range-unit',
        setting(content_range=(0, 9, 100, 'items')),
        headers={'content-range': 'items 0-9/100'},
    ),
    Case(
        'content-location',
        setting(content_location='/things/1'),
        headers={'content-location': '/things/1'},
    ),
    Case('location', setting(location='/new/place'), headers={'location': '/new/place'}),
    Case('location-encoded', setting(location='/a b'), headers={'location': '/a%20b'}),
    Case('retry-after', setting(retry_after=120), headers={'retry-after': '120'}),
    Case(
        'downloadable-as',
        setting(downloadable_as='report.pdf'),
        headers={'content-disposition': 'attachment; filename="report.pdf"'},
    ),
    Case(
        'downloadable-as-unicode',
        setting(downloadable_as='résumé.txt'),
        check=header_has(
            'content-disposition', 'attachment', "filename*=UTF-8''r%C3%A9sum%C3%A9.txt"
        ),
    ),
    Case(
        'viewable-as',
        setting(viewable_as='photo.png'),
        headers={'content-disposition': 'inline; filename="photo.png"'},
    ),
    Case(
        'append-link',
        calls(('append_link', ('/next', 'next'))),
        headers={'link': '</next>; rel=next'},
    ),
    Case(
        'append-link-two',
        calls(('append_link', ('/n', 'next')), ('append_link', ('/p', 'prev'))),
        headers={'link': '</n>; rel=next, </p>; rel=prev'},
    ),
    Case(
        'append-link-title',
        calls(('append_link', ('/n', 'next', 'Next page'))),
        check=header_has('link', '</n>; rel=next', 'title="Next page"'),
    ),
    Case(
        'append-link-extension-rel',
        calls(('append_link', ('/n', 'http://ex.com/rel'))),
        check=header_has('link', '</n>; rel='),
    ),
    Case(
        'header-value-crlf',
        calls(('set_header', ('X-A', 'a\r\nX-Evil: 1'))),
        status=None,
        check=lambda r: 'x-evil' not in r.headers,
    ),
]

BODY_CASES = [
    Case('text', setting(text='héllo'), body='héllo'.encode(), headers={'content-length': '6'}),
    Case('data', setting(data=b'\x00\x01'), body=b'\x00\x01', headers={'content-length': '2'}),
    Case(
        'media-json-exact',
        setting(media={'a': 1, 'b': 'é', 'c': [None, True]}),
        body='{"a": 1, "b": "é", "c": [null, true]}'.encode(),
        headers={'content-type': 'application/json'},
    ),
    Case('media-list', setting(media=[1, 2]), body=b'[1, 2]'),
    Case('media-none-is-null', setting(media=None, status=200), status=200),
    Case(
        'default-content-type-json',
        setting(text='x'),
        headers={'content-type': 'application/json'},
    ),
    Case('empty-body', setting(), body=b'', headers={'content-length': '0'}),
    Case('text-wins-over-media', setting(media={'a': 1}, text='t'), body='t'),
]


@cases(STATUS_CASES)
def test_status(case: Case) -> None:
    run(case)


@cases(HEADER_CASES)
def test_response_headers(case: Case) -> None:
    run(case)


@cases(BODY_CASES)
def test_response_body(case: Case) -> None:
    run(case)
