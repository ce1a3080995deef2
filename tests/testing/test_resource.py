"""SimpleTestResource(Async) and the capture / defaults hooks, in both apps."""

from __future__ import annotations

from typing import Any

import pytest

from falcon import testing


@pytest.fixture
def resource_type(asgi: bool) -> type[testing.SimpleTestResource]:
    return testing.SimpleTestResourceAsync if asgi else testing.SimpleTestResource


def test_defaults(app_type: type[Any], resource_type: type[Any]) -> None:
    resource = resource_type()
    app = app_type()
    app.add_route('/items/{item_id}', resource)
    assert not resource.called
    result = testing.simulate_get(app, '/items/7')
    assert result.status_code == 200
    assert resource.called
    assert resource.captured_kwargs == {'item_id': '7'}
    assert resource.captured_req.path == '/items/7'
    assert resource.captured_resp is not None
    assert resource.captured_req_body is None
    assert resource.captured_req_media is None


@pytest.mark.parametrize('method', ['GET', 'POST'])
def test_status_body_and_headers(
    app_type: type[Any], resource_type: type[Any], method: str
) -> None:
    resource = resource_type(status='201 Created', body='made', headers={'X-Made': 'yes'})
    app = app_type()
    app.add_route('/', resource)
    result = testing.simulate_request(app, method, '/')
    assert result.status == '201 Created'
    assert result.text == 'made'
    assert result.headers['X-Made'] == 'yes'


def test_json(app_type: type[Any], resource_type: type[Any]) -> None:
    app = app_type()
    app.add_route('/', resource_type(json={'message': 'héllo'}))
    assert testing.simulate_get(app, '/').json == {'message': 'héllo'}


def test_json_and_body_are_exclusive(resource_type: type[Any]) -> None:
    with pytest.raises(ValueError):
        resource_type(body='x', json={'a': 'b'})


def test_capture_body_bytes(app_type: type[Any], resource_type: type[Any]) -> None:
    resource = resource_type()
    app = app_type()
    app.add_route('/', resource)
    testing.simulate_post(app, '/', body=b'0123456789', headers={'Capture-Req-Body-Bytes': '4'})
    assert resource.captured_req_body == b'0123'


def test_capture_media(app_type: type[Any], resource_type: type[Any]) -> None:
    resource = resource_type()
    app = app_type()
    app.add_route('/', resource)
    testing.simulate_post(app, '/', json={'a': 1}, headers={'Capture-Req-Media': 'y'})
    assert resource.captured_req_media == {'a': 1}
    assert resource.captured_req_body is None


def test_unsupported_method(app_type: type[Any], resource_type: type[Any]) -> None:
    app = app_type()
    app.add_route('/', resource_type())
    assert testing.simulate_put(app, '/').status_code == 405


class FakeResource:
    _default_status = '202 Accepted'
    _default_body = 'later'
    _default_headers = [('X-A', '1')]


class FakeResponse:
    def __init__(self) -> None:
        self.status = '200 OK'
        self.text: str | None = None
        self.headers: list[tuple[str, str]] = []

    def set_headers(self, headers: Any) -> None:
        self.headers.extend(headers)


def test_set_resp_defaults() -> None:
    resp = FakeResponse()
    testing.set_resp_defaults(None, resp, FakeResource(), {})
    assert (resp.status, resp.text, resp.headers) == ('202 Accepted', 'later', [('X-A', '1')])


async def test_set_resp_defaults_async() -> None:
    resp = FakeResponse()
    await testing.set_resp_defaults_async(None, resp, FakeResource(), {})
    assert (resp.status, resp.text, resp.headers) == ('202 Accepted', 'later', [('X-A', '1')])


def test_capture_responder_args() -> None:
    req = testing.create_req(body=b'abcdef', headers={'Capture-Req-Body-Bytes': '3'})
    target = testing.SimpleTestResource()
    testing.capture_responder_args(req, 'resp', target, {'k': 'v'})
    assert target.captured_req is req
    assert target.captured_resp == 'resp'
    assert target.captured_kwargs == {'k': 'v'}
    assert target.captured_req_body == b'abc'


async def test_capture_responder_args_async() -> None:
    req = testing.create_asgi_req(
        body=b'{"x": 2}',
        headers={'Capture-Req-Media': '1', 'Content-Type': 'application/json'},
    )
    target = testing.SimpleTestResourceAsync()
    await testing.capture_responder_args_async(req, 'resp', target, {})
    assert target.called
    assert target.captured_req_media == {'x': 2}
