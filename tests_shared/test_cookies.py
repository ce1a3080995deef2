"""Cookies: reading request cookies and setting response cookies with every attribute."""

from __future__ import annotations

import datetime
from typing import Any

from tests._harness import Case, cases, run
from tests_shared._support import echo, resource


def value(expected: Any) -> dict[str, Any]:
    return {'value': expected}


def cookie_header(raw: str) -> dict[str, Any]:
    return {'headers': {'Cookie': raw}}


def setting(**kwargs: Any) -> Any:
    def handler(req: Any, resp: Any) -> None:
        resp.set_cookie('c', kwargs.pop('value', 'v'), **kwargs)

    def build(app: Any) -> None:
        app.add_route('/', resource(lambda req, resp: handler(req, resp)))

    return build


def set_cookie_has(*fragments: str, absent: tuple[str, ...] = ()) -> Any:
    def check(result: Any) -> None:
        header = result.headers['set-cookie']
        parts = [part.strip().lower() for part in header.split(';')]
        for fragment in fragments:
            assert fragment.lower() in parts, (fragment, header)
        for fragment in absent:
            assert not any(part.startswith(fragment.lower()) for part in parts), header

    return check


def unset(app: Any) -> None:
    app.add_route('/', resource(lambda req, resp: resp.unset_cookie('gone', path='/')))


def insecure_default(app: Any) -> None:
    app.resp_options.secure_cookies_by_default = False
    setting()(app)


def two_cookies(app: Any) -> None:
    def handler(req: Any, resp: Any) -> None:
        resp.set_cookie('a', '1')
        resp.set_cookie('b', '2', http_only=False)

    app.add_route('/', resource(handler))


WHEN = datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)

CASES = [
    Case(
        'cookies',
        echo(lambda r: r.cookies),
        request={'cookies': {'a': '1', 'b': '2'}},
        json=value({'a': '1', 'b': '2'}),
    ),
    Case('cookies-none', echo(lambda r: r.cookies), json=value({})),
    Case(
        'cookie-values',
        echo(lambda r: r.get_cookie_values('a')),
        request=cookie_header('a=1; b=2; a=3'),
        json=value(['1', '3']),
    ),
    Case(
        'cookie-values-missing',
        echo(lambda r: r.get_cookie_values('z')),
        request=cookie_header('a=1'),
        json=value(None),
    ),
    Case(
        'cookies-first-wins',
        echo(lambda r: r.cookies['a']),
        request=cookie_header('a=1; a=2'),
        json=value('1'),
    ),
    Case(
        'cookie-quoted',
        echo(lambda r: r.cookies['a']),
        request=cookie_header('a="x y"'),
        json=value('x y'),
    ),
    Case(
        'cookie-malformed-skipped',
        echo(lambda r: r.cookies),
        request=cookie_header('=x; good=1; bad; ;also=2'),
        check=lambda r: r.json['value'].get('good') == '1' and r.json['value'].get('also') == '2',
    ),
    Case(
        'cookie-garbage', echo(lambda r: r.cookies), request=cookie_header(';;;==;"\\'), status=200
    ),
    Case('set-cookie-defaults', setting(), check=set_cookie_has('c=v', 'secure', 'httponly')),
    Case(
        'set-cookie-insecure-default',
        insecure_default,
        check=set_cookie_has('c=v', 'httponly', absent=('secure',)),
    ),
    Case(
        'set-cookie-secure-false',
        setting(secure=False),
        check=set_cookie_has('c=v', absent=('secure',)),
    ),
    Case(
        'set-cookie-not-httponly',
        setting(http_only=False),
        check=set_cookie_has('c=v', absent=('httponly',)),
    ),
    Case('set-cookie-max-age', setting(max_age=300), check=set_cookie_has('max-age=300')),
    Case(
        'set-cookie-domain',
        setting(domain='example.com'),
        check=set_cookie_has('domain=example.com'),
    ),
    Case('set-cookie-path', setting(path='/app'), check=set_cookie_has('path=/app')),
    Case(
        'set-cookie-expires',
        setting(expires=WHEN),
        check=set_cookie_has('expires=wed, 02 jan 2030 03:04:05 gmt'),
    ),
    Case(
        'set-cookie-same-site-lax', setting(same_site='Lax'), check=set_cookie_has('samesite=lax')
    ),
    Case(
        'set-cookie-same-site-strict',
        setting(same_site='Strict'),
        check=set_cookie_has('samesite=strict'),
    ),
    Case(
        'set-cookie-same-site-none',
        setting(same_site='None'),
        check=set_cookie_has('samesite=none'),
    ),
    Case('set-cookie-same-site-invalid', setting(same_site='Sometimes'), status=500),
    Case('set-cookie-partitioned', setting(partitioned=True), check=set_cookie_has('partitioned')),
    Case(
        'set-cookie-result-cookie',
        setting(path='/p', max_age=60),
        check=lambda r: (
            (
                r.cookies['c'].value,
                r.cookies['c'].path,
                r.cookies['c'].max_age,
                r.cookies['c'].secure,
                r.cookies['c'].http_only,
            )
            == ('v', '/p', 60, True, True)
        ),
    ),
    Case(
        'set-two-cookies',
        two_cookies,
        check=lambda r: (
            (r.cookies['a'].value, r.cookies['b'].value, r.cookies['b'].http_only)
            == ('1', '2', False)
        ),
    ),
    Case(
        'unset-cookie',
        unset,
        check=lambda r: r.cookies['gone'].value == '' and r.cookies['gone'].expires is not None,
    ),
]


@cases(CASES)
def test_cookies(case: Case) -> None:
    run(case)
