from __future__ import annotations

import inspect

import pytest

from falcon.core._errors import HTTPBadRequest, HTTPMethodNotAllowed, HTTPRouteNotFound
from falcon.core.routing._responders import (
    bad_request,
    create_default_options,
    create_method_not_allowed,
    path_not_found,
)


class FakeResp:
    def __init__(self):
        self.status = None
        self.headers = {}

    def set_header(self, name, value):
        self.headers[name] = value


@pytest.mark.parametrize(
    ('responder', 'error'),
    [
        (path_not_found, HTTPRouteNotFound),
        (bad_request, HTTPBadRequest),
        (create_method_not_allowed(['GET']), HTTPMethodNotAllowed),
    ],
)
def test_raising_responders(responder, error):
    assert responder.__falcon_builtin__ is True
    with pytest.raises(error):
        responder(None, FakeResp(), extra='ignored')


def test_bad_request_explains():
    with pytest.raises(HTTPBadRequest) as info:
        bad_request(None, FakeResp())
    assert info.value.description == 'Invalid HTTP method'


def test_method_not_allowed_sets_allow():
    responder = create_method_not_allowed(['GET', 'PUT'])
    with pytest.raises(HTTPMethodNotAllowed) as info:
        responder(None, FakeResp())
    assert info.value.headers['Allow'] == 'GET, PUT'


async def test_method_not_allowed_for_asgi_is_a_coroutine_function():
    responder = create_method_not_allowed(['GET', 'PUT'], asgi=True)
    assert inspect.iscoroutinefunction(responder)
    with pytest.raises(HTTPMethodNotAllowed) as info:
        await responder(None, FakeResp())
    assert info.value.headers['Allow'] == 'GET, PUT'


@pytest.mark.parametrize(
    ('allowed', 'header'),
    [(['GET', 'OPTIONS'], 'GET, OPTIONS'), ([], None), (['OPTIONS'], 'OPTIONS')],
)
def test_default_options(allowed, header):
    responder = create_default_options(allowed)
    assert responder.__falcon_builtin__ is True
    resp = FakeResp()
    assert responder(None, resp, id='1') is None
    assert resp.status == '200 OK'
    expected = (
        {'Content-Length': '0'} if header is None else {'Allow': header, 'Content-Length': '0'}
    )
    assert resp.headers == expected
