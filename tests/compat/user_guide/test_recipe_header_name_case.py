"""Recipe "Capitalizing Response Header Names" (user/recipes/header-name-case.rst)."""

import falcon
from falcon import testing

from .recipes import header_name_case


def _call(app):
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured['status'] = status
        captured['headers'] = headers

    body = b''.join(app(testing.create_environ('/test'), start_response))
    return captured['status'], captured['headers'], body


def test_falcon_renders_lowercase_header_names():
    status, headers, _ = _call(header_name_case.falcon_app)
    assert status == '200 OK'
    assert headers == [
        ('x-funky-header', 'test'),
        ('content-type', 'application/json'),
        ('content-length', '20'),
    ]


def test_middleware_capitalizes_header_names():
    status, headers, body = _call(header_name_case.app)
    assert status == '200 OK'
    assert headers == [
        ('X-FuNkY-HeAdEr', 'test'),
        ('Content-Type', 'application/json'),
        ('Content-Length', '20'),
    ]
    assert body == b'{"message": "Hello"}'


def test_wrapped_app_runs_under_the_test_client():
    result = testing.TestClient(header_name_case.app).simulate_get('/test')
    assert result.status == falcon.HTTP_200
    assert result.headers['x-funky-header'] == 'test'
    assert result.json == {'message': 'Hello'}
