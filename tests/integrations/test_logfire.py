"""Logfire with Falcon, run unchanged against this package (WSGI only).

Logfire 5.4 has no ``instrument_falcon()``: it traces Falcon through OpenTelemetry's Falcon
instrumentation (what ``logfire run`` enables when ``opentelemetry-instrumentation-falcon``
is installed), or through ``logfire.instrument_wsgi(app)``. Both are WSGI-only here: the
Falcon instrumentation subclasses ``falcon.App`` alone, and ``logfire.instrument_asgi()``
needs ``opentelemetry-instrumentation-asgi``, which is not among the packages the suite
installs. Logfire is configured with ``send_to_logfire=False`` and an in-memory exporter
(``logfire.testing.TestExporter``); nothing leaves the process.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

logfire = pytest.importorskip('logfire')
pytest.importorskip('opentelemetry.instrumentation.falcon')

from logfire.testing import TestExporter  # noqa: E402
from opentelemetry.instrumentation.falcon import FalconInstrumentor  # noqa: E402
from opentelemetry.sdk.trace.export import SimpleSpanProcessor  # noqa: E402
from opentelemetry.trace import SpanKind, StatusCode  # noqa: E402

import falcon  # noqa: E402
from falcon import testing  # noqa: E402


class Items:
    def on_get(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        with logfire.span('loading item {item_id}', item_id=item_id):
            if item_id == 0:
                raise ZeroDivisionError('no item zero')
            resp.media = {'id': item_id}


def _app() -> Any:
    app = falcon.App()
    app.add_route('/items/{item_id:int}', Items())
    return app


@pytest.fixture
def exporter() -> TestExporter:
    """Logfire configured to keep its spans in memory."""
    spans = TestExporter()
    logfire.configure(
        send_to_logfire=False,
        console=False,
        additional_span_processors=[SimpleSpanProcessor(spans)],
    )
    return spans


@pytest.fixture
def instrumented(exporter: TestExporter) -> Iterator[TestExporter]:
    """Logfire configured, then Falcon instrumented the way ``logfire run`` does it."""
    instrumentor = FalconInstrumentor()
    instrumentor.instrument()
    try:
        yield exporter
    finally:
        instrumentor.uninstrument()


def _finished(exporter: TestExporter) -> list[Any]:
    # Logfire also exports a 'pending_span' when each span starts.
    return [
        span
        for span in exporter.exported_spans
        if span.attributes and span.attributes.get('logfire.span_type') == 'span'
    ]


def _spans(exporter: TestExporter) -> dict[str, Any]:
    return {span.name: span for span in _finished(exporter)}


def test_falcon_instrumentation_under_logfire(instrumented: TestExporter) -> None:
    result = testing.TestClient(_app()).simulate_get('/items/7')

    assert result.status_code == 200
    assert result.json == {'id': 7}
    spans = _spans(instrumented)
    server = spans['GET /items/{item_id:int}']
    assert server.kind == SpanKind.SERVER
    assert server.attributes is not None
    assert server.attributes['http.route'] == '/items/{item_id:int}'
    assert server.attributes['http.status_code'] == 200
    assert server.attributes['falcon.resource'] == 'Items'
    # The responder's own span is a child of the request's span.
    child = spans['loading item {item_id}']
    assert child.attributes is not None
    assert child.attributes['item_id'] == 7
    assert child.parent is not None
    assert server.context is not None
    assert child.parent.span_id == server.context.span_id


def test_falcon_instrumentation_error(instrumented: TestExporter) -> None:
    result = testing.TestClient(_app()).simulate_get('/items/0')

    assert result.status_code == 500
    spans = _spans(instrumented)
    server = spans['GET /items/{item_id:int}']
    assert server.attributes is not None
    assert server.attributes['http.status_code'] == 500
    assert server.status.status_code == StatusCode.ERROR
    child = spans['loading item {item_id}']
    assert child.status.status_code == StatusCode.ERROR
    assert [event.name for event in child.events] == ['exception']
    assert child.events[0].attributes is not None
    assert child.events[0].attributes['exception.type'] == 'ZeroDivisionError'


def test_instrument_wsgi(exporter: TestExporter) -> None:
    app = logfire.instrument_wsgi(_app())
    client = testing.TestClient(app)

    assert client.simulate_get('/items/3').json == {'id': 3}
    assert client.simulate_get('/items/0').status_code == 500

    servers = [span for span in _finished(exporter) if span.kind == SpanKind.SERVER]
    assert [span.attributes['http.status_code'] for span in servers] == [200, 500]  # type: ignore[index]
    assert [span.attributes['http.target'] for span in servers] == ['/items/3', '/items/0']  # type: ignore[index]
    assert [span.status.status_code for span in servers] == [StatusCode.UNSET, StatusCode.ERROR]
    children = [span for span in _finished(exporter) if span.name == 'loading item {item_id}']
    assert [span.parent.span_id for span in children] == [  # type: ignore[union-attr]
        span.context.span_id  # type: ignore[union-attr]
        for span in servers
    ]
