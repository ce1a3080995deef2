"""The names APM agents patch, and proof that a patch installed on each one takes effect.

The agents themselves are not installed; each test installs a small wrapper of its own the
way the agent does (the agent's code was read, not copied):

- New Relic wraps ``falcon.App.__call__`` (WSGI), ``falcon.App._handle_exception``
  (``(req, resp, ex, params)``, reading ``resp.status`` after the original ran and its
  ``True`` result) and ``falcon.routing.util.map_http_methods`` (wrapping every responder of
  the map it returns), all with ``wrapt``.
- Datadog's ddtrace wraps ``falcon.App.__init__`` to insert its middleware in front of the
  ``middleware=`` list.
- Scout's middleware calls ``app._get_responder(req)`` to name the responder.
- Sentry replaces ``falcon.app_helpers.prepare_middleware``; OpenTelemetry rebuilds
  ``app._middleware`` from ``app._unprepared_middleware`` with ``app._prepare_middleware``.
- Sentry compares ``req._media`` with ``falcon.request._UNSET``.

Every test runs against ``falcon.App`` and ``falcon.asgi.App``; a wrapper of an ASGI app's
``_handle_exception`` is a coroutine function, as the method is.
"""

from __future__ import annotations

import asyncio
import functools
import sys
from collections.abc import Callable
from typing import Any

import pytest
import wrapt

import falcon
import falcon.app_helpers
import falcon.asgi
import falcon.request
import falcon.routing.util
from falcon import testing


def _app_class(asgi: bool) -> Any:
    return falcon.asgi.App if asgi else falcon.App


class Items:
    """Plain responders: either kind of app accepts them."""

    def on_get(self, req: Any, resp: Any, item_id: int) -> None:
        if item_id == 0:
            raise ZeroDivisionError('no item zero')
        if item_id == 4:
            raise falcon.HTTPNotFound()
        resp.media = {'id': item_id}

    def on_post(self, req: Any, resp: Any, item_id: int) -> None:
        resp.media = {'created': item_id}


def _app(asgi: bool, **kwargs: Any) -> Any:
    app = _app_class(asgi)(**kwargs)
    app.add_route('/items/{item_id:int}', Items())
    return app


# -- App.__call__ ------------------------------------------------------------------------------


