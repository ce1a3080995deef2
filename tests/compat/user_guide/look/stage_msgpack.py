"""Follows the Falcon 4.4 user guide, tutorial.rst: the app.py/images.py of "Request and Response
Objects" (a module-level ``app`` whose resource lists images as MessagePack and saves a POSTed
image with ``io.open``)."""

import io
import mimetypes
import os
import uuid

import msgpack

import falcon


class Resource:
    _CHUNK_SIZE_BYTES = 4096

    # The resource object must now be initialized with a path used during POST
    def __init__(self, storage_path):
        self._storage_path = storage_path

    # This is the method we implemented before
    def on_get(self, req, resp):
        doc = {'images': [{'href': '/images/1eaf6ef1-7f2d-4ecc-a8d5-6e8adba7cc0e.png'}]}

        resp.data = msgpack.packb(doc, use_bin_type=True)
        resp.content_type = falcon.MEDIA_MSGPACK
        resp.status = falcon.HTTP_200

    def on_post(self, req, resp):
        ext = mimetypes.guess_extension(req.content_type)
        name = '{uuid}{ext}'.format(uuid=uuid.uuid4(), ext=ext)  # noqa: UP032
        image_path = os.path.join(self._storage_path, name)

        with io.open(image_path, 'wb') as image_file:  # noqa: UP020
            while True:
                chunk = req.stream.read(self._CHUNK_SIZE_BYTES)
                if not chunk:
                    break

                image_file.write(chunk)

        resp.status = falcon.HTTP_201
        resp.location = '/images/' + name


app = application = falcon.App()

images = Resource(storage_path='.')
app.add_route('/images', images)
