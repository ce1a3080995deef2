"""The ``make demo`` app: every example in this directory, mounted on one ASGI app.

Run: ``make demo`` (or ``python -m uvicorn demo:app --app-dir examples``) and open
http://127.0.0.1:8000/. The pages (plain HTML and CSS in ``static/``, no external resources):

* ``/``            what falcon is, with cards for the live pieces and a table of every route;
* ``/live/chat``   a WebSocket chat on ``falcon.channels`` (``realtime_channels.py``), for
  several tabs;
* ``/live/feed``   a ticking SSE feed with ids that resumes with ``Last-Event-ID`` after a
  drop (``demo_live.py``);
* ``/explorer``    prepared requests sent to the items API of ``resources_sync.py`` mounted
  twice, under this ASGI app (``/api``) and in a WSGI ``falcon.App`` behind a sink
  (``/wsgi/api``, ``wsgi_bridge.py``), with both answers side by side;
* ``/docs``        the documentation site once ``make docs`` has built it (when the demo
  starts), else how to build it.

The channels page of ``realtime_channels.py`` stays at ``/channels`` and the brief's verbatim
chat and feed at ``/realtime``. To add a route to the table on ``/``, route it in
``create_app`` and append ``(path, description)`` to ``PAGES``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import demo_live
import hello
import realtime
import realtime_channels
import resources_async
import resources_sync
import seed_users
from wsgi_bridge import mount_wsgi

import falcon
import falcon.asgi

STATIC = Path(__file__).resolve().parent / 'static'
DOCS_BUILD = Path(__file__).resolve().parent.parent / 'docs' / '_build' / 'html'

PAGES = [
    ('/live/chat', 'Chat over a WebSocket on falcon.channels, for several tabs'),
    ('/live/feed', 'A live Server-Sent Events feed that resumes with Last-Event-ID'),
    ('/explorer', 'The items API under ASGI and under WSGI, answers compared'),
    ('/docs', 'The documentation site (after make docs)'),
    ('/api/items', 'The items API of examples/resources_sync.py on the ASGI app'),
    ('/wsgi/api/items', 'The same module in a WSGI falcon.App, mounted through a sink'),
    ('/hello?name=falcon', 'Plain resources shared by WSGI and ASGI (examples/hello.py)'),
    ('/items/1', 'The same resources, integer route parameter'),
    ('/users', 'The async user resource from the seed (examples/seed_users.py)'),
    ('/users/1', 'One user'),
    ('/sync/items', 'Items API with plain def resources (examples/resources_sync.py)'),
    ('/async/items', 'Items API with async def resources (examples/resources_async.py)'),
    ('/async/session', 'A visit counter kept in a cookie'),
    (
        '/channels',
        'The chat and notification feed, on falcon.channels: every worker, resumable '
        '(examples/realtime_channels.py)',
    ),
    (
        '/realtime',
        "The seed's chat and live feed as written, one process only (examples/realtime.py)",
    ),
]


class StaticPage:
    """One HTML file of ``static/``, read on each request so edits show without a restart."""

    def __init__(self, name):
        self.path = STATIC / name

    async def on_get(self, req, resp):
        resp.content_type = falcon.MEDIA_HTML
        resp.data = self.path.read_bytes()


class LandingPage(StaticPage):
    """``static/landing.html`` with the table of ``PAGES`` in place of ``<!-- routes -->``."""

    def __init__(self):
        super().__init__('landing.html')

    async def on_get(self, req, resp):
        rows = '\n'.join(
            f'    <tr><td><a href="{html.escape(path)}">{html.escape(path)}</a></td>'
            f'<td>{html.escape(description)}</td></tr>'
            for path, description in PAGES
        )
        resp.content_type = falcon.MEDIA_HTML
        resp.text = self.path.read_text(encoding='utf-8').replace('<!-- routes -->', rows)


class Favicon:
    """``/favicon.ico``, which browsers ask for on pages that name no icon (the built docs)."""

    async def on_get(self, req, resp):
        resp.content_type = 'image/svg+xml'
        resp.cache_control = ('max-age=86400',)
        resp.data = (STATIC / 'falcon.svg').read_bytes()


class DocsEntry:
    """``/docs``: to the built site's index when there is one, else how to build it."""

    def __init__(self, built):
        self.built = built
        self.missing = StaticPage('docs-missing.html')

    async def on_get(self, req, resp):
        if self.built:
            raise falcon.HTTPFound('/docs/index.html')
        await self.missing.on_get(req, resp)


def mount_docs(app):
    """Serve ``docs/_build/html`` at ``/docs/`` when it exists; ``/docs`` leads there."""
    built = (DOCS_BUILD / 'index.html').is_file()
    entry = DocsEntry(built)
    app.add_route('/docs', entry)

    async def docs_root(req, resp):
        await entry.on_get(req, resp)

    app.add_sink(docs_root, prefix=re.compile(r'/docs/$'))
    if built:
        app.add_static_route('/docs', DOCS_BUILD)


def create_app():
    """Build the demo app."""
    app = falcon.asgi.App()
    app.add_route('/', LandingPage())
    app.add_route('/live/chat', StaticPage('chat.html'))
    app.add_route('/live/feed', StaticPage('feed.html'))
    app.add_route('/explorer', StaticPage('explorer.html'))
    app.add_static_route('/static', STATIC)
    app.add_route('/favicon.ico', Favicon())
    mount_docs(app)

    # The explorer's two mounts of one resource module: ASGI here, WSGI through the sink.
    resources_sync.build(app, prefix='/api')
    wsgi_api = resources_sync.build(falcon.App(), prefix='/api')
    mount_wsgi(app, '/wsgi', wsgi_api)

    hello.build(app)
    app.add_route('/users', seed_users.AsyncUserResource())
    app.add_route('/users/{user_id}', seed_users.AsyncUserResource())
    resources_sync.build(app, prefix='/sync')
    resources_async.build(app, prefix='/async')
    realtime.mount(app)
    channels = realtime_channels.build(app)
    demo_live.build(app, channels)
    return app


app = create_app()
