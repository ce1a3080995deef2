"""Follows the Falcon 4.4 user guide, recipes/msgspec-integration.rst: msgspec JSON and
MessagePack media handlers, validation of request media against a resource's
``<METHOD>_SCHEMA`` in ``process_resource``, validation errors re-raised as
``MediaValidationError``, and the note-taking app that combines them."""

from datetime import datetime, timezone
from functools import partial
from uuid import UUID, uuid4

import msgspec

import falcon
from falcon import media

json_handler = media.JSONHandler(
    dumps=msgspec.json.encode,
    loads=msgspec.json.decode,
)


class MsgspecMessagePackHandler(media.BaseHandler):
    def deserialize(self, stream, content_type, content_length):
        return msgspec.msgpack.decode(stream.read())

    async def deserialize_async(self, stream, content_type, content_length):
        return msgspec.msgpack.decode(await stream.read())

    def serialize(self, media, content_type):
        return msgspec.msgpack.encode(media)


msgpack_handler = MsgspecMessagePackHandler()


class MsgspecMiddleware:
    def process_resource(self, req, resp, resource, params):
        if schema := getattr(resource, f'{req.method}_SCHEMA', None):
            param = schema.__name__.lower()
            params[param] = msgspec.convert(req.get_media(), schema)


def handle_validation_error(req, resp, ex, params):
    raise falcon.MediaValidationError(description=str(ex))


class Note(msgspec.Struct):
    text: str
    noteid: UUID = msgspec.field(default_factory=uuid4)
    created: datetime = msgspec.field(default_factory=partial(datetime.now, timezone.utc))


class NoteResource:
    POST_SCHEMA = Note

    def __init__(self):
        # NOTE: In a real-world app, you would want to use persistent storage.
        self.notes = {}

    def on_get_note(self, req, resp, noteid):
        resp.media = self.notes.get(noteid)
        if not resp.media:
            raise falcon.HTTPNotFound

    def on_get(self, req, resp):
        resp.media = self.notes

    def on_post(self, req, resp, note):
        self.notes[note.noteid] = note
        resp.location = f'{req.path}/{note.noteid}'
        resp.media = note
        resp.status = falcon.HTTP_CREATED


def create_app():
    app = falcon.App(middleware=[MsgspecMiddleware()])
    app.add_error_handler(msgspec.ValidationError, handle_validation_error)

    notes = NoteResource()
    app.add_route('/notes', notes)
    app.add_route('/notes/{noteid:uuid}', notes, suffix='note')

    app.req_options.media_handlers[falcon.MEDIA_JSON] = json_handler
    app.resp_options.media_handlers[falcon.MEDIA_JSON] = json_handler

    return app
