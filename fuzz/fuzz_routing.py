"""Fuzz target: URI templates and request paths through the compiled router and both apps.

Input grammar (UTF-8 text, undecodable bytes replaced): the first line is a URI template,
each further line a request path (at most :data:`MAX_PATHS` of them).

- The template goes to a new ``CompiledRouter``: it compiles, or ``add_route`` raises the
  documented ``ValueError`` (``UnacceptableRouteError``). Templates come from applications,
  not clients, but a bad one must still fail with that error at startup. When it compiles,
  every path is looked up in that router: a match or ``None``. Templates with a ``re``
  converter are only compiled: their patterns are the application's, and a pattern that
  backtracks for long is its author's choice.
- Every path is also looked up in a fixed router with every built-in converter and complex
  segments, then requested from ``falcon.App`` and ``falcon.asgi.App`` with those routes:
  a 2xx or a 4xx (404, or a 400 from a converter's field), never a 500.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fuzz._harness import (
    Capture,
    environ_for,
    fuzz,
    instrumented,
    run_asgi_http,
    run_wsgi,
    scope_for,
)

with instrumented(
    __name__ == '__main__',
    ['falcon.core.routing', 'falcon.core._uri', 'falcon.core._app'],
):
    import falcon
    import falcon.asgi
    import falcon.routing

#: Most request paths one input checks.
MAX_PATHS = 4

#: Longest template tried (longer ones only cost time to compile).
MAX_TEMPLATE = 300

#: The fixed routes: every built-in converter, converter arguments, complex segments.
FIXED_TEMPLATES = (
    '/',
    '/items',
    '/items/{item_id:int}',
    '/parts/{part_id:int(3, min=1, max=999)}/{part}',
    '/ratio/{value:float(min=0.0)}',
    '/when/{stamp:dt}',
    '/day/{day:dt("%Y-%m-%d")}',
    '/ids/{ident:uuid}',
    '/files/{name}.{ext}',
    '/files/{name}.{ext}/v{version:int}',
    '/archives/{stem}-{part}-{rest}.tar.gz',
    '/static/{tail:path}',
    '/codes/{code:re("[A-Z]{3}-[0-9]+")}',
    '/groups/{group:re("(?P<head>[a-z]+)-[0-9]+", "head")}',
    '/users/{user}/repos/{repo}/issues/{number:int}',
    '/users/{user}/settings',
)


class Resource:
    def on_get(self, req: Any, resp: Any, **fields: Any) -> None:
        resp.status = falcon.HTTP_204

    on_post = on_get


class AsyncResource:
    async def on_get(self, req: Any, resp: Any, **fields: Any) -> None:
        resp.status = falcon.HTTP_204

    on_post = on_get


FIXED_ROUTER = falcon.routing.CompiledRouter()
CAPTURE = Capture()
WSGI_APP = falcon.App()
ASGI_APP = falcon.asgi.App()
for _template in FIXED_TEMPLATES:
    FIXED_ROUTER.add_route(_template, Resource())
    WSGI_APP.add_route(_template, Resource())
    ASGI_APP.add_route(_template, AsyncResource())
CAPTURE.install(WSGI_APP, is_asgi=False)
CAPTURE.install(ASGI_APP, is_asgi=True)


def check_template(template: str, paths: list[str]) -> None:
    router = falcon.routing.CompiledRouter()
    try:
        router.add_route(template, Resource(), compile=True)
    except ValueError:
        return
    if ':re' in template:
        return
    for path in paths:
        router.find(path)


def test_one_input(data: bytes) -> None:
    template, *lines = data.decode('utf-8', 'replace').split('\n')
    if len(template) <= MAX_TEMPLATE:
        check_template(template, lines[:MAX_PATHS])
    for line in lines[:MAX_PATHS]:
        FIXED_ROUTER.find(line)
        # A server hands over a decoded path; the target on the wire is ASCII.
        path = '/' + quote(line.lstrip('/'), safe="/:@!$&'()*+,;=-._~")
        CAPTURE.check(run_wsgi(WSGI_APP, environ_for('GET', path))[0], 'WSGI')
        scope = scope_for('GET', path)
        CAPTURE.check(run_asgi_http(ASGI_APP, scope, b'')[0], 'ASGI')


if __name__ == '__main__':
    fuzz(test_one_input)
