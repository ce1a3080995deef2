from __future__ import annotations

import pytest

from falcon.core._constants import COMBINED_METHODS
from falcon.core._errors import HTTPMethodNotAllowed
from falcon.routing import util
from falcon.routing.util import (
    SuffixedMethodNotFoundError,
    map_http_methods,
    set_default_responders,
)


class Things:
    def on_get(self, req, resp):
        pass

    def on_post(self, req, resp):
        pass

    def on_get_collection(self, req, resp):
        pass

    def on_delete_collection(self, req, resp):
        pass

    on_put = 'not callable'


class WithRequest:
    def on_get(self, req, resp):
        pass

    def on_request(self, req, resp):
        pass

    def on_request_item(self, req, resp):
        pass


class Nothing:
    pass


def _callable_object(req, resp):
    pass


class CallableAttribute:
    on_patch = staticmethod(_callable_object)


@pytest.mark.parametrize(
    ('resource', 'suffix', 'expected'),
    [
        (Things(), None, {'GET': 'on_get', 'POST': 'on_post'}),
        (Things(), 'collection', {'GET': 'on_get_collection', 'DELETE': 'on_delete_collection'}),
        (Nothing(), None, {}),
        (CallableAttribute(), None, {'PATCH': None}),
        (WithRequest(), None, {'GET': 'on_get'}),
    ],
)
def test_map_http_methods(resource, suffix, expected):
    method_map = map_http_methods(resource, suffix=suffix)
    assert set(method_map) == set(expected)
    for method, name in expected.items():
        if name is None:
            assert method_map[method] is _callable_object
        else:
            assert method_map[method] == getattr(resource, name)


def test_map_http_methods_unknown_suffix():
    with pytest.raises(SuffixedMethodNotFoundError) as info:
        map_http_methods(Things(), suffix='missing')
    assert 'suffix' in info.value.message


def test_map_http_methods_default_to_on_request():
    resource = WithRequest()
    method_map = map_http_methods(resource, default_to_on_request=True)
    assert method_map['GET'] == resource.on_get
    assert set(method_map) == set(COMBINED_METHODS)
    assert all(
        responder == resource.on_request
        for method, responder in method_map.items()
        if method != 'GET'
    )


def test_map_http_methods_default_to_on_request_with_suffix():
    resource = WithRequest()
    method_map = map_http_methods(resource, suffix='item', default_to_on_request=True)
    assert set(method_map) == set(COMBINED_METHODS)
    assert method_map['GET'] == resource.on_request_item


def test_map_http_methods_default_to_on_request_without_on_request():
    assert set(map_http_methods(Things(), default_to_on_request=True)) == {'GET', 'POST'}


def test_set_default_responders_fills_every_method():
    resource = Things()
    method_map = map_http_methods(resource)
    set_default_responders(method_map)
    assert set(method_map) == set(COMBINED_METHODS)
    assert method_map['GET'] == resource.on_get
    assert method_map['OPTIONS'].__falcon_builtin__ is True
    assert method_map['PUT'].__falcon_builtin__ is True


class FakeResp:
    def __init__(self):
        self.status = None
        self.headers = {}

    def set_header(self, name, value):
        self.headers[name] = value


def test_default_options_lists_sorted_methods_without_itself():
    method_map = map_http_methods(Things())
    set_default_responders(method_map)
    resp = FakeResp()
    method_map['OPTIONS'](None, resp)
    assert resp.status == '200 OK'
    assert resp.headers == {'Allow': 'GET, POST', 'Content-Length': '0'}


def test_method_not_allowed_lists_allowed_methods():
    method_map = map_http_methods(Things())
    set_default_responders(method_map)
    with pytest.raises(HTTPMethodNotAllowed) as info:
        method_map['DELETE'](None, FakeResp())
    assert info.value.headers['Allow'] == 'GET, POST, OPTIONS'


def test_explicit_options_is_kept_and_listed():
    def on_options(req, resp):
        pass

    method_map = {'PUT': _callable_object, 'OPTIONS': on_options, 'WEBSOCKET': _callable_object}
    set_default_responders(method_map)
    assert method_map['OPTIONS'] is on_options
    with pytest.raises(HTTPMethodNotAllowed) as info:
        method_map['GET'](None, FakeResp())
    assert info.value.headers['Allow'] == 'OPTIONS, PUT'


def test_custom_default_responder():
    def fallback(req, resp):
        pass

    method_map = {'GET': _callable_object}
    set_default_responders(method_map, default_responder=fallback)
    assert method_map['POST'] is fallback
    assert method_map['OPTIONS'] is not fallback


def test_public_module_exports():
    assert set(util.__all__) == {
        'SuffixedMethodNotFoundError',
        'map_http_methods',
        'set_default_responders',
    }
    assert issubclass(SuffixedMethodNotFoundError, Exception)
