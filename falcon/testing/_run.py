"""Running a simulated request against an app: WSGI or ASGI, whole or streamed.

Rules: a WSGI app is called through ``wsgiref.validate.validator`` (PEP 3333 checks) and the
``close()`` of its iterable is always called. An ASGI app (one whose ``__call__`` is a
coroutine function, or takes three positional arguments) is driven with an
:class:`ASGIRequestEventEmitter` and an :class:`ASGIResponseEventCollector`, inside a
:class:`Lifespan` (startup before the requests, shutdown after) when the app supports one.

These are the steps the clients supply to the request methods written once in
``falcon.testing._client_async``: :func:`simulate` runs one request to completion from
synchronous code (an ASGI app inside a lifespan of its own); the coroutines serve the
``ASGIConductor``, whose lifespan spans all of its requests.
"""

from __future__ import annotations

import asyncio
import inspect
import wsgiref.validate
from collections.abc import Awaitable, Callable
from typing import Any

from falcon.core._calls import is_async_callable
from falcon.core._status import code_to_http_status
from falcon.testing._asgi import (
    ASGILifespanEventEmitter,
    ASGIRequestEventEmitter,
    ASGIResponseEventCollector,
)
from falcon.testing._helpers import StartResponseMock, closed_wsgi_iterable
from falcon.testing._loop import run_to_completion
from falcon.testing._result import Result, StreamedResult
from falcon.testing._simulation import Simulation

__all__ = [
    'Lifespan',
    'is_asgi_app',
    'simulate',
    'simulate_asgi',
    'simulate_wsgi',
    'stream_asgi',
    'stream_wsgi',
]


def is_asgi_app(app: Any) -> bool:
    """Whether `app` is an ASGI app: a coroutine function or an object whose call is one."""
    if is_async_callable(app):
        return True
    try:
        parameters = inspect.signature(app).parameters.values()
    except (TypeError, ValueError):
        return False
    positional = [
        parameter
        for parameter in parameters
        if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)
    ]
    return len(positional) == 3


def simulate(app: Callable[..., Any], simulation: Simulation) -> Result:
    """Run one request to completion from synchronous code."""
    if is_asgi_app(app):
        return run_to_completion(lambda: _simulate_asgi_one_shot(app, simulation))
    return simulate_wsgi(app, simulation)


# -- WSGI ------------------------------------------------------------------------------------


def simulate_wsgi(app: Callable[..., Any], simulation: Simulation) -> Result:
    """Run a request against a WSGI app and collect the whole response."""
    env = simulation.environ()
    start_response = StartResponseMock()
    iterable = wsgiref.validate.validator(app)(env, start_response)
    chunks = closed_wsgi_iterable(iterable)
    content = b''.join(chunks)
    if start_response.status is None or start_response.headers is None:
        raise RuntimeError('The WSGI app returned without calling start_response')
    return Result((content,), start_response.status, start_response.headers)


def _iterate_wsgi(
    app: Callable[..., Any],
    env: dict[str, Any],
    start_response: StartResponseMock,
    chunks: list[bytes],
    emitter: ASGIRequestEventEmitter,
    on_start: Callable[[], None],
) -> None:
    """Iterate a WSGI response on a worker thread, appending chunks as they come."""
    iterable = wsgiref.validate.validator(app)(env, start_response)
    started = False
    try:
        for chunk in iterable:
            if not started:
                started = True
                on_start()
            if chunk:
                chunks.append(chunk)
            if emitter.disconnected:
                break
    finally:
        close = getattr(iterable, 'close', None)
        if close is not None:
            close()
        if not started:
            on_start()


async def stream_wsgi(app: Callable[..., Any], simulation: Simulation) -> StreamedResult:
    """Start a request against a WSGI app on a worker thread; return once the head is known."""
    env = simulation.environ()
    start_response = StartResponseMock()
    chunks: list[bytes] = []
    emitter = ASGIRequestEventEmitter(disconnect_at=simulation.disconnect_at())
    loop = asyncio.get_running_loop()
    started = asyncio.Event()

    def on_start() -> None:
        loop.call_soon_threadsafe(started.set)

    async def run() -> None:
        await loop.run_in_executor(
            None, _iterate_wsgi, app, env, start_response, chunks, emitter, on_start
        )

    task = asyncio.create_task(run())
    await _until_either(task, started.wait())
    if start_response.status is None or start_response.headers is None:
        await task
        raise RuntimeError('The WSGI app returned without calling start_response')
    return StreamedResult(chunks, start_response.status, start_response.headers, task, emitter)


# -- ASGI ------------------------------------------------------------------------------------

_LIFESPAN_SCOPE_ASGI = {'version': '3.0', 'spec_version': '2.0'}


