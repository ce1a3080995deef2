"""The Hooks page of Falcon 4.4 and the ``falcon.before``/``falcon.after`` docstrings, probed
in both kinds of app: hook arguments, injected params, hooks on a whole resource class
(suffixed responders included, ``on_request`` only with ``decorate_on_request``), the order
of stacked hooks, hooks that raise, callable objects as hooks, ``is_async`` being an
ordinary keyword argument since 4.0, and hand-written decorators built with
``functools.wraps``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.hooks
from falcon import testing

from ._support import resource


def _hook(asgi: bool, func: Callable[..., None]) -> Callable[..., Any]:
    """``func`` as a hook of the app's kind (a coroutine function in the ASGI app)."""
    if not asgi:
        return func

    async def hook_async(*args: Any, **kwargs: Any) -> None:
        func(*args, **kwargs)

    return hook_async


def _responder(asgi: bool, func: Callable[..., None]) -> Callable[..., Any]:
    """``func(req, resp, **params)`` as a responder method of the app's kind."""
    if asgi:

        async def method_async(self: Any, req: Any, resp: Any, **params: Any) -> None:
            func(req, resp, **params)

        return method_async

    def method(self: Any, req: Any, resp: Any, **params: Any) -> None:
        func(req, resp, **params)

    return method


def test_before_receives_resource_and_only_uri_fields(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    seen: list[Any] = []

    def check(req: Any, resp: Any, res: Any, params: dict[str, Any]) -> None:
        seen.append((res, dict(params)))

    class Things:
        on_get = falcon.before(_hook(asgi, check))(
            _responder(asgi, lambda req, resp, thing_id: setattr(resp, 'text', thing_id))
        )

    things = Things()
    app = make_app()
    app.add_route('/things/{thing_id}', things)
    result = testing.simulate_get(app, '/things/7', query_string='limit=3&thing_id=9')
    assert result.text == '7'
    assert seen == [(things, {'thing_id': '7'})]


def test_before_may_convert_and_inject_params(asgi: bool, make_app: Callable[..., Any]) -> None:
    def do_something(req: Any, resp: Any, res: Any, params: dict[str, Any]) -> None:
        try:
            params['id'] = int(params['id'])
        except ValueError:
            raise falcon.HTTPBadRequest(
                title='Invalid ID', description='ID was not valid.'
            ) from None
        params['answer'] = 42

    def show(req: Any, resp: Any, id: int, answer: int) -> None:
        resp.media = {'id': id, 'answer': answer}

    class Item:
        on_get = falcon.before(_hook(asgi, do_something))(_responder(asgi, show))

    app = make_app()
    app.add_route('/items/{id}', Item())
    assert testing.simulate_get(app, '/items/5').json == {'id': 5, 'answer': 42}
    bad = testing.simulate_get(app, '/items/five')
    assert bad.status_code == 400
    assert bad.json == {'title': 'Invalid ID', 'description': 'ID was not valid.'}


def test_extra_args_and_kwargs_follow_the_standard_ones(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    calls: list[Any] = []

    def validate(req: Any, resp: Any, res: Any, params: Any, allowed: list[str], *, strict: bool):
        calls.append(('before', allowed, strict))

    def stamp(req: Any, resp: Any, res: Any, name: str, value: str = '') -> None:
        calls.append(('after', name, value))
        resp.set_header(name, value)

    class Images:
        on_post = falcon.before(_hook(asgi, validate), ['image/png'], strict=True)(
            falcon.after(_hook(asgi, stamp), 'X-Stamp', value='done')(
                _responder(asgi, lambda req, resp: calls.append('responder'))
            )
        )

    app = make_app()
    app.add_route('/images', Images())
    result = testing.simulate_post(app, '/images')
    assert result.headers['X-Stamp'] == 'done'
    assert calls == [('before', ['image/png'], True), 'responder', ('after', 'X-Stamp', 'done')]


def test_is_async_is_passed_to_the_action_like_any_keyword(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    received: list[Any] = []

    def before_action(req: Any, resp: Any, res: Any, params: Any, **kwargs: Any) -> None:
        received.append(('before', kwargs))

    def after_action(req: Any, resp: Any, res: Any, **kwargs: Any) -> None:
        received.append(('after', kwargs))

    class Res:
        on_get = falcon.before(_hook(asgi, before_action), is_async=True)(
            falcon.after(_hook(asgi, after_action), is_async=False)(
                _responder(asgi, lambda req, resp: None)
            )
        )

    app = make_app()
    app.add_route('/', Res())
    assert testing.simulate_get(app, '/').status_code == 200
    assert received == [('before', {'is_async': True}), ('after', {'is_async': False})]


def test_callable_object_as_hook(asgi: bool, make_app: Callable[..., Any]) -> None:
    class Authorize:
        def __init__(self, roles: list[str]) -> None:
            self._roles = roles

        def __call__(self, req: Any, resp: Any, res: Any, params: Any) -> None:
            if req.get_header('X-Role') not in self._roles:
                raise falcon.HTTPForbidden(title='Role required')

    class AuthorizeAsync(Authorize):
        async def __call__(self, req: Any, resp: Any, res: Any, params: Any) -> None:  # type: ignore[override]
            super().__call__(req, resp, res, params)

    hook = (AuthorizeAsync if asgi else Authorize)(['admin'])

    class Admin:
        on_post = falcon.before(hook)(_responder(asgi, lambda req, resp: None))

    app = make_app()
    app.add_route('/admin', Admin())
    denied = testing.simulate_post(app, '/admin', headers={'X-Role': 'guest'})
    assert denied.status_code == 403
    assert denied.json == {'title': 'Role required'}
    assert testing.simulate_post(app, '/admin', headers={'X-Role': 'admin'}).status_code == 200


def test_plain_callable_object_as_hook_in_either_app(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    class Tag:
        def __call__(self, req: Any, resp: Any, res: Any) -> None:
            resp.set_header('X-Tag', 'tagged')

    res = resource(asgi, on_get=lambda req, resp: None)
    type(res).on_get = falcon.after(Tag())(type(res).on_get)
    app = make_app()
    app.add_route('/', res)
    assert testing.simulate_get(app, '/').headers['X-Tag'] == 'tagged'


def _class_with_responders(asgi: bool, log: list[str]) -> type:
    def body(label: str) -> Callable[..., Any]:
        return _responder(asgi, lambda req, resp, **kw: log.append(label))

    return type(
        'Message',
        (),
        {
            'on_get': body('on_get'),
            'on_post': body('on_post'),
            'on_get_items': body('on_get_items'),
            'on_request': body('on_request'),
            'on_frobnicate': body('on_frobnicate'),
            'helper': body('helper'),
        },
    )


def test_class_hook_wraps_every_responder_including_suffixed(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []
    cls = _class_with_responders(asgi, log)
    originals = dict(vars(cls))
    decorated = falcon.before(_hook(asgi, lambda req, resp, res, params: log.append('hook')))(cls)
    assert decorated is cls
    for name in ('on_get', 'on_post', 'on_get_items'):
        assert vars(cls)[name] is not originals[name], name
    for name in ('on_frobnicate', 'helper', 'on_request'):
        assert vars(cls)[name] is originals[name], name

    app = make_app()
    instance = cls()
    app.add_route('/msgs', instance)
    app.add_route('/msgs/items', instance, suffix='items')
    testing.simulate_get(app, '/msgs')
    testing.simulate_post(app, '/msgs')
    testing.simulate_get(app, '/msgs/items')
    assert log == ['hook', 'on_get', 'hook', 'on_post', 'hook', 'on_get_items']


def test_class_hook_wraps_on_request_when_decorate_on_request_is_set(
    asgi: bool, make_app: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert falcon.hooks.decorate_on_request is False
    monkeypatch.setattr(falcon.hooks, 'decorate_on_request', True)
    log: list[str] = []
    cls = _class_with_responders(asgi, log)
    original = vars(cls)['on_request']
    falcon.before(_hook(asgi, lambda req, resp, res, params: log.append('hook')))(cls)
    assert vars(cls)['on_request'] is not original

    app = make_app()
    app.router_options.default_to_on_request = True
    app.add_route('/msgs', cls())
    assert testing.simulate_delete(app, '/msgs').status_code == 200
    assert log == ['hook', 'on_request']


def test_class_hook_injects_params_into_every_responder(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    def extract_project_id(req: Any, resp: Any, res: Any, params: dict[str, Any]) -> None:
        params['project_id'] = None
        if req.content_type == falcon.MEDIA_JSON:
            params['project_id'] = req.get_header('X-Project')

    def on_any(req: Any, resp: Any, project_id: Any) -> None:
        resp.media = {'project_id': project_id}

    cls = type('Message', (), {'on_get': _responder(asgi, on_any)})
    cls.on_post = _responder(asgi, on_any)  # type: ignore[attr-defined]
    falcon.before(_hook(asgi, extract_project_id))(cls)
    app = make_app()
    app.add_route('/', cls())
    assert testing.simulate_get(app, '/').json == {'project_id': None}
    result = testing.simulate_post(
        app, '/', headers={'Content-Type': falcon.MEDIA_JSON, 'X-Project': 'p1'}
    )
    assert result.json == {'project_id': 'p1'}


def test_stacked_hook_order(asgi: bool, make_app: Callable[..., Any]) -> None:
    log: list[str] = []

    def mark(label: str, before: bool = True) -> Callable[..., Any]:
        if before:
            return _hook(asgi, lambda req, resp, res, params: log.append(label))
        return _hook(asgi, lambda req, resp, res: log.append(label))

    cls = type(
        'Res',
        (),
        {
            'on_get': falcon.before(mark('method-before-1'))(
                falcon.before(mark('method-before-2'))(
                    falcon.after(mark('method-after-1', False))(
                        falcon.after(mark('method-after-2', False))(
                            _responder(asgi, lambda req, resp: log.append('responder'))
                        )
                    )
                )
            )
        },
    )
    falcon.after(mark('class-after', False))(falcon.before(mark('class-before'))(cls))
    app = make_app()
    app.add_route('/', cls())
    assert testing.simulate_get(app, '/').status_code == 200
    assert log == [
        'class-before',
        'method-before-1',
        'method-before-2',
        'responder',
        'method-after-2',
        'method-after-1',
        'class-after',
    ]


def test_raising_before_hook_skips_responder_and_after_hooks(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []

    def deny(req: Any, resp: Any, res: Any, params: Any) -> None:
        log.append('deny')
        raise falcon.HTTPUnauthorized(title='Nope', challenges=['Bearer'])

    class Res:
        on_get = falcon.after(_hook(asgi, lambda req, resp, res: log.append('after')))(
            falcon.before(_hook(asgi, deny))(
                _responder(asgi, lambda req, resp: log.append('responder'))
            )
        )

    app = make_app()
    app.add_route('/', Res())
    result = testing.simulate_get(app, '/')
    assert result.status_code == 401
    assert result.headers['WWW-Authenticate'] == 'Bearer'
    assert result.json == {'title': 'Nope'}
    assert log == ['deny']


def test_raising_responder_skips_after_hooks(asgi: bool, make_app: Callable[..., Any]) -> None:
    log: list[str] = []

    def fail(req: Any, resp: Any) -> None:
        log.append('responder')
        raise falcon.HTTPNotFound()

    class Res:
        on_get = falcon.after(_hook(asgi, lambda req, resp, res: log.append('after')))(
            _responder(asgi, fail)
        )

    app = make_app()
    app.add_route('/', Res())
    assert testing.simulate_get(app, '/').status_code == 404
    assert log == ['responder']


def test_raising_after_hook_gives_its_error(asgi: bool, make_app: Callable[..., Any]) -> None:
    def after_action(req: Any, resp: Any, res: Any) -> None:
        raise falcon.HTTPServiceUnavailable(retry_after=30)

    class Res:
        on_get = falcon.after(_hook(asgi, after_action))(
            _responder(asgi, lambda req, resp: setattr(resp, 'text', 'body'))
        )

    app = make_app()
    app.add_route('/', Res())
    result = testing.simulate_get(app, '/')
    assert result.status_code == 503
    assert result.headers['Retry-After'] == '30'
    assert result.json == {'title': '503 Service Unavailable'}


def test_after_hook_sees_the_responder_output(asgi: bool, make_app: Callable[..., Any]) -> None:
    def wrap(req: Any, resp: Any, res: Any) -> None:
        resp.media = {'wrapped': resp.media, 'by': type(res).__name__}

    class Res:
        on_get = falcon.after(_hook(asgi, wrap))(
            _responder(asgi, lambda req, resp: setattr(resp, 'media', [1, 2]))
        )

    app = make_app()
    app.add_route('/', Res())
    assert testing.simulate_get(app, '/').json == {'wrapped': [1, 2], 'by': 'Res'}


def test_hooks_pass_data_through_context(asgi: bool, make_app: Callable[..., Any]) -> None:
    def load(req: Any, resp: Any, res: Any, params: Any) -> None:
        req.context.user = 'alice'

    class Res:
        on_get = falcon.before(_hook(asgi, load))(
            _responder(asgi, lambda req, resp: setattr(resp, 'text', req.context.user))
        )

    app = make_app()
    app.add_route('/', Res())
    assert testing.simulate_get(app, '/').text == 'alice'


def test_custom_decorator_with_functools_wraps(asgi: bool, make_app: Callable[..., Any]) -> None:
    log: list[str] = []

    def log_access(responder: Callable[..., Any]) -> Callable[..., Any]:
        if asgi:

            @functools.wraps(responder)
            async def wrapper_async(res: Any, req: Any, resp: Any, *args: Any, **kw: Any) -> None:
                await responder(res, req, resp, *args, **kw)
                log.append(f'[{type(res).__name__}] {req.method} {req.relative_uri}')

            return wrapper_async

        @functools.wraps(responder)
        def wrapper(res: Any, req: Any, resp: Any, *args: Any, **kw: Any) -> None:
            responder(res, req, resp, *args, **kw)
            log.append(f'[{type(res).__name__}] {req.method} {req.relative_uri}')

        return wrapper

    class HelloResource:
        on_get = log_access(_responder(asgi, lambda req, resp: setattr(resp, 'media', {'a': 1})))

    assert HelloResource.on_get.__name__ in ('method', 'method_async')
    app = make_app()
    app.add_route('/hello', HelloResource())
    assert testing.simulate_get(app, '/hello', query_string='x=1').json == {'a': 1}
    assert log == ['[HelloResource] GET /hello?x=1']


def test_class_hook_wraps_inherited_responders_without_touching_the_base(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    log: list[str] = []
    base = type('Base', (), {'on_get': _responder(asgi, lambda req, resp: log.append('get'))})
    child = type(
        'Child', (base,), {'on_post': _responder(asgi, lambda req, resp: log.append('post'))}
    )
    falcon.before(_hook(asgi, lambda req, resp, res, params: log.append('hook')))(child)
    app = make_app()
    app.add_route('/child', child())
    app.add_route('/base', base())
    testing.simulate_get(app, '/child')
    testing.simulate_post(app, '/child')
    testing.simulate_get(app, '/base')
    assert log == ['hook', 'get', 'hook', 'post', 'get']
