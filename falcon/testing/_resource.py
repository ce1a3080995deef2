"""Ready-made resources and hooks for tests: ``SimpleTestResource`` and friends.

Rules: a resource answers with the status, body and headers it was built with, and records
the request, response and URI parameters of the last call, so a test can check what a
responder would have seen.
"""

from __future__ import annotations

import json as json_module
from collections.abc import Callable, Mapping
from typing import Any

from falcon.core._hooks import before
from falcon.core._typing import HeaderArg

__all__ = [
    'SimpleTestResource',
    'SimpleTestResourceAsync',
    'capture_responder_args',
    'capture_responder_args_async',
    'set_resp_defaults',
    'set_resp_defaults_async',
]


def capture_responder_args(req: Any, resp: Any, resource: Any, params: Mapping[str, str]) -> None:
    """Before hook: record the responder's arguments on `resource`.

    Sets ``captured_req``, ``captured_resp`` and ``captured_kwargs``. When the request has
    a ``Capture-Req-Body-Bytes: n`` header, the first ``n`` body bytes are read into
    ``captured_req_body``; with a ``Capture-Req-Media`` header, the parsed body goes to
    ``captured_req_media``.

    Args:
        req: The request.
        resp: The response.
        resource: The resource whose responder is about to run.
        params: The route's field values.
    """
    num_bytes = _record_call(req, resp, resource, params)
    if num_bytes is not None:
        resource.captured_req_body = req.stream.read(num_bytes)
    elif req.get_header('Capture-Req-Media'):
        resource.captured_req_media = req.get_media()


async def capture_responder_args_async(
    req: Any, resp: Any, resource: Any, params: Mapping[str, str]
) -> None:
    """Async twin of :func:`capture_responder_args`, for ``falcon.asgi.App``.

    Args:
        req: The request.
        resp: The response.
        resource: The resource whose responder is about to run.
        params: The route's field values.
    """
    num_bytes = _record_call(req, resp, resource, params)
    if num_bytes is not None:
        resource.captured_req_body = await req.stream.read(num_bytes)
    elif req.get_header('Capture-Req-Media'):
        resource.captured_req_media = await req.get_media()


def _record_call(req: Any, resp: Any, resource: Any, params: Mapping[str, str]) -> int | None:
    """Record the responder's arguments; return how many body bytes the request asks to
    capture (``Capture-Req-Body-Bytes``), or ``None`` when it does not ask."""
    resource.captured_req = req
    resource.captured_resp = resp
    resource.captured_kwargs = params
    resource.captured_req_media = None
    resource.captured_req_body = None
    num_bytes = req.get_header('Capture-Req-Body-Bytes')
    return int(num_bytes) if num_bytes else None


def set_resp_defaults(req: Any, resp: Any, resource: Any, params: Mapping[str, str]) -> None:
    """Before hook: apply `resource`'s default status, body and headers to `resp`.

    Args:
        req: The request.
        resp: The response.
        resource: The resource whose responder is about to run.
        params: The route's field values.
    """
    if resource._default_status is not None:
        resp.status = resource._default_status
    if resource._default_body is not None:
        resp.text = resource._default_body
    if resource._default_headers is not None:
        resp.set_headers(resource._default_headers)


async def set_resp_defaults_async(
    req: Any, resp: Any, resource: Any, params: Mapping[str, str]
) -> None:
    """Async twin of :func:`set_resp_defaults`.

    Args:
        req: The request.
        resp: The response.
        resource: The resource whose responder is about to run.
        params: The route's field values.
    """
    set_resp_defaults(req, resp, resource, params)


_Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]
_capture_args: _Decorator = before(capture_responder_args)
_capture_args_async: _Decorator = before(capture_responder_args_async)
_apply_defaults: _Decorator = before(set_resp_defaults)
_apply_defaults_async: _Decorator = before(set_resp_defaults_async)


class SimpleTestResource:
    """A resource answering GET and POST with a fixed response, recording each call.

    Args:
        status: The response status (default: the response's own, ``200 OK``).
        body: The response text.
        json: An object to send as JSON text instead of `body`.
        headers: Response headers to set.

    Raises:
        ValueError: Both `body` and `json` are given.
    """

    def __init__(
        self,
        status: str | None = None,
        body: str | None = None,
        json: dict[str, str] | None = None,
        headers: HeaderArg | None = None,
    ) -> None:
        self._default_status = status
        self._default_headers = headers
        if json is not None:
            if body is not None:
                raise ValueError('Either json or body may be specified, but not both')
            self._default_body: str | None = json_module.dumps(json, ensure_ascii=False)
        else:
            self._default_body = body
        self.captured_req: Any = None
        self.captured_resp: Any = None
        self.captured_kwargs: Any = None
        self.captured_req_media: Any = None
        self.captured_req_body: bytes | None = None

    @property
    def called(self) -> bool:
        """Whether a responder has been called."""
        return self.captured_req is not None

    @_capture_args
    @_apply_defaults
    def on_get(self, req: Any, resp: Any, **kwargs: Any) -> None:
        """Answer with the defaults.

        Args:
            req: The request.
            resp: The response.
            **kwargs: The route's field values.
        """

    @_capture_args
    @_apply_defaults
    def on_post(self, req: Any, resp: Any, **kwargs: Any) -> None:
        """Answer with the defaults.

        Args:
            req: The request.
            resp: The response.
            **kwargs: The route's field values.
        """


class SimpleTestResourceAsync(SimpleTestResource):
    """:class:`SimpleTestResource` with ``async`` responders and hooks, for ASGI apps."""

    @_capture_args_async
    @_apply_defaults_async
    async def on_get(self, req: Any, resp: Any, **kwargs: Any) -> None:
        """Answer with the defaults.

        Args:
            req: The request.
            resp: The response.
            **kwargs: The route's field values.
        """

    @_capture_args_async
    @_apply_defaults_async
    async def on_post(self, req: Any, resp: Any, **kwargs: Any) -> None:
        """Answer with the defaults.

        Args:
            req: The request.
            resp: The response.
            **kwargs: The route's field values.
        """
