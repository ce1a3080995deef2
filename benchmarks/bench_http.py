"""In-process cost of one HTTP request, in both modes, next to a raw callable doing the same.

Each scenario builds a ``falcon.App`` (WSGI), a ``falcon.asgi.App`` (ASGI), and a raw WSGI
and raw ASGI callable that produce the same status and body with the least work possible
(the floor). A request is:

* WSGI: ``app(environ, start_response)`` with a prebuilt environ copied per request (and a
  fresh ``wsgi.input`` when there is a body), the returned body joined;
* ASGI: ``await app(scope, receive, send)`` with a copied scope, a ``receive`` that returns
  the prebuilt ``http.request`` event and a ``send`` that keeps nothing.

Before timing, every app is called once and its status and body are checked against the
floor's, so a benchmark never measures a broken path. Timing uses ``time.perf_counter_ns``
over a calibrated number of iterations, after a warm-up, and reports the median of several
repeats.
"""

from __future__ import annotations

import asyncio
import gc
import io
import json
import statistics
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

import falcon
import falcon.asgi

__all__ = [
    'SCENARIOS',
    'Measurement',
    'Scenario',
    'measure_asgi',
    'measure_wsgi',
    'run_scenario',
]

Environ = dict[str, Any]
Scope = dict[str, Any]
WSGIApp = Callable[[Environ, Callable[..., Any]], Iterable[bytes]]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Any]

_JSON_DUMPS_OPTIONS: dict[str, Any] = {'ensure_ascii': False}


@dataclass
class Scenario:
    """One kind of request: the apps under test, their floors, and the request itself."""

    name: str
    method: str
    path: str
    query_string: str
    body: bytes
    headers: list[tuple[str, str]]
    wsgi_app: WSGIApp
    asgi_app: ASGIApp
    raw_wsgi: WSGIApp
    raw_asgi: ASGIApp


@dataclass
class Measurement:
    """Median microseconds per request over several repeats, and their spread."""

    median_us: float
    min_us: float
    max_us: float
    iterations: int


# -- request fixtures -------------------------------------------------------------------------


def _environ(scenario: Scenario) -> Environ:
    environ: Environ = {
        'REQUEST_METHOD': scenario.method,
        'SCRIPT_NAME': '',
        'PATH_INFO': scenario.path,
        'QUERY_STRING': scenario.query_string,
        'SERVER_NAME': 'localhost',
        'SERVER_PORT': '8000',
        'SERVER_PROTOCOL': 'HTTP/1.1',
        'REMOTE_ADDR': '127.0.0.1',
        'wsgi.version': (1, 0),
        'wsgi.url_scheme': 'http',
        'wsgi.input': io.BytesIO(b''),
        'wsgi.errors': io.StringIO(),
        'wsgi.multithread': False,
        'wsgi.multiprocess': False,
        'wsgi.run_once': False,
    }
    for name, value in scenario.headers:
        key = name.upper().replace('-', '_')
        if key not in ('CONTENT_TYPE', 'CONTENT_LENGTH'):
            key = 'HTTP_' + key
        environ[key] = value
    if scenario.body:
        environ['CONTENT_LENGTH'] = str(len(scenario.body))
    return environ


def _scope(scenario: Scenario) -> Scope:
    headers = [(name.lower().encode(), value.encode()) for name, value in scenario.headers]
    if scenario.body:
        headers.append((b'content-length', str(len(scenario.body)).encode()))
    return {
        'type': 'http',
        'asgi': {'version': '3.0', 'spec_version': '2.3'},
        'http_version': '1.1',
        'method': scenario.method,
        'scheme': 'http',
        'path': scenario.path,
        'raw_path': scenario.path.encode(),
        'query_string': scenario.query_string.encode(),
        'root_path': '',
        'headers': headers,
        'client': ('127.0.0.1', 50000),
        'server': ('localhost', 8000),
    }


def _start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
    return None


# -- measuring ----------------------------------------------------------------------------------


def _wsgi_request(app: WSGIApp, scenario: Scenario) -> Callable[[], bytes]:
    base = _environ(scenario)
    body = scenario.body
    start_response = _start_response

    if body:

        def request() -> bytes:
            environ = base.copy()
            environ['wsgi.input'] = io.BytesIO(body)
            result = app(environ, start_response)
            return b''.join(result)

    else:

        def request() -> bytes:
            result = app(base.copy(), start_response)
            return b''.join(result)

    return request


