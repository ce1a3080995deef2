"""In-process cost of one HTTP request, in both modes, next to a raw callable doing the same.

Each scenario builds a ``falcon.App`` (WSGI), a ``falcon.asgi.App`` (ASGI), and a raw WSGI
and raw ASGI callable that produce the same response (status, header fields and body) with
the least work possible (the floor): a floor sends the header fields the scenario's
middleware or error rendering add too, so that a server writes the same bytes for both and
the difference is the framework's own work. A request is:

* WSGI: ``app(environ, start_response)`` with a prebuilt environ copied per request (and a
  fresh ``wsgi.input`` when there is a body), the returned body joined;
* ASGI: ``await app(scope, receive, send)`` with a copied scope, a ``receive`` that returns
  the prebuilt ``http.request`` event and a ``send`` that keeps nothing.

Before timing, every app is called once and its status, header fields (names and values,
in any order) and body are checked against the floor's, so a benchmark never measures a
broken path. Timing uses ``time.perf_counter_ns`` around rounds of a fixed number of
requests (by default 5 rounds of 20 000), after a warm-up and a ``gc.collect()``; the figure
reported is the best round.
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
    'GOALS_US',
    'REFERENCE_RAW_HELLO_US',
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
    """Microseconds per request over several rounds: the best round, the median, the worst."""

    best_us: float
    median_us: float
    max_us: float
    requests: int


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


def _summarize(samples_ns: list[int], requests: int) -> Measurement:
    per_request = [sample / requests / 1000.0 for sample in samples_ns]
    return Measurement(
        best_us=min(per_request),
        median_us=statistics.median(per_request),
        max_us=max(per_request),
        requests=requests,
    )


def measure_wsgi(app: WSGIApp, scenario: Scenario, rounds: int, requests: int) -> Measurement:
    """Time ``rounds`` rounds of ``requests`` requests of ``scenario`` through a WSGI app."""
    request = _wsgi_request(app, scenario)
    counter = time.perf_counter_ns

    def run(count: int) -> int:
        loop = range(count)
        start = counter()
        for _ in loop:
            request()
        return counter() - start

    run(min(requests, 2000))
    gc.collect()
    samples = [run(requests) for _ in range(rounds)]
    return _summarize(samples, requests)


def measure_asgi(app: ASGIApp, scenario: Scenario, rounds: int, requests: int) -> Measurement:
    """Time ``rounds`` rounds of ``requests`` requests through an ASGI app, on one event loop."""
    request = _asgi_request(app, scenario)
    counter = time.perf_counter_ns

    async def run_async(count: int) -> int:
        loop = range(count)
        start = counter()
        for _ in loop:
            await request()
        return counter() - start

    event_loop = asyncio.new_event_loop()
    try:

        def run(count: int) -> int:
            return event_loop.run_until_complete(run_async(count))

        run(min(requests, 2000))
        gc.collect()
        samples = [run(requests) for _ in range(rounds)]
    finally:
        event_loop.close()
    return _summarize(samples, requests)


Outcome = tuple[int, list[tuple[str, str]], bytes]


def _wsgi_outcome(app: WSGIApp, scenario: Scenario) -> Outcome:
    environ = _environ(scenario)
    environ['wsgi.input'] = io.BytesIO(scenario.body)
    statuses: list[str] = []
    header_lists: list[list[tuple[str, str]]] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        statuses.append(status)
        header_lists.append(headers)

    body = b''.join(app(environ, start_response))
    headers = sorted((name.lower(), value) for name, value in header_lists[0])
    return int(statuses[0][:3]), headers, body


def _asgi_outcome(app: ASGIApp, scenario: Scenario) -> Outcome:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(_scope(scenario), _asgi_receive(scenario), send))
    body = b''.join(message.get('body', b'') for message in sent[1:])
    headers = sorted(
        (name.decode('latin-1').lower(), value.decode('latin-1'))
        for name, value in sent[0].get('headers', [])
    )
    return int(sent[0]['status']), headers, body


def check_scenario(scenario: Scenario) -> None:
    """Raise ``AssertionError`` unless all four callables give the same response."""
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


def run_scenario(scenario: Scenario, rounds: int, requests: int) -> dict[str, Measurement]:
    """Measure the four callables of ``scenario``; keys are ``wsgi``, ``raw_wsgi``, ..."""
    check_scenario(scenario)
    return {
        'raw_wsgi': measure_wsgi(scenario.raw_wsgi, scenario, rounds, requests),
        'wsgi': measure_wsgi(scenario.wsgi_app, scenario, rounds, requests),
        'raw_asgi': measure_asgi(scenario.raw_asgi, scenario, rounds, requests),
        'asgi': measure_asgi(scenario.asgi_app, scenario, rounds, requests),
    }


# -- raw floors ---------------------------------------------------------------------------------


def _raw_wsgi(
    respond: Callable[[Environ], tuple[str, str, bytes]],
    extra_headers: tuple[tuple[str, str], ...] = (),
) -> WSGIApp:
    def app(environ: Environ, start_response: Callable[..., Any]) -> Iterable[bytes]:
        status, content_type, body = respond(environ)
        start_response(
            status,
            [
                *extra_headers,
                ('content-type', content_type),
                ('content-length', str(len(body))),
            ],
        )
        return [body]

    return app


def _raw_asgi(
    respond: Callable[[Scope, bytes], tuple[int, bytes, bytes]],
    extra_headers: tuple[tuple[str, str], ...] = (),
) -> ASGIApp:
    encoded_extra = [(name.encode(), value.encode()) for name, value in extra_headers]

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
                    *encoded_extra,
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


# -- the request every scenario sends -----------------------------------------------------------

_COMMON_HEADERS = [
    ('host', 'localhost:8000'),
    ('user-agent', 'bench-client/1.0'),
    ('accept', 'application/json'),
]

# -- scenario: hello world ----------------------------------------------------------------------

_HELLO = 'Hello, World!'


class _Hello:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = _HELLO


class _HelloAsync:
    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = _HELLO


def _hello() -> Scenario:
    wsgi_app = falcon.App()
    wsgi_app.add_route('/', _Hello())
    asgi_app = falcon.asgi.App()
    asgi_app.add_route('/', _HelloAsync())
    hello = _HELLO.encode()
    return Scenario(
        name='hello',
        method='GET',
        path='/',
        query_string='',
        body=b'',
        headers=list(_COMMON_HEADERS),
        wsgi_app=wsgi_app,
        asgi_app=asgi_app,
        raw_wsgi=_raw_wsgi(lambda environ: ('200 OK', falcon.MEDIA_TEXT, hello)),
        raw_asgi=_raw_asgi(lambda scope, body: (200, falcon.MEDIA_TEXT.encode(), hello)),
    )


# -- scenario: JSON POST, a query parameter, two middleware -------------------------------------


class _AuthMiddleware:
    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        req.context.authorization = req.get_header('Authorization')

    def process_resource(
        self, req: falcon.Request, resp: falcon.Response, resource: object, params: dict[str, Any]
    ) -> None:
        pass

    def process_response(
        self, req: falcon.Request, resp: falcon.Response, resource: object, ok: bool
    ) -> None:
        resp.set_header('X-Auth-Checked', 'yes')


class _AuthMiddlewareAsync:
    async def process_request(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        req.context.authorization = req.get_header('Authorization')

    async def process_resource(
        self,
        req: falcon.asgi.Request,
        resp: falcon.asgi.Response,
        resource: object,
        params: dict[str, Any],
    ) -> None:
        pass

    async def process_response(
        self, req: falcon.asgi.Request, resp: falcon.asgi.Response, resource: object, ok: bool
    ) -> None:
        resp.set_header('X-Auth-Checked', 'yes')


class _AcceptMiddleware:
    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        req.context.accept = req.get_header('Accept')

    def process_resource(
        self, req: falcon.Request, resp: falcon.Response, resource: object, params: dict[str, Any]
    ) -> None:
        pass

    def process_response(
        self, req: falcon.Request, resp: falcon.Response, resource: object, ok: bool
    ) -> None:
        resp.set_header('X-Served-By', 'bench')


class _AcceptMiddlewareAsync:
    async def process_request(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        req.context.accept = req.get_header('Accept')

    async def process_resource(
        self,
        req: falcon.asgi.Request,
        resp: falcon.asgi.Response,
        resource: object,
        params: dict[str, Any],
    ) -> None:
        pass

    async def process_response(
        self, req: falcon.asgi.Request, resp: falcon.asgi.Response, resource: object, ok: bool
    ) -> None:
        resp.set_header('X-Served-By', 'bench')


def _item_answer(
    account: str, item_id: int, limit: int, user_agent: str | None, item: Any
) -> dict[str, Any]:
    return {
        'account': account,
        'item_id': item_id,
        'limit': limit,
        'user_agent': user_agent,
        'name': item['name'],
        'stored': True,
    }


class _AccountItems:
    def on_post(
        self, req: falcon.Request, resp: falcon.Response, account: str, item_id: int
    ) -> None:
        item = req.get_media()
        limit = req.get_param_as_int('limit', default=10)
        resp.media = _item_answer(account, item_id, limit, req.user_agent, item)
        resp.status = falcon.HTTP_201


class _AccountItemsAsync:
    async def on_post(
        self, req: falcon.asgi.Request, resp: falcon.asgi.Response, account: str, item_id: int
    ) -> None:
        item = await req.get_media()
        limit = req.get_param_as_int('limit', default=10)
        resp.media = _item_answer(account, item_id, limit, req.user_agent, item)
        resp.status = falcon.HTTP_201


_ITEM_DOCUMENT = {
    'name': 'industrial widget',
    'sku': 'WID-0042-XL',
    'price': {'amount': 1299, 'currency': 'EUR'},
    'tags': ['steel', 'outdoor', 'heavy-duty', 'certified'],
    'dimensions': {'width_mm': 420, 'height_mm': 180, 'depth_mm': 95},
    'in_stock': True,
    'warehouse': 'north-3',
    'notes': 'Handle with care; ships on a pallet.',
}


# The header fields the two middleware set in process_response; the floor sends them too.
_MIDDLEWARE_HEADERS = (('x-auth-checked', 'yes'), ('x-served-by', 'bench'))


def _json_media() -> Scenario:
    wsgi_app = falcon.App(middleware=[_AuthMiddleware(), _AcceptMiddleware()])
    wsgi_app.add_route('/accounts/{account}/items/{item_id:int}', _AccountItems())
    asgi_app = falcon.asgi.App(middleware=[_AuthMiddlewareAsync(), _AcceptMiddlewareAsync()])
    asgi_app.add_route('/accounts/{account}/items/{item_id:int}', _AccountItemsAsync())
    body = json.dumps(_ITEM_DOCUMENT).encode()
    answer = json.dumps(
        _item_answer('acme', 42, 25, 'bench-client/1.0', _ITEM_DOCUMENT), **_JSON_DUMPS_OPTIONS
    ).encode()

    def respond_wsgi(environ: Environ) -> tuple[str, str, bytes]:
        json.loads(environ['wsgi.input'].read(int(environ['CONTENT_LENGTH'])))
        return '201 Created', falcon.MEDIA_JSON, answer

    def respond_asgi(scope: Scope, payload: bytes) -> tuple[int, bytes, bytes]:
        json.loads(payload)
        return 201, falcon.MEDIA_JSON.encode(), answer

    return Scenario(
        name='JSON POST + 2 mw',
        method='POST',
        path='/accounts/acme/items/42',
        query_string='limit=25&x=1',
        body=body,
        headers=[
            *_COMMON_HEADERS,
            ('authorization', 'Bearer 8d0c2f6e1b7a4c3d9e5f'),
            ('content-type', falcon.MEDIA_JSON),
        ],
        wsgi_app=wsgi_app,
        asgi_app=asgi_app,
        raw_wsgi=_raw_wsgi(respond_wsgi, _MIDDLEWARE_HEADERS),
        raw_asgi=_raw_asgi(respond_asgi, _MIDDLEWARE_HEADERS),
    )


# -- scenario: 300 routes, a late match with two fields -----------------------------------------

_SERVICES = 100
_LATE_SERVICE = 77


def _route_templates() -> list[str]:
    templates = []
    for number in range(_SERVICES):
        stem = f'/v1/svc{number}/{{tenant}}'
        templates.append(stem + '/things/{tid}')
        templates.append(stem + '/things/{tid}/parts')
        templates.append(stem + '/widgets/{wid}/specs/{sid}')
    return templates


class _Things:
    def on_get(self, req: falcon.Request, resp: falcon.Response, **fields: str) -> None:
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = '/'.join(fields.values())


class _ThingsAsync:
    async def on_get(
        self, req: falcon.asgi.Request, resp: falcon.asgi.Response, **fields: str
    ) -> None:
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = '/'.join(fields.values())


def _routes() -> Scenario:
    wsgi_app = falcon.App()
    asgi_app = falcon.asgi.App()
    plain, asynchronous = _Things(), _ThingsAsync()
    for template in _route_templates():
        wsgi_app.add_route(template, plain)
        asgi_app.add_route(template, asynchronous)
    path = f'/v1/svc{_LATE_SERVICE}/acme/things/t-991/parts'
    services = {f'svc{number}' for number in range(_SERVICES)}

    def match(path: str) -> bytes:
        segments = path.split('/')
        if segments[2] not in services:
            raise LookupError(path)
        return f'{segments[3]}/{segments[5]}'.encode()

    return Scenario(
        name='300 routes, late',
        method='GET',
        path=path,
        query_string='',
        body=b'',
        headers=list(_COMMON_HEADERS),
        wsgi_app=wsgi_app,
        asgi_app=asgi_app,
        raw_wsgi=_raw_wsgi(
            lambda environ: ('200 OK', falcon.MEDIA_TEXT, match(environ['PATH_INFO']))
        ),
        raw_asgi=_raw_asgi(
            lambda scope, body: (200, falcon.MEDIA_TEXT.encode(), match(scope['path']))
        ),
    )


# -- scenario: 404 raised by the responder --------------------------------------------------------

_NOT_FOUND_TITLE = 'Item not found'
_NOT_FOUND_DESCRIPTION = 'No item has this id in the catalogue.'


class _Missing:
    def on_get(self, req: falcon.Request, resp: falcon.Response, item_id: str) -> None:
        raise falcon.HTTPNotFound(title=_NOT_FOUND_TITLE, description=_NOT_FOUND_DESCRIPTION)


class _MissingAsync:
    async def on_get(
        self, req: falcon.asgi.Request, resp: falcon.asgi.Response, item_id: str
    ) -> None:
        raise falcon.HTTPNotFound(title=_NOT_FOUND_TITLE, description=_NOT_FOUND_DESCRIPTION)


# A rendered error says that its representation depends on Accept; the floor says it too.
_ERROR_HEADERS = (('vary', 'Accept'),)


def _not_found() -> Scenario:
    wsgi_app = falcon.App()
    wsgi_app.add_route('/items/{item_id}', _Missing())
    asgi_app = falcon.asgi.App()
    asgi_app.add_route('/items/{item_id}', _MissingAsync())
    body = json.dumps({'title': _NOT_FOUND_TITLE, 'description': _NOT_FOUND_DESCRIPTION}).encode()
    return Scenario(
        name='404 raised',
        method='GET',
        path='/items/42',
        query_string='',
        body=b'',
        headers=list(_COMMON_HEADERS),
        wsgi_app=wsgi_app,
        asgi_app=asgi_app,
        raw_wsgi=_raw_wsgi(
            lambda environ: ('404 Not Found', falcon.MEDIA_JSON, body), _ERROR_HEADERS
        ),
        raw_asgi=_raw_asgi(
            lambda scope, _: (404, falcon.MEDIA_JSON.encode(), body), _ERROR_HEADERS
        ),
    )


SCENARIOS: dict[str, Callable[[], Scenario]] = {
    'hello': _hello,
    'json': _json_media,
    'routes': _routes,
    '404': _not_found,
}
"""Scenario factories by short name, in the order the table prints them."""

GOALS_US: dict[str, tuple[float, float]] = {
    'hello': (2.8, 3.35),
    'json': (12.8, 14.1),
    'routes': (7.0, 7.5),
    '404': (8.8, 9.9),
}
"""Per scenario, the most microseconds per request allowed (WSGI, ASGI): 0.75x of Falcon 4.4's
figure measured on the same machine class with the same application code."""

REFERENCE_RAW_HELLO_US: dict[str, float] = {'wsgi': 0.39, 'asgi': 0.58}
"""The raw hello-world callables' figures on the machine where ``GOALS_US`` were measured: a
machine that runs them slower (or faster) scales every goal by the same factor, per mode."""
