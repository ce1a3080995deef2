"""Fuzz both apps over HTTP: bad input is a 4xx (never a 500), and both modes answer alike.

A probe app reads every request property and parser: headers, the typed header getters,
every ``get_param_as_*``, cookies, content negotiation, conditional and range headers, the
host / forwarded family, the body through each media handler (JSON, MessagePack, form,
multipart), and routes with every field converter. Responders return what they read, so
any difference between ``falcon.App`` and ``falcon.asgi.App`` shows in the body.

Each example is sent to both apps by :func:`falcon.testing.compare_apps`, which fails on
any difference in status, headers, cookies or body; the test then fails on any 5xx (the
unexpected exception is in the failure message) and on any request that takes longer than
:data:`REQUEST_TIMEOUT` seconds.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import math
import re
import signal
import traceback
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

import falcon
import falcon.asgi
import falcon.media
import falcon.media.multipart
from falcon.testing._conformance import ModeMismatchError, both_modes, compare_apps, is_asgi_app
from tests.fuzz import strategies as fz

#: Seconds a single request (both modes) may take before the example fails as a hang.
REQUEST_TIMEOUT = 10.0

FAST = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
THOROUGH = settings(FAST, max_examples=600)

# wsgiref's validator warns about methods it does not know; unknown methods are the point.
pytestmark = pytest.mark.filterwarnings('ignore::wsgiref.validate.WSGIWarning')

# -- plain values ------------------------------------------------------------------------------


#: How deep :func:`plain` follows nested containers (parsers may accept deeper ones).
PLAIN_DEPTH = 40


def plain(value: Any, depth: int = 0) -> Any:
    """Turn what a request property returns into JSON that shows every detail of it.

    Strings that UTF-8 cannot carry (lone surrogates, which JSON escapes may produce) are
    shown as the hex of their ``surrogatepass`` encoding.
    """
    if isinstance(value, str):
        return value if _encodable(value) else {'surrogates': _hex(value)}
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, (bytes, bytearray)):
        return {'bytes': bytes(value).hex()}
    if isinstance(value, (datetime.datetime, datetime.date)):
        return {'datetime': value.isoformat(), 'type': type(value).__name__}
    if isinstance(value, uuid.UUID):
        return {'uuid': str(value)}
    if isinstance(value, falcon.Forwarded):
        return {
            'src': value.src,
            'dest': value.dest,
            'host': value.host,
            'scheme': value.scheme,
        }
    if depth >= PLAIN_DEPTH:
        return {'nested': type(value).__name__}
    if isinstance(value, dict):
        return {
            key if isinstance(key, str) and _encodable(key) else repr(plain(key)): plain(
                item, depth + 1
            )
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [plain(item, depth + 1) for item in value]
    text = repr(value)
    return re.sub(r' at 0x[0-9a-f]+', '', text)


def _encodable(text: str) -> bool:
    return text.isascii() or not any('\ud800' <= char <= '\udfff' for char in text)


def _hex(text: str) -> str:
    return text.encode('utf-8', 'surrogatepass').hex()


def outcome(read: Callable[[], Any]) -> Any:
    """The value ``read()`` returns, or the HTTP error it raises; other errors propagate."""
    try:
        value = read()
    except falcon.HTTPError as error:
        return {'error': error.status_code, 'title': error.title}
    extra = {'weak': [tag.is_weak for tag in value]} if _is_etag_list(value) else {}
    return {'value': plain(value), **extra}


def _is_etag_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and hasattr(value[0], 'is_weak')


# -- what the probe reads ----------------------------------------------------------------------

PROPERTIES: dict[str, Callable[[Any], Any]] = {
    # Falcon documents upper-case names from the WSGI req.headers and lower-case from ASGI.
    # Their order is the server's, and the WSGI environ has its own.
    'headers': lambda req: sorted((name.lower(), value) for name, value in req.headers.items()),
    'headers_lower': lambda req: sorted(req.headers_lower.items()),
    'x_int': lambda req: req.get_header_as_int('X-Int'),
    'x_date': lambda req: req.get_header_as_datetime('X-Date'),
    'x_date_obs': lambda req: req.get_header_as_datetime('X-Date', obs_date=True),
    'x_media_required': lambda req: req.get_header('X-Media', required=True),
    'content_length': lambda req: req.content_length,
    'content_type': lambda req: req.content_type,
    'auth': lambda req: req.auth,
    'expect': lambda req: req.expect,
    'referer': lambda req: req.referer,
    'user_agent': lambda req: req.user_agent,
    'last_event_id': lambda req: req.last_event_id,
    'accept': lambda req: req.accept,
    'date': lambda req: req.date,
    'if_modified_since': lambda req: req.if_modified_since,
    'if_unmodified_since': lambda req: req.if_unmodified_since,
    'if_range': lambda req: req.if_range,
    'if_match': lambda req: req.if_match,
    'if_none_match': lambda req: req.if_none_match,
    'range': lambda req: req.range,
    'range_unit': lambda req: req.range_unit,
    'client_accepts_json': lambda req: req.client_accepts_json,
    'client_accepts_msgpack': lambda req: req.client_accepts_msgpack,
    'client_accepts_xml': lambda req: req.client_accepts_xml,
    'client_accepts_x_media': lambda req: req.client_accepts(req.get_header('X-Media') or '*/*'),
    'client_prefers': lambda req: req.client_prefers(
        ['application/json', 'text/html', 'application/msgpack']
    ),
    'client_prefers_x_media': lambda req: req.client_prefers(
        [req.get_header('X-Media') or 'a/b', 'text/plain']
    ),
    'method': lambda req: req.method,
    'path': lambda req: req.path,
    'query_string': lambda req: req.query_string,
    'scheme': lambda req: req.scheme,
    'root_path': lambda req: req.root_path,
    'host': lambda req: req.host,
    'port': lambda req: req.port,
    'netloc': lambda req: req.netloc,
    'subdomain': lambda req: req.subdomain,
    'uri': lambda req: req.uri,
    'url': lambda req: req.url,
    'relative_uri': lambda req: req.relative_uri,
    'prefix': lambda req: req.prefix,
    'forwarded': lambda req: req.forwarded,
    'forwarded_scheme': lambda req: req.forwarded_scheme,
    'forwarded_host': lambda req: req.forwarded_host,
    'forwarded_prefix': lambda req: req.forwarded_prefix,
    'forwarded_uri': lambda req: req.forwarded_uri,
    'access_route': lambda req: req.access_route,
    'remote_addr': lambda req: req.remote_addr,
    'cookies': lambda req: req.cookies,
    'cookie_values_a': lambda req: req.get_cookie_values('a'),
    'cookie_values_session': lambda req: req.get_cookie_values('session'),
    'params': lambda req: req.params,
    'has_param_x': lambda req: req.has_param('x'),
    'param_x': lambda req: req.get_param('x'),
    'param_int': lambda req: req.get_param_as_int('i'),
    'param_int_bounded': lambda req: req.get_param_as_int('i', min_value=-5, max_value=10**6),
    'param_int_required': lambda req: req.get_param_as_int('i', required=True),
    'param_float': lambda req: req.get_param_as_float('f'),
    'param_float_bounded': lambda req: req.get_param_as_float('f', min_value=0.0, max_value=1.0),
    'param_bool': lambda req: req.get_param_as_bool('b'),
    'param_bool_blank': lambda req: req.get_param_as_bool('b', blank_as_true=False),
    'param_uuid': lambda req: req.get_param_as_uuid('u'),
    'param_list': lambda req: req.get_param_as_list('l'),
    'param_list_int': lambda req: req.get_param_as_list('l', transform=int),
    'param_list_pipe': lambda req: req.get_param_as_list('l', delimiter='|'),
    'param_int_single': lambda req: req.get_param_as_int('i', allow_multiple=False),
    'param_dict_deep': lambda req: req.get_param_as_dict('d', deep_object=True),
    'param_dict_pipe': lambda req: req.get_param_as_dict('d', delimiter='|'),
    'param_dict': lambda req: req.get_param_as_dict('d'),
    'param_json': lambda req: req.get_param_as_json('j'),
    'param_media': lambda req: req.get_param_as_media('m'),
    'param_datetime': lambda req: req.get_param_as_datetime('dt'),
    'param_datetime_format': lambda req: req.get_param_as_datetime('dt', '%Y-%m-%d'),
    'param_date': lambda req: req.get_param_as_date('date'),
    'param_date_format': lambda req: req.get_param_as_date('date', '%Y%m%d'),
    'query_as_media': lambda req: req.get_query_string_as_media(),
}


def read_everything(req: Any) -> dict[str, Any]:
    """Every property of :data:`PROPERTIES`, each as its value or its HTTP error."""
    return {name: outcome(functools.partial(read, req)) for name, read in PROPERTIES.items()}


class Everything:
    """Reads every request property, whatever the method."""

    def on_get(self, req: Any, resp: Any) -> None:
        resp.media = read_everything(req)

    on_head = on_post = on_put = on_patch = on_delete = on_options = on_get


class OneProperty:
    """Reads a single property, letting its HTTP error reach the app's error handling."""

    def on_get(self, req: Any, resp: Any, name: str) -> None:
        read = PROPERTIES.get(name)
        if read is None:
            raise falcon.HTTPNotFound()
        resp.media = {name: plain(read(req))}

    on_post = on_get


