"""Follows the Falcon 4.4 user guide, recipes/multipart-mixed.rst: a multipart form parser whose
parts of type multipart/mixed are parsed by a nested (default) parser, and an app that reads
the nested files (WSGI and ASGI)."""

import falcon
import falcon.asgi
import falcon.media

parser = falcon.media.MultipartFormHandler()
parser.parse_options.media_handlers['multipart/mixed'] = falcon.media.MultipartFormHandler()


class Forms:
    def on_post(self, req, resp):
        example = {}
        for part in req.media:
            if part.content_type.startswith('multipart/mixed'):
                for nested in part.media:
                    example[nested.filename] = nested.text

        resp.media = example


class FormsAsync:
    async def on_post(self, req, resp):
        example = {}
        form = await req.get_media()
        async for part in form:
            if part.content_type.startswith('multipart/mixed'):
                nested_form = await part.get_media()
                async for nested in nested_form:
                    example[nested.filename] = await nested.get_text()

        resp.media = example


def create_app(asgi):
    app = falcon.asgi.App() if asgi else falcon.App()
    app.req_options.media_handlers[falcon.MEDIA_MULTIPART] = parser
    app.add_route('/forms', FormsAsync() if asgi else Forms())
    return app
