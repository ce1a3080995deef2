"""The smallest apps: one plain-text resource, mounted in a WSGI and in an ASGI app."""

import falcon
import falcon.asgi

GREETING = 'Plans are worthless,\nbut planning is everything.\n'


class Motto:
    def on_get(self, req, resp):
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = GREETING


class AsyncMotto:
    async def on_get(self, req, resp):
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = GREETING


wsgi_app = falcon.App()
wsgi_app.add_route('/motto', Motto())

asgi_app = falcon.asgi.App()
asgi_app.add_route('/motto', AsyncMotto())
