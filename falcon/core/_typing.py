"""The core's type aliases, published as ``falcon.typing``.

Rules: aliases, typed dicts and protocols only; no runtime behaviour, and no import of
another core module that could import this one (the error model and the media protocols
are leaves it may import). The callables an app accepts take the request, response,
resource and exception as ``Any``: a user's function annotated with ``falcon.Request`` or
``falcon.asgi.Request`` (two unrelated classes to a type checker), a custom subclass, or a
narrower exception type must all match.
"""

from __future__ import annotations

import http
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from re import Pattern
from typing import TYPE_CHECKING, Any, Optional, TypedDict

from falcon.core.media._base import (
    AsyncReadableIO,
    DeserializeSync,
    ReadableIO,
    SerializeSync,
)

if TYPE_CHECKING:
    from falcon.core._sse import SSEvent

__all__ = [
    'AsgiEvent',
    'AsgiProcessRequestMethod',
    'AsgiProcessResourceMethod',
    'AsgiProcessResponseMethod',
    'AsgiReceive',
    'AsgiResponderMethod',
    'AsgiSend',
    'AsgiSinkCallable',
    'AsyncReadableIO',
    'CookieArg',
    'DeserializeSync',
    'ErrorHandler',
    'ErrorSerializer',
    'HeaderArg',
    'HeaderIter',
    'HeaderList',
    'HeaderMapping',
    'Headers',
    'Link',
    'ProcessRequestMethod',
    'ProcessResourceMethod',
    'ProcessResponseMethod',
    'RangeSetHeader',
    'ReadableIO',
    'Resource',
    'ResponderCallable',
    'ResponderMethod',
    'ResponseStatus',
    'SSEEmitter',
    'SerializeSync',
    'SinkCallable',
    'SinkPrefix',
    'StoreArg',
]


class Link(TypedDict):
    """The documentation link of an :class:`HTTPError`."""

    text: str
    href: str
    rel: str


Headers = dict[str, str]
"""Response headers as a dict of names to values."""
HeaderMapping = Mapping[str, str]
"""Headers as a read-only mapping."""
HeaderIter = Iterable[tuple[str, str]]
"""Headers as an iterable of ``(name, value)`` pairs."""
HeaderList = HeaderIter
"""Alias of :data:`HeaderIter`."""
HeaderArg = HeaderMapping | HeaderIter
"""What methods taking headers accept: a mapping or ``(name, value)`` pairs."""
CookieArg = Mapping[str, str]
"""Cookies given as a mapping of names to values."""
ResponseStatus = http.HTTPStatus | str | int
"""A response status: ``HTTPStatus`` member, status line or integer code."""
StoreArg = dict[str, Any] | None
"""An optional dict to store parsed values into."""
Resource = object
"""A resource: any object with responder methods."""
RangeSetHeader = tuple[int, int, int] | tuple[int, int, int, str]
"""A Content-Range value: ``(start, end, length)`` with an optional unit."""
SinkPrefix = str | Pattern[str]
"""The prefix of a sink: a path prefix or a compiled regular expression."""

ErrorHandler = Callable[[Any, Any, Any, dict[str, Any]], Any]
"""An error handler: ``handler(req, resp, ex, params)``, plain or ``async``."""
ErrorSerializer = Callable[[Any, Any, Any], Any]
"""An error serializer: ``serializer(req, resp, exception)``."""

ResponderCallable = Callable[..., Any]
"""A responder called as ``responder(req, resp, **params)``."""
ResponderMethod = Callable[..., Any]
"""A responder method: ``on_get(self, req, resp, **params)``."""
SinkCallable = Callable[..., Any]
"""A sink: ``sink(req, resp, **params)``."""
ProcessRequestMethod = Callable[[Any, Any], Any]
"""Middleware ``process_request(req, resp)``."""
ProcessResourceMethod = Callable[[Any, Any, Any, dict[str, Any]], Any]
"""Middleware ``process_resource(req, resp, resource, params)``."""
ProcessResponseMethod = Callable[[Any, Any, Any, bool], Any]
"""Middleware ``process_response(req, resp, resource, req_succeeded)``."""

AsgiEvent = dict[str, Any]
"""An ASGI event (message)."""
AsgiReceive = Callable[[], Awaitable[AsgiEvent]]
"""The ASGI ``receive`` callable."""
AsgiSend = Callable[[AsgiEvent], Awaitable[None]]
"""The ASGI ``send`` callable."""
AsgiResponderMethod = Callable[..., Awaitable[None]]
"""An ``async def`` responder method."""
AsgiSinkCallable = Callable[..., Awaitable[None]]
"""An ``async def`` sink."""
AsgiProcessRequestMethod = Callable[[Any, Any], Awaitable[None]]
"""Middleware ``async def process_request(req, resp)``."""
AsgiProcessResourceMethod = Callable[[Any, Any, Any, dict[str, Any]], Awaitable[None]]
"""Middleware ``async def process_resource(req, resp, resource, params)``."""
AsgiProcessResponseMethod = Callable[[Any, Any, Any, bool], Awaitable[None]]
"""Middleware ``async def process_response(req, resp, resource, req_succeeded)``."""
SSEEmitter = AsyncIterator[Optional['SSEvent']]
"""What ``resp.sse`` takes: an async iterator of events (``None`` sends a keep-alive)."""
