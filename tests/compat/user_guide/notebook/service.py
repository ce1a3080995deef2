"""Notes stored as files through aiofiles, their statistics computed in the default executor,
served whole as a stream and as fixed-length previews whose routes use the uuid and int
converters; only the preview lengths a note advertises are served."""

import asyncio
import dataclasses
import datetime
import pathlib
import uuid

import aiofiles

import falcon
import falcon.asgi

from .cache import ResponseCache


@dataclasses.dataclass
class Settings:
    folder: pathlib.Path
    connect: object
    cache_url: str = 'redis://cache.invalid'
    shortest_preview: int = 8
    new_id: object = uuid.uuid4


@dataclasses.dataclass
class Note:
    key: str
    length: int
    words: int
    shortest_preview: int
    saved: datetime.datetime = dataclasses.field(
        default_factory=lambda: datetime.datetime.now(datetime.timezone.utc)
    )

    @property
    def link(self):
        return f'/notes/{self.key}.txt'

    def preview_links(self):
        links = []
        size = self.length // 2
        while size >= self.shortest_preview:
            links.append(f'/previews/{self.key}/{size}.txt')
            size //= 2
        return links

    def as_dict(self):
        return {
            'key': self.key,
            'text': self.link,
            'length': self.length,
            'words': self.words,
            'saved': falcon.dt_to_http(self.saved),
            'previews': self.preview_links(),
        }


def _count_words(raw):
    return len(raw.decode('utf-8', 'replace').split())


class Shelf:
    def __init__(self, settings):
        self._settings = settings
        self._notes = {}

    def path(self, note):
        return self._settings.folder / note.key

    def find(self, key):
        return self._notes.get(str(key))

    def everything(self):
        return sorted(self._notes.values(), key=lambda n: n.saved)

    async def add(self, raw):
        key = str(self._settings.new_id())
        words = await asyncio.get_running_loop().run_in_executor(None, _count_words, raw)
        note = Note(key, len(raw), words, self._settings.shortest_preview)
        async with aiofiles.open(self.path(note), 'wb') as sink:
            await sink.write(raw)
        self._notes[key] = note
        return note

    async def head_of(self, note, size):
        async with aiofiles.open(self.path(note), 'rb') as source:
            return await source.read(size)


class Notes:
    def __init__(self, shelf):
        self._shelf = shelf

    async def on_get(self, req, resp):
        resp.media = [note.as_dict() for note in self._shelf.everything()]

    async def on_post(self, req, resp):
        note = await self._shelf.add(await req.stream.read())
        resp.status = falcon.HTTP_201
        resp.location = note.link
        resp.media = note.as_dict()

    async def on_get_text(self, req, resp, key):
        note = self._shelf.find(key)
        if note is None:
            raise falcon.HTTPNotFound()
        resp.content_type = falcon.MEDIA_TEXT
        resp.stream = await aiofiles.open(self._shelf.path(note), 'rb')


class Previews:
    def __init__(self, shelf):
        self._shelf = shelf

    async def on_get(self, req, resp, key, size):
        note = self._shelf.find(key)
        if note is None or req.path not in note.preview_links():
            raise falcon.HTTPNotFound()
        resp.content_type = falcon.MEDIA_TEXT
        resp.data = await self._shelf.head_of(note, size)


def build(settings):
    settings.folder.mkdir(parents=True, exist_ok=True)
    shelf = Shelf(settings)
    notes = Notes(shelf)
    app = falcon.asgi.App(middleware=[ResponseCache(settings.connect, settings.cache_url)])
    app.add_route('/notes', notes)
    app.add_route('/notes/{key:uuid}.txt', notes, suffix='text')
    app.add_route('/previews/{key:uuid}/{size:int}.txt', Previews(shelf))
    return app
