"""The HTTPError family, HTTPStatus and redirects, the other exceptions, and parse errors."""

from __future__ import annotations

import collections
import datetime
import http
import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from falcon.core import _errors as errors
from falcon.core import _http_status
from falcon.core._errors import (
    HTTPError,
    MediaMalformedError,
    RequestParseError,
    to_http_error,
)
from falcon.util.deprecation import DeprecatedWarning

SIMPLE_ERRORS = [
    (errors.HTTPBadRequest, 400, '400 Bad Request'),
    (errors.HTTPForbidden, 403, '403 Forbidden'),
    (errors.HTTPNotFound, 404, '404 Not Found'),
    (errors.HTTPRouteNotFound, 404, '404 Not Found'),
    (errors.HTTPNotAcceptable, 406, '406 Not Acceptable'),
    (errors.HTTPConflict, 409, '409 Conflict'),
    (errors.HTTPGone, 410, '410 Gone'),
    (errors.HTTPLengthRequired, 411, '411 Length Required'),
    (errors.HTTPPreconditionFailed, 412, '412 Precondition Failed'),
    (errors.HTTPContentTooLarge, 413, '413 Content Too Large'),
    (errors.HTTPPayloadTooLarge, 413, '413 Content Too Large'),
    (errors.HTTPUriTooLong, 414, '414 URI Too Long'),
    (errors.HTTPUnsupportedMediaType, 415, '415 Unsupported Media Type'),
    (errors.HTTPUnprocessableEntity, 422, '422 Unprocessable Entity'),
    (errors.HTTPLocked, 423, '423 Locked'),
    (errors.HTTPFailedDependency, 424, '424 Failed Dependency'),
    (errors.HTTPPreconditionRequired, 428, '428 Precondition Required'),
    (errors.HTTPTooManyRequests, 429, '429 Too Many Requests'),
    (errors.HTTPRequestHeaderFieldsTooLarge, 431, '431 Request Header Fields Too Large'),
    (errors.HTTPUnavailableForLegalReasons, 451, '451 Unavailable For Legal Reasons'),
    (errors.HTTPUnauthorized, 401, '401 Unauthorized'),
    (errors.HTTPInternalServerError, 500, '500 Internal Server Error'),
    (errors.HTTPNotImplemented, 501, '501 Not Implemented'),
    (errors.HTTPBadGateway, 502, '502 Bad Gateway'),
    (errors.HTTPServiceUnavailable, 503, '503 Service Unavailable'),
    (errors.HTTPGatewayTimeout, 504, '504 Gateway Timeout'),
    (errors.HTTPVersionNotSupported, 505, '505 HTTP Version Not Supported'),
    (errors.HTTPInsufficientStorage, 507, '507 Insufficient Storage'),
    (errors.HTTPLoopDetected, 508, '508 Loop Detected'),
    (errors.HTTPNetworkAuthenticationRequired, 511, '511 Network Authentication Required'),
    (errors.MediaValidationError, 400, '400 Bad Request'),
]


class RecordingHandler:
    def __init__(self) -> None:
        self.calls: list[tuple[object, str]] = []

    def serialize(self, media: object, content_type: str) -> bytes:
        self.calls.append((media, content_type))
        return b'serialized'


@pytest.mark.parametrize(('error_class', 'code', 'line'), SIMPLE_ERRORS)
@pytest.mark.filterwarnings('ignore:HTTPPayloadTooLarge is deprecated')
def test_simple_subclasses(error_class: Any, code: int, line: str) -> None:
    error = error_class(description='Details.', headers={'X-Why': 'test'}, code=42)
    assert isinstance(error, HTTPError)
    assert error.status == line
    assert error.status_code == code
    assert error.description == 'Details.'
    assert error.headers == {'X-Why': 'test'}
    assert error.code == 42
    assert error.title == line