class Converted:
    """Echoes the converted fields of a route with converters."""

    def on_get(self, req: Any, resp: Any, **fields: Any) -> None:
        resp.media = {'fields': plain(fields), 'path': req.path}


def summarize_form(form: Any) -> list[dict[str, Any]]:
    """Read every part of a synchronous multipart form."""
    parts = []
    for part in form:
        data = outcome(part.get_data)
        parts.append(
            {
                'name': outcome(functools.partial(getattr, part, 'name')),
                'filename': outcome(functools.partial(getattr, part, 'filename')),
                'secure_filename': outcome(functools.partial(getattr, part, 'secure_filename')),
                'content_type': part.content_type,
                'data': data,
                'text': outcome(part.get_text) if 'error' not in data else None,
                'media': outcome(part.get_media) if 'error' not in data else None,
            }
        )
    return parts


async def summarize_async_form(form: Any) -> list[dict[str, Any]]:
    """Read every part of an asynchronous multipart form, as :func:`summarize_form` does."""
    parts = []
    async for part in form:
        data = await async_outcome(part.get_data)
        parts.append(
            {
                'name': outcome(functools.partial(getattr, part, 'name')),
                'filename': outcome(functools.partial(getattr, part, 'filename')),
                'secure_filename': outcome(functools.partial(getattr, part, 'secure_filename')),
                'content_type': part.content_type,
                'data': data,
                'text': await async_outcome(part.get_text) if 'error' not in data else None,
                'media': await async_outcome(part.get_media) if 'error' not in data else None,
            }
        )
    return parts


