"""One resource module under every server: the same answers, and correct under load.

``examples/portable_sync.py`` (plain responders) and ``examples/portable_async.py``
(``async def`` responders) each serve ``falcon.App`` under every WSGI server kind and
``falcon.asgi.App`` under every ASGI server kind of ``tests/e2e/e2e_servers.py``: 18
deployments, each started once for the whole module.

Conformance: every deployment answers the same requests with the same status, headers and
body as plain responders in ``falcon.App`` under gunicorn's sync worker; only the headers a
server sets itself (Date, Server, Connection, Transfer-Encoding and the other hop-by-hop
headers) are left out. The reference answers are checked against what Falcon documents.

Load: 400 requests from 16 client threads per deployment; every answer is the right one, none
takes more than 5 s, and the server logs no traceback. ``/shared`` in the async module uses
module-level asyncio objects (a lock, a semaphore, a cache holding futures), which must work
when gunicorn's threaded worker runs ``async def`` responders from eight threads.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from tests.e2e.e2e_client import Answer, full_answer_of
from tests.e2e.e2e_servers import ASGI_SERVERS, WSGI_SERVERS, Server, serving

pytestmark = pytest.mark.slow

MODULES = {'sync': 'portable_sync', 'async': 'portable_async'}


def _deployments() -> dict[str, tuple[str, str]]:
    deployments = {}
    for short, module in MODULES.items():
        for app, kinds in (('wsgi', WSGI_SERVERS), ('asgi', ASGI_SERVERS)):
            for kind in kinds:
                deployments[f'{short}-{kind}'] = (kind, f'{module}:{app}_app')
    return deployments


DEPLOYMENTS = _deployments()
REFERENCE = 'sync-gunicorn'

BLOB = ''.join(f'{number:07d}\n' for number in range(250_000))  # 2 MB
LARGE_DOCUMENT = {'blob': BLOB, 'items': list(range(20_000))}
LARGE_BODY = json.dumps(LARGE_DOCUMENT).encode()
POSTED = {'name': 'lamp', 'tags': ['office', 'desk'], 'spec': {'watts': 7.5, 'dim': True}}
FORM = {'b': '2', 'a': ['1', '3'], 'text': 'hello world & more'}
STREAM_LINES = 500

# (id, method, path, httpx keyword arguments, expected status)
REQUESTS: list[tuple[str, str, str, dict[str, Any], int]] = [
    ('get-query', 'GET', '/echo?name=caf%C3%A9+au+lait&count=3&tag=a&tag=b', {}, 200),
    ('head', 'HEAD', '/echo?name=caf%C3%A9+au+lait&count=3&tag=a&tag=b', {}, 200),
    ('repeated-header', 'GET', '/echo', {'headers': [('X-Tag', 'a'), ('X-Tag', 'b c')]}, 200),
    ('encoded-path', 'GET', '/names/caf%C3%A9%20bar', {}, 200),
    ('encoded-slash', 'GET', '/names/a%2Fb', {}, 404),
    ('post-json', 'POST', '/echo', {'json': POSTED}, 201),
    ('post-form', 'POST', '/form', {'data': FORM}, 200),
    ('not-found', 'GET', '/nowhere', {}, 404),
    ('method-not-allowed', 'DELETE', '/echo', {}, 405),
    ('http-error-headers', 'GET', '/limited', {}, 429),
    ('cookies', 'GET', '/cookies', {'headers': {'Cookie': 'theme=dark; session=abc123'}}, 200),
    ('stream', 'GET', f'/stream?lines={STREAM_LINES}', {}, 200),
    (
        'large-body',
        'POST',
        '/digest',
        {'content': LARGE_BODY, 'headers': {'Content-Type': 'application/json'}},
        200,
    ),
    ('invalid-param', 'GET', '/echo?count=many', {}, 400),
]
REQUEST_IDS = [request[0] for request in REQUESTS]


def _warm_up(server: Server) -> None:
    """Wait until the app answers (a listening socket may belong to a booting server)."""
    deadline = time.monotonic() + 60
    while True:
        status: int | Exception
        try:
            status = httpx.get(f'{server.url}/echo', timeout=10).status_code
        except httpx.TransportError as error:
            status = error
        if status == 200:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f'{server.name} answered {status!r}:\n{server.stderr()}')
        time.sleep(0.1)


@pytest.fixture(scope='module')
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Server]]:
    """Every deployment, running for the whole module."""
    specs = list(DEPLOYMENTS.values())
    with serving(specs, tmp_path_factory.mktemp('portable-servers')) as running:
        for server in running:
            _warm_up(server)
        yield dict(zip(DEPLOYMENTS, running, strict=True))


_transcripts: dict[str, list[Answer]] = {}


def transcript(servers: dict[str, Server], deployment: str) -> list[Answer]:
    """The answers of one deployment to ``REQUESTS``, sent once, each on a new connection."""
    if deployment not in _transcripts:
        answers = []
        for _id, method, path, kwargs, _status in REQUESTS:
            with httpx.Client(base_url=servers[deployment].url, timeout=10.0) as client:
                answers.append(full_answer_of(client.request(method, path, **kwargs)))
        _transcripts[deployment] = answers
    return _transcripts[deployment]


def _reference(servers: dict[str, Server]) -> dict[str, Answer]:
    return dict(zip(REQUEST_IDS, transcript(servers, REFERENCE), strict=True))


def _json(answer: Answer) -> Any:
    return json.loads(answer.body)


def test_reference_answers_are_the_documented_ones(servers: dict[str, Server]) -> None:
    answers = _reference(servers)
    assert [answer.status for answer in answers.values()] == [request[4] for request in REQUESTS]

    query = answers['get-query']
    assert _json(query) == {
        'method': 'GET',
        'path': '/echo',
        'name': 'café au lait',
        'count': 3,
        'tags': ['a', 'b'],
        'x_tag': None,
    }
    assert query.header('content-type') == 'application/json'
    assert query.header('content-length') == str(len(query.body))
    assert query.header('vary') == 'Accept'
    assert query.header('x-echo-count') == '3'

    head = answers['head']
    assert head.body == b''
    # The same headers as GET, and the length of the body GET would send (with "HEAD").
    head_length = len(query.body.replace(b'"GET"', b'"HEAD"'))
    assert head.header('content-length') == str(head_length)
    assert [item for item in head.headers if item[0] != 'content-length'] == [
        item for item in query.headers if item[0] != 'content-length'
    ]

    assert _json(answers['repeated-header'])['x_tag'] == 'a,b c'
    assert _json(answers['encoded-path']) == {
        'name': 'café bar',
        'path': '/names/café bar',
        'uri_template': '/names/{name}',
    }
    # Servers decode %2F into a path separator before the app sees the path (FAQ).
    assert answers['encoded-slash'].body == b'{"title": "404 Not Found"}'

    posted = answers['post-json']
    assert posted.header('location') == '/echo/1'
    assert _json(posted) == {'received': POSTED, 'content_type': 'application/json'}

    assert _json(answers['post-form']) == {
        'form': {'a': ['1', '3'], 'b': '2', 'text': 'hello world & more'}
    }

    assert answers['not-found'].body == b'{"title": "404 Not Found"}'
    assert answers['not-found'].header('content-type') == 'application/json'
    not_allowed = answers['method-not-allowed']
    assert not_allowed.header('allow') == 'GET, HEAD, POST, OPTIONS'
    assert not_allowed.body == b'{"title": "405 Method Not Allowed"}'

    limited = answers['http-error-headers']
    assert limited.header('retry-after') == '7'
    assert limited.header('x-ratelimit-remaining') == '0'
    assert _json(limited) == {'title': 'Slow down', 'description': 'Try again in a few seconds.'}

    cookies = answers['cookies']
    assert _json(cookies) == {'cookies': {'session': 'abc123', 'theme': 'dark'}}
    seen, theme, old = dict(cookies.headers)['set-cookie']
    assert seen.startswith('seen=yes; ')
    assert {'Max-Age=60', 'Path=/', 'SameSite=Lax', 'HttpOnly'} <= set(seen.split('; '))
    assert 'Secure' not in seen.split('; ')
    assert theme.startswith('theme=dark; ')
    assert old.startswith('old=')
    assert 'Max-Age=0' in old.split('; ')

    stream = answers['stream']
    assert stream.body == ''.join(f'line {n}\n' for n in range(STREAM_LINES)).encode()
    assert stream.header('content-type') == 'text/plain; charset=utf-8'
    assert stream.header('content-length') is None

    assert _json(answers['large-body']) == {
        'content_length': len(LARGE_BODY),
        'blob_length': len(BLOB),
        'sha256': hashlib.sha256(BLOB.encode()).hexdigest(),
        'items': 20_000,
    }

    invalid = _json(answers['invalid-param'])
    assert invalid['title'] == 'Invalid parameter'
    assert 'count' in invalid['description']


@pytest.mark.parametrize('deployment', [name for name in DEPLOYMENTS if name != REFERENCE])
def test_every_deployment_answers_like_the_reference(
    servers: dict[str, Server], deployment: str
) -> None:
    reference = transcript(servers, REFERENCE)
    answers = transcript(servers, deployment)
    for request_id, answer, expected in zip(REQUEST_IDS, answers, reference, strict=True):
        assert answer.status == expected.status, request_id
        assert answer.headers == expected.headers, request_id
        assert answer.body == expected.body, request_id


# -- load ------------------------------------------------------------------------------------

LOAD_REQUESTS = 400
LOAD_THREADS = 16
SLOWEST_ALLOWED = 5.0


def _load_request(number: int) -> tuple[str, str, bytes, dict[str, str], int, Any]:
    """Request ``number`` of the load mix: method, path, body, headers, status, JSON or text."""
    kind = number % 5
    if kind == 0:
        query = {'method': 'GET', 'path': '/echo', 'name': f'u{number}', 'count': number % 100}
        path = f'/echo?name=u{number}&count={number % 100}'
        return 'GET', path, b'', {}, 200, {**query, 'tags': [], 'x_tag': None}
    if kind == 1:
        received = {'number': number, 'text': 'é' * (number % 7)}
        expected: dict[str, Any] = {'received': received, 'content_type': 'application/json'}
        body = json.dumps(received).encode()
        return 'POST', '/echo', body, {'Content-Type': 'application/json'}, 201, expected
    if kind == 2:
        key = f'k{number % 7}'
        expected = {'key': key, 'value': f'value-{key}', 'within_limit': True}
        return 'GET', f'/shared?key={key}', b'', {}, 200, expected
    if kind == 3:
        lines = number % 20
        text = ''.join(f'line {n}\n' for n in range(lines))
        return 'GET', f'/stream?lines={lines}', b'', {}, 200, text
    form = {'Content-Type': 'application/x-www-form-urlencoded'}
    return 'POST', '/form', f'n={number}'.encode(), form, 200, {'form': {'n': str(number)}}


def _run_slice(port: int, numbers: range) -> list[tuple[int, float, str | None]]:
    """Send the requests of ``numbers`` in order, reusing a connection while the server keeps
    it open; (number, seconds, problem) for each. ``http.client`` keeps the client's own
    cost per request low, so the time measured is the server's."""
    results = []
    connection = http.client.HTTPConnection('127.0.0.1', port, timeout=SLOWEST_ALLOWED * 2)
    try:
        for number in numbers:
            method, path, body, headers, status, expected = _load_request(number)
            started = time.monotonic()
            problem = None
            try:
                connection.request(method, path, body=body or None, headers=headers)
                response = connection.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                problem = f'{type(error).__name__}: {error}'
            else:
                text = data.decode()
                answer = text if isinstance(expected, str) else json.loads(text or 'null')
                if response.status != status or answer != expected:
                    problem = f'{response.status} {text[:300]!r}'
            results.append((number, time.monotonic() - started, problem))
    finally:
        connection.close()
    return results


@pytest.mark.parametrize('deployment', list(DEPLOYMENTS))
def test_load_every_answer_right_and_quick(servers: dict[str, Server], deployment: str) -> None:
    server = servers[deployment]
    per_thread = LOAD_REQUESTS // LOAD_THREADS
    slices = [range(start, start + per_thread) for start in range(0, LOAD_REQUESTS, per_thread)]
    with ThreadPoolExecutor(LOAD_THREADS) as pool:
        results = [
            result
            for outcome in pool.map(lambda numbers: _run_slice(server.port, numbers), slices)
            for result in outcome
        ]
    assert len(results) == LOAD_REQUESTS
    wrong = [(number, problem) for number, _seconds, problem in results if problem is not None]
    assert not wrong, f'{len(wrong)} of {LOAD_REQUESTS} answers wrong, first: {wrong[:3]}'
    slowest = max(seconds for _number, seconds, _problem in results)
    assert slowest < SLOWEST_ALLOWED
    log = server.stdout() + server.stderr()
    assert 'Traceback' not in log
