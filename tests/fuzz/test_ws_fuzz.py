"""Fuzz the WebSocket receive path: hostile frames get documented errors or closes only.

An echo app reads each message with one of ``receive_text``, ``receive_data``,
``receive_json``, ``receive_msgpack`` or ``receive_media`` (chosen by the path), and answers
with what it read or with the name of the documented error it got (``PayloadTypeError``,
``ValueError``). The client sends random text, binary, oversized, non-UTF-8 and invalid
JSON / MessagePack frames; a model of the documented behaviour predicts every answer and the
close code (1007 for text that is not valid Unicode, 1009 over ``max_message_size``, 1000
when the client leaves). Any other exception in the app (reported, and a 1011 close), any
other answer, or a hang fails the example.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import msgpack  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

import falcon
import falcon.asgi
from falcon.testing import ASGIConductor
from tests.fuzz import strategies as fz

#: The app's ``ws_options.max_message_size``, small so that oversized frames are cheap.
MAX_MESSAGE_SIZE = 256

#: Seconds one whole conversation may take before the example fails as a hang.
CONVERSATION_TIMEOUT = 10.0

FAST = settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
THOROUGH = settings(FAST, max_examples=600)

MODES = ('text', 'data', 'json', 'msgpack', 'media')


def shown(value: Any) -> str:
    """How the echo app and the model both show a received value."""
    try:
        return repr(value)
    except RecursionError:
        return '<nested too deeply to show>'


class Echo:
    """Echoes every message read with the receive method the path names."""

    def __init__(self, reported: list[BaseException]) -> None:
        self.reported = reported

    async def on_websocket(self, req: Any, ws: Any, mode: str) -> None:
        receive = {
            'text': ws.receive_text,
            'data': ws.receive_data,
            'json': ws.receive_json,
            'msgpack': ws.receive_msgpack,
            'media': ws.receive_media,
        }[mode]
        await ws.accept()
        while True:
            try:
                value = await receive()
            except falcon.WebSocketDisconnected:
                return
            except falcon.PayloadTypeError:
                await ws.send_text('error: PayloadTypeError')
            except ValueError:
                await ws.send_text('error: ValueError')
            else:
                await ws.send_text('ok: ' + shown(value))


def build_echo(reported: list[BaseException]) -> falcon.asgi.App:
    app = falcon.asgi.App()
    app.ws_options.max_message_size = MAX_MESSAGE_SIZE
    app.add_route('/ws/{mode}', Echo(reported))

    def report(req: Any, error: BaseException, params: Any, handled: bool) -> None:
        # The reporter also sees HTTP errors; only unexpected exceptions count here.
        if not isinstance(error, (falcon.HTTPError, falcon.HTTPStatus)):
            reported.append(error)

    app.set_error_reporter(report)
    return app


# -- the model ---------------------------------------------------------------------------------


def _loads_json(payload: str | bytes) -> Any:
    try:
        return json.loads(payload)
    except RecursionError as error:
        raise ValueError('nested too deeply') from error


def _unpack(payload: bytes) -> Any:
    try:
        return msgpack.unpackb(payload, raw=False)
    except ValueError:
        raise
    except Exception as error:
        raise ValueError(str(error)) from error


def _needs_text(payload: str | bytes) -> str:
    if not isinstance(payload, str):
        raise falcon.PayloadTypeError('binary')
    return payload


def _needs_data(payload: str | bytes) -> bytes:
    if isinstance(payload, str):
        raise falcon.PayloadTypeError('text')
    return payload


READERS: dict[str, Callable[[str | bytes], Any]] = {
    'text': _needs_text,
    'data': _needs_data,
    'json': _loads_json,
    'msgpack': lambda payload: _unpack(_needs_data(payload)),
    'media': lambda payload: (
        _loads_json(payload) if isinstance(payload, str) else _unpack(payload)
    ),
}


def expected_close(payload: str | bytes) -> int | None:
    """The close code a frame earns before the app sees it, if any."""
    if isinstance(payload, str):
        try:
            size = len(payload.encode('utf-8'))
        except UnicodeEncodeError:
            return 1007
    else:
        size = len(payload)
    return 1009 if size > MAX_MESSAGE_SIZE else None


def expected_answer(mode: str, payload: str | bytes) -> str:
    """The echo app's answer to a frame that reaches it."""
    try:
        value = READERS[mode](payload)
    except falcon.PayloadTypeError:
        return 'error: PayloadTypeError'
    except ValueError:
        return 'error: ValueError'
    return 'ok: ' + shown(value)


# -- frames ------------------------------------------------------------------------------------


