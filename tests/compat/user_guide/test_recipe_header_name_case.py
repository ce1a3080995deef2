"""Recipe on response header name case (user/recipes/header-name-case.rst): Falcon emits
lower-case names; a WSGI wrapper can rewrite them for clients that care."""

import falcon
from falcon import testing


class RenameHeaders:
    """WSGI wrapper: title-cases each response header name unless an explicit spelling is
    given for it."""

    def __init__(self, inner, spellings=None):
        self._inner = inner
        self._spellings = spellings or {}

    def _spell(self, name):
        return self._spellings.get(name) or '-'.join(p.capitalize() for p in name.split('-'))

    def __call__(self, environ, start_response):
        def renaming(status, headers, exc_info=None):
            return start_response(status, [(self._spell(k), v) for k, v in headers], exc_info)

        return self._inner(environ, renaming)


class Trace:
    def on_get(self, req, resp):
        resp.set_header('X-Trace-Tag', 'abc')
        resp.media = {'ok': True}


core = falcon.App()
core.add_route('/trace', Trace())
wrapped = RenameHeaders(core, spellings={'x-trace-tag': 'X-TRACE-tag'})


def _call(app):
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen.update(status=status, headers=headers)

    body = b''.join(app(testing.create_environ('/trace'), start_response))
    return seen['status'], seen['headers'], body


def test_falcon_sends_lower_case_names():
    status, headers, _ = _call(core)
    assert status == '200 OK'
    assert headers == [
        ('x-trace-tag', 'abc'),
        ('content-type', 'application/json'),
        ('content-length', '12'),
    ]


def test_wrapper_rewrites_the_names():
    status, headers, body = _call(wrapped)
    assert status == '200 OK'
    assert headers == [
        ('X-TRACE-tag', 'abc'),
        ('Content-Type', 'application/json'),
        ('Content-Length', '12'),
    ]
    assert body == b'{"ok": true}'


def test_wrapped_app_under_the_test_client():
    result = testing.TestClient(wrapped).simulate_get('/trace')
    assert result.status == falcon.HTTP_200
    assert result.headers['x-trace-tag'] == 'abc'
    assert result.json == {'ok': True}
