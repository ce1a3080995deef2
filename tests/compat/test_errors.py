"""HTTPError family: default titles, error headers, serialized bodies (Falcon 4 Errors page)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest

import falcon
from falcon import testing

from ._support import resource


def _raising(asgi: bool, make_app: Callable[..., Any], error: BaseException, **kw: Any) -> Any:
    def on_get(req: Any, resp: Any) -> None:
        raise error

    app = make_app(**kw)
    app.add_route('/', resource(asgi, on_get=on_get))
    return app


DEFAULT_TITLES = [
    (falcon.HTTPBadRequest, '400 Bad Request'),
    (falcon.HTTPForbidden, '403 Forbidden'),
    (falcon.HTTPNotFound, '404 Not Found'),
    (falcon.HTTPNotAcceptable, '406 Not Acceptable'),
    (falcon.HTTPConflict, '409 Conflict'),
    (falcon.HTTPGone, '410 Gone'),
    (falcon.HTTPLengthRequired, '411 Length Required'),
    (falcon.HTTPPreconditionFailed, '412 Precondition Failed'),
    (falcon.HTTPContentTooLarge, '413 Content Too Large'),
    (falcon.HTTPUriTooLong, '414 URI Too Long'),
    (falcon.HTTPUnsupportedMediaType, '415 Unsupported Media Type'),
    (falcon.HTTPUnprocessableEntity, '422 Unprocessable Entity'),
    (falcon.HTTPLocked, '423 Locked'),
    (falcon.HTTPFailedDependency, '424 Failed Dependency'),
    (falcon.HTTPPreconditionRequired, '428 Precondition Required'),
    (falcon.HTTPTooManyRequests, '429 Too Many Requests'),
    (falcon.HTTPRequestHeaderFieldsTooLarge, '431 Request Header Fields Too Large'),
    (falcon.HTTPUnavailableForLegalReasons, '451 Unavailable For Legal Reasons'),
    (falcon.HTTPInternalServerError, '500 Internal Server Error'),
    (falcon.HTTPNotImplemented, '501 Not Implemented'),
    (falcon.HTTPBadGateway, '502 Bad Gateway'),
    (falcon.HTTPServiceUnavailable, '503 Service Unavailable'),
    (falcon.HTTPGatewayTimeout, '504 Gateway Timeout'),
    (falcon.HTTPVersionNotSupported, '505 HTTP Version Not Supported'),
    (falcon.HTTPInsufficientStorage, '507 Insufficient Storage'),
    (falcon.HTTPLoopDetected, '508 Loop Detected'),
    (falcon.HTTPNetworkAuthenticationRequired, '511 Network Authentication Required'),
]


@pytest.mark.parametrize(('error_type', 'status'), DEFAULT_TITLES)
def test_error_title_defaults_to_status_line(
    error_type: Callable[[], falcon.HTTPError], status: str
) -> None:
    error = error_type()
    assert error.status == status
    assert error.title == status
    assert error.description is None
    assert error.status_code == int(status[:3])
    assert error.to_dict() == {'title': status}


@pytest.mark.parametrize(
    ('error', 'status'),
    [
        (falcon.HTTPBadRequest(), '400 Bad Request'),
        (falcon.HTTPNotFound(), '404 Not Found'),
        (falcon.HTTPInternalServerError(), '500 Internal Server Error'),
        (falcon.HTTPUnprocessableEntity(), '422 Unprocessable Entity'),
    ],
)
def test_raised_error_body_is_json_title(
    asgi: bool, make_app: Callable[..., Any], error: falcon.HTTPError, status: str
) -> None:
    result = testing.simulate_get(_raising(asgi, make_app, error), '/')
    assert result.status == status
    assert result.headers['Content-Type'] == 'application/json'
    assert result.content == json.dumps({'title': status}).encode()
    assert result.headers['Content-Length'] == str(len(result.content))


def test_unrouted_path_is_404_with_title(make_app: Callable[..., Any]) -> None:
    result = testing.simulate_get(make_app(), '/nowhere')
    assert result.status_code == 404
    assert result.json == {'title': '404 Not Found'}


def test_to_dict_key_order_and_link() -> None:
    error = falcon.HTTPError(
        falcon.HTTP_400,
        title='Bad thing',
        description='It broke',
        code=42,
        href='http://example.com/help',
    )
    data = error.to_dict()
    assert list(data) == ['title', 'description', 'code', 'link']
    assert data['link'] == {
        'text': 'Documentation related to this error',
        'href': 'http://example.com/help',
        'rel': 'help',
    }


def test_to_dict_accepts_obj_type() -> None:
    from collections import OrderedDict

    data = falcon.HTTPNotFound(description='gone').to_dict(OrderedDict)
    assert isinstance(data, OrderedDict)
    assert data == {'title': '404 Not Found', 'description': 'gone'}


def test_href_text_overrides_link_text() -> None:
    error = falcon.HTTPBadRequest(href='http://example.com/x', href_text='Read me')
    assert error.link is not None
    assert error.link['text'] == 'Read me'


def test_to_json_matches_to_dict() -> None:
    error = falcon.HTTPConflict(title='Taken', description='Name in use')
    assert json.loads(error.to_json()) == {'title': 'Taken', 'description': 'Name in use'}


def test_to_xml_shape() -> None:
    with pytest.warns(falcon.util.DeprecatedWarning, match='to_xml'):
        xml = falcon.HTTPNotFound(description='No such thing', code=7).to_xml()
    assert xml.startswith(b'<?xml')
    body = xml.split(b'?>', 1)[1].strip()
    assert body == (
        b'<error><title>404 Not Found</title><description>No such thing</description>'
        b'<code>7</code></error>'
    )


def test_xml_error_when_client_prefers_xml(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _raising(asgi, make_app, falcon.HTTPForbidden(description='no'))
    result = testing.simulate_get(app, '/', headers={'Accept': 'application/xml'})
    assert result.status_code == 403
    assert result.headers['Content-Type'] == 'application/xml'
    assert b'<title>403 Forbidden</title>' in result.content
    assert b'<description>no</description>' in result.content


def test_json_error_when_client_accepts_json(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _raising(asgi, make_app, falcon.HTTPForbidden())
    result = testing.simulate_get(app, '/', headers={'Accept': 'application/json'})
    assert result.headers['Content-Type'] == 'application/json'
    assert result.json == {'title': '403 Forbidden'}


def test_method_not_allowed_sets_allow() -> None:
    error = falcon.HTTPMethodNotAllowed(['GET', 'PUT'])
    assert error.status == falcon.HTTP_405
    assert dict(error.headers or {})['Allow'] == 'GET, PUT'


def test_unauthorized_sets_www_authenticate(asgi: bool, make_app: Callable[..., Any]) -> None:
    error = falcon.HTTPUnauthorized(challenges=['Basic realm="x"', 'Bearer'])
    result = testing.simulate_get(_raising(asgi, make_app, error), '/')
    assert result.status_code == 401
    assert result.headers['WWW-Authenticate'] == 'Basic realm="x", Bearer'


def test_unauthorized_without_challenges_has_no_www_authenticate(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    result = testing.simulate_get(_raising(asgi, make_app, falcon.HTTPUnauthorized()), '/')
    assert result.status_code == 401
    assert 'WWW-Authenticate' not in result.headers


@pytest.mark.parametrize(
    'error_type',
    [falcon.HTTPServiceUnavailable, falcon.HTTPTooManyRequests, falcon.HTTPContentTooLarge],
)
@pytest.mark.parametrize(
    ('retry_after', 'header'),
    [
        (120, '120'),
        (datetime.datetime(2030, 1, 2, 3, 4, 5), 'Wed, 02 Jan 2030 03:04:05 GMT'),
    ],
)
def test_retry_after_header(
    error_type: Callable[..., falcon.HTTPError], retry_after: object, header: str
) -> None:
    error = error_type(retry_after=retry_after)
    assert dict(error.headers or {})['Retry-After'] == header


def test_range_not_satisfiable_sets_content_range(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    result = testing.simulate_get(
        _raising(asgi, make_app, falcon.HTTPRangeNotSatisfiable(1000)), '/'
    )
    assert result.status_code == 416
    assert result.headers['Content-Range'] == 'bytes */1000'


def test_error_headers_reach_the_response(asgi: bool, make_app: Callable[..., Any]) -> None:
    error = falcon.HTTPBadRequest(headers={'X-Reason': 'nope'})
    result = testing.simulate_get(_raising(asgi, make_app, error), '/')
    assert result.headers['X-Reason'] == 'nope'


@pytest.mark.parametrize(
    ('error', 'title', 'description'),
    [
        (falcon.HTTPMissingParam('id'), 'Missing parameter', 'The "id" parameter is required.'),
        (
            falcon.HTTPInvalidParam('Must be positive.', 'n'),
            'Invalid parameter',
            'The "n" parameter is invalid. Must be positive.',
        ),
        (
            falcon.HTTPMissingHeader('X-Token'),
            'Missing header value',
            'The "X-Token" header is required.',
        ),
        (
            falcon.HTTPInvalidHeader('Bad format.', 'X-Token'),
            'Invalid header value',
            'The value provided for the "X-Token" header is invalid. Bad format.',
        ),
    ],
)
def test_param_and_header_error_texts(
    error: falcon.HTTPError, title: str, description: str
) -> None:
    assert error.status == falcon.HTTP_400
    assert error.title == title
    assert error.description == description


def test_route_not_found_is_a_not_found() -> None:
    assert issubclass(falcon.HTTPRouteNotFound, falcon.HTTPNotFound)
    assert issubclass(falcon.HTTPPayloadTooLarge, falcon.HTTPContentTooLarge)


def test_custom_error_handler_receives_exception(asgi: bool, make_app: Callable[..., Any]) -> None:
    class Boom(Exception):
        pass

    def handle_sync(req: Any, resp: Any, ex: Exception, params: Any) -> None:
        resp.status = falcon.HTTP_418
        resp.media = {'caught': type(ex).__name__}

    async def handle_async(req: Any, resp: Any, ex: Exception, params: Any) -> None:
        handle_sync(req, resp, ex, params)

    app = _raising(asgi, make_app, Boom())
    app.add_error_handler(Boom, handle_async if asgi else handle_sync)
    result = testing.simulate_get(app, '/')
    assert result.status == falcon.HTTP_418
    assert result.json == {'caught': 'Boom'}


def test_unhandled_exception_is_500(asgi: bool, make_app: Callable[..., Any]) -> None:
    result = testing.simulate_get(_raising(asgi, make_app, RuntimeError('x')), '/')
    assert result.status_code == 500
    assert result.json == {'title': '500 Internal Server Error'}


def test_custom_error_serializer(asgi: bool, make_app: Callable[..., Any]) -> None:
    def serializer(req: Any, resp: Any, exception: falcon.HTTPError) -> None:
        resp.content_type = 'text/plain'
        resp.text = f'E:{exception.title}'

    app = _raising(asgi, make_app, falcon.HTTPGone())
    app.set_error_serializer(serializer)
    result = testing.simulate_get(app, '/')
    assert result.status_code == 410
    assert result.text == 'E:410 Gone'


def test_http_status_exception_short_circuits(asgi: bool, make_app: Callable[..., Any]) -> None:
    error = falcon.HTTPStatus(falcon.HTTP_202, headers={'X-A': 'b'}, text='accepted')
    result = testing.simulate_get(_raising(asgi, make_app, error), '/')
    assert result.status == falcon.HTTP_202
    assert result.headers['X-A'] == 'b'
    assert result.text == 'accepted'


@pytest.mark.parametrize(
    ('redirect', 'status'),
    [
        (falcon.HTTPMovedPermanently, falcon.HTTP_301),
        (falcon.HTTPFound, falcon.HTTP_302),
        (falcon.HTTPSeeOther, falcon.HTTP_303),
        (falcon.HTTPTemporaryRedirect, falcon.HTTP_307),
        (falcon.HTTPPermanentRedirect, falcon.HTTP_308),
    ],
)
def test_redirects_set_location(
    asgi: bool, make_app: Callable[..., Any], redirect: Callable[..., Any], status: str
) -> None:
    result = testing.simulate_get(_raising(asgi, make_app, redirect('/elsewhere')), '/')
    assert result.status == status
    assert result.headers['Location'] == '/elsewhere'
    assert result.content == b''
