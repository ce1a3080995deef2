"""Follows the Falcon 4.4 user guide, quickstart.rst, "A More Complex Example" (ASGI): the same
app with coroutine responders, middleware and hook, and an async sink whose client (``httpx``
in the guide) is injected."""

import json
import logging

import falcon
import falcon.asgi

from .things_advanced import StorageEngine, StorageError


class SinkAdapter:
    engines = {
        'ddg': 'https://duckduckgo.com',
        'y': 'https://search.yahoo.com/search',
    }

    def __init__(self, http_get):
        self._http_get = http_get

    async def __call__(self, req, resp, engine):
        url = self.engines[engine]
        params = {'q': req.get_param('q', True)}
        result = await self._http_get(url, params=params)

        resp.status = result.status_code
        resp.content_type = result.headers['content-type']
        resp.text = result.text


class AuthMiddleware:
    async def process_request(self, req, resp):
        token = req.get_header('Authorization')
        challenges = ['Token type="Fernet"']

        if token is None:
            raise falcon.HTTPUnauthorized(
                title='Auth token required',
                description='Please provide an auth token as part of the request.',
                challenges=challenges,
                href='http://docs.example.com/auth',
            )

        if token != 'custom-token':
            raise falcon.HTTPUnauthorized(
                title='Authentication required',
                description=(
                    'The provided auth token is not valid. '
                    'Please request a new token and try again.'
                ),
                challenges=challenges,
                href='http://docs.example.com/auth',
            )


class RequireJSON:
    async def process_request(self, req, resp):
        if not req.client_accepts_json:
            raise falcon.HTTPNotAcceptable(
                description='This API only supports responses encoded as JSON.',
                href='http://docs.examples.com/api/json',
            )

        if req.method in ('POST', 'PUT'):
            if 'application/json' not in (req.content_type or ''):
                raise falcon.HTTPUnsupportedMediaType(
                    title='This API only supports requests encoded as JSON.',
                    href='http://docs.examples.com/api/json',
                )


def max_body(limit):
    async def hook(req, resp, resource, params):
        length = req.content_length
        if length is not None and length > limit:
            raise falcon.HTTPContentTooLarge(
                title='Request body is too large',
                description=(
                    'The size of the request is too large. The body must not exceed '
                    f'{limit} bytes in length.'
                ),
            )

    return hook


class ThingsResource:
    def __init__(self, db):
        self.db = db
        self.logger = logging.getLogger('thingsapp.' + __name__)

    async def on_get(self, req, resp, user_id):
        marker = req.get_param('marker') or ''
        limit = req.get_param_as_int('limit') or 50

        try:
            result = self.db.get_things(marker, limit)
        except Exception as ex:
            self.logger.error(ex)
            raise falcon.HTTPServiceUnavailable(
                title='Service Outage',
                description=(
                    'Aliens have attacked our base! We will '
                    'be back as soon as we fight them off. '
                    'We appreciate your patience.'
                ),
                retry_after=30,
            ) from ex

        resp.context.result = result

        resp.set_header('Powered-By', 'Falcon')
        resp.text = json.dumps(result)
        resp.status = falcon.HTTP_200

    @falcon.before(max_body(64 * 1024))
    async def on_post(self, req, resp, user_id):
        try:
            doc = await req.get_media()
        except falcon.MediaMalformedError as ex:
            raise falcon.HTTPBadRequest(
                title='Missing thing', description='A thing must be submitted in the request body.'
            ) from ex

        proper_thing = self.db.add_thing(doc)

        resp.status = falcon.HTTP_201
        resp.location = f'/{user_id}/things/{proper_thing["id"]}'


def create_app(http_get):
    app = falcon.asgi.App(
        middleware=[
            AuthMiddleware(),
            RequireJSON(),
        ]
    )

    db = StorageEngine()
    things = ThingsResource(db)
    app.add_route('/{user_id}/things', things)

    app.add_error_handler(StorageError, StorageError.handle)

    sink = SinkAdapter(http_get)
    app.add_sink(sink, r'/search/(?P<engine>ddg|y)\Z')
    return app
