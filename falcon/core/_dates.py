"""HTTP dates: parsing IMF-fixdate (and the obsolete formats) and formatting them.

Rules: parsing and formatting never depend on the process locale (unlike ``strptime`` and
``strftime`` with ``%a``/``%b``). Parsing uses anchored regular expressions made of
fixed-width fields with no nested or overlapping repetition, so they run in linear time,
and inputs longer than any valid date are refused before matching. Every failure is a
``ValueError``. Parsed datetimes are timezone-aware, in UTC.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

__all__ = ['UTC', 'dt_to_http', 'http_date_to_dt', 'http_now', 'now', 'strptime', 'utcnow']

UTC = timezone.utc
"""The UTC timezone every datetime this package produces is in."""

now = datetime.now
"""The current local time (``datetime.now``), or in a given timezone."""

strptime = datetime.strptime
"""``datetime.strptime``: locale-dependent, so never used here on client data."""

_DAY_NAMES = ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')
_FULL_DAY_NAMES = ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')
_MONTH_NAMES = (
    'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'
)  # fmt: skip
_MONTHS = {name.lower(): number for number, name in enumerate(_MONTH_NAMES, start=1)}
_SHORT_DAYS = frozenset(name.lower() for name in _DAY_NAMES)
_LONG_DAYS = frozenset(_FULL_DAY_NAMES)

# Longest valid input: 'Wednesday, 09-Nov-1994 08:49:37 GMT' is 35 characters; allow a little
# slack for the asctime format's extra spaces.
_MAX_DATE_LENGTH = 40

_TIME = r'(\d{2}):(\d{2}):(\d{2})'
# Sun, 06 Nov 1994 08:49:37 GMT
_IMF_FIXDATE = re.compile(
    r'([A-Za-z]{3}), (\d{2}) ([A-Za-z]{3}) (\d{4}) ' + _TIME + ' (?:GMT|UTC)', re.ASCII
)
# Sunday, 06-Nov-94 08:49:37 GMT (RFC 850) and Sun, 06-Nov-1994 08:49:37 GMT (cookie style)
_RFC850_DATE = re.compile(
    r'([A-Za-z]{3,9}), (\d{2})-([A-Za-z]{3})-(\d{2}|\d{4}) ' + _TIME + ' (?:GMT|UTC)', re.ASCII
)
# Sun Nov  6 08:49:37 1994
_ASCTIME_DATE = re.compile(
    r'([A-Za-z]{3}) ([A-Za-z]{3}) {1,2}(\d{1,2}) ' + _TIME + r' (\d{4})', re.ASCII
)


def _build(year: int, month_name: str, day: str, hour: str, minute: str, second: str) -> datetime:
    month = _MONTHS.get(month_name.lower())
    if month is None:
        raise ValueError(f'Invalid month name: {month_name!r}')
    return datetime(
        year, month, int(day), int(hour), int(minute), int(second), tzinfo=timezone.utc
    )


def _two_digit_year(year: str) -> int:
    # Same pivot as strptime's %y: 69-99 are 1969-1999, 00-68 are 2000-2068.
    value = int(year)
    return value + (1900 if value >= 69 else 2000)


def _parse_imf_fixdate(http_date: str) -> datetime | None:
    match = _IMF_FIXDATE.fullmatch(http_date)
    if match is None:
        return None
    day_name, day, month, year, hour, minute, second = match.groups()
    if day_name.lower() not in _SHORT_DAYS:
        raise ValueError(f'Invalid day name: {day_name!r}')
    return _build(int(year), month, day, hour, minute, second)


def _parse_obsolete(http_date: str) -> datetime | None:
    match = _RFC850_DATE.fullmatch(http_date)
    if match is not None:
        day_name, day, month, year, hour, minute, second = match.groups()
        lowered = day_name.lower()
        if lowered not in _SHORT_DAYS and lowered not in _LONG_DAYS:
            raise ValueError(f'Invalid day name: {day_name!r}')
        full_year = _two_digit_year(year) if len(year) == 2 else int(year)
        return _build(full_year, month, day, hour, minute, second)

    match = _ASCTIME_DATE.fullmatch(http_date)
    if match is not None:
        day_name, month, day, hour, minute, second, year = match.groups()
        if day_name.lower() not in _SHORT_DAYS:
            raise ValueError(f'Invalid day name: {day_name!r}')
        return _build(int(year), month, day, hour, minute, second)
    return None


def http_date_to_dt(http_date: str, obs_date: bool = False) -> datetime:
    """Convert an HTTP date string to a timezone-aware ``datetime`` in UTC.

    The preferred format is the IMF-fixdate of RFC 9110, section 5.6.7
    (``'Sun, 06 Nov 1994 08:49:37 GMT'``). Names of days and months are matched without
    regard to case, and ``UTC`` is accepted in place of ``GMT``.

    Args:
        http_date: The date string.
        obs_date: Also accept the obsolete RFC 850 format
            (``'Sunday, 06-Nov-94 08:49:37 GMT'``, with a two- or four-digit year) and the
            ANSI C ``asctime()`` format (``'Sun Nov  6 08:49:37 1994'``) (default
            ``False``).

    Returns:
        The parsed date and time, with ``tzinfo=timezone.utc``.

    Raises:
        ValueError: The string is not a date in an accepted format, or names an impossible
            date or time.
    """
    if len(http_date) <= _MAX_DATE_LENGTH:
        parsed = _parse_imf_fixdate(http_date)
        if parsed is None and obs_date:
            parsed = _parse_obsolete(http_date)
        if parsed is not None:
            return parsed
    raise ValueError(f'time data {http_date[:_MAX_DATE_LENGTH]!r} does not match known formats')


def dt_to_http(dt: datetime) -> str:
    """Format a ``datetime`` as an HTTP date (IMF-fixdate).

    Args:
        dt: The date and time. A naive value is taken to be in UTC; an aware value is
            converted to UTC first.

    Returns:
        A string such as ``'Sun, 06 Nov 1994 08:49:37 GMT'``.
    """
    if dt.tzinfo is not None:
        dt = dt.astimezone(timezone.utc)
    return (
        f'{_DAY_NAMES[dt.weekday()]}, {dt.day:02d} {_MONTH_NAMES[dt.month - 1]} {dt.year:04d} '
        f'{dt.hour:02d}:{dt.minute:02d}:{dt.second:02d} GMT'
    )


def http_now() -> str:
    """Return the current time as an HTTP date.

    Returns:
        The current UTC time formatted like ``'Tue, 15 Nov 1994 12:45:26 GMT'``.
    """
    return dt_to_http(datetime.now(timezone.utc))


def utcnow() -> datetime:
    """Return the current time as a timezone-aware datetime in UTC.

    Returns:
        The current time, in UTC, like the datetimes :func:`http_date_to_dt` returns.
    """
    return datetime.now(UTC)