@pytest.mark.parametrize(
    ('status', 'title', 'code'),
    [
        ('418 Short and stout', '418 Short and stout', 418),
        (404, '404 Not Found', 404),
        (http.HTTPStatus.GONE, '410 Gone', 410),
        (299, '299', 299),
    ],
)
def test_http_error_status_forms(status: Any, title: str, code: int) -> None:
    error = HTTPError(status)
    assert error.status == status
    assert error.title == title
    assert error.status_code == code
    assert error.description is None
    assert error.headers is None
    assert error.link is None
    assert error.code is None


def test_http_error_rejects_invalid_status() -> None:
    with pytest.raises(ValueError):
        HTTPError(42)


def test_link() -> None:
    error = HTTPError(400, href='https://example.com/docs/errors#bad request')
    assert error.link == {
        'text': 'Documentation related to this error',
        'href': 'https://example.com/docs/errors#bad%20request',
        'rel': 'help',
    }
    custom = HTTPError(400, href='https://example.com/a%20b', href_text='Read me')
    assert custom.link == {'text': 'Read me', 'href': 'https://example.com/a%20b', 'rel': 'help'}


@pytest.mark.parametrize(
    ('kwargs', 'expected'),
    [
        ({}, {'title': '404 Not Found'}),
        ({'title': 'Gone fishing'}, {'title': 'Gone fishing'}),
        (
            {'description': 'Nope.', 'code': 7},
            {'title': '404 Not Found', 'description': 'Nope.', 'code': 7},
        ),
        (
            {'href': 'https://x.test/e'},
            {
                'title': '404 Not Found',
                'link': {
                    'text': 'Documentation related to this error',
                    'href': 'https://x.test/e',
                    'rel': 'help',
                },
            },
        ),
    ],
)
def test_to_dict_and_to_json(kwargs: dict[str, Any], expected: dict[str, Any]) -> None:
    error = errors.HTTPNotFound(**kwargs)
    assert error.to_dict() == expected
    assert list(error.to_dict()) == list(expected)
    assert error.to_json() == json.dumps(expected, ensure_ascii=False).encode()
    assert json.loads(error.to_json()) == expected


def test_to_dict_obj_type() -> None:
    result = errors.HTTPBadRequest(description='d').to_dict(collections.OrderedDict)
    assert isinstance(result, collections.OrderedDict)
    assert list(result.items()) == [('title', '400 Bad Request'), ('description', 'd')]


def test_to_json_keeps_non_ascii_and_uses_default_separators() -> None:
    error = HTTPError(400, title='Ungültig', description='日本')
    assert error.to_json() == '{"title": "Ungültig", "description": "日本"}'.encode()


def test_to_json_with_handler() -> None:
    handler = RecordingHandler()
    assert HTTPError(400, code=3).to_json(handler) == b'serialized'
    assert handler.calls == [({'title': '400 Bad Request', 'code': 3}, 'application/json')]


def test_to_xml_full() -> None:
    error = HTTPError(
        403, title='No', description='Not <yours> & not mine', code=9, href='https://x.test/'
    )
    with pytest.warns(DeprecatedWarning):
        xml = error.to_xml()
    assert xml == (
        b'<?xml version="1.0" encoding="UTF-8"?><error><title>No</title>'
        b'<description>Not &lt;yours&gt; &amp; not mine</description><code>9</code>'
        b'<link><text>Documentation related to this error</text><href>https://x.test/</href>'
        b'<rel>help</rel></link></error>'
    )


def test_to_xml_minimal_and_non_ascii() -> None:
    with pytest.warns(DeprecatedWarning):
        xml = HTTPError(400, title='Ärger').to_xml()
    assert (
        xml == '<?xml version="1.0" encoding="UTF-8"?><error><title>Ärger</title></error>'.encode()
    )
    assert ET.fromstring(xml).find('title').text == 'Ärger'  # type: ignore[union-attr]


def test_repr_and_str() -> None:
    error = errors.HTTPNotFound(description='No such thing.')
    assert repr(error) == '<HTTPNotFound: 404 Not Found>'
    assert str(error) == '404 Not Found: No such thing.'
    assert str(errors.HTTPGone()) == '410 Gone'


