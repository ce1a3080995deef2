"""Beyond Falcon: responders, hooks, middleware and error handlers may be plain or
``async def`` in either app. Each scenario gives the WSGI app the ``async def`` spelling and
the ASGI app the plain one (and the reverse), and both must answer alike."""

from __future__ import annotations

from typing import Any

import falcon
from tests._harness import Case, cases, run


class PlainResponder:
    def on_get(self, req: Any, resp: Any, item: str) -> None:
        resp.media = {'item': item, 'q': req.get_param('q')}

    def on_post(self, req: Any, resp: Any, item: str) -> None:
        resp.media = {'item': item, 'got': req.media}


class AsyncResponder:
    async def on_get(self, req: Any, resp: Any, item: str) -> None:
        resp.media = {'item': item, 'q': req.get_param('q')}

    async def on_post(self, req: Any, resp: Any, item: str) -> None:
        resp.media = {'item': item, 'got': req.media}


def plain_stamp(req: Any, resp: Any, resource: Any, params: Any) -> None:
    params['item'] = params['item'].upper()


async def async_stamp(req: Any, resp: Any, resource: Any, params: Any) -> None:
    params['item'] = params['item'].upper()


def plain_after(req: Any, resp: Any, resource: Any) -> None:
    resp.set_header('X-After', 'yes')


async def async_after(req: Any, resp: Any, resource: Any) -> None:
    resp.set_header('X-After', 'yes')


class PlainHooked:
    @falcon.before(plain_stamp)
    @falcon.after(plain_after)
    def on_get(self, req: Any, resp: Any, item: str) -> None:
        resp.media = {'item': item}


class AsyncHooked:
    @falcon.before(async_stamp)
    @falcon.after(async_after)
    def on_get(self, req: Any, resp: Any, item: str) -> None:
        resp.media = {'item': item}


class AsyncHookedAsyncResponder:
    @falcon.before(async_stamp)
    @falcon.after(async_after)
    async def on_get(self, req: Any, resp: Any, item: str) -> None:
        resp.media = {'item': item}


class PlainMiddleware:
    def process_request(self, req: Any, resp: Any) -> None:
        req.context.seen = ['req']

    def process_resource(self, req: Any, resp: Any, resource: Any, params: Any) -> None:
        req.context.seen.append('resource')

    def process_response(self, req: Any, resp: Any, resource: Any, req_succeeded: bool) -> None:
        resp.set_header('X-Seen', ','.join([*req.context.seen, 'response']))


class AsyncMiddleware:
    async def process_request(self, req: Any, resp: Any) -> None:
        req.context.seen = ['req']

    async def process_resource(self, req: Any, resp: Any, resource: Any, params: Any) -> None:
        req.context.seen.append('resource')

    async def process_response(
        self, req: Any, resp: Any, resource: Any, req_succeeded: bool
    ) -> None:
        resp.set_header('X-Seen', ','.join([*req.context.seen, 'response']))


class HalfAsyncMiddleware:
    def process_request(self, req: Any, resp: Any) -> None:
        req.context.seen = ['req']

    async def process_resource(self, req: Any, resp: Any, resource: Any, params: Any) -> None:
        req.context.seen.append('resource')

    def process_response(self, req: Any, resp: Any, resource: Any, req_succeeded: bool) -> None:
        resp.set_header('X-Seen', ','.join([*req.context.seen, 'response']))


class ShortCircuitAsync:
    async def process_request(self, req: Any, resp: Any) -> None:
        resp.text = 'early'
        resp.complete = True


class ShortCircuitPlain:
    def process_request(self, req: Any, resp: Any) -> None:
        resp.text = 'early'
        resp.complete = True


class Oops(Exception):
    pass


def plain_handler(req: Any, resp: Any, ex: Exception, params: Any) -> None:
    resp.status = 418
    resp.media = {'handled': type(ex).__name__, 'params': params}


async def async_handler(req: Any, resp: Any, ex: Exception, params: Any) -> None:
    resp.status = 418
    resp.media = {'handled': type(ex).__name__, 'params': params}


class PlainFailing:
    def on_get(self, req: Any, resp: Any, item: str) -> None:
        raise Oops()


class AsyncFailing:
    async def on_get(self, req: Any, resp: Any, item: str) -> None:
        raise Oops()


