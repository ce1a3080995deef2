"""Incremental, sans-I/O parser for ``multipart/form-data`` bodies (RFC 7578, RFC 2046).

Rules: the parser is fed bytes (``feed``, ``feed_eof``) and hands out one event at a time
(``next_event``): ``PartStart`` (the part's headers), ``PartData`` (a slice of its
content), ``PART_END``, ``FORM_END``, or ``NEED_DATA`` when it needs more input. It never
reads or blocks, so sync and async drivers share it. Parsing is linear in the input: each
byte is searched once, apart from a tail shorter than the delimiter that is kept back
because it may begin one. Limits (part count, part header size) are enforced on the bytes
received, and every structural error or exceeded limit raises ``MultipartParseError`` with
a description; after an error the parser keeps raising it.
"""

from __future__ import annotations

from falcon.core._errors import MultipartParseError

__all__ = [
    'FORM_END',
    'NEED_DATA',
    'PART_END',
    'Event',
    'MultipartParser',
    'PartData',
    'PartStart',
]

_HEADER_TERMINATOR = b'\r\n\r\n'


class PartStart:
    """Event: a body part begins; ``headers`` maps lowercased names to stripped values."""

    __slots__ = ('headers',)

    def __init__(self, headers: dict[bytes, bytes]) -> None:
        self.headers = headers


class PartData:
    """Event: a slice of the current body part's content."""

    __slots__ = ('data',)

    def __init__(self, data: bytes) -> None:
        self.data = data


class _Marker:
    __slots__ = ('_name',)

    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name


PART_END = _Marker('PART_END')
"""Event: the current body part has ended."""

FORM_END = _Marker('FORM_END')
"""Event: the closing delimiter was seen; nothing more will be produced."""

NEED_DATA = _Marker('NEED_DATA')
"""Not an event: the parser needs more input (or ``feed_eof``) to continue."""

Event = PartStart | PartData | _Marker

_PREAMBLE = 0
_AFTER_DELIMITER = 1
_HEADERS = 2
_BODY = 3
_DONE = 4
_FAILED = 5


