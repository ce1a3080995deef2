"""Behaviours of the WebSocket tutorial (user/tutorial-websockets.rst), driven through
``ASGIConductor.simulate_ws`` on a weather station lookup app."""

import datetime

import pytest

import falcon
import falcon.asgi
import falcon.testing
from falcon import WebSocketDisconnected

from .stations import PASSPHRASE, build_guarded, build_open


def test_plain_http_route_beside_websockets():
    app, _ = build_open()
    result = falcon.testing.TestClient(app).simulate_get('/ping')
    assert result.status_code == 200
    assert result.headers['content-type'] == 'application/json'
    assert result.headers['content-length'] == '14'
    assert result.json == {'pong': True}


async def test_text_in_text_out():
    class Shout:
        async def on_websocket(self, req, ws):
            await ws.accept()
            while True:
                try:
                    heard = await ws.receive_text()
                except WebSocketDisconnected:
                    return
                await ws.send_text(heard.upper() + '!')

    app = falcon.asgi.App()
    app.add_route('/shout', Shout())

    async with falcon.testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/shout') as ws:
            await ws.send_text('hey')
            assert await ws.receive_text() == 'HEY!'
            await ws.send_text('again')
            assert await ws.receive_text() == 'AGAIN!'
        assert ws.closed
        assert ws.close_code == 1000


async def test_media_reply_and_routed_handshake_recorded():
    app, log = build_open()
    async with falcon.testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/mirror') as ws:
            await ws.send_text('testing')
            reply = await ws.receive_json()
    assert reply['said'] == 'testing'
    assert datetime.datetime.fromisoformat(reply['at'])
    assert log.seen_before_routing == ['/mirror']
    assert log.routed == [('/mirror', 'Mirror')]


async def test_lookup_answers_each_message():
    app, log = build_open()
    async with falcon.testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/stations') as ws:
            await ws.send_text('QUI')
            assert await ws.receive_json() == {'city': 'Quito'}
            await ws.send_text('XXX')
            assert await ws.receive_json() == {'missing': 'XXX'}
    assert log.routed == [('/stations', 'Lookup')]


async def test_send_media_defaults_to_a_json_text_frame():
    app, _ = build_open()
    async with falcon.testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/stations') as ws:
            await ws.send_text('OSL')
            assert await ws.receive_text() == '{"city": "Oslo"}'


async def test_unrouted_socket_is_closed_with_3404():
    app, log = build_open()
    async with falcon.testing.ASGIConductor(app) as conductor:
        with pytest.raises(WebSocketDisconnected) as info:
            async with conductor.simulate_ws('/elsewhere'):
                pass
    assert info.value.code == 3404
    assert log.seen_before_routing == ['/elsewhere']
    assert log.routed == []


async def test_http_only_route_closes_a_socket_with_3405():
    app, _ = build_open()
    async with falcon.testing.ASGIConductor(app) as conductor:
        with pytest.raises(WebSocketDisconnected) as info:
            async with conductor.simulate_ws('/ping'):
                pass
    assert info.value.code == 3405


async def test_socket_only_route_refuses_http_get():
    app, _ = build_open()
    async with falcon.testing.ASGIConductor(app) as conductor:
        result = await conductor.simulate_get('/mirror')
    assert result.status_code == 405


async def test_middleware_accepts_and_checks_the_first_message():
    app, gate = build_guarded()
    async with falcon.testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/stations') as ws:
            await ws.send_text(PASSPHRASE)
            await ws.send_text('LIS')
            assert await ws.receive_json() == {'city': 'Lisbon'}
        async with conductor.simulate_ws('/mirror') as ws:
            await ws.send_text('no passphrase needed')
            assert (await ws.receive_json())['said'] == 'no passphrase needed'
    assert gate.admitted == ['/stations']


async def test_wrong_passphrase_closes_with_1008():
    app, gate = build_guarded()
    async with falcon.testing.ASGIConductor(app) as conductor:
        async with conductor.simulate_ws('/stations') as ws:
            await ws.send_text('let me in')
            with pytest.raises(WebSocketDisconnected) as info:
                await ws.receive_text()
        assert info.value.code == 1008
        assert ws.closed
        assert ws.close_code == 1008
    assert gate.admitted == []
