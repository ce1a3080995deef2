"""Recipe on prettified JSON (user/recipes/pretty-json.rst), with content negotiation through
middleware as the media reference shows: a fixed indenting handler, and one that reads an
``indent`` parameter from the response media type."""

import functools
import json

import pytest

import falcon
import falcon.media
from falcon import testing

RECORD = {'name': 'Ada', 'born': 1815, 'field': 'mathematics'}
INDENTED = '{\n  "born": 1815,\n  "field": "mathematics",\n  "name": "Ada"\n}'


class IndentFromParams(falcon.media.BaseHandler):
    """Serializes with the ``indent`` media type parameter when it is a number from 0 to 6."""

    def serialize(self, media, content_type):
        raw = falcon.parse_header(content_type)[1].get('indent', '')
        indent = int(raw) if raw.isdigit() and int(raw) <= 6 else None
        return json.dumps(media, indent=indent, sort_keys=indent is not None).encode()

    def deserialize(self, stream, content_type, content_length):
        return json.loads(stream.read())


class AcceptDrivesType:
    def process_request(self, req, resp):
        resp.content_type = req.accept


class AsyncAcceptDrivesType:
    async def process_request(self, req, resp):
        resp.content_type = req.accept


def _person(asgi):
    if asgi:

        class AsyncPerson:
            async def on_get(self, req, resp):
                resp.media = RECORD

        return AsyncPerson()

    class Person:
        def on_get(self, req, resp):
            resp.media = RECORD

    return Person()


def test_indenting_json_handler(asgi, make_app):
    app = make_app()
    app.resp_options.media_handlers['application/json'] = falcon.media.JSONHandler(
        dumps=functools.partial(json.dumps, indent=2, sort_keys=True)
    )
    app.add_route('/person', _person(asgi))
    result = testing.simulate_get(app, '/person')
    assert result.status == falcon.HTTP_200
    assert result.text == INDENTED


def _negotiating(asgi, make_app):
    app = make_app(middleware=[AsyncAcceptDrivesType() if asgi else AcceptDrivesType()])
    app.resp_options.media_handlers['application/json'] = IndentFromParams()
    app.add_route('/person', _person(asgi))
    return app


def test_indent_taken_from_the_media_type(asgi, make_app):
    result = testing.simulate_get(
        _negotiating(asgi, make_app), '/person', headers={'Accept': 'application/json; indent=2'}
    )
    assert result.status == falcon.HTTP_200
    assert result.headers['content-type'] == 'application/json; indent=2'
    assert result.text == INDENTED


@pytest.mark.parametrize('accept', ['application/json', 'application/json; indent=40'])
def test_compact_without_a_usable_indent(asgi, make_app, accept):
    result = testing.simulate_get(
        _negotiating(asgi, make_app), '/person', headers={'Accept': accept}
    )
    assert result.status == falcon.HTTP_200
    assert result.json == RECORD
    assert '\n' not in result.text
