"""Follows the Falcon 4.4 user guide, recipes/request-id.rst: a request ID kept in a
``ContextVar`` by middleware (context.py, middleware.py), the ``req.context`` alternative, and
logging it from another module (some_other_module.py)."""

import contextvars
import logging
from uuid import uuid4


class _Context:
    def __init__(self):
        self._request_id_var = contextvars.ContextVar('request_id', default=None)

    @property
    def request_id(self):
        return self._request_id_var.get()

    @request_id.setter
    def request_id(self, value):
        self._request_id_var.set(value)


ctx = _Context()


class RequestIDMiddleware:
    def process_request(self, req, resp):
        request_id = str(uuid4())
        ctx.request_id = request_id

    # It may also be helpful to include the ID in the response
    def process_response(self, req, resp, resource, req_succeeded):
        resp.set_header('X-Request-ID', ctx.request_id)


class RequestIDMiddlewareAsync:
    async def process_request(self, req, resp):
        ctx.request_id = str(uuid4())

    async def process_response(self, req, resp, resource, req_succeeded):
        resp.set_header('X-Request-ID', ctx.request_id)


class ContextRequestIDMiddleware:
    """The ``req.context`` alternative (the guide binds it to structlog as well)."""

    def process_request(self, req, resp):
        req.context.request_id = str(uuid4())

    def process_response(self, req, resp, resource, req_succeeded):
        resp.set_header('X-Request-ID', req.context.request_id)


def some_function():
    # In a pinch, output the request ID directly.
    logging.getLogger(__name__).debug(f'{ctx.request_id} - Doing something')
