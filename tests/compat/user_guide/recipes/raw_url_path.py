"""Follows the Falcon 4.4 user guide, recipes/raw-url-path.rst: middleware that routes on the
raw, still percent-encoded path (``RAW_URI``/``REQUEST_URI`` under WSGI, ``raw_path`` under
ASGI), and the imaginary web cache resource."""

import falcon
import falcon.asgi
import falcon.uri


class RawPathComponent:
    def process_request(self, req, resp):
        raw_uri = req.env.get('RAW_URI') or req.env.get('REQUEST_URI')

        # NOTE: Reconstruct the percent-encoded path from the raw URI.
        if raw_uri:
            req.path, _, _ = raw_uri.partition('?')


class RawPathComponentAsync:
    async def process_request(self, req, resp):
        raw_path = req.scope.get('raw_path')

        # NOTE: Decode the raw path from the raw_path bytestring, disallowing
        #   non-ASCII characters, assuming they are correctly percent-coded.
        if raw_path:
            req.path = raw_path.decode('ascii')


class URLResource:
    def on_get(self, req, resp, url):
        # NOTE: url here is potentially percent-encoded.
        url = falcon.uri.decode(url)

        resp.media = {'url': url}

    def on_get_status(self, req, resp, url):
        # NOTE: url here is potentially percent-encoded.
        url = falcon.uri.decode(url)

        resp.media = {'cached': True}


class URLResourceAsync:
    async def on_get(self, req, resp, url):
        resp.media = {'url': falcon.uri.decode(url)}

    async def on_get_status(self, req, resp, url):
        falcon.uri.decode(url)
        resp.media = {'cached': True}


def create_app(asgi, raw_path=True):
    if asgi:
        app = falcon.asgi.App(middleware=[RawPathComponentAsync()] if raw_path else [])
        resource = URLResourceAsync()
    else:
        app = falcon.App(middleware=[RawPathComponent()] if raw_path else [])
        resource = URLResource()
    app.add_route('/cache/{url}', resource)
    app.add_route('/cache/{url}/status', resource, suffix='status')
    return app