def test_method_not_allowed_sets_allow_without_touching_caller_headers() -> None:
    given = {'X-A': '1'}
    error = errors.HTTPMethodNotAllowed(['GET', 'HEAD'], headers=given)
    assert error.headers == {'X-A': '1', 'Allow': 'GET, HEAD'}
    assert given == {'X-A': '1'}
    assert error.status_code == 405
    assert error.title == '405 Method Not Allowed'


def test_headers_as_list_of_tuples_are_merged() -> None:
    error = errors.HTTPMethodNotAllowed(('PUT',), headers=[('X-A', '1')])
    assert error.headers == {'X-A': '1', 'Allow': 'PUT'}


@pytest.mark.parametrize(
    ('challenges', 'expected'),
    [
        (None, None),
        ([], None),
        (['Basic realm="a"'], {'WWW-Authenticate': 'Basic realm="a"'}),
        (['Basic', 'Bearer'], {'WWW-Authenticate': 'Basic, Bearer'}),
    ],
)
def test_unauthorized_challenges(challenges: list[str] | None, expected: Any) -> None:
    assert errors.HTTPUnauthorized(challenges=challenges).headers == expected


@pytest.mark.parametrize(
    'error_class',
    [errors.HTTPServiceUnavailable, errors.HTTPTooManyRequests, errors.HTTPContentTooLarge],
)
@pytest.mark.parametrize(
    ('retry_after', 'expected'),
    [
        (None, None),
        (120, {'Retry-After': '120'}),
        (datetime.datetime(2015, 10, 21, 7, 28), {'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT'}),
        (
            datetime.datetime(
                2015, 10, 21, 9, 28, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
            ),
            {'Retry-After': 'Wed, 21 Oct 2015 07:28:05 GMT'},
        ),
    ],
)
def test_retry_after(error_class: Any, retry_after: Any, expected: Any) -> None:
    assert error_class(retry_after=retry_after).headers == expected


def test_retry_after_merges_headers() -> None:
    error = errors.HTTPServiceUnavailable(headers={'X-A': '1'}, retry_after=5)
    assert error.headers == {'X-A': '1', 'Retry-After': '5'}


def test_range_not_satisfiable() -> None:
    error = errors.HTTPRangeNotSatisfiable(1024)
    assert error.status_code == 416
    assert error.headers == {'Content-Range': 'bytes */1024'}


def test_payload_too_large_is_content_too_large() -> None:
    with pytest.warns(DeprecatedWarning):
        error = errors.HTTPPayloadTooLarge(description='Too big.', retry_after=3)
    assert isinstance(error, errors.HTTPContentTooLarge)
    assert error.headers == {'Retry-After': '3'}


@pytest.mark.parametrize(
    ('error', 'title', 'description'),
    [
        (
            errors.HTTPMissingParam('limit'),
            'Missing parameter',
            'The "limit" parameter is required.',
        ),
        (
            errors.HTTPInvalidParam('Must be an integer.', 'limit'),
            'Invalid parameter',
            'The "limit" parameter is invalid. Must be an integer.',
        ),
        (
            errors.HTTPMissingHeader('X-Auth'),
            'Missing header value',
            'The "X-Auth" header is required.',
        ),
        (
            errors.HTTPInvalidHeader('Must be a date.', 'If-Range'),
            'Invalid header value',
            'The value provided for the "If-Range" header is invalid. Must be a date.',
        ),
        (
            errors.MediaNotFoundError('JSON'),
            'Invalid JSON',
            'Could not parse an empty JSON body',
        ),
        (MediaMalformedError('JSON'), 'Invalid JSON', 'Could not parse JSON body'),
        (
            errors.MultipartParseError(description='Boundary missing.'),
            'Malformed multipart/form-data request media',
            'Boundary missing.',
        ),
        (errors.MultipartParseError(), 'Malformed multipart/form-data request media', None),
        (
            errors.MediaValidationError(title='Bad', description='Schema'),
            'Bad',
            'Schema',
        ),
    ],
)
def test_bad_request_family(error: HTTPError, title: str, description: str | None) -> None:
    assert isinstance(error, errors.HTTPBadRequest)
    assert error.status_code == 400
    assert error.title == title
    assert error.description == description


