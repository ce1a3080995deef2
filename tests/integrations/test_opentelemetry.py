"""opentelemetry-instrumentation-falcon, run unchanged against this package (WSGI only).

``FalconInstrumentor().instrument()`` replaces ``falcon.App`` with a subclass that wraps
``__call__`` (a server span around each WSGI call), overrides ``_handle_exception`` (keeping
``sys.exc_info()`` in ``req.env``) and puts its own middleware first; ``uninstrument()``
filters that middleware out of ``app._unprepared_middleware``, rebuilds ``app._middleware``
with ``app._prepare_middleware(...)`` and puts the original ``falcon.App`` back. It has no
ASGI support (it reads ``req.env`` and subclasses only ``falcon.App``), so these tests use
``falcon.App``; one checks that a ``falcon.asgi.App`` is left alone.

Spans go to an in-memory exporter; nothing leaves the process.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip('opentelemetry.instrumentation.falcon')

from opentelemetry.instrumentation.falcon import FalconInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import (
    InMemorySpanExporter,
)
from opentelemetry.trace import SpanKind, StatusCode

import falcon
import falcon.asgi
from falcon import testing

ORIGINAL_APP = falcon.App


@pytest.fixture
def exporter() -> Iterator[InMemorySpanExporter]:
    """Instrument Falcon with a tracer provider that exports to memory; undo afterwards."""
    spans = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(spans))
    hooked: list[tuple[str, Any]] = []
    instrumentor = FalconInstrumentor()
    instrumentor.instrument(
        tracer_provider=provider,
        request_hook=lambda span, req: hooked.append(('request', req.path)),
        response_hook=lambda span, req, resp: hooked.append(('response', resp.status)),
    )
    spans.hooked = hooked  # type: ignore[attr-defined]
    try:
        yield spans
    finally:
        if instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.uninstrument()
        assert falcon.App is ORIGINAL_APP


class Items:
    def on_get(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        if item_id == 0:
            raise ZeroDivisionError('no item zero')
        if item_id == 4:
            raise falcon.HTTPNotFound()
        if item_id == 9:
            raise falcon.HTTPForbidden()
        resp.media = {'id': item_id}


class Recorder:
    def __init__(self, seen: list[str]) -> None:
        self.seen = seen

    def process_request(self, req: Any, resp: Any) -> None:
        self.seen.append('request')

    def process_response(self, req: Any, resp: Any, resource: Any, succeeded: bool) -> None:
        self.seen.append('response')
        resp.set_header('X-Recorded', 'yes')


def _app(**kwargs: Any) -> Any:
    app = falcon.App(**kwargs)
    app.add_route('/items/{item_id:int}', Items())
    return app


def test_server_span_named_by_method_and_route(exporter: InMemorySpanExporter) -> None:
    app = _app()
    assert isinstance(app, ORIGINAL_APP)
    assert type(app) is not ORIGINAL_APP

    result = testing.TestClient(app).simulate_get('/items/7')

    assert result.status_code == 200
    assert result.json == {'id': 7}
    (span,) = exporter.get_finished_spans()
    assert span.name == 'GET /items/{item_id:int}'
    assert span.kind == SpanKind.SERVER
    assert span.attributes is not None
    assert span.attributes['http.route'] == '/items/{item_id:int}'
    assert span.attributes['http.method'] == 'GET'
    assert span.attributes['http.status_code'] == 200
    assert span.attributes['falcon.resource'] == 'Items'
    assert span.status.status_code == StatusCode.UNSET
    assert exporter.hooked == [('request', '/items/7'), ('response', '200 OK')]  # type: ignore[attr-defined]


def test_exception_gives_error_status(exporter: InMemorySpanExporter) -> None:
    result = testing.TestClient(_app()).simulate_get('/items/0')

    assert result.status_code == 500
    (span,) = exporter.get_finished_spans()
    assert span.name == 'GET /items/{item_id:int}'
    assert span.attributes is not None
    assert span.attributes['http.status_code'] == 500
    assert span.status.status_code == StatusCode.ERROR


def test_http_errors_set_their_status(exporter: InMemorySpanExporter) -> None:
    client = testing.TestClient(_app())

    assert client.simulate_get('/items/4').status_code == 404
    assert client.simulate_get('/items/9').status_code == 403

    codes = [span.attributes['http.status_code'] for span in exporter.get_finished_spans()]  # type: ignore[index]
    assert codes == [404, 403]
    # A 4xx is the client's error, not the server's.
    assert [span.status.status_code for span in exporter.get_finished_spans()] == [
        StatusCode.UNSET,
        StatusCode.UNSET,
    ]


def test_unrouted_path_is_a_404_span_named_by_method(exporter: InMemorySpanExporter) -> None:
    result = testing.TestClient(_app()).simulate_get('/nowhere')

    assert result.status_code == 404
    (span,) = exporter.get_finished_spans()
    assert span.name == 'GET'
    assert span.attributes is not None
    assert span.attributes['http.status_code'] == 404
    assert 'http.route' not in span.attributes


@pytest.mark.parametrize('independent', [True, False])
def test_users_middleware_still_runs(exporter: InMemorySpanExporter, independent: bool) -> None:
    seen: list[str] = []
    app = _app(middleware=[Recorder(seen)], independent_middleware=independent)
    app.add_middleware(Recorder(seen))
    names = [type(component).__name__ for component in app._unprepared_middleware]
    assert names == ['_TraceMiddleware', 'Recorder', 'Recorder']

    result = testing.TestClient(app).simulate_get('/items/1')

    assert result.status_code == 200
    assert result.headers['X-Recorded'] == 'yes'
    assert seen == ['request', 'request', 'response', 'response']
    (span,) = exporter.get_finished_spans()
    assert span.name == 'GET /items/{item_id:int}'


def test_uninstrument_restores_the_app(exporter: InMemorySpanExporter) -> None:
    seen: list[str] = []
    app = _app(middleware=Recorder(seen))
    client = testing.TestClient(app)
    assert client.simulate_get('/items/1').status_code == 200
    assert len(exporter.get_finished_spans()) == 1

    FalconInstrumentor().uninstrument()

    assert falcon.App is ORIGINAL_APP
    assert [type(component).__name__ for component in app._unprepared_middleware] == ['Recorder']
    assert [type(component).__name__ for component in app._middleware.components] == ['Recorder']
    seen.clear()
    result = client.simulate_get('/items/2')
    assert result.status_code == 200
    assert result.json == {'id': 2}
    assert result.headers['X-Recorded'] == 'yes'
    assert seen == ['request', 'response']
    assert client.simulate_get('/items/0').status_code == 500
    assert len(exporter.get_finished_spans()) == 1

    fresh = _app()
    assert type(fresh) is ORIGINAL_APP
    assert testing.TestClient(fresh).simulate_get('/items/3').json == {'id': 3}
    assert len(exporter.get_finished_spans()) == 1


def test_asgi_app_is_not_instrumented(exporter: InMemorySpanExporter) -> None:
    app = falcon.asgi.App()
    app.add_route('/items/{item_id:int}', Items())

    result = testing.TestClient(app).simulate_get('/items/5')

    assert result.status_code == 200
    assert exporter.get_finished_spans() == ()
