"""A small app typed the way a Falcon 4.4 user types one; ``mypy --strict`` must accept it.

Rules: only public Falcon 4.4 names and documented signatures. Every narrowed return type
the checker should infer is pinned with ``assert_type`` (a no-op at run time).
``test_mypy_strict.py`` type-checks this file from outside the repository, as a user's
project would be, and runs its apps.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from typing_extensions import assert_type

import falcon
import falcon.asgi
import falcon.testing
import falcon.typing


class UserContext:
    user: str


class AppRequest(falcon.Request):
    context_type = UserContext
    # How the Falcon documentation types a custom context (api/typing.rst).
    context: UserContext  # type: ignore[assignment]


class AppResponse(falcon.Response):
    pass


def check_token(
    req: falcon.Request, resp: falcon.Response, resource: object, params: dict[str, Any]
) -> None:
    token = req.get_header('Authorization', required=True)
    assert_type(token, str)
    if token != 'Bearer secret':
        raise falcon.HTTPUnauthorized(title='Bad token')


def stamp(req: falcon.Request, resp: falcon.Response, resource: object) -> None:
    resp.set_header('X-Stamped', resp.get_header('X-Stamped', 'yes'))


class UserMiddleware:
    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        user = req.get_header('X-User', default='anonymous')
        assert_type(user, str)
        req.context.user = user

    def process_response(
        self, req: falcon.Request, resp: falcon.Response, resource: object, req_succeeded: bool
    ) -> None:
        resp.set_header('X-Succeeded', str(req_succeeded))


class NotFoundError(Exception):
    pass


def handle_not_found(
    req: falcon.Request, resp: falcon.Response, ex: NotFoundError, params: dict[str, Any]
) -> None:
    raise falcon.HTTPNotFound(description=str(ex))


NOT_FOUND_HANDLER: falcon.typing.ErrorHandler = handle_not_found
SECURITY_HEADERS: falcon.typing.Headers = {'X-Content-Type-Options': 'nosniff'}


class ItemsResource:
    @falcon.before(check_token)
    @falcon.after(stamp)
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        page = req.get_param_as_int('page', required=True, min_value=1)
        limit = req.get_param_as_int('limit', default=10)
        ratio = req.get_param_as_float('ratio', min_value=0.0, default=1.0)
        verbose = req.get_param_as_bool('verbose', blank_as_true=False, default=False)
        ids = req.get_param_as_list('id', transform=int, required=True)
        tags = req.get_param_as_list('tags', default=[], delimiter=',')
        sort = req.get_param('sort', default='name')
        since = req.get_param_as_date('since', default=datetime.date(2000, 1, 1))
        until = req.get_param_as_datetime('until')
        owner = req.get_param_as_uuid('owner', required=True)
        filters = req.get_param_as_dict('filter', default={})
        size = req.get_header_as_int('X-Size', required=True)
        sent = req.get_header_as_datetime('Date', required=True)
        assert_type(page, int)
        assert_type(limit, int)
        assert_type(ratio, float)
        assert_type(verbose, bool)
        assert_type(ids, list[int])
        assert_type(tags, list[str])
        assert_type(sort, str)
        assert_type(since, datetime.date)
        assert_type(until, datetime.datetime | None)
        assert_type(owner, uuid.UUID)
        assert_type(filters, dict[str, str])
        assert_type(size, int)
        assert_type(sent, datetime.datetime)
        resp.media = {
            'page': page,
            'limit': limit,
            'ids': ids,
            'tags': tags,
            'sort': sort,
            'since': since.isoformat(),
            'owner': str(owner),
            'size': size,
            'year': sent.year,
            'user': req.context.user,
        }


class ItemResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        if item_id > 100:
            raise NotFoundError(f'No item {item_id}')
        resp.media = {'id': item_id, 'user': req.context.user}
        resp.set_headers(SECURITY_HEADERS)

    def on_post(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        body: dict[str, Any] = req.get_media()
        resp.media = {'id': item_id, **body}
        resp.status = falcon.HTTP_201

    def on_put(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        resp.data = req.stream.read(req.content_length or 0)[::-1]


class WhoAmIResource:
    def on_get(self, req: AppRequest, resp: falcon.Response) -> None:
        assert_type(req.context, UserContext)
        resp.text = req.context.user


class AsyncItemResource:
    async def on_get(
        self, req: falcon.asgi.Request, resp: falcon.asgi.Response, item_id: int
    ) -> None:
        verbose = req.get_param_as_bool('verbose', required=True)
        assert_type(verbose, bool)
        resp.media = {'id': item_id, 'verbose': verbose}

    async def on_put(
        self, req: falcon.asgi.Request, resp: falcon.asgi.Response, item_id: int
    ) -> None:
        body = await req.get_media()
        resp.media = {'id': item_id, 'body': body}


def create_app() -> falcon.App[falcon.Request, falcon.Response]:
    app = falcon.App(middleware=[UserMiddleware()])
    app.add_route('/items', ItemsResource())
    app.add_route('/items/{item_id:int}', ItemResource())
    app.add_error_handler(NotFoundError, NOT_FOUND_HANDLER)
    return app


def create_custom_app() -> falcon.App[AppRequest, AppResponse]:
    app = falcon.App(request_type=AppRequest, response_type=AppResponse)
    assert_type(app, falcon.App[AppRequest, AppResponse])
    app.add_middleware(UserMiddleware())
    app.add_route('/items/{item_id:int}', ItemResource())
    app.add_route('/me', WhoAmIResource())
    return app


def create_asgi_app() -> falcon.asgi.App[falcon.asgi.Request, falcon.asgi.Response]:
    app = falcon.asgi.App()
    app.add_route('/items/{item_id:int}', AsyncItemResource())
    return app


def fetch_item(app: falcon.App[falcon.Request, falcon.Response], item_id: int) -> Any:
    result = falcon.testing.TestClient(app).simulate_get(f'/items/{item_id}')
    assert_type(result.status_code, int)
    assert_type(result.text, str)
    return result.json


def fetch_custom_item(item_id: int) -> Any:
    # An app of Request/Response subclasses is accepted where the base types are expected.
    return fetch_item(create_custom_app(), item_id)
