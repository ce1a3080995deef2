"""Recipe on nested multipart forms (user/recipes/multipart-mixed.rst): a form part of type
multipart/mixed is parsed by a nested multipart handler, in both kinds of app (under ASGI via
``await part.get_media()``)."""

import falcon
import falcon.media
from falcon import testing

BODY = (
    '--outer\r\n'
    'Content-Disposition: form-data; name="owner"\r\n'
    '\r\n'
    'Rosa\r\n'
    '--outer\r\n'
    'Content-Disposition: form-data; name="scans"\r\n'
    'Content-Type: multipart/mixed; boundary=inner\r\n'
    '\r\n'
    '--inner\r\n'
    'Content-Disposition: attachment; filename="page-1.txt"\r\n'
    '\r\n'
    'first page\r\n'
    '\r\n'
    '--inner\r\n'
    'Content-Disposition: attachment; filename="page-2.txt"\r\n'
    '\r\n'
    'second page\r\n'
    '\r\n'
    '--inner--\r\n'
    '\r\n'
    '--outer--\r\n'
)


def _form_handler():
    handler = falcon.media.MultipartFormHandler()
    handler.parse_options.media_handlers['multipart/mixed'] = falcon.media.MultipartFormHandler()
    return handler


class Scans:
    def on_post(self, req, resp):
        pages = {}
        for field in req.get_media():
            if field.content_type.startswith('multipart/mixed'):
                pages.update((page.filename, page.text) for page in field.get_media())
        resp.media = pages


class AsyncScans:
    async def on_post(self, req, resp):
        pages = {}
        async for field in await req.get_media():
            if field.content_type.startswith('multipart/mixed'):
                async for page in await field.get_media():
                    pages[page.filename] = await page.get_text()
        resp.media = pages


def test_nested_parts_are_read(asgi, make_app):
    app = make_app()
    app.req_options.media_handlers[falcon.MEDIA_MULTIPART] = _form_handler()
    app.add_route('/scans', AsyncScans() if asgi else Scans())
    result = testing.simulate_post(
        app,
        '/scans',
        body=BODY,
        headers={'Content-Type': 'multipart/form-data; boundary=outer'},
    )
    assert result.status_code == 200
    assert result.json == {'page-1.txt': 'first page\r\n', 'page-2.txt': 'second page\r\n'}
