from __future__ import annotations

import random
import time
from datetime import datetime, timedelta, timezone

import pytest

import falcon.util
import falcon.util.misc
from falcon.core._dates import dt_to_http, http_date_to_dt, http_now

EXPECTED = datetime(1994, 11, 6, 8, 49, 37, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    'value',
    [
        'Sun, 06 Nov 1994 08:49:37 GMT',
        'sun, 06 nov 1994 08:49:37 GMT',
        'Sun, 06 Nov 1994 08:49:37 UTC',
    ],
)
def test_imf_fixdate(value: str) -> None:
    parsed = http_date_to_dt(value)
    assert parsed == EXPECTED
    assert parsed.tzinfo is timezone.utc


@pytest.mark.parametrize(
    ('value', 'expected'),
    [
        ('Sunday, 06-Nov-94 08:49:37 GMT', EXPECTED),
        ('Sun, 06-Nov-1994 08:49:37 GMT', EXPECTED),
        ('Sun Nov  6 08:49:37 1994', EXPECTED),
        ('Sun Nov 06 08:49:37 1994', EXPECTED),
        ('Sun, 06 Nov 1994 08:49:37 GMT', EXPECTED),
        ('Friday, 01-Jan-21 00:00:00 GMT', datetime(2021, 1, 1, tzinfo=timezone.utc)),
        ('Thursday, 01-Jan-70 00:00:00 GMT', datetime(1970, 1, 1, tzinfo=timezone.utc)),
    ],
)
def test_obsolete_formats(value: str, expected: datetime) -> None:
    assert http_date_to_dt(value, obs_date=True) == expected


@pytest.mark.parametrize(
    'value',
    [
        'Sunday, 06-Nov-94 08:49:37 GMT',
        'Sun Nov  6 08:49:37 1994',
    ],
)
def test_obsolete_formats_need_obs_date(value: str) -> None:
    with pytest.raises(ValueError):
        http_date_to_dt(value)


@pytest.mark.parametrize(
    'value',
    [
        '',
        'yesterday',
        'Sun, 6 Nov 1994 08:49:37 GMT',
        'Sun, 06 Nov 1994 08:49:37 PST',
        'Sun, 06 Nov 1994 08:49:37',
        'Sun, 06 Foo 1994 08:49:37 GMT',
        'Xyz, 06 Nov 1994 08:49:37 GMT',
        'Sun, 31 Feb 1994 08:49:37 GMT',
        'Sun, 06 Nov 1994 25:49:37 GMT',
        'Sun, 06 Nov 1994 08:49:37 GMT ',
        ' Sun, 06 Nov 1994 08:49:37 GMT',
        'Sun, 06 Nov 1994 08:49:37 GMT' * 1000,
        'Sun, ٠٦ Nov 1994 08:49:37 GMT',
        'Funday, 06-Nov-94 08:49:37 GMT',
    ],
)
@pytest.mark.parametrize('obs_date', [False, True])
def test_invalid_dates(value: str, obs_date: bool) -> None:
    with pytest.raises(ValueError):
        http_date_to_dt(value, obs_date=obs_date)


def test_long_garbage_is_rejected_quickly() -> None:
    start = time.process_time()
    for _ in range(100):
        with pytest.raises(ValueError):
            http_date_to_dt('9' * 100_000, obs_date=True)
    assert time.process_time() - start < 1.0


@pytest.mark.parametrize(
    ('dt', 'expected'),
    [
        (datetime(1994, 11, 6, 8, 49, 37), 'Sun, 06 Nov 1994 08:49:37 GMT'),
        (EXPECTED, 'Sun, 06 Nov 1994 08:49:37 GMT'),
        (
            datetime(1994, 11, 6, 10, 49, 37, tzinfo=timezone(timedelta(hours=2))),
            'Sun, 06 Nov 1994 08:49:37 GMT',
        ),
        (datetime(2024, 2, 29, 0, 0, 5), 'Thu, 29 Feb 2024 00:00:05 GMT'),
        (datetime(1, 1, 1), 'Mon, 01 Jan 0001 00:00:00 GMT'),
    ],
)
def test_dt_to_http(dt: datetime, expected: str) -> None:
    assert dt_to_http(dt) == expected


def test_round_trip() -> None:
    moment = datetime(2031, 7, 19, 23, 59, 1, tzinfo=timezone.utc)
    assert http_date_to_dt(dt_to_http(moment)) == moment


def test_http_now() -> None:
    before = datetime.now(timezone.utc).replace(microsecond=0)
    now = http_date_to_dt(http_now())
    after = datetime.now(timezone.utc)
    assert before <= now <= after


def test_public_modules() -> None:
    assert falcon.util.http_date_to_dt is http_date_to_dt
    assert falcon.util.misc.dt_to_http is dt_to_http
    assert falcon.util.http_now is http_now


_FUZZ_ALPHABET = 'aA0 ;,="\\/%+*-:[]Wq.\t\r\n\x00\x7f\u00e9\u20ac\udc80'


def _fuzz_inputs(seed: int, count: int = 3000) -> list[str]:
    rnd = random.Random(seed)
    return [
        ''.join(rnd.choice(_FUZZ_ALPHABET) for _ in range(rnd.randint(0, 24)))
        for _ in range(count)
    ]


def test_fuzz_only_documented_errors() -> None:
    for text in _fuzz_inputs(6):
        try:
            http_date_to_dt(text, obs_date=True)
        except ValueError:
            pass
