"""The app served by the soak benchmark (``soak.py``), in its WSGI and its ASGI form.

``wsgi_app`` (a ``falcon.App``, served by gunicorn) and ``asgi_app`` (a ``falcon.asgi.App``,
served by uvicorn) answer the same HTTP routes the same way:

* ``/items`` and ``/items/{item_id:int}``: JSON CRUD (POST 201, GET 200, PUT 200, DELETE
  204; a missing id is 404) on an in-memory store, or for the WSGI app, when
  ``SOAK_STORE_PATH`` names a file, an SQLite store its worker processes share;
* ``POST /uploads``: the body read in 64 KiB chunks, its byte count returned (a body cut
  short by a client that left is counted);
* ``POST /uploads/form``: a ``multipart/form-data`` form, each part's name and byte count
  returned;
* ``GET /download?size=N``: N bytes streamed from a generator in 64 KiB chunks;
* ``GET /events?count=N``: Server-Sent Events, one every 100 ms (N of them, else endless):
  ``resp.sse`` of ``SSEvent`` on ASGI, a ``resp.stream`` of ready-made event blocks on WSGI;
* ``GET /_soak/stats``: the worker's own view: pid, threads, asyncio tasks (ASGI) and live
  Python objects, so the soak measures what outside sampling cannot see.

The ASGI app also serves ``/chat/{room}``: a WebSocket room where every text message is
sent to every member, the sender included.

Rules: the item store is bounded by the traffic (each client deletes what it creates); nothing
here keeps per-connection state beyond the connection's life, so any growth the soak
reports belongs to the framework or the server.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sqlite3
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import falcon
import falcon.asgi

__all__ = ['asgi_app', 'wsgi_app']

CHUNK_BYTES = 64 * 1024
EVENT_INTERVAL_SECONDS = 0.1
MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024
_CHUNK = b'x' * CHUNK_BYTES
STORE_PATH_VARIABLE = 'SOAK_STORE_PATH'
"""When set, the WSGI app keeps its items in this SQLite file (shared by every worker)."""


class ItemStore:
    """A dict of JSON documents under a lock (the WSGI app serves from several threads)."""

    def __init__(self) -> None:
        self._items: dict[int, dict[str, Any]] = {}
        self._next_id = 1
        self._lock = threading.Lock()

    def create(self, document: dict[str, Any]) -> int:
        with self._lock:
            item_id = self._next_id
            self._next_id += 1
            self._items[item_id] = document
            return item_id

    def get(self, item_id: int) -> dict[str, Any] | None:
        with self._lock:
            return self._items.get(item_id)

    def replace(self, item_id: int, document: dict[str, Any]) -> bool:
        with self._lock:
            if item_id not in self._items:
                return False
            self._items[item_id] = document
            return True

    def delete(self, item_id: int) -> bool:
        with self._lock:
            return self._items.pop(item_id, None) is not None

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)


class SharedItemStore(ItemStore):
    """The same store in an SQLite file, so the workers of a multi-process server share it.

    Each process opens its own connection on first use (after the server forks its workers)
    and serialises its threads on it. Every query's rows are read to the end: a statement
    left open would hold its read snapshot, hiding the other workers' later writes. Ids are
    never reused (``AUTOINCREMENT``), as in the in-memory store: a client that looks up the
    item it deleted must find nothing, not the next client's new item.
    """

    def __init__(self, path: str) -> None:
        super().__init__()
        self._path = path
        self._connection: sqlite3.Connection | None = None
        self._owner_pid = 0

    def _db(self) -> sqlite3.Connection:
        if self._connection is None or self._owner_pid != os.getpid():
            connection = sqlite3.connect(
                self._path, timeout=30, isolation_level=None, check_same_thread=False
            )
            connection.execute('PRAGMA journal_mode=WAL')
            connection.execute(
                'CREATE TABLE IF NOT EXISTS items'
                ' (id INTEGER PRIMARY KEY AUTOINCREMENT, document TEXT)'
            )
            self._connection, self._owner_pid = connection, os.getpid()
        return self._connection

    def create(self, document: dict[str, Any]) -> int:
        with self._lock:
            cursor = self._db().execute(
                'INSERT INTO items (document) VALUES (?)', (json.dumps(document),)
            )
            return int(cursor.lastrowid or 0)

    def get(self, item_id: int) -> dict[str, Any] | None:
        with self._lock:
            rows = self._db().execute('SELECT document FROM items WHERE id = ?', (item_id,))
            found = rows.fetchall()
        return dict(json.loads(found[0][0])) if found else None

    def replace(self, item_id: int, document: dict[str, Any]) -> bool:
        with self._lock:
            cursor = self._db().execute(
                'UPDATE items SET document = ? WHERE id = ?', (json.dumps(document), item_id)
            )
            return cursor.rowcount == 1

    def delete(self, item_id: int) -> bool:
        with self._lock:
            cursor = self._db().execute('DELETE FROM items WHERE id = ?', (item_id,))
            return cursor.rowcount == 1

    def __len__(self) -> int:
        with self._lock:
            return int(self._db().execute('SELECT COUNT(*) FROM items').fetchall()[0][0])


def _store_for_workers() -> ItemStore:
    path = os.environ.get(STORE_PATH_VARIABLE)
    return SharedItemStore(path) if path else ItemStore()


class UploadCounter:
    """Counts uploads whose body ended before its Content-Length (the client left)."""

    def __init__(self) -> None:
        self.cut_short = 0
        self._lock = threading.Lock()

    def note_cut_short(self) -> None:
        with self._lock:
            self.cut_short += 1


def _download_size(req: falcon.Request | falcon.asgi.Request) -> int:
    return req.get_param_as_int('size', required=True, min_value=0, max_value=MAX_DOWNLOAD_BYTES)


def _chunks(size: int) -> Iterator[bytes]:
    full, rest = divmod(size, CHUNK_BYTES)
    for _ in range(full):
        yield _CHUNK
    if rest:
        yield _CHUNK[:rest]


def _event_payload(number: int) -> str:
    return json.dumps({'n': number, 'at': time.time()})


def _stats(store: ItemStore, uploads: UploadCounter, tasks: int | None) -> dict[str, Any]:
    return {
        'uploads_cut_short': uploads.cut_short,
        'pid': os.getpid(),
        'threads': threading.active_count(),
        'tasks': tasks,
        'objects': len(gc.get_objects()),
        'items': len(store),
        'falcon': os.path.dirname(falcon.__file__),
    }


# -- WSGI ----------------------------------------------------------------------------------------


class SyncItems:
    def __init__(self, store: ItemStore) -> None:
        self._store = store

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        item_id = self._store.create(req.get_media())
        resp.status = falcon.HTTP_201
        resp.location = f'/items/{item_id}'
        resp.media = {'id': item_id}

    def on_get_item(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        document = self._store.get(item_id)
        if document is None:
            raise falcon.HTTPNotFound()
        resp.media = {'id': item_id, 'document': document}

    def on_put_item(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        if not self._store.replace(item_id, req.get_media()):
            raise falcon.HTTPNotFound()
        resp.media = {'id': item_id}

    def on_delete_item(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        if not self._store.delete(item_id):
            raise falcon.HTTPNotFound()
        resp.status = falcon.HTTP_204


class SyncUploads:
    """A client that leaves mid-body makes the WSGI server's input raise ``OSError``."""

    def __init__(self, counter: UploadCounter) -> None:
        self._counter = counter

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        received = 0
        try:
            while chunk := req.bounded_stream.read(CHUNK_BYTES):
                received += len(chunk)
        except OSError as error:
            self._counter.note_cut_short()
            raise falcon.HTTPBadRequest(title='Upload cut short') from error
        if received != req.content_length:
            self._counter.note_cut_short()
        resp.media = {'bytes': received}

    def on_post_form(self, req: falcon.Request, resp: falcon.Response) -> None:
        parts = []
        for part in req.get_media():
            received = 0
            while chunk := part.stream.read(CHUNK_BYTES):
                received += len(chunk)
            parts.append({'name': part.name, 'bytes': received})
        resp.media = {'parts': parts}


