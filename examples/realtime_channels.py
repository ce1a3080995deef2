"""The brief's chat and notification examples on ``falcon.channels``, beside the verbatim ones.

``examples/realtime.py`` keeps the brief's ``ChatWebSocket`` and ``NotificationStream`` as
written: their subscribers live in a Python set, so they only reach clients of the same
process. The versions below publish to channels instead: with ``RedisBroker`` every client
of every worker gets every message once, in order; an SSE client that reconnects gets what
it missed (``Last-Event-ID``), or a ``gap`` event when that is no longer in the history; a
slow client holds at most ``queue_size`` events.

Run: ``python -m uvicorn realtime_channels:app --app-dir examples`` and open
http://127.0.0.1:8000/channels. With ``CHANNELS_REDIS_URL=redis://127.0.0.1:6379/0`` set,
the channels live in Redis, so several workers can serve them:
``gunicorn -w 3 -k uvicorn.workers.UvicornWorker --chdir examples realtime_channels:app``.
"""

import os
import time
from pathlib import Path

import falcon
import falcon.asgi
from falcon.channels import Channels, MemoryBroker, RedisBroker

PAGE = Path(__file__).resolve().parent / 'static' / 'channels.html'


def make_channels():
    """Channels on Redis when ``CHANNELS_REDIS_URL`` is set, in memory otherwise."""
    url = os.environ.get('CHANNELS_REDIS_URL')
    return Channels(RedisBroker(url) if url else MemoryBroker(), history=1000)


class ChatWebSocket:
    """The chat: each message is published on the ``chat`` channel, which every client
    joins. ``?after=<id>`` resumes after the last message a client saw."""

    def __init__(self, channels):
        self.channels = channels

    async def on_websocket(self, req, ws):
        await ws.accept()

        async def broadcast(data):
            if isinstance(data, dict):
                await self.channels.publish(
                    'chat',
                    {
                        'user': str(data.get('user', 'Anonymous')),
                        'message': str(data.get('message', '')),
                        'timestamp': time.time(),
                    },
                )

        await self.channels.join(ws, 'chat', after=req.get_param('after'), on_message=broadcast)


class NotificationStream:
    """Notifications as SSE events of type ``notification``; POST one to broadcast it."""

    def __init__(self, channels):
        self.channels = channels

    async def on_get(self, req, resp):
        resp.sse = self.channels.sse('notifications', req, event='notification', retry=2000)

    async def on_post(self, req, resp):
        resp.media = {'id': await self.broadcast_notification(await req.get_media())}

    async def broadcast_notification(self, data):
        """Send a notification to every subscriber; returns its event id."""
        return await self.channels.publish('notifications', data)


class ChannelsPage:
    """The HTML page with the chat box and the notification feed."""

    async def on_get(self, req, resp):
        resp.content_type = falcon.MEDIA_HTML
        resp.data = PAGE.read_bytes()


def build(app, channels=None, prefix='/channels'):
    """Route the channels examples on ``app`` (under ``prefix``) and return the channels."""
    channels = channels or make_channels()
    app.add_middleware(channels)
    app.add_route(f'{prefix}', ChannelsPage())
    app.add_route(f'{prefix}/chat', ChatWebSocket(channels))
    app.add_route(f'{prefix}/notifications', NotificationStream(channels))
    return channels


app = falcon.asgi.App()
channels = build(app)
