from __future__ import annotations

import random
import time

import pytest

import falcon.forwarded
from falcon.core._forwarded import Forwarded, parse_forwarded_header

Hop = tuple[str | None, str | None, str | None, str | None]


def _hops(value: str) -> list[Hop]:
    return [(f.src, f.dest, f.host, f.scheme) for f in parse_forwarded_header(value)]


@pytest.mark.parametrize(
    ('value', 'expected'),
    [
        ('', []),
        ('for=192.0.2.60', [('192.0.2.60', None, None, None)]),
        (
            'for=192.0.2.60;proto=http;by=203.0.113.43;host=example.com',
            [('192.0.2.60', '203.0.113.43', 'example.com', 'http')],
        ),
        ('For="[2001:db8:cafe::17]:4711"', [('[2001:db8:cafe::17]:4711', None, None, None)]),
        (
            'for=192.0.2.43, for=198.51.100.17',
            [('192.0.2.43', None, None, None), ('198.51.100.17', None, None, None)],
        ),
        ('for=a ; proto=HTTPS , for=b', [('a', None, None, 'https'), ('b', None, None, None)]),
        ('PROTO=https;HOST=h', [(None, None, 'h', 'https')]),
        ('for="a\\"b"', [('a"b', None, None, None)]),
        ('for="_hidden, x";by=y', [('_hidden, x', 'y', None, None)]),
        ('unknown=1', [(None, None, None, None)]),
        ('for=a for=b, for=c', [('a', None, None, None), ('c', None, None, None)]),
        ('for=a;junk;by=b, for=c', [('a', None, None, None), ('c', None, None, None)]),
        ('garbage, for=c', [('c', None, None, None)]),
        ('for = a, for=c', [('c', None, None, None)]),
        (',,, for=c ,,', [('c', None, None, None)]),
        ('for="unterminated, for=c', [('c', None, None, None)]),
        ('for=a;for=b', [('b', None, None, None)]),
        ('for=', []),
    ],
)
def test_parse_forwarded_header(value: str, expected: list[Hop]) -> None:
    assert _hops(value) == expected


@pytest.mark.parametrize(
    'value',
    [
        'for="' + '\\\\' * 50_000,
        'for="' + 'a' * 100_000,
        'for=a ' + 'x=y ' * 30_000,
        'for="' + ',for="' * 30_000,
        ';' * 100_000,
        'for=a;' * 30_000,
    ],
)
@pytest.mark.no_cover  # timed: tracing for coverage would slow it down
def test_adversarial_headers_are_linear(value: str) -> None:
    start = time.process_time()
    parse_forwarded_header(value)
    assert time.process_time() - start < 1.0


def test_many_elements() -> None:
    value = ', '.join(f'for=10.0.{i // 256}.{i % 256}' for i in range(20_000))
    hops = parse_forwarded_header(value)
    assert len(hops) == 20_000
    assert hops[-1].src == '10.0.78.31'


def test_forwarded_object() -> None:
    forwarded = Forwarded()
    assert (forwarded.src, forwarded.dest, forwarded.host, forwarded.scheme) == (None,) * 4
    with pytest.raises(AttributeError):
        forwarded.other = 1  # type: ignore[attr-defined]
    assert 'src=None' in repr(forwarded)


def test_public_module() -> None:
    assert falcon.forwarded.Forwarded is Forwarded
    assert falcon.forwarded.unquote_string('"a"') == 'a'


_FUZZ_ALPHABET = 'aA0 ;,="\\/%+*-:[]Wq.\t\r\n\x00\x7f\u00e9\u20ac\udc80'


def _fuzz_inputs(seed: int, count: int = 3000) -> list[str]:
    rnd = random.Random(seed)
    return [
        ''.join(rnd.choice(_FUZZ_ALPHABET) for _ in range(rnd.randint(0, 24)))
        for _ in range(count)
    ]


def test_fuzz_only_documented_errors() -> None:
    for text in _fuzz_inputs(4):
        for hop in parse_forwarded_header(text):
            assert isinstance(hop, Forwarded)
