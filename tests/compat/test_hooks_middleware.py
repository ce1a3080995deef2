"""Hooks, middleware order and CORS (Falcon 4 Hooks, Middleware and CORS pages)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import falcon
from falcon import testing

from ._support import resource


def _middleware(asgi: bool, name: str, log: list[str], raise_in: str | None = None) -> Any:
    def record(step: str) -> None:
        log.append(f'{name}.{step}')
        if step == raise_in:
            raise falcon.HTTPForbidden()

    def process_request(req: Any, resp: Any) -> None:
        record('req')

    def process_resource(req: Any, resp: Any, res: Any, params: Any) -> None:
        record('res')

    def process_response(req: Any, resp: Any, res: Any, req_succeeded: bool) -> None:
        record(f'resp:{req_succeeded}')

    plain: dict[str, Callable[..., None]] = {
        'process_request': process_request,
        'process_resource': process_resource,
        'process_response': process_response,
    }
    if asgi:
        attrs = {key: _as_async_method(func) for key, func in plain.items()}
    else:
        attrs = {key: _as_method(func) for key, func in plain.items()}
    return type(name, (), attrs)()


def _as_method(func: Callable[..., None]) -> Any:
    def method(self: object, *args: Any) -> None:
        func(*args)

    return method


def _as_async_method(func: Callable[..., None]) -> Any:
    async def method(self: object, *args: Any) -> None:
        func(*args)

    return method


def _run(
    asgi: bool, make_app: Callable[..., Any], log: list[str], middleware: list[Any], **kw: Any
) -> Any:
    def on_get(req: Any, resp: Any) -> None:
        log.append('responder')

    app = make_app(middleware=middleware, **kw)
    app.add_route('/', resource(asgi, on_get=on_get))
    return testing.simulate_get(app, '/')


@pytest.mark.parametrize('independent', [True, False])
def test_middleware_order(asgi: bool, make_app: Callable[..., Any], independent: bool) -> None:
    log: list[str] = []
    mw = [_middleware(asgi, 'A', log), _middleware(asgi, 'B', log)]
    result = _run(asgi, make_app, log, mw, independent_middleware=independent)
    assert result.status_code == 200
    assert log == [
        'A.req',
        'B.req',
        'A.res',
        'B.res',
        'responder',
        'B.resp:True',
        'A.resp:True',
    ]


@pytest.mark.parametrize(
    ('independent', 'expected'),
    [
        (True, ['A.req', 'B.req', 'B.resp:False', 'A.resp:False']),
        (False, ['A.req', 'B.req', 'A.resp:False']),
    ],
)
def test_request_middleware_error(
    asgi: bool, make_app: Callable[..., Any], independent: bool, expected: list[str]
) -> None:
    log: list[str] = []
    mw = [_middleware(asgi, 'A', log), _middleware(asgi, 'B', log, raise_in='req')]
    result = _run(asgi, make_app, log, mw, independent_middleware=independent)
    assert result.status_code == 403
    assert log == expected


def test_resource_middleware_error_skips_responder(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []
    mw = [_middleware(asgi, 'A', log, raise_in='res'), _middleware(asgi, 'B', log)]
    result = _run(asgi, make_app, log, mw)
    assert result.status_code == 403
    assert log == ['A.req', 'B.req', 'A.res', 'B.resp:False', 'A.resp:False']


def test_resp_complete_short_circuits(asgi: bool, make_app: Callable[..., Any]) -> None:
    log: list[str] = []

    def process_request(req: Any, resp: Any) -> None:
        log.append('C.req')
        resp.status = falcon.HTTP_200
        resp.text = 'cached'
        resp.complete = True

    if asgi:
        short = type('C', (), {'process_request': _as_async_method(process_request)})()
    else:
        short = type('C', (), {'process_request': _as_method(process_request)})()
    mw = [short, _middleware(asgi, 'B', log)]
    result = _run(asgi, make_app, log, mw)
    assert result.text == 'cached'
    assert 'responder' not in log
    assert 'B.req' not in log
    assert 'B.res' not in log
    assert log[-1] == 'B.resp:True'


def test_unrouted_request_runs_request_and_response_middleware(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []
    app = make_app(middleware=[_middleware(asgi, 'A', log)])
    result = testing.simulate_get(app, '/missing')
    assert result.status_code == 404
    assert log == ['A.req', 'A.resp:False']


def _before_hook(asgi: bool, log: list[str]) -> Any:
    def hook(req: Any, resp: Any, res: Any, params: Any, *args: Any, **kwargs: Any) -> None:
        log.append(f'before{args}{sorted(kwargs.items())}:{sorted(params)}')
        params['extra'] = 'added'

    async def hook_async(*args: Any, **kwargs: Any) -> None:
        hook(*args, **kwargs)

    return hook_async if asgi else hook


def _after_hook(asgi: bool, log: list[str]) -> Any:
    def hook(req: Any, resp: Any, res: Any, *args: Any, **kwargs: Any) -> None:
        log.append(f'after{args}{sorted(kwargs.items())}')
        resp.set_header('X-After', 'yes')

    async def hook_async(*args: Any, **kwargs: Any) -> None:
        hook(*args, **kwargs)

    return hook_async if asgi else hook


def test_before_and_after_with_arguments(asgi: bool, make_app: Callable[..., Any]) -> None:
    log: list[str] = []

    def body(req: Any, resp: Any, item_id: str, extra: str) -> None:
        log.append(f'responder:{item_id}:{extra}')

    if asgi:

        async def on_get(self: Any, req: Any, resp: Any, item_id: str, extra: str) -> None:
            body(req, resp, item_id, extra)

    else:

        def on_get(self: Any, req: Any, resp: Any, item_id: str, extra: str) -> None:  # type: ignore[misc]
            body(req, resp, item_id, extra)

    decorated = falcon.before(_before_hook(asgi, log), 1, flag=True)(
        falcon.after(_after_hook(asgi, log), 'z')(on_get)
    )
    res = type('Items', (), {'on_get': decorated})()
    app = make_app()
    app.add_route('/items/{item_id}', res)
    result = testing.simulate_get(app, '/items/7')
    assert result.status_code == 200
    assert result.headers['X-After'] == 'yes'
    assert log == [
        "before(1,)[('flag', True)]:['item_id']",
        'responder:7:added',
        "after('z',)[]",
    ]


def test_class_level_before_hook_applies_to_all_responders(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []

    def mark(req: Any, resp: Any, res: Any, params: Any) -> None:
        log.append(req.method)

    async def mark_async(*args: Any) -> None:
        mark(*args)

    def body(req: Any, resp: Any) -> None:
        resp.media = log

    res_class = type(resource(asgi, on_get=body, on_post=body))
    falcon.before(mark_async if asgi else mark)(res_class)
    app = make_app()
    app.add_route('/', res_class())
    assert testing.simulate_get(app, '/').json == ['GET']
    assert testing.simulate_post(app, '/').json == ['GET', 'POST']


def test_before_hook_order_top_down(asgi: bool, make_app: Callable[..., Any]) -> None:
    log: list[str] = []

    def named(label: str) -> Any:
        def hook(req: Any, resp: Any, res: Any, params: Any) -> None:
            log.append(label)

        async def hook_async(*args: Any) -> None:
            hook(*args)

        return hook_async if asgi else hook

    res = resource(asgi, on_get=lambda req, resp: log.append('responder'))
    responder = type(res).on_get
    type(res).on_get = falcon.before(named('first'))(falcon.before(named('second'))(responder))
    app = make_app()
    app.add_route('/', res)
    testing.simulate_get(app, '/')
    assert log == ['first', 'second', 'responder']


def test_hook_raising_error_skips_responder(asgi: bool, make_app: Callable[..., Any]) -> None:
    def deny(req: Any, resp: Any, res: Any, params: Any) -> None:
        raise falcon.HTTPUnauthorized(title='Nope')

    async def deny_async(*args: Any) -> None:
        deny(*args)

    res = resource(asgi, on_get=lambda req, resp: resp.set_header('X-Ran', '1'))
    type(res).on_get = falcon.before(deny_async if asgi else deny)(type(res).on_get)
    app = make_app()
    app.add_route('/', res)
    result = testing.simulate_get(app, '/')
    assert result.status_code == 401
    assert result.json == {'title': 'Nope'}
    assert 'X-Ran' not in result.headers


def _cors_app(asgi: bool, make_app: Callable[..., Any], **kw: Any) -> Any:
    app = make_app(**kw)
    app.add_route('/', resource(asgi, on_get=lambda req, resp: None, on_post=lambda r, s: None))
    return app


def test_cors_enable_wildcard(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _cors_app(asgi, make_app, cors_enable=True)
    result = testing.simulate_get(app, '/', headers={'Origin': 'https://a.example'})
    assert result.headers['Access-Control-Allow-Origin'] == '*'
    plain = testing.simulate_get(app, '/')
    assert 'Access-Control-Allow-Origin' not in plain.headers


def test_cors_preflight(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _cors_app(asgi, make_app, cors_enable=True)
    result = testing.simulate_options(
        app,
        '/',
        headers={
            'Origin': 'https://a.example',
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'X-Token, Content-Type',
        },
    )
    assert result.status_code == 200
    assert result.headers['Access-Control-Allow-Origin'] == '*'
    assert result.headers['Access-Control-Allow-Methods'] == 'GET, POST'
    assert result.headers['Access-Control-Allow-Headers'] == 'X-Token, Content-Type'
    assert result.headers['Access-Control-Max-Age'] == '86400'
    assert 'Allow' not in result.headers


def test_cors_preflight_without_request_headers(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _cors_app(asgi, make_app, cors_enable=True)
    result = testing.simulate_options(
        app,
        '/',
        headers={'Origin': 'https://a.example', 'Access-Control-Request-Method': 'GET'},
    )
    assert result.headers['Access-Control-Allow-Headers'] == '*'


@pytest.mark.parametrize(
    ('origin', 'allowed'),
    [('https://good.example', 'https://good.example'), ('https://evil.example', None)],
)
def test_cors_middleware_origins(
    asgi: bool, make_app: Callable[..., Any], origin: str, allowed: str | None
) -> None:
    cors = falcon.CORSMiddleware(
        allow_origins=['https://good.example'], expose_headers=['X-Total', 'X-Page']
    )
    app = _cors_app(asgi, make_app, middleware=[cors])
    result = testing.simulate_get(app, '/', headers={'Origin': origin})
    assert result.headers.get('Access-Control-Allow-Origin') == allowed
    if allowed:
        assert result.headers['Access-Control-Expose-Headers'] == 'X-Total, X-Page'


def test_cors_credentials_echo_origin(asgi: bool, make_app: Callable[..., Any]) -> None:
    cors = falcon.CORSMiddleware(allow_origins='*', allow_credentials=['https://a.example'])
    app = _cors_app(asgi, make_app, middleware=[cors])
    result = testing.simulate_get(app, '/', headers={'Origin': 'https://a.example'})
    assert result.headers['Access-Control-Allow-Origin'] == 'https://a.example'
    assert result.headers['Access-Control-Allow-Credentials'] == 'true'
    other = testing.simulate_get(app, '/', headers={'Origin': 'https://b.example'})
    assert other.headers['Access-Control-Allow-Origin'] == '*'
    assert 'Access-Control-Allow-Credentials' not in other.headers
