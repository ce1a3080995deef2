"""The planner API: token and JSON-only middleware, a body size hook, a list with paging
parameters, creation from JSON media, a custom error type with its handler, a 503 with
Retry-After, and a sink forwarding lookups to an injected fetch function. Sync classes serve
``falcon.App``; their async twins serve ``falcon.asgi.App``."""

import json
import logging
import secrets

import falcon
import falcon.asgi

HELP = 'https://planner.test/help/auth'
FORMAT_HELP = 'https://planner.test/help/json'
SOURCES = {'wiki': 'https://wiki.test/q', 'news': 'https://news.test/find'}
log = logging.getLogger('planner')


class TaskTable:
    def __init__(self):
        self._rows = {}

    def page(self, after, count):
        ordered = sorted(self._rows.values(), key=lambda row: row['id'])
        return [row for row in ordered if row['id'] > after][:count]

    def insert(self, row):
        row['id'] = secrets.token_hex(8)
        self._rows[row['id']] = row
        return row


class BackendDown(Exception):
    @staticmethod
    def respond(req, resp, ex, params):
        raise falcon.HTTPInternalServerError()


def _check_token(req):
    token = req.get_header('Authorization')
    if token is None:
        raise falcon.HTTPUnauthorized(
            title='No token',
            description='Send a token in the Authorization header.',
            challenges=['Bearer realm="planner"'],
            href=HELP,
        )
    if token != 'Bearer planner-key':
        raise falcon.HTTPUnauthorized(
            title='Bad token', challenges=['Bearer realm="planner"'], href=HELP
        )


def _check_json(req):
    if not req.client_accepts_json:
        raise falcon.HTTPNotAcceptable(description='Only JSON is produced.', href=FORMAT_HELP)
    if req.method in ('POST', 'PUT') and 'application/json' not in (req.content_type or ''):
        raise falcon.HTTPUnsupportedMediaType(title='Send JSON bodies only.', href=FORMAT_HELP)


class TokenGate:
    def process_request(self, req, resp):
        _check_token(req)


class JsonOnly:
    def process_request(self, req, resp):
        _check_json(req)


class AsyncTokenGate:
    async def process_request(self, req, resp):
        _check_token(req)


class AsyncJsonOnly:
    async def process_request(self, req, resp):
        _check_json(req)


def limit_body(most):
    def check(req, resp, resource, params):
        if req.content_length is not None and req.content_length > most:
            raise falcon.HTTPContentTooLarge(
                title='Body too big', description=f'At most {most} bytes are accepted.'
            )

    return check


def _list(table, req, resp):
    after = req.get_param('after') or ''
    count = req.get_param_as_int('count') or 20
    try:
        rows = table.page(after, count)
    except Exception as exc:
        log.error(exc)
        raise falcon.HTTPServiceUnavailable(
            title='Planner offline', description='Try again shortly.', retry_after=30
        ) from exc
    resp.context.rows = rows
    resp.set_header('X-Served-By', 'planner')
    resp.text = json.dumps(rows)


def _created(table, resp, team, doc):
    row = table.insert(doc)
    resp.status = falcon.HTTP_201
    resp.location = f'/{team}/tasks/{row["id"]}'


def _malformed(exc):
    return falcon.HTTPBadRequest(title='No task', description='The body must hold a task.')


class Tasks:
    def __init__(self, table):
        self._table = table

    def on_get(self, req, resp, team):
        _list(self._table, req, resp)

    @falcon.before(limit_body(32 * 1024))
    def on_post(self, req, resp, team):
        try:
            doc = req.get_media()
        except falcon.MediaMalformedError as exc:
            raise _malformed(exc) from exc
        _created(self._table, resp, team, doc)


class AsyncTasks:
    def __init__(self, table):
        self._table = table

    async def on_get(self, req, resp, team):
        _list(self._table, req, resp)

    @falcon.before(limit_body(32 * 1024))
    async def on_post(self, req, resp, team):
        try:
            doc = await req.get_media()
        except falcon.MediaMalformedError as exc:
            raise _malformed(exc) from exc
        _created(self._table, resp, team, doc)


def _relay(resp, answer):
    resp.status = answer.status_code
    resp.content_type = answer.headers['content-type']
    resp.text = answer.text


class Forwarder:
    def __init__(self, fetch):
        self._fetch = fetch

    def __call__(self, req, resp, source):
        _relay(resp, self._fetch(SOURCES[source], params={'q': req.get_param('q', True)}))


class AsyncForwarder:
    def __init__(self, fetch):
        self._fetch = fetch

    async def __call__(self, req, resp, source):
        params = {'q': req.get_param('q', True)}
        _relay(resp, await self._fetch(SOURCES[source], params=params))


SINK_PATTERN = r'/lookup/(?P<source>wiki|news)\Z'


def build(fetch, table=None):
    table = table or TaskTable()
    app = falcon.App(middleware=[TokenGate(), JsonOnly()])
    app.add_route('/{team}/tasks', Tasks(table))
    app.add_error_handler(BackendDown, BackendDown.respond)
    app.add_sink(Forwarder(fetch), SINK_PATTERN)
    return app


def build_async(fetch, table=None):
    table = table or TaskTable()
    app = falcon.asgi.App(middleware=[AsyncTokenGate(), AsyncJsonOnly()])
    app.add_route('/{team}/tasks', AsyncTasks(table))
    app.add_error_handler(BackendDown, BackendDown.respond)
    app.add_sink(AsyncForwarder(fetch), SINK_PATTERN)
    return app
