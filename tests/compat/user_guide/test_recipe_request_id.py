"""Recipe on request ID logging (user/recipes/request-id.rst): middleware stores a fresh ID
per request in a ContextVar (or in ``req.context``), echoes it in a response header, and code
elsewhere logs it without access to the request."""

import contextvars
import logging
import uuid

import falcon
from falcon import testing

current_id: contextvars.ContextVar[str | None] = contextvars.ContextVar('trace', default=None)
log = logging.getLogger('tests.trace')


def record_work():
    log.debug('[%s] working', current_id.get())


class TraceVar:
    def process_request(self, req, resp):
        current_id.set(uuid.uuid4().hex)

    def process_response(self, req, resp, resource, req_succeeded):
        resp.set_header('X-Trace', current_id.get())


class AsyncTraceVar:
    async def process_request(self, req, resp):
        current_id.set(uuid.uuid4().hex)

    async def process_response(self, req, resp, resource, req_succeeded):
        resp.set_header('X-Trace', current_id.get())


class TraceOnContext:
    def process_request(self, req, resp):
        req.context.trace = uuid.uuid4().hex

    def process_response(self, req, resp, resource, req_succeeded):
        resp.set_header('X-Trace', req.context.trace)


def _app(asgi, make_app, middleware):
    observed = []

    def work(req, resp):
        record_work()
        observed.append(current_id.get())
        resp.media = {'trace': getattr(req.context, 'trace', None) or current_id.get()}

    class Work:
        def on_get(self, req, resp):
            work(req, resp)

    class AsyncWork:
        async def on_get(self, req, resp):
            work(req, resp)

    app = make_app(middleware=[middleware])
    app.add_route('/work', AsyncWork() if asgi else Work())
    return app, observed


def test_id_in_a_context_variable(asgi, make_app, caplog):
    app, observed = _app(asgi, make_app, AsyncTraceVar() if asgi else TraceVar())
    client = testing.TestClient(app)

    with caplog.at_level(logging.DEBUG, logger=log.name):
        one = client.simulate_get('/work')
        two = client.simulate_get('/work')

    assert one.status == falcon.HTTP_200
    ids = [one.headers['x-trace'], two.headers['x-trace']]
    assert ids[0] != ids[1]
    assert [uuid.UUID(each).hex for each in ids] == ids
    assert observed == ids
    assert [one.json['trace'], two.json['trace']] == ids
    assert [r.getMessage() for r in caplog.records if r.name == log.name] == [
        f'[{each}] working' for each in ids
    ]


def test_id_on_the_request_context(asgi, make_app):
    app, _ = _app(asgi, make_app, TraceOnContext())
    result = testing.simulate_get(app, '/work')
    assert result.json == {'trace': result.headers['x-trace']}
    uuid.UUID(result.json['trace'])
