"""The test clients: ``TestClient`` (synchronous) and ``ASGIConductor`` (asynchronous).

Rules: both take their request methods from the one source in
``falcon.testing._client_async`` (``ASGIConductor``) and its generated twin
``falcon.testing._client_sync`` (``TestClient``), and supply the step that runs a request.
``TestClient`` runs each request to completion, an ASGI app inside a lifespan of its own;
``async with client`` gives an ``ASGIConductor`` for the same app. An ``ASGIConductor`` runs
the app's lifespan once around all of its requests, a WSGI app's requests on a worker
thread, and adds streamed requests and WebSocket connections.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
from collections.abc import Callable, Coroutine
from typing import Any

from falcon.core._typing import HeaderArg
from falcon.testing._client_async import AsyncClientBase
from falcon.testing._client_sync import SyncClientBase, alias_sync
from falcon.testing._result import Result, StreamedResult
from falcon.testing._run import (
    Lifespan,
    is_asgi_app,
    simulate,
    simulate_asgi,
    simulate_wsgi,
    stream_asgi,
    stream_wsgi,
)
from falcon.testing._simulation import Simulation, merge_headers

__all__ = ['ASGIConductor', 'TestClient']


class _AsyncContextManager:
    """``async with`` a streamed result: disconnect and wait for the app on exit."""

    def __init__(self, opening: Coroutine[Any, Any, StreamedResult]) -> None:
        self._opening = opening
        self._result: StreamedResult | None = None

    async def __aenter__(self) -> StreamedResult:
        self._result = await self._opening
        return self._result

    async def __aexit__(self, ex_type: Any, ex: Any, tb: Any) -> bool:
        result, self._result = self._result, None
        if result is not None:
            await result.finalize()
        return False


class ASGIConductor(AsyncClientBase):
    """An async test client: ``async with ASGIConductor(app) as conductor: ...``.

    Entering runs the ASGI app's lifespan startup (when the app supports it) and exiting its
    shutdown, so every request made within the block shares one lifespan. A WSGI app works
    too: its requests run on a worker thread.

    Args:
        app: The ASGI (or WSGI) app.
        headers: Default headers for every request; a request's own headers win.
    """

    def __init__(self, app: Callable[..., Any], headers: HeaderArg | None = None) -> None:
        super().__init__(app, headers)
        self._is_asgi = is_asgi_app(app)
        self._lifespan: Lifespan | None = None

    async def __aenter__(self) -> ASGIConductor:
        if self._is_asgi:
            lifespan = Lifespan(self.app)
            await lifespan.startup()
            self._lifespan = lifespan
        return self

    async def __aexit__(self, ex_type: Any, ex: Any, tb: Any) -> bool:
        lifespan, self._lifespan = self._lifespan, None
        if lifespan is not None:
            if ex_type is None:
                await lifespan.shutdown()
            else:
                # The block's own exception is the one to report; a failing shutdown
                # must not replace it.
                with contextlib.suppress(Exception):
                    await lifespan.shutdown()
        return False

    async def _run_async(self, simulation: Simulation) -> Result:
        if self._is_asgi:
            return await simulate_asgi(self.app, simulation, self._lifespan)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, simulate_wsgi, self.app, simulation)

    def simulate_get_stream(self, path: str = '/', **kwargs: Any) -> _AsyncContextManager:
        """Simulate a GET request whose body is read while the app produces it.

        Use as ``async with conductor.simulate_get_stream('/events') as result:``; read
        with ``await result.stream.read()``. Leaving the block disconnects the client and
        waits for the app to finish.

        Args:
            path: The path of the URL.
            **kwargs: The keyword arguments of :func:`simulate_request`.

        Returns:
            An async context manager giving a :class:`~falcon.testing.StreamedResult`.
        """
        simulation = self._simulation(('GET', path), kwargs)
        if self._is_asgi:
            return _AsyncContextManager(stream_asgi(self.app, simulation, self._lifespan))
        return _AsyncContextManager(stream_wsgi(self.app, simulation))

    def simulate_ws(self, path: str = '/', timeout: float | None = None, **kwargs: Any) -> Any:
        """Simulate a WebSocket connection (``async with conductor.simulate_ws() as ws:``).

        Args:
            path: The path to connect to.
            timeout: Seconds to wait for the app to accept or deny the connection (default
                5), and for the app to finish once the block has closed it (default 30);
                ``TimeoutError`` is raised when either wait runs out.
            **kwargs: Passed to :func:`create_scope_ws`.

        Returns:
            An async context manager giving an :class:`ASGIWebSocketSimulator`.
        """
        websocket = importlib.import_module('falcon.testing._ws')
        headers = merge_headers(self._default_headers, kwargs).get('headers')
        if headers is not None:
            kwargs['headers'] = headers
        state = dict(self._lifespan.state) if self._lifespan is not None else None
        return websocket.simulate_ws(self.app, path, timeout=timeout, state=state, **kwargs)

    get_stream = alias_sync('simulate_get_stream')
    websocket = alias_sync('simulate_ws')


class TestClient(SyncClientBase):
    """A synchronous test client bound to one app, WSGI or ASGI.

    Example::

        client = TestClient(app, headers={'Authorization': 'Bearer t'})
        result = client.simulate_get('/things', params={'limit': 10})
        assert result.status_code == 200

    ``async with client as conductor`` gives an :class:`ASGIConductor` for the same app.

    Args:
        app: The app.
        headers: Default headers for every request; a request's own headers win.
    """

    __test__ = False
    _conductor: ASGIConductor | None = None

    async def __aenter__(self) -> ASGIConductor:
        conductor = ASGIConductor(self.app, headers=self._default_headers)
        await conductor.__aenter__()
        self._conductor = conductor
        return conductor

    async def __aexit__(self, ex_type: Any, ex: Any, tb: Any) -> bool:
        conductor, self._conductor = self._conductor, None
        if conductor is None:
            return False
        return await conductor.__aexit__(ex_type, ex, tb)

    def _run_sync(self, simulation: Simulation) -> Result:
        return simulate(self.app, simulation)
