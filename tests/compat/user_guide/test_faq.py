"""The FAQ (user/faq.rst): every answer that states a behaviour, with the FAQ's own snippets.

Each test names the question it checks. Where a feature exists in both kinds of app the test
runs in both (the ``asgi``/``make_app`` fixtures); the FAQ's plain responders are written as
coroutines for ``falcon.asgi.App``, as a Falcon ASGI app needs them.
"""

import datetime
import functools
import http
import http.client
import io
import json
import logging
import threading
import wsgiref.simple_server

import pytest

import falcon
import falcon.asgi
import falcon.media
import falcon.testing
import falcon.uri
from falcon import testing


def _res(asgi, **responders):
    """A resource whose responders run the given plain functions, async for ASGI apps."""
    attrs = {}
    for name, func in responders.items():
        if asgi:

            async def method(self, req, resp, _func=func, **params):
                result = _func(req, resp, **params)
                if hasattr(result, '__await__'):
                    await result

        else:

            def method(self, req, resp, _func=func, **params):
                _func(req, resp, **params)

        attrs[name] = method
    return type('Resource', (), attrs)()


# -- Design Philosophy --------------------------------------------------------------------


def test_one_resource_instance_serves_every_request(asgi, make_app):
    # "Why doesn't Falcon create a new Resource instance for every request?"
    seen = []

    def on_get(req, resp):
        seen.append(id(resource))

    resource = _res(asgi, on_get=on_get)
    calls = []
    original = type(resource).on_get

    def spy(self, req, resp):
        calls.append(self)
        return original(self, req, resp)

    type(resource).on_get = spy
    app = make_app()
    app.add_route('/', resource)
    client = testing.TestClient(app)
    client.simulate_get('/')
    client.simulate_get('/')
    assert calls == [resource, resource]


def test_uncaught_exception_is_a_500_logged_to_wsgi_errors():
    # "What happens if my responder raises an error?" (WSGI: details go to wsgi.errors)
    def on_get(req, resp):
        raise ValueError('responder bug')

    app = falcon.App()
    app.add_route('/', _res(False, on_get=on_get))
    errors = io.StringIO()
    result = testing.simulate_get(app, '/', wsgierrors=errors)
    assert result.status == falcon.HTTP_500
    assert result.json == {'title': '500 Internal Server Error'}
    logged = errors.getvalue()
    assert '[FALCON] [ERROR] GET /' in logged
    assert 'ValueError: responder bug' in logged


def test_asgi_uncaught_exception_is_logged_through_the_falcon_logger(caplog):
    # "Why do I see no error tracebacks in my ASGI application?"
    class FaultyResource:
        async def on_get(self, req, resp):
            raise ValueError('foo')

    app = falcon.asgi.App()
    app.add_route('/things', FaultyResource())

    with caplog.at_level(logging.INFO):
        result = testing.simulate_get(app, '/things')

    assert result.status == falcon.HTTP_500
    records = [r for r in caplog.records if r.name.startswith('falcon')]
    assert [(r.levelno, r.getMessage()) for r in records] == [
        (logging.ERROR, 'Unhandled exception in ASGI application')
    ]
    assert isinstance(records[0].exc_info[1], ValueError)
    assert 'ValueError: foo' in caplog.text


# -- Routing ----------------------------------------------------------------------------------


def test_cors_enable(asgi, make_app):
    # "How do I implement CORS with Falcon?"
    app = make_app(cors_enable=True)
    app.add_route('/', _res(asgi, on_get=lambda req, resp: setattr(resp, 'media', {})))
    result = testing.simulate_get(app, '/', headers={'Origin': 'https://spa.example.com'})
    assert result.status == falcon.HTTP_200
    assert result.headers['access-control-allow-origin'] == '*'


@pytest.mark.parametrize('exempt_options', [True, False])
def test_authorization_preflight(asgi, make_app, exempt_options):
    # "Why is my request with authorization blocked despite cors_enable?"
    class SomeAuthMiddleware:
        def process_request(self, req, resp):
            if req.get_header('Authorization') != 'let-me-in':
                raise falcon.HTTPUnauthorized()

    class MyAuthMiddleware(SomeAuthMiddleware):
        def process_request(self, req, resp):
            # NOTE: Do not authenticate OPTIONS requests.
            if req.method != 'OPTIONS':
                super().process_request(req, resp)

    middleware = MyAuthMiddleware() if exempt_options else SomeAuthMiddleware()
    if asgi:
        sync_middleware = middleware

        class AsyncAuth:
            async def process_request(self, req, resp):
                sync_middleware.process_request(req, resp)

        middleware = AsyncAuth()

    app = make_app(cors_enable=True, middleware=[middleware])
    app.add_route('/items', _res(asgi, on_get=lambda req, resp: setattr(resp, 'media', [])))
    preflight = testing.simulate_options(
        app,
        '/items',
        headers={
            'Origin': 'https://spa.example.com',
            'Access-Control-Request-Method': 'GET',
            'Access-Control-Request-Headers': 'authorization',
        },
    )
    if exempt_options:
        assert preflight.status == falcon.HTTP_200
        assert preflight.headers['access-control-allow-methods'] == 'GET'
        assert preflight.headers['access-control-allow-headers'] == 'authorization'
    else:
        assert preflight.status == falcon.HTTP_401


