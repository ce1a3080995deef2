"""Follows the Falcon 4.4 user guide, recipes/pretty-json.rst: a JSONHandler with indenting
``dumps``, and a handler that honours an ``indent`` parameter of the negotiated media type."""

import functools
import json

import falcon
import falcon.media

json_handler = falcon.media.JSONHandler(
    dumps=functools.partial(json.dumps, indent=4, sort_keys=True),
)


class CustomJSONHandler(falcon.media.BaseHandler):
    MAX_INDENT_LEVEL = 8

    def deserialize(self, stream, content_type, content_length):
        data = stream.read()
        return json.loads(data.decode())

    def serialize(self, media, content_type):
        _, params = falcon.parse_header(content_type)
        indent = params.get('indent')
        if indent is not None:
            try:
                indent = int(indent)
                # NOTE: Impose a reasonable indentation level limit.
                if indent < 0 or indent > self.MAX_INDENT_LEVEL:
                    indent = None
            except ValueError:
                # TODO: Handle invalid params?
                indent = None

        result = json.dumps(media, indent=indent, sort_keys=bool(indent))
        return result.encode()


class NegotiationMiddleware:
    def process_request(self, req, resp):
        resp.content_type = req.accept


class QuoteResource:
    def on_get(self, req, resp):
        resp.media = {
            'author': 'Grace Hopper',
            'quote': "I've always been more interested in the future than in the past.",
        }