async def async_outcome(read: Callable[[], Any]) -> Any:
    """:func:`outcome` for a coroutine function."""
    try:
        value = await read()
    except falcon.HTTPError as error:
        return {'error': error.status_code, 'title': error.title}
    return {'value': plain(value)}


class Media:
    """Reads the body with the media handler for its Content-Type (WSGI).

    ``GET`` reads it with a default for an empty body, the other methods without.
    """

    def on_post(self, req: Any, resp: Any) -> None:
        self.answer(resp, req.get_media())

    on_put = on_patch = on_delete = on_post

    def on_get(self, req: Any, resp: Any) -> None:
        self.answer(resp, req.get_media(default_when_empty={'empty': True}))

    @staticmethod
    def answer(resp: Any, media: Any) -> None:
        if isinstance(media, falcon.media.multipart.MultipartForm):
            resp.media = {'parts': summarize_form(media)}
        else:
            resp.media = {'media': plain(media)}


class AsyncMedia:
    """Reads the body with the media handler for its Content-Type (ASGI), as Media does."""

    async def on_post(self, req: Any, resp: Any) -> None:
        await self.answer(resp, await req.get_media())

    on_put = on_patch = on_delete = on_post

    async def on_get(self, req: Any, resp: Any) -> None:
        await self.answer(resp, await req.get_media(default_when_empty={'empty': True}))

    @staticmethod
    async def answer(resp: Any, media: Any) -> None:
        if hasattr(media, '__aiter__'):
            resp.media = {'parts': await summarize_async_form(media)}
        else:
            resp.media = {'media': plain(media)}