def text_frames() -> st.SearchStrategy[str]:
    """Text frames: JSON (valid, deep, broken), lone surrogates, sizes around the limit."""
    return st.one_of(
        fz.json_documents().map(lambda data: data.decode('utf-8', 'replace')),
        st.text(max_size=40),
        st.sampled_from(('\udc80', 'ok \ud800 then', '{"a": "\udfff"}')),
        st.integers(MAX_MESSAGE_SIZE - 2, MAX_MESSAGE_SIZE + 2).map(lambda n: 'x' * n),
        # 2 UTF-8 bytes per character: under the limit in characters, over it in bytes.
        st.integers(MAX_MESSAGE_SIZE // 2 - 1, MAX_MESSAGE_SIZE // 2 + 1).map(lambda n: 'é' * n),
        st.just('[' * 100_000),
    )


def binary_frames() -> st.SearchStrategy[bytes]:
    """Binary frames: MessagePack (valid, truncated, hostile), JSON bytes, sizes, garbage."""
    return st.one_of(
        fz.msgpack_documents(),
        fz.json_documents(),
        st.binary(max_size=40),
        st.integers(MAX_MESSAGE_SIZE - 2, MAX_MESSAGE_SIZE + 2).map(lambda n: b'\x00' * n),
        st.just(b'\xff' * 10_000),
    )


def frames() -> st.SearchStrategy[list[str | bytes]]:
    frame: st.SearchStrategy[str | bytes] = st.one_of(text_frames(), binary_frames())
    return st.lists(frame, min_size=1, max_size=6)


# -- the conversation --------------------------------------------------------------------------


async def converse(mode: str, messages: list[str | bytes]) -> tuple[list[str], int | None]:
    """Send ``messages`` one at a time; return the answers and the close code."""
    reported: list[BaseException] = []
    app = build_echo(reported)
    answers: list[str] = []
    close_code: int | None = None
    async with ASGIConductor(app) as conductor:
        async with conductor.simulate_ws(f'/ws/{mode}', timeout=CONVERSATION_TIMEOUT) as ws:
            for message in messages:
                try:
                    if isinstance(message, str):
                        await ws.send_text(message)
                    else:
                        await ws.send_data(message)
                    answers.append(await ws.receive_text())
                except falcon.WebSocketDisconnected as disconnected:
                    close_code = disconnected.code
                    break
        if close_code is None:
            close_code = ws.close_code
    assert not reported, reported
    return answers, close_code


def model(mode: str, messages: list[str | bytes]) -> tuple[list[str], int]:
    """The answers and the close code the documented behaviour predicts."""
    answers: list[str] = []
    for message in messages:
        code = expected_close(message)
        if code is not None:
            return answers, code
        answers.append(expected_answer(mode, message))
    return answers, 1000


def run_conversation(mode: str, messages: list[str | bytes]) -> None:
    answers, close_code = asyncio.run(
        asyncio.wait_for(converse(mode, messages), CONVERSATION_TIMEOUT)
    )
    if currently_in_test_context():
        event(f'{mode}: closed with {close_code}')
    assert (answers, close_code) == model(mode, messages)
    assert close_code in (1000, 1007, 1009)


@FAST
@given(mode=st.sampled_from(MODES), messages=frames())
def test_hostile_frames_get_documented_answers_and_closes(
    mode: str, messages: list[str | bytes]
) -> None:
    run_conversation(mode, messages)


@pytest.mark.slow
@pytest.mark.no_cover  # the same strategies run traced in the FAST variant above
@THOROUGH
@given(mode=st.sampled_from(MODES), messages=frames())
def test_hostile_frames_thoroughly(mode: str, messages: list[str | bytes]) -> None:
    run_conversation(mode, messages)


@pytest.mark.parametrize('mode', MODES)
@pytest.mark.parametrize(
    'message',
    [
        pytest.param('x' * (MAX_MESSAGE_SIZE + 1), id='text-over-the-limit'),
        pytest.param('é' * (MAX_MESSAGE_SIZE // 2 + 1), id='text-over-the-limit-in-bytes'),
        pytest.param(b'\x00' * (MAX_MESSAGE_SIZE + 1), id='binary-over-the-limit'),
        pytest.param('\udc80', id='lone-surrogate'),
        pytest.param(b'\xc1', id='never-used-msgpack-byte'),
        pytest.param(b'\xdd\xff\xff\xff\xff', id='msgpack-array-claiming-4g-items'),
        pytest.param(b'\x91' * 200 + b'\xc0', id='deep-msgpack'),
        pytest.param('[' * 200 + ']' * 200, id='deep-json'),
        pytest.param(b'\xff\xfe', id='binary-not-utf8'),
    ],
)
def test_each_hostile_frame_alone(mode: str, message: str | bytes) -> None:
    run_conversation(mode, [message, 'after'])
