"""The WebSocket tutorial (user/tutorial-websockets.rst), driven through falcon.testing.

The guide talks to the server with ``websocat`` and a ``websockets`` client; here the same
conversations run through ``ASGIConductor.simulate_ws``.
"""

import datetime

import pytest

import falcon
import falcon.asgi
import falcon.testing
from falcon import WebSocketDisconnected
from falcon.asgi import Request, WebSocket

from .ws_tutorial import app as ws_app
from .ws_tutorial import auth_app


def test_hello_world():
    resp = falcon.testing.TestClient(ws_app.app).simulate_get('/hello')
    assert resp.status_code == 200
    assert resp.headers['content-type'] == 'application/json'
    assert resp.headers['content-length'] == '18'
    assert resp.json == {'hello': 'world'}


async def test_echo_text():
    # The first version of the echo server: text in, text out.
    class EchoWebSocketResource:
        async def on_websocket(self, req: Request, ws: WebSocket):
            try:
                await ws.accept()
            except WebSocketDisconnected:
                return

            while True:
                try:
                    message = await ws.receive_text()
                    await ws.send_text(f'Received the following text: {message}')
                except WebSocketDisconnected:
                    return

    app = falcon.asgi.App()
    app.add_route('/echo', EchoWebSocketResource())

    async with falcon.testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/echo') as ws:
            await ws.send_text('hello')
            assert await ws.receive_text() == 'Received the following text: hello'
            await ws.send_text('Hi')
            assert await ws.receive_text() == 'Received the following text: Hi'
        assert ws.closed
        assert ws.close_code == 1000


async def test_echo_json(capsys):
    async with falcon.testing.ASGIConductor(ws_app.app) as conductor:
        async with conductor.simulate_ws('/echo') as ws:
            await ws.send_text('Hi')
            doc = await ws.receive_json()
    assert doc['message'] == 'Hi'
    assert datetime.datetime.fromisoformat(doc['date'])
    assert capsys.readouterr().out == 'WebSocket connection established on /echo\n'


async def test_reports(capsys):
    async with falcon.testing.ASGIConductor(ws_app.app) as conductor:
        async with conductor.simulate_ws('/reports') as ws:
            await ws.send_text('report1')
            assert await ws.receive_json() == {'report': 'Report 1'}
            await ws.send_text('report5')
            assert await ws.receive_json() == {'error': 'report not found'}
    assert capsys.readouterr().out == (
        'WebSocket connection established on /reports\n'
        "{'title': 'Report 1', 'content': 'This is the content of report 1'}\n"
        'None\n'
    )


async def test_send_media_is_a_text_frame():
    # "send_media() ... will serialize to JSON for a TEXT payload" by default.
    async with falcon.testing.ASGIConductor(ws_app.app) as conductor:
        async with conductor.simulate_ws('/reports') as ws:
            await ws.send_text('report2')
            assert await ws.receive_text() == '{"report": "Report 2"}'


async def test_unrouted_websocket_is_refused(capsys):
    async with falcon.testing.ASGIConductor(ws_app.app) as conductor:
        with pytest.raises(WebSocketDisconnected) as info:
            async with conductor.simulate_ws('/nowhere'):
                pass
    assert info.value.code == 3404
    # process_resource_ws runs only when a route matches.
    assert capsys.readouterr().out == ''


async def test_http_route_refuses_websocket():
    async with falcon.testing.ASGIConductor(ws_app.app) as conductor:
        with pytest.raises(WebSocketDisconnected) as info:
            async with conductor.simulate_ws('/hello'):
                pass
    assert info.value.code == 3405


async def test_websocket_route_refuses_http_get():
    async with falcon.testing.ASGIConductor(ws_app.app) as conductor:
        resp = await conductor.simulate_get('/echo')
    assert resp.status_code == 405


async def test_first_message_authentication(capsys):
    async with falcon.testing.ASGIConductor(auth_app.app) as conductor:
        async with conductor.simulate_ws('/reports') as ws:
            await ws.send_text(auth_app.TOKEN)
            await ws.send_text('report3')
            assert await ws.receive_json() == {'report': 'Report 3'}
        # The echo route is not protected: no token is expected.
        async with conductor.simulate_ws('/echo') as ws:
            await ws.send_text('Hi')
            assert (await ws.receive_json())['message'] == 'Hi'
    assert capsys.readouterr().out == "Client with token 'very secure' authenticated\n"


async def test_bad_token_closes_with_policy_violation():
    async with falcon.testing.ASGIConductor(auth_app.app) as conductor:
        async with conductor.simulate_ws('/reports') as ws:
            await ws.send_text('wrong token')
            with pytest.raises(WebSocketDisconnected) as info:
                await ws.receive_text()
        assert info.value.code == 1008
        assert ws.closed
        assert ws.close_code == 1008
