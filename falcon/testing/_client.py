"""The test clients: ``TestClient`` for both kinds of app and ``ASGIConductor``.

Rules: a client holds an app and default headers and hands each request to the simulation
in ``falcon.testing._simulate``; an :class:`ASGIConductor` runs the app's lifespan once around
all of its requests. The result types and the functional API are re-exported from here.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
from collections.abc import Callable, Coroutine
from typing import Any

from falcon.core._typing import HeaderArg
from falcon.testing._helpers import normalize_headers
from falcon.testing._result import Cookie, Result, ResultBodyStream, StreamedResult
from falcon.testing._simulate import (
    _is_asgi_app,
    _Lifespan,
    _simulate,
    _simulate_asgi,
    _simulate_wsgi,
    _Simulation,
    _stream_asgi,
    _stream_wsgi_async,
    simulate_delete,
    simulate_get,
    simulate_head,
    simulate_options,
    simulate_patch,
    simulate_post,
    simulate_put,
    simulate_request,
)

__all__ = [
    'ASGIConductor',
    'Cookie',
    'Result',
    'ResultBodyStream',
    'StreamedResult',
    'TestClient',
    'simulate_delete',
    'simulate_get',
    'simulate_head',
    'simulate_options',
    'simulate_patch',
    'simulate_post',
    'simulate_put',
    'simulate_request',
]

# -- clients ---------------------------------------------------------------------------------


def _merge_headers(defaults: HeaderArg | None, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Put the client's default headers under the request's own (which win, by name)."""
    if not defaults:
        return kwargs
    given = normalize_headers(kwargs.get('headers'))
    names = {name.lower() for name, _ in given}
    merged = [item for item in normalize_headers(defaults) if item[0].lower() not in names]
    return {**kwargs, 'headers': merged + given}


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


