"""``falcon.Request`` stands for the requests of both kinds of app, as in Falcon."""

from __future__ import annotations

import falcon
import falcon.asgi
import falcon.testing


def test_asgi_requests_are_falcon_requests() -> None:
    asgi_req = falcon.testing.create_asgi_req()
    wsgi_req = falcon.testing.create_req()
    assert isinstance(asgi_req, falcon.Request)
    assert isinstance(wsgi_req, falcon.Request)
    assert issubclass(falcon.asgi.Request, falcon.Request)


def test_the_relation_does_not_run_backwards_or_leak_into_subclasses() -> None:
    class CustomRequest(falcon.Request):
        pass

    asgi_req = falcon.testing.create_asgi_req()
    wsgi_req = falcon.testing.create_req()
    assert not isinstance(wsgi_req, falcon.asgi.Request)
    assert not issubclass(falcon.Request, falcon.asgi.Request)
    assert not isinstance(asgi_req, CustomRequest)
    assert not isinstance(wsgi_req, CustomRequest)
    assert isinstance(CustomRequest(falcon.testing.create_environ()), falcon.Request)


def test_responses_share_one_class_already() -> None:
    assert issubclass(falcon.asgi.Response, falcon.Response)
