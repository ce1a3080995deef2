"""Structural types for the callables and components an app accepts (``falcon._typing``).

Rules: protocols only, no runtime behaviour; request, response and WebSocket types are
named as ``Any`` so that this module imports neither adapter. They describe the Falcon
interfaces; this package also accepts plain callables where a protocol names a coroutine
and the other way round, which no static protocol can express.
"""

from __future__ import annotations

from typing import Any, Protocol

from falcon.core._constants import UNSET, _Unset
from falcon.core._cors import UniversalMiddlewareWithProcessResponse

__all__ = [
    'UNSET',
    'AsgiErrorHandler',
    'AsgiMiddlewareWithProcessRequest',
    'AsgiMiddlewareWithProcessRequestWs',
    'AsgiMiddlewareWithProcessResource',
    'AsgiMiddlewareWithProcessResourceWs',
    'AsgiMiddlewareWithProcessResponse',
    'AsgiMiddlewareWithProcessShutdown',
    'AsgiMiddlewareWithProcessStartup',
    'AsgiResponderCallable',
    'AsgiResponderMethod',
    'AsgiResponderWsCallable',
    'AsgiSinkCallable',
    'ErrorHandler',
    'ErrorReporter',
    'FindMethod',
    'ResolverMethod',
    'ResponderCallable',
    'ResponderMethod',
    'SerializeSync',
    'SinkCallable',
    'UniversalMiddlewareWithProcessRequest',
    'UniversalMiddlewareWithProcessResource',
    'UniversalMiddlewareWithProcessResponse',
    'UnpackMethod',
    'WsgiMiddlewareWithProcessRequest',
    'WsgiMiddlewareWithProcessResource',
    'WsgiMiddlewareWithProcessResponse',
    '_Unset',
]


class ResponderCallable(Protocol):
    """A responder called as ``responder(req, resp, **params)``."""

    def __call__(self, req: Any, resp: Any, **kwargs: Any) -> None: ...


class AsgiResponderCallable(Protocol):
    """An ``async`` responder called as ``await responder(req, resp, **params)``."""

    async def __call__(self, req: Any, resp: Any, **kwargs: Any) -> None: ...


class AsgiResponderWsCallable(Protocol):
    """A WebSocket responder called as ``await on_websocket(req, ws, **params)``."""

    async def __call__(self, req: Any, ws: Any, **kwargs: Any) -> None: ...


class ResponderMethod(Protocol):
    """A responder method before binding: ``on_get(resource, req, resp, **params)``."""

    def __call__(self, resource: Any, req: Any, resp: Any, **kwargs: Any) -> None: ...


class AsgiResponderMethod(Protocol):
    """An ``async`` responder method before binding."""

    async def __call__(self, resource: Any, req: Any, resp: Any, **kwargs: Any) -> None: ...


class SinkCallable(Protocol):
    """A sink: ``sink(req, resp, **groups)``."""

    def __call__(self, req: Any, resp: Any, **kwargs: Any) -> None: ...


class AsgiSinkCallable(Protocol):
    """An ``async`` sink; ``ws`` is given when the sink serves a WebSocket."""

    async def __call__(self, req: Any, resp: Any | None, **kwargs: Any) -> None: ...


class ErrorHandler(Protocol):
    """An error handler: ``handler(req, resp, error, params)``."""

    def __call__(self, req: Any, resp: Any, error: Any, params: dict[str, Any]) -> None: ...


class AsgiErrorHandler(Protocol):
    """An ``async`` error handler; ``ws`` is given for WebSocket connections."""

    async def __call__(
        self, req: Any, resp: Any | None, error: Any, params: dict[str, Any], *, ws: Any = None
    ) -> None: ...


class ErrorReporter(Protocol):
    """An error reporter: ``reporter(req, error, params, handled)``."""

    def __call__(self, req: Any, error: BaseException, params: Any, handled: bool) -> None: ...


class FindMethod(Protocol):
    """A router's ``find(uri, req=None)``: a route match, or None when nothing matches."""

    def __call__(self, uri: str, req: Any | None = None) -> Any: ...