class Raw:
    """Reads the raw body stream (bounded by Content-Length)."""

    def on_post(self, req: Any, resp: Any) -> None:
        resp.media = {'length': len(req.bounded_stream.read()), 'declared': req.content_length}


class AsyncRaw:
    async def on_post(self, req: Any, resp: Any) -> None:
        data = await req.bounded_stream.read()
        resp.media = {'length': len(data), 'declared': req.content_length}


def sink(req: Any, resp: Any, **groups: Any) -> None:
    resp.media = {'sink': plain(groups)}


CONVERTER_ROUTES = (
    '/conv/int/{value:int}',
    '/conv/int3/{value:int(3)}',
    '/conv/intrange/{value:int(min=-10, max=10**4)}',
    '/conv/float/{value:float}',
    '/conv/floatrange/{value:float(min=0, max=1)}',
    '/conv/uuid/{value:uuid}',
    '/conv/dt/{value:dt}',
    '/conv/dtformat/{value:dt("%Y-%m-%d")}',
    '/conv/path/{value:path}',
    '/conv/plain/{value}',
    '/conv/pair/{left}.{right}',
    '/conv/nested/{outer}/items/{inner:int}',
)


def build_probe(app: Any) -> None:
    """Set up the probe routes on ``app`` (either kind)."""
    asgi = is_asgi_app(app)
    handlers = app.req_options.media_handlers
    handlers[falcon.MEDIA_MSGPACK] = falcon.media.MessagePackHandler()
    handlers['application/x-msgpack'] = falcon.media.MessagePackHandler()
    handlers[falcon.MEDIA_URLENCODED] = falcon.media.URLEncodedFormHandler()
    handlers[falcon.MEDIA_MULTIPART] = falcon.media.MultipartFormHandler()
    app.add_route('/everything', Everything())
    app.add_route('/one/{name}', OneProperty())
    app.add_route('/media', AsyncMedia() if asgi else Media())
    app.add_route('/raw', AsyncRaw() if asgi else Raw())
    for template in CONVERTER_ROUTES:
        app.add_route(template.replace('10**4', '10000'), Converted())
    app.add_sink(sink, re.compile(r'/sink/(?P<rest>.*)'))
    app.set_error_reporter(report_unexpected)


def report_unexpected(req: Any, error: BaseException, params: Any, handled: bool) -> None:
    """Keep the exceptions that are not an HTTP answer (the reporter sees those too)."""
    if not isinstance(error, (falcon.HTTPError, falcon.HTTPStatus)):
        FAILURES.append(error)


FAILURES: list[BaseException] = []
ROUTE_NAMES = ('everything', 'one', 'media', 'raw', 'conv', 'sink')


#: Carries a ``Content-Length`` value past ``wsgiref.validate``, which refuses malformed ones
#: before the app could see them (a real server may pass them on).
RAW_CONTENT_LENGTH = 'X-Raw-Content-Length'
_RAW_WSGI_KEY = 'HTTP_' + RAW_CONTENT_LENGTH.upper().replace('-', '_')
_RAW_ASGI_NAME = RAW_CONTENT_LENGTH.lower().encode()


