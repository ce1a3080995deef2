"""``make demo``'s pages in headless Chromium, with a screenshot of each.

The demo app runs under uvicorn on a free port. Each page is opened in a fresh tab, with the
console watched from before the page loads: a page passes only if no script throws and
nothing is logged at error level. Then the test works the page: two tabs chat; the feed
drops its stream and resumes with ``Last-Event-ID`` without losing or repeating a tick; the
API explorer sends every prepared request to the ASGI and the WSGI mount and finds the two
answers identical. A PNG of each page goes to ``tests/e2e/artifacts/`` (ignored by git).
The last tests need no browser: ``/docs`` with and without a built site, and the WSGI mount
the explorer goes through, called in this process.

Chromium and the DevTools client are the real-time browser test's.
"""

from __future__ import annotations

import base64
import http
import importlib
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import falcon.asgi
import falcon.testing
from tests.e2e.e2e_servers import REPO, Server, serving
from tests.e2e.test_realtime_browser import DevTools
from tests.e2e.test_realtime_browser import devtools as devtools  # the fixture

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parent / 'artifacts'
WIDTH, HEIGHT = 1280, 860


@pytest.fixture(scope='module')
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serving([('uvicorn', 'demo:app')], tmp_path_factory.mktemp('demo')) as (running,):
        yield running


async def open_page(devtools: DevTools, url: str) -> str:
    """A new tab watching its console, sized ``WIDTH`` x ``HEIGHT``, once ``url`` (or where
    it redirects) has loaded."""
    target = await devtools.call('Target.createTarget', url='about:blank')
    attached = await devtools.call(
        'Target.attachToTarget', targetId=target['targetId'], flatten=True
    )
    session = str(attached['sessionId'])
    for domain in ('Runtime', 'Log', 'Page'):
        await devtools.call(f'{domain}.enable', session)
    await devtools.call(
        'Emulation.setDeviceMetricsOverride',
        session,
        width=WIDTH,
        height=HEIGHT,
        deviceScaleFactor=1,
        mobile=False,
    )
    await devtools.call('Page.navigate', session, url=url)
    await devtools.wait_for(
        session, "location.href !== 'about:blank' && document.readyState === 'complete'"
    )
    return session


def console_errors(
    devtools: DevTools, session: str, allowed_urls: tuple[str, ...] = ()
) -> list[str]:
    """What the tab reported as errors: uncaught exceptions, ``console.error`` calls and
    browser log entries at error level (failed loads among them, with their URL), except
    failed loads of ``allowed_urls`` prefixes."""
    errors: list[str] = []
    for event in devtools.events:
        if event.get('sessionId') != session:
            continue
        method, params = event['method'], event.get('params', {})
        if method == 'Runtime.exceptionThrown':
            details = params['exceptionDetails']
            errors.append(details.get('exception', {}).get('description') or details['text'])
        elif method == 'Runtime.consoleAPICalled' and params['type'] in ('error', 'assert'):
            errors.append(' '.join(str(arg.get('value', arg)) for arg in params['args']))
        elif method == 'Log.entryAdded' and params['entry']['level'] == 'error':
            entry = params['entry']
            url = entry.get('url', '')
            if not (entry.get('source') == 'network' and url.startswith(allowed_urls)):
                errors.append(f'{entry["text"]} {url}'.strip())
    return errors


async def screenshot(devtools: DevTools, session: str, name: str) -> Path:
    """Save the tab's viewport as ``artifacts/<name>.png`` and check it is a PNG of the
    viewport's size."""
    await devtools.call('Page.bringToFront', session)
    shot = await devtools.call('Page.captureScreenshot', session, format='png')
    data = base64.b64decode(shot['data'])
    assert data[:8] == b'\x89PNG\r\n\x1a\n'
    assert struct.unpack('>II', data[16:24]) == (WIDTH, HEIGHT)
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f'{name}.png'
    path.write_bytes(data)
    return path


async def assert_styled(devtools: DevTools, session: str) -> None:
    """The page's stylesheet loaded and applies: the header bar is dark, the font a system one."""
    style = await devtools.evaluate(
        session,
        "(() => { const top = getComputedStyle(document.querySelector('header.top'));"
        'return [top.backgroundColor, getComputedStyle(document.body).fontFamily]; })()',
    )
    assert style[0] == 'rgb(18, 23, 34)'
    assert style[1].startswith('system-ui')


