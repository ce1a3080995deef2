"""Recipe on text/plain as media (user/recipes/plain-text-handler.rst): a handler that decodes
and encodes with the charset of the content type, UTF-8 when there is none."""

import falcon
import falcon.media
from falcon import testing


class PlainText(falcon.media.BaseHandler):
    @staticmethod
    def _encoding(content_type):
        return falcon.parse_header(content_type)[1].get('charset', 'utf-8')

    def serialize(self, media, content_type):
        return media.encode(self._encoding(content_type))

    def deserialize(self, stream, content_type, content_length):
        return stream.read().decode(self._encoding(content_type))


def _shout_app(asgi, make_app):
    def shout(req, resp, text):
        resp.content_type = req.get_param('reply_as', default='text/plain')
        resp.media = text.upper()

    class Shout:
        def on_post(self, req, resp):
            shout(req, resp, req.get_media())

    class AsyncShout:
        async def on_post(self, req, resp):
            shout(req, resp, await req.get_media())

    app = make_app()
    for options in (app.req_options, app.resp_options):
        options.media_handlers['text/plain'] = PlainText()
    app.add_route('/shout', AsyncShout() if asgi else Shout())
    return app


def test_utf8_without_a_charset(asgi, make_app):
    result = testing.simulate_post(
        _shout_app(asgi, make_app),
        '/shout',
        body='grüße aus köln'.encode(),
        headers={'Content-Type': 'text/plain'},
    )
    assert result.status == falcon.HTTP_200
    assert result.headers['content-type'] == 'text/plain'
    assert result.content == 'GRÜSSE AUS KÖLN'.encode()


def test_declared_charset_is_used(asgi, make_app):
    result = testing.simulate_post(
        _shout_app(asgi, make_app),
        '/shout',
        params={'reply_as': 'text/plain; charset=cp1252'},
        body='déjà vu'.encode('cp1252'),
        headers={'Content-Type': 'text/plain; charset=cp1252'},
    )
    assert result.status == falcon.HTTP_200
    assert result.headers['content-type'] == 'text/plain; charset=cp1252'
    assert result.content == 'DÉJÀ VU'.encode('cp1252')
