"""Early archive: one module-level app whose index answers in MessagePack and whose upload
writes the request body straight to a folder (no injected storage yet)."""

import pathlib
import secrets

import msgpack

import falcon

SAMPLE_INDEX = {'documents': [{'link': '/docs/5f1c0a9e3b7d4e21a8c6f0b2d4e6a8c0.txt'}]}


class Drop:
    """Accepts uploads into ``folder`` and lists a fixed index."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def on_get(self, req, resp):
        resp.data = msgpack.packb(SAMPLE_INDEX, use_bin_type=True)
        resp.content_type = falcon.MEDIA_MSGPACK

    def on_post(self, req, resp):
        suffix = {'text/plain': '.txt', 'text/csv': '.csv'}.get(req.content_type, '.bin')
        filename = secrets.token_hex(16) + suffix
        target = pathlib.Path(self.folder, filename)
        with target.open('wb') as sink:
            for piece in iter(lambda: req.stream.read(1024), b''):
                sink.write(piece)
        resp.status = falcon.HTTP_201
        resp.location = f'/docs/{filename}'


drop = Drop(folder='.')
app = falcon.App()
app.add_route('/docs', drop)
