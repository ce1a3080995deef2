# ruff: noqa: E402, F811, I001
"""Real-time examples from the seed: WebSocket chat and echo, Server-Sent Events.

The four resources below ``# --- the seed's examples, verbatim ---`` are copied from the
seed unchanged; only the ``import time`` and ``import json`` they use without importing are
added here. The page at ``/realtime`` (and ``/``) has a chat box on ``/chat`` and a live
feed of ``/events``.

Run: ``python -m uvicorn realtime:app --app-dir examples`` and open http://127.0.0.1:8000/.
To add these routes to another ASGI app, call ``mount(other_app)``. The same chat and
notifications on ``falcon.channels`` (every worker, resumable) are beside these, in
``realtime_channels.py``; the demo's chat and feed use that version.

Note on ``NotificationStream``: as written in the seed, its ``finally`` removes the
subscriber queue as soon as ``on_get`` returns, so ``broadcast_notification`` never reaches
an open stream; the stream stays open (and is closed when the client leaves).
"""

import json
import time
from pathlib import Path

# --- the seed's examples, verbatim ---------------------------------------------------------
# fmt: off

import falcon.asgi
import asyncio
import json
class ChatWebSocket:
    def __init__(self):
        self.connections = set()
    async def on_websocket(self, req, ws):
        await ws.accept()
        self.connections.add(ws)
        try:
            while True:
                message = await ws.receive_text()
                data = json.loads(message)
                # Broadcast to all connections
                await self.broadcast({
                    'user': data.get('user', 'Anonymous'),
                    'message': data.get('message', ''),
                    'timestamp': time.time()
                })
        except falcon.WebSocketDisconnected:
            pass
        finally:
            self.connections.discard(ws)
    async def broadcast(self, data):
        """Broadcast message to all connected clients"""
        if self.connections:
            message = json.dumps(data)
            await asyncio.gather(
                *[ws.send_text(message) for ws in self.connections],
                return_exceptions=True
            )
class EchoWebSocket:
    async def on_websocket(self, req, ws):
        await ws.accept()
        try:
            while True:
                # Handle different message types
                try:
                    # Try to receive as JSON first
                    data = await ws.receive_json()
                    await ws.send_json({
                        'echo': data,
                        'type': 'json'
                    })
                except ValueError:
                    # Fall back to text
                    message = await ws.receive_text()
                    await ws.send_text(f"Echo: {message}")
        except falcon.WebSocketDisconnected:
            print("Client disconnected")
# Register WebSocket routes
app = falcon.asgi.App()
app.add_route('/chat', ChatWebSocket())
app.add_route('/echo', EchoWebSocket())

import falcon.asgi
import asyncio
from falcon.asgi import SSEvent
class EventStreamResource:
    async def on_get(self, req, resp):
        # Set SSE headers
        resp.content_type = 'text/event-stream'
        resp.set_header('Cache-Control', 'no-cache')
        resp.set_header('Connection', 'keep-alive')
        # Create event stream
        async def event_stream():
            counter = 0
            while True:
                # Create event
                event = SSEvent(
                    data=f'{{"count": {counter}, "timestamp": "{time.time()}"}}',
                    event_type='counter',
                    event_id=str(counter)
                )
                yield event.serialize().encode('utf-8')
                counter += 1
                await asyncio.sleep(1)
        resp.stream = event_stream()
class NotificationStream:
    def __init__(self):
        self.subscribers = set()
    async def on_get(self, req, resp):
        resp.content_type = 'text/event-stream'
        resp.set_header('Cache-Control', 'no-cache')
        # Create subscriber queue
        queue = asyncio.Queue()
        self.subscribers.add(queue)
        try:
            async def stream():
                while True:
                    event_data = await queue.get()
                    event = SSEvent(
                        data=json.dumps(event_data),
                        event_type='notification'
                    )
                    yield event.serialize().encode('utf-8')
            resp.stream = stream()
        finally:
            self.subscribers.discard(queue)
    async def broadcast_notification(self, data):
        """Send notification to all subscribers"""
        for queue in self.subscribers:
            try:
                queue.put_nowait(data)
            except asyncio.QueueFull:
                pass  # Skip if queue is full
# Register SSE routes
app.add_route('/events', EventStreamResource())
app.add_route('/notifications', NotificationStream())

# fmt: on
# --- the page --------------------------------------------------------------------------------

PAGE = Path(__file__).resolve().parent / 'static' / 'index.html'


class RealtimePage:
    """The HTML page with the chat box and the live event feed."""

    async def on_get(self, req, resp):
        resp.content_type = falcon.MEDIA_HTML
        resp.data = PAGE.read_bytes()


def mount(other_app):
    """Route the chat, echo, event streams and the page on ``other_app``."""
    other_app.add_route('/chat', ChatWebSocket())
    other_app.add_route('/echo', EchoWebSocket())
    other_app.add_route('/events', EventStreamResource())
    other_app.add_route('/notifications', NotificationStream())
    other_app.add_route('/realtime', RealtimePage())


app.add_route('/realtime', RealtimePage())
app.add_route('/', RealtimePage())