async def test_landing_page_and_docs(demo: Server, devtools: DevTools) -> None:
    landing = await open_page(devtools, demo.url + '/')
    await assert_styled(devtools, landing)
    cards = await devtools.evaluate(
        landing,
        "Array.from(document.querySelectorAll('.card')).map("
        "c => [c.getAttribute('href'), c.querySelector('h3').textContent])",
    )
    assert cards == [
        ['/live/chat', 'Chat'],
        ['/live/feed', 'Live feed'],
        ['/explorer', 'API explorer'],
        ['/docs', 'Documentation'],
    ]
    routes = await devtools.evaluate(
        landing,
        "Array.from(document.querySelectorAll('table.routes a')).map(a => a.getAttribute('href'))",
    )
    assert routes[:4] == ['/live/chat', '/live/feed', '/explorer', '/docs']
    assert {'/channels', '/realtime', '/api/items', '/wsgi/api/items'} <= set(routes)
    assert await devtools.evaluate(landing, 'document.title') == 'falcon demo'
    await screenshot(devtools, landing, 'landing')
    assert console_errors(devtools, landing) == []

    docs = await open_page(devtools, demo.url + '/docs')
    if (REPO / 'docs' / '_build' / 'html' / 'index.html').is_file():
        # The built site, served by the demo's static route.
        assert await devtools.evaluate(docs, 'location.pathname') == '/docs/index.html'
        assert await devtools.evaluate(docs, "document.querySelector('h1') !== null")
    else:
        await assert_styled(devtools, docs)
        command = "document.getElementById('build-command').textContent"
        assert await devtools.evaluate(docs, command) == 'make docs'
    await screenshot(devtools, docs, 'docs')
    assert console_errors(devtools, docs) == []


CHAT_TEXTS = (
    "Array.from(document.querySelectorAll('.chat-message')).map("
    "m => m.querySelector('.who').textContent + ': ' + m.querySelector('.text').textContent)"
)


async def send_chat(devtools: DevTools, tab: str, user: str, message: str) -> None:
    await devtools.evaluate(
        tab,
        f'document.getElementById("user").value = {user!r};'
        f'document.getElementById("message").value = {message!r};'
        'document.getElementById("chat-form").requestSubmit(); true',
    )


async def test_chat_between_two_tabs(demo: Server, devtools: DevTools) -> None:
    first = await open_page(devtools, demo.url + '/live/chat')
    second = await open_page(devtools, demo.url + '/live/chat')
    for tab in (first, second):
        await devtools.wait_for(
            tab, "document.getElementById('chat-status').dataset.state === 'open'"
        )
        await assert_styled(devtools, tab)

    await send_chat(devtools, first, 'ann', 'hello from the first tab')
    for tab in (first, second):
        texts = await devtools.wait_for(tab, f'{CHAT_TEXTS}.length === 1 && {CHAT_TEXTS}')
        assert texts == ['ann: hello from the first tab']
    await send_chat(devtools, second, 'bob', 'and hello back from the second')
    for tab in (first, second):
        texts = await devtools.wait_for(tab, f'{CHAT_TEXTS}.length === 2 && {CHAT_TEXTS}')
        assert texts == ['ann: hello from the first tab', 'bob: and hello back from the second']
    # each tab marks the messages sent under its own name
    mine = (
        "Array.from(document.querySelectorAll('.chat-message.mine .who')).map(e => e.textContent)"
    )
    assert await devtools.evaluate(first, mine) == ['ann']
    assert await devtools.evaluate(second, mine) == ['bob']
    assert await devtools.evaluate(first, "document.getElementById('seen').textContent") == '2'

    await screenshot(devtools, second, 'chat')
    assert console_errors(devtools, first) == []
    assert console_errors(devtools, second) == []


