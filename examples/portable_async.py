"""Stateless resources written with ``async def`` responders, for any server.

The same module serves a WSGI app (``wsgi_app``: gunicorn, hypercorn, granian) and an ASGI
app (``asgi_app``: uvicorn, hypercorn, granian); ``portable_sync`` is the plain ``def`` twin
and answers every request alike. Every answer depends only on the request.

``/shared`` uses asyncio objects created at import time (a lock, a semaphore) and one created
on first use that keeps futures across requests: in ``falcon.App`` they work because every
``async def`` responder of a process runs on one event loop, whichever worker thread serves
the request.

Routes:
    GET, HEAD, POST     /echo        query parameters back as JSON; a JSON body back (201)
    GET                 /names/{name} the decoded path segment back
    POST                /form        a URL-encoded form back as JSON
    POST                /digest      the size and SHA-256 of a (large) JSON document's blob
    GET                 /limited     always 429, with Retry-After and a header of its own
    GET                 /cookies     the request cookies back; sets two, clears one
    GET                 /stream      ``?lines=N`` numbered lines, streamed
    GET                 /shared      a per-key value from a shared cache, behind a lock and a
                                     bounded semaphore (module-level asyncio objects)
"""

from __future__ import annotations

import asyncio
import hashlib

import falcon
import falcon.asgi

LOCK = asyncio.Lock()
SLOTS = asyncio.BoundedSemaphore(4)
_active = 0
_cache = None


class SharedCache:
    """Created on first use: callers asking for a key being computed await its future."""

    def __init__(self):
        self.pending = {}

    async def get(self, key):
        future = self.pending.get(key)
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self.pending[key] = future
            try:
                await asyncio.sleep(0.002)
                future.set_result(f'value-{key}')
            finally:
                del self.pending[key]
        return await future


async def shared_cache():
    global _cache
    async with LOCK:
        if _cache is None:
            _cache = SharedCache()
        return _cache


def echo_query(req):
    return {
        'method': req.method,
        'path': req.path,
        'name': req.get_param('name', default='world'),
        'count': req.get_param_as_int('count', default=1, min_value=0, max_value=100),
        'tags': req.get_param_as_list('tag', default=[]),
        'x_tag': req.get_header('X-Tag'),
    }


class EchoResource:
    async def on_get(self, req, resp):
        query = echo_query(req)
        resp.set_header('X-Echo-Count', str(query['count']))
        resp.vary = ('Accept',)
        resp.media = query

    async def on_head(self, req, resp):
        await self.on_get(req, resp)

    async def on_post(self, req, resp):
        document = await req.get_media()
        resp.status = falcon.HTTP_201
        resp.location = '/echo/1'
        resp.media = {'received': document, 'content_type': req.content_type}


class NameResource:
    async def on_get(self, req, resp, name):
        resp.media = {'name': name, 'path': req.path, 'uri_template': req.uri_template}


class FormResource:
    async def on_post(self, req, resp):
        form = await req.get_media()
        resp.media = {'form': {key: form[key] for key in sorted(form)}}


class DigestResource:
    async def on_post(self, req, resp):
        document = await req.get_media()
        blob = document['blob'].encode()
        resp.media = {
            'content_length': req.content_length,
            'blob_length': len(blob),
            'sha256': hashlib.sha256(blob).hexdigest(),
            'items': len(document['items']),
        }


class LimitedResource:
    async def on_get(self, req, resp):
        raise falcon.HTTPTooManyRequests(
            title='Slow down',
            description='Try again in a few seconds.',
            headers={'X-RateLimit-Remaining': '0'},
            retry_after=7,
        )


class CookiesResource:
    async def on_get(self, req, resp):
        resp.set_cookie('seen', 'yes', max_age=60, path='/', secure=False, same_site='Lax')
        resp.set_cookie('theme', req.cookies.get('theme', 'light'), path='/', secure=False)
        resp.unset_cookie('old', path='/')
        resp.media = {'cookies': {name: req.cookies[name] for name in sorted(req.cookies)}}


async def numbered_lines(count):
    for number in range(count):
        await asyncio.sleep(0)
        yield f'line {number}\n'.encode()


class StreamResource:
    async def on_get(self, req, resp):
        count = req.get_param_as_int('lines', default=3, min_value=0, max_value=1000)
        resp.content_type = falcon.MEDIA_TEXT
        resp.stream = numbered_lines(count)


class SharedResource:
    async def on_get(self, req, resp):
        global _active
        key = req.get_param('key', default='none')
        async with SLOTS:
            async with LOCK:
                _active += 1
                within_limit = _active <= 4
                await asyncio.sleep(0)
            try:
                value = await (await shared_cache()).get(key)
            finally:
                _active -= 1
        resp.media = {'key': key, 'value': value, 'within_limit': within_limit}


def build(app):
    """Add the routes to ``app`` and return it."""
    app.add_route('/echo', EchoResource())
    app.add_route('/names/{name}', NameResource())
    app.add_route('/form', FormResource())
    app.add_route('/digest', DigestResource())
    app.add_route('/limited', LimitedResource())
    app.add_route('/cookies', CookiesResource())
    app.add_route('/stream', StreamResource())
    app.add_route('/shared', SharedResource())
    return app


wsgi_app = build(falcon.App())
asgi_app = build(falcon.asgi.App())
