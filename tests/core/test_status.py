"""Status lines, status conversions, the constants, and the public modules re-exporting them."""

from __future__ import annotations

import ast
import http
import re
from typing import Any

import pytest

import falcon.constants
import falcon.errors
import falcon.http_error
import falcon.http_status
import falcon.middleware
import falcon.redirects
import falcon.status_codes
from falcon.core import _constants, _status
from falcon.core._status import code_to_http_status, http_status_to_code, status_line
from tests.reference import API_SURFACE

SURFACE = API_SURFACE


def _surface_module_names(module: str) -> dict[str, str | None]:
    """Names (and literal values, when given) listed for ``module`` in the surface file."""
    names: dict[str, str | None] = {}
    inside = False
    for line in SURFACE.read_text().splitlines():
        if line.startswith('module '):
            inside = line.split()[1] == module
            continue
        if not inside or not line.startswith('  ') or line.startswith('    '):
            continue
        text = line.strip()
        match = re.match(r'(?:class|def|async def)\s+(\w+)', text)
        if match:
            names[match.group(1)] = None
            continue
        name, _, value = text.partition(' = ')
        names[name.split(':')[0]] = value or None
    return names


def _literal_matches(value: object, literal: str) -> bool:
    if literal.startswith('frozenset(') and isinstance(value, frozenset):
        return value == frozenset(ast.literal_eval(literal[len('frozenset(') : -1]))
    return repr(value) == literal


@pytest.mark.parametrize(
    ('name', 'value'),
    [
        ('HTTP_200', '200 OK'),
        ('HTTP_OK', '200 OK'),
        ('HTTP_404', '404 Not Found'),
        ('HTTP_NOT_FOUND', '404 Not Found'),
        ('HTTP_413', '413 Content Too Large'),
        ('HTTP_REQUESTED_RANGE_NOT_SATISFIABLE', '416 Range Not Satisfiable'),
        ('HTTP_418', "418 I'm a teapot"),
        ('HTTP_IM_A_TEAPOT', "418 I'm a teapot"),
        ('HTTP_REQUEST_URI_TOO_LONG', '414 URI Too Long'),
        ('HTTP_HTTP_VERSION_NOT_SUPPORTED', '505 HTTP Version Not Supported'),
        ('HTTP_701', '701 Meh'),
        ('HTTP_799', '799 End of the world'),
    ],
)
def test_status_constants(name: str, value: str) -> None:
    assert getattr(falcon.status_codes, name) == value


def test_status_constants_match_surface_exactly() -> None:
    expected = _surface_module_names('falcon.status_codes')
    assert len(expected) == 171
    for name, literal in expected.items():
        assert literal is not None
        assert repr(getattr(falcon.status_codes, name)) == literal, name
    assert sorted(falcon.status_codes.__all__) == sorted(expected)


@pytest.mark.parametrize(
    ('status', 'expected'),
    [
        (200, '200 OK'),
        (404, '404 Not Found'),
        (799, '799 End of the world'),
        ('404', '404 Not Found'),
        (b'404', '404 Not Found'),
        ('404 Not Found', '404 Not Found'),
        ('404 Custom Phrase', '404 Custom Phrase'),
        (b'201 Created', '201 Created'),
        (299, '299'),
        ('299', '299'),
        (999, '999'),
        (http.HTTPStatus.NOT_FOUND, '404 Not Found'),
        (http.HTTPStatus.IM_A_TEAPOT, f'418 {http.HTTPStatus.IM_A_TEAPOT.phrase}'),
    ],
)
def test_code_to_http_status(status: Any, expected: str) -> None:
    assert code_to_http_status(status) == expected


@pytest.mark.parametrize(
    'status',
    [99, 1000, -404, 0, '', '4', '40', '4044', 'abc', '404Not Found', '099 Low', b'\xff\xfe\xfd',
     '١٢٣', True, 404.0, None, [404]],
)  # fmt: skip
def test_code_to_http_status_rejects_non_statuses(status: Any) -> None:
    with pytest.raises(ValueError):
        code_to_http_status(status)


@pytest.mark.parametrize(
    ('status', 'expected'),
    [
        ('404 Not Found', 404),
        ('404', 404),
        (b'503 Service Unavailable', 503),
        (200, 200),
        (http.HTTPStatus.CREATED, 201),
        ('799 End of the world', 799),
    ],
)
def test_http_status_to_code(status: Any, expected: int) -> None:
    assert http_status_to_code(status) == expected


@pytest.mark.parametrize(
    'status', ['', '20', 'OK 200', '2OO OK', '200OK', ' 200', '+20 OK', b'\xff00', 2.0, None]
)
def test_http_status_to_code_rejects_non_statuses(status: Any) -> None:
    with pytest.raises(ValueError):
        http_status_to_code(status)


