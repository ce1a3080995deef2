"""Behaviours the FAQ (user/faq.rst) states, one test per answer, in both kinds of app where the
feature exists in both (the ``asgi``/``make_app`` fixtures)."""

import asyncio
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


def _resource(asgi, **responders):
    """Builds a resource from plain functions; under ASGI each responder is a coroutine."""
    namespace = {}
    for attr, body in responders.items():
        if asgi:

            async def responder(self, req, resp, _body=body, **params):
                outcome = _body(req, resp, **params)
                if hasattr(outcome, '__await__'):
                    await outcome

        else:

            def responder(self, req, resp, _body=body, **params):
                _body(req, resp, **params)

        namespace[attr] = responder
    return type('Built', (), namespace)()


def _set_media(value):
    return lambda req, resp, **params: setattr(resp, 'media', value)


# -- design -----------------------------------------------------------------------------------


def test_a_single_resource_object_handles_all_requests(asgi, make_app):
    served_by = []

    def on_get(req, resp):
        resp.media = None

    target = _resource(asgi, on_get=on_get)
    inner = type(target).on_get

    def tracking(self, req, resp):
        served_by.append(self)
        return inner(self, req, resp)

    type(target).on_get = tracking
    app = make_app()
    app.add_route('/counter', target)
    client = testing.TestClient(app)
    client.simulate_get('/counter')
    client.simulate_get('/counter')
    assert served_by == [target, target]


def test_wsgi_unhandled_error_is_500_and_written_to_wsgi_errors():
    def on_get(req, resp):
        raise LookupError('index gone')

    app = falcon.App()
    app.add_route('/search', _resource(False, on_get=on_get))
    sink = io.StringIO()
    result = testing.simulate_get(app, '/search', wsgierrors=sink)
    assert result.status == falcon.HTTP_500
    assert result.json == {'title': '500 Internal Server Error'}
    assert '[FALCON] [ERROR] GET /search' in sink.getvalue()
    assert 'LookupError: index gone' in sink.getvalue()


def test_asgi_unhandled_error_goes_to_the_falcon_logger(caplog):
    class Broken:
        async def on_get(self, req, resp):
            raise ZeroDivisionError('bad ratio')

    app = falcon.asgi.App()
    app.add_route('/ratio', Broken())

    with caplog.at_level(logging.INFO):
        result = testing.simulate_get(app, '/ratio')

    assert result.status == falcon.HTTP_500
    logged = [r for r in caplog.records if r.name.startswith('falcon')]
    assert [(r.levelno, r.getMessage()) for r in logged] == [
        (logging.ERROR, 'Unhandled exception in ASGI application')
    ]
    assert isinstance(logged[0].exc_info[1], ZeroDivisionError)
    assert 'ZeroDivisionError: bad ratio' in caplog.text


# -- routing ----------------------------------------------------------------------------------


def test_cors_enable_allows_any_origin(asgi, make_app):
    app = make_app(cors_enable=True)
    app.add_route('/menu', _resource(asgi, on_get=_set_media({})))
    result = testing.simulate_get(app, '/menu', headers={'Origin': 'https://ui.test'})
    assert result.status == falcon.HTTP_200
    assert result.headers['access-control-allow-origin'] == '*'


