"""Errors: the HTTPError family, serialization and negotiation, handlers, redirects."""

from __future__ import annotations

from typing import Any

import falcon
from tests._harness import Case, cases, run
from tests_shared._support import resource


def raising(make_error: Any) -> Any:
    def handler(req: Any, resp: Any) -> None:
        raise make_error()

    def build(app: Any) -> None:
        app.add_route('/', resource(handler, ('get', 'post')))

    return build


def titled(title: str, description: str | None = None) -> Any:
    def check(result: Any) -> None:
        assert result.json['title'] == title
        if description is not None:
            assert result.json['description'] == description

    return check


SIMPLE_ERRORS = [
    (falcon.HTTPBadRequest, 400, '400 Bad Request'),
    (falcon.HTTPForbidden, 403, '403 Forbidden'),
    (falcon.HTTPNotFound, 404, '404 Not Found'),
    (falcon.HTTPRouteNotFound, 404, '404 Not Found'),
    (falcon.HTTPNotAcceptable, 406, '406 Not Acceptable'),
    (falcon.HTTPConflict, 409, '409 Conflict'),
    (falcon.HTTPGone, 410, '410 Gone'),
    (falcon.HTTPLengthRequired, 411, '411 Length Required'),
    (falcon.HTTPPreconditionFailed, 412, '412 Precondition Failed'),
    (falcon.HTTPContentTooLarge, 413, '413 Content Too Large'),
    (falcon.HTTPUriTooLong, 414, '414 URI Too Long'),
    (falcon.HTTPUnsupportedMediaType, 415, '415 Unsupported Media Type'),
    (falcon.HTTPUnprocessableEntity, 422, '422 Unprocessable Entity'),
    (falcon.HTTPLocked, 423, '423 Locked'),
    (falcon.HTTPFailedDependency, 424, '424 Failed Dependency'),
    (falcon.HTTPPreconditionRequired, 428, '428 Precondition Required'),
    (falcon.HTTPTooManyRequests, 429, '429 Too Many Requests'),
    (falcon.HTTPRequestHeaderFieldsTooLarge, 431, '431 Request Header Fields Too Large'),
    (falcon.HTTPUnavailableForLegalReasons, 451, '451 Unavailable For Legal Reasons'),
    (falcon.HTTPInternalServerError, 500, '500 Internal Server Error'),
    (falcon.HTTPNotImplemented, 501, '501 Not Implemented'),
    (falcon.HTTPBadGateway, 502, '502 Bad Gateway'),
    (falcon.HTTPServiceUnavailable, 503, '503 Service Unavailable'),
    (falcon.HTTPGatewayTimeout, 504, '504 Gateway Timeout'),
    (falcon.HTTPVersionNotSupported, 505, '505 HTTP Version Not Supported'),
    (falcon.HTTPInsufficientStorage, 507, '507 Insufficient Storage'),
    (falcon.HTTPLoopDetected, 508, '508 Loop Detected'),
    (falcon.HTTPNetworkAuthenticationRequired, 511, '511 Network Authentication Required'),
    (falcon.HTTPUnauthorized, 401, '401 Unauthorized'),
]