class AsyncRaisesHTTP:
    async def on_get(self, req: Any, resp: Any, item: str) -> None:
        raise falcon.HTTPConflict(description=item)


class PlainRaisesHTTP:
    def on_get(self, req: Any, resp: Any, item: str) -> None:
        raise falcon.HTTPConflict(description=item)


def routes(resource: object, middleware: object = None, handler: Any = None) -> Any:
    def build(app: Any) -> None:
        if middleware is not None:
            app.add_middleware(middleware)
        if handler is not None:
            app.add_error_handler(Oops, handler)
        app.add_route('/items/{item}', resource)

    return build


def pair(name: str, wsgi: Any, asgi: Any, **expectation: Any) -> list[Case]:
    """The async spelling in WSGI with the plain one in ASGI, then the reverse."""
    return [
        Case(f'{name}-async-in-wsgi', wsgi, asgi_build=asgi, **expectation),
        Case(f'{name}-async-in-asgi', asgi, asgi_build=wsgi, **expectation),
    ]


ITEM = {'path': '/items/abc'}

CASES = [
    *pair(
        'responder',
        routes(AsyncResponder()),
        routes(PlainResponder()),
        request={'query_string': 'q=1'},
        json={'item': 'abc', 'q': '1'},
        **ITEM,
    ),
    *pair(
        'responder-media',
        routes(AsyncResponder()),
        routes(PlainResponder()),
        method='POST',
        request={'json': {'a': 1}},
        json={'item': 'abc', 'got': {'a': 1}},
        **ITEM,
    ),
    *pair(
        'hooks',
        routes(AsyncHooked()),
        routes(PlainHooked()),
        json={'item': 'ABC'},
        headers={'x-after': 'yes'},
        **ITEM,
    ),
    *pair(
        'hooks-and-responder',
        routes(AsyncHookedAsyncResponder()),
        routes(PlainHooked()),
        json={'item': 'ABC'},
        headers={'x-after': 'yes'},
        **ITEM,
    ),
    *pair(
        'middleware',
        routes(PlainResponder(), AsyncMiddleware()),
        routes(PlainResponder(), PlainMiddleware()),
        headers={'x-seen': 'req,resource,response'},
        **ITEM,
    ),
    *pair(
        'middleware-mixed-methods',
        routes(PlainResponder(), HalfAsyncMiddleware()),
        routes(PlainResponder(), PlainMiddleware()),
        headers={'x-seen': 'req,resource,response'},
        **ITEM,
    ),
    *pair(
        'middleware-complete',
        routes(PlainResponder(), ShortCircuitAsync()),
        routes(PlainResponder(), ShortCircuitPlain()),
        body='early',
        **ITEM,
    ),
    *pair(
        'error-handler',
        routes(PlainFailing(), handler=async_handler),
        routes(PlainFailing(), handler=plain_handler),
        status=418,
        json={'handled': 'Oops', 'params': {'item': 'abc'}},
        **ITEM,
    ),
    *pair(
        'error-handler-async-responder',
        routes(AsyncFailing(), handler=async_handler),
        routes(PlainFailing(), handler=plain_handler),
        status=418,
        json={'handled': 'Oops', 'params': {'item': 'abc'}},
        **ITEM,
    ),
    *pair(
        'http-error',
        routes(AsyncRaisesHTTP()),
        routes(PlainRaisesHTTP()),
        status=409,
        json={'title': '409 Conflict', 'description': 'abc'},
        **ITEM,
    ),
    *pair('unhandled', routes(AsyncFailing()), routes(PlainFailing()), status=500, **ITEM),
    Case(
        'all-async-both-apps',
        routes(AsyncHookedAsyncResponder(), AsyncMiddleware()),
        json={'item': 'ABC'},
        headers={'x-after': 'yes', 'x-seen': 'req,resource,response'},
        **ITEM,
    ),
    Case(
        'all-plain-both-apps',
        routes(PlainHooked(), PlainMiddleware()),
        json={'item': 'ABC'},
        headers={'x-after': 'yes', 'x-seen': 'req,resource,response'},
        **ITEM,
    ),
]


@cases(CASES)
def test_mixed_sync_async(case: Case) -> None:
    run(case)
