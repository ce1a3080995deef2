"""Child process for ``test_ddtrace.py``: ddtrace's Falcon integration traces a ``falcon.App``.

Run as a script, never imported by the test process: ddtrace patches ``falcon.App.__init__``
for the life of the process and starts its own machinery, so it stays in a process of its
own. Traces are kept by a trace filter that drops them after recording, and the agent URL
is a Unix socket that does not exist, so nothing leaves the process. Prints one JSON
document: the spans of each request and what the apps' middleware lists look like.
"""

from __future__ import annotations

import json
import os
from typing import Any

OFFLINE = {
    'DD_TRACE_AGENT_URL': 'unix:///nonexistent/ddtrace-test.sock',
    'DD_INSTRUMENTATION_TELEMETRY_ENABLED': 'false',
    'DD_REMOTE_CONFIGURATION_ENABLED': 'false',
    'DD_TRACE_STARTUP_LOGS': 'false',
    'DD_CRASHTRACKING_ENABLED': 'false',
    'DD_DATA_STREAMS_ENABLED': 'false',
    'DD_TRACE_STATS_COMPUTATION_ENABLED': 'false',
    'DD_SERVICE': 'shop',
}
os.environ.update(OFFLINE)

import ddtrace  # noqa: E402
from ddtrace.contrib.internal.falcon.middleware import TraceMiddleware  # noqa: E402
from ddtrace.trace import TraceFilter, tracer  # noqa: E402

TRACES: list[list[Any]] = []


class Keep(TraceFilter):
    def process_trace(self, trace: list[Any]) -> None:
        TRACES.append(trace)
        return None


tracer.configure(trace_processors=[Keep()])
ddtrace.patch(falcon=True)

import falcon  # noqa: E402
import falcon.asgi  # noqa: E402
from falcon import testing  # noqa: E402

MIDDLEWARE_CALLS: list[str] = []


class Recorder:
    def process_request(self, req: Any, resp: Any) -> None:
        MIDDLEWARE_CALLS.append(f'request {req.path}')

    def process_response(self, req: Any, resp: Any, resource: Any, req_succeeded: bool) -> None:
        MIDDLEWARE_CALLS.append(f'response {req.path}')


class Items:
    def on_get(self, req: Any, resp: Any, item_id: int) -> None:
        with tracer.trace('items.load', resource='load item'):
            resp.media = {'id': item_id}
        resp.set_header('X-Response-Tag', 'out')

    def on_post(self, req: Any, resp: Any, item_id: int) -> None:
        raise RuntimeError('boom')

    def on_put(self, req: Any, resp: Any, item_id: int) -> None:
        raise falcon.HTTPNotFound()

    def on_patch(self, req: Any, resp: Any, item_id: int) -> None:
        raise falcon.HTTPBadRequest(title='bad')


class AsyncItems:
    async def on_get(self, req: Any, resp: Any, item_id: int) -> None:
        resp.media = {'id': item_id}


def _span(span: Any) -> dict[str, Any]:
    return {
        'name': span.name,
        'service': span.service,
        'resource': span.resource,
        'span_type': span.span_type,
        'error': span.error,
        'trace_id': span.trace_id,
        'parent_id': span.parent_id,
        'span_id': span.span_id,
        'tags': {key: str(value) for key, value in span.get_tags().items()},
        'metrics': span.get_metrics(),
    }


def _run(client: testing.TestClient, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
    TRACES.clear()
    result = client.simulate_request(method, path, **kwargs)
    return {
        'status': result.status,
        'body': result.text,
        'spans': [_span(span) for trace in TRACES for span in trace],
    }


def main() -> None:
    ddtrace.config.falcon.http.trace_headers(['x-request-tag', 'x-response-tag'])
    app = falcon.App(middleware=[Recorder()])
    app.add_route('/items/{item_id:int}', Items())
    client = testing.TestClient(app)
    requests = {
        'get': _run(
            client, 'GET', '/items/3', params={'color': 'red'}, headers={'X-Request-Tag': 'in'}
        ),
        'error': _run(client, 'POST', '/items/3'),
        'not_found': _run(client, 'PUT', '/items/3'),
        'bad_request': _run(client, 'PATCH', '/items/3'),
        'unrouted': _run(client, 'GET', '/nowhere'),
        'distributed': _run(
            client,
            'GET',
            '/items/4',
            headers={'x-datadog-trace-id': '1234', 'x-datadog-parent-id': '5678'},
        ),
    }

    asgi_app = falcon.asgi.App()
    asgi_app.add_route('/items/{item_id:int}', AsyncItems())
    asgi = _run(testing.TestClient(asgi_app), 'GET', '/items/5')

    print(
        json.dumps(
            {
                'requests': requests,
                'middleware': [type(mw).__name__ for mw in app._unprepared_middleware],
                'trace_middleware_first': isinstance(
                    app._unprepared_middleware[0], TraceMiddleware
                ),
                'middleware_calls': MIDDLEWARE_CALLS,
                'asgi': asgi,
                'asgi_middleware': [type(mw).__name__ for mw in asgi_app._unprepared_middleware],
            }
        )
    )


if __name__ == '__main__':
    main()
