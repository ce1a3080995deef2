"""Follows the Falcon 4.4 user guide, recipes/plain-text-handler.rst: a text/plain media handler
that honours the charset of the Content-Type (UTF-8 when none is given)."""

import falcon
import falcon.media


class TextHandler(falcon.media.BaseHandler):
    DEFAULT_CHARSET = 'utf-8'

    @classmethod
    def _get_charset(cls, content_type):
        _, params = falcon.parse_header(content_type)
        return params.get('charset') or cls.DEFAULT_CHARSET

    def deserialize(self, stream, content_type, content_length):
        data = stream.read()
        return data.decode(self._get_charset(content_type))

    def serialize(self, media, content_type):
        return media.encode(self._get_charset(content_type))