async def test_feed_resumes_after_a_drop_without_losing_a_tick(
    demo: Server, devtools: DevTools
) -> None:
    feed = await open_page(devtools, demo.url + '/live/feed')
    await assert_styled(devtools, feed)
    await devtools.wait_for(feed, "document.querySelectorAll('.feed-event').length >= 3")
    assert await devtools.evaluate(feed, "document.getElementById('feed-status').textContent") == (
        'open'
    )
    last_before = await devtools.evaluate(feed, "document.getElementById('last-id').textContent")

    await devtools.evaluate(feed, "document.getElementById('drop').click(); true")
    await devtools.wait_for(feed, "document.querySelector('.log-entry.lost') !== null", limit=10)
    resumed_after = await devtools.wait_for(
        feed, "document.querySelector('.log-entry.resume')?.dataset.after", limit=15
    )
    await devtools.wait_for(feed, "document.querySelectorAll('.feed-event.replayed').length >= 1")
    await devtools.evaluate(
        feed,
        "document.getElementById('notice').value = 'deploy done';"
        "document.getElementById('notice-form').requestSubmit(); true",
    )
    await devtools.wait_for(feed, "document.querySelector('.feed-event.kind-notice') !== null")
    await devtools.wait_for(feed, "document.getElementById('feed-status').textContent === 'open'")

    events = await devtools.evaluate(
        feed,
        "Array.from(document.querySelectorAll('.feed-event')).map(e => "
        "[e.dataset.id, e.dataset.n || null, e.classList.contains('replayed'), "
        "e.querySelector('.event-text').textContent])",
    )
    ids = [event[0] for event in events]
    assert len(set(ids)) == len(ids)
    ticks = [int(n) for _id, n, _replayed, _text in events if n is not None]
    assert ticks == list(range(ticks[0], ticks[0] + len(ticks)))  # no tick lost or repeated
    # the browser sent the id of the last event it had, which came before the drop ...
    assert resumed_after in ids
    assert ids.index(resumed_after) >= ids.index(last_before)
    # ... and the ticks published while it was away came back, right after that event
    following = events[ids.index(resumed_after) + 1]
    assert following[2] is True
    assert [text for *_, text in events if text.startswith('notice')] == ['notice: deploy done']
    assert await devtools.evaluate(feed, "document.getElementById('resumes').textContent") == '1'
    assert await devtools.evaluate(feed, "document.querySelectorAll('.out-of-order').length") == 0

    await screenshot(devtools, feed, 'feed')
    assert console_errors(devtools, feed) == []


async def test_the_example_pages_of_the_route_table_load_cleanly(
    demo: Server, devtools: DevTools
) -> None:
    """The channels page and the seed's verbatim real-time page: connected, no errors."""
    for path, name in (('/channels', 'channels'), ('/realtime', 'realtime')):
        page = await open_page(devtools, demo.url + path)
        await devtools.wait_for(
            page,
            "document.getElementById('chat-status').textContent === 'open' && "
            "document.getElementById('feed-status').textContent === 'open'",
        )
        link = "document.querySelector('header a').getAttribute('href')"
        assert await devtools.evaluate(page, link) == '/'
        await screenshot(devtools, page, name)
        assert console_errors(devtools, page) == []


# The explorer's prepared requests, in order, and the status code both mounts answer.
EXPLORER_REQUESTS = [
    ('GET', 'List items', 200),
    ('GET', 'Items tagged kitchen', 200),
    ('POST', 'Create an item', 201),
    ('GET', 'Read item 1', 200),
    ('PUT', 'Replace item 1', 200),
    ('DELETE', 'Delete item 2', 204),
    ('GET', 'A missing item', 404),
    ('POST', 'An invalid item', 422),
    ('GET', 'Who am I, no token', 401),
    ('GET', 'Who am I, with a token', 200),
]


def status_line(code: int) -> str:
    """The status the browser shows: ASGI sends no reason phrase, so uvicorn takes Python's
    (422 is "Unprocessable Content" from Python 3.13 on, "Unprocessable Entity" before)."""
    return f'{code} {http.HTTPStatus(code).phrase}'


SIDE = (
    "(side => ['url', 'status', 'headers', 'body'].map("
    "part => document.querySelector('#side-' + side + ' .' + part).textContent))"
)


async def test_explorer_finds_asgi_and_wsgi_alike(demo: Server, devtools: DevTools) -> None:
    explorer = await open_page(devtools, demo.url + '/explorer')
    await assert_styled(devtools, explorer)
    labels = await devtools.evaluate(
        explorer, "Array.from(document.querySelectorAll('.preset')).map(b => b.textContent)"
    )
    assert labels == [method + label for method, label, _code in EXPLORER_REQUESTS]

    for number, (_method, label, code) in enumerate(EXPLORER_REQUESTS, start=1):
        await devtools.evaluate(
            explorer,
            f"document.querySelectorAll('.preset')[{number - 1}].click();"
            "document.getElementById('send').click(); true",
        )
        verdict = await devtools.wait_for(
            explorer,
            f"document.getElementById('verdict').dataset.exchange === '{number}' && "
            "[document.getElementById('verdict').textContent, "
            "document.getElementById('verdict-detail').textContent]",
        )
        asgi = await devtools.evaluate(explorer, f"{SIDE}('asgi')")
        wsgi = await devtools.evaluate(explorer, f"{SIDE}('wsgi')")
        assert verdict[0] == 'identical', (label, verdict, asgi, wsgi)
        assert asgi[1] == wsgi[1] == status_line(code), label
        assert asgi[0].startswith('/api/') and wsgi[0] == '/wsgi' + asgi[0]
        assert asgi[3] == wsgi[3]
        header_names = [line.split(':')[0] for line in asgi[2].split('\n')]
        assert ('content-length' in header_names) is (code != 204), asgi
        if label == 'Create an item':
            assert 'location: /api/items/3' in asgi[2].split('\n')
            assert '"name": "lamp"' in asgi[3]
        if label == 'Who am I, with a token':
            assert 'x-request-id: demo-42' in wsgi[2].split('\n')

    await screenshot(devtools, explorer, 'explorer')
    # The prepared 4xx answers are logged by Chromium as failed loads; nothing else may be.
    allowed = (demo.url + '/api/', demo.url + '/wsgi/api/')
    assert console_errors(devtools, explorer, allowed) == []
    # the 404, the 422 and the 401, from each mount
    assert len(console_errors(devtools, explorer)) == 6


