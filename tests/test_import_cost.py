"""``import falcon`` and a plain WSGI app load neither asyncio nor msgpack.

Each case runs in a fresh interpreter, since this test process has long imported both. The
names that stand for them (``falcon.create_task``, ``falcon.bridge.process_loop``, the
MessagePack handlers) still resolve to the same objects, loading the module on first use.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str) -> dict[str, object]:
    """Run ``code`` in a new interpreter; it prints one JSON object as its last line."""
    result = subprocess.run(
        [sys.executable, '-c', textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    answer: dict[str, object] = json.loads(result.stdout.splitlines()[-1])
    return answer


def test_import_falcon_loads_neither_asyncio_nor_msgpack() -> None:
    answer = _run(
        """
        import json, sys
        import falcon
        print(json.dumps({name: name in sys.modules for name in ('asyncio', 'msgpack')}))
        """
    )
    assert answer == {'asyncio': False, 'msgpack': False}


def test_a_plain_wsgi_app_serves_without_asyncio_or_msgpack() -> None:
    answer = _run(
        """
        import io, json, sys
        import falcon

        class Things:
            def on_get(self, req, resp):
                resp.media = {'things': [1, 2]}

            def on_post(self, req, resp):
                resp.media = req.get_media()
                resp.status = falcon.HTTP_201

        app = falcon.App()
        app.add_route('/things', Things())
        answers = []

        def call(method, body=b''):
            environ = {
                'REQUEST_METHOD': method, 'PATH_INFO': '/things', 'QUERY_STRING': '',
                'SERVER_NAME': 'localhost', 'SERVER_PORT': '80', 'SERVER_PROTOCOL': 'HTTP/1.1',
                'wsgi.url_scheme': 'http', 'wsgi.input': io.BytesIO(body),
                'wsgi.errors': sys.stderr, 'CONTENT_TYPE': 'application/json',
                'CONTENT_LENGTH': str(len(body)),
            }
            started = []
            chunks = app(environ, lambda status, headers, exc_info=None: started.append(status))
            answers.append([started[0], b''.join(chunks).decode()])

        call('GET')
        call('POST', b'{"a": 1}')
        loaded = {name: name in sys.modules for name in ('asyncio', 'msgpack')}
        print(json.dumps({'answers': answers, 'loaded': loaded}))
        """
    )
    assert answer == {
        'answers': [['200 OK', '{"things": [1, 2]}'], ['201 Created', '{"a": 1}']],
        'loaded': {'asyncio': False, 'msgpack': False},
    }


def test_asyncio_names_resolve_on_first_access() -> None:
    answer = _run(
        """
        import json, sys
        import falcon, falcon.bridge, falcon.util, falcon.util.sync
        before = 'asyncio' in sys.modules
        import asyncio
        from falcon.bridge import _loop
        from falcon.util import create_task
        print(json.dumps({
            'before': before,
            'same': [
                falcon.create_task is asyncio.create_task,
                falcon.get_running_loop is asyncio.get_running_loop,
                falcon.util.create_task is asyncio.create_task,
                falcon.util.sync.get_running_loop is asyncio.get_running_loop,
                create_task is asyncio.create_task,
                falcon.bridge.process_loop is _loop.process_loop,
            ],
            'missing': [hasattr(falcon, 'no_such_name'), hasattr(falcon.util, 'no_such')],
        }))
        """
    )
    assert answer == {'before': False, 'same': [True] * 6, 'missing': [False, False]}


def test_msgpack_is_imported_by_the_first_use_of_a_handler() -> None:
    answer = _run(
        """
        import io, json, sys
        import falcon.media
        http, ws = falcon.media.MessagePackHandler(), falcon.media.MessagePackHandlerWS()
        built = 'msgpack' in sys.modules
        packed = http.serialize({'a': [1, 'b']}, falcon.MEDIA_MSGPACK)
        after = 'msgpack' in sys.modules
        print(json.dumps({
            'built': built,
            'after': after,
            'http': http.deserialize(io.BytesIO(packed), falcon.MEDIA_MSGPACK, len(packed)),
            'ws': ws.deserialize(ws.serialize({'a': [1, 'b']})),
            'ws_then_http': falcon.media.MessagePackHandlerWS().deserialize(packed),
        }))
        """
    )
    assert answer == {
        'built': False,
        'after': True,
        'http': {'a': [1, 'b']},
        'ws': {'a': [1, 'b']},
        'ws_then_http': {'a': [1, 'b']},
    }
