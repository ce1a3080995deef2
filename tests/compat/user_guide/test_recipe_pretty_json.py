"""Recipe "Prettifying JSON Responses" (user/recipes/pretty-json.rst), with the negotiation
middleware of the media reference page."""

import pytest

import falcon
from falcon import testing

from .recipes import pretty_json

QUOTE = {
    'author': 'Grace Hopper',
    'quote': "I've always been more interested in the future than in the past.",
}


def test_prettified_handler(asgi, make_app):
    app = make_app()
    app.resp_options.media_handlers['application/json'] = pretty_json.json_handler
    app.add_route('/quote', _quote(asgi))
    result = testing.simulate_get(app, '/quote')
    assert result.status == falcon.HTTP_200
    assert result.text == (
        '{\n'
        '    "author": "Grace Hopper",\n'
        '    "quote": "I\'ve always been more interested in the future than in the past."\n'
        '}'
    )


def _quote(asgi):
    if not asgi:
        return pretty_json.QuoteResource()

    class QuoteResource:
        async def on_get(self, req, resp):
            pretty_json.QuoteResource().on_get(req, resp)

    return QuoteResource()


def _negotiating_app(asgi, make_app):
    class NegotiationMiddleware:
        async def process_request(self, req, resp):
            resp.content_type = req.accept

    app = make_app(
        middleware=[NegotiationMiddleware() if asgi else pretty_json.NegotiationMiddleware()]
    )
    app.resp_options.media_handlers['application/json'] = pretty_json.CustomJSONHandler()
    app.add_route('/quote', _quote(asgi))
    return app


def test_indent_parameter(asgi, make_app):
    result = testing.simulate_get(
        _negotiating_app(asgi, make_app),
        '/quote',
        headers={'Accept': 'application/json; indent=4'},
    )
    assert result.status == falcon.HTTP_200
    assert result.headers['content-type'] == 'application/json; indent=4'
    assert result.text == (
        '{\n'
        '    "author": "Grace Hopper",\n'
        '    "quote": "I\'ve always been more interested in the future than in the past."\n'
        '}'
    )


@pytest.mark.parametrize('accept', ['application/json', 'application/json; indent=99'])
def test_no_or_excessive_indent(asgi, make_app, accept):
    result = testing.simulate_get(
        _negotiating_app(asgi, make_app), '/quote', headers={'Accept': accept}
    )
    assert result.status == falcon.HTTP_200
    assert result.json == QUOTE
    assert '\n' not in result.text
