"""URL-encoded form media handler (``application/x-www-form-urlencoded``).

Rules: the body must be US-ASCII (percent-encoding carries any other character), and what
the percent-escapes encode must be UTF-8; anything else raises
``MediaMalformedError('URL-encoded')``. Fields are parsed by the core's query
string parser, so forms and query strings follow the same rules and limits. An empty body
is an empty form (``{}``). Serialization mirrors parsing: ``urlencode(media, doseq=True)``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_to_bytes, urlencode

from falcon.core._errors import MediaMalformedError
from falcon.core._uri import parse_query_string
from falcon.core.media._base import BaseHandler, ReadableIO

__all__ = ['URLEncodedFormHandler']


class URLEncodedFormHandler(BaseHandler):
    """URL-encoded form data handler.

    Deserializes the body into a dict of field names to values; a field that occurs more
    than once becomes a list of its values, in order.

    Args:
        keep_blank: Whether to keep fields with empty values (as ``''``). Defaults to True.
        csv: Whether to split values on commas into lists. Defaults to False.
    """

    def __init__(self, keep_blank: bool = True, csv: bool = False) -> None:
        self._keep_blank = keep_blank
        self._csv = csv

    def _serialize_sync(self, media: Any) -> bytes:
        return urlencode(media, doseq=True).encode()

    def _deserialize_sync(self, data: bytes) -> Any:
        try:
            body = data.decode('ascii')
        except UnicodeDecodeError as err:
            raise MediaMalformedError('URL-encoded') from err
        if not body:
            return {}
        if '%' in body:
            # Separators are ASCII, so the whole body decodes as UTF-8 exactly when every
            # field does.
            try:
                unquote_to_bytes(body).decode('utf-8')
            except UnicodeDecodeError as err:
                raise MediaMalformedError('URL-encoded') from err
        return parse_query_string(body, keep_blank=self._keep_blank, csv=self._csv)

    def serialize(self, media: Any, content_type: str | None = None) -> bytes:
        """Encode a mapping (or a sequence of pairs) as a URL-encoded form.

        Args:
            media: The fields; list values produce one field per item.
            content_type: The Content-Type of the response (unused).

        Returns:
            The ASCII form body.
        """
        return self._serialize_sync(media)

    def deserialize(
        self, stream: ReadableIO, content_type: str | None, content_length: int | None
    ) -> Any:
        """Read the whole stream and parse it as a URL-encoded form.

        Args:
            stream: The request body stream (its ``read()`` returns all of it).
            content_type: The Content-Type of the request (unused).
            content_length: The length of the body, when known (unused).

        Returns:
            A dict of field names to a value or a list of values.

        Raises:
            MediaMalformedError: The body is not US-ASCII, or its percent-escapes do not
                encode UTF-8.
        """
        return self._deserialize_sync(stream.read())
