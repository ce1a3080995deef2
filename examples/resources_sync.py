"""A small items API written with plain ``def`` resources.

The same resources serve a WSGI app (``gunicorn resources_sync:wsgi_app``) and an ASGI app
(``uvicorn resources_sync:asgi_app``); ``resources_async`` is the ``async def`` twin. Both
answer every request alike under either server.

Routes (under an optional prefix):
    GET, POST           /items                   list (``?limit=``, ``?tag=``) and create
    GET, PUT, DELETE    /items/{item_id:int}     read (with ETag), replace, delete
    GET                 /items/{item_id:int}/name    the name as text/plain
    GET, DELETE         /session                 a visit counter kept in a cookie
    GET                 /whoami                  reads request headers; 401 without a token
"""

from __future__ import annotations

import falcon
import falcon.asgi


class InvalidItem(ValueError):
    """Raised when a submitted item does not have the expected shape."""


class ItemStore:
    """Items kept in memory, numbered in creation order; starts with two items."""

    def __init__(self):
        self.items = {}
        self.next_id = 1
        self.create({'name': 'pen', 'tags': ['office']})
        self.create({'name': 'mug', 'tags': ['kitchen', 'office']})

    def list(self, tag=None):
        return [item for item in self.items.values() if tag is None or tag in item['tags']]

    def get(self, item_id):
        try:
            return self.items[item_id]
        except KeyError:
            raise falcon.HTTPNotFound(description=f'No item {item_id}.') from None

    def save(self, item_id, data):
        item = {'id': item_id, **validate_item(data)}
        self.items[item_id] = item
        return item

    def create(self, data):
        item = self.save(self.next_id, data)
        self.next_id += 1
        return item

    def delete(self, item_id):
        self.get(item_id)
        del self.items[item_id]


def validate_item(data):
    if not isinstance(data, dict):
        raise InvalidItem('An item is a JSON object.')
    name = data.get('name')
    if not isinstance(name, str) or not 0 < len(name) <= 100:
        raise InvalidItem('"name" must be a string of 1 to 100 characters.')
    tags = data.get('tags', [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise InvalidItem('"tags" must be a list of strings.')
    return {'name': name, 'tags': tags}


def item_etag(item):
    """The opaque part of the item's entity tag (the framework adds the quotes)."""
    return f'{item["id"]}-{len(item["name"])}-{len(item["tags"])}'


class ItemsResource:
    def __init__(self, store):
        self.store = store

    def on_get(self, req, resp):
        limit = req.get_param_as_int('limit', min_value=1, max_value=100, default=20)
        items = self.store.list(req.get_param('tag'))
        resp.set_header('X-Total-Count', str(len(items)))
        resp.vary = ('Accept',)
        resp.media = {'items': items[:limit]}

    def on_post(self, req, resp):
        item = self.store.create(req.get_media())
        resp.status = falcon.HTTP_201
        resp.location = f'{req.path}/{item["id"]}'
        resp.media = item


class ItemResource:
    def __init__(self, store):
        self.store = store

    def on_get(self, req, resp, item_id):
        item = self.store.get(item_id)
        etag = item_etag(item)
        resp.etag = etag
        if any(tag == etag for tag in req.if_none_match or ()):
            resp.status = falcon.HTTP_304
            return
        resp.media = item

    def on_put(self, req, resp, item_id):
        self.store.get(item_id)
        item = self.store.save(item_id, req.get_media())
        resp.etag = item_etag(item)
        resp.media = item

    def on_delete(self, req, resp, item_id):
        self.store.delete(item_id)
        resp.status = falcon.HTTP_204

    def on_get_name(self, req, resp, item_id):
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = self.store.get(item_id)['name']


class SessionResource:
    def on_get(self, req, resp):
        values = req.get_cookie_values('visits') or ['0']
        visits = int(values[0]) + 1 if values[0].isdigit() and len(values[0]) < 10 else 1
        resp.set_cookie('visits', str(visits), max_age=3600, path='/', secure=False)
        resp.media = {'visits': visits}

    def on_delete(self, req, resp):
        resp.unset_cookie('visits', path='/')
        resp.status = falcon.HTTP_204


class WhoAmIResource:
    def on_get(self, req, resp):
        token = req.get_header('Authorization')
        if not token:
            raise falcon.HTTPUnauthorized(
                title='Authentication required', challenges=['Bearer realm="items"']
            )
        resp.set_header('X-Request-Id', req.get_header('X-Request-Id', default='none'))
        resp.media = {
            'token': token,
            'user_agent': req.user_agent,
            'accepts_json': req.client_accepts_json,
            'forwarded_host': req.forwarded_host,
        }


def handle_invalid_item(req, resp, error, params):
    raise falcon.HTTPUnprocessableEntity(title='Invalid item', description=str(error))


def build(app, prefix=''):
    """Add the items API to ``app`` under ``prefix`` and return the app."""
    store = ItemStore()
    item = ItemResource(store)
    app.add_route(f'{prefix}/items', ItemsResource(store))
    app.add_route(f'{prefix}/items/{{item_id:int}}', item)
    app.add_route(f'{prefix}/items/{{item_id:int}}/name', item, suffix='name')
    app.add_route(f'{prefix}/session', SessionResource())
    app.add_route(f'{prefix}/whoami', WhoAmIResource())
    app.add_error_handler(InvalidItem, handle_invalid_item)
    return app


wsgi_app = build(falcon.App())
asgi_app = build(falcon.asgi.App())
