"""falcon-sqla (``Manager(engine).middleware``): one SQLAlchemy session per request.

Its middleware is plain (``process_request``/``process_response``), which ``falcon.asgi.App``
accepts too in this package, so both apps are exercised. It stores the session in
``req.context.session``, commits it when ``req_succeeded`` is true and rolls it back
otherwise, closes it, and when ``resp.stream`` is set wraps the stream so that the commit
and close happen only once the body has been read and the stream closed.
The database is an in-memory SQLite database shared by every thread (``StaticPool``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip('falcon_sqla')
pytest.importorskip('sqlalchemy')

from falcon_sqla import Manager, SessionCleanup
from falcon_sqla.session import RequestSession
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import StaticPool

import falcon
import falcon.asgi
from falcon import testing


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = 'notes'
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(50))


EVENTS: list[str] = []


class RecordingSession(RequestSession):
    def commit(self) -> None:
        EVENTS.append('commit')
        super().commit()

    def rollback(self) -> None:
        EVENTS.append('rollback')
        super().rollback()

    def close(self) -> None:
        EVENTS.append('close')
        super().close()


class SyncBody:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, size: int = -1) -> bytes:
        EVENTS.append('read')
        data, self._data = self._data, b''
        return data

    def close(self) -> None:
        EVENTS.append('stream closed')


class AsyncBody(SyncBody):
    async def read(self, size: int = -1) -> bytes:  # type: ignore[override]
        return SyncBody.read(self, size)


def _list_notes(req: Any) -> list[str]:
    return [note.text for note in req.context.session.scalars(select(Note).order_by(Note.id))]


def _add_note(req: Any, text: str) -> None:
    EVENTS.append('responder')
    req.context.session.add(Note(text=text))


def _add_then_fail(req: Any) -> None:
    EVENTS.append('responder')
    req.context.session.add(Note(text='doomed'))
    req.context.session.flush()
    raise falcon.HTTPBadRequest(title='Rejected')


@pytest.fixture
def manager() -> Iterator[Manager]:
    engine = create_engine(
        'sqlite://', poolclass=StaticPool, connect_args={'check_same_thread': False}
    )
    Base.metadata.create_all(engine)
    EVENTS.clear()
    yield Manager(engine, session_cls=RecordingSession)
    engine.dispose()


@pytest.fixture
def client(asgi: bool, manager: Manager) -> testing.TestClient:
    if asgi:

        class Notes:
            async def on_get(self, req: Any, resp: Any) -> None:
                resp.media = _list_notes(req)

            async def on_post(self, req: Any, resp: Any) -> None:
                _add_note(req, (await req.get_media())['text'])
                resp.status = falcon.HTTP_201

            async def on_put(self, req: Any, resp: Any) -> None:
                _add_then_fail(req)

            async def on_patch(self, req: Any, resp: Any) -> None:
                _add_note(req, 'streamed')
                resp.stream = AsyncBody(b'body bytes')

            async def on_options(self, req: Any, resp: Any) -> None:
                resp.media = {'session': req.context.session}

        app: Any = falcon.asgi.App(middleware=[manager.middleware])
    else:

        class Notes:  # type: ignore[no-redef]
            def on_get(self, req: Any, resp: Any) -> None:
                resp.media = _list_notes(req)

            def on_post(self, req: Any, resp: Any) -> None:
                _add_note(req, req.get_media()['text'])
                resp.status = falcon.HTTP_201

            def on_put(self, req: Any, resp: Any) -> None:
                _add_then_fail(req)

            def on_patch(self, req: Any, resp: Any) -> None:
                _add_note(req, 'streamed')
                resp.stream = SyncBody(b'body bytes')

            def on_options(self, req: Any, resp: Any) -> None:
                resp.media = {'session': req.context.session}

        app = falcon.App(middleware=[manager.middleware])
    app.add_route('/notes', Notes())
    return testing.TestClient(app)


def test_session_is_committed_and_closed_after_a_successful_request(
    client: testing.TestClient,
) -> None:
    result = client.simulate_post('/notes', json={'text': 'hello'})
    assert result.status == falcon.HTTP_201
    assert EVENTS == ['responder', 'commit', 'close']

    EVENTS.clear()
    listing = client.simulate_get('/notes')
    assert listing.status == falcon.HTTP_200
    assert listing.json == ['hello']
    assert EVENTS == ['commit', 'close']


def test_session_is_rolled_back_when_the_request_fails(client: testing.TestClient) -> None:
    result = client.simulate_put('/notes')
    assert result.status == falcon.HTTP_400
    assert result.json == {'title': 'Rejected'}
    assert EVENTS == ['responder', 'rollback', 'close']
    assert client.simulate_get('/notes').json == []


def test_a_streamed_body_is_read_before_the_commit(client: testing.TestClient) -> None:
    result = client.simulate_patch('/notes')
    assert result.status == falcon.HTTP_200
    assert result.content == b'body bytes'
    assert EVENTS[0] == 'responder'
    assert EVENTS[-3:] == ['commit', 'close', 'stream closed']
    assert set(EVENTS[1:-3]) == {'read'}
    assert client.simulate_get('/notes').json == ['streamed']


def test_no_session_for_options(client: testing.TestClient) -> None:
    result = client.simulate_options('/notes')
    assert result.status == falcon.HTTP_200
    assert result.json == {'session': None}
    assert EVENTS == []


def test_rollback_cleanup_mode_never_commits(client: testing.TestClient, manager: Manager) -> None:
    manager.session_options.session_cleanup = SessionCleanup.ROLLBACK
    result = client.simulate_post('/notes', json={'text': 'kept?'})
    assert result.status == falcon.HTTP_201
    assert EVENTS == ['responder', 'rollback', 'close']
    assert client.simulate_get('/notes').json == []
