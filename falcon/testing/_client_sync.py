"""A test client's request methods, synchronous twin (the base of ``TestClient``).

GENERATED from ``falcon/testing/_client_async.py`` by ``scripts/unasync.py``: do not edit;
edit the source and regenerate. The rules and the strategy are explained there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from falcon.core._typing import HeaderArg
from falcon.testing._result import Result
from falcon.testing._simulation import Simulation, article, merge_headers, named

__all__ = ['SyncClientBase', 'alias_sync', 'shortcut_sync']


def shortcut_sync(method: str) -> Callable[..., Result]:
    """The method ``simulate_<method>(path='/', **kwargs)`` of a client."""

    def simulate_method(self: SyncClientBase, path: str = '/', **kwargs: Any) -> Result:
        return self.simulate_request(method, path, **kwargs)

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


def alias_sync(target: str) -> Callable[..., Any]:
    """Falcon's short alias of a client's method `target` (``get`` for ``simulate_get``)."""

    def alias(client: Any, *args: Any, **kwargs: Any) -> Any:
        return getattr(client, target)(*args, **kwargs)

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


class SyncClientBase:
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

    def _run_sync(self, simulation: Simulation) -> Result:
        """Run one request against the app; each client supplies this step."""
        raise NotImplementedError

    def simulate_request(self, *args: Any, **kwargs: Any) -> Result:
        """Simulate a request; the arguments are those of :func:`simulate_request`.

        Args:
            *args: The method and path, and the other positional arguments of
                :func:`simulate_request` after ``app``.
            **kwargs: Its keyword arguments; the client's default headers are merged
                under the request's own.

        Returns:
            The :class:`~falcon.testing.Result` of the request.
        """
        return self._run_sync(self._simulation(args, kwargs))

    simulate_get = shortcut_sync('GET')
    simulate_head = shortcut_sync('HEAD')
    simulate_post = shortcut_sync('POST')
    simulate_put = shortcut_sync('PUT')
    simulate_options = shortcut_sync('OPTIONS')
    simulate_patch = shortcut_sync('PATCH')
    simulate_delete = shortcut_sync('DELETE')

    delete = alias_sync('simulate_delete')
    get = alias_sync('simulate_get')
    head = alias_sync('simulate_head')
    options = alias_sync('simulate_options')
    patch = alias_sync('simulate_patch')
    post = alias_sync('simulate_post')
    put = alias_sync('simulate_put')
    request = alias_sync('simulate_request')
