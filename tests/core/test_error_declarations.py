"""Error classes declared as data keep Falcon 4.4's public constructors.

Fixed-status ``HTTPError`` subclasses and the redirects inherit one constructor from a core
base and declare only their status; these tests hold every public class to the signature
the API surface lists (parameter names, kinds, defaults and order), to its documented base,
and to the status it declares.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

import falcon
import falcon.errors
import falcon.redirects
from falcon.core._http_error import FixedStatusError
from falcon.core._http_status import Redirect
from tests.reference import API_SURFACE

SURFACE = API_SURFACE

_ERROR_NAMES = [
    name
    for name in falcon.errors.__all__
    if issubclass(getattr(falcon.errors, name), falcon.HTTPError)
]
_REDIRECT_NAMES = list(falcon.redirects.__all__)


def _surface_lines() -> dict[str, str]:
    """``{class name: first 'class' line}`` of the API surface."""
    lines: dict[str, str] = {}
    for line in SURFACE.read_text().splitlines():
        stripped = line.strip()
        if stripped.startswith('class ') and ')(' in stripped:
            name = stripped[len('class ') :].split('(', 1)[0]
            lines.setdefault(name, stripped)
    return lines


def _documented_signature(line: str) -> tuple[str, inspect.Signature]:
    """The documented base and constructor signature of a surface ``class`` line."""
    head, rest = line.split(')(', 1)
    base = head.split('(', 1)[1]
    params = rest.rsplit(') -> ', 1)[0] if ') -> ' in rest else rest[:-1]
    namespace: dict[str, Any] = {}
    exec(f'def documented({params}): pass', namespace)
    return base, inspect.signature(namespace['documented'])


def _shape(signature: inspect.Signature) -> list[tuple[str, Any, Any]]:
    return [(p.name, p.kind, p.default) for p in signature.parameters.values()]


@pytest.fixture(scope='module')
def surface() -> dict[str, str]:
    return _surface_lines()


@pytest.mark.parametrize('name', _ERROR_NAMES + _REDIRECT_NAMES)
def test_constructor_matches_the_api_surface(name: str, surface: dict[str, str]) -> None:
    cls = getattr(falcon, name)
    base, documented = _documented_signature(surface[name])
    assert _shape(inspect.signature(cls)) == _shape(documented)
    # The private bases that carry a shared constructor are not part of the documented tree.
    shown_bases = [
        b
        for b in cls.__mro__[1:]
        if b not in (FixedStatusError, Redirect) and not b.__name__.startswith('_')
    ]
    assert shown_bases[0].__name__ == base


_FIXED = [
    (falcon.HTTPBadRequest, 400),
    (falcon.HTTPForbidden, 403),
    (falcon.HTTPNotFound, 404),
    (falcon.HTTPNotAcceptable, 406),
    (falcon.HTTPConflict, 409),
    (falcon.HTTPGone, 410),
    (falcon.HTTPLengthRequired, 411),
    (falcon.HTTPPreconditionFailed, 412),
    (falcon.HTTPUriTooLong, 414),
    (falcon.HTTPUnsupportedMediaType, 415),
    (falcon.HTTPUnprocessableEntity, 422),
    (falcon.HTTPLocked, 423),
    (falcon.HTTPFailedDependency, 424),
    (falcon.HTTPPreconditionRequired, 428),
    (falcon.HTTPRequestHeaderFieldsTooLarge, 431),
    (falcon.HTTPUnavailableForLegalReasons, 451),
    (falcon.HTTPInternalServerError, 500),
    (falcon.HTTPNotImplemented, 501),
    (falcon.HTTPBadGateway, 502),
    (falcon.HTTPGatewayTimeout, 504),
    (falcon.HTTPVersionNotSupported, 505),
    (falcon.HTTPInsufficientStorage, 507),
    (falcon.HTTPLoopDetected, 508),
    (falcon.HTTPNetworkAuthenticationRequired, 511),
    (falcon.HTTPRouteNotFound, 404),
    (falcon.MediaValidationError, 400),
]


@pytest.mark.parametrize(('cls', 'code'), _FIXED)
def test_fixed_status_class_declares_only_its_status(cls: type[Any], code: int) -> None:
    assert '__init__' not in vars(cls)
    error = cls(title='t', description='d', headers={'X-A': 'b'}, href='/h', code=7)
    assert error.status == falcon.code_to_http_status(code)
    assert error.status_code == code
    assert (error.title, error.description, error.headers, error.code) == (
        't',
        'd',
        {'X-A': 'b'},
        7,
    )
    assert error.link == {
        'text': 'Documentation related to this error',
        'href': '/h',
        'rel': 'help',
    }
    assert cls().title == error.status


@pytest.mark.parametrize(
    ('error', 'code', 'header', 'value'),
    [
        (
            falcon.HTTPUnauthorized(challenges=['Basic', 'Bearer']),
            401,
            'WWW-Authenticate',
            'Basic, Bearer',
        ),
        (falcon.HTTPMethodNotAllowed(['GET', 'PUT']), 405, 'Allow', 'GET, PUT'),
        (falcon.HTTPContentTooLarge(retry_after=5), 413, 'Retry-After', '5'),
        (falcon.HTTPRangeNotSatisfiable(10), 416, 'Content-Range', 'bytes */10'),
        (falcon.HTTPTooManyRequests(retry_after=3), 429, 'Retry-After', '3'),
        (falcon.HTTPServiceUnavailable(retry_after=9), 503, 'Retry-After', '9'),
    ],
)
def test_classes_with_arguments_of_their_own(
    error: falcon.HTTPError, code: int, header: str, value: str
) -> None:
    assert error.status_code == code
    assert error.title == falcon.code_to_http_status(code)
    assert dict(error.headers or {})[header] == value


@pytest.mark.parametrize(
    ('cls', 'code'),
    [
        (falcon.HTTPMovedPermanently, 301),
        (falcon.HTTPFound, 302),
        (falcon.HTTPSeeOther, 303),
        (falcon.HTTPTemporaryRedirect, 307),
        (falcon.HTTPPermanentRedirect, 308),
    ],
)
def test_redirect_declares_only_its_status(cls: type[falcon.HTTPStatus], code: int) -> None:
    assert '__init__' not in vars(cls)
    redirect = cls('/there', headers={'X-A': 'b'})
    assert redirect.status == falcon.code_to_http_status(code)
    assert redirect.headers == {'X-A': 'b', 'location': '/there'}
    assert redirect.text is None


@pytest.mark.parametrize(
    ('error', 'title', 'description'),
    [
        (falcon.HTTPMissingParam('q'), 'Missing parameter', 'The "q" parameter is required.'),
        (
            falcon.HTTPInvalidParam('Too long.', 'q'),
            'Invalid parameter',
            'The "q" parameter is invalid. Too long.',
        ),
        (
            falcon.HTTPMissingHeader('X-Key'),
            'Missing header value',
            'The "X-Key" header is required.',
        ),
        (
            falcon.HTTPInvalidHeader('Not a number.', 'X-Key'),
            'Invalid header value',
            'The value provided for the "X-Key" header is invalid. Not a number.',
        ),
        (
            falcon.MediaNotFoundError('JSON'),
            'Invalid JSON',
            'Could not parse an empty JSON body',
        ),
    ],
)
def test_templated_errors_fill_title_and_description(
    error: falcon.HTTPError, title: str, description: str
) -> None:
    assert (error.status_code, error.title, error.description) == (400, title, description)
    assert isinstance(error, falcon.HTTPBadRequest)


def test_templated_errors_pass_headers_and_link_on() -> None:
    error = falcon.HTTPMissingParam('q', headers={'X-A': 'b'}, href='/doc', code=3)
    assert (error.headers, error.code) == ({'X-A': 'b'}, 3)
    assert error.link is not None and error.link['href'] == '/doc'
    assert falcon.MediaNotFoundError('JSON', headers={'X-A': 'b'}).headers == {'X-A': 'b'}


def test_falcon_errors_lists_each_family_once() -> None:
    from falcon.core import _errors, _exceptions, _request_errors, _status_errors

    families = [_exceptions.__all__, _status_errors.__all__, _request_errors.__all__]
    assert sorted(falcon.errors.__all__) == sorted(_errors.__all__)
    assert len(set(_errors.__all__)) == len(_errors.__all__) == 1 + sum(map(len, families))
    for name in falcon.errors.__all__:
        assert getattr(falcon.errors, name) is getattr(falcon, name)
