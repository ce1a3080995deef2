"""The ``make demo`` app: every example in this directory, mounted on one ASGI app.

Run: ``make demo`` (or ``python -m uvicorn demo:app --app-dir examples``) and open
http://127.0.0.1:8000/ for the list of pages. The chat and notification feed run on
``falcon.channels`` (``/channels``); the brief's verbatim versions stay at ``/realtime``.

To add a page, route its resource in ``create_app`` and append ``(path, description)`` to
``PAGES`` so the index links to it.
"""

from __future__ import annotations

import html

import hello
import realtime
import realtime_channels
import resources_async
import resources_sync
import seed_users

import falcon
import falcon.asgi

PAGES = [
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
        "The brief's chat and live feed as written, one process only (examples/realtime.py)",
    ),
]


class IndexResource:
    """An HTML page linking to every page in ``PAGES``."""

    async def on_get(self, req, resp):
        links = '\n'.join(
            f'<li><a href="{html.escape(path)}">{html.escape(path)}</a> '
            f'{html.escape(description)}</li>'
            for path, description in PAGES
        )
        resp.content_type = falcon.MEDIA_HTML
        resp.text = (
            '<!doctype html>\n<html><head><meta charset="utf-8"><title>falcon demo</title>'
            f'</head>\n<body><h1>falcon demo</h1>\n<ul>\n{links}\n</ul></body></html>\n'
        )


def create_app():
    """Build the demo app."""
    app = falcon.asgi.App()
    app.add_route('/', IndexResource())
    hello.build(app)
    app.add_route('/users', seed_users.AsyncUserResource())
    app.add_route('/users/{user_id}', seed_users.AsyncUserResource())
    resources_sync.build(app, prefix='/sync')
    resources_async.build(app, prefix='/async')
    realtime.mount(app)
    realtime_channels.build(app)
    return app


app = create_app()