class SyncDownload:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        size = _download_size(req)
        resp.content_type = 'application/octet-stream'
        resp.content_length = size
        resp.stream = _chunks(size)


class SyncEvents:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        count = req.get_param_as_int('count', min_value=1)

        def events() -> Iterator[bytes]:
            number = 0
            while count is None or number < count:
                yield f'id: {number}\ndata: {_event_payload(number)}\n\n'.encode()
                number += 1
                time.sleep(EVENT_INTERVAL_SECONDS)

        resp.content_type = 'text/event-stream'
        resp.cache_control = ['no-cache']
        resp.stream = events()


class SyncStats:
    def __init__(self, store: ItemStore, uploads: UploadCounter) -> None:
        self._store = store
        self._uploads = uploads

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = _stats(self._store, self._uploads, tasks=None)


def create_wsgi_app() -> falcon.App:
    """The ``falcon.App`` of the soak (no WebSocket: WSGI has none)."""
    store = _store_for_workers()
    counter = UploadCounter()
    app = falcon.App()
    items = SyncItems(store)
    uploads = SyncUploads(counter)
    app.add_route('/items', items)
    app.add_route('/items/{item_id:int}', items, suffix='item')
    app.add_route('/uploads', uploads)
    app.add_route('/uploads/form', uploads, suffix='form')
    app.add_route('/download', SyncDownload())
    app.add_route('/events', SyncEvents())
    app.add_route('/_soak/stats', SyncStats(store, counter))
    return app


