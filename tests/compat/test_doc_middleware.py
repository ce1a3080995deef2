"""The Middleware page of Falcon 4.4, probed in both kinds of app: the order of the
``process_*`` methods (with missing ones skipped), short-circuiting with ``resp.complete``,
exception handling while the stack unwinds, ``req_succeeded``, re-routing through
``req.path``, the ``*_async`` spelling for components shared by both apps, and
``add_middleware``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.asgi
from falcon import testing

from ._support import resource

Step = Callable[..., None]


def _component(asgi: bool, name: str, **methods: Step) -> Any:
    """A middleware class instance whose methods call the given plain functions; they are
    coroutine functions in the ASGI app, as Falcon requires there."""
    attrs: dict[str, Any] = {}
    for attr, func in methods.items():
        if asgi:

            async def method_async(self: object, *args: Any, _func: Step = func) -> None:
                _func(*args)

            attrs[attr] = method_async
        else:

            def method(self: object, *args: Any, _func: Step = func) -> None:
                _func(*args)

            attrs[attr] = method
    return type(name, (), attrs)()


def _recorder(
    asgi: bool,
    name: str,
    log: list[str],
    skip: tuple[str, ...] = (),
    raise_in: str | None = None,
    complete_in: str | None = None,
    error: Exception | None = None,
) -> Any:
    def record(step: str, resp: Any) -> None:
        log.append(f'{name}.{step}')
        if step == raise_in:
            raise error if error is not None else falcon.HTTPForbidden()
        if step == complete_in:
            resp.complete = True

    def process_request(req: Any, resp: Any) -> None:
        record('process_request', resp)

    def process_resource(req: Any, resp: Any, res: Any, params: Any) -> None:
        record('process_resource', resp)

    def process_response(req: Any, resp: Any, res: Any, req_succeeded: bool) -> None:
        log.append(f'{name}.process_response({req_succeeded})')
        if raise_in == 'process_response':
            raise error if error is not None else falcon.HTTPForbidden()

    methods: dict[str, Step] = {
        'process_request': process_request,
        'process_resource': process_resource,
        'process_response': process_response,
    }
    for missing in skip:
        del methods[missing]
    return _component(asgi, name, **methods)


def _app(
    asgi: bool, make_app: Callable[..., Any], log: list[str], middleware: list[Any], **kw: Any
) -> Any:
    def on_get(req: Any, resp: Any, **params: Any) -> None:
        log.append('responder')
        resp.media = {'params': params}

    app = make_app(middleware=middleware, **kw)
    app.add_route('/', resource(asgi, on_get=on_get))
    return app


def test_stack_order_of_three_components(asgi: bool, make_app: Callable[..., Any]) -> None:
    log: list[str] = []
    mw = [_recorder(asgi, name, log) for name in ('mob1', 'mob2', 'mob3')]
    result = testing.simulate_get(_app(asgi, make_app, log, mw), '/')
    assert result.status_code == 200
    assert log == [
        'mob1.process_request',
        'mob2.process_request',
        'mob3.process_request',
        'mob1.process_resource',
        'mob2.process_resource',
        'mob3.process_resource',
        'responder',
        'mob3.process_response(True)',
        'mob2.process_response(True)',
        'mob1.process_response(True)',
    ]


@pytest.mark.parametrize('independent', [True, False])
def test_missing_methods_are_noops_in_the_stack(
    asgi: bool, make_app: Callable[..., Any], independent: bool
) -> None:
    log: list[str] = []
    mw = [
        _recorder(asgi, 'mob1', log),
        _recorder(asgi, 'mob2', log, skip=('process_request',)),
        _recorder(asgi, 'mob3', log, skip=('process_response',)),
    ]
    app = _app(asgi, make_app, log, mw, independent_middleware=independent)
    assert testing.simulate_get(app, '/').status_code == 200
    assert log == [
        'mob1.process_request',
        'mob3.process_request',
        'mob1.process_resource',
        'mob2.process_resource',
        'mob3.process_resource',
        'responder',
        'mob2.process_response(True)',
        'mob1.process_response(True)',
    ]


def test_component_with_a_single_method(asgi: bool, make_app: Callable[..., Any]) -> None:
    log: list[str] = []
    only_response = _recorder(asgi, 'r', log, skip=('process_request', 'process_resource'))
    only_resource = _recorder(asgi, 's', log, skip=('process_request', 'process_response'))
    app = _app(asgi, make_app, log, [only_response, only_resource])
    assert testing.simulate_get(app, '/').status_code == 200
    assert log == ['s.process_resource', 'responder', 'r.process_response(True)']


def test_complete_in_process_request_short_circuits(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []
    mw = [
        _recorder(asgi, 'mob1', log),
        _recorder(asgi, 'mob2', log, complete_in='process_request'),
        _recorder(asgi, 'mob3', log),
    ]
    result = testing.simulate_get(_app(asgi, make_app, log, mw), '/')
    assert result.status_code == 200
    assert log == [
        'mob1.process_request',
        'mob2.process_request',
        'mob3.process_response(True)',
        'mob2.process_response(True)',
        'mob1.process_response(True)',
    ]


def test_complete_in_process_resource_short_circuits(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []
    mw = [
        _recorder(asgi, 'mob1', log, complete_in='process_resource'),
        _recorder(asgi, 'mob2', log),
    ]
    result = testing.simulate_get(_app(asgi, make_app, log, mw), '/')
    assert result.status_code == 200
    assert log == [
        'mob1.process_request',
        'mob2.process_request',
        'mob1.process_resource',
        'mob2.process_response(True)',
        'mob1.process_response(True)',
    ]


def test_pre_constructed_response_is_sent(asgi: bool, make_app: Callable[..., Any]) -> None:
    def process_request(req: Any, resp: Any) -> None:
        resp.status = falcon.HTTP_203
        resp.media = {'cached': True}
        resp.set_header('X-Cache', 'hit')
        resp.complete = True

    cache = _component(asgi, 'Cache', process_request=process_request)
    log: list[str] = []
    result = testing.simulate_get(_app(asgi, make_app, log, [cache]), '/')
    assert result.status_code == 203
    assert result.json == {'cached': True}
    assert result.headers['X-Cache'] == 'hit'
    assert log == []


def test_error_in_process_request_unwinds_every_response_method(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []
    mw = [
        _recorder(asgi, 'mob1', log),
        _recorder(asgi, 'mob2', log, raise_in='process_request'),
        _recorder(asgi, 'mob3', log),
    ]
    result = testing.simulate_get(_app(asgi, make_app, log, mw), '/')
    assert result.status_code == 403
    assert result.json == {'title': '403 Forbidden'}
    assert log == [
        'mob1.process_request',
        'mob2.process_request',
        'mob3.process_response(False)',
        'mob2.process_response(False)',
        'mob1.process_response(False)',
    ]


def test_dependent_stack_skips_the_raising_component_and_those_below(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []
    mw = [
        _recorder(asgi, 'mob1', log),
        _recorder(asgi, 'mob2', log, raise_in='process_request'),
        _recorder(asgi, 'mob3', log),
    ]
    app = _app(asgi, make_app, log, mw, independent_middleware=False)
    result = testing.simulate_get(app, '/')
    assert result.status_code == 403
    assert log == ['mob1.process_request', 'mob2.process_request', 'mob1.process_response(False)']


class _Teapot(Exception):
    pass


def test_registered_handler_runs_before_the_stack_unwinds(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []
    mw = [
        _recorder(asgi, 'mob1', log),
        _recorder(asgi, 'mob2', log, raise_in='process_request', error=_Teapot()),
    ]
    app = _app(asgi, make_app, log, mw)

    def handle(req: Any, resp: Any, ex: Exception, params: Any) -> None:
        log.append(f'handler:{type(ex).__name__}')
        resp.status = falcon.HTTP_418
        resp.media = {'handled': True}

    app.add_error_handler(_Teapot, handle)
    result = testing.simulate_get(app, '/')
    assert result.status_code == 418
    assert result.json == {'handled': True}
    assert log == [
        'mob1.process_request',
        'mob2.process_request',
        'handler:_Teapot',
        'mob2.process_response(False)',
        'mob1.process_response(False)',
    ]


def test_handler_raising_http_error_updates_the_response(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []
    mw = [_recorder(asgi, 'mob1', log, raise_in='process_request', error=_Teapot())]
    app = _app(asgi, make_app, log, mw)

    def handle(req: Any, resp: Any, ex: Exception, params: Any) -> None:
        raise falcon.HTTPConflict(title='Clash')

    app.add_error_handler(_Teapot, handle)
    result = testing.simulate_get(app, '/')
    assert result.status_code == 409
    assert result.json == {'title': 'Clash'}
    assert log == ['mob1.process_request', 'mob1.process_response(False)']


def test_error_in_process_resource_and_responder_still_runs_every_response_method(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []
    mw = [
        _recorder(asgi, 'mob1', log),
        _recorder(asgi, 'mob2', log, raise_in='process_resource'),
        _recorder(asgi, 'mob3', log),
    ]
    assert testing.simulate_get(_app(asgi, make_app, log, mw), '/').status_code == 403
    assert log == [
        'mob1.process_request',
        'mob2.process_request',
        'mob3.process_request',
        'mob1.process_resource',
        'mob2.process_resource',
        'mob3.process_response(False)',
        'mob2.process_response(False)',
        'mob1.process_response(False)',
    ]


def test_responder_error_gives_req_succeeded_false(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []

    def on_get(req: Any, resp: Any) -> None:
        raise falcon.HTTPBadRequest(title='Bad')

    app = make_app(middleware=[_recorder(asgi, 'mob1', log)])
    app.add_route('/', resource(asgi, on_get=on_get))
    result = testing.simulate_get(app, '/')
    assert result.status_code == 400
    assert result.json == {'title': 'Bad'}
    assert log == [
        'mob1.process_request',
        'mob1.process_resource',
        'mob1.process_response(False)',
    ]


def test_error_in_process_response_is_handled_and_the_rest_still_run(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []
    mw = [
        _recorder(asgi, 'mob1', log),
        _recorder(asgi, 'mob2', log),
        _recorder(asgi, 'mob3', log, raise_in='process_response'),
    ]
    result = testing.simulate_get(_app(asgi, make_app, log, mw), '/')
    assert result.status_code == 403
    assert result.json == {'title': '403 Forbidden'}
    assert log[-3:] == [
        'mob3.process_response(True)',
        'mob2.process_response(True)',
        'mob1.process_response(True)',
    ]


def test_process_response_gets_the_routed_resource_or_none(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    seen: list[Any] = []

    def process_response(req: Any, resp: Any, res: Any, req_succeeded: bool) -> None:
        seen.append(res)

    app = make_app(middleware=[_component(asgi, 'M', process_response=process_response)])
    routed = resource(asgi, on_get=lambda req, resp: None)
    app.add_route('/', routed)
    assert testing.simulate_get(app, '/').status_code == 200
    assert testing.simulate_get(app, '/missing').status_code == 404
    assert seen == [routed, None]


def test_process_resource_gets_resource_and_params_it_may_change(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    seen: list[Any] = []

    def process_resource(req: Any, resp: Any, res: Any, params: dict[str, Any]) -> None:
        seen.append((res, dict(params)))
        params['item_id'] = int(params['item_id'])
        params['added'] = 'by middleware'

    def on_get(req: Any, resp: Any, item_id: int, added: str) -> None:
        resp.media = {'item_id': item_id, 'added': added}

    app = make_app(middleware=[_component(asgi, 'M', process_resource=process_resource)])
    routed = resource(asgi, on_get=on_get)
    app.add_route('/items/{item_id}', routed)
    result = testing.simulate_get(app, '/items/42')
    assert result.json == {'item_id': 42, 'added': 'by middleware'}
    assert seen == [(routed, {'item_id': '42'})]


def test_process_resource_is_not_called_for_sinks_or_unrouted_requests(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []
    app = make_app(middleware=[_recorder(asgi, 'mob1', log)])

    def sink(req: Any, resp: Any, **kwargs: Any) -> None:
        resp.text = 'sunk'

    async def sink_async(req: Any, resp: Any, **kwargs: Any) -> None:
        sink(req, resp)

    app.add_sink(sink_async if asgi else sink, '/sink')
    assert testing.simulate_get(app, '/sink/x').text == 'sunk'
    assert log == ['mob1.process_request', 'mob1.process_response(True)']


def test_process_request_may_reroute_by_setting_path(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    def process_request(req: Any, resp: Any) -> None:
        # Route by host, as the page's tip suggests.
        req.path = '/' + req.host + req.path

    app = make_app(middleware=[_component(asgi, 'M', process_request=process_request)])
    app.add_route(
        '/tenant.example/items',
        resource(asgi, on_get=lambda req, resp: setattr(resp, 'text', req.path)),
    )
    result = testing.simulate_get(app, '/items', host='tenant.example')
    assert result.status_code == 200
    assert result.text == '/tenant.example/items'
    assert testing.simulate_get(app, '/items', host='other.example').status_code == 404


def test_context_carries_data_from_middleware_to_responder(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    def process_request(req: Any, resp: Any) -> None:
        req.context.user = 'alice'
        resp.context.started = True

    def on_get(req: Any, resp: Any) -> None:
        resp.media = {'user': req.context.user, 'started': resp.context.started}

    app = make_app(middleware=[_component(asgi, 'M', process_request=process_request)])
    app.add_route('/', resource(asgi, on_get=on_get))
    assert testing.simulate_get(app, '/').json == {'user': 'alice', 'started': True}


class _Universal:
    """A component written for both kinds of app with the ``*_async`` spelling."""

    def process_request(self, req: Any, resp: Any) -> None:
        resp.set_header('X-Kind', f'sync:{type(req).__module__.split(".")[1]}')

    async def process_request_async(self, req: Any, resp: Any) -> None:
        resp.set_header('X-Kind', f'async:{type(req).__module__.split(".")[1]}')

    def process_response(self, req: Any, resp: Any, res: Any, req_succeeded: bool) -> None:
        resp.set_header('X-Response', 'sync')

    async def process_response_async(
        self, req: Any, resp: Any, res: Any, req_succeeded: bool
    ) -> None:
        resp.set_header('X-Response', 'async')


def test_async_postfix_methods_serve_the_asgi_app(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    app = make_app(middleware=[_Universal()])
    app.add_route('/', resource(asgi, on_get=lambda req, resp: None))
    result = testing.simulate_get(app, '/')
    if asgi:
        assert isinstance(app, falcon.asgi.App)
        assert result.headers['X-Response'] == 'async'
        assert result.headers['X-Kind'].startswith('async:')
    else:
        assert result.headers['X-Response'] == 'sync'
        assert result.headers['X-Kind'].startswith('sync:')


def test_single_component_is_accepted(asgi: bool, make_app: Callable[..., Any]) -> None:
    log: list[str] = []
    app = _app(asgi, make_app, log, _recorder(asgi, 'only', log))  # type: ignore[arg-type]
    assert testing.simulate_get(app, '/').status_code == 200
    assert log == [
        'only.process_request',
        'only.process_resource',
        'responder',
        'only.process_response(True)',
    ]


def test_add_middleware_appends_to_the_stack(asgi: bool, make_app: Callable[..., Any]) -> None:
    log: list[str] = []
    app = _app(asgi, make_app, log, [_recorder(asgi, 'mob1', log)])
    app.add_middleware(_recorder(asgi, 'mob2', log))
    app.add_middleware([_recorder(asgi, 'mob3', log), _recorder(asgi, 'mob4', log)])
    assert testing.simulate_get(app, '/').status_code == 200
    assert log == [
        'mob1.process_request',
        'mob2.process_request',
        'mob3.process_request',
        'mob4.process_request',
        'mob1.process_resource',
        'mob2.process_resource',
        'mob3.process_resource',
        'mob4.process_resource',
        'responder',
        'mob4.process_response(True)',
        'mob3.process_response(True)',
        'mob2.process_response(True)',
        'mob1.process_response(True)',
    ]


def test_add_middleware_to_an_app_without_middleware(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []
    app = make_app()
    app.add_route('/', resource(asgi, on_get=lambda req, resp: log.append('responder')))
    assert testing.simulate_get(app, '/').status_code == 200
    app.add_middleware(_recorder(asgi, 'late', log))
    assert testing.simulate_get(app, '/').status_code == 200
    assert log == [
        'responder',
        'late.process_request',
        'late.process_resource',
        'responder',
        'late.process_response(True)',
    ]


def test_add_middleware_with_cors_enable_refuses_cors_middleware(
    make_app: Callable[..., Any],
) -> None:
    app = make_app(cors_enable=True)
    with pytest.raises(ValueError):
        app.add_middleware(falcon.CORSMiddleware())
    with pytest.raises(ValueError):
        app.add_middleware([falcon.CORSMiddleware()])


def test_object_without_middleware_methods_is_refused(make_app: Callable[..., Any]) -> None:
    with pytest.raises(TypeError):
        make_app(middleware=[object()])
    app = make_app()
    with pytest.raises(TypeError):
        app.add_middleware(object())


def test_plain_and_async_components_mix(asgi: bool, make_app: Callable[..., Any]) -> None:
    log: list[str] = []
    mw = [_recorder(False, 'plain', log), _recorder(True, 'coro', log)]
    assert testing.simulate_get(_app(asgi, make_app, log, mw), '/').status_code == 200
    assert log == [
        'plain.process_request',
        'coro.process_request',
        'plain.process_resource',
        'coro.process_resource',
        'responder',
        'coro.process_response(True)',
        'plain.process_response(True)',
    ]


def test_unexpected_error_in_process_response_is_a_500_and_the_rest_still_run(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []
    mw = [
        _recorder(asgi, 'mob1', log),
        _recorder(asgi, 'mob2', log, raise_in='process_response', error=RuntimeError('boom')),
    ]
    result = testing.simulate_get(_app(asgi, make_app, log, mw), '/')
    assert result.status_code == 500
    assert result.json == {'title': '500 Internal Server Error'}
    assert log[-2:] == ['mob2.process_response(True)', 'mob1.process_response(True)']


async def test_add_middleware_covers_lifespan_and_websocket_methods() -> None:
    calls: list[str] = []

    class Late:
        async def process_startup(self, scope: Any, event: Any) -> None:
            calls.append('startup')

        async def process_shutdown(self, scope: Any, event: Any) -> None:
            calls.append('shutdown')

        async def process_request_ws(self, req: Any, ws: Any) -> None:
            calls.append(f'request_ws:{req.path}')

        async def process_resource_ws(self, req: Any, ws: Any, res: Any, params: Any) -> None:
            calls.append(f'resource_ws:{type(res).__name__}')

    class Room:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            calls.append('on_websocket')
            await ws.accept()

    app = falcon.asgi.App()
    app.add_route('/ws', Room())
    app.add_middleware(Late())
    async with testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/ws'):
            pass
    assert calls == [
        'startup',
        'request_ws:/ws',
        'resource_ws:Room',
        'on_websocket',
        'shutdown',
    ]