@pytest.mark.parametrize(
    ('error', 'status'),
    [
        (falcon.HTTPMovedPermanently, falcon.HTTP_301),
        (falcon.HTTPFound, falcon.HTTP_302),
        (falcon.HTTPSeeOther, falcon.HTTP_303),
        (falcon.HTTPTemporaryRedirect, falcon.HTTP_307),
        (falcon.HTTPPermanentRedirect, falcon.HTTP_308),
    ],
)
def test_redirects(asgi, make_app, error, status):
    # "How do I implement redirects within Falcon?"
    def on_get(req, resp):
        raise error('/new-home')

    app = make_app()
    app.add_route('/old', _res(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/old')
    assert result.status == status
    assert result.headers['location'] == '/new-home'
    assert result.content == b''


def test_split_requests_with_a_wsgi_wrapper():
    # "How do I split requests between my original app and the part I migrated to Falcon?"
    falcon_app = falcon.App()
    falcon_app.add_route('/', _res(False, on_get=lambda req, resp: setattr(resp, 'text', 'f')))

    def webapp2_app(environ, start_response):
        start_response('200 OK', [('Content-Type', 'text/plain')])
        return [b'legacy']

    def application(environ, start_response):
        try:
            host = environ['HTTP_HOST']
        except KeyError:
            host = environ['SERVER_NAME']

        if host.startswith('api.'):
            return falcon_app(environ, start_response)
        else:
            return webapp2_app(environ, start_response)

    assert testing.simulate_get(application, '/', host='api.example.com').text == 'f'
    assert testing.simulate_get(application, '/', host='www.example.com').text == 'legacy'


def test_collection_and_item_with_suffixed_responders(asgi, make_app):
    # "How do I implement both POSTing and GETing items for the same resource?"
    def record(name):
        def responder(req, resp, **params):
            resp.media = {'responder': name, **params}

        return responder

    resource = _res(
        asgi,
        on_get=record('on_get'),
        on_patch=record('on_patch'),
        on_delete=record('on_delete'),
        on_get_collection=record('on_get_collection'),
        on_post_collection=record('on_post_collection'),
    )
    app = make_app()
    app.add_route('/resources/{id}', resource)
    app.add_route('/resources', resource, suffix='collection')
    client = testing.TestClient(app)

    assert client.simulate_get('/resources/7').json == {'responder': 'on_get', 'id': '7'}
    assert client.simulate_patch('/resources/7').json == {'responder': 'on_patch', 'id': '7'}
    assert client.simulate_delete('/resources/7').json == {'responder': 'on_delete', 'id': '7'}
    assert client.simulate_get('/resources').json == {'responder': 'on_get_collection'}
    assert client.simulate_post('/resources').json == {'responder': 'on_post_collection'}
    assert client.simulate_post('/resources/7').headers['allow'] == ('DELETE, GET, PATCH, OPTIONS')
    assert client.simulate_delete('/resources').headers['allow'] == 'GET, POST, OPTIONS'


def test_related_routes(asgi, make_app):
    # "What is the recommended way to map related routes to resource classes?"
    class Ping:
        def on_get(self, req, resp):
            resp.text = '{"message": "pong"}'

    class Game:
        def __init__(self, dao):
            self._dao = dao

        def on_get(self, req, resp, game_id):
            resp.media = {'game': game_id}

        def on_get_state(self, req, resp, game_id):
            resp.media = {'state': game_id}

        def on_get_ping(self, req, resp):
            resp.data = b'{"message": "pong"}'

    if asgi:

        class Ping(Ping):
            async def on_get(self, req, resp):
                super().on_get(req, resp)

        class Game(Game):
            async def on_get(self, req, resp, game_id):
                super().on_get(req, resp, game_id)

            async def on_get_state(self, req, resp, game_id):
                super().on_get_state(req, resp, game_id)

            async def on_get_ping(self, req, resp):
                super().on_get_ping(req, resp)

    for suffixed in (False, True):
        app = make_app()
        game = Game(dao=None)
        if suffixed:
            app.add_route('/game/{game_id}', game)
            app.add_route('/game/{game_id}/state', game, suffix='state')
            app.add_route('/game/ping', game, suffix='ping')
        else:
            app.add_route('/game/ping', Ping())
            app.add_route('/game/{game_id}', game)
        client = testing.TestClient(app)
        result = client.simulate_get('/game/ping')
        assert result.json == {'message': 'pong'}
        assert result.headers['content-type'] == 'application/json'
        assert client.simulate_get('/game/g1').json == {'game': 'g1'}
        if suffixed:
            assert client.simulate_get('/game/g1/state').json == {'state': 'g1'}


def test_percent_encoded_slash_is_decoded_before_routing(asgi, make_app):
    # "Why is my URL with percent-encoded forward slashes (%2F) routed incorrectly?"
    app = make_app()
    app.add_route('/cache/{a}', _res(asgi, on_get=lambda req, resp, a: setattr(resp, 'media', a)))
    app.add_route(
        '/cache/{a}/{b}',
        _res(asgi, on_get=lambda req, resp, a, b: setattr(resp, 'media', [a, b])),
    )
    result = testing.simulate_get(app, '/cache/left%2Fright')
    assert result.json == ['left', 'right']


# -- Extensibility ----------------------------------------------------------------------------


def test_wsgi_middleware_wraps_the_app():
    # "How do I use WSGI middleware with Falcon?"
    class DoSomethingFancy:
        def __init__(self, app):
            self._app = app

        def __call__(self, environ, start_response):
            def fancy_start_response(status, headers, exc_info=None):
                return start_response(status, [*headers, ('X-Fancy', 'yes')], exc_info)

            return self._app(environ, fancy_start_response)

    my_restful_service = falcon.App()
    my_restful_service.add_route('/', _res(False, on_get=lambda req, resp: None))
    app = DoSomethingFancy(my_restful_service)
    result = testing.simulate_get(app, '/')
    assert result.status == falcon.HTTP_200
    assert result.headers['x-fancy'] == 'yes'


def test_hook_passes_data_through_params_and_context(asgi, make_app):
    # "How can I pass data from a hook to a responder, and between hooks?"
    def authorize(req, resp, resource, params):
        req.context.role = 'root'
        req.context.scopes = ('storage', 'things')
        req.context.uid = 0
        params['account'] = 'acme'

    def check_role(req, resp, resource, params):
        params['is_root'] = req.context.role == 'root'

    if asgi:

        class Resource:
            @falcon.before(authorize)
            @falcon.before(check_role)
            async def on_post(self, req, resp, account, is_root):
                resp.media = [account, is_root, list(req.context.scopes), req.context.uid]

    else:

        class Resource:
            @falcon.before(authorize)
            @falcon.before(check_role)
            def on_post(self, req, resp, account, is_root):
                resp.media = [account, is_root, list(req.context.scopes), req.context.uid]

    app = make_app()
    app.add_route('/', Resource())
    assert testing.simulate_post(app, '/').json == ['acme', True, ['storage', 'things'], 0]


@pytest.mark.parametrize('error_type', [falcon.HTTPRouteNotFound, falcon.HTTPNotFound])
def test_custom_404_handler(asgi, make_app, error_type):
    # "How can I write a custom handler for 404 and 500 pages in falcon?"
    def handle_404(req, resp, ex, params):
        resp.status = falcon.HTTP_404
        resp.content_type = falcon.MEDIA_HTML
        resp.text = f'<h1>Nothing at {req.path}</h1>'

    app = make_app()
    app.add_error_handler(error_type, handle_404)
    result = testing.simulate_get(app, '/nowhere')
    assert result.status == falcon.HTTP_404
    assert result.headers['content-type'] == 'text/html; charset=utf-8'
    assert result.text == '<h1>Nothing at /nowhere</h1>'


def test_custom_500_handler_leaves_http_errors_alone(asgi, make_app):
    def handle_500(req, resp, ex, params):
        resp.status = falcon.HTTP_500
        resp.media = {'oops': type(ex).__name__}

    def on_get(req, resp):
        raise KeyError('x')

    def on_put(req, resp):
        raise falcon.HTTPForbidden()

    def on_delete(req, resp):
        raise falcon.HTTPStatus(falcon.HTTP_204)

    app = make_app()
    app.add_error_handler(Exception, handle_500)
    app.add_route('/', _res(asgi, on_get=on_get, on_put=on_put, on_delete=on_delete))
    client = testing.TestClient(app)
    assert client.simulate_get('/').json == {'oops': 'KeyError'}
    forbidden = client.simulate_put('/')
    assert forbidden.status == falcon.HTTP_403
    assert forbidden.json == {'title': '403 Forbidden'}
    assert client.simulate_delete('/').status == falcon.HTTP_204
    assert client.simulate_get('/missing').json == {'title': '404 Not Found'}


# -- Request Handling ---------------------------------------------------------------------


def test_authentication_middleware_feeds_hooks(asgi, make_app):
    # "How do I authenticate requests?"
    class AuthMiddleware:
        def process_request(self, req, resp):
            req.context.user = req.get_header('X-User')

    class AsyncAuthMiddleware:
        async def process_request(self, req, resp):
            req.context.user = req.get_header('X-User')

    def require_admin(req, resp, resource, params):
        if req.context.user != 'admin':
            raise falcon.HTTPForbidden()

    @falcon.before(require_admin)
    class Admin:
        def on_get(self, req, resp):
            resp.media = {'user': req.context.user}

    @falcon.before(require_admin)
    class AsyncAdmin:
        async def on_get(self, req, resp):
            resp.media = {'user': req.context.user}

    app = make_app(middleware=[AsyncAuthMiddleware() if asgi else AuthMiddleware()])
    app.add_route('/admin', AsyncAdmin() if asgi else Admin())
    client = testing.TestClient(app)
    assert client.simulate_get('/admin', headers={'X-User': 'admin'}).json == {'user': 'admin'}
    assert client.simulate_get('/admin', headers={'X-User': 'eve'}).status == falcon.HTTP_403


def test_bounded_stream_stops_at_content_length():
    # "Why does req.stream.read() hang for certain requests?"
    def on_post(req, resp):
        resp.media = {
            'all': req.bounded_stream.read().decode(),
            'again': req.bounded_stream.read().decode(),
        }

    app = falcon.App()
    app.add_route('/', _res(False, on_post=on_post))
    # The server's input stream holds more than Content-Length says.
    env = testing.create_environ(
        '/', method='POST', body=b'hello', headers={'Content-Length': '5'}
    )
    env['wsgi.input'] = io.BytesIO(b'hello-and-the-next-request')
    captured = {}
    body = b''.join(app(env, lambda status, headers: captured.setdefault('status', status)))
    assert captured['status'] == '200 OK'
    assert json.loads(body) == {'all': 'hello', 'again': ''}


@pytest.mark.parametrize(
    ('option', 'path', 'status'),
    [
        (False, '/foo/bar', 200),
        (False, '/foo/bar/', 404),
        (True, '/foo/bar', 200),
        (True, '/foo/bar/', 200),
    ],
)
def test_trailing_slash(asgi, make_app, option, path, status):
    # "How does Falcon handle a trailing slash in the request path?"
    app = make_app()
    assert app.req_options.strip_url_path_trailing_slash is False
    app.req_options.strip_url_path_trailing_slash = option
    app.add_route('/foo/bar', _res(asgi, on_get=lambda req, resp: setattr(resp, 'media', 'ok')))
    result = testing.simulate_get(app, path)
    assert result.status_code == status
    if status == 200:
        assert result.json == 'ok'


def test_route_with_trailing_slash_unreachable_when_stripping(asgi, make_app):
    app = make_app()
    app.req_options.strip_url_path_trailing_slash = True
    app.add_route('/foo/', _res(asgi, on_get=lambda req, resp: setattr(resp, 'media', 'ok')))
    assert testing.simulate_get(app, '/foo/').status_code == 404
    assert testing.simulate_get(app, '/foo').status_code == 404
    # The root path is the exception.
    app.add_route('/', _res(asgi, on_get=lambda req, resp: setattr(resp, 'media', 'root')))
    assert testing.simulate_get(app, '/').json == 'root'


def _params_app(asgi, make_app):
    app = make_app()
    app.add_route('/', _res(asgi, on_get=lambda req, resp: setattr(resp, 'media', req.params)))
    return app


@pytest.mark.parametrize('query_string', ['foo', 'foo='])
def test_blank_query_values(asgi, make_app, query_string):
    # "Why is my query parameter missing from the req object?"
    app = _params_app(asgi, make_app)
    assert app.req_options.keep_blank_qs_values is True
    assert testing.simulate_get(app, '/', query_string=query_string).json == {'foo': ''}

    app.req_options.keep_blank_qs_values = False
    assert testing.simulate_get(app, '/', query_string=query_string).json == {}


def test_plus_is_a_space(asgi, make_app):
    # "Why are '+' characters in my params being converted to spaces?"
    app = _params_app(asgi, make_app)
    result = testing.simulate_get(app, '/', query_string='q=a+b&r=a%2Bb')
    assert result.json == {'q': 'a b', 'r': 'a+b'}
    assert falcon.uri.parse_query_string('q=a+b&r=a%2Bb') == {'q': 'a b', 'r': 'a+b'}


def test_posted_form_params(asgi, make_app):
    # "How can I access POSTed form params?"
    class MyResource:
        def on_post(self, req, resp):
            form = req.get_media()
            resp.media = {'form': form, 'urlencoded': req.content_type == falcon.MEDIA_URLENCODED}

    class MyAsyncResource:
        async def on_post(self, req, resp):
            form = await req.get_media()
            resp.media = {'form': form, 'urlencoded': req.content_type == falcon.MEDIA_URLENCODED}

    app = make_app()
    app.add_route('/', MyAsyncResource() if asgi else MyResource())
    result = testing.simulate_post(
        app,
        '/',
        body='name=Jo+Doe&tag=a&tag=b',
        headers={'Content-Type': 'application/x-www-form-urlencoded'},
    )
    assert result.json == {'form': {'name': 'Jo Doe', 'tag': ['a', 'b']}, 'urlencoded': True}


def test_form_read_from_the_stream():
    # "POSTed form parameters may also be read directly from stream and parsed"
    def on_post(req, resp):
        resp.media = falcon.uri.parse_query_string(req.bounded_stream.read().decode())

    app = falcon.App()
    app.add_route('/', _res(False, on_post=on_post))
    result = testing.simulate_post(
        app, '/', body='a=1&b=2', headers={'Content-Type': falcon.MEDIA_URLENCODED}
    )
    assert result.json == {'a': '1', 'b': '2'}


MULTIPART = (
    '--BOUNDARY\r\n'
    'Content-Disposition: form-data; name="comment"\r\n'
    '\r\n'
    'hi\r\n'
    '--BOUNDARY\r\n'
    'Content-Disposition: form-data; name="myfile"; filename="a.bin"\r\n'
    'Content-Type: application/octet-stream\r\n'
    '\r\n'
    'file-bytes\r\n'
    '--BOUNDARY--\r\n'
)


def test_posted_files_streamed_to_storage(asgi, make_app):
    # "How can I access POSTed files?" and "... save POSTed files ... directly to AWS S3?"
    uploads = {}

    class FakeS3:
        def upload_fileobj(self, fileobj, bucket, key):
            uploads[(bucket, key)] = fileobj.read()

    class FakeAsyncS3:
        async def upload_fileobj(self, fileobj, bucket, key):
            uploads[(bucket, key)] = await fileobj.read()

    class Upload:
        def on_post(self, req, resp):
            s3 = FakeS3()
            names = []
            for part in req.get_media():
                names.append(part.name)
                if part.name == 'myfile':
                    s3.upload_fileobj(part.stream, 'mybucket', 'mykey')
            resp.media = names

    class AsyncUpload:
        async def on_post(self, req, resp):
            s3 = FakeAsyncS3()
            names = []
            form = await req.get_media()
            async for part in form:
                names.append(part.name)
                if part.name == 'myfile':
                    await s3.upload_fileobj(part.stream, 'mybucket', 'mykey')
            resp.media = names

    app = make_app()
    app.add_route('/upload', AsyncUpload() if asgi else Upload())
    result = testing.simulate_post(
        app,
        '/upload',
        body=MULTIPART,
        headers={'Content-Type': 'multipart/form-data; boundary=BOUNDARY'},
    )
    assert result.json == ['comment', 'myfile']
    assert uploads == {('mybucket', 'mykey'): b'file-bytes'}


def _location_resource(asgi):
    class LocationResource:
        def on_get(self, req, resp):
            places = {
                'Chandigarh, India': {'lat': 30.692781, 'long': 76.740875},
                'Ontario, Canada': {'lat': 43.539814, 'long': -80.246094},
            }

            coordinates = req.get_param_as_json('place')

            place = None
            for key, value in places.items():
                if coordinates == value:
                    place = key
                    break

            resp.media = {'place': place}

    if asgi:

        class LocationResource(LocationResource):
            async def on_get(self, req, resp):
                super().on_get(req, resp)

    return LocationResource()


def test_json_value_in_query_string(asgi, make_app):
    # "How do I retrieve a JSON value from the query string?"
    app = make_app()
    app.add_route('/locations', _location_resource(asgi))
    result = testing.simulate_get(
        app, '/locations', query_string='place={"lat":43.539814,"long":-80.246094}'
    )
    assert result.json == {'place': 'Ontario, Canada'}
    assert app.req_options.auto_parse_qs_csv is False


def test_auto_parse_qs_csv(asgi, make_app):
    app = _params_app(asgi, make_app)
    client = testing.TestClient(app)
    assert client.simulate_get('/', query_string='c={"a":1,"b":2}').json == {'c': '{"a":1,"b":2}'}
    assert client.simulate_get('/', query_string='c=1,2,3').json == {'c': '1,2,3'}

    app.req_options.auto_parse_qs_csv = True
    assert client.simulate_get('/', query_string='c=1,2,3').json == {'c': ['1', '2', '3']}
    assert client.simulate_get('/', query_string='c={"a":1,"b":2}').json == {
        'c': ['{"a":1', '"b":2}']
    }
    # Percent-encoded commas are not delimiters.
    assert client.simulate_get('/', query_string='c={"a":1%2C"b":2}').json == {
        'c': '{"a":1,"b":2}'
    }


def test_path_converter_consumes_slashes(asgi, make_app):
    # "How can I handle forward slashes within a route template field?"
    app = make_app()
    app.add_route(
        '/files/{path:path}',
        _res(asgi, on_get=lambda req, resp, path: setattr(resp, 'media', path)),
    )
    assert testing.simulate_get(app, '/files/a/b/c.txt').json == 'a/b/c.txt'


def test_context_is_attribute_and_mapping(asgi, make_app):
    # "How do I adapt my code to default context type changes in Falcon 2.0?"
    def on_get(req, resp):
        req.context['cache_backend'] = 'ultra-fast'
        req.context.region = 'eu'
        resp.media = {
            'attr': req.context.cache_backend,
            'item': req.context['region'],
            'type': type(req.context).__name__,
        }

    app = make_app()
    app.add_route('/', _res(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/').json == {
        'attr': 'ultra-fast',
        'item': 'eu',
        'type': 'Context',
    }


def test_dict_context_types(asgi, make_app):
    base_req = falcon.asgi.Request if asgi else falcon.Request
    base_resp = falcon.asgi.Response if asgi else falcon.Response

    class RequestWithDictContext(base_req):
        context_type = dict

    class ResponseWithDictContext(base_resp):
        context_type = dict

    def on_get(req, resp):
        req.context['cache_backend'] = 'ultra-fast'
        resp.context['x'] = 1
        resp.media = [type(req.context).__name__, type(resp.context).__name__]

    app = make_app(request_type=RequestWithDictContext, response_type=ResponseWithDictContext)
    app.add_route('/', _res(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/').json == ['dict', 'dict']


# -- Response Handling ----------------------------------------------------------------------


def test_media_text_data(asgi, make_app):
    # "When would I use media, data, text, and stream?"
    def on_get(req, resp):
        resp.media = {'hello': 'World'}

    def on_put(req, resp):
        resp.text = json.dumps({'hello': 'World'})

    def on_post(req, resp):
        resp.data = b'{"hello": "World"}'

    app = make_app()
    app.add_route('/', _res(asgi, on_get=on_get, on_put=on_put, on_post=on_post))
    client = testing.TestClient(app)
    for result in (client.simulate_get('/'), client.simulate_put('/'), client.simulate_post('/')):
        assert result.status == falcon.HTTP_200
        assert result.json == {'hello': 'World'}
        assert result.headers['content-type'] == 'application/json'
        # "Does Falcon set Content-Length or do I need to do that explicitly?"
        assert result.headers['content-length'] == str(len(result.content))


def test_stream_from_file(asgi, make_app, tmp_path):
    (tmp_path / 'myfile.json').write_bytes(b'{"from": "file"}')

    def on_get(req, resp):
        resp.stream = open(tmp_path / 'myfile.json', mode='rb')

    def on_post(req, resp):
        resp.stream = (chunk for chunk in (b'{"from": ', b'"generator"}'))

    def on_put(req, resp):
        async def chunks():
            yield b'{"from": '
            yield b'"async generator"}'

        resp.stream = chunks()

    responders = {'on_get': on_get, 'on_post': on_post}
    if asgi:
        responders['on_put'] = on_put
    app = make_app()
    app.add_route('/', _res(asgi, **responders))
    client = testing.TestClient(app)
    result = client.simulate_get('/')
    assert result.json == {'from': 'file'}
    # The length of a stream is not known unless the responder sets it.
    assert 'content-length' not in result.headers
    assert client.simulate_post('/').json == {'from': 'generator'}
    if asgi:
        assert client.simulate_put('/').json == {'from': 'async generator'}


def test_custom_json_default_for_datetime(asgi, make_app):
    # "How can I use resp.media with types like datetime?"
    def default(obj):
        if isinstance(obj, datetime.datetime):
            return obj.isoformat()
        raise TypeError(obj)

    def on_get(req, resp):
        resp.media = {'when': datetime.datetime(2024, 7, 13, 12, 11, 51)}

    app = make_app()
    handler = falcon.media.JSONHandler(dumps=functools.partial(json.dumps, default=default))
    app.resp_options.media_handlers[falcon.MEDIA_JSON] = handler
    app.add_route('/', _res(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/').json == {'when': '2024-07-13T12:11:51'}

    # The test client's json= uses the stdlib's json.dumps: custom objects are dumped by
    # the test itself and passed as the body.
    with pytest.raises(TypeError):
        testing.simulate_post(app, '/', json={'when': datetime.datetime(2024, 1, 1)})


def test_http_error_body_follows_accept(asgi, make_app):
    # "Why is an empty response body returned when I raise an instance of HTTPError?"
    def on_get(req, resp):
        raise falcon.HTTPBadRequest(title='Nope')

    app = make_app()
    app.add_route('/', _res(asgi, on_get=on_get))
    client = testing.TestClient(app)

    as_json = client.simulate_get('/', headers={'Accept': 'application/json'})
    assert as_json.json == {'title': 'Nope'}
    as_xml = client.simulate_get('/', headers={'Accept': 'application/xml'})
    assert as_xml.headers['content-type'] == 'application/xml'
    assert as_xml.text == (
        '<?xml version="1.0" encoding="UTF-8"?><error><title>Nope</title></error>'
    )
    neither = client.simulate_get('/', headers={'Accept': 'text/plain'})
    assert neither.status == falcon.HTTP_400
    assert neither.content == b''

    def serializer(req, resp, exception):
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = exception.title

    app.set_error_serializer(serializer)
    custom = client.simulate_get('/', headers={'Accept': 'text/plain'})
    assert custom.text == 'Nope'


@pytest.mark.parametrize(
    'status', [falcon.HTTP_100, falcon.HTTP_204, falcon.HTTP_416, falcon.HTTP_304]
)
def test_no_body_for_head_and_bodiless_statuses(asgi, make_app, status):
    # "I'm setting a response body, but it isn't getting returned. What's going on?"

    def on_get(req, resp):
        resp.status = status
        resp.text = 'some body'

    def on_head(req, resp):
        resp.text = 'some body'

    app = make_app()
    app.add_route('/', _res(asgi, on_get=on_get, on_head=on_head))
    client = testing.TestClient(app)
    result = client.simulate_get('/')
    assert result.status == status
    assert result.content == b''
    head = client.simulate_head('/')
    assert head.status == falcon.HTTP_200
    assert head.content == b''


def test_range_not_satisfiable_has_an_empty_body(asgi, make_app):
    def on_get(req, resp):
        raise falcon.HTTPRangeNotSatisfiable(1000, description='Beyond the end')

    app = make_app()
    app.add_route('/', _res(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/', headers={'Range': 'bytes=2000-'})
    assert result.status == falcon.HTTP_416
    assert result.headers['content-range'] == 'bytes */1000'
    assert result.headers['content-length'] == '0'
    assert result.content == b''


def test_cookies_are_secure_by_default(asgi, make_app):
    # "I'm setting a cookie, but it isn't being returned in subsequent requests."
    def on_get(req, resp):
        resp.set_cookie('session', 'abc')

    app = make_app()
    app.add_route('/', _res(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.cookies['session'].secure is True
    assert 'Secure' in result.headers['set-cookie']


def test_downloadable_as(asgi, make_app):
    # "How can I serve a downloadable file with Falcon?"
    def on_get(req, resp):
        resp.downloadable_as = 'report.pdf'
        resp.content_type = 'application/pdf'
        resp.data = b'%PDF-'

    app = make_app()
    app.add_route('/', _res(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.headers['content-disposition'] == 'attachment; filename="report.pdf"'


def test_static_route(asgi, make_app, tmp_path):
    # "Can Falcon serve static files?"
    (tmp_path / 'index.html').write_text('<p>hi</p>')
    app = make_app()
    app.add_static_route('/static', str(tmp_path))
    result = testing.simulate_get(app, '/static/index.html')
    assert result.status == falcon.HTTP_200
    assert result.text == '<p>hi</p>'
    assert result.headers['content-type'] == 'text/html'
    assert testing.simulate_get(app, '/static/missing.html').status == falcon.HTTP_404


# -- Misc -----------------------------------------------------------------------------------


def test_asgi_pool_middleware_with_lifespan():
    # "How do I manage my database connections with ASGI?" (a fake pool stands in for psycopg)
    events = []

    class FakePool:
        def __init__(self, url):
            self.url = url

        async def wait(self):
            events.append('wait')

        async def close(self):
            events.append('close')

        async def getconn(self):
            events.append('getconn')
            return 'conn'

        async def putconn(self, conn):
            events.append(f'putconn {conn}')

    url = 'postgresql://scott:tiger@127.0.0.1:5432/test'

    class AsyncPoolMiddleware:
        def __init__(self):
            self._pool = None

        async def process_startup(self, scope, event):
            self._pool = FakePool(url)
            await self._pool.wait()  # created the pooled connections

        async def process_shutdown(self, scope, event):
            if self._pool:
                await self._pool.close()

        async def process_request(self, req, resp):
            req.context.pool = self._pool

            try:
                req.context.conn = await self._pool.getconn()
            except Exception:
                req.context.conn = None
                raise

        async def process_response(self, req, resp, resource, req_succeeded):
            if req.context.conn:
                await self._pool.putconn(req.context.conn)

    class Numbers:
        async def on_get(self, req, resp):
            resp.media = [req.context.conn]

        async def on_get_with_pool(self, req, resp):
            resp.media = [req.context.pool.url]

    from falcon.asgi import App

    app = App(middleware=[AsyncPoolMiddleware()])
    num = Numbers()
    app.add_route('/conn', num)
    app.add_route('/pool', num, suffix='with_pool')

    async def scenario():
        async with testing.ASGIConductor(app) as conductor:
            assert (await conductor.simulate_get('/conn')).json == ['conn']
            assert (await conductor.simulate_get('/pool')).json == [url]

    import asyncio

    asyncio.run(scenario())
    assert events == ['wait', 'getconn', 'putconn conn', 'getconn', 'putconn conn', 'close']


def test_shutdown_from_the_app():
    # "Can I shut my server down cleanly from the app?" (bound to an ephemeral local port)
    class Shutdown:
        def __init__(self, httpd):
            self._httpd = httpd

        def on_post(self, req, resp):
            thread = threading.Thread(target=self._httpd.shutdown, daemon=True)
            thread.start()

            resp.content_type = falcon.MEDIA_TEXT
            resp.text = 'Shutting down...\n'
            resp.status = http.HTTPStatus.ACCEPTED

    class QuietHandler(wsgiref.simple_server.WSGIRequestHandler):
        def log_message(self, *args):
            pass

    with wsgiref.simple_server.make_server(
        '127.0.0.1', 0, app := falcon.App(), handler_class=QuietHandler
    ) as httpd:
        app.add_route('/shutdown', Shutdown(httpd))
        server = threading.Thread(target=httpd.serve_forever, daemon=True)
        server.start()
        connection = http.client.HTTPConnection('127.0.0.1', httpd.server_port, timeout=10)
        connection.request('POST', '/shutdown')
        response = connection.getresponse()
        assert response.status == 202
        assert response.reason == 'Accepted'
        assert response.read() == b'Shutting down...\n'
        connection.close()
        server.join(timeout=10)
        assert not server.is_alive()


@pytest.fixture
def cookie_client(asgi, make_app):
    class TastyCookies:
        def on_get(self, req, resp):
            resp.media = {'cookies': req.cookies}

    class AsyncTastyCookies:
        async def on_get(self, req, resp):
            resp.media = {'cookies': req.cookies}

    app = make_app()
    app.add_route('/cookies', AsyncTastyCookies() if asgi else TastyCookies())

    return falcon.testing.TestClient(app)


def test_cookies(cookie_client):
    # "How can I set cookies when simulating requests?"
    resp = cookie_client.simulate_get('/cookies', cookies={'cookie': 'cookie value'})

    assert resp.json == {'cookies': {'cookie': 'cookie value'}}


def test_cookies_header(cookie_client):
    resp = cookie_client.simulate_get('/cookies', headers={'Cookie': 'xxx=yyy'})

    assert resp.json == {'cookies': {'xxx': 'yyy'}}

    resp = cookie_client.simulate_get('/cookies', headers={'Cookie': 'xxx=yyy; hello=world'})
    assert resp.json == {'cookies': {'xxx': 'yyy', 'hello': 'world'}}


def test_post_empty_body_with_length(asgi, make_app):
    # "How can I set header fields when simulating requests?"
    class PostTest:
        def on_post(self, req, resp):
            if req.content_length in (None, 0):
                resp.status = falcon.HTTP_200
            else:
                if req.stream.read(req.content_length or 0):
                    resp.status = falcon.HTTP_201
                else:
                    resp.status = falcon.HTTP_400

    class AsyncPostTest:
        async def on_post(self, req, resp):
            if req.content_length in (None, 0):
                resp.status = falcon.HTTP_200
            else:
                if await req.stream.read(req.content_length or 0):
                    resp.status = falcon.HTTP_201
                else:
                    resp.status = falcon.HTTP_400

    app = make_app()
    app.add_route('/resource', AsyncPostTest() if asgi else PostTest())
    client = falcon.testing.TestClient(app)

    headers = [
        ('Content-Length', '1'),
    ]
    body = ''
    result = client.simulate_post(path='/resource', body=body, headers=headers)
    assert result.status == falcon.HTTP_400

    assert client.simulate_post('/resource').status == falcon.HTTP_200
    assert client.simulate_post('/resource', body='x').status == falcon.HTTP_201


def test_database_engine_passed_to_the_resource(asgi, make_app):
    # "How do I manage my database connections?" (SQLAlchemy Core on in-memory SQLite)
    sqlalchemy = pytest.importorskip('sqlalchemy')
    metadata = sqlalchemy.MetaData()
    some_table = sqlalchemy.Table(
        'some_table',
        metadata,
        sqlalchemy.Column('col1', sqlalchemy.Integer),
        sqlalchemy.Column('col2', sqlalchemy.String),
    )
    engine = sqlalchemy.create_engine('sqlite:///:memory:')
    metadata.create_all(engine)

    class SomeResource:
        def __init__(self, engine):
            self._engine = engine

        def on_post(self, req, resp):
            # Write to the DB within a transaction
            with self._engine.begin() as connection:
                connection.execute(some_table.insert(), {'col1': 7, 'col2': 'this is some data'})
            resp.status = falcon.HTTP_201

        def on_get(self, req, resp):
            # Read from the DB
            with self._engine.connect() as connection:
                result = connection.execute(some_table.select())
                resp.media = [list(row) for row in result]

    resource = SomeResource(engine)
    if asgi:
        sync_resource = resource

        class SomeResource:
            async def on_post(self, req, resp):
                sync_resource.on_post(req, resp)

            async def on_get(self, req, resp):
                sync_resource.on_get(req, resp)

        resource = SomeResource()

    app = make_app()
    app.add_route('/rows', resource)
    client = testing.TestClient(app)
    assert client.simulate_post('/rows').status == falcon.HTTP_201
    assert client.simulate_get('/rows').json == [[7, 'this is some data']]
