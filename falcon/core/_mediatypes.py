"""Media types: parameter parsing and Accept-header content negotiation (RFC 9110).

Rules: ``parse_header`` splits on separators outside quoted strings with a forward-only
scanner, so it runs in linear time whatever mix of quotes, backslashes and semicolons it is
given. An Accept header is parsed once per call (not once per candidate), and its empty
list elements are ignored as RFC 9110, section 5.6.1 requires; a non-empty element that
is not a valid media range raises ``InvalidMediaRange`` (a ``ValueError``), which callers
that handle client data treat as "accepts nothing". Matching prefers the most specific
range (exact type, then exact subtype, then parameters), and the quality of that range
wins, so ``text/*;q=0.5, text/html;q=0`` does not accept ``text/html``. Among candidates
of equal quality, the last one listed wins (Falcon's rule, inherited from mimeparse).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import NamedTuple

from falcon.core._errors import InvalidMediaRange, InvalidMediaType
from falcon.core._uri import unquote_string

__all__ = ['best_match', 'parse_header', 'quality']


def _find_from(text: str, char: str, start: int, cached: int) -> int:
    # Positions only move forward, so a previous result at or after `start` (or -1, "none
    # left") is still the answer; this keeps the total scanning linear.
    if cached == -1 or cached >= start:
        return cached
    return text.find(char, start)


def _skip_quoted(text: str, start: int) -> int:
    """Return the index just past the quoted string whose body starts at `start`."""
    quote = text.find('"', start)
    backslash = text.find('\\', start)
    pos = start
    while True:
        quote = _find_from(text, '"', pos, quote)
        backslash = _find_from(text, '\\', pos, backslash)
        if quote == -1:
            return len(text)
        if backslash != -1 and backslash < quote:
            pos = backslash + 2
            continue
        return quote + 1


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    """Split `text` on `separator`, except where it appears inside a quoted string."""
    if '"' not in text:
        return text.split(separator)

    parts: list[str] = []
    start = 0
    pos = 0
    sep_pos = text.find(separator)
    quote_pos = text.find('"')
    while True:
        sep_pos = _find_from(text, separator, pos, sep_pos)
        quote_pos = _find_from(text, '"', pos, quote_pos)
        if sep_pos == -1:
            parts.append(text[start:])
            return parts
        if quote_pos == -1 or sep_pos < quote_pos:
            parts.append(text[start:sep_pos])
            start = pos = sep_pos + 1
            continue
        pos = _skip_quoted(text, quote_pos + 1)


def parse_header(line: str) -> tuple[str, dict[str, str]]:
    """Parse a Content-Type-like header value into the main value and its parameters.

    Parameters follow RFC 9110, section 5.6.6: ``;``-separated ``name=value`` pairs, where
    the value is a token or a quoted string. Names are lowercased; values are stripped and
    unquoted. Parameters without ``=`` are skipped; a later duplicate replaces an earlier
    one.

    Args:
        line: The header value, e.g. ``'text/html; charset="utf-8"'``.

    Returns:
        A ``(value, params)`` tuple such as ``('text/html', {'charset': 'utf-8'})``.
    """
    # PERF: without quotes or escapes, plain splitting gives the same result.
    if '"' not in line and '\\' not in line:
        key, semicolon, rest = line.partition(';')
        if not semicolon:
            return key.strip(), {}
        plain_params: dict[str, str] = {}
        for part in rest.split(';'):
            name, equals, value = part.partition('=')
            if equals:
                plain_params[name.strip().lower()] = value.strip()
        return key.strip(), plain_params

    parts = _split_outside_quotes(line, ';')
    params: dict[str, str] = {}
    for part in parts[1:]:
        name, equals, value = part.partition('=')
        if not equals:
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
            value = unquote_string(value)
        params[name.strip().lower()] = value
    return parts[0].strip(), params


class _MediaType(NamedTuple):
    main_type: str
    subtype: str
    params: dict[str, str]


class _MediaRange(NamedTuple):
    main_type: str
    subtype: str
    quality: float
    params: dict[str, str]


_NO_MATCH = (-1, -1, -1, -1, 0.0)


def _split_type(full_type: str) -> tuple[str, str] | None:
    # Some clients send a bare '*' for '*/*'.
    if full_type == '*':
        return '*', '*'
    main_type, slash, subtype = full_type.partition('/')
    main_type = main_type.strip().lower()
    subtype = subtype.strip().lower()
    if not slash or not main_type or not subtype:
        return None
    return main_type, subtype


# PERF: candidates are the application's own media types, repeated on every request.
@functools.lru_cache(maxsize=256)
def _parse_media_type(media_type: str) -> _MediaType:
    full_type, params = parse_header(media_type)
    split = _split_type(full_type)
    if split is None:
        raise InvalidMediaType(
            f'The media type value must contain type/subtype, got {media_type[:64]!r}.'
        )
    return _MediaType(split[0], split[1], params)


def _parse_media_range(media_range: str) -> _MediaRange:
    full_type, params = parse_header(media_range)
    split = _split_type(full_type)
    if split is None:
        raise InvalidMediaRange('The media range value must contain type/subtype.')

    q_value = params.pop('q', None)
    if q_value is None:
        return _MediaRange(split[0], split[1], 1.0, params)
    try:
        q = float(q_value)
    except ValueError:
        raise InvalidMediaRange('The media range parameter "q" must be a float.') from None
    if not 0.0 <= q <= 1.0:
        raise InvalidMediaRange('The media range parameter "q" must be between 0 and 1.')
    return _MediaRange(split[0], split[1], q, params)


_last_parsed_ranges: tuple[str, list[_MediaRange]] = ('', [])


def _parse_media_ranges(header: str) -> list[_MediaRange]:
    global _last_parsed_ranges
    last_header, last_ranges = _last_parsed_ranges
    # PERF: a responder asking client_accepts() for several types rates each against the
    # same header; keeping the last parse (one header, so bounded memory) parses it once.
    if header == last_header:
        return last_ranges
    ranges = [
        _parse_media_range(element)
        for element in _split_outside_quotes(header, ',')
        if element.strip()
    ]
    _last_parsed_ranges = (header, ranges)
    return ranges


def _match_score(
    media_range: _MediaRange, media_type: _MediaType
) -> tuple[int, int, int, int, float]:
    if media_range.main_type == '*' or media_type.main_type == '*':
        main_matches = 0
    elif media_range.main_type != media_type.main_type:
        return _NO_MATCH
    else:
        main_matches = 1

    if media_range.subtype == '*' or media_type.subtype == '*':
        sub_matches = 0
    elif media_range.subtype != media_type.subtype:
        return _NO_MATCH
    else:
        sub_matches = 1

    range_params = media_range.params
    type_params = media_type.params
    # PERF: the parameterless case (by far the most common) needs no set arithmetic.
    if not range_params and not type_params:
        return (main_matches, sub_matches, 1, 0, media_range.quality)

    range_names = range_params.keys()
    type_names = type_params.keys()
    exact_match = 0 if range_names ^ type_names else 1
    matching = range_names & type_names
    for name in matching:
        if range_params[name] != type_params[name]:
            return _NO_MATCH
    return (main_matches, sub_matches, exact_match, len(matching), media_range.quality)


def _quality(media_type: _MediaType, media_ranges: list[_MediaRange]) -> float:
    best = _NO_MATCH
    for media_range in media_ranges:
        score = _match_score(media_range, media_type)
        if score > best:
            best = score
    return best[-1]


def quality(media_type: str, header: str) -> float:
    """Return the quality an Accept header gives a media type.

    The media type is compared with every media range of the header, and the quality of
    the most specific matching range is returned. Fitness is ranked by, in order: whether
    the main types match exactly (a ``*`` wildcard ranks lower), whether the subtypes match
    exactly (likewise), whether the parameters are the same set, and how many parameters
    match. A parameter present on both sides with different values rules the range out.

    Args:
        media_type: The media type to rate, e.g. ``'application/json'``.
        header: An Accept header value, e.g. ``'application/json, */*;q=0.1'``.

    Returns:
        The quality, from 0.0 (not acceptable) to 1.0.

    Raises:
        InvalidMediaType: `media_type` is not of the form ``type/subtype``.
        InvalidMediaRange: A media range of `header` is malformed or has an invalid
            ``q`` parameter.
    """
    return _quality(_parse_media_type(media_type), _parse_media_ranges(header))


_BEST_MATCH_CACHE: dict[tuple[tuple[str, ...], str], str] = {}
_BEST_MATCH_CACHE_SIZE = 1024
_BEST_MATCH_CACHEABLE_LENGTH = 1024


def best_match(media_types: Iterable[str], header: str) -> str:
    """Choose the candidate media type an Accept header rates highest.

    Each candidate is rated with :func:`quality`. Among candidates of equal quality the
    last one listed wins, as in Falcon (and mimeparse before it): list the preferred
    fallback last.

    Args:
        media_types: The candidate media types; on a tie the last one wins.
        header: An Accept header value.

    Returns:
        The best candidate, or ``''`` when the header accepts none of them.

    Raises:
        InvalidMediaType: A candidate is not of the form ``type/subtype``.
        InvalidMediaRange: A media range of `header` is malformed or has an invalid
            ``q`` parameter.
    """
    candidates = tuple(media_types)
    key = (candidates, header)
    # PERF: Accept headers repeat across requests (each browser sends the same one), so a
    # cache hit skips parsing and matching entirely. The cache is bounded: it is emptied
    # when full, and very long headers are not kept.
    cached = _BEST_MATCH_CACHE.get(key)
    if cached is not None:
        return cached

    media_ranges = _parse_media_ranges(header)
    best = ''
    best_quality = 0.0
    for candidate in candidates:
        candidate_quality = _quality(_parse_media_type(candidate), media_ranges)
        if candidate_quality >= best_quality and candidate_quality > 0.0:
            best = candidate
            best_quality = candidate_quality

    if len(header) <= _BEST_MATCH_CACHEABLE_LENGTH:
        if len(_BEST_MATCH_CACHE) >= _BEST_MATCH_CACHE_SIZE:
            _BEST_MATCH_CACHE.clear()
        _BEST_MATCH_CACHE[key] = best
    return best
