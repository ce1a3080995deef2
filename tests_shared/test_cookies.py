"""Reading request cookies, in both kinds of app: ``req.cookies``, ``get_cookie_values`` and
how duplicated, quoted and malformed pairs are read.

What an app sends (``set_cookie``, ``unset_cookie`` and the ``Set-Cookie`` line) is tested once,
in ``tests/compat/test_cookies.py``.
"""

from __future__ import annotations

from typing import Any

from tests._harness import Case, cases, run
from tests_shared._support import echo


def value(expected: Any) -> dict[str, Any]:
    return {'value': expected}


def cookie_header(raw: str) -> dict[str, Any]:
    return {'headers': {'Cookie': raw}}


CASES = [
    Case(
        'cookies',
        echo(lambda r: r.cookies),
        request=cookie_header('a=1; b=2'),
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
        'cookie-values-single',
        echo(lambda r: r.get_cookie_values('a')),
        request=cookie_header('a=1; b=2'),
        json=value(['1']),
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
        'cookies-duplicates-keep-the-first',
        echo(lambda r: r.cookies),
        request=cookie_header('a=1; b=2; a=3'),
        json=value({'a': '1', 'b': '2'}),
    ),
    Case(
        'cookie-quoted',
        echo(lambda r: r.cookies['a']),
        request=cookie_header('a="x y"'),
        json=value('x y'),
    ),
    Case(
        'cookie-quoted-token',
        echo(lambda r: r.cookies),
        request=cookie_header('a="xyz"'),
        json=value({'a': 'xyz'}),
    ),
    Case(
        'cookie-malformed-skipped',
        echo(lambda r: r.cookies),
        request=cookie_header('=x; good=1; bad; ;also=2'),
        json=value({'good': '1', 'also': '2'}),
    ),
    Case(
        'cookie-garbage',
        echo(lambda r: r.cookies),
        request=cookie_header(';;;==;"\\'),
        json=value({}),
    ),
]


@cases(CASES)
def test_cookies(case: Case) -> None:
    run(case)
