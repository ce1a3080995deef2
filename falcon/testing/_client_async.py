"""A test client's request methods, written once as coroutines (the base of ``ASGIConductor``).

Rules: a client holds an app and its default headers. Each request is described once, as a
:class:`~falcon.testing._simulation.Simulation` with the client's default headers under the
request's own (which win, by name), and handed to ``_run_async(simulation)``: the one step
with no common spelling, which each client supplies. ``ASGIConductor`` awaits an ASGI app
within the lifespan it holds, or runs a WSGI app on a worker thread.

The ``simulate_<method>`` shortcuts and Falcon's short aliases (``get`` for
``simulate_get``...) are made by two factories, so each is written once.

``scripts/unasync.py`` generates ``falcon/testing/_client_sync.py`` from this module: the
same methods as plain functions, the base of ``TestClient``, whose ``_run_sync`` runs each
request to completion (an ASGI app on an event loop of its own, inside a lifespan of its own).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from falcon.core._typing import HeaderArg
from falcon.testing._result import Result
from falcon.testing._simulation import Simulation, article, merge_headers, named

__all__ = ['AsyncClientBase', 'alias_async', 'shortcut_async']


def shortcut_async(method: str) -> Callable[..., Coroutine[Any, Any, Result]]:
    """The method ``simulate_<method>(path='/', **kwargs)`` of a client."""

    async def simulate_method(self: AsyncClientBase, path: str = '/', **kwargs: Any) -> Result:
        return await self.simulate_request(method, path, **kwargs)

    return named(
        simulate_method,
        f'simulate_{method.lower()}',
        f'Simulate {article(method)} {method} request (see :meth:`simulate_request`).\n\n'
        'Args:\n'
        '    path: The path of the URL; a query string may follow ``?``.\n'
        '    **kwargs: The keyword arguments of :func:`falcon.testing.simulate_request`\n'
        '        (``params``, ``headers``, ``json``, ``body``...).\n\n'
        'Returns:\n'
        '    The :class:`~falcon.testing.Result` of the request.',
    )


def alias_async(target: str) -> Callable[..., Coroutine[Any, Any, Any]]:
    """Falcon's short alias of a client's method `target` (``get`` for ``simulate_get``)."""

    async def alias(client: Any, *args: Any, **kwargs: Any) -> Any:
        return await getattr(client, target)(*args, **kwargs)

    return named(
        alias,
        target.removeprefix('simulate_'),
        f'Alias of :meth:`{target}`.\n\n'
        'Args:\n'
        f'    *args: The positional arguments of :meth:`{target}`.\n'
        '    **kwargs: Its keyword arguments.\n\n'
        'Returns:\n'
        f'    What :meth:`{target}` returns.',
    )


class AsyncClientBase:
    """The request methods of a client bound to one app, WSGI or ASGI.

    Args:
        app: The app.
        headers: Default headers for every request; a request's own headers win.
    """

    def __init__(self, app: Callable[..., Any], headers: HeaderArg | None = None) -> None:
        self.app = app
        self._default_headers = headers

    def _simulation(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Simulation:
        return Simulation(*args, **merge_headers(self._default_headers, kwargs))

    async def _run_async(self, simulation: Simulation) -> Result:
        """Run one request against the app; each client supplies this step."""
        raise NotImplementedError

    async def simulate_request(self, *args: Any, **kwargs: Any) -> Result:
        """Simulate a request; the arguments are those of :func:`simulate_request`.

        Args:
            *args: The method and path, and the other positional arguments of
                :func:`simulate_request` after ``app``.
            **kwargs: Its keyword arguments; the client's default headers are merged
                under the request's own.

        Returns:
            The :class:`~falcon.testing.Result` of the request.
        """
        return await self._run_async(self._simulation(args, kwargs))

    simulate_get = shortcut_async('GET')
    simulate_head = shortcut_async('HEAD')
    simulate_post = shortcut_async('POST')
    simulate_put = shortcut_async('PUT')
    simulate_options = shortcut_async('OPTIONS')
    simulate_patch = shortcut_async('PATCH')
    simulate_delete = shortcut_async('DELETE')

    delete = alias_async('simulate_delete')
    get = alias_async('simulate_get')
    head = alias_async('simulate_head')
    options = alias_async('simulate_options')
    patch = alias_async('simulate_patch')
    post = alias_async('simulate_post')
    put = alias_async('simulate_put')
    request = alias_async('simulate_request')