def test_bad_request_family_passes_keyword_arguments() -> None:
    error = errors.HTTPMissingParam('q', headers={'X-A': '1'}, code=12, href='https://x.test')
    assert error.headers == {'X-A': '1'}
    assert error.code == 12
    assert error.link is not None
    media_error = errors.MediaNotFoundError('YAML', headers={'X-B': '2'}, code=5)
    assert media_error.headers == {'X-B': '2'}
    assert media_error.code == 5


def test_media_malformed_description_reads_cause() -> None:
    with pytest.raises(MediaMalformedError) as info:
        try:
            json.loads('{')
        except ValueError as exc:
            raise MediaMalformedError('JSON') from exc
    error = info.value
    assert error.description is not None
    assert error.description.startswith('Could not parse JSON body - Expecting')
    assert error.to_dict()['description'] == error.description
    assert isinstance(error, errors.MultipartParseError) is False


def test_media_malformed_description_cannot_be_overwritten() -> None:
    error = MediaMalformedError('msgpack')
    error.description = 'ignored'
    assert error.description == 'Could not parse msgpack body'


def test_multipart_parse_error_description_is_plain() -> None:
    error = errors.MultipartParseError(description='x')
    error.__cause__ = ValueError('cause')
    assert error.description == 'x'
    assert isinstance(error, MediaMalformedError)


@pytest.mark.parametrize(
    ('status_class', 'line'),
    [
        (_http_status.HTTPMovedPermanently, '301 Moved Permanently'),
        (_http_status.HTTPFound, '302 Found'),
        (_http_status.HTTPSeeOther, '303 See Other'),
        (_http_status.HTTPTemporaryRedirect, '307 Temporary Redirect'),
        (_http_status.HTTPPermanentRedirect, '308 Permanent Redirect'),
    ],
)
def test_redirects(status_class: Any, line: str) -> None:
    redirect = status_class('/new', headers={'X-A': '1'})
    assert isinstance(redirect, errors.HTTPStatus)
    assert not isinstance(redirect, HTTPError)
    assert redirect.status == line
    assert redirect.status_code == int(line[:3])
    assert redirect.headers == {'X-A': '1', 'location': '/new'}
    assert redirect.text is None
    assert status_class('/plain').headers == {'location': '/plain'}


def test_http_status() -> None:
    status = errors.HTTPStatus(204, headers=[('X-A', '1')], text='body')
    assert status.status == 204
    assert status.status_code == 204
    assert status.headers == [('X-A', '1')]
    assert status.text == 'body'
    assert repr(status) == '<HTTPStatus: 204>'
    assert errors.HTTPStatus('200 OK').headers is None


@pytest.mark.parametrize(
    ('exception_class', 'base'),
    [
        (errors.CompatibilityError, ValueError),
        (errors.HeaderNotSupported, ValueError),
        (errors.UnsupportedError, RuntimeError),
        (errors.UnsupportedScopeError, RuntimeError),
        (errors.OperationNotAllowed, ValueError),
        (errors.PayloadTypeError, TypeError),
        (errors.DelimiterError, OSError),
        (errors.InvalidMediaType, ValueError),
        (errors.InvalidMediaRange, errors.InvalidMediaType),
        (errors.WebSocketDisconnected, ConnectionError),
        (errors.WebSocketPathNotFound, errors.WebSocketDisconnected),
        (errors.WebSocketHandlerNotFound, errors.WebSocketDisconnected),
        (errors.WebSocketServerError, errors.WebSocketDisconnected),
    ],
)
def test_exception_hierarchy(exception_class: type[Exception], base: type[Exception]) -> None:
    assert issubclass(exception_class, base)
    assert not issubclass(exception_class, HTTPError)