def _asgi_receive(scenario: Scenario) -> Callable[[], Awaitable[dict[str, Any]]]:
    event = {'type': 'http.request', 'body': scenario.body, 'more_body': False}

    async def receive() -> dict[str, Any]:
        return event

    return receive


def _asgi_request(app: ASGIApp, scenario: Scenario) -> Callable[[], Awaitable[None]]:
    base = _scope(scenario)
    receive = _asgi_receive(scenario)

    async def send(message: Any) -> None:
        return None

    async def request() -> None:
        await app(base.copy(), receive, send)

    return request


def _summarize(samples_ns: list[float], iterations: int) -> Measurement:
    per_request = [sample / iterations / 1000.0 for sample in samples_ns]
    return Measurement(
        median_us=statistics.median(per_request),
        min_us=min(per_request),
        max_us=max(per_request),
        iterations=iterations,
    )


def _calibrate(run: Callable[[int], int], target_ns: int) -> int:
    iterations = 16
    while True:
        elapsed = run(iterations)
        if elapsed >= target_ns // 4 or iterations >= 1 << 22:
            break
        iterations *= 4
    return max(16, int(iterations * target_ns / max(elapsed, 1)))


def measure_wsgi(app: WSGIApp, scenario: Scenario, repeats: int, target_ns: int) -> Measurement:
    """Time ``app`` serving ``scenario`` as a WSGI app."""
    request = _wsgi_request(app, scenario)
    counter = time.perf_counter_ns

    def run(iterations: int) -> int:
        loop = range(iterations)
        start = counter()
        for _ in loop:
            request()
        return counter() - start

    run(200)
    iterations = _calibrate(run, target_ns)
    samples: list[float] = []
    gc.collect()
    for _ in range(repeats):
        samples.append(run(iterations))
    return _summarize(samples, iterations)


def measure_asgi(app: ASGIApp, scenario: Scenario, repeats: int, target_ns: int) -> Measurement:
    """Time ``app`` serving ``scenario`` as an ASGI app, on one event loop."""
    request = _asgi_request(app, scenario)
    counter = time.perf_counter_ns

    async def run_async(iterations: int) -> int:
        loop = range(iterations)
        start = counter()
        for _ in loop:
            await request()
        return counter() - start

    event_loop = asyncio.new_event_loop()
    try:

        def run(iterations: int) -> int:
            return event_loop.run_until_complete(run_async(iterations))

        run(200)
        iterations = _calibrate(run, target_ns)
        samples: list[float] = []
        gc.collect()
        for _ in range(repeats):
            samples.append(run(iterations))
    finally:
        event_loop.close()
    return _summarize(samples, iterations)


def _wsgi_outcome(app: WSGIApp, scenario: Scenario) -> tuple[int, bytes]:
    environ = _environ(scenario)
    environ['wsgi.input'] = io.BytesIO(scenario.body)
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        statuses.append(status)

    body = b''.join(app(environ, start_response))
    return int(statuses[0][:3]), body


def _asgi_outcome(app: ASGIApp, scenario: Scenario) -> tuple[int, bytes]:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(_scope(scenario), _asgi_receive(scenario), send))
    body = b''.join(message.get('body', b'') for message in sent[1:])
    return int(sent[0]['status']), body


def check_scenario(scenario: Scenario) -> None:
    """Raise ``AssertionError`` unless all four callables give the same status and body."""
    expected = _wsgi_outcome(scenario.raw_wsgi, scenario)
    outcomes = {
        'falcon.App': _wsgi_outcome(scenario.wsgi_app, scenario),
        'falcon.asgi.App': _asgi_outcome(scenario.asgi_app, scenario),
        'raw ASGI': _asgi_outcome(scenario.raw_asgi, scenario),
    }
    for name, outcome in outcomes.items():
        if outcome != expected:
            raise AssertionError(
                f'{scenario.name}: {name} answered {outcome!r}, the floor {expected!r}'
            )


def run_scenario(scenario: Scenario, repeats: int, target_ns: int) -> dict[str, Measurement]:
    """Measure the four callables of ``scenario``; keys are ``wsgi``, ``raw_wsgi``, ..."""
    check_scenario(scenario)
    return {
        'raw_wsgi': measure_wsgi(scenario.raw_wsgi, scenario, repeats, target_ns),
        'wsgi': measure_wsgi(scenario.wsgi_app, scenario, repeats, target_ns),
        'raw_asgi': measure_asgi(scenario.raw_asgi, scenario, repeats, target_ns),
        'asgi': measure_asgi(scenario.asgi_app, scenario, repeats, target_ns),
    }


