"""A simulated request, described once: what every way of running it starts from.

Rules: :class:`Simulation` holds the arguments of :func:`falcon.testing.simulate_request`
(except the app) and checks them in one place; it turns them into a WSGI environ or into an
ASGI scope with the emitter of its body, so a request sent to ``falcon.App`` and to
``falcon.asgi.App`` carries the same path, query string, headers and body. A client's default
headers go under the request's own, which win by name (:func:`merge_headers`).
"""

from __future__ import annotations

import dataclasses
import importlib
import json as json_module
import time
from collections.abc import Callable, Mapping
from typing import Any, TextIO, TypeVar

from falcon.core._constants import MEDIA_JSON, MEDIA_MSGPACK
from falcon.core._typing import HeaderArg
from falcon.core._uri import to_query_str
from falcon.testing._asgi import ASGIRequestEventEmitter
from falcon.testing._helpers import (
    DEFAULT_HOST,
    CookieArg,
    create_environ,
    normalize_headers,
)
from falcon.testing._scope import create_scope

__all__ = ['Simulation', 'article', 'merge_headers', 'named']

_Function = TypeVar('_Function', bound=Callable[..., Any])


@dataclasses.dataclass
class Simulation:
    """Every argument of :func:`simulate_request` except the app."""

    method: str = 'GET'
    path: str = '/'
    query_string: str | None = None
    headers: HeaderArg | None = None
    content_type: str | None = None
    body: str | bytes | None = None
    json: Any | None = None
    file_wrapper: Callable[..., Any] | None = None
    wsgierrors: TextIO | None = None
    params: Mapping[str, Any] | None = None
    params_csv: bool = False
    protocol: str = 'http'
    host: str = DEFAULT_HOST
    remote_addr: str | None = None
    extras: Mapping[str, Any] | None = None
    http_version: str = '1.1'
    port: int | None = None
    root_path: str | None = None
    cookies: CookieArg | None = None
    asgi_chunk_size: int = 4096
    asgi_disconnect_ttl: int = 300
    msgpack: Any | None = None

    def prepare(self) -> tuple[dict[str, Any], bytes]:
        """Validate the request; return the arguments an environ and a scope are both built
        from (:func:`create_environ`, :func:`create_scope`), and the body."""
        path = self.path
        query_string = self.query_string or ''
        if not isinstance(path, str) or not path.startswith('/'):
            raise ValueError(f"path must be a str starting with '/', not {path!r}")
        if '?' in path:
            if query_string or self.params:
                raise ValueError(
                    'path may not contain a query string in combination with the '
                    'query_string or params parameters; use only one way of specifying '
                    'the query string.'
                )
            path, query_string = path.split('?', 1)
        elif query_string.startswith('?'):
            raise ValueError("query_string should not start with '?'")
        elif self.query_string is None and self.params is not None:
            # A query string given as such wins over params.
            query_string = to_query_str(
                self.params, comma_delimited_lists=self.params_csv, prefix=False
            )

        headers = normalize_headers(self.headers)
        body = self.body
        content_type = self.content_type
        if self.json is not None:
            body = json_module.dumps(self.json, ensure_ascii=False)
            content_type = MEDIA_JSON
        if self.msgpack is not None:
            packb = importlib.import_module('msgpack').packb
            body = packb(self.msgpack, use_bin_type=True)
            content_type = MEDIA_MSGPACK
        if content_type is not None:
            headers = [item for item in headers if item[0].lower() != 'content-type']
            headers.append(('Content-Type', content_type))
        if body is None:
            body_bytes = b''
        elif isinstance(body, str):
            body_bytes = body.encode('utf-8')
        else:
            body_bytes = bytes(body)
        shared = {
            'path': path,
            'query_string': query_string,
            'method': self.method,
            'headers': headers,
            'host': self.host,
            'scheme': self.protocol,
            'port': self.port,
            'http_version': self.http_version,
            'remote_addr': self.remote_addr,
            'root_path': self.root_path,
            'cookies': self.cookies,
        }
        return shared, body_bytes

    def environ(self) -> dict[str, Any]:
        """The WSGI environ of the request."""
        shared, body = self.prepare()
        env = create_environ(
            body=body, wsgierrors=self.wsgierrors, file_wrapper=self.file_wrapper, **shared
        )
        self._apply_extras(env, 'REQUEST_METHOD', 'WSGI environ')
        return env

    def scope_and_emitter(self) -> tuple[dict[str, Any], ASGIRequestEventEmitter]:
        """The ASGI scope of the request and the emitter of its body."""
        shared, body = self.prepare()
        scope = create_scope(content_length=len(body) or None, **shared)
        self._apply_extras(scope, 'method', 'ASGI scope')
        emitter = ASGIRequestEventEmitter(
            body,
            chunk_size=self.asgi_chunk_size,
            disconnect_at=self.disconnect_at(),
        )
        return scope, emitter

    def disconnect_at(self) -> float:
        """The Unix time at which the simulated client disconnects."""
        return time.time() + max(0, self.asgi_disconnect_ttl)

    def _apply_extras(self, request: dict[str, Any], method_key: str, what: str) -> None:
        if not self.extras:
            return
        if self.extras.get(method_key, request[method_key]) != request[method_key]:
            raise ValueError(
                f'{what} extras may not override the request method; use the method parameter.'
            )
        request.update(self.extras)


def merge_headers(defaults: HeaderArg | None, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Put a client's default headers under the request's own (which win, by name)."""
    if not defaults:
        return kwargs
    given = normalize_headers(kwargs.get('headers'))
    names = {name.lower() for name, _ in given}
    merged = [item for item in normalize_headers(defaults) if item[0].lower() not in names]
    return {**kwargs, 'headers': merged + given}


def named(function: _Function, name: str, doc: str) -> _Function:
    """Give a function made by a factory its public name and docstring."""
    function.__name__ = function.__qualname__ = name
    function.__doc__ = doc
    return function


def article(word: str) -> str:
    """The indefinite article that goes before `word` (an HTTP method name)."""
    return 'an' if word[0] in 'AEIOU' else 'a'