FAMILY_CASES = [
    Case(
        f'{error.__name__}',
        raising(error),
        status=status,
        json={'title': title},
        headers={'content-type': 'application/json'},
    )
    for error, status, title in SIMPLE_ERRORS
] + [
    Case(
        'method-not-allowed',
        raising(lambda: falcon.HTTPMethodNotAllowed(['GET', 'PUT'])),
        status=405,
        headers={'allow': 'GET, PUT'},
    ),
    Case(
        'range-not-satisfiable',
        raising(lambda: falcon.HTTPRangeNotSatisfiable(100)),
        status=416,
        headers={'content-range': 'bytes */100'},
    ),
    Case(
        'unauthorized-challenges',
        raising(lambda: falcon.HTTPUnauthorized(challenges=['Bearer', 'Basic realm="x"'])),
        status=401,
        headers={'www-authenticate': 'Bearer, Basic realm="x"'},
    ),
    Case(
        'service-unavailable-retry',
        raising(lambda: falcon.HTTPServiceUnavailable(retry_after=30)),
        status=503,
        headers={'retry-after': '30'},
    ),
    Case(
        'too-many-requests-retry',
        raising(lambda: falcon.HTTPTooManyRequests(retry_after=5)),
        status=429,
        headers={'retry-after': '5'},
    ),
    Case(
        'invalid-header',
        raising(lambda: falcon.HTTPInvalidHeader('Nope.', 'X-A')),
        status=400,
        check=titled(
            'Invalid header value', 'The value provided for the "X-A" header is invalid. Nope.'
        ),
    ),
    Case(
        'missing-header',
        raising(lambda: falcon.HTTPMissingHeader('X-A')),
        status=400,
        check=titled('Missing header value', 'The "X-A" header is required.'),
    ),
    Case(
        'invalid-param',
        raising(lambda: falcon.HTTPInvalidParam('Too big.', 'n')),
        status=400,
        check=titled('Invalid parameter', 'The "n" parameter is invalid. Too big.'),
    ),
    Case(
        'missing-param',
        raising(lambda: falcon.HTTPMissingParam('n')),
        status=400,
        check=titled('Missing parameter', 'The "n" parameter is required.'),
    ),
    Case(
        'media-not-found',
        raising(lambda: falcon.MediaNotFoundError('JSON')),
        status=400,
        check=titled('Invalid JSON'),
    ),
    Case(
        'media-malformed',
        raising(lambda: falcon.MediaMalformedError('JSON')),
        status=400,
        check=titled('Invalid JSON'),
    ),
    Case(
        'title-description',
        raising(lambda: falcon.HTTPConflict(title='Taken', description='Name in use')),
        status=409,
        json={'title': 'Taken', 'description': 'Name in use'},
    ),
    Case(
        'custom-headers',
        raising(lambda: falcon.HTTPForbidden(headers={'X-Why': 'policy'})),
        status=403,
        headers={'x-why': 'policy'},
    ),
    Case(
        'href-and-code',
        raising(lambda: falcon.HTTPBadRequest(href='http://docs.example/e', code=42)),
        status=400,
        check=lambda r: r.json['code'] == 42 and r.json['link']['href'] == 'http://docs.example/e',
    ),
    Case(
        'generic-http-error',
        raising(lambda: falcon.HTTPError(falcon.HTTP_402)),
        status=402,
        json={'title': '402 Payment Required'},
    ),
    Case('generic-http-error-int', raising(lambda: falcon.HTTPError(418)), status=418),
    Case(
        'unhandled-exception',
        raising(lambda: RuntimeError('boom')),
        status=500,
        json={'title': '500 Internal Server Error'},
    ),
]


def negotiate(accept: str | None) -> dict[str, Any]:
    return {'headers': {'Accept': accept}} if accept else {}


def xml_body(result: Any) -> None:
    assert result.content.startswith(b'<?xml')
    assert b'<title>404 Not Found</title>' in result.content


NOT_FOUND = raising(falcon.HTTPNotFound)

NEGOTIATION_CASES = [
    Case(
        'json-default',
        NOT_FOUND,
        status=404,
        headers={'content-type': 'application/json', 'vary': 'Accept'},
    ),
    Case(
        'json-wildcard',
        NOT_FOUND,
        request=negotiate('*/*'),
        status=404,
        headers={'content-type': 'application/json'},
    ),
    Case(
        'json-explicit',
        NOT_FOUND,
        request=negotiate('application/json'),
        status=404,
        json={'title': '404 Not Found'},
    ),
    Case(
        'xml',
        NOT_FOUND,
        request=negotiate('application/xml'),
        status=404,
        headers={'content-type': 'application/xml', 'vary': 'Accept'},
        check=xml_body,
    ),
    Case(
        'json-preferred-over-xml',
        NOT_FOUND,
        request=negotiate('application/xml;q=0.5, application/json'),
        status=404,
        headers={'content-type': 'application/json'},
    ),
    Case(
        'plus-json-suffix',
        NOT_FOUND,
        request=negotiate('application/problem+json'),
        status=404,
        headers={'content-type': 'application/json'},
    ),
    Case('unsupported-accept', NOT_FOUND, request=negotiate('image/png'), status=404),
    Case('head-error-no-body', raising(falcon.HTTPNotFound), method='HEAD', status=None, body=b''),
]


class AppError(Exception):
    pass


class SpecificError(AppError):
    pass


def with_handlers(app: Any) -> None:
    def handle_base(req: Any, resp: Any, ex: Exception, params: Any) -> None:
        resp.status = 409
        resp.media = {'handled_by': 'base', 'error': type(ex).__name__}

    def handle_specific(req: Any, resp: Any, ex: Exception, params: Any) -> None:
        resp.status = 422
        resp.media = {'handled_by': 'specific'}

    def route(error: type[Exception]) -> Any:
        def handler(req: Any, resp: Any) -> None:
            raise error()

        return resource(handler)

    app.add_error_handler(AppError, handle_base)
    app.add_error_handler(SpecificError, handle_specific)
    app.add_route('/base', route(AppError))
    app.add_route('/specific', route(SpecificError))
    app.add_route('/other', route(KeyError))


