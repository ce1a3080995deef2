"""Mount a WSGI app inside a ``falcon.asgi.App``: a sink that runs the WSGI app on a thread.

The demo uses it to serve the plain ``def`` items API twice, once routed on the ASGI app
itself and once through a ``falcon.App`` (WSGI) behind this sink, so the two can be compared.

The WSGI app sees the mount point as ``SCRIPT_NAME`` and the rest of the path as
``PATH_INFO``, as under any WSGI server mounting an app below a prefix. The request body is
read whole before the call and the response body is collected whole after it, so this suits
small JSON requests, not streams. A response without ``Content-Type`` gets the ASGI app's
default media type (a falcon app always sends one). Each call runs in the event loop's
default thread pool; the loop keeps serving other requests (and WebSockets) meanwhile.

Usage::

    mount_wsgi(asgi_app, '/wsgi', wsgi_app)
"""

from __future__ import annotations

import asyncio
import io
import sys

import falcon


def mount_wsgi(asgi_app, prefix, wsgi_app):
    """Answer the requests under ``prefix`` of ``asgi_app`` (that no route takes) with
    ``wsgi_app``, which sees ``prefix`` as its ``SCRIPT_NAME``."""
    asgi_app.add_sink(WSGIMount(wsgi_app, prefix), prefix=prefix)


class WSGIMount:
    """An ASGI-side sink that answers each request by calling ``wsgi_app``.

    Args:
        wsgi_app: Any WSGI application.
        mount_point: The path prefix the sink is added under; it becomes ``SCRIPT_NAME``.
    """

    def __init__(self, wsgi_app, mount_point):
        self.wsgi_app = wsgi_app
        self.mount_point = mount_point.rstrip('/')

    async def __call__(self, req, resp, **params):
        body = await req.stream.read()
        environ = self.environ_for(req.scope, body)
        status, headers, payload = await asyncio.to_thread(call_wsgi, self.wsgi_app, environ)
        resp.status = status
        for name, value in headers:
            if name.lower() == 'set-cookie':
                resp.append_header(name, value)
            else:
                resp.set_header(name, value)
        resp.data = payload

    def environ_for(self, scope, body):
        """The WSGI environ for an ASGI HTTP ``scope`` and its whole ``body``."""
        path = scope['path']
        path_info = path[len(self.mount_point) :] if path.startswith(self.mount_point) else path
        server_host, server_port = scope.get('server') or ('localhost', 80)
        client = scope.get('client')
        environ = {
            'REQUEST_METHOD': scope['method'],
            'SCRIPT_NAME': as_wsgi_string(scope.get('root_path', '') + self.mount_point),
            'PATH_INFO': as_wsgi_string(path_info),
            'QUERY_STRING': scope.get('query_string', b'').decode('latin-1'),
            'SERVER_NAME': str(server_host),
            'SERVER_PORT': str(server_port),
            'SERVER_PROTOCOL': f'HTTP/{scope.get("http_version", "1.1")}',
            'REMOTE_ADDR': client[0] if client else '',
            'wsgi.version': (1, 0),
            'wsgi.url_scheme': scope.get('scheme', 'http'),
            'wsgi.input': io.BytesIO(body),
            'wsgi.errors': sys.stderr,
            'wsgi.multithread': True,
            'wsgi.multiprocess': False,
            'wsgi.run_once': False,
        }
        for raw_name, raw_value in scope.get('headers', ()):
            name = raw_name.decode('latin-1').upper().replace('-', '_')
            value = raw_value.decode('latin-1')
            key = name if name in ('CONTENT_TYPE', 'CONTENT_LENGTH') else f'HTTP_{name}'
            environ[key] = f'{environ[key]},{value}' if key in environ else value
        if 'CONTENT_LENGTH' not in environ and body:
            environ['CONTENT_LENGTH'] = str(len(body))
        return environ


def as_wsgi_string(text):
    """A decoded path as WSGI wants it: its UTF-8 bytes, one character per byte."""
    return text.encode('utf-8').decode('latin-1')


def call_wsgi(wsgi_app, environ):
    """Call ``wsgi_app`` once; return its status line, header list and whole body."""
    started = {}

    def start_response(status, headers, exc_info=None):
        if exc_info is not None and started:
            raise exc_info[1].with_traceback(exc_info[2])
        started['status'] = status
        started['headers'] = list(headers)
        return lambda data: chunks.append(data)

    chunks = []
    result = wsgi_app(environ, start_response)
    try:
        chunks.extend(result)
    finally:
        close = getattr(result, 'close', None)
        if close is not None:
            close()
    if not started:
        raise falcon.HTTPInternalServerError(description='The WSGI app did not start a response.')
    return started['status'], started['headers'], b''.join(chunks)
