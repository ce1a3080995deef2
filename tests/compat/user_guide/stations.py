"""WebSocket apps for the WebSocket tutorial's behaviours (tutorial-websockets.rst): a weather
station lookup, a mirror that answers with media, a middleware that records routed handshakes,
and a variant whose middleware accepts every socket and asks for a passphrase on some paths."""

from datetime import datetime, timezone

import falcon.asgi
from falcon import WebSocketDisconnected

STATIONS = {
    'OSL': {'city': 'Oslo', 'elevation': 94},
    'LIS': {'city': 'Lisbon', 'elevation': 77},
    'QUI': {'city': 'Quito', 'elevation': 2850},
}
PASSPHRASE = 'open sesame'


class HandshakeLog:
    """Remembers the paths of handshakes before and after routing."""

    def __init__(self):
        self.seen_before_routing = []
        self.routed = []

    async def process_request_ws(self, req, ws):
        self.seen_before_routing.append(req.path)

    async def process_resource_ws(self, req, ws, resource, params):
        self.routed.append((req.path, type(resource).__name__))


class Ping:
    async def on_get(self, req, resp):
        resp.media = {'pong': True}


async def _serve(ws, answer):
    while True:
        try:
            incoming = await ws.receive_text()
        except WebSocketDisconnected:
            return
        await ws.send_media(answer(incoming))


def _mirror(text):
    return {'said': text, 'at': datetime.now(timezone.utc).isoformat()}


def _station(code):
    found = STATIONS.get(code)
    return {'missing': code} if found is None else {'city': found['city']}


class Mirror:
    async def on_websocket(self, req, ws):
        try:
            await ws.accept()
        except WebSocketDisconnected:
            return
        await _serve(ws, _mirror)


class Lookup:
    async def on_websocket(self, req, ws):
        try:
            await ws.accept()
        except WebSocketDisconnected:
            return
        await _serve(ws, _station)


def build_open():
    log = HandshakeLog()
    app = falcon.asgi.App(middleware=[log])
    app.add_route('/ping', Ping())
    app.add_route('/mirror', Mirror())
    app.add_route('/stations', Lookup())
    return app, log


class Passphrase:
    """Accepts every socket; on guarded paths the first message must be the passphrase."""

    def __init__(self, guarded):
        self._guarded = frozenset(guarded)
        self.admitted = []

    async def process_request_ws(self, req, ws):
        await ws.accept()
        if req.path not in self._guarded:
            return
        if await ws.receive_text() != PASSPHRASE:
            await ws.close(1008)
            return
        self.admitted.append(req.path)


class AcceptedMirror:
    async def on_websocket(self, req, ws):
        await _serve(ws, _mirror)


class AcceptedLookup:
    async def on_websocket(self, req, ws):
        await _serve(ws, _station)


def build_guarded():
    gate = Passphrase(['/stations'])
    app = falcon.asgi.App(middleware=[gate])
    app.add_route('/mirror', AcceptedMirror())
    app.add_route('/stations', AcceptedLookup())
    return app, gate
