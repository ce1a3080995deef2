"""The finished archive: an index with an optional ``largest`` size filter, uploads guarded by
a media-type hook, and downloads streamed from disk with a 404 for unknown names."""

import mimetypes
import os
import pathlib
import re
import secrets

import falcon

ACCEPTED = {'text/plain': '.txt', 'text/csv': '.csv', 'application/pdf': '.pdf'}
STORED_NAME = re.compile(r'[0-9a-f]{32}\.(txt|csv|pdf)$')


def only_accepted_types(req, resp, resource, params):
    if req.content_type not in ACCEPTED:
        raise falcon.HTTPBadRequest(
            title='Unsupported document', description='Send text/plain, text/csv or a PDF'
        )


class Archive:
    def __init__(self, folder):
        self._folder = pathlib.Path(folder)

    def keep(self, source, media_type):
        filename = secrets.token_hex(16) + ACCEPTED[media_type]
        with (self._folder / filename).open('wb') as sink:
            for piece in iter(lambda: source.read(2048), b''):
                sink.write(piece)
        return filename

    def fetch(self, filename):
        if not STORED_NAME.match(filename):
            raise LookupError(filename)
        path = self._folder / filename
        try:
            return path.open('rb'), path.stat().st_size
        except OSError as exc:
            raise LookupError(filename) from exc

    def names(self, largest):
        return [
            entry.name
            for entry in self._folder.iterdir()
            if STORED_NAME.match(entry.name)
            and (largest is None or entry.stat().st_size <= largest)
        ]


class Index:
    def __init__(self, archive):
        self._archive = archive

    def on_get(self, req, resp):
        largest = req.get_param_as_int('largest', min_value=1)
        resp.media = {'documents': [{'link': f'/docs/{n}'} for n in self._archive.names(largest)]}

    @falcon.before(only_accepted_types)
    def on_post(self, req, resp):
        resp.status = falcon.HTTP_201
        resp.location = '/docs/' + self._archive.keep(req.stream, req.content_type)


class Download:
    def __init__(self, archive):
        self._archive = archive

    def on_get(self, req, resp, filename):
        try:
            resp.stream, resp.content_length = self._archive.fetch(filename)
        except LookupError:
            raise falcon.HTTPNotFound() from None
        resp.content_type = mimetypes.guess_type(filename)[0]


def build(archive):
    app = falcon.App()
    app.add_route('/docs', Index(archive))
    app.add_route('/docs/{filename}', Download(archive))
    return app


def from_environment():
    return build(Archive(os.environ.get('DOCSTORE_FOLDER', '.')))
