"""The demo's live feed: a ticking channel streamed as Server-Sent Events that resume.

A background task publishes a tick on the ``feed`` channel every ``interval`` seconds, and
visitors may post notices on it. ``GET /live/feed/events`` streams the channel with
``Channels.sse``: every event carries its id, and a browser whose connection drops
reconnects with ``Last-Event-ID`` and gets exactly the events it missed. The stream first
says where it resumed (an event of type ``resumed``, without an id) so the page can show it.

``POST /live/feed/drop`` ends every open stream of this process at its next event, without
sending that event: the browsers reconnect after the ``retry`` delay, and the events
published meanwhile come back on the resumed stream. That is how the page demonstrates
resuming; a real network drop behaves the same.

Each process runs its own ticker, so serve the demo with one worker: with several workers
sharing a Redis broker, each would publish its own ticks.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

import falcon
from falcon.asgi import SSEvent

CHANNEL = 'feed'
RETRY_MS = 1500


class FeedTicker:
    """Middleware publishing ``{"kind": "tick", "n": ...}`` on the feed channel periodically,
    from application start-up to shutdown."""

    def __init__(self, channels, interval=1.0):
        self.channels = channels
        self.interval = interval
        self.task = None

    async def process_startup(self, scope, event):
        self.task = asyncio.ensure_future(self.run())

    async def process_shutdown(self, scope, event):
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task

    async def run(self):
        count = 0
        while True:
            count += 1
            await self.channels.publish(CHANNEL, {'kind': 'tick', 'n': count, 'at': time.time()})
            await asyncio.sleep(self.interval)


class FeedEvents:
    """The feed as an SSE stream (GET), a visitor's notice (POST)."""

    def __init__(self, channels):
        self.channels = channels
        self.drops = 0

    async def on_get(self, req, resp):
        resumed_after = req.get_header('Last-Event-ID')
        events = self.channels.sse(CHANNEL, req, event='feed', retry=RETRY_MS)
        resp.sse = self.until_dropped(events, resumed_after)

    async def on_post(self, req, resp):
        media = await req.get_media()
        text = media.get('text') if isinstance(media, dict) else None
        if not isinstance(text, str) or not 0 < len(text) <= 200:
            raise falcon.HTTPBadRequest(description='Send {"text": "..."}: 1 to 200 characters.')
        event_id = await self.channels.publish(CHANNEL, {'kind': 'notice', 'text': text})
        resp.status = falcon.HTTP_201
        resp.media = {'id': event_id}

    async def on_post_drop(self, req, resp):
        self.drops += 1
        resp.media = {'dropped': True}

    async def until_dropped(self, events, resumed_after):
        """Forward ``events`` until a drop is asked for after this stream started."""
        started_at = self.drops
        yield SSEvent(event='resumed', json={'after': resumed_after}).serialize()
        async with contextlib.aclosing(events):
            async for block in events:
                if self.drops != started_at:
                    return
                yield block


def build(app, channels, prefix='/live/feed', interval=1.0):
    """Route the feed on ``app`` under ``prefix`` and start its ticker with the app."""
    feed = FeedEvents(channels)
    app.add_middleware(FeedTicker(channels, interval))
    app.add_route(f'{prefix}/events', feed)
    app.add_route(f'{prefix}/drop', feed, suffix='drop')
    return feed