async def _until_either(task: asyncio.Future[Any], awaitable: Awaitable[Any]) -> None:
    """Wait for `awaitable`, or for `task` to end, whichever comes first."""
    waiter = asyncio.ensure_future(awaitable)
    try:
        await asyncio.wait((task, waiter), return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiter.cancel()


class Lifespan:
    """The lifespan protocol around one or more requests to an ASGI app.

    An app that does not support lifespan (its call with a lifespan scope returns or raises
    without answering ``lifespan.startup``) is served without it, as the ASGI spec asks.
    """

    def __init__(self, app: Callable[..., Any]) -> None:
        self._app = app
        self._task: asyncio.Task[Any] | None = None
        self._emitter: ASGILifespanEventEmitter | None = None
        self._collector = ASGIResponseEventCollector()
        self.state: dict[str, Any] = {}

    async def _phase_outcome(self, phase: str) -> dict[str, Any] | None:
        task = self._task
        assert task is not None
        collector = self._collector
        outcomes = (f'lifespan.{phase}.complete', f'lifespan.{phase}.failed')

        def answered() -> bool:
            return any(event['type'] in outcomes for event in collector.events)

        await _until_either(task, collector.wait_until(answered))
        for event in collector.events:
            if event['type'] in outcomes:
                return event
        return None

    async def startup(self) -> None:
        """Run the app's startup; raise ``RuntimeError`` if it reports failure."""
        scope = {'type': 'lifespan', 'asgi': dict(_LIFESPAN_SCOPE_ASGI), 'state': self.state}
        self._emitter = ASGILifespanEventEmitter(asyncio.Condition())
        self._task = asyncio.create_task(self._app(scope, self._emitter, self._collector))
        outcome = await self._phase_outcome('startup')
        if outcome is None:
            task, self._task = self._task, None
            if not task.cancelled():
                task.exception()
            return
        if outcome['type'] == 'lifespan.startup.failed':
            await self.end()
            raise RuntimeError('The app failed to start up: ' + str(outcome.get('message', '')))

    async def shutdown(self) -> None:
        """Run the app's shutdown; raise ``RuntimeError`` if it reports failure."""
        if self._task is None or self._emitter is None:
            return
        await self._emitter.request_shutdown()
        outcome = await self._phase_outcome('shutdown')
        await self.end()
        if outcome is not None and outcome['type'] == 'lifespan.shutdown.failed':
            raise RuntimeError('The app failed to shut down: ' + str(outcome.get('message', '')))

    async def end(self) -> None:
        """Stop the app's lifespan task without a shutdown (after a failure)."""
        task, self._task = self._task, None
        if task is None:
            return
        if not task.done():
            task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass


def _asgi_request(
    simulation: Simulation, lifespan: Lifespan | None
) -> tuple[dict[str, Any], ASGIRequestEventEmitter, ASGIResponseEventCollector]:
    scope, emitter = simulation.scope_and_emitter()
    if lifespan is not None:
        scope['state'] = dict(lifespan.state)
    return scope, emitter, ASGIResponseEventCollector()


def _response_status(collector: ASGIResponseEventCollector) -> str:
    if collector.status is None:
        raise ConnectionError(
            'The ASGI app returned without sending http.response.start '
            '(an immediate disconnect was simulated, or the app sent no response).'
        )
    return code_to_http_status(collector.status)


async def simulate_asgi(
    app: Callable[..., Any], simulation: Simulation, lifespan: Lifespan | None
) -> Result:
    """Run a request against an ASGI app and collect the whole response."""
    scope, emitter, collector = _asgi_request(simulation, lifespan)
    await app(scope, emitter, collector)
    return Result(collector.body_chunks, _response_status(collector), collector.headers)


async def _simulate_asgi_one_shot(app: Callable[..., Any], simulation: Simulation) -> Result:
    lifespan = Lifespan(app)
    await lifespan.startup()
    try:
        result = await simulate_asgi(app, simulation, lifespan)
    except BaseException:
        await lifespan.end()
        raise
    await lifespan.shutdown()
    return result


async def stream_asgi(
    app: Callable[..., Any], simulation: Simulation, lifespan: Lifespan | None
) -> StreamedResult:
    """Start a request against an ASGI app in a task; return once the head is known."""
    scope, emitter, collector = _asgi_request(simulation, lifespan)
    task = asyncio.create_task(app(scope, emitter, collector))
    await _until_either(task, collector.wait_until(lambda: collector.status is not None))
    if collector.status is None:
        await task
    status = _response_status(collector)
    return StreamedResult(collector.body_chunks, status, collector.headers, task, emitter)
