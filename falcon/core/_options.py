"""Per-app request and response options.

Rules: plain attribute bags with ``__slots__``; defaults follow Falcon 4. The media handler
registries are created once per options object and shared by every request of an app.
"""

from __future__ import annotations

import mimetypes

from falcon.core._constants import DEFAULT_MEDIA_TYPE
from falcon.core._deprecation import warn_deprecated
from falcon.core.media._handlers import Handlers

__all__ = ['DEFAULT_MAX_MEDIA_SIZE', 'RequestOptions', 'ResponseOptions']

DEFAULT_MAX_MEDIA_SIZE = 64 * 1024 * 1024

_EXTRA_STATIC_TYPES = {
    '.bz2': 'application/x-bzip2',
    '.gz': 'application/gzip',
    '.ico': 'image/vnd.microsoft.icon',
    '.js': 'text/javascript',
    '.json': 'application/json',
    '.mjs': 'text/javascript',
    '.svg': 'image/svg+xml',
    '.wasm': 'application/wasm',
    '.webp': 'image/webp',
    '.xml': 'application/xml',
    '.zip': 'application/zip',
}


_AUTO_PARSE_DEPRECATION = (
    'The auto_parse_form_urlencoded option is deprecated and will be removed in Falcon 5.0; '
    'read URL-encoded forms with req.get_media() instead.'
)


def _static_media_types() -> dict[str, str]:
    types = dict(mimetypes.types_map)
    types.update(_EXTRA_STATIC_TYPES)
    return types


class RequestOptions:
    """Options that change how requests are interpreted.

    Attributes:
        keep_blank_qs_values: Keep query parameters whose value is blank (default ``True``).
        auto_parse_qs_csv: Split query values on commas (default ``False``).
        strip_url_path_trailing_slash: Drop a trailing ``/`` from ``req.path`` before routing
            (default ``False``).
        default_media_type: Media type assumed when a request names none
            (default ``'application/json'``).
        media_handlers: A :class:`falcon.media.Handlers` registry used by ``req.get_media()``.
        max_media_size: The largest body, in bytes, that ``req.get_media()`` reads into memory
            for a handler that parses whole bodies (JSON, MessagePack, URL-encoded forms);
            a larger one is a ``413 Content Too Large``. Counted on the bytes received, and
            checked against ``Content-Length`` before reading. ``None`` removes the limit.
            Streaming handlers (multipart) have their own limits. Default 64 MiB.
    """

    __slots__ = (
        '_auto_parse_form_urlencoded',
        'auto_parse_qs_csv',
        'default_media_type',
        'keep_blank_qs_values',
        'max_media_size',
        'media_handlers',
        'strip_url_path_trailing_slash',
    )

    keep_blank_qs_values: bool
    auto_parse_qs_csv: bool
    strip_url_path_trailing_slash: bool
    default_media_type: str
    media_handlers: Handlers
    max_media_size: int | None

    def __init__(self) -> None:
        self.max_media_size = DEFAULT_MAX_MEDIA_SIZE
        self.keep_blank_qs_values = True
        self.auto_parse_qs_csv = False
        self.strip_url_path_trailing_slash = False
        self.default_media_type = DEFAULT_MEDIA_TYPE
        self.media_handlers = Handlers()
        self._auto_parse_form_urlencoded = False

    @property
    def auto_parse_form_urlencoded(self) -> bool:
        """Merge a URL-encoded form body into ``req.params`` (WSGI only; default ``False``).

        Deprecated since Falcon 3.0 (reading or setting it emits :class:`DeprecatedWarning`):
        read the form with ``req.get_media()``. The ASGI app ignores it. When enabled, the
        body of a request whose Content-Type is ``application/x-www-form-urlencoded`` is
        consumed (the stream is left at EOF) and its fields are added to the query
        parameters; a body that is not ASCII is ignored and logged.
        """
        warn_deprecated(_AUTO_PARSE_DEPRECATION)
        return self._auto_parse_form_urlencoded

    @auto_parse_form_urlencoded.setter
    def auto_parse_form_urlencoded(self, value: bool) -> None:
        warn_deprecated(_AUTO_PARSE_DEPRECATION)
        self._auto_parse_form_urlencoded = value


class ResponseOptions:
    """Options that change how responses are rendered.

    Attributes:
        secure_cookies_by_default: ``set_cookie()`` marks cookies ``Secure`` unless told
            otherwise (default ``True``).
        default_media_type: Media type used to serialize ``resp.media`` when the response
            names none (default ``'application/json'``).
        media_handlers: A :class:`falcon.media.Handlers` registry used to render
            ``resp.media``.
        static_media_types: File suffix to media type map used by static routes.
        xml_error_serialization: Offer XML when serializing errors (default ``True``).
    """

    __slots__ = (
        'default_media_type',
        'media_handlers',
        'secure_cookies_by_default',
        'static_media_types',
        'xml_error_serialization',
    )

    secure_cookies_by_default: bool
    default_media_type: str
    media_handlers: Handlers
    static_media_types: dict[str, str]
    xml_error_serialization: bool

    def __init__(self) -> None:
        self.secure_cookies_by_default = True
        self.default_media_type = DEFAULT_MEDIA_TYPE
        self.media_handlers = Handlers()
        self.static_media_types = _static_media_types()
        self.xml_error_serialization = True
