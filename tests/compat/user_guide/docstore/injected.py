"""Archive with its storage passed in, so tests can hand the resource a mock, and a storage
class whose name generator and opener are parameters."""

import builtins
import pathlib
import secrets

import msgpack

import falcon

from .first import SAMPLE_INDEX


class Uploads:
    def __init__(self, archive):
        self._archive = archive

    def on_get(self, req, resp):
        resp.data = msgpack.packb(SAMPLE_INDEX, use_bin_type=True)
        resp.content_type = falcon.MEDIA_MSGPACK

    def on_post(self, req, resp):
        stored_as = self._archive.keep(req.stream, req.content_type)
        resp.status = falcon.HTTP_201
        resp.location = f'/docs/{stored_as}'


class Archive:
    def __init__(self, folder, new_name=lambda: secrets.token_hex(16), opener=builtins.open):
        self._folder = folder
        self._new_name = new_name
        self._opener = opener

    def keep(self, source, media_type):
        filename = self._new_name() + ('.csv' if media_type == 'text/csv' else '.txt')
        with self._opener(str(pathlib.Path(self._folder, filename)), 'wb') as sink:
            for piece in iter(lambda: source.read(1024), b''):
                sink.write(piece)
        return filename


def build(archive):
    app = falcon.App()
    app.add_route('/docs', Uploads(archive))
    return app
