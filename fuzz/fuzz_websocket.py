"""Fuzz target: WebSocket messages through every ``receive_*`` method of ``falcon.asgi.App``.

Input grammar: a sequence of records. Each record is one header byte, one length byte ``n``
and ``n`` payload bytes (cut short at the end of the input). Bit 0 of the header chooses the
frame kind (text or binary); the header divided by 2, modulo 5, chooses the method that
receives it: ``receive_text``, ``receive_data``, ``receive_media``, ``receive_json`` or
``receive_msgpack``. Text payloads are decoded as UTF-8 with ``surrogateescape``, so invalid
bytes arrive as lone surrogates, which the connection must refuse by closing with 1007.
After the records, the client disconnects.

Invariant: each receive gives a value, or raises its documented error
(``PayloadTypeError`` for the wrong frame kind, ``ValueError`` for a payload that does not
deserialize, ``WebSocketDisconnected`` once the connection is closed); the app accepts the
connection and closes it with a code other than 1011 (server error), and no exception
reaches the app's error handling.
"""

from __future__ import annotations

from typing import Any

from fuzz._harness import Capture, InvariantBroken, fuzz, instrumented, run_asgi, scope_for

with instrumented(
    __name__ == '__main__',
    ['falcon.asgi._ws', 'falcon.core._ws', 'falcon.core.media._ws', 'falcon.core._text'],
):
    import falcon
    import falcon.asgi

#: The receive methods, in the order the record header picks them.
METHODS = ('receive_text', 'receive_data', 'receive_media', 'receive_json', 'receive_msgpack')

#: Largest message the app accepts (bytes); a larger one closes the connection with 1009.
MAX_MESSAGE_SIZE = 200


class Socket:
    def __init__(self) -> None:
        self.plan: list[str] = []

    async def on_websocket(self, req: Any, ws: Any) -> None:
        await ws.accept()
        for method in self.plan:
            try:
                await getattr(ws, method)()
            except (falcon.PayloadTypeError, ValueError):
                continue
            except falcon.WebSocketDisconnected:
                break


SOCKET = Socket()
CAPTURE = Capture()
APP = falcon.asgi.App()
APP.ws_options.max_message_size = MAX_MESSAGE_SIZE
APP.add_route('/', SOCKET)
CAPTURE.install(APP, is_asgi=True)


def parse_input(data: bytes) -> tuple[list[str], list[dict[str, Any]]]:
    """The receive methods to call, and the messages the client sends."""
    plan: list[str] = []
    events: list[dict[str, Any]] = []
    position = 0
    while position + 2 <= len(data):
        header, length = data[position], data[position + 1]
        payload = data[position + 2 : position + 2 + length]
        position += 2 + length
        plan.append(METHODS[(header >> 1) % len(METHODS)])
        if header & 1:
            events.append({'type': 'websocket.receive', 'bytes': payload})
        else:
            text = payload.decode('utf-8', 'surrogateescape')
            events.append({'type': 'websocket.receive', 'text': text})
    # One more receive than messages: it meets the disconnect.
    plan.append(METHODS[0])
    return plan, events


def test_one_input(data: bytes) -> None:
    SOCKET.plan, events = parse_input(data)
    sent = run_asgi(
        APP,
        scope_for('GET', '/', scope_type='websocket'),
        [
            {'type': 'websocket.connect'},
            *events,
        ],
    )
    CAPTURE.check(200, 'ASGI WebSocket')
    kinds = [event['type'] for event in sent]
    if not kinds or kinds[0] != 'websocket.accept':
        raise InvariantBroken(f'the connection was not accepted: {sent!r}')
    codes = [event.get('code') for event in sent if event['type'] == 'websocket.close']
    if 1011 in codes:
        raise InvariantBroken(f'closed as a server error: {sent!r}')


if __name__ == '__main__':
    fuzz(test_one_input)
