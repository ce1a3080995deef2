"""Response cache middleware backed by an async Redis client: pings at startup, closes at
shutdown, answers a repeated GET from the cache (marking the response complete) and drops the
entry on any write."""

import msgpack

WRITES = frozenset({'POST', 'PUT', 'PATCH', 'DELETE'})
MARKER = 'X-Notebook-Cache'


class ResponseCache:
    def __init__(self, connect, url, seconds=600):
        self._client = connect(url)
        self._seconds = seconds

    async def process_startup(self, scope, event):
        await self._client.ping()

    async def process_shutdown(self, scope, event):
        await self._client.aclose()

    async def process_request(self, req, resp):
        resp.context.from_cache = False
        if req.method in WRITES:
            return
        blob = await self._client.get('notebook:' + req.path)
        if blob is None:
            resp.set_header(MARKER, 'miss')
            return
        resp.content_type, resp.data = msgpack.unpackb(blob, raw=False)
        resp.context.from_cache = True
        resp.complete = True
        resp.set_header(MARKER, 'hit')

    async def process_response(self, req, resp, resource, req_succeeded):
        if not req_succeeded:
            return
        key = 'notebook:' + req.path
        if req.method in WRITES:
            await self._client.delete(key)
            return
        if resp.context.from_cache:
            return
        body = await resp.render_body()
        if body is not None:
            blob = msgpack.packb([resp.content_type, body], use_bin_type=True)
            await self._client.set(key, blob, ex=self._seconds)
