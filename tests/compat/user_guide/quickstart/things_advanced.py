"""Follows the Falcon 4.4 user guide, quickstart.rst, "A More Complex Example" (WSGI): headers,
query parameters, errors, request and response bodies; the layout its ``falcon-inspect-app``
output shows. The search sink fetches through an injected ``http_get`` (``requests.get`` in
the guide) so that tests need no network."""

import json
import logging
import uuid
from wsgiref import simple_server

import falcon


class StorageEngine:
    def __init__(self):
        self._things = {}

    def get_things(self, marker, limit):
        things = sorted(self._things.values(), key=lambda thing: thing['id'])
        return [thing for thing in things if thing['id'] > marker][:limit]

    def add_thing(self, thing):
        thing['id'] = str(uuid.uuid4())
        self._things[thing['id']] = thing
        return thing


class StorageError(Exception):
    @staticmethod
    def handle(req, resp, ex, params):
        # TODO: Log the error, clean up, etc. before raising
        raise falcon.HTTPInternalServerError()


class SinkAdapter:
    engines = {
        'ddg': 'https://duckduckgo.com',
        'y': 'https://search.yahoo.com/search',
    }

    def __init__(self, http_get):
        self._http_get = http_get

    def __call__(self, req, resp, engine):
        url = self.engines[engine]
        params = {'q': req.get_param('q', True)}
        result = self._http_get(url, params=params)

        resp.status = result.status_code
        resp.content_type = result.headers['content-type']
        resp.text = result.text


class AuthMiddleware:
    def process_request(self, req, resp):
        token = req.get_header('Authorization')
        account_id = req.get_header('Account-ID')

        challenges = ['Token type="Fernet"']

        if token is None:
            description = 'Please provide an auth token as part of the request.'

            raise falcon.HTTPUnauthorized(
                title='Auth token required',
                description=description,
                challenges=challenges,
                href='http://docs.example.com/auth',
            )

        if not self._token_is_valid(token, account_id):
            description = (
                'The provided auth token is not valid. Please request a new token and try again.'
            )

            raise falcon.HTTPUnauthorized(
                title='Authentication required',
                description=description,
                challenges=challenges,
                href='http://docs.example.com/auth',
            )

    def _token_is_valid(self, token, account_id):
        return token == 'custom-token'  # Suuuuuper secure!


class RequireJSON:
    def process_request(self, req, resp):
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
    def hook(req, resp, resource, params):
        length = req.content_length
        if length is not None and length > limit:
            msg = 'The size of the request is too large. The body must not exceed ' + str(limit)
            msg += ' bytes in length.'

            raise falcon.HTTPContentTooLarge(title='Request body is too large', description=msg)

    return hook


class ThingsResource:
    def __init__(self, db):
        self.db = db
        self.logger = logging.getLogger('thingsapp.' + __name__)

    def on_get(self, req, resp, user_id):
        marker = req.get_param('marker') or ''
        limit = req.get_param_as_int('limit') or 50

        try:
            result = self.db.get_things(marker, limit)
        except Exception as ex:
            self.logger.error(ex)

            description = (
                'Aliens have attacked our base! We will '
                'be back as soon as we fight them off. '
                'We appreciate your patience.'
            )

            raise falcon.HTTPServiceUnavailable(
                title='Service Outage', description=description, retry_after=30
            ) from ex

        # NOTE: Normally you would use resp.media for this sort of thing;
        # this example serves only to demonstrate how the context can be
        # used to pass arbitrary values between middleware components,
        # hooks, and resources.
        resp.context.result = result

        resp.set_header('Powered-By', 'Falcon')
        resp.text = json.dumps(result)
        resp.status = falcon.HTTP_200

    @falcon.before(max_body(64 * 1024))
    def on_post(self, req, resp, user_id):
        try:
            doc = req.get_media()
        except falcon.MediaMalformedError as ex:
            raise falcon.HTTPBadRequest(
                title='Missing thing', description='A thing must be submitted in the request body.'
            ) from ex

        proper_thing = self.db.add_thing(doc)

        resp.status = falcon.HTTP_201
        resp.location = f'/{user_id}/things/{proper_thing["id"]}'


def create_app(http_get):
    # Configure your WSGI server to load "things.app" (app is a WSGI callable)
    app = falcon.App(
        middleware=[
            AuthMiddleware(),
            RequireJSON(),
        ]
    )

    db = StorageEngine()
    things = ThingsResource(db)
    app.add_route('/{user_id}/things', things)

    # If a responder ever raises an instance of StorageError, pass control to
    # the given handler.
    app.add_error_handler(StorageError, StorageError.handle)

    # Proxy some things to another service; this example shows how you might
    # send parts of an API off to a legacy system that hasn't been upgraded
    # yet, or perhaps is a single cluster that all data centers have to share.
    sink = SinkAdapter(http_get)
    app.add_sink(sink, r'/search/(?P<engine>ddg|y)\Z')
    return app


if __name__ == '__main__':
    import requests

    httpd = simple_server.make_server('127.0.0.1', 8000, create_app(requests.get))
    httpd.serve_forever()
