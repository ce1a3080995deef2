"""Fuzz target: the request head (method, path, query string, headers) in both apps.

Input grammar: the first byte chooses the request options (:data:`OPTION_BITS`); then, as
latin-1 text, the first line is ``METHOD target``, where the target is a path with an
optional ``?query``, and each further line is a ``Name: value`` header. Bytes a
server could not hand over are made safe first: the target is printable ASCII (the rest is
percent-encoded as UTF-8) and header values lose CR and NUL.

A sink in ``falcon.App`` and one in ``falcon.asgi.App`` read every property and getter that
parses the head: the typed header getters, HTTP dates, cookies, ``Accept`` and content
negotiation, ``Range``, conditional headers, ``Forwarded`` and the host family,
``Last-Event-ID`` (Server-Sent Events), and the query string through every
``get_param_as_*``. Invariant: each read is a value or a 4xx ``HTTPError``; the app answers
below 500.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fuzz._harness import (
    TOKEN_CHARS,
    Capture,
    environ_for,
    fuzz,
    header_lines,
    instrumented,
    read,
    run_asgi_http,
    run_wsgi,
    scope_for,
)

with instrumented(
    __name__ == '__main__',
    [
        'falcon.core._request',
        'falcon.core._headers',
        'falcon.core._header_props',
        'falcon.core._cookies',
        'falcon.core._dates',
        'falcon.core._forwarded',
        'falcon.core._mediatypes',
        'falcon.core._uri',
        'falcon.core._misc',
        'falcon.wsgi._request',
        'falcon.asgi._request',
    ],
):
    import falcon
    import falcon.asgi

#: Characters a request target keeps as they are; the rest is percent-encoded.
_TARGET_SAFE = ''.join(chr(code) for code in range(0x21, 0x7F) if chr(code) != '#')

#: Every read of the head, by name; each one parses client input on its own.
READS: dict[str, Callable[[Any], Any]] = {
    'headers': lambda req: dict(req.headers),
    'x_int': lambda req: req.get_header_as_int('X-Int'),
    'x_date': lambda req: req.get_header_as_datetime('X-Date'),
    'x_date_obs': lambda req: req.get_header_as_datetime('X-Date', obs_date=True),
    'content_length': lambda req: req.content_length,
    'content_type': lambda req: req.content_type,
    'auth': lambda req: req.auth,
    'expect': lambda req: req.expect,
    'referer': lambda req: req.referer,
    'user_agent': lambda req: req.user_agent,
    'last_event_id': lambda req: req.last_event_id,
    'accept': lambda req: req.accept,
    'date': lambda req: req.date,
    'if_modified_since': lambda req: req.if_modified_since,
    'if_unmodified_since': lambda req: req.if_unmodified_since,
    'if_range': lambda req: req.if_range,
    'if_match': lambda req: req.if_match,
    'if_none_match': lambda req: req.if_none_match,
    'range': lambda req: req.range,
    'range_unit': lambda req: req.range_unit,
    'client_accepts_json': lambda req: req.client_accepts_json,
    'client_accepts_msgpack': lambda req: req.client_accepts_msgpack,
    'client_accepts_xml': lambda req: req.client_accepts_xml,
    'client_accepts_html': lambda req: req.client_accepts('text/html'),
    'client_prefers': lambda req: req.client_prefers(
        ['application/json', 'text/html', 'application/msgpack']
    ),
    'method': lambda req: req.method,
    'path': lambda req: req.path,
    'query_string': lambda req: req.query_string,
    'scheme': lambda req: req.scheme,
    'host': lambda req: req.host,
    'port': lambda req: req.port,
    'netloc': lambda req: req.netloc,
    'subdomain': lambda req: req.subdomain,
    'uri': lambda req: req.uri,
    'relative_uri': lambda req: req.relative_uri,
    'forwarded': lambda req: req.forwarded,
    'forwarded_scheme': lambda req: req.forwarded_scheme,
    'forwarded_host': lambda req: req.forwarded_host,
    'forwarded_prefix': lambda req: req.forwarded_prefix,
    'forwarded_uri': lambda req: req.forwarded_uri,
    'access_route': lambda req: req.access_route,
    'remote_addr': lambda req: req.remote_addr,
    'cookies': lambda req: req.cookies,
    'cookie_values': lambda req: req.get_cookie_values('a'),
    'params': lambda req: req.params,
    'param': lambda req: req.get_param('x'),
    'param_int': lambda req: req.get_param_as_int('i', min_value=-5, max_value=10**6),
    'param_float': lambda req: req.get_param_as_float('f', min_value=0.0, max_value=1.0),
    'param_bool': lambda req: req.get_param_as_bool('b'),
    'param_uuid': lambda req: req.get_param_as_uuid('u'),
    'param_list': lambda req: req.get_param_as_list('l', transform=int),
    'param_list_pipe': lambda req: req.get_param_as_list('l', delimiter='|'),
    'param_dict': lambda req: req.get_param_as_dict('d'),
    'param_dict_deep': lambda req: req.get_param_as_dict('d', deep_object=True),
    'param_json': lambda req: req.get_param_as_json('j'),
    'param_datetime': lambda req: req.get_param_as_datetime('dt'),
    'param_date': lambda req: req.get_param_as_date('date', '%Y%m%d'),
    'query_as_media': lambda req: req.get_query_string_as_media(),
}


def read_head(req: Any) -> None:
    for getter in READS.values():
        read(lambda getter=getter: getter(req))


def sink(req: Any, resp: Any, **fields: Any) -> None:
    read_head(req)
    resp.status = falcon.HTTP_204


async def sink_async(req: Any, resp: Any, **fields: Any) -> None:
    read_head(req)
    resp.status = falcon.HTTP_204


CAPTURE = Capture()
WSGI_APP = falcon.App()
WSGI_APP.add_sink(sink, '/')
CAPTURE.install(WSGI_APP, is_asgi=False)
ASGI_APP = falcon.asgi.App()
ASGI_APP.add_sink(sink_async, '/')
CAPTURE.install(ASGI_APP, is_asgi=True)


#: The bit of the first input byte that sets each request option to the other value than
#: its default.
OPTION_BITS = {
    'auto_parse_qs_csv': 1,
    'keep_blank_qs_values': 2,
    'strip_url_path_trailing_slash': 4,
}
_DEFAULT_OPTIONS = {name: getattr(falcon.RequestOptions(), name) for name in OPTION_BITS}


def set_options(bits: int) -> None:
    for app in (WSGI_APP, ASGI_APP):
        for name, bit in OPTION_BITS.items():
            setattr(app.req_options, name, _DEFAULT_OPTIONS[name] != bool(bits & bit))


def parse_input(data: bytes) -> tuple[str, str, str, list[tuple[str, str]]]:
    """``(method, path, query string, headers)`` from the text after the options byte."""
    first, _, rest = data.decode('latin-1').partition('\n')
    method, _, target = first.replace('\r', '').partition(' ')
    if not method or not TOKEN_CHARS.issuperset(method):
        method = 'GET'
    target = quote(target.strip(), safe=_TARGET_SAFE)
    path, _, query = target.partition('?')
    if not path.startswith('/'):
        path = '/' + path
    return method, path, query, header_lines(rest.split('\n'))


def test_one_input(data: bytes) -> None:
    if not data:
        return
    set_options(data[0])
    method, path, query, headers = parse_input(data[1:])
    environ = environ_for(method, path, query, headers)
    CAPTURE.check(run_wsgi(WSGI_APP, environ)[0], 'WSGI')
    scope = scope_for(method, path, query, headers)
    CAPTURE.check(run_asgi_http(ASGI_APP, scope, b'')[0], 'ASGI')


if __name__ == '__main__':
    fuzz(test_one_input)