@pytest.mark.parametrize('skip_preflight', [True, False])
def test_token_check_must_let_preflight_through(asgi, make_app, skip_preflight):
    def check(req):
        if skip_preflight and req.method == 'OPTIONS':
            return
        if req.get_header('Authorization') != 'Bearer t0k':
            raise falcon.HTTPUnauthorized()

    class SyncGate:
        def process_request(self, req, resp):
            check(req)

    class AsyncGate:
        async def process_request(self, req, resp):
            check(req)

    app = make_app(cors_enable=True, middleware=[AsyncGate() if asgi else SyncGate()])
    app.add_route('/orders', _resource(asgi, on_get=_set_media([])))
    preflight = testing.simulate_options(
        app,
        '/orders',
        headers={
            'Origin': 'https://ui.test',
            'Access-Control-Request-Method': 'GET',
            'Access-Control-Request-Headers': 'authorization',
        },
    )
    if skip_preflight:
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
def test_redirect_errors(asgi, make_app, error, status):
    def on_get(req, resp):
        raise error('/v2/catalog')

    app = make_app()
    app.add_route('/v1/catalog', _resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/v1/catalog')
    assert result.status == status
    assert result.headers['location'] == '/v2/catalog'
    assert result.content == b''


def test_host_based_dispatch_in_front_of_a_wsgi_app():
    api = falcon.App()
    api.add_route('/', _resource(False, on_get=lambda req, resp: setattr(resp, 'text', 'new')))

    def legacy(environ, start_response):
        start_response('200 OK', [('Content-Type', 'text/plain')])
        return [b'old']

    def front(environ, start_response):
        host = environ.get('HTTP_HOST') or environ['SERVER_NAME']
        chosen = api if host.split('.', 1)[0] == 'api' else legacy
        return chosen(environ, start_response)

    assert testing.simulate_get(front, '/', host='api.shop.test').text == 'new'
    assert testing.simulate_get(front, '/', host='www.shop.test').text == 'old'


def test_suffix_splits_collection_and_item_responders(asgi, make_app):
    def echo(label):
        def responder(req, resp, **params):
            resp.media = {'via': label, **params}

        return responder

    books = _resource(
        asgi,
        on_get=echo('item get'),
        on_patch=echo('item patch'),
        on_delete=echo('item delete'),
        on_get_all=echo('list'),
        on_post_all=echo('create'),
    )
    app = make_app()
    app.add_route('/books/{isbn}', books)
    app.add_route('/books', books, suffix='all')
    client = testing.TestClient(app)

    assert client.simulate_get('/books/42').json == {'via': 'item get', 'isbn': '42'}
    assert client.simulate_patch('/books/42').json == {'via': 'item patch', 'isbn': '42'}
    assert client.simulate_delete('/books/42').json == {'via': 'item delete', 'isbn': '42'}
    assert client.simulate_get('/books').json == {'via': 'list'}
    assert client.simulate_post('/books').json == {'via': 'create'}
    assert client.simulate_post('/books/42').headers['allow'] == 'DELETE, GET, PATCH, OPTIONS'
    assert client.simulate_delete('/books').headers['allow'] == 'GET, POST, OPTIONS'


@pytest.mark.parametrize('one_class', [False, True])
def test_related_routes_on_one_or_two_classes(asgi, make_app, one_class):
    def health(req, resp, **params):
        resp.data = b'{"healthy": true}'

    def board(req, resp, board_id):
        resp.media = {'board': board_id}

    def moves(req, resp, board_id):
        resp.media = {'moves_of': board_id}

    app = make_app()
    if one_class:
        boards = _resource(asgi, on_get=board, on_get_moves=moves, on_get_health=health)
        app.add_route('/boards/{board_id}', boards)
        app.add_route('/boards/{board_id}/moves', boards, suffix='moves')
        app.add_route('/boards/health', boards, suffix='health')
    else:
        app.add_route('/boards/health', _resource(asgi, on_get=health))
        app.add_route('/boards/{board_id}', _resource(asgi, on_get=board))
    client = testing.TestClient(app)
    result = client.simulate_get('/boards/health')
    assert result.json == {'healthy': True}
    assert result.headers['content-type'] == 'application/json'
    assert client.simulate_get('/boards/b7').json == {'board': 'b7'}
    if one_class:
        assert client.simulate_get('/boards/b7/moves').json == {'moves_of': 'b7'}


def test_encoded_slash_is_a_separator_when_routing(asgi, make_app):
    app = make_app()
    app.add_route('/kv/{bucket}', _resource(asgi, on_get=lambda req, resp, bucket: None))
    app.add_route(
        '/kv/{bucket}/{key}',
        _resource(
            asgi, on_get=lambda req, resp, bucket, key: setattr(resp, 'media', [bucket, key])
        ),
    )
    assert testing.simulate_get(app, '/kv/red%2Fapple').json == ['red', 'apple']


# -- extensibility ----------------------------------------------------------------------------


def test_wsgi_app_wrapped_by_wsgi_middleware():
    class AddsVersion:
        def __init__(self, inner):
            self._inner = inner

        def __call__(self, environ, start_response):
            def with_version(status, headers, exc_info=None):
                return start_response(status, [*headers, ('X-Build', '7')], exc_info)

            return self._inner(environ, with_version)

    core = falcon.App()
    core.add_route('/', _resource(False, on_get=lambda req, resp: None))
    result = testing.simulate_get(AddsVersion(core), '/')
    assert result.status == falcon.HTTP_200
    assert result.headers['x-build'] == '7'


def test_hooks_hand_values_on_through_params_and_context(asgi, make_app):
    def identify(req, resp, resource, params):
        req.context.member = 'kim'
        req.context.groups = ['editors']
        params['tenant'] = 'north'

    def grade(req, resp, resource, params):
        params['editor'] = 'editors' in req.context.groups

    def publish(self, req, resp, tenant, editor):
        resp.media = [tenant, editor, req.context.member]

    async def publish_async(self, req, resp, tenant, editor):
        publish(self, req, resp, tenant, editor)

    chosen = publish_async if asgi else publish
    Articles = type(
        'Articles', (), {'on_post': falcon.before(identify)(falcon.before(grade)(chosen))}
    )

    app = make_app()
    app.add_route('/articles', Articles())
    assert testing.simulate_post(app, '/articles').json == ['north', True, 'kim']


@pytest.mark.parametrize('error_type', [falcon.HTTPRouteNotFound, falcon.HTTPNotFound])
def test_error_handler_for_unrouted_paths(asgi, make_app, error_type):
    def lost(req, resp, ex, params):
        resp.status = falcon.HTTP_404
        resp.content_type = falcon.MEDIA_HTML
        resp.text = f'<p>{req.path} is not here</p>'

    app = make_app()
    app.add_error_handler(error_type, lost)
    result = testing.simulate_get(app, '/attic')
    assert result.status == falcon.HTTP_404
    assert result.headers['content-type'] == 'text/html; charset=utf-8'
    assert result.text == '<p>/attic is not here</p>'


def test_catch_all_handler_does_not_swallow_http_errors(asgi, make_app):
    def fallback(req, resp, ex, params):
        resp.status = falcon.HTTP_500
        resp.media = {'failure': type(ex).__name__}

    def on_get(req, resp):
        raise AttributeError('nope')

    def on_put(req, resp):
        raise falcon.HTTPForbidden()

    def on_delete(req, resp):
        raise falcon.HTTPStatus(falcon.HTTP_204)

    app = make_app()
    app.add_error_handler(Exception, fallback)
    app.add_route('/', _resource(asgi, on_get=on_get, on_put=on_put, on_delete=on_delete))
    client = testing.TestClient(app)
    assert client.simulate_get('/').json == {'failure': 'AttributeError'}
    forbidden = client.simulate_put('/')
    assert forbidden.status == falcon.HTTP_403
    assert forbidden.json == {'title': '403 Forbidden'}
    assert client.simulate_delete('/').status == falcon.HTTP_204
    assert client.simulate_get('/missing').json == {'title': '404 Not Found'}


# -- requests ---------------------------------------------------------------------------------


def test_middleware_identifies_and_a_hook_authorizes(asgi, make_app):
    def who(req):
        req.context.member = req.get_header('X-Member')

    class SyncIdentify:
        def process_request(self, req, resp):
            who(req)

    class AsyncIdentify:
        async def process_request(self, req, resp):
            who(req)

    def staff_only(req, resp, resource, params):
        if req.context.member != 'ops':
            raise falcon.HTTPForbidden()

    def on_get(req, resp):
        resp.media = {'member': req.context.member}

    console = falcon.before(staff_only)(type(_resource(asgi, on_get=on_get)))()
    app = make_app(middleware=[AsyncIdentify() if asgi else SyncIdentify()])
    app.add_route('/console', console)
    client = testing.TestClient(app)
    assert client.simulate_get('/console', headers={'X-Member': 'ops'}).json == {'member': 'ops'}
    assert client.simulate_get('/console', headers={'X-Member': 'bob'}).status == falcon.HTTP_403


def test_bounded_stream_ends_at_content_length():
    def on_post(req, resp):
        first = req.bounded_stream.read()
        resp.media = [first.decode(), req.bounded_stream.read().decode()]

    app = falcon.App()
    app.add_route('/ingest', _resource(False, on_post=on_post))
    environ = testing.create_environ(
        '/ingest', method='POST', body=b'abcd', headers={'Content-Length': '4'}
    )
    environ['wsgi.input'] = io.BytesIO(b'abcdEXTRA BYTES OF THE NEXT REQUEST')
    seen = []
    chunks = app(environ, lambda status, headers: seen.append(status))
    assert json.loads(b''.join(chunks)) == ['abcd', '']
    assert seen == ['200 OK']


@pytest.mark.parametrize(
    ('strip', 'path', 'status'),
    [
        (False, '/shop/cart', 200),
        (False, '/shop/cart/', 404),
        (True, '/shop/cart', 200),
        (True, '/shop/cart/', 200),
    ],
)
def test_trailing_slash_option(asgi, make_app, strip, path, status):
    app = make_app()
    assert app.req_options.strip_url_path_trailing_slash is False
    app.req_options.strip_url_path_trailing_slash = strip
    app.add_route('/shop/cart', _resource(asgi, on_get=_set_media('cart')))
    result = testing.simulate_get(app, path)
    assert result.status_code == status
    if status == 200:
        assert result.json == 'cart'


def test_template_ending_in_slash_never_matches_when_stripping(asgi, make_app):
    app = make_app()
    app.req_options.strip_url_path_trailing_slash = True
    app.add_route('/shop/', _resource(asgi, on_get=_set_media('shop')))
    assert testing.simulate_get(app, '/shop/').status_code == 404
    assert testing.simulate_get(app, '/shop').status_code == 404
    app.add_route('/', _resource(asgi, on_get=_set_media('home')))
    assert testing.simulate_get(app, '/').json == 'home'


def _echo_params(asgi, make_app):
    app = make_app()
    app.add_route(
        '/', _resource(asgi, on_get=lambda req, resp: setattr(resp, 'media', req.params))
    )
    return app


@pytest.mark.parametrize('query_string', ['flag', 'flag='])
def test_blank_values_kept_unless_disabled(asgi, make_app, query_string):
    app = _echo_params(asgi, make_app)
    assert app.req_options.keep_blank_qs_values is True
    assert testing.simulate_get(app, '/', query_string=query_string).json == {'flag': ''}

    app.req_options.keep_blank_qs_values = False
    assert testing.simulate_get(app, '/', query_string=query_string).json == {}


def test_plus_decodes_to_space_and_encoded_plus_stays(asgi, make_app):
    app = _echo_params(asgi, make_app)
    result = testing.simulate_get(app, '/', query_string='x=1+1&y=1%2B1')
    assert result.json == {'x': '1 1', 'y': '1+1'}
    assert falcon.uri.parse_query_string('x=1+1&y=1%2B1') == {'x': '1 1', 'y': '1+1'}


def test_urlencoded_form_through_get_media(asgi, make_app):
    def answer(req, resp, form):
        resp.media = {'fields': form, 'is_form': req.content_type == falcon.MEDIA_URLENCODED}

    def on_post(req, resp):
        answer(req, resp, req.get_media())

    async def on_post_async(req, resp):
        answer(req, resp, await req.get_media())

    app = make_app()
    app.add_route('/signup', _resource(asgi, on_post=on_post_async if asgi else on_post))
    result = testing.simulate_post(
        app,
        '/signup',
        body='nick=the+owl&lang=py&lang=rs',
        headers={'Content-Type': 'application/x-www-form-urlencoded'},
    )
    assert result.json == {'fields': {'nick': 'the owl', 'lang': ['py', 'rs']}, 'is_form': True}


def test_urlencoded_form_parsed_by_hand():
    def on_post(req, resp):
        resp.media = falcon.uri.parse_query_string(req.bounded_stream.read().decode())

    app = falcon.App()
    app.add_route('/signup', _resource(False, on_post=on_post))
    result = testing.simulate_post(
        app, '/signup', body='p=3&q=4', headers={'Content-Type': falcon.MEDIA_URLENCODED}
    )
    assert result.json == {'p': '3', 'q': '4'}


FORM_BODY = (
    '--XyZ\r\n'
    'Content-Disposition: form-data; name="caption"\r\n'
    '\r\n'
    'sunset\r\n'
    '--XyZ\r\n'
    'Content-Disposition: form-data; name="upload"; filename="s.raw"\r\n'
    'Content-Type: application/octet-stream\r\n'
    '\r\n'
    'RAWDATA\r\n'
    '--XyZ--\r\n'
)


def test_multipart_parts_streamed_to_an_object_store(asgi, make_app):
    stored = {}

    class Uploader:
        def on_post(self, req, resp):
            seen = []
            for part in req.get_media():
                seen.append(part.name)
                if part.name == 'upload':
                    stored['photos/' + part.filename] = part.stream.read()
            resp.media = seen

    class AsyncUploader:
        async def on_post(self, req, resp):
            seen = []
            async for part in await req.get_media():
                seen.append(part.name)
                if part.name == 'upload':
                    stored['photos/' + part.filename] = await part.stream.read()
            resp.media = seen

    app = make_app()
    app.add_route('/photos', AsyncUploader() if asgi else Uploader())
    result = testing.simulate_post(
        app,
        '/photos',
        body=FORM_BODY,
        headers={'Content-Type': 'multipart/form-data; boundary=XyZ'},
    )
    assert result.json == ['caption', 'upload']
    assert stored == {'photos/s.raw': b'RAWDATA'}


def test_json_value_inside_the_query_string(asgi, make_app):
    airports = {'OSL': {'lat': 60.19, 'lon': 11.1}, 'LIS': {'lat': 38.78, 'lon': -9.13}}

    def on_get(req, resp):
        point = req.get_param_as_json('at')
        resp.media = {'code': next((c for c, p in airports.items() if p == point), None)}

    app = make_app()
    app.add_route('/nearest', _resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/nearest', query_string='at={"lat":38.78,"lon":-9.13}')
    assert result.json == {'code': 'LIS'}
    assert app.req_options.auto_parse_qs_csv is False


def test_comma_splitting_is_opt_in(asgi, make_app):
    app = _echo_params(asgi, make_app)
    client = testing.TestClient(app)
    assert client.simulate_get('/', query_string='v={"m":1,"n":2}').json == {'v': '{"m":1,"n":2}'}
    assert client.simulate_get('/', query_string='v=4,5,6').json == {'v': '4,5,6'}

    app.req_options.auto_parse_qs_csv = True
    assert client.simulate_get('/', query_string='v=4,5,6').json == {'v': ['4', '5', '6']}
    assert client.simulate_get('/', query_string='v={"m":1,"n":2}').json == {
        'v': ['{"m":1', '"n":2}']
    }
    assert client.simulate_get('/', query_string='v={"m":1%2C"n":2}').json == {
        'v': '{"m":1,"n":2}'
    }


def test_path_converter_takes_the_rest_of_the_path(asgi, make_app):
    app = make_app()
    app.add_route(
        '/raw/{rest:path}',
        _resource(asgi, on_get=lambda req, resp, rest: setattr(resp, 'media', rest)),
    )
    assert testing.simulate_get(app, '/raw/x/y/z.md').json == 'x/y/z.md'


def test_context_supports_attributes_and_items(asgi, make_app):
    def on_get(req, resp):
        req.context['locale'] = 'pt-BR'
        req.context.theme = 'dark'
        resp.media = [req.context.locale, req.context['theme'], type(req.context).__name__]

    app = make_app()
    app.add_route('/', _resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/').json == ['pt-BR', 'dark', 'Context']


def test_context_type_can_be_dict(asgi, make_app):
    request_base = falcon.asgi.Request if asgi else falcon.Request
    response_base = falcon.asgi.Response if asgi else falcon.Response
    DictRequest = type('DictRequest', (request_base,), {'context_type': dict})
    DictResponse = type('DictResponse', (response_base,), {'context_type': dict})

    def on_get(req, resp):
        req.context['a'] = 1
        resp.context['b'] = 2
        resp.media = [type(req.context).__name__, type(resp.context).__name__]

    app = make_app(request_type=DictRequest, response_type=DictResponse)
    app.add_route('/', _resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/').json == ['dict', 'dict']


# -- responses --------------------------------------------------------------------------------


def test_media_text_and_data_give_the_same_json_answer(asgi, make_app):
    payload = {'temperature': 21}

    def via_media(req, resp):
        resp.media = payload

    def via_text(req, resp):
        resp.text = json.dumps(payload)

    def via_data(req, resp):
        resp.data = json.dumps(payload).encode()

    app = make_app()
    app.add_route('/', _resource(asgi, on_get=via_media, on_put=via_text, on_post=via_data))
    client = testing.TestClient(app)
    for result in (client.simulate_get('/'), client.simulate_put('/'), client.simulate_post('/')):
        assert result.status == falcon.HTTP_200
        assert result.json == payload
        assert result.headers['content-type'] == 'application/json'
        assert result.headers['content-length'] == str(len(result.content))


def test_stream_bodies_have_no_computed_length(asgi, make_app, tmp_path):
    (tmp_path / 'saved.json').write_bytes(b'{"source": "disk"}')

    def from_file(req, resp):
        resp.stream = (tmp_path / 'saved.json').open('rb')

    def from_generator(req, resp):
        resp.stream = iter([b'{"source": ', b'"iterator"}'])

    def from_async_generator(req, resp):
        async def parts():
            for piece in (b'{"source": ', b'"async iterator"}'):
                yield piece

        resp.stream = parts()

    responders = {'on_get': from_file, 'on_post': from_generator}
    if asgi:
        responders['on_put'] = from_async_generator
    app = make_app()
    app.add_route('/', _resource(asgi, **responders))
    client = testing.TestClient(app)
    result = client.simulate_get('/')
    assert result.json == {'source': 'disk'}
    assert 'content-length' not in result.headers
    assert client.simulate_post('/').json == {'source': 'iterator'}
    if asgi:
        assert client.simulate_put('/').json == {'source': 'async iterator'}


def test_json_handler_with_a_custom_default(asgi, make_app):
    def fallback(value):
        if isinstance(value, datetime.date):
            return value.strftime('%d/%m/%Y')
        raise TypeError(value)

    app = make_app()
    app.resp_options.media_handlers[falcon.MEDIA_JSON] = falcon.media.JSONHandler(
        dumps=functools.partial(json.dumps, default=fallback)
    )
    app.add_route('/', _resource(asgi, on_get=_set_media({'due': datetime.date(2031, 2, 3)})))
    assert testing.simulate_get(app, '/').json == {'due': '03/02/2031'}

    with pytest.raises(TypeError):
        testing.simulate_post(app, '/', json={'due': datetime.date(2031, 2, 3)})


def test_error_body_depends_on_accept(asgi, make_app):
    def on_get(req, resp):
        raise falcon.HTTPBadRequest(title='Missing field')

    app = make_app()
    app.add_route('/', _resource(asgi, on_get=on_get))
    client = testing.TestClient(app)

    assert client.simulate_get('/', headers={'Accept': 'application/json'}).json == {
        'title': 'Missing field'
    }
    xml = client.simulate_get('/', headers={'Accept': 'application/xml'})
    assert xml.headers['content-type'] == 'application/xml'
    assert xml.text == (
        '<?xml version="1.0" encoding="UTF-8"?><error><title>Missing field</title></error>'
    )
    plain = client.simulate_get('/', headers={'Accept': 'text/plain'})
    assert plain.status == falcon.HTTP_400
    assert plain.content == b''

    def as_text(req, resp, exception):
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = exception.title.upper()

    app.set_error_serializer(as_text)
    assert client.simulate_get('/', headers={'Accept': 'text/plain'}).text == 'MISSING FIELD'


@pytest.mark.parametrize(
    'status', [falcon.HTTP_100, falcon.HTTP_204, falcon.HTTP_416, falcon.HTTP_304]
)
def test_body_dropped_for_head_and_bodiless_statuses(asgi, make_app, status):
    def on_get(req, resp):
        resp.status = status
        resp.text = 'ignored'

    def on_head(req, resp):
        resp.text = 'ignored'

    app = make_app()
    app.add_route('/', _resource(asgi, on_get=on_get, on_head=on_head))
    client = testing.TestClient(app)
    result = client.simulate_get('/')
    assert result.status == status
    assert result.content == b''
    head = client.simulate_head('/')
    assert head.status == falcon.HTTP_200
    assert head.content == b''


def test_416_error_is_sent_without_a_body(asgi, make_app):
    def on_get(req, resp):
        raise falcon.HTTPRangeNotSatisfiable(512, description='past the end')

    app = make_app()
    app.add_route('/', _resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/', headers={'Range': 'bytes=600-'})
    assert result.status == falcon.HTTP_416
    assert result.headers['content-range'] == 'bytes */512'
    assert result.headers['content-length'] == '0'
    assert result.content == b''


def test_set_cookie_defaults_to_secure(asgi, make_app):
    app = make_app()
    app.add_route('/', _resource(asgi, on_get=lambda req, resp: resp.set_cookie('sid', 'q1')))
    result = testing.simulate_get(app, '/')
    assert result.cookies['sid'].secure is True
    assert 'Secure' in result.headers['set-cookie']


def test_downloadable_as_sets_content_disposition(asgi, make_app):
    def on_get(req, resp):
        resp.downloadable_as = 'invoice-7.csv'
        resp.content_type = 'text/csv'
        resp.data = b'a,b\n'

    app = make_app()
    app.add_route('/', _resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.headers['content-disposition'] == 'attachment; filename="invoice-7.csv"'


def test_static_route_serves_a_folder(asgi, make_app, tmp_path):
    (tmp_path / 'about.html').write_text('<b>about</b>')
    app = make_app()
    app.add_static_route('/assets', str(tmp_path))
    result = testing.simulate_get(app, '/assets/about.html')
    assert result.status == falcon.HTTP_200
    assert result.text == '<b>about</b>'
    assert result.headers['content-type'] == 'text/html'
    assert testing.simulate_get(app, '/assets/contact.html').status == falcon.HTTP_404


# -- miscellaneous ----------------------------------------------------------------------------


def test_connection_pool_opened_and_closed_by_lifespan_middleware():
    trail = []

    class Pool:
        async def ready(self):
            trail.append('ready')

        async def acquire(self):
            trail.append('acquire')
            return 'c1'

        async def release(self, conn):
            trail.append('release ' + conn)

        async def shut(self):
            trail.append('shut')

    class Pooling:
        pool = None

        async def process_startup(self, scope, event):
            self.pool = Pool()
            await self.pool.ready()

        async def process_shutdown(self, scope, event):
            await self.pool.shut()

        async def process_request(self, req, resp):
            req.context.db = await self.pool.acquire()

        async def process_response(self, req, resp, resource, req_succeeded):
            if getattr(req.context, 'db', None):
                await self.pool.release(req.context.db)

    class Stats:
        async def on_get(self, req, resp):
            resp.media = {'conn': req.context.db}

    app = falcon.asgi.App(middleware=[Pooling()])
    app.add_route('/stats', Stats())

    async def run():
        async with testing.ASGIConductor(app) as conductor:
            assert (await conductor.simulate_get('/stats')).json == {'conn': 'c1'}
            assert (await conductor.simulate_get('/stats')).json == {'conn': 'c1'}

    asyncio.run(run())
    assert trail == ['ready', 'acquire', 'release c1', 'acquire', 'release c1', 'shut']


def test_responder_stops_a_wsgiref_server():
    class Silent(wsgiref.simple_server.WSGIRequestHandler):
        def log_message(self, *args):
            pass

    app = falcon.App()
    with wsgiref.simple_server.make_server('127.0.0.1', 0, app, handler_class=Silent) as server:

        def on_post(req, resp):
            threading.Thread(target=server.shutdown, daemon=True).start()
            resp.content_type = falcon.MEDIA_TEXT
            resp.status = http.HTTPStatus.ACCEPTED
            resp.text = 'bye\n'

        app.add_route('/stop', _resource(False, on_post=on_post))
        loop = threading.Thread(target=server.serve_forever, daemon=True)
        loop.start()
        conn = http.client.HTTPConnection('127.0.0.1', server.server_port, timeout=10)
        conn.request('POST', '/stop')
        answer = conn.getresponse()
        assert (answer.status, answer.reason, answer.read()) == (202, 'Accepted', b'bye\n')
        conn.close()
        loop.join(timeout=10)
        assert not loop.is_alive()


@pytest.fixture
def jar_client(asgi, make_app):
    app = make_app()
    app.add_route(
        '/jar', _resource(asgi, on_get=lambda req, resp: setattr(resp, 'media', req.cookies))
    )
    return testing.TestClient(app)


def test_simulated_request_cookies_argument(jar_client):
    assert jar_client.simulate_get('/jar', cookies={'flavour': 'oat raisin'}).json == {
        'flavour': 'oat raisin'
    }


def test_simulated_request_cookie_header(jar_client):
    assert jar_client.simulate_get('/jar', headers={'Cookie': 'a=1'}).json == {'a': '1'}
    assert jar_client.simulate_get('/jar', headers={'Cookie': 'a=1; b=2'}).json == {
        'a': '1',
        'b': '2',
    }


def test_simulated_content_length_header_wins_over_body(asgi, make_app):
    def classify(req, resp, data):
        if not req.content_length:
            resp.status = falcon.HTTP_204
        else:
            resp.status = falcon.HTTP_202 if data else falcon.HTTP_411

    def on_post(req, resp):
        classify(req, resp, req.content_length and req.stream.read(req.content_length))

    async def on_post_async(req, resp):
        classify(req, resp, req.content_length and await req.stream.read(req.content_length))

    app = make_app()
    app.add_route('/inbox', _resource(asgi, on_post=on_post_async if asgi else on_post))
    client = testing.TestClient(app)
    claimed = client.simulate_post('/inbox', body='', headers=[('Content-Length', '1')])
    assert claimed.status == falcon.HTTP_411
    assert client.simulate_post('/inbox').status == falcon.HTTP_204
    assert client.simulate_post('/inbox', body='z').status == falcon.HTTP_202


def test_engine_handed_to_the_resource(asgi, make_app):
    sqlalchemy = pytest.importorskip('sqlalchemy')
    schema = sqlalchemy.MetaData()
    scores = sqlalchemy.Table(
        'scores',
        schema,
        sqlalchemy.Column('player', sqlalchemy.String),
        sqlalchemy.Column('points', sqlalchemy.Integer),
    )
    engine = sqlalchemy.create_engine('sqlite:///:memory:')
    schema.create_all(engine)

    def on_post(req, resp):
        with engine.begin() as tx:
            tx.execute(scores.insert(), {'player': 'ana', 'points': 30})
        resp.status = falcon.HTTP_201

    def on_get(req, resp):
        with engine.connect() as db:
            resp.media = [list(row) for row in db.execute(scores.select())]

    app = make_app()
    app.add_route('/scores', _resource(asgi, on_post=on_post, on_get=on_get))
    client = testing.TestClient(app)
    assert client.simulate_post('/scores').status == falcon.HTTP_201
    assert client.simulate_get('/scores').json == [['ana', 30]]
