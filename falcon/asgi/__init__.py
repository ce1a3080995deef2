"""The ASGI side of falcon: ``falcon.asgi.App`` and its request, response and streams.

Rules: translate only. The scope becomes the core request's primitives; the core's response
head becomes ASGI events. WebSocket and Server-Sent Events live here because only ASGI
carries them natively.
"""

# isort: split
# Falcon's modules of this package: importing them sets the Falcon module path
# (``__module__``) of the objects they are the home of (falcon.core._home).
from falcon.asgi import app as app
from falcon.asgi import multipart as multipart
from falcon.asgi import reader as reader
from falcon.asgi import request as request
from falcon.asgi import response as response
from falcon.asgi import stream as stream
from falcon.asgi import structures as structures
from falcon.asgi import ws as ws

# isort: split
from falcon.asgi._app import App
from falcon.asgi._request import Request
from falcon.asgi._response import Response
from falcon.asgi._stream import BoundedStream
from falcon.asgi._ws import WebSocket
from falcon.core._sse import SSEvent
from falcon.core._ws import WebSocketOptions

__all__ = [
    'App',
    'BoundedStream',
    'Request',
    'Response',
    'SSEvent',
    'WebSocket',
    'WebSocketOptions',
]