class ASGIConductor:
    """An async test client: ``async with ASGIConductor(app) as conductor: ...``.

    Entering runs the ASGI app's lifespan startup (when the app supports it) and exiting its
    shutdown, so every request made within the block shares one lifespan. A WSGI app works
    too: its requests run on a worker thread.

    Args:
        app: The ASGI (or WSGI) app.
        headers: Default headers for every request; a request's own headers win.
    """

    def __init__(self, app: Callable[..., Any], headers: HeaderArg | None = None) -> None:
        self.app = app
        self._default_headers = headers
        self._is_asgi = _is_asgi_app(app)
        self._lifespan: _Lifespan | None = None

    async def __aenter__(self) -> ASGIConductor:
        if self._is_asgi:
            lifespan = _Lifespan(self.app)
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

    def _simulation(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> _Simulation:
        return _Simulation(*args, **_merge_headers(self._default_headers, kwargs))

    async def simulate_request(self, *args: Any, **kwargs: Any) -> Result:
        """Simulate a request; the arguments are those of :func:`simulate_request`."""
        simulation = self._simulation(args, kwargs)
        if self._is_asgi:
            return await _simulate_asgi(self.app, simulation, self._lifespan)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, _simulate_wsgi, self.app, simulation)

    async def simulate_get(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a GET request (see :meth:`simulate_request`)."""
        return await self.simulate_request('GET', path, **kwargs)

    def simulate_get_stream(self, path: str = '/', **kwargs: Any) -> _AsyncContextManager:
        """Simulate a GET request whose body is read while the app produces it.

        Use as ``async with conductor.simulate_get_stream('/events') as result:``; read
        with ``await result.stream.read()``. Leaving the block disconnects the client and
        waits for the app to finish.
        """
        simulation = self._simulation(('GET', path), kwargs)
        if self._is_asgi:
            return _AsyncContextManager(_stream_asgi(self.app, simulation, self._lifespan))
        return _AsyncContextManager(_stream_wsgi_async(self.app, simulation))

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
        headers = _merge_headers(self._default_headers, kwargs).get('headers')
        if headers is not None:
            kwargs['headers'] = headers
        state = dict(self._lifespan.state) if self._lifespan is not None else None
        return websocket.simulate_ws(self.app, path, timeout=timeout, state=state, **kwargs)

    async def simulate_head(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a HEAD request (see :meth:`simulate_request`)."""
        return await self.simulate_request('HEAD', path, **kwargs)

    async def simulate_post(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a POST request (see :meth:`simulate_request`)."""
        return await self.simulate_request('POST', path, **kwargs)

    async def simulate_put(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a PUT request (see :meth:`simulate_request`)."""
        return await self.simulate_request('PUT', path, **kwargs)

    async def simulate_options(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate an OPTIONS request (see :meth:`simulate_request`)."""
        return await self.simulate_request('OPTIONS', path, **kwargs)

    async def simulate_patch(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a PATCH request (see :meth:`simulate_request`)."""
        return await self.simulate_request('PATCH', path, **kwargs)

    async def simulate_delete(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a DELETE request (see :meth:`simulate_request`)."""
        return await self.simulate_request('DELETE', path, **kwargs)

    async def delete(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_delete`."""
        return await client.simulate_delete(*args, **kwargs)

    async def get(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_get`."""
        return await client.simulate_get(*args, **kwargs)

    def get_stream(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_get_stream`."""
        return client.simulate_get_stream(*args, **kwargs)

    async def head(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_head`."""
        return await client.simulate_head(*args, **kwargs)

    async def options(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_options`."""
        return await client.simulate_options(*args, **kwargs)

    async def patch(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_patch`."""
        return await client.simulate_patch(*args, **kwargs)

    async def post(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_post`."""
        return await client.simulate_post(*args, **kwargs)

    async def put(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_put`."""
        return await client.simulate_put(*args, **kwargs)

    async def request(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_request`."""
        return await client.simulate_request(*args, **kwargs)

    def websocket(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_ws`."""
        return client.simulate_ws(*args, **kwargs)


class TestClient:
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

    def __init__(self, app: Callable[..., Any], headers: HeaderArg | None = None) -> None:
        self.app = app
        self._default_headers = headers
        self._conductor: ASGIConductor | None = None

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

    def simulate_request(self, *args: Any, **kwargs: Any) -> Result:
        """Simulate a request; the arguments are those of :func:`simulate_request`."""
        simulation = _Simulation(*args, **_merge_headers(self._default_headers, kwargs))
        return _simulate(self.app, simulation)

    def simulate_get(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a GET request (see :meth:`simulate_request`)."""
        return self.simulate_request('GET', path, **kwargs)

    def simulate_head(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a HEAD request (see :meth:`simulate_request`)."""
        return self.simulate_request('HEAD', path, **kwargs)

    def simulate_post(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a POST request (see :meth:`simulate_request`)."""
        return self.simulate_request('POST', path, **kwargs)

    def simulate_put(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a PUT request (see :meth:`simulate_request`)."""
        return self.simulate_request('PUT', path, **kwargs)

    def simulate_options(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate an OPTIONS request (see :meth:`simulate_request`)."""
        return self.simulate_request('OPTIONS', path, **kwargs)

    def simulate_patch(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a PATCH request (see :meth:`simulate_request`)."""
        return self.simulate_request('PATCH', path, **kwargs)

    def simulate_delete(self, path: str = '/', **kwargs: Any) -> Result:
        """Simulate a DELETE request (see :meth:`simulate_request`)."""
        return self.simulate_request('DELETE', path, **kwargs)

    def delete(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_delete`."""
        return client.simulate_delete(*args, **kwargs)

    def get(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_get`."""
        return client.simulate_get(*args, **kwargs)

    def head(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_head`."""
        return client.simulate_head(*args, **kwargs)

    def options(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_options`."""
        return client.simulate_options(*args, **kwargs)

    def patch(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_patch`."""
        return client.simulate_patch(*args, **kwargs)

    def post(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_post`."""
        return client.simulate_post(*args, **kwargs)

    def put(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_put`."""
        return client.simulate_put(*args, **kwargs)

    def request(client: Any, *args: Any, **kwargs: Any) -> Any:
        """Alias of :meth:`simulate_request`."""
        return client.simulate_request(*args, **kwargs)
