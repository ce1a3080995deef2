"""Hooks: falcon.before / falcon.after on responders and classes, with arguments."""

from __future__ import annotations

from typing import Any

import falcon
from tests._harness import Case, cases, run


def trace(req: Any, step: str) -> None:
    req.context.trace = [*getattr(req.context, 'trace', []), step]


def before_named(name: str) -> Any:
    def hook(req: Any, resp: Any, resource: Any, params: Any) -> None:
        trace(req, f'before:{name}')

    return hook


def after_named(name: str) -> Any:
    def hook(req: Any, resp: Any, resource: Any) -> None:
        resp.append_header('X-After', name)

    return hook


def tag_param(req: Any, resp: Any, resource: Any, params: Any, key: str, value: str) -> None:
    params[key] = value


def double_id(req: Any, resp: Any, resource: Any, params: Any) -> None:
    params['item_id'] = int(params['item_id']) * 2


def deny(req: Any, resp: Any, resource: Any, params: Any) -> None:
    raise falcon.HTTPForbidden(description='denied by hook')


def stamp(req: Any, resp: Any, resource: Any, *args: Any, **kwargs: Any) -> None:
    resp.set_header('X-Stamp', '-'.join([*args, *(f'{k}={v}' for k, v in kwargs.items())]))


def respond_with_trace(req: Any, resp: Any, **extra: Any) -> None:
    resp.media = {'trace': getattr(req.context, 'trace', []), **extra}


class MethodHooks:
    @falcon.before(before_named('outer'))
    @falcon.before(before_named('inner'))
    def on_get(self, req: Any, resp: Any) -> None:
        trace(req, 'responder')
        respond_with_trace(req, resp)

    @falcon.before(tag_param, 'tag', value='v1')
    def on_post(self, req: Any, resp: Any, tag: str) -> None:
        resp.media = {'tag': tag}

    @falcon.before(deny)
    def on_delete(self, req: Any, resp: Any) -> None:
        resp.media = {'reached': True}

    @falcon.after(after_named('first'))
    @falcon.after(after_named('second'))
    def on_put(self, req: Any, resp: Any) -> None:
        resp.text = 'put'

    @falcon.after(stamp, 'a', 'b', c='d')
    def on_patch(self, req: Any, resp: Any) -> None:
        resp.text = 'patched'


class ItemHooks:
    @falcon.before(double_id)
    def on_get(self, req: Any, resp: Any, item_id: int) -> None:
        resp.media = {'item_id': item_id}


@falcon.before(before_named('class'))
@falcon.after(after_named('class'))
class ClassHooks:
    @falcon.before(before_named('method'))
    def on_get(self, req: Any, resp: Any) -> None:
        respond_with_trace(req, resp)

    def on_post(self, req: Any, resp: Any) -> None:
        respond_with_trace(req, resp)

    def helper(self) -> str:
        return 'not a responder'


def build(app: Any) -> None:
    app.add_route('/method', MethodHooks())
    app.add_route('/items/{item_id}', ItemHooks())
    app.add_route('/class', ClassHooks())


CASES = [
    Case(
        'before-order',
        build,
        path='/method',
        json={'trace': ['before:outer', 'before:inner', 'responder']},
    ),
    Case('before-with-args', build, method='POST', path='/method', json={'tag': 'v1'}),
    Case(
        'before-raises',
        build,
        method='DELETE',
        path='/method',
        status=403,
        json={'title': '403 Forbidden', 'description': 'denied by hook'},
    ),
    Case(
        'after-order',
        build,
        method='PUT',
        path='/method',
        body='put',
        headers={'x-after': 'second, first'},
    ),
    Case(
        'after-with-args',
        build,
        method='PATCH',
        path='/method',
        body='patched',
        headers={'x-stamp': 'a-b-c=d'},
    ),
    Case('before-changes-params', build, path='/items/21', json={'item_id': 42}),
    Case(
        'class-and-method-before',
        build,
        path='/class',
        json={'trace': ['before:class', 'before:method']},
        headers={'x-after': 'class'},
    ),
    Case(
        'class-hooks-every-responder',
        build,
        method='POST',
        path='/class',
        json={'trace': ['before:class']},
        headers={'x-after': 'class'},
    ),
]


@cases(CASES)
def test_hooks(case: Case) -> None:
    run(case)