# -- raw floors ---------------------------------------------------------------------------------


def _raw_wsgi(respond: Callable[[Environ], tuple[str, str, bytes]]) -> WSGIApp:
    def app(environ: Environ, start_response: Callable[..., Any]) -> Iterable[bytes]:
        status, content_type, body = respond(environ)
        start_response(
            status, [('content-type', content_type), ('content-length', str(len(body)))]
        )
        return [body]

    return app


def _raw_asgi(respond: Callable[[Scope, bytes], tuple[int, bytes, bytes]]) -> ASGIApp:
    async def app(
        scope: Scope,
        receive: Callable[[], Awaitable[Any]],
        send: Callable[[Any], Awaitable[None]],
    ) -> None:
        event = await receive()
        status, content_type, body = respond(scope, event.get('body', b''))
        await send(
            {
                'type': 'http.response.start',
                'status': status,
                'headers': [
                    (b'content-type', content_type),
                    (b'content-length', str(len(body)).encode()),
                ],
            }
        )
        await send({'type': 'http.response.body', 'body': body})

    return app


def _query_pairs(query: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for field in query.split('&'):
        name, _, value = field.partition('=')
        pairs[name] = value
    return pairs


# -- scenario: hello world ----------------------------------------------------------------------

_HELLO = 'Hello, World!'


class _Hello:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.content_type = 'text/plain'
        resp.text = _HELLO


class _HelloAsync:
    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        resp.content_type = 'text/plain'
        resp.text = _HELLO


def _hello() -> Scenario:
    wsgi_app = falcon.App()
    wsgi_app.add_route('/', _Hello())
    asgi_app = falcon.asgi.App()
    asgi_app.add_route('/', _HelloAsync())
    hello = _HELLO.encode()
    return Scenario(
        name='hello world',
        method='GET',
        path='/',
        query_string='',
        body=b'',
        headers=[('host', 'localhost:8000'), ('user-agent', 'bench'), ('accept', '*/*')],
        wsgi_app=wsgi_app,
        asgi_app=asgi_app,
        raw_wsgi=_raw_wsgi(lambda environ: ('200 OK', 'text/plain', hello)),
        raw_asgi=_raw_asgi(lambda scope, body: (200, b'text/plain', hello)),
    )


# -- scenario: JSON body, query parameters, two middleware ------------------------------------


class _RequestIdMiddleware:
    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        req.context.request_id = 'bench-1'


class _RequestIdMiddlewareAsync:
    async def process_request(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        req.context.request_id = 'bench-1'


class _PoweredByMiddleware:
    def process_response(
        self, req: falcon.Request, resp: falcon.Response, resource: object, ok: bool
    ) -> None:
        resp.set_header('X-Powered-By', 'falcon')


class _PoweredByMiddlewareAsync:
    async def process_response(
        self, req: falcon.asgi.Request, resp: falcon.asgi.Response, resource: object, ok: bool
    ) -> None:
        resp.set_header('X-Powered-By', 'falcon')


class _Items:
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        item = req.get_media()
        limit = req.get_param_as_int('limit')
        offset = req.get_param_as_int('offset')
        resp.media = {'item': item, 'limit': limit, 'offset': offset}


class _ItemsAsync:
    async def on_post(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        item = await req.get_media()
        limit = req.get_param_as_int('limit')
        offset = req.get_param_as_int('offset')
        resp.media = {'item': item, 'limit': limit, 'offset': offset}


def _items_payload(body: bytes, query: str) -> bytes:
    params = _query_pairs(query)
    document = {
        'item': json.loads(body),
        'limit': int(params['limit']),
        'offset': int(params['offset']),
    }
    return json.dumps(document, **_JSON_DUMPS_OPTIONS).encode()


def _json_media() -> Scenario:
    wsgi_app = falcon.App(middleware=[_RequestIdMiddleware(), _PoweredByMiddleware()])
    wsgi_app.add_route('/items', _Items())
    asgi_app = falcon.asgi.App(
        middleware=[_RequestIdMiddlewareAsync(), _PoweredByMiddlewareAsync()]
    )
    asgi_app.add_route('/items', _ItemsAsync())
    body = json.dumps({'name': 'widget', 'tags': ['a', 'b'], 'price': 12.5}).encode()

    def respond_wsgi(environ: Environ) -> tuple[str, str, bytes]:
        stream = environ['wsgi.input']
        payload = stream.read(int(environ['CONTENT_LENGTH']))
        return '200 OK', 'application/json', _items_payload(payload, environ['QUERY_STRING'])

    def respond_asgi(scope: Scope, payload: bytes) -> tuple[int, bytes, bytes]:
        query = scope['query_string'].decode('latin-1')
        return 200, b'application/json', _items_payload(payload, query)

    return Scenario(
        name='JSON + query + 2 mw',
        method='POST',
        path='/items',
        query_string='limit=10&offset=20',
        body=body,
        headers=[
            ('host', 'localhost:8000'),
            ('user-agent', 'bench'),
            ('content-type', 'application/json'),
            ('accept', 'application/json'),
        ],
        wsgi_app=wsgi_app,
        asgi_app=asgi_app,
        raw_wsgi=_raw_wsgi(respond_wsgi),
        raw_asgi=_raw_asgi(respond_asgi),
    )


# -- scenario: 300 routes -----------------------------------------------------------------------

_COLLECTIONS = 100


def _route_templates() -> list[str]:
    templates = []
    for number in range(_COLLECTIONS):
        stem = f'/api/v1/c{number}'
        templates.append(stem)
        templates.append(stem + '/{item_id:int}')
        templates.append(stem + '/{item_id:int}/parts/{part}.{ext}')
    return templates


class _Part:
    def on_get(
        self, req: falcon.Request, resp: falcon.Response, item_id: int = 0, **fields: str
    ) -> None:
        resp.content_type = 'text/plain'
        resp.text = f'{item_id}:{fields.get("part")}.{fields.get("ext")}'


class _PartAsync:
    async def on_get(
        self, req: falcon.asgi.Request, resp: falcon.asgi.Response, item_id: int = 0, **fields: str
    ) -> None:
        resp.content_type = 'text/plain'
        resp.text = f'{item_id}:{fields.get("part")}.{fields.get("ext")}'


def _routes() -> Scenario:
    wsgi_app = falcon.App()
    asgi_app = falcon.asgi.App()
    plain, asynchronous = _Part(), _PartAsync()
    for template in _route_templates():
        wsgi_app.add_route(template, plain)
        asgi_app.add_route(template, asynchronous)
    last = _COLLECTIONS - 1
    path = f'/api/v1/c{last}/12345/parts/gear.json'
    raw_routes: dict[str, int] = {f'c{number}': number for number in range(_COLLECTIONS)}

    def match(path: str) -> bytes:
        segments = path.split('/')
        raw_routes[segments[3]]
        part, _, ext = segments[6].partition('.')
        return f'{int(segments[4])}:{part}.{ext}'.encode()

    return Scenario(
        name='300 routes, late hit',
        method='GET',
        path=path,
        query_string='',
        body=b'',
        headers=[('host', 'localhost:8000'), ('user-agent', 'bench')],
        wsgi_app=wsgi_app,
        asgi_app=asgi_app,
        raw_wsgi=_raw_wsgi(lambda environ: ('200 OK', 'text/plain', match(environ['PATH_INFO']))),
        raw_asgi=_raw_asgi(lambda scope, body: (200, b'text/plain', match(scope['path']))),
    )


# -- scenario: 404 --------------------------------------------------------------------------------


def _not_found() -> Scenario:
    wsgi_app = falcon.App()
    wsgi_app.add_route('/', _Hello())
    asgi_app = falcon.asgi.App()
    asgi_app.add_route('/', _HelloAsync())
    body = json.dumps({'title': '404 Not Found'}).encode()
    return Scenario(
        name='404 not found',
        method='GET',
        path='/missing/page',
        query_string='',
        body=b'',
        headers=[('host', 'localhost:8000'), ('user-agent', 'bench'), ('accept', '*/*')],
        wsgi_app=wsgi_app,
        asgi_app=asgi_app,
        raw_wsgi=_raw_wsgi(lambda environ: ('404 Not Found', 'application/json', body)),
        raw_asgi=_raw_asgi(lambda scope, _: (404, b'application/json', body)),
    )


SCENARIOS: dict[str, Callable[[], Scenario]] = {
    'hello': _hello,
    'json': _json_media,
    'routes': _routes,
    '404': _not_found,
}
"""Scenario factories by short name, in the order the table prints them."""
