"""Follows the Falcon 4.4 user guide, tutorial-websockets.rst, "Authentication": first-message
token authentication in a middleware that also accepts the connection; a bad token closes it
with 1008 (policy violation). (The browser echo page the guide also serves is left out.)"""

from datetime import datetime

import falcon.asgi
from falcon import WebSocketDisconnected
from falcon.asgi import Request, WebSocket

from .app import REPORTS

TOKEN = 'very secure'


class AuthMiddleware:
    def __init__(self, protected_routes=None):
        self.protected_routes = protected_routes if protected_routes is not None else []

    async def process_request_ws(self, req: Request, ws: WebSocket):
        # Opening the connection is handled here, for every route.
        await ws.accept()

        if req.path not in self.protected_routes:
            return

        token = await ws.receive_text()
        if token != TOKEN:
            await ws.close(1008)
            return

        print(f'Client with token {token!r} authenticated')


class EchoWebSocketResource:
    async def on_websocket(self, req: Request, ws: WebSocket):
        while True:
            try:
                message = await ws.receive_text()
                await ws.send_media({'message': message, 'date': datetime.now().isoformat()})
            except WebSocketDisconnected:
                return


class ReportsResource:
    async def on_websocket(self, req: Request, ws: WebSocket):
        while True:
            try:
                query = await ws.receive_text()
                report = REPORTS.get(query, None)

                if report is None:
                    await ws.send_media({'error': 'report not found'})
                    continue

                await ws.send_media({'report': report['title']})
            except WebSocketDisconnected:
                return


app = falcon.asgi.App(middleware=[AuthMiddleware(['/reports'])])
app.add_route('/echo', EchoWebSocketResource())
app.add_route('/reports', ReportsResource())