def handler_for_http_error(app: Any) -> None:
    def handle(req: Any, resp: Any, ex: Exception, params: Any) -> None:
        resp.status = falcon.HTTP_200
        resp.media = {'swallowed': type(ex).__name__}

    app.add_error_handler(falcon.HTTPNotFound, handle)
    app.add_route('/', resource(lambda req, resp: None))


def handler_reraises_http(app: Any) -> None:
    def handle(req: Any, resp: Any, ex: Exception, params: Any) -> None:
        raise falcon.HTTPBadGateway(description=str(ex))

    app.add_error_handler(ValueError, handle)

    def responder(req: Any, resp: Any) -> None:
        raise ValueError('upstream')

    app.add_route('/', resource(responder))


def handler_tuple(app: Any) -> None:
    def handle(req: Any, resp: Any, ex: Exception, params: Any) -> None:
        resp.media = {'caught': type(ex).__name__}

    app.add_error_handler((KeyError, IndexError), handle)

    def responder(req: Any, resp: Any) -> None:
        raise IndexError()

    app.add_route('/', resource(responder))


def handler_gets_params(app: Any) -> None:
    def handle(req: Any, resp: Any, ex: Exception, params: Any) -> None:
        resp.media = {'params': params}

    app.add_error_handler(LookupError, handle)

    def responder(req: Any, resp: Any, item: str) -> None:
        raise KeyError(item)

    app.add_route('/items/{item}', resource(responder))


def custom_serializer(app: Any) -> None:
    def serialize(req: Any, resp: Any, exception: Any) -> None:
        resp.content_type = 'text/plain'
        resp.text = f'error: {exception.title}'

    app.set_error_serializer(serialize)
    app.add_route('/', resource(lambda req, resp: (_ for _ in ()).throw(falcon.HTTPGone())))


HANDLER_CASES = [
    Case(
        'handler-base',
        with_handlers,
        path='/base',
        status=409,
        json={'handled_by': 'base', 'error': 'AppError'},
    ),
    Case(
        'handler-most-specific',
        with_handlers,
        path='/specific',
        status=422,
        json={'handled_by': 'specific'},
    ),
    Case('handler-none-matches', with_handlers, path='/other', status=500),
    Case(
        'handler-overrides-404',
        handler_for_http_error,
        path='/missing',
        json={'swallowed': 'HTTPRouteNotFound'},
    ),
    Case(
        'handler-raises-http-error',
        handler_reraises_http,
        status=502,
        json={'title': '502 Bad Gateway', 'description': 'upstream'},
    ),
    Case('handler-tuple', handler_tuple, json={'caught': 'IndexError'}),
    Case('handler-params', handler_gets_params, path='/items/x', json={'params': {'item': 'x'}}),
    Case(
        'custom-serializer',
        custom_serializer,
        status=410,
        body='error: 410 Gone',
        headers={'content-type': 'text/plain'},
    ),
]


def redirecting(error: Any) -> Any:
    return raising(lambda: error('/elsewhere'))


REDIRECT_CASES = [
    Case(name, redirecting(error), status=status, headers={'location': '/elsewhere'}, body=b'')
    for name, error, status in [
        ('moved-permanently', falcon.HTTPMovedPermanently, 301),
        ('found', falcon.HTTPFound, 302),
        ('see-other', falcon.HTTPSeeOther, 303),
        ('temporary-redirect', falcon.HTTPTemporaryRedirect, 307),
        ('permanent-redirect', falcon.HTTPPermanentRedirect, 308),
    ]
] + [
    Case(
        'http-status',
        raising(lambda: falcon.HTTPStatus(falcon.HTTP_204)),
        status=204,
        body=b'',
    ),
    Case('http-status-200', raising(lambda: falcon.HTTPStatus(falcon.HTTP_200)), body=b''),
    Case(
        'http-status-text',
        raising(lambda: falcon.HTTPStatus(falcon.HTTP_202, headers={'X-A': '1'}, text='queued')),
        status=202,
        body='queued',
        headers={'x-a': '1'},
    ),
    Case(
        'redirect-extra-headers',
        raising(lambda: falcon.HTTPFound('/x', headers={'Cache-Control': 'no-store'})),
        status=302,
        headers={'location': '/x', 'cache-control': 'no-store'},
    ),
]


@cases(FAMILY_CASES)
def test_error_family(case: Case) -> None:
    run(case)


@cases(NEGOTIATION_CASES)
def test_error_negotiation(case: Case) -> None:
    run(case)


@cases(HANDLER_CASES)
def test_error_handlers(case: Case) -> None:
    run(case)


@cases(REDIRECT_CASES)
def test_redirects_and_status(case: Case) -> None:
    run(case)
