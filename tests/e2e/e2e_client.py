"""Client-side helpers for the end-to-end tests: comparable answers and raw requests."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import Any

import httpx

# The response headers an application decides; server-chosen ones (date, server,
# connection, transfer-encoding) are left out of comparisons.
APP_HEADERS = (
    'allow',
    'cache-control',
    'content-length',
    'content-type',
    'etag',
    'location',
    'set-cookie',
    'vary',
    'www-authenticate',
    'x-request-id',
    'x-total-count',
)


@dataclass(frozen=True)
class Answer:
    """What an application answered: status, the headers it chose, and the body."""

    status: int
    headers: tuple[tuple[str, tuple[str, ...]], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        for key, values in self.headers:
            if key == name:
                return ', '.join(values)
        return None


def answer_of(response: httpx.Response) -> Answer:
    """The comparable part of an httpx response."""
    headers = tuple(
        (name, tuple(response.headers.get_list(name)))
        for name in APP_HEADERS
        if name in response.headers
    )
    return Answer(response.status_code, headers, response.content)


# Headers that a server sets on its own or that describe one connection (the hop-by-hop
# headers of RFC 9110 section 7.6.1 and RFC 2616 section 13.5.1): every other header of a
# response is the application's.
SERVER_HEADERS = frozenset(
    {
        'connection',
        'date',
        'keep-alive',
        'proxy-connection',
        'server',
        'te',
        'trailer',
        'transfer-encoding',
        'upgrade',
    }
)


def full_answer_of(response: httpx.Response) -> Answer:
    """Status, body and every header except ``SERVER_HEADERS``, names sorted."""
    names = sorted({name.lower() for name in response.headers} - SERVER_HEADERS)
    headers = tuple((name, tuple(response.headers.get_list(name))) for name in names)
    return Answer(response.status_code, headers, response.content)


def send(base_url: str, method: str, path: str, **kwargs: Any) -> Answer:
    """Send one request on a fresh connection and return the comparable answer."""
    with httpx.Client(base_url=base_url, timeout=10.0) as client:
        return answer_of(client.request(method, path, **kwargs))


def raw_request(port: int, head: bytes, body: bytes = b'') -> tuple[int, bytes]:
    """Send exact request bytes: ``head`` (CRLF-terminated lines, no blank line), ``body``.

    ``Host``, ``Content-Length`` (when there is a body) and ``Connection: close`` are added.
    Returns the status code and the whole raw response.
    """
    extra = b'Host: 127.0.0.1\r\nConnection: close\r\n'
    if body:
        extra += b'Content-Length: %d\r\n' % len(body)
    with socket.create_connection(('127.0.0.1', port), timeout=10) as connection:
        connection.sendall(head + extra + b'\r\n' + body)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    response = b''.join(chunks)
    status_line = response.split(b'\r\n', 1)[0]
    return int(status_line.split()[1]), response