@pytest.mark.parametrize(('code', 'expected'), [(None, 1000), (1001, 1001), (3000, 3000)])
def test_websocket_disconnected_code(code: int | None, expected: int) -> None:
    assert errors.WebSocketDisconnected(code).code == expected
    assert errors.WebSocketServerError(code).code == expected


def test_request_parse_error() -> None:
    error = RequestParseError('Invalid header value', 'Bad Content-Length.')
    assert isinstance(error, ValueError)
    assert error.title == 'Invalid header value'
    assert error.description == 'Bad Content-Length.'
    assert error.status == 400
    assert str(error) == 'Invalid header value: Bad Content-Length.'
    assert RequestParseError('Too big', status=413).status == 413


@pytest.mark.parametrize(
    ('status', 'expected_class', 'expected_code'),
    [
        (400, errors.HTTPBadRequest, 400),
        ('400 Bad Request', errors.HTTPBadRequest, 400),
        (413, errors.HTTPContentTooLarge, 413),
        (414, errors.HTTPUriTooLong, 414),
        (415, errors.HTTPUnsupportedMediaType, 415),
        (431, errors.HTTPRequestHeaderFieldsTooLarge, 431),
        (416, HTTPError, 416),
        ('408 Request Timeout', HTTPError, 408),
        ('not a status', errors.HTTPBadRequest, 400),
        (42, errors.HTTPBadRequest, 400),
    ],
)
def test_to_http_error(status: Any, expected_class: type[HTTPError], expected_code: int) -> None:
    parse_error = RequestParseError('Bad thing', 'It is bad.', status=status)
    error = to_http_error(parse_error)
    assert type(error) is expected_class
    assert error.status_code == expected_code
    assert error.title == 'Bad thing'
    assert error.description == 'It is bad.'
    assert error.__cause__ is parse_error


def test_to_http_error_without_description() -> None:
    error = to_http_error(RequestParseError('Malformed query string'))
    assert error.to_dict() == {'title': 'Malformed query string'}


def test_fixed_status_error_defaults_without_arguments() -> None:
    error = errors.HTTPNotFound()
    assert (error.status, error.title, error.description) == ('404 Not Found',) * 2 + (None,)
    assert (error.headers, error.link, error.code) == (None, None, None)
    assert error.to_dict() == {'title': '404 Not Found'}


def test_fixed_status_error_attributes_can_be_set_after_construction() -> None:
    error = errors.HTTPNotFound()
    error.code = 12
    error.description = 'Later.'
    error.title = 'Renamed'
    assert error.to_dict() == {'title': 'Renamed', 'description': 'Later.', 'code': 12}
    assert errors.HTTPNotFound().to_dict() == {'title': '404 Not Found'}


def test_subclass_declaring_its_own_status_gets_it_as_status_and_title() -> None:
    class Teapot(errors.HTTPNotFound):
        _status = "418 I'm a teapot"

    error = Teapot(description='Short and stout.')
    assert error.status == error.title == "418 I'm a teapot"
    assert error.to_dict() == {'title': "418 I'm a teapot", 'description': 'Short and stout.'}
    assert errors.HTTPNotFound().status == '404 Not Found'


def test_class_attributes_of_a_subclass_do_not_replace_the_constructor_values() -> None:
    # As with the base constructor, an instance holds the values it was given (or their
    # defaults), whatever class attributes a subclass declares under the same names.
    class Declared(errors.HTTPNotFound):
        status = '410 Gone'
        title = 'Class title'
        description = 'Class description'
        headers = {'X-Class': '1'}
        code = 99

    error = Declared()
    assert error.status == '404 Not Found'
    assert error.title == '404 Not Found'
    assert error.description is None
    assert error.headers is None
    assert error.code is None
    given = Declared(title='t', description='d', headers={'X-Given': '2'})
    assert (given.title, given.description, given.headers) == ('t', 'd', {'X-Given': '2'})
