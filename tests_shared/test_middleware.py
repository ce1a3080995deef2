"""Middleware: method order, independent stacks, resp.complete, exceptions in each stage."""

from __future__ import annotations

from typing import Any

import falcon
from tests._harness import Case, cases, run
from tests_shared._support import resource


def record(req: Any, resp: Any, step: str) -> None:
    req.context.trace = [*getattr(req.context, 'trace', []), step]
    resp.set_header('X-Trace', ','.join(req.context.trace))


class Recorder:
    """Records each stage; raises or completes at the stage named in ``fail_at``."""

    def __init__(self, name: str, fail_at: str | None = None, complete: bool = False) -> None:
        self.name = name
        self.fail_at = fail_at
        self.complete = complete

    def _step(self, req: Any, resp: Any, stage: str) -> None:
        record(req, resp, f'{self.name}.{stage}')
        if self.fail_at == stage:
            raise falcon.HTTPConflict(description=f'{self.name}.{stage}')

    def process_request(self, req: Any, resp: Any) -> None:
        self._step(req, resp, 'req')
        if self.complete:
            resp.text = f'completed by {self.name}'
            resp.complete = True

    def process_resource(self, req: Any, resp: Any, resource: Any, params: Any) -> None:
        self._step(req, resp, 'rsrc')

    def process_response(self, req: Any, resp: Any, resource: Any, req_succeeded: bool) -> None:
        record(req, resp, f'{self.name}.resp:{"ok" if req_succeeded else "failed"}')
        if self.fail_at == 'resp':
            raise falcon.HTTPConflict(description=f'{self.name}.resp')


def stack(*components: Recorder, responder_fails: bool = False) -> Any:
    def handler(req: Any, resp: Any) -> None:
        record(req, resp, 'responder')
        if responder_fails:
            raise falcon.HTTPNotAcceptable()
        resp.text = 'done'

    def build(app: Any) -> None:
        app.add_middleware(list(components))
        app.add_route('/', resource(handler))

    return build


def trace_is(*steps: str) -> Any:
    def check(result: Any) -> None:
        assert result.headers['x-trace'].split(',') == list(steps)

    return check


class RequestOnly:
    def process_request(self, req: Any, resp: Any) -> None:
        req.context.user = req.get_header('X-User') or 'anonymous'


class ResponseOnly:
    def process_response(self, req: Any, resp: Any, resource: Any, req_succeeded: bool) -> None:
        resp.set_header('X-Resource', type(resource).__name__ if resource else 'none')


def context_build(app: Any) -> None:
    app.add_middleware([RequestOnly(), ResponseOnly()])
    app.add_route(
        '/', resource(lambda req, resp: setattr(resp, 'media', {'user': req.context.user}))
    )


def unhandled_in_request(app: Any) -> None:
    class Broken:
        def process_request(self, req: Any, resp: Any) -> None:
            raise RuntimeError('broken')

    app.add_middleware(Broken())
    app.add_route('/', resource(lambda req, resp: None))


def a_b(**kwargs: Any) -> tuple[Recorder, Recorder]:
    return Recorder('A'), Recorder('B', **kwargs)


DEPENDENT = {'independent_middleware': False}

CASES = [
    Case(
        'order',
        stack(*a_b()),
        body='done',
        check=trace_is(
            'A.req', 'B.req', 'A.rsrc', 'B.rsrc', 'responder', 'B.resp:ok', 'A.resp:ok'
        ),
    ),
    Case(
        'order-dependent',
        stack(*a_b()),
        app_kwargs=DEPENDENT,
        check=trace_is(
            'A.req', 'B.req', 'A.rsrc', 'B.rsrc', 'responder', 'B.resp:ok', 'A.resp:ok'
        ),
    ),
    Case(
        'request-raises-independent',
        stack(Recorder('A', fail_at='req'), Recorder('B')),
        status=409,
        check=trace_is('A.req', 'B.resp:failed', 'A.resp:failed'),
    ),
    Case(
        'request-raises-dependent',
        stack(Recorder('A'), Recorder('B', fail_at='req'), Recorder('C')),
        app_kwargs=DEPENDENT,
        status=409,
        check=trace_is('A.req', 'B.req', 'A.resp:failed'),
    ),
    Case(
        'resource-raises',
        stack(*a_b(fail_at='rsrc')),
        status=409,
        check=trace_is('A.req', 'B.req', 'A.rsrc', 'B.rsrc', 'B.resp:failed', 'A.resp:failed'),
    ),
    Case(
        'responder-raises',
        stack(*a_b(), responder_fails=True),
        status=406,
        check=trace_is(
            'A.req', 'B.req', 'A.rsrc', 'B.rsrc', 'responder', 'B.resp:failed', 'A.resp:failed'
        ),
    ),
    Case(
        'response-raises',
        stack(*a_b(fail_at='resp')),
        status=409,
        check=lambda r: r.json['description'] == 'B.resp',
    ),
    Case(
        'complete-short-circuits',
        stack(Recorder('A', complete=True), Recorder('B')),
        body='completed by A',
        check=trace_is('A.req', 'B.resp:ok', 'A.resp:ok'),
    ),
    Case(
        'complete-dependent',
        stack(Recorder('A', complete=True), Recorder('B')),
        app_kwargs=DEPENDENT,
        body='completed by A',
        check=lambda r: (
            r.headers['x-trace'].startswith('A.req') and 'responder' not in r.headers['x-trace']
        ),
    ),
    Case(
        'no-route-skips-process-resource',
        stack(*a_b()),
        path='/missing',
        status=404,
        check=trace_is('A.req', 'B.req', 'B.resp:failed', 'A.resp:failed'),
    ),
    Case(
        'context-and-partial-components',
        context_build,
        request={'headers': {'X-User': 'ann'}},
        json={'user': 'ann'},
        headers={'x-resource': 'Resource'},
    ),
    Case(
        'process-response-without-resource',
        context_build,
        path='/missing',
        status=404,
        headers={'x-resource': 'none'},
    ),
    Case('unhandled-error-in-middleware', unhandled_in_request, status=500),
]


@cases(CASES)
def test_middleware(case: Case) -> None:
    run(case)
