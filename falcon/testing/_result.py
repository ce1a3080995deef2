"""What a simulated request returns: ``Result``, ``StreamedResult`` and their ``Cookie``.

Rules: results are read-only views over the status, headers and body an app sent; they parse
``Set-Cookie`` headers leniently (as a browser would) and decode the body only when asked.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib
import json as json_module
from collections.abc import Iterable, Sequence
from http.cookies import CookieError, Morsel
from typing import Any

from falcon.core._dates import http_date_to_dt
from falcon.core._misc import get_encoding_from_headers
from falcon.core._structures import CaseInsensitiveDict
from falcon.testing._asgi import (
    ASGIRequestEventEmitter,
)

__all__ = ['Cookie', 'Result', 'ResultBodyStream', 'StreamedResult']

HeaderIter = Iterable[tuple[str, str]]

# -- results ---------------------------------------------------------------------------------


class _CookieMorsel(Morsel[str]):
    """A morsel that also remembers ``Partitioned``, which ``Morsel`` may not know."""

    partitioned = False


class Cookie:
    """A cookie the app set, as read from one ``Set-Cookie`` header.

    Args:
        morsel: The parsed cookie.
    """

    def __init__(self, morsel: Morsel[str]) -> None:
        self._name = morsel.key
        self._value = morsel.value
        self._expires: str = morsel['expires'] or ''
        self._path: str = morsel['path'] or ''
        self._domain: str = morsel['domain'] or ''
        self._max_age: str = str(morsel['max-age'] or '')
        self._secure = bool(morsel['secure'])
        self._http_only = bool(morsel['httponly'])
        self._same_site: str = morsel['samesite'] or ''
        self._partitioned = bool(getattr(morsel, 'partitioned', False))
        if 'partitioned' in Morsel._reserved:  # type: ignore[attr-defined]
            self._partitioned = self._partitioned or bool(morsel['partitioned'])

    @property
    def name(self) -> str:
        """The cookie's name."""
        return self._name

    @property
    def value(self) -> str:
        """The cookie's value, unquoted."""
        return self._value

    @property
    def expires(self) -> dt.datetime | None:
        """When the cookie expires (an aware UTC datetime), or ``None``."""
        if self._expires:
            return http_date_to_dt(self._expires, obs_date=True)
        return None

    @property
    def path(self) -> str:
        """The ``Path`` attribute (``''`` when the cookie has none)."""
        return self._path

    @property
    def domain(self) -> str:
        """The ``Domain`` attribute (``''`` when the cookie has none)."""
        return self._domain

    @property
    def max_age(self) -> int | None:
        """The ``Max-Age`` attribute in seconds, or ``None``."""
        return int(self._max_age) if self._max_age else None

    @property
    def secure(self) -> bool:
        """Whether the ``Secure`` attribute is set."""
        return self._secure

    @property
    def http_only(self) -> bool:
        """Whether the ``HttpOnly`` attribute is set."""
        return self._http_only

    @property
    def same_site(self) -> str | None:
        """The ``SameSite`` attribute (``'Lax'``, ``'Strict'`` or ``'None'``), or ``None``."""
        return self._same_site or None

    @property
    def partitioned(self) -> bool:
        """Whether the ``Partitioned`` attribute is set."""
        return self._partitioned

    def __repr__(self) -> str:
        return f'Cookie({self._name!r}, {self._value!r})'


def _unquote_cookie_value(value: str) -> str:
    """Undo the quoting ``SimpleCookie`` applies: surrounding quotes, ``\\ooo`` and ``\\c``."""
    if len(value) < 2 or value[0] != '"' or value[-1] != '"':
        return value
    inner = value[1:-1]
    if '\\' not in inner:
        return inner
    parts: list[str] = []
    position = 0
    length = len(inner)
    while position < length:
        escape = inner.find('\\', position)
        if escape < 0:
            parts.append(inner[position:])
            break
        parts.append(inner[position:escape])
        octal = inner[escape + 1 : escape + 4]
        if len(octal) == 3 and all('0' <= digit <= '7' for digit in octal):
            parts.append(chr(int(octal, 8)))
            position = escape + 4
        else:
            parts.append(inner[escape + 1 : escape + 2])
            position = escape + 2
    return ''.join(parts)


_MORSEL_ATTRIBUTES = {
    'expires': 'expires',
    'path': 'path',
    'domain': 'domain',
    'max-age': 'max-age',
    'samesite': 'samesite',
    'comment': 'comment',
    'version': 'version',
}
_MORSEL_FLAGS = {'secure': 'secure', 'httponly': 'httponly'}


def _parse_set_cookie(header: str) -> _CookieMorsel | None:
    """Parse one ``Set-Cookie`` value; ``None`` when it has no valid ``name=value``."""
    first, *attributes = header.split(';')
    name, separator, coded_value = first.partition('=')
    name = name.strip()
    coded_value = coded_value.strip()
    if not separator or not name:
        return None
    morsel = _CookieMorsel()
    try:
        morsel.set(name, _unquote_cookie_value(coded_value), coded_value)
    except CookieError:
        return None
    for attribute in attributes:
        key, _, value = attribute.partition('=')
        key = key.strip().lower()
        if key in _MORSEL_ATTRIBUTES:
            morsel[_MORSEL_ATTRIBUTES[key]] = value.strip()
        elif key in _MORSEL_FLAGS:
            morsel[_MORSEL_FLAGS[key]] = True
        elif key == 'partitioned':
            morsel.partitioned = True
    return morsel


