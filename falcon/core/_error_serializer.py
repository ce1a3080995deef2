"""The default error serializer: renders an HTTPError into the response body.

Rules: the body's media type is negotiated with the client's ``Accept`` header among JSON,
XML (while ``resp.options.xml_error_serialization`` is on) and every other media type that
has a handler in ``resp.options.media_handlers``; with that option off, XML is served only
through a handler registered for it, as Falcon 4.0's changelog advises. JSON wins ties (it
is offered last, and ties go to the last). When nothing matches, an ``Accept`` header that
mentions a ``+json`` or ``+xml`` structured syntax suffix still gets JSON or XML; otherwise
the body stays empty. ``Vary: Accept`` is always added, since the body depends on that
header.

Strategy: the function only reads ``req.client_prefers``, ``req.accept`` and
``resp.options``, and only writes ``resp.data``, ``resp.content_type`` and the ``Vary``
header, so any request/response pair honouring that small interface can use it. A response
whose class keeps the framework's own ``data``, ``content_type`` and ``append_header`` gets
the JSON body and those two headers written into its private state directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from falcon.core._constants import MEDIA_JSON, MEDIA_XML
from falcon.core._errors import HTTPError
from falcon.core._response import Response
from falcon.core._text import json_text
from falcon.core.media._handlers import Handlers
from falcon.core.media._json import JSONHandler

__all__ = ['default_serialize_error']

_MEDIA_XML_TEXT = 'text/xml'
_BASE_TO_JSON = HTTPError.to_json
_BASE_TO_DICT = HTTPError.to_dict
_STOCK_SERIALIZE = JSONHandler.serialize
_STOCK_SERIALIZE_SYNC = JSONHandler._serialize_sync
_JSON_BODIES: dict[tuple[str, str | None, int | None], bytes] = {}
_JSON_BODIES_SIZE = 256
_XML_MEDIA_TYPES = (MEDIA_XML, _MEDIA_XML_TEXT)
_APPEND_HEADER = Response.append_header
_CONTENT_TYPE = Response.content_type
_DATA = Response.data


class _MediaHandler(Protocol):
    def serialize(self, media: object, content_type: str) -> bytes: ...


class _ErrorRequest(Protocol):
    @property
    def accept(self) -> str: ...

    def client_prefers(self, media_types: list[str]) -> str | None: ...


def default_serialize_error(req: Any, resp: Any, exception: HTTPError) -> None:
    """Serialize ``exception`` into ``resp`` in the media type the client prefers.

    JSON is rendered by the JSON handler registered in ``resp.options.media_handlers``
    when there is one (so a customised JSON handler applies), otherwise by the standard
    library; XML is rendered as :meth:`HTTPError.to_xml` would; any other negotiated media type
    by its handler's ``serialize(exception.to_dict(), media_type)``. A handler that cannot
    serialize (raises ``NotImplementedError``) leaves the body empty.

    Args:
        req: The request; needs ``client_prefers(media_types)`` and ``accept``.
        resp: The response; needs ``options`` (with ``xml_error_serialization`` and
            ``media_handlers``), ``data``, ``content_type`` and ``append_header``.
        exception: The error to render.
    """
    options = resp.options
    handlers: Mapping[str, _MediaHandler] = options.media_handlers
    accept = req.accept
    if accept == '*/*' or accept == MEDIA_JSON:
        # PERF: with any type accepted, every offered type matches and JSON, offered last,
        # wins the tie; with JSON alone accepted, only JSON matches. Either way the Accept
        # header needs no parsing (about 2 us on a 404 answered to a JSON client).
        body: bytes | None = _json_body(exception, handlers)
        response_type = type(resp)
        if (
            body is not None
            and isinstance(resp, Response)
            and response_type.data is _DATA
            and response_type.content_type is _CONTENT_TYPE
            and response_type.append_header is _APPEND_HEADER
        ):
            # PERF: the framework's own data setter stores the body as it is, and the media
            # type and the Vary value are constants known to be valid, so the values go
            # straight into the response without the setters' calls and checks (about
            # 1 us per error response).
            resp._data = body
            resp._headers['content-type'] = MEDIA_JSON
            resp._append_checked('vary', 'Accept')
            return
        preferred: str | None = MEDIA_JSON
    else:
        # Ties go to the last media type offered (Falcon's rule), so JSON comes last.
        builtin_xml = options.xml_error_serialization
        offered = [
            media_type
            for media_type in handlers
            if media_type != MEDIA_JSON and not (builtin_xml and media_type in _XML_MEDIA_TYPES)
        ]
        if builtin_xml:
            offered.extend(_XML_MEDIA_TYPES)
        offered.append(MEDIA_JSON)
        xml_available = builtin_xml or MEDIA_XML in handlers
        preferred = _negotiate(req, offered, xml_available=xml_available)
        body = None
        if preferred is not None:
            body = _render(exception, preferred, handlers, builtin_xml=builtin_xml)

    if body is not None:
        resp.data = body
        resp.content_type = preferred
    resp.append_header('Vary', 'Accept')


def _render(
    exception: HTTPError,
    media_type: str,
    handlers: Mapping[str, _MediaHandler],
    *,
    builtin_xml: bool,
) -> bytes | None:
    if media_type == MEDIA_JSON:
        return _json_body(exception, handlers)
    if builtin_xml and media_type in _XML_MEDIA_TYPES:
        return exception._xml()
    try:
        return handlers[media_type].serialize(exception.to_dict(), media_type)
    except NotImplementedError:
        # A handler may only deserialize (form and multipart handlers do); the client
        # then gets no body rather than a second error.
        return None


def _json_body(exception: HTTPError, handlers: Mapping[str, _MediaHandler]) -> bytes:
    """``exception.to_json(handler)`` with the registered JSON handler (or ``None``)."""
    # PERF: the registry's own dict, when it is the default registry type, skips the
    # mapping protocol's Python-level get() and __getitem__.
    found = handlers.data if type(handlers) is Handlers else handlers
    handler: Any = found.get(MEDIA_JSON)
    error_type = type(exception)
    if (
        type(handler) is JSONHandler
        and handler._dumps is json_text
        and error_type.to_json is _BASE_TO_JSON
        and error_type.to_dict is _BASE_TO_DICT
        and JSONHandler.serialize is _STOCK_SERIALIZE
        and JSONHandler._serialize_sync is _STOCK_SERIALIZE_SYNC
        and exception.link is None
    ):
        # The framework's own rendering (base to_dict/to_json, the stock JSON handler with
        # its default encoder) of an error without a link: a title, description and code
        # of the plain types render alike whenever their values are equal.
        title = exception.title
        description = exception.description
        code = exception.code
        if (
            type(title) is str
            and (description is None or type(description) is str)
            and (code is None or type(code) is int)
        ):
            # PERF: the same error (title, description, code) renders to the same bytes
            # every time; a 404 raised with a fixed message skips building and encoding the
            # document (about 1.5 us). Bounded: a full table is emptied and filled again.
            key = (title, description, code)
            body = _JSON_BODIES.get(key)
            if body is None:
                body = exception.to_json(handler)
                if len(_JSON_BODIES) >= _JSON_BODIES_SIZE:
                    _JSON_BODIES.clear()
                _JSON_BODIES[key] = body
            return body
    return exception.to_json(handler)


def _negotiate(req: _ErrorRequest, offered: list[str], *, xml_available: bool) -> str | None:
    preferred = req.client_prefers(offered)
    if preferred is not None:
        return preferred
    accept = (req.accept or '').lower()
    if '+json' in accept:
        return MEDIA_JSON
    if xml_available and '+xml' in accept:
        return MEDIA_XML
    return None