class MultipartParser:
    """Incremental ``multipart/form-data`` parser.

    Args:
        boundary: The boundary from the Content-Type header, without the leading dashes.
        max_part_count: Maximum number of parts (0 for no limit).
        max_headers_size: Maximum size in bytes of one part's header block.
    """

    __slots__ = (
        '_buffer',
        '_delimiter',
        '_eof',
        '_error',
        '_header_scan_from',
        '_max_headers_size',
        '_max_part_count',
        '_part_count',
        '_pos',
        '_state',
    )

    def __init__(self, boundary: bytes, max_part_count: int, max_headers_size: int) -> None:
        self._delimiter = b'\r\n--' + boundary
        # A delimiter may open the body without a CRLF before it; pretending there was one
        # lets a single search pattern find every delimiter.
        self._buffer = b'\r\n'
        self._pos = 0
        self._eof = False
        self._state = _PREAMBLE
        self._error = ''
        self._part_count = 0
        self._header_scan_from = 0
        self._max_part_count = max_part_count
        self._max_headers_size = max_headers_size

    def feed(self, data: bytes) -> None:
        """Append received bytes to the parser's input.

        Args:
            data: The next bytes of the body.
        """
        if not data or self._state == _DONE:
            return
        # PERF: the unconsumed remainder is at most a delimiter's length or one header
        # block, so rebuilding the buffer here costs O(len(data)) per call.
        self._buffer = self._buffer[self._pos :] + data
        self._header_scan_from -= self._pos
        self._pos = 0

    def feed_eof(self) -> None:
        """Signal that the body has ended."""
        self._eof = True

    def next_event(self) -> Event:
        """Return the next event, or ``NEED_DATA`` when more input is required.

        Returns:
            A ``PartStart``, ``PartData``, ``PART_END`` or ``FORM_END`` event, or
            ``NEED_DATA``.

        Raises:
            MultipartParseError: The form is malformed or exceeds a limit.
        """
        state = self._state
        if state == _BODY:
            return self._next_body_event()
        if state == _PREAMBLE:
            return self._next_preamble_event()
        if state == _AFTER_DELIMITER:
            return self._next_after_delimiter_event()
        if state == _HEADERS:
            return self._next_headers_event()
        if state == _DONE:
            return FORM_END
        raise MultipartParseError(description=self._error)

    def _fail(self, description: str) -> MultipartParseError:
        self._state = _FAILED
        self._error = description
        self._buffer = b''
        self._pos = 0
        return MultipartParseError(description=description)

    def _next_preamble_event(self) -> Event:
        buffer, delimiter = self._buffer, self._delimiter
        index = buffer.find(delimiter, self._pos)
        if index >= 0:
            self._pos = index + len(delimiter)
            self._state = _AFTER_DELIMITER
            return self._next_after_delimiter_event()
        if self._eof:
            raise self._fail('the form has no opening boundary delimiter')
        # Discard the preamble, keeping a tail that may begin a delimiter.
        self._pos = max(self._pos, len(buffer) - len(delimiter) + 1)
        return NEED_DATA

    def _next_after_delimiter_event(self) -> Event:
        buffer, pos = self._buffer, self._pos
        if len(buffer) - pos < 2:
            if self._eof:
                raise self._fail('unexpected end of form after a boundary delimiter')
            return NEED_DATA
        marker = buffer[pos : pos + 2]
        if marker == b'--':
            self._state = _DONE
            self._buffer = b''
            self._pos = 0
            return FORM_END
        if marker != b'\r\n':
            raise self._fail('unexpected bytes after a boundary delimiter')
        self._part_count += 1
        if self._max_part_count and self._part_count > self._max_part_count:
            raise self._fail(
                f'maximum number of form body parts exceeded (limit: {self._max_part_count})'
            )
        # The CRLF ending the delimiter line is left in place: a header block then always
        # ends with the first CRLFCRLF, even when the part has no headers at all.
        self._state = _HEADERS
        self._header_scan_from = pos
        return self._next_headers_event()

    def _next_headers_event(self) -> Event:
        buffer, pos = self._buffer, self._pos
        limit = self._max_headers_size
        end = buffer.find(_HEADER_TERMINATOR, self._header_scan_from)
        if end < 0:
            # Up to three bytes of the terminator may already be here; beyond that, the
            # block would exceed the limit even if the rest of the terminator came next.
            if len(buffer) - (pos + 2) > limit + 3:
                raise self._fail(f'body part headers exceed the size limit of {limit} bytes')
            if self._eof:
                raise self._fail('unexpected end of form in body part headers')
            self._header_scan_from = max(pos, len(buffer) - 3)
            return NEED_DATA
        block = buffer[pos + 2 : end]
        if len(block) > limit:
            raise self._fail(f'body part headers exceed the size limit of {limit} bytes')
        headers: dict[bytes, bytes] = {}
        if block:
            for line in block.split(b'\r\n'):
                name, colon, value = line.partition(b':')
                name = name.strip()
                if not colon or not name:
                    raise self._fail('malformed body part header line')
                headers[name.lower()] = value.strip()
        self._pos = end + len(_HEADER_TERMINATOR)
        self._state = _BODY
        return PartStart(headers)

    def _next_body_event(self) -> Event:
        buffer, pos, delimiter = self._buffer, self._pos, self._delimiter
        index = buffer.find(delimiter, pos)
        if index == pos:
            self._pos = pos + len(delimiter)
            self._state = _AFTER_DELIMITER
            return PART_END
        if index > pos:
            self._pos = index
            return PartData(buffer[pos:index])
        safe_end = len(buffer) - len(delimiter) + 1
        if safe_end > pos:
            self._pos = safe_end
            return PartData(buffer[pos:safe_end])
        if self._eof:
            raise self._fail('unexpected end of form in a body part (missing delimiter)')
        return NEED_DATA