# -- ASGI ----------------------------------------------------------------------------------------


class AsyncItems:
    def __init__(self, store: ItemStore) -> None:
        self._store = store

    async def on_post(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        item_id = self._store.create(await req.get_media())
        resp.status = falcon.HTTP_201
        resp.location = f'/items/{item_id}'
        resp.media = {'id': item_id}

    async def on_get_item(
        self, req: falcon.asgi.Request, resp: falcon.asgi.Response, item_id: int
    ) -> None:
        document = self._store.get(item_id)
        if document is None:
            raise falcon.HTTPNotFound()
        resp.media = {'id': item_id, 'document': document}

    async def on_put_item(
        self, req: falcon.asgi.Request, resp: falcon.asgi.Response, item_id: int
    ) -> None:
        if not self._store.replace(item_id, await req.get_media()):
            raise falcon.HTTPNotFound()
        resp.media = {'id': item_id}

    async def on_delete_item(
        self, req: falcon.asgi.Request, resp: falcon.asgi.Response, item_id: int
    ) -> None:
        if not self._store.delete(item_id):
            raise falcon.HTTPNotFound()
        resp.status = falcon.HTTP_204


class AsyncUploads:
    """A client that leaves mid-body ends the ASGI body stream early."""

    def __init__(self, counter: UploadCounter) -> None:
        self._counter = counter

    async def on_post(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        received = 0
        while chunk := await req.stream.read(CHUNK_BYTES):
            received += len(chunk)
        if received != req.content_length:
            self._counter.note_cut_short()
        resp.media = {'bytes': received}

    async def on_post_form(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        parts = []
        form = await req.get_media()
        async for part in form:
            received = 0
            while chunk := await part.stream.read(CHUNK_BYTES):
                received += len(chunk)
            parts.append({'name': part.name, 'bytes': received})
        resp.media = {'parts': parts}


class AsyncDownload:
    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        size = _download_size(req)

        async def chunks() -> AsyncIterator[bytes]:
            for chunk in _chunks(size):
                yield chunk

        resp.content_type = 'application/octet-stream'
        resp.content_length = size
        resp.stream = chunks()


class AsyncEvents:
    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        count = req.get_param_as_int('count', min_value=1)

        async def emitter() -> AsyncIterator[falcon.asgi.SSEvent]:
            number = 0
            while count is None or number < count:
                yield falcon.asgi.SSEvent(data=_event_payload(number), event_id=str(number))
                number += 1
                await asyncio.sleep(EVENT_INTERVAL_SECONDS)

        resp.sse = emitter()


class ChatRooms:
    """``/chat/{room}``: every text message goes to every member of the room."""

    def __init__(self) -> None:
        self._rooms: dict[str, set[falcon.asgi.WebSocket]] = {}

    async def on_websocket(
        self, req: falcon.asgi.Request, ws: falcon.asgi.WebSocket, room: str
    ) -> None:
        await ws.accept()
        members = self._rooms.setdefault(room, set())
        members.add(ws)
        try:
            while True:
                message = await ws.receive_text()
                await asyncio.gather(
                    *(member.send_text(message) for member in list(members)),
                    return_exceptions=True,
                )
        except falcon.WebSocketDisconnected:
            pass
        finally:
            members.discard(ws)
            if not members and self._rooms.get(room) is members:
                del self._rooms[room]

    def member_count(self) -> int:
        return sum(len(members) for members in self._rooms.values())


class AsyncStats:
    def __init__(self, store: ItemStore, uploads: UploadCounter, rooms: ChatRooms) -> None:
        self._store = store
        self._uploads = uploads
        self._rooms = rooms

    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        stats = _stats(self._store, self._uploads, tasks=len(asyncio.all_tasks()))
        stats['chat_members'] = self._rooms.member_count()
        resp.media = stats


def create_asgi_app() -> falcon.asgi.App:
    """The ``falcon.asgi.App`` of the soak: the WSGI app's routes plus the chat rooms."""
    store = ItemStore()
    counter = UploadCounter()
    rooms = ChatRooms()
    app = falcon.asgi.App()
    items = AsyncItems(store)
    uploads = AsyncUploads(counter)
    app.add_route('/items', items)
    app.add_route('/items/{item_id:int}', items, suffix='item')
    app.add_route('/uploads', uploads)
    app.add_route('/uploads/form', uploads, suffix='form')
    app.add_route('/download', AsyncDownload())
    app.add_route('/events', AsyncEvents())
    app.add_route('/chat/{room}', rooms)
    app.add_route('/_soak/stats', AsyncStats(store, counter, rooms))
    return app


wsgi_app = create_wsgi_app()
asgi_app = create_asgi_app()
