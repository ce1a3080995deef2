"""Media handlers: serializing ``resp.media`` and deserializing ``req.get_media()``."""

from __future__ import annotations

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
