"""Recipe "Request ID Logging" (user/recipes/request-id.rst)."""

import logging
import uuid

import falcon
from falcon import testing

from .recipes import request_id


def _app(asgi, make_app, middleware):
    seen = []

    class Resource:
        def on_get(self, req, resp):
            request_id.some_function()
            seen.append(request_id.ctx.request_id)
            resp.media = {'id': getattr(req.context, 'request_id', request_id.ctx.request_id)}

    class ResourceAsync:
        async def on_get(self, req, resp):
            Resource.on_get(self, req, resp)

    app = make_app(middleware=[middleware])
    app.add_route('/', ResourceAsync() if asgi else Resource())
    return app, seen


def test_context_var_request_id(asgi, make_app, caplog):
    middleware = (
        request_id.RequestIDMiddlewareAsync() if asgi else request_id.RequestIDMiddleware()
    )
    app, seen = _app(asgi, make_app, middleware)
    client = testing.TestClient(app)

    with caplog.at_level(logging.DEBUG, logger=request_id.__name__):
        first = client.simulate_get('/')
        second = client.simulate_get('/')

    assert first.status == falcon.HTTP_200
    ids = [first.headers['x-request-id'], second.headers['x-request-id']]
    assert ids[0] != ids[1]
    assert [str(uuid.UUID(each)) for each in ids] == ids
    assert seen == ids
    assert [first.json['id'], second.json['id']] == ids
    assert [r.getMessage() for r in caplog.records if r.name == request_id.__name__] == [
        f'{each} - Doing something' for each in ids
    ]


def test_req_context_request_id(asgi, make_app):
    app, _ = _app(asgi, make_app, request_id.ContextRequestIDMiddleware())
    result = testing.simulate_get(app, '/')
    assert result.json == {'id': result.headers['x-request-id']}
    uuid.UUID(result.json['id'])
