"""ddtrace's Falcon integration (``ddtrace.patch(falcon=True)``), run unchanged.

The integration wraps ``falcon.App.__init__`` to put its ``TraceMiddleware`` first in the
app's middleware. The middleware opens a ``falcon.request`` span in ``process_request``
(``req.method``, ``req.url``, ``req.headers``, ``req.query_string``) and keeps its context
in ``req.env``; names the span after the resource class in ``process_resource``; and in
``process_response`` sets the status from ``resp.status``, the route from
``req.root_path`` and ``req.uri_template`` and the traced response headers from
``resp._headers``, with ``sys.exc_info()`` telling an exception apart.

It supports ``falcon.App`` only (its middleware is synchronous). Here ``falcon.asgi.App``
does not go through ``falcon.App.__init__``, so an ASGI app is left alone and untraced.

ddtrace runs in a child process (``_ddtrace_app.py``): its patch and its background
machinery last for the life of a process. Spans are recorded by a trace filter that drops
them, and the agent URL is a Unix socket that does not exist.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip('ddtrace')

CHILD = Path(__file__).with_name('_ddtrace_app.py')
ROUTE = '/items/{item_id:int}'
URL = 'http://falconframework.org'


@pytest.fixture(scope='module')
def run() -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(CHILD)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _request_span(request: dict[str, Any]) -> dict[str, Any]:
    spans = [span for span in request['spans'] if span['name'] == 'falcon.request']
    assert len(spans) == 1
    return spans[0]


def _web_tags(tags: dict[str, str]) -> dict[str, str]:
    return {
        key: value
        for key, value in tags.items()
        if key.startswith('http.') or key in ('component', 'span.kind', 'error.type')
    }


def test_trace_middleware_goes_first(run: dict[str, Any]) -> None:
    assert run['middleware'] == ['TraceMiddleware', 'Recorder']
    assert run['trace_middleware_first'] is True
    assert run['middleware_calls'][:2] == ['request /items/3', 'response /items/3']
    assert len(run['middleware_calls']) == 12


def test_a_request_is_one_web_span_named_by_resource_with_its_route(run: dict[str, Any]) -> None:
    request = run['requests']['get']
    assert request['status'] == '200 OK'
    assert request['body'] == '{"id": 3}'
    span = _request_span(request)
    assert span['service'] == 'falcon'
    assert span['resource'] == 'GET __main__.Items'
    assert span['span_type'] == 'web'
    assert span['error'] == 0
    assert span['parent_id'] is None
    assert span['metrics']['_dd.measured'] == 1
    assert _web_tags(span['tags']) == {
        'component': 'falcon',
        'span.kind': 'server',
        'http.method': 'GET',
        'http.url': f'{URL}/items/3?color=red',
        'http.route': ROUTE,
        'http.status_code': '200',
        'http.request.headers.x-request-tag': 'in',
        'http.response.headers.x-response-tag': 'out',
    }


def test_spans_opened_in_the_responder_are_children(run: dict[str, Any]) -> None:
    request = run['requests']['get']
    parent = _request_span(request)
    (child,) = [span for span in request['spans'] if span['name'] == 'items.load']
    assert child['resource'] == 'load item'
    assert child['parent_id'] == parent['span_id']
    assert child['trace_id'] == parent['trace_id']


def test_an_unhandled_exception_is_an_error_span_with_status_500(run: dict[str, Any]) -> None:
    request = run['requests']['error']
    assert request['status'] == '500 Internal Server Error'
    span = _request_span(request)
    assert span['resource'] == 'POST __main__.Items'
    assert span['error'] == 1
    assert span['tags']['http.status_code'] == '500'
    assert span['tags']['http.route'] == ROUTE


@pytest.mark.parametrize(
    'name, method, status',
    [('not_found', 'PUT', '404'), ('bad_request', 'PATCH', '400')],
)
def test_http_errors_are_not_error_spans(
    run: dict[str, Any], name: str, method: str, status: str
) -> None:
    request = run['requests'][name]
    assert request['status'].startswith(status)
    span = _request_span(request)
    assert span['resource'] == f'{method} __main__.Items'
    assert span['error'] == 0
    assert span['tags']['http.status_code'] == status
    assert 'error.type' not in span['tags']


def test_an_unrouted_path_is_a_404_span(run: dict[str, Any]) -> None:
    request = run['requests']['unrouted']
    assert request['status'] == '404 Not Found'
    span = _request_span(request)
    assert span['resource'] == 'GET 404'
    assert span['error'] == 0
    assert _web_tags(span['tags']) == {
        'component': 'falcon',
        'span.kind': 'server',
        'http.method': 'GET',
        'http.url': f'{URL}/nowhere',
        'http.status_code': '404',
    }


def test_distributed_tracing_headers_continue_the_trace(run: dict[str, Any]) -> None:
    span = _request_span(run['requests']['distributed'])
    assert span['trace_id'] == 1234
    assert span['parent_id'] == 5678


def test_asgi_app_is_left_alone(run: dict[str, Any]) -> None:
    assert run['asgi_middleware'] == []
    assert run['asgi']['status'] == '200 OK'
    assert run['asgi']['body'] == '{"id": 5}'
    assert run['asgi']['spans'] == []
