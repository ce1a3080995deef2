"""One set of plain resources, served by WSGI (gunicorn) and ASGI (uvicorn) alike."""

import falcon
import falcon.asgi


class HelloResource:
    def on_get(self, req, resp):
        name = req.get_param('name', default='world')
        resp.media = {'message': f'Hello, {name}!'}


class ItemResource:
    def on_get(self, req, resp, item_id: int):
        resp.media = {'id': item_id, 'ua': req.user_agent}


def build(app):
    app.add_route('/hello', HelloResource())
    app.add_route('/items/{item_id:int}', ItemResource())
    return app


app = build(falcon.App())  # gunicorn hello:app
asgi_app = build(falcon.asgi.App())  # uvicorn hello:asgi_app