@pytest.mark.parametrize(
    ('status', 'expected'),
    [
        ('200 OK', '200 OK'),
        ('599 Whatever the app says', '599 Whatever the app says'),
        (200, '200 OK'),
        (404, '404 Not Found'),
        (299, '299 Unknown'),
        (b'201', '201 Created'),
        (b'299', '299 Unknown'),
        (http.HTTPStatus.OK, '200 OK'),
        (http.HTTPStatus.UNPROCESSABLE_ENTITY, f'422 {http.HTTPStatus(422).phrase}'),
    ],
)
def test_status_line(status: Any, expected: str) -> None:
    assert status_line(status) == expected
    assert status_line(status) == expected


def test_status_line_passes_str_through_untouched() -> None:
    line = 'not even checked'
    assert status_line(line) is line


def test_status_line_caches_unknown_codes() -> None:
    first = status_line(298)
    assert status_line(298) is first


@pytest.mark.parametrize('status', [0, 99, 1000, -1, None, 2.5])
def test_status_line_rejects_invalid(status: Any) -> None:
    with pytest.raises(ValueError):
        status_line(status)


def test_status_module_exports_every_public_name() -> None:
    # Earlier names of 413 that Falcon keeps in falcon.status_codes only.
    only_in_status_codes = {'HTTP_PAYLOAD_TOO_LARGE', 'HTTP_REQUEST_ENTITY_TOO_LARGE'}
    public = {name for name in vars(_status) if name.startswith('HTTP_')}
    assert public - only_in_status_codes <= set(_status.__all__)


@pytest.mark.parametrize(
    ('name', 'value'),
    [
        ('DEFAULT_MEDIA_TYPE', 'application/json'),
        ('MEDIA_JSON', 'application/json'),
        ('MEDIA_MSGPACK', 'application/msgpack'),
        ('MEDIA_HTML', 'text/html; charset=utf-8'),
        ('MEDIA_JS', 'text/javascript'),
        ('MEDIA_TEXT', 'text/plain; charset=utf-8'),
        ('MEDIA_CSV', 'text/csv; charset=utf-8'),
        ('MEDIA_PARQUET', 'application/vnd.apache.parquet'),
        ('MEDIA_URLENCODED', 'application/x-www-form-urlencoded'),
        ('MEDIA_XML', 'application/xml'),
        ('MEDIA_YAML', 'application/yaml'),
        ('IS_64_BITS', True),
    ],
)
def test_constants(name: str, value: object) -> None:
    assert getattr(falcon.constants, name) == value


def test_method_lists() -> None:
    assert len(_constants.HTTP_METHODS) == 9
    assert len(_constants.WEBDAV_METHODS) == 13
    assert _constants.HTTP_WG_DRAFT_METHODS == ['QUERY']
    assert len(_constants.COMBINED_METHODS) == 24
    assert set(_constants.COMBINED_METHODS) >= {'GET', 'PATCH', 'PROPFIND', 'QUERY', 'WEBSOCKET'}
    assert len(set(_constants.COMBINED_METHODS)) == 24


def test_truth_tables_and_singletons() -> None:
    assert frozenset({'t', 'y', 'True', 'yes', 'on', 'true', '1'}) == _constants.TRUE_STRINGS
    assert frozenset({'no', 'off', '0', 'false', 'f', 'False', 'n'}) == _constants.FALSE_STRINGS
    assert 'content-type' in _constants.SINGLETON_HEADERS
    assert 'set-cookie' not in _constants.SINGLETON_HEADERS
    assert _constants.PYTHON_VERSION[:2] >= (3, 10)
    assert _constants.WebSocketPayloadType.TEXT.value == 1
    assert _constants.WebSocketPayloadType.BINARY.value == 2
    assert not _constants.UNSET
    assert repr(_constants.UNSET) == 'UNSET'


@pytest.mark.parametrize(
    'module',
    [
        falcon.constants,
        falcon.errors,
        falcon.http_error,
        falcon.http_status,
        falcon.middleware,
        falcon.redirects,
        falcon.status_codes,
    ],
)
def test_public_module_provides_surface_names(module: Any) -> None:
    expected = _surface_module_names(module.__name__)
    assert expected
    for name, literal in expected.items():
        assert hasattr(module, name), name
        value = getattr(module, name)
        if literal is not None and not literal.endswith('...') and name != 'annotations':
            assert _literal_matches(value, literal), name
    declared = {name for name in expected if name not in ('TYPE_CHECKING', 'annotations')}
    assert set(module.__all__) == declared