def with_raw_content_length(wsgi_app: Any, asgi_app: Any) -> tuple[Any, Any]:
    """Wrap both apps so that :data:`RAW_CONTENT_LENGTH` becomes ``Content-Length``."""

    def wsgi(environ: dict[str, Any], start_response: Any) -> Any:
        raw = environ.pop(_RAW_WSGI_KEY, None)
        if raw is not None:
            environ['CONTENT_LENGTH'] = raw
        return wsgi_app(environ, start_response)

    async def asgi(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope['type'] == 'http':
            headers = [
                [b'content-length', value] if name == _RAW_ASGI_NAME else [name, value]
                for name, value in scope['headers']
                if name != b'content-length'
                or not any(other == _RAW_ASGI_NAME for other, _ in scope['headers'])
            ]
            scope = {**scope, 'headers': headers}
        await asgi_app(scope, receive, send)

    return wsgi, asgi


@pytest.fixture(scope='module')
def apps() -> tuple[Any, Any]:
    return with_raw_content_length(*both_modes(build_probe))


# -- running one request -----------------------------------------------------------------------


class RequestTimeout(Exception):
    """A simulated request did not complete within :data:`REQUEST_TIMEOUT`."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail with :class:`RequestTimeout` when the block uses more than ``seconds`` of CPU.

    CPU time of this process (``ITIMER_PROF``), not wall time: a machine busy with other
    work must not fail a request that does a bounded amount of it.
    """

    def expire(signum: int, frame: Any) -> None:
        raise RequestTimeout(f'the request took longer than {seconds} s of CPU time')

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def check(apps: tuple[Any, Any], method: str, path: str, **kwargs: Any) -> Any:
    """Send one request to both apps; fail on a mismatch, a 5xx or a hang.

    Returns:
        The WSGI result (identical to the ASGI one).
    """
    FAILURES.clear()
    headers = kwargs.get('headers')
    if headers and headers.get('Content-Length'):
        headers = dict(headers)
        headers[RAW_CONTENT_LENGTH] = headers.pop('Content-Length')
        kwargs['headers'] = headers
    try:
        with time_limit(REQUEST_TIMEOUT):
            wsgi_result, _ = compare_apps(apps[0], apps[1], method, path, **kwargs)
    except ModeMismatchError as mismatch:
        pytest.fail(f'{shorten(method, path, kwargs)}: {mismatch}\n{reported_failures()}')
    if currently_in_test_context():
        # Shown by ``pytest --hypothesis-show-statistics``: which answers the examples got.
        route = path.split('/')[1]
        event(f'/{route if route in ROUTE_NAMES else "..."} -> {wsgi_result.status_code}')
    if wsgi_result.status_code >= 500:
        failure = f'{shorten(method, path, kwargs)} -> {wsgi_result.status}'
        pytest.fail(f'{failure}\n{reported_failures()}')
    return wsgi_result


def shorten(*request: Any) -> str:
    """The request, for a failure message, with long values cut short."""
    text = repr(request)
    return text if len(text) < 600 else text[:600] + f'... ({len(text)} characters)'


def reported_failures() -> str:
    """The tracebacks of the unexpected exceptions the apps reported."""
    return ''.join(
        ''.join(traceback.format_exception(type(error), error, error.__traceback__))
        for error in FAILURES
    )


def assert_clear_error(result: Any) -> None:
    """An error answer carries a title, unless the client accepts neither JSON nor XML."""
    if result.status_code < 400 or not result.content:
        return
    if 'xml' in result.headers.get('content-type', ''):
        assert re.search(rb'<title>[^<]+</title>', result.content), result.content
    else:
        assert result.json['title'], (result.status, result.headers, result.content)


# -- the properties ----------------------------------------------------------------------------


@FAST
@given(method=fz.methods(), query=fz.query_strings(), headers=fz.header_maps())
def test_every_property_of_a_hostile_request(
    apps: tuple[Any, Any], method: str, query: str, headers: dict[str, str]
) -> None:
    check(apps, method, '/everything', query_string=query, headers=headers)


@FAST
@given(
    name=st.sampled_from(sorted(PROPERTIES)),
    query=fz.query_strings(),
    headers=fz.header_maps(),
)
def test_one_property_raising_through_the_app(
    apps: tuple[Any, Any], name: str, query: str, headers: dict[str, str]
) -> None:
    result = check(apps, 'GET', f'/one/{name}', query_string=query, headers=headers)
    assert_clear_error(result)


@FAST
@given(data=st.data(), content_type=st.sampled_from(fz.CONTENT_TYPES), method=fz.methods())
def test_bodies_through_every_media_handler(
    apps: tuple[Any, Any], data: st.DataObject, content_type: str, method: str
) -> None:
    body = data.draw(fz.bodies_for(content_type), label='body')
    headers = {'Content-Type': content_type} if content_type else {}
    check(apps, method, '/media', body=body, headers=headers)


@FAST
@given(body=st.binary(max_size=100), length=fz.content_lengths())
def test_declared_lengths_against_actual_bodies(
    apps: tuple[Any, Any], body: bytes, length: str
) -> None:
    headers = {'Content-Length': length, 'Content-Type': 'application/json'}
    check(apps, 'POST', '/raw', body=body, headers=headers)
    check(apps, 'POST', '/media', body=body, headers=headers)


@FAST
@given(
    template=st.sampled_from(CONVERTER_ROUTES),
    segments=st.lists(fz.path_segments(), min_size=1, max_size=3),
    query=fz.query_strings(),
)
def test_converter_routes_with_hostile_paths(
    apps: tuple[Any, Any], template: str, segments: list[str], query: str
) -> None:
    prefix = template.split('{', 1)[0]
    path = prefix + '/'.join(segments)
    check(apps, 'GET', path, query_string=query)


@FAST
@given(path=st.lists(fz.path_segments(), max_size=4).map('/'.join))
def test_random_paths_and_the_sink(apps: tuple[Any, Any], path: str) -> None:
    check(apps, 'GET', '/' + path)
    check(apps, 'GET', '/sink/' + path)


@pytest.mark.slow
@pytest.mark.no_cover  # the same strategies run traced in the FAST variant above
@THOROUGH
@given(method=fz.methods(), query=fz.query_strings(), headers=fz.header_maps())
def test_every_property_thoroughly(
    apps: tuple[Any, Any], method: str, query: str, headers: dict[str, str]
) -> None:
    check(apps, method, '/everything', query_string=query, headers=headers)


@pytest.mark.slow
@pytest.mark.no_cover  # the same strategies run traced in the FAST variant above
@THOROUGH
@given(data=st.data(), content_type=st.sampled_from(fz.CONTENT_TYPES))
def test_bodies_thoroughly(apps: tuple[Any, Any], data: st.DataObject, content_type: str) -> None:
    body = data.draw(fz.bodies_for(content_type), label='body')
    check(apps, 'POST', '/media', body=body, headers={'Content-Type': content_type})


# -- oversized input, by construction ----------------------------------------------------------

# (method, path, request, expected status, expected error title): what a limit refuses is a
# 400 with its title; what is only large is answered (200), with every value read.
HUGE = [
    pytest.param(
        'GET',
        '/everything',
        {'query_string': 'x=1&' * 20_000},
        400,
        'Too many parameters',
        id='too-many-fields',
    ),
    pytest.param(
        'GET', '/everything', {'query_string': 'i=' + '9' * 100_000}, 200, None, id='huge-int'
    ),
    pytest.param(
        'GET', '/everything', {'query_string': 'x=' + '%' * 200_000}, 200, None, id='percents'
    ),
    pytest.param(
        'GET', '/everything', {'query_string': 'l=' + ',' * 200_000}, 200, None, id='list-commas'
    ),
    pytest.param(
        'GET', '/everything', {'query_string': 'd=' + 'k,' * 50_000}, 200, None, id='dict-odd'
    ),
    pytest.param(
        'GET',
        '/everything',
        {'query_string': 'j=' + '%5B' * 100_000},
        200,
        None,
        id='deep-json-param',
    ),
    pytest.param(
        'GET',
        '/everything',
        {'headers': {'Cookie': 'a="' + '\\"' * 100_000 + '"'}},
        200,
        None,
        id='escapes',
    ),
    pytest.param(
        'GET',
        '/everything',
        {'headers': {'Cookie': 'a=1; ' * 50_000}},
        200,
        None,
        id='many-cookies',
    ),
    pytest.param(
        'GET',
        '/everything',
        {'headers': {'Accept': 'a/b;q=0.5, ' * 20_000}},
        200,
        None,
        id='long-accept',
    ),
    pytest.param(
        'GET',
        '/everything',
        {'headers': {'Range': 'bytes=' + '1-2,' * 50_000}},
        200,
        None,
        id='many-ranges',
    ),
    pytest.param(
        'GET',
        '/everything',
        {'headers': {'Forwarded': 'for=a;' * 20_000 + ', ' * 20_000}},
        200,
        None,
        id='long-forwarded',
    ),
    pytest.param(
        'GET',
        '/everything',
        {'headers': {'If-Match': '"a", ' * 50_000}},
        200,
        None,
        id='many-etags',
    ),
    pytest.param(
        'GET',
        '/everything',
        {'headers': {'X-Forwarded-For': '1.2.3.4, ' * 50_000}},
        200,
        None,
        id='long-access-route',
    ),
    pytest.param('GET', '/conv/path/' + 'a/' * 20_000, {}, 200, None, id='deep-path'),
    pytest.param('GET', '/conv/plain/' + '%' * 100_000, {}, 200, None, id='percent-path'),
    pytest.param(
        'POST',
        '/media',
        {'body': b'[' * 200_000 + b']' * 200_000, 'content_type': falcon.MEDIA_JSON},
        400,
        'Invalid JSON',
        id='deep-json',
    ),
    pytest.param(
        'POST',
        '/media',
        {'body': b'9' * 200_000, 'content_type': falcon.MEDIA_JSON},
        400,
        'Invalid JSON',
        id='huge-json-int',
    ),
    pytest.param(
        'POST',
        '/media',
        {'body': b'\x91' * 200_000 + b'\xc0', 'content_type': falcon.MEDIA_MSGPACK},
        400,
        'Invalid MessagePack',
        id='deep-msgpack',
    ),
    pytest.param(
        'POST',
        '/media',
        {'body': b'a=1&' * 50_000, 'content_type': falcon.MEDIA_URLENCODED},
        400,
        'Too many parameters',
        id='many-form-fields',
    ),
    pytest.param(
        'POST',
        '/media',
        {
            'body': b'--B\r\nContent-Disposition: form-data; name="n"\r\n\r\nv\r\n' * 20_000,
            'content_type': 'multipart/form-data; boundary=B',
        },
        400,
        'Malformed multipart/form-data request media',
        id='many-parts',
    ),
    pytest.param(
        'POST',
        '/media',
        {
            'body': b'--B\r\n' + b'X-A: ' + b'a' * 100_000 + b'\r\n\r\nv\r\n--B--\r\n',
            'content_type': 'multipart/form-data; boundary=B',
        },
        400,
        'Malformed multipart/form-data request media',
        id='huge-part-header',
    ),
    pytest.param(
        'POST',
        '/media',
        {
            'body': b'--B\r\n\r\n' + b'a' * 5_000_000 + b'\r\n--B--\r\n',
            'content_type': 'multipart/form-data; boundary=B',
        },
        200,
        None,
        id='huge-part',
    ),
]


@pytest.mark.no_cover  # timed: tracing for coverage would slow it down
@pytest.mark.parametrize(('method', 'path', 'request_kwargs', 'status', 'title'), HUGE)
def test_oversized_input_is_refused_or_handled(
    apps: tuple[Any, Any],
    method: str,
    path: str,
    request_kwargs: dict[str, Any],
    status: int,
    title: str | None,
) -> None:
    result = check(apps, method, path, **request_kwargs)
    assert result.status_code == status, result.content[:300]
    if title is not None:
        assert result.json['title'] == title


# -- regressions -----------------------------------------------------------------------------


def test_empty_content_type_is_listed_alike(apps: tuple[Any, Any]) -> None:
    check(apps, 'GET', '/one/headers', headers={'Content-Type': ''})
