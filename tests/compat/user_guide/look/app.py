"""Follows the Falcon 4.4 user guide, tutorial.rst: the final app.py (``create_app`` and
``get_app`` reading ``LOOK_STORAGE_PATH``)."""

import os

import falcon

from .images import Collection, ImageStore, Item


def create_app(image_store):
    app = falcon.App()
    app.add_route('/images', Collection(image_store))
    app.add_route('/images/{name}', Item(image_store))
    return app


def get_app():
    storage_path = os.environ.get('LOOK_STORAGE_PATH', '.')
    image_store = ImageStore(storage_path)
    return create_app(image_store)