def test_call_patched_on_the_class(asgi: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    cls = _app_class(asgi)
    calls: list[str] = []

    def wrapper(wrapped: Any, instance: Any, args: Any, kwargs: Any) -> Any:
        # WSGI: (environ, start_response); ASGI: (scope, receive, send), lifespan included.
        calls.append(args[0].get('type', 'wsgi'))
        return wrapped(*args, **kwargs)

    monkeypatch.setattr(cls, '__call__', wrapt.FunctionWrapper(cls.__call__, wrapper))

    result = testing.TestClient(_app(asgi)).simulate_get('/items/3')

    assert result.status_code == 200
    assert result.json == {'id': 3}
    assert calls == (['lifespan', 'http'] if asgi else ['wsgi'])


# -- App._handle_exception ---------------------------------------------------------------------


def _recording_handler(
    original: Callable[..., Any], seen: list[Any], asgi: bool, bound: bool
) -> Callable[..., Any]:
    """A replacement for ``_handle_exception`` that records what it saw and defers."""

    def record(args: tuple[Any, ...], handled: Any) -> None:
        _req, resp, ex, params = args
        seen.append((type(ex).__name__, dict(params), resp.status, handled, sys.exc_info()[1]))

    if asgi:

        async def handle_async(*args: Any) -> Any:
            handled = await original(*args)
            record(args[1:] if not bound else args, handled)
            return handled

        return handle_async

    def handle(*args: Any) -> Any:
        handled = original(*args)
        record(args[1:] if not bound else args, handled)
        return handled

    return handle


def test_handle_exception_patched_on_the_class(
    asgi: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    cls = _app_class(asgi)
    seen: list[Any] = []
    monkeypatch.setattr(
        cls, '_handle_exception', _recording_handler(cls._handle_exception, seen, asgi, False)
    )
    client = testing.TestClient(_app(asgi))

    assert client.simulate_get('/items/0').status_code == 500
    assert client.simulate_get('/items/4').status_code == 404
    assert client.simulate_get('/items/5').status_code == 200

    assert [entry[:4] for entry in seen] == [
        ('ZeroDivisionError', {'item_id': 0}, '500 Internal Server Error', True),
        ('HTTPNotFound', {'item_id': 4}, '404 Not Found', True),
    ]
    # Called while the exception is being handled, as agents reading sys.exc_info() expect.
    assert isinstance(seen[0][4], ZeroDivisionError)


def test_handle_exception_patched_on_the_instance(asgi: bool) -> None:
    app = _app(asgi)
    seen: list[Any] = []
    app._handle_exception = _recording_handler(app._handle_exception, seen, asgi, True)

    result = testing.TestClient(app).simulate_get('/items/0')

    assert result.status_code == 500
    assert [entry[:4] for entry in seen] == [
        ('ZeroDivisionError', {'item_id': 0}, '500 Internal Server Error', True)
    ]


def test_handle_exception_false_lets_the_exception_propagate(asgi: bool) -> None:
    app = _app(asgi)
    if asgi:

        async def not_handled(req: Any, resp: Any, ex: BaseException, params: Any) -> bool:
            return False

        app._handle_exception = not_handled
    else:
        app._handle_exception = lambda req, resp, ex, params: False

    with pytest.raises(ZeroDivisionError, match='no item zero'):
        testing.TestClient(app).simulate_get('/items/0')


def test_handle_exception_default_result(asgi: bool) -> None:
    app = _app(asgi)
    req = testing.create_asgi_req() if asgi else testing.create_req()
    resp = falcon.asgi.Response() if asgi else falcon.Response()

    handled = app._handle_exception(req, resp, ValueError('x'), {})
    if asgi:
        handled = asyncio.run(handled)

    assert handled is True
    assert resp.status == '500 Internal Server Error'


# -- falcon.routing.util.map_http_methods -----------------------------------------------------


def test_map_http_methods_wrapped_before_add_route(
    asgi: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    traced: list[str] = []

    @wrapt.function_wrapper
    def method_wrapper(wrapped: Any, instance: Any, args: Any, kwargs: Any) -> Any:
        traced.append(wrapped.__name__)
        return wrapped(*args, **kwargs)

    def wrap_responder(wrapped: Any, instance: Any, args: Any, kwargs: Any) -> Any:
        method_map = wrapped(*args, **kwargs)
        for key, method in method_map.items():
            method_map[key] = method_wrapper(method)
        return method_map

    original = falcon.routing.util.map_http_methods
    monkeypatch.setattr(
        falcon.routing.util, 'map_http_methods', wrapt.FunctionWrapper(original, wrap_responder)
    )
    client = testing.TestClient(_app(asgi))

    assert client.simulate_get('/items/2').json == {'id': 2}
    assert client.simulate_post('/items/8').json == {'created': 8}
    assert traced == ['on_get', 'on_post']


def test_map_http_methods_plain_wrapper_of_async_responders(
    asgi: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    traced: list[str] = []
    original = falcon.routing.util.map_http_methods

    def tracing_map(resource: Any, suffix: str | None = None, **kwargs: Any) -> Any:
        method_map = original(resource, suffix=suffix, **kwargs)
        for key, method in method_map.items():

            @functools.wraps(method)
            def traced_method(*args: Any, _method: Any = method, **kw: Any) -> Any:
                traced.append(_method.__name__)
                return _method(*args, **kw)

            method_map[key] = traced_method
        return method_map

    monkeypatch.setattr(falcon.routing.util, 'map_http_methods', tracing_map)

    class AsyncItems:
        async def on_get(self, req: Any, resp: Any) -> None:
            resp.media = {'async': True}

    app = _app_class(asgi)()
    app.add_route('/async', AsyncItems())

    assert testing.TestClient(app).simulate_get('/async').json == {'async': True}
    assert traced == ['on_get']


# -- App.__init__ (ddtrace) --------------------------------------------------------------------


def test_init_wrapped_to_insert_middleware(asgi: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    cls = _app_class(asgi)
    seen: list[str] = []

    class TraceMiddleware:
        def process_request(self, req: Any, resp: Any) -> None:
            seen.append('trace request')

        def process_resource(self, req: Any, resp: Any, resource: Any, params: Any) -> None:
            seen.append(f'{req.method} {type(resource).__name__}')

        def process_response(self, req: Any, resp: Any, resource: Any, ok: bool) -> None:
            seen.append(f'trace response {resp.status.partition(" ")[0]} {ok}')

    class UserMiddleware:
        def process_request(self, req: Any, resp: Any) -> None:
            seen.append('user request')

    def traced_init(wrapped: Any, instance: Any, args: Any, kwargs: Any) -> None:
        middleware = kwargs.pop('middleware', [])
        middleware.insert(0, TraceMiddleware())
        kwargs['middleware'] = middleware
        wrapped(*args, **kwargs)

    monkeypatch.setattr(cls, '__init__', wrapt.FunctionWrapper(cls.__init__, traced_init))
    client = testing.TestClient(_app(asgi, middleware=[UserMiddleware()]))

    assert client.simulate_get('/items/1').status_code == 200
    assert client.simulate_get('/items/0').status_code == 500
    assert seen == [
        'trace request',
        'user request',
        'GET Items',
        'trace response 200 True',
        'trace request',
        'user request',
        'GET Items',
        'trace response 500 False',
    ]


# -- App._get_responder (Scout) ----------------------------------------------------------------


def test_get_responder_from_middleware(asgi: bool) -> None:
    names: list[tuple[str, str | None]] = []

    class ScoutLike:
        def __init__(self) -> None:
            self.api: Any = None

        def process_resource(self, req: Any, resp: Any, resource: Any, params: Any) -> None:
            responder, found_params, found_resource, uri_template = self.api._get_responder(req)
            assert found_resource is resource
            assert found_params == params
            names.append((responder.__name__, uri_template))

    scout = ScoutLike()
    app = _app(asgi, middleware=[scout])
    scout.api = app

    assert testing.TestClient(app).simulate_post('/items/6').json == {'created': 6}
    assert names == [('on_post', '/items/{item_id:int}')]


def test_get_responder_patched_on_the_class(asgi: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    cls = _app_class(asgi)
    routed: list[str] = []
    original = cls._get_responder

    def get_responder(self: Any, req: Any) -> Any:
        found = original(self, req)
        routed.append(found[3])
        return found

    monkeypatch.setattr(cls, '_get_responder', get_responder)

    assert testing.TestClient(_app(asgi)).simulate_get('/items/1').status_code == 200
    assert routed == ['/items/{item_id:int}']


# -- middleware preparation (Sentry, OpenTelemetry) --------------------------------------------


class Recorder:
    def __init__(self, name: str, seen: list[str]) -> None:
        self.name = name
        self.seen = seen

    def process_request(self, req: Any, resp: Any) -> None:
        self.seen.append(f'{self.name} request')

    def process_response(self, req: Any, resp: Any, resource: Any, ok: bool) -> None:
        self.seen.append(f'{self.name} response')


def test_prepare_middleware_wrapped(asgi: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    flags: list[tuple[bool, bool]] = []
    original = falcon.app_helpers.prepare_middleware

    def patched(
        middleware: Any = None, independent_middleware: Any = False, asgi: bool = False
    ) -> Any:
        flags.append((bool(independent_middleware), asgi))
        middleware = [Recorder('agent', seen), *(middleware or [])]
        return original(middleware, independent_middleware, asgi)

    monkeypatch.setattr(falcon.app_helpers, 'prepare_middleware', patched)
    app = _app(asgi, middleware=[Recorder('user', seen)], independent_middleware=False)
    client = testing.TestClient(app)

    assert client.simulate_get('/items/1').status_code == 200
    assert seen == ['agent request', 'user request', 'user response', 'agent response']
    assert flags == [(False, asgi)]

    app.add_middleware(Recorder('added', seen))
    seen.clear()
    assert client.simulate_get('/items/1').status_code == 200
    assert seen == [
        'agent request',
        'user request',
        'added request',
        'added response',
        'user response',
        'agent response',
    ]
    assert flags == [(False, asgi), (False, asgi)]


def test_middleware_rebuilt_from_unprepared_list(asgi: bool) -> None:
    seen: list[str] = []
    app = _app(asgi, middleware=[Recorder('tracer', seen), Recorder('user', seen)])
    assert app._independent_middleware is True

    app._unprepared_middleware = [
        component for component in app._unprepared_middleware if component.name != 'tracer'
    ]
    app._middleware = app._prepare_middleware(
        app._unprepared_middleware, independent_middleware=app._independent_middleware
    )

    assert testing.TestClient(app).simulate_get('/items/1').status_code == 200
    assert seen == ['user request', 'user response']


def test_prepare_middleware_default_checks_components(asgi: bool) -> None:
    with pytest.raises(TypeError):
        falcon.app_helpers.prepare_middleware([object()], asgi=asgi)


# -- falcon.request._UNSET ---------------------------------------------------------------------


def test_media_sentinel(asgi: bool) -> None:
    states: list[Any] = []

    class Media:
        async def on_post_async(self, req: Any, resp: Any) -> None:
            states.append(req._media is falcon.request._UNSET)
            await req.get_media()
            states.append(req._media)

        def on_post(self, req: Any, resp: Any) -> None:
            states.append(req._media is falcon.request._UNSET)
            req.get_media()
            states.append(req._media)

    app = _app_class(asgi)()
    resource = Media()
    if asgi:
        resource.on_post = resource.on_post_async  # type: ignore[method-assign]
    app.add_route('/media', resource)

    result = testing.TestClient(app).simulate_post('/media', json={'a': 1})

    assert result.status_code == 200
    assert states == [True, {'a': 1}]