class _ResultBase:
    """What every result has: status, headers, cookies and encoding."""

    def __init__(self, status: str, headers: HeaderIter) -> None:
        header_list = list(headers)
        self._status = status
        self._status_code = int(status[:3])
        self._headers = CaseInsensitiveDict(header_list)
        cookies: dict[str, Cookie] = {}
        for name, value in header_list:
            if name.lower() == 'set-cookie':
                morsel = _parse_set_cookie(value)
                if morsel is not None:
                    cookies[morsel.key] = Cookie(morsel)
        self._cookies = cookies
        self._encoding = get_encoding_from_headers(self._headers)

    @property
    def status(self) -> str:
        """The status line, e.g. ``'200 OK'``."""
        return self._status

    @property
    def status_code(self) -> int:
        """The status code, e.g. ``200``."""
        return self._status_code

    @property
    def headers(self) -> CaseInsensitiveDict:
        """The response headers (when a name repeats, the last value is kept)."""
        return self._headers

    @property
    def cookies(self) -> dict[str, Cookie]:
        """The cookies set by the response, by name."""
        return self._cookies

    @property
    def encoding(self) -> str | None:
        """The character encoding the ``Content-Type`` declares or implies, or ``None``."""
        return self._encoding

    @property
    def content_type(self) -> str | None:
        """The ``Content-Type`` header, or ``None``."""
        value: str | None = self._headers.get('Content-Type')
        return value


class Result(_ResultBase):
    """The complete response to a simulated request.

    Args:
        iterable: The body, as chunks of ``bytes``.
        status: The status line.
        headers: The response headers, as ``(name, value)`` pairs.
    """

    def __init__(self, iterable: Iterable[bytes], status: str, headers: HeaderIter) -> None:
        super().__init__(status, headers)
        self._content = b''.join(iterable)
        self._text: str | None = None

    @property
    def content(self) -> bytes:
        """The body, as bytes."""
        return self._content

    @property
    def text(self) -> str:
        """The body decoded with :attr:`encoding` (UTF-8 when none is known)."""
        if self._text is None:
            if not self._content:
                self._text = ''
            else:
                self._text = self._content.decode(self._encoding or 'utf-8')
        return self._text

    @property
    def json(self) -> Any:
        """The body parsed as JSON, or ``None`` when it is empty."""
        if not self.text:
            return None
        return json_module.loads(self.text)

    def _repr_parts(self) -> list[str]:
        content = self._content
        if len(content) > 40:
            content = content[:20] + b'...' + content[-20:]
        parts = [self._status, self.content_type or '', repr(content) if content else '']
        return [part for part in parts if part]

    def __repr__(self) -> str:
        return 'Result<' + ' '.join(self._repr_parts()) + '>'

    def __rich__(self) -> Any:
        """The :func:`repr` as styled text for the ``rich`` library (which must be installed).

        The status is green for 1xx-3xx and red for 4xx-5xx, the media type cyan and the
        content dimmed.
        """
        text_type = importlib.import_module('rich.text').Text
        styles = ['bold green' if self._status_code < 400 else 'bold red', 'cyan', 'dim']
        if not self.content_type:
            styles.pop(1)
        pieces: list[Any] = ['Result<']
        for index, (part, style) in enumerate(zip(self._repr_parts(), styles, strict=False)):
            if index:
                pieces.append(' ')
            pieces.append((part, style))
        pieces.append('>')
        return text_type.assemble(*pieces)


class ResultBodyStream:
    """Read a streamed response body while the app is still producing it.

    Args:
        chunks: The list the body chunks are appended to as they arrive.
    """

    def __init__(self, chunks: Sequence[bytes]) -> None:
        self._chunks = chunks
        self._position = 0

    async def read(self) -> bytes:
        """Return the bytes that arrived since the last read (``b''`` when there are none).

        The app gets one turn of the event loop first, so a chunk it is ready to send is
        included.

        Returns:
            The new bytes.
        """
        await asyncio.sleep(0)
        ready = self._chunks[self._position :]
        self._position += len(ready)
        return b''.join(ready)


class StreamedResult(_ResultBase):
    """The response to a simulated request whose body is still being produced.

    Use it within ``async with conductor.simulate_get_stream(...) as result``; leaving the
    block disconnects the client and waits for the app to finish.

    Args:
        body_chunks: The list the body chunks are appended to.
        status: The status line.
        headers: The response headers, as ``(name, value)`` pairs.
        task: The task running the app.
        req_event_emitter: The request's event emitter (used to disconnect the client).
    """

    def __init__(
        self,
        body_chunks: Sequence[bytes],
        status: str,
        headers: HeaderIter,
        task: asyncio.Task[Any],
        req_event_emitter: ASGIRequestEventEmitter,
    ) -> None:
        super().__init__(status, headers)
        self._stream = ResultBodyStream(body_chunks)
        self._task = task
        self._req_event_emitter = req_event_emitter

    @property
    def stream(self) -> ResultBodyStream:
        """The body, readable while the app runs."""
        return self._stream

    async def finalize(self) -> None:
        """Disconnect the client and wait for the app to finish."""
        self._req_event_emitter.disconnect()
        await self._task
