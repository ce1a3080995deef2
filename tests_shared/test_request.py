"""Request metadata: headers, content negotiation, dates, range, conditionals, URI parts."""

from __future__ import annotations

from typing import Any

import falcon
from tests._harness import Case, cases, run
from tests_shared._support import echo

_CONNECTION_ATTRIBUTES = ('scheme', 'root_path', 'remote_addr')


def _assignment_refused(req: Any, name: str) -> list[str]:
    """Try to set a connection attribute (read-only, as in Falcon); the name and the value it
    kept when refused, else a note saying the assignment went through."""
    try:
        setattr(req, name, 'changed')
    except AttributeError:
        return [name, getattr(req, name)]
    return [name, 'assignment accepted']


def value(expected: Any) -> dict[str, Any]:
    return {'value': expected}


def hdr(**headers: str) -> dict[str, Any]:
    return {'headers': {name.replace('_', '-'): val for name, val in headers.items()}}


def etags(tags: Any) -> Any:
    if tags is None:
        return None
    return [[str(tag), tag.is_weak] if tag != '*' else '*' for tag in tags]


HEADER_CASES = [
    Case(
        'get-header',
        echo(lambda r: r.get_header('X-Thing')),
        request=hdr(X_Thing='yes'),
        json=value('yes'),
    ),
    Case(
        'get-header-case-insensitive',
        echo(lambda r: r.get_header('x-THING')),
        request=hdr(X_Thing='yes'),
        json=value('yes'),
    ),
    Case('get-header-missing', echo(lambda r: r.get_header('X-Missing')), json=value(None)),
    Case(
        'get-header-default',
        echo(lambda r: r.get_header('X-Missing', default='d')),
        json=value('d'),
    ),
    Case(
        'get-header-required',
        echo(lambda r: r.get_header('X-Missing', required=True)),
        status=400,
        check=lambda r: r.json['title'] == 'Missing header value',
    ),
    Case(
        'get-header-as-int',
        echo(lambda r: r.get_header_as_int('X-N')),
        request=hdr(X_N='12'),
        json=value(12),
    ),
    Case(
        'get-header-as-int-bad',
        echo(lambda r: r.get_header_as_int('X-N')),
        request=hdr(X_N='twelve'),
        status=400,
        check=lambda r: r.json['title'] == 'Invalid header value',
    ),
    Case(
        'get-header-as-int-missing', echo(lambda r: r.get_header_as_int('X-N')), json=value(None)
    ),
    Case(
        'get-header-as-int-required',
        echo(lambda r: r.get_header_as_int('X-N', required=True)),
        status=400,
    ),
    Case(
        'get-header-as-datetime',
        echo(lambda r: r.get_header_as_datetime('X-When')),
        request=hdr(X_When='Tue, 15 Nov 1994 08:12:31 GMT'),
        json=value('1994-11-15T08:12:31+00:00'),
    ),
    Case(
        'get-header-as-datetime-bad',
        echo(lambda r: r.get_header_as_datetime('X-When')),
        request=hdr(X_When='yesterday'),
        status=400,
    ),
    # Falcon documents req.headers keys as upper case under WSGI and lower case under ASGI,
    # so the scenario compares them case-insensitively.
    Case(
        'headers-map',
        echo(lambda r: {k.lower(): v for k, v in r.headers.items()}['x-thing']),
        request=hdr(X_Thing='v'),
        json=value('v'),
    ),
    Case(
        'headers-lower',
        echo(lambda r: r.headers_lower.get('x-thing')),
        request=hdr(X_Thing='v'),
        json=value('v'),
    ),
    Case(
        'user-agent',
        echo(lambda r: r.user_agent),
        request=hdr(User_Agent='probe/1'),
        json=value('probe/1'),
    ),
    Case(
        'referer',
        echo(lambda r: r.referer),
        request=hdr(Referer='http://a.example/'),
        json=value('http://a.example/'),
    ),
    Case(
        'auth',
        echo(lambda r: r.auth),
        request=hdr(Authorization='Bearer t0k'),
        json=value('Bearer t0k'),
    ),
    Case(
        'expect',
        echo(lambda r: r.expect),
        request=hdr(Expect='100-continue'),
        json=value('100-continue'),
    ),
    Case(
        'content-type',
        echo(lambda r: r.content_type),
        request=hdr(Content_Type='text/plain; charset=utf-8'),
        json=value('text/plain; charset=utf-8'),
    ),
    Case('content-type-missing', echo(lambda r: r.content_type), json=value(None)),
    Case(
        'content-length',
        echo(lambda r: r.content_length),
        method='POST',
        request={'body': b'hello'},
        json=value(5),
    ),
    Case('content-length-missing', echo(lambda r: r.content_length), json=value(None)),
    Case(
        'content-length-zero',
        echo(lambda r: r.content_length),
        request=hdr(Content_Length='0'),
        json=value(0),
    ),
    Case(
        'date',
        echo(lambda r: r.date),
        request=hdr(Date='Sun, 06 Nov 1994 08:49:37 GMT'),
        json=value('1994-11-06T08:49:37+00:00'),
    ),
    Case('date-missing', echo(lambda r: r.date), json=value(None)),
    Case(
        'if-modified-since',
        echo(lambda r: r.if_modified_since),
        request=hdr(If_Modified_Since='Sun, 06 Nov 1994 08:49:37 GMT'),
        json=value('1994-11-06T08:49:37+00:00'),
    ),
    Case(
        'if-unmodified-since',
        echo(lambda r: r.if_unmodified_since),
        request=hdr(If_Unmodified_Since='Sun, 06 Nov 1994 08:49:37 GMT'),
        json=value('1994-11-06T08:49:37+00:00'),
    ),
    Case(
        'if-range', echo(lambda r: r.if_range), request=hdr(If_Range='"abc"'), json=value('"abc"')
    ),
    Case(
        'if-match',
        echo(lambda r: etags(r.if_match)),
        request=hdr(If_Match='"a", W/"b"'),
        json=value([['a', False], ['b', True]]),
    ),
    Case(
        'if-match-star',
        echo(lambda r: etags(r.if_match)),
        request=hdr(If_Match='*'),
        json=value(['*']),
    ),
    Case('if-match-missing', echo(lambda r: etags(r.if_match)), json=value(None)),
    Case(
        'if-none-match',
        echo(lambda r: etags(r.if_none_match)),
        request=hdr(If_None_Match='W/"x"'),
        json=value([['x', True]]),
    ),
    Case('range', echo(lambda r: r.range), request=hdr(Range='bytes=10-20'), json=value([10, 20])),
    Case(
        'range-open-end',
        echo(lambda r: r.range),
        request=hdr(Range='bytes=10-'),
        json=value([10, -1]),
    ),
    Case(
        'range-suffix',
        echo(lambda r: r.range),
        request=hdr(Range='bytes=-5'),
        json=value([-5, -1]),
    ),
    Case(
        'range-unit',
        echo(lambda r: r.range_unit),
        request=hdr(Range='bytes=0-1'),
        json=value('bytes'),
    ),
    Case('range-missing', echo(lambda r: [r.range, r.range_unit]), json=value([None, None])),
    Case('range-malformed', echo(lambda r: r.range), request=hdr(Range='bytes=x-y'), status=400),
    Case('range-reversed', echo(lambda r: r.range), request=hdr(Range='bytes=9-1'), status=400),
    Case('range-no-unit', echo(lambda r: r.range), request=hdr(Range='10-20'), status=400),
]

