"""Media handlers: serializing ``resp.media`` and deserializing ``req.get_media()``."""

from __future__ import annotations

# isort: split
# Falcon's modules of this package: importing them sets the Falcon module path
# (``__module__``) of the objects they are the home of (falcon.core._home).
from falcon.media import base as base
from falcon.media import handlers as handlers
from falcon.media import json as json
from falcon.media import msgpack as msgpack
from falcon.media import multipart as multipart
from falcon.media import urlencoded as urlencoded

# isort: split
from falcon.core.media._base import BaseHandler, BinaryBaseHandlerWS, TextBaseHandlerWS
from falcon.core.media._handlers import Handlers, MultipartFormHandler
from falcon.core.media._json import JSONHandler
from falcon.core.media._msgpack import MessagePackHandler
from falcon.core.media._urlencoded import URLEncodedFormHandler
from falcon.core.media._ws import JSONHandlerWS, MessagePackHandlerWS, MissingDependencyHandler

__all__ = [
    'BaseHandler',
    'BinaryBaseHandlerWS',
    'Handlers',
    'JSONHandler',
    'JSONHandlerWS',
    'MessagePackHandler',
    'MessagePackHandlerWS',
    'MissingDependencyHandler',
    'MultipartFormHandler',
    'TextBaseHandlerWS',
    'URLEncodedFormHandler',
]
