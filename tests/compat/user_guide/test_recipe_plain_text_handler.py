"""Recipe "Handling Plain Text as Media" (user/recipes/plain-text-handler.rst)."""

import falcon
from falcon import testing

from .recipes.plain_text import TextHandler


def _app(asgi, make_app):
    class Echo:
        def on_post(self, req, resp):
            text = req.get_media()
            resp.content_type = req.get_param('charset', default='text/plain')
            resp.media = text.upper()

    class EchoAsync:
        async def on_post(self, req, resp):
            text = await req.get_media()
            resp.content_type = req.get_param('charset', default='text/plain')
            resp.media = text.upper()

    app = make_app()
    app.req_options.media_handlers['text/plain'] = TextHandler()
    app.resp_options.media_handlers['text/plain'] = TextHandler()
    app.add_route('/echo', EchoAsync() if asgi else Echo())
    return app


def test_default_charset_is_utf8(asgi, make_app):
    result = testing.simulate_post(
        _app(asgi, make_app),
        '/echo',
        body='žluťoučký kůň'.encode(),
        headers={'Content-Type': 'text/plain'},
    )
    assert result.status == falcon.HTTP_200
    assert result.headers['content-type'] == 'text/plain'
    assert result.content == 'ŽLUŤOUČKÝ KŮŇ'.encode()


def test_charset_of_the_content_type(asgi, make_app):
    result = testing.simulate_post(
        _app(asgi, make_app),
        '/echo',
        params={'charset': 'text/plain; charset=latin-1'},
        body='café'.encode('latin-1'),
        headers={'Content-Type': 'text/plain; charset=latin-1'},
    )
    assert result.status == falcon.HTTP_200
    assert result.headers['content-type'] == 'text/plain; charset=latin-1'
    assert result.content == 'CAFÉ'.encode('latin-1')