ACCEPT_CASES = [
    Case('accept-default', echo(lambda r: r.accept), json=value('*/*')),
    Case(
        'accept',
        echo(lambda r: r.accept),
        request=hdr(Accept='text/html'),
        json=value('text/html'),
    ),
    Case(
        'client-accepts-json',
        echo(lambda r: r.client_accepts_json),
        request=hdr(Accept='application/json'),
        json=value(True),
    ),
    Case('client-accepts-json-wildcard', echo(lambda r: r.client_accepts_json), json=value(True)),
    Case(
        'client-accepts-xml-no',
        echo(lambda r: r.client_accepts_xml),
        request=hdr(Accept='application/json'),
        json=value(False),
    ),
    Case(
        'client-accepts-msgpack',
        echo(lambda r: r.client_accepts_msgpack),
        request=hdr(Accept='application/msgpack'),
        json=value(True),
    ),
    Case(
        'client-accepts-subtype-wildcard',
        echo(lambda r: r.client_accepts('text/csv')),
        request=hdr(Accept='text/*'),
        json=value(True),
    ),
    Case(
        'client-accepts-q0',
        echo(lambda r: r.client_accepts('text/html')),
        request=hdr(Accept='text/html;q=0, */*'),
        json=value(False),
    ),
    Case(
        'client-prefers',
        echo(lambda r: r.client_prefers(['text/html', 'application/json'])),
        request=hdr(Accept='application/json, text/html;q=0.5'),
        json=value('application/json'),
    ),
    Case(
        'client-prefers-none',
        echo(lambda r: r.client_prefers(['image/png'])),
        request=hdr(Accept='application/json'),
        json=value(None),
    ),
    Case(
        'client-prefers-specific-over-wildcard',
        echo(lambda r: r.client_prefers(['text/plain', 'text/html'])),
        request=hdr(Accept='text/*;q=0.5, text/html'),
        json=value('text/html'),
    ),
]