class SerializeSync(Protocol):
    """A handler's synchronous serializer: ``serialize(media, content_type)``."""

    def __call__(self, media: Any, content_type: str | None = ...) -> bytes: ...


class ResolverMethod(Protocol):
    """A media handler registry's resolver.

    Called as ``resolve(media_type, default, raise_not_found=True)``; it returns the handler
    with its synchronous serialize and deserialize fast paths (each None when absent), or
    three Nones when nothing matches and ``raise_not_found`` is false.
    """

    def __call__(
        self, media_type: str | None, default: str, raise_not_found: bool = True
    ) -> tuple[Any, Any, Any]: ...


class UnpackMethod(Protocol):
    """The MessagePack unpacking function: ``unpackb(data, raw=False)``."""

    def __call__(self, data: bytes, raw: bool = ...) -> Any: ...


class WsgiMiddlewareWithProcessRequest(Protocol):
    """Middleware with ``process_request(req, resp)``."""

    def process_request(self, req: Any, resp: Any) -> None: ...


class WsgiMiddlewareWithProcessResource(Protocol):
    """Middleware with ``process_resource(req, resp, resource, params)``."""

    def process_resource(
        self, req: Any, resp: Any, resource: object, params: dict[str, Any]
    ) -> None: ...


class WsgiMiddlewareWithProcessResponse(Protocol):
    """Middleware with ``process_response(req, resp, resource, req_succeeded)``."""

    def process_response(
        self, req: Any, resp: Any, resource: object, req_succeeded: bool
    ) -> None: ...


class AsgiMiddlewareWithProcessStartup(Protocol):
    """ASGI middleware with ``async process_startup(scope, event)``."""

    async def process_startup(self, scope: dict[str, Any], event: dict[str, Any]) -> None: ...


class AsgiMiddlewareWithProcessShutdown(Protocol):
    """ASGI middleware with ``async process_shutdown(scope, event)``."""

    async def process_shutdown(self, scope: dict[str, Any], event: dict[str, Any]) -> None: ...


class AsgiMiddlewareWithProcessRequest(Protocol):
    """ASGI middleware with ``async process_request(req, resp)``."""

    async def process_request(self, req: Any, resp: Any) -> None: ...


class AsgiMiddlewareWithProcessResource(Protocol):
    """ASGI middleware with ``async process_resource(req, resp, resource, params)``."""

    async def process_resource(
        self, req: Any, resp: Any, resource: object, params: dict[str, Any]
    ) -> None: ...


class AsgiMiddlewareWithProcessResponse(Protocol):
    """ASGI middleware with ``async process_response(req, resp, resource, req_succeeded)``."""

    async def process_response(
        self, req: Any, resp: Any, resource: object, req_succeeded: bool
    ) -> None: ...


class AsgiMiddlewareWithProcessRequestWs(Protocol):
    """ASGI middleware with ``async process_request_ws(req, ws)``."""

    async def process_request_ws(self, req: Any, ws: Any) -> None: ...


class AsgiMiddlewareWithProcessResourceWs(Protocol):
    """ASGI middleware with ``async process_resource_ws(req, ws, resource, params)``."""

    async def process_resource_ws(
        self, req: Any, ws: Any, resource: object, params: dict[str, Any]
    ) -> None: ...


class UniversalMiddlewareWithProcessRequest(Protocol):
    """Middleware offering ``process_request`` for WSGI and ``process_request_async``."""

    def process_request(self, req: Any, resp: Any) -> None: ...

    async def process_request_async(self, req: Any, resp: Any) -> None: ...


class UniversalMiddlewareWithProcessResource(Protocol):
    """Middleware offering ``process_resource`` and ``process_resource_async``."""

    def process_resource(
        self, req: Any, resp: Any, resource: object, params: dict[str, Any]
    ) -> None: ...

    async def process_resource_async(
        self, req: Any, resp: Any, resource: object, params: dict[str, Any]
    ) -> None: ...