# --- without a browser, in this process: /docs with and without a build, the WSGI mount -----


@pytest.fixture
def demo_module(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(REPO / 'examples'))
    monkeypatch.delenv('CHANNELS_REDIS_URL', raising=False)
    return importlib.import_module('demo')


async def test_docs_are_served_from_the_build_once_there_is_one(
    demo_module: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = tmp_path / 'html'
    (build / 'guide').mkdir(parents=True)
    (build / 'index.html').write_text('<h1>falcon docs</h1>')
    (build / 'guide' / 'channels.html').write_text('<h1>Channels</h1>')
    monkeypatch.setattr(demo_module, 'DOCS_BUILD', build)
    app = falcon.asgi.App()
    demo_module.mount_docs(app)
    async with falcon.testing.ASGIConductor(app) as conductor:
        for entry in ('/docs', '/docs/'):
            result = await conductor.simulate_get(entry)
            assert (result.status_code, result.headers['location']) == (302, '/docs/index.html')
        index = await conductor.simulate_get('/docs/index.html')
        assert (index.status_code, index.text) == (200, '<h1>falcon docs</h1>')
        page = await conductor.simulate_get('/docs/guide/channels.html')
        assert (page.status_code, page.headers['content-type']) == (200, 'text/html')
        assert (await conductor.simulate_get('/docs/missing.html')).status_code == 404


async def test_docs_explain_make_docs_before_the_build(
    demo_module: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_module, 'DOCS_BUILD', tmp_path / 'not-built')
    app = falcon.asgi.App()
    demo_module.mount_docs(app)
    async with falcon.testing.ASGIConductor(app) as conductor:
        for entry in ('/docs', '/docs/'):
            result = await conductor.simulate_get(entry)
            assert result.status_code == 200
            assert result.headers['content-type'] == 'text/html; charset=utf-8'
            assert '<code id="build-command">make docs</code>' in result.text
        assert (await conductor.simulate_get('/docs/index.html')).status_code == 404


async def test_the_wsgi_mount_passes_requests_and_answers_through(demo_module: Any) -> None:
    wsgi_bridge = importlib.import_module('wsgi_bridge')  # beside demo in examples/
    seen: list[dict[str, Any]] = []

    def wsgi_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.append(environ)
        body = environ['wsgi.input'].read(int(environ.get('CONTENT_LENGTH') or 0))
        start_response(
            '207 Multi-Status',
            [('Content-Type', 'text/plain'), ('Set-Cookie', 'a=1'), ('Set-Cookie', 'b=2')],
        )
        return [b'got ', body]

    app = falcon.asgi.App()
    wsgi_bridge.mount_wsgi(app, '/wsgi', wsgi_app)
    async with falcon.testing.ASGIConductor(app) as conductor:
        result = await conductor.simulate_post(
            '/wsgi/caf%C3%A9/x',
            params={'q': 'a b'},
            headers=[('X-Tag', 'one'), ('X-Tag', 'two'), ('Content-Type', 'text/plain')],
            body=b'payload',
        )
        assert (result.status, result.text) == ('207 Multi-Status', 'got payload')
        assert result.headers['content-type'] == 'text/plain'
        assert {name: cookie.value for name, cookie in result.cookies.items()} == {
            'a': '1',
            'b': '2',
        }
    environ = seen[0]
    assert (environ['REQUEST_METHOD'], environ['SCRIPT_NAME'], environ['PATH_INFO']) == (
        'POST',
        '/wsgi',
        '/café/x'.encode().decode('latin-1'),  # WSGI's str: one character per byte
    )
    assert environ['QUERY_STRING'] == 'q=a%20b'
    assert (environ['HTTP_X_TAG'], environ['CONTENT_TYPE']) == ('one,two', 'text/plain')
    assert environ['CONTENT_LENGTH'] == '7'
    assert environ['wsgi.url_scheme'] == 'http'