URI_CASES = [
    Case('method', echo(lambda r: r.method), method='PUT', json=value('PUT')),
    Case('path', echo(lambda r: r.path, route='/a/b'), path='/a/b', json=value('/a/b')),
    Case(
        'query-string',
        echo(lambda r: r.query_string),
        request={'query_string': 'a=1&b=2'},
        json=value('a=1&b=2'),
    ),
    Case('scheme', echo(lambda r: r.scheme), json=value('http')),
    Case(
        'scheme-https',
        echo(lambda r: r.scheme),
        request={'protocol': 'https'},
        json=value('https'),
    ),
    Case('host', echo(lambda r: r.host), json=value('falconframework.org')),
    Case(
        'host-header-port-stripped',
        echo(lambda r: r.host),
        request=hdr(Host='example.com:8080'),
        json=value('example.com'),
    ),
    Case('port-default', echo(lambda r: r.port), json=value(80)),
    Case(
        'port-from-host',
        echo(lambda r: r.port),
        request=hdr(Host='example.com:8080'),
        json=value(8080),
    ),
    Case('netloc', echo(lambda r: r.netloc), json=value('falconframework.org')),
    Case(
        'netloc-port',
        echo(lambda r: r.netloc),
        request=hdr(Host='example.com:8080'),
        json=value('example.com:8080'),
    ),
    Case(
        'uri',
        echo(lambda r: r.uri, route='/p'),
        path='/p',
        request={'query_string': 'x=1'},
        json=value('http://falconframework.org/p?x=1'),
    ),
    Case('url-is-uri', echo(lambda r: r.url == r.uri), json=value(True)),
    Case(
        'relative-uri',
        echo(lambda r: r.relative_uri, route='/p'),
        path='/p',
        request={'query_string': 'x=1'},
        json=value('/p?x=1'),
    ),
    Case('prefix', echo(lambda r: r.prefix), json=value('http://falconframework.org')),
    Case(
        'root-path',
        echo(lambda r: [r.root_path, r.root_path, r.relative_uri], route='/p'),
        path='/p',
        request={'root_path': '/api'},
        json=value(['/api', '/api', '/api/p']),
    ),
    Case(
        'subdomain',
        echo(lambda r: r.subdomain),
        request=hdr(Host='api.example.com'),
        json=value('api'),
    ),
    Case(
        'subdomain-none',
        echo(lambda r: r.subdomain),
        request=hdr(Host='localhost'),
        json=value(None),
    ),
    Case(
        'remote-addr',
        echo(lambda r: r.remote_addr),
        request={'remote_addr': '10.1.2.3'},
        json=value('10.1.2.3'),
    ),
    Case(
        'connection-attributes-read-only',
        echo(lambda r: [_assignment_refused(r, name) for name in _CONNECTION_ATTRIBUTES]),
        request={'remote_addr': '10.1.2.3', 'root_path': '/api'},
        json=value([['scheme', 'http'], ['root_path', '/api'], ['remote_addr', '10.1.2.3']]),
    ),
    Case(
        'forwarded',
        echo(lambda r: [[f.src, f.dest, f.host, f.scheme] for f in r.forwarded]),
        request=hdr(Forwarded='for=192.0.2.60;proto=https;by=203.0.113.43;host=ex.com'),
        json=value([['192.0.2.60', '203.0.113.43', 'ex.com', 'https']]),
    ),
    Case('forwarded-missing', echo(lambda r: r.forwarded), json=value(None)),
    Case(
        'forwarded-host',
        echo(lambda r: r.forwarded_host),
        request=hdr(Forwarded='host=proxy.example'),
        json=value('proxy.example'),
    ),
    Case(
        'forwarded-host-x-header',
        echo(lambda r: r.forwarded_host),
        request=hdr(X_Forwarded_Host='xf.example'),
        json=value('xf.example'),
    ),
    Case(
        'forwarded-host-fallback',
        echo(lambda r: r.forwarded_host),
        json=value('falconframework.org'),
    ),
    Case(
        'forwarded-scheme',
        echo(lambda r: r.forwarded_scheme),
        request=hdr(Forwarded='proto=https'),
        json=value('https'),
    ),
    Case(
        'forwarded-scheme-x-header',
        echo(lambda r: r.forwarded_scheme),
        request=hdr(X_Forwarded_Proto='https'),
        json=value('https'),
    ),
    Case(
        'forwarded-uri',
        echo(lambda r: r.forwarded_uri, route='/p'),
        path='/p',
        request=hdr(Forwarded='proto=https;host=pub.example'),
        json=value('https://pub.example/p'),
    ),
    Case(
        'forwarded-prefix',
        echo(lambda r: r.forwarded_prefix),
        request=hdr(X_Forwarded_Host='pub.example', X_Forwarded_Proto='https'),
        json=value('https://pub.example'),
    ),
    Case(
        'access-route-forwarded',
        echo(lambda r: r.access_route[:2]),
        request=hdr(Forwarded='for=1.1.1.1, for=2.2.2.2'),
        json=value(['1.1.1.1', '2.2.2.2']),
    ),
    Case(
        'access-route-xff',
        echo(lambda r: r.access_route[:2]),
        request=hdr(X_Forwarded_For='3.3.3.3, 4.4.4.4'),
        json=value(['3.3.3.3', '4.4.4.4']),
    ),
    Case(
        'access-route-x-real-ip',
        echo(lambda r: r.access_route[:1]),
        request=hdr(X_Real_IP='5.5.5.5'),
        json=value(['5.5.5.5']),
    ),
    Case(
        'access-route-remote-addr',
        echo(lambda r: r.access_route),
        request={'remote_addr': '6.6.6.6'},
        json=value(['6.6.6.6']),
    ),
    Case(
        'uri-template',
        echo(lambda r: r.uri_template, route='/things/{tid}'),
        path='/things/3',
        json=value('/things/{tid}'),
    ),
    Case(
        'context-is-context',
        echo(lambda r: isinstance(r.context, falcon.Context)),
        json=value(True),
    ),
    Case('is-websocket-false', echo(lambda r: r.is_websocket), json=value(False)),
]


@cases(HEADER_CASES)
def test_request_headers(case: Case) -> None:
    run(case)


@cases(ACCEPT_CASES)
def test_request_accept(case: Case) -> None:
    run(case)


@cases(URI_CASES)
def test_request_uri(case: Case) -> None:
    run(case)
