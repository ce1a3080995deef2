"""Class relations Falcon documents between its WSGI and ASGI types (``falcon.asgi.App``
subclasses ``falcon.App``, and likewise for Request and Response), seen through
``isinstance`` / ``issubclass``."""

from __future__ import annotations

import falcon
import falcon.asgi


def test_asgi_app_is_a_falcon_app() -> None:
    assert issubclass(falcon.asgi.App, falcon.App)
    assert isinstance(falcon.asgi.App(), falcon.App)


def test_wsgi_app_is_not_an_asgi_app() -> None:
    assert not issubclass(falcon.App, falcon.asgi.App)
    assert not isinstance(falcon.App(), falcon.asgi.App)


def test_user_subclasses_keep_ordinary_checks() -> None:
    class CustomApp(falcon.App):
        pass

    class CustomAsgiApp(falcon.asgi.App):
        pass

    assert isinstance(CustomApp(), falcon.App)
    assert isinstance(CustomAsgiApp(), falcon.App)
    assert isinstance(CustomAsgiApp(), falcon.asgi.App)
    assert not isinstance(falcon.asgi.App(), CustomApp)
    assert not isinstance(falcon.App(), CustomApp)


def test_request_and_response_relations() -> None:
    assert issubclass(falcon.asgi.Request, falcon.Request)
    assert issubclass(falcon.asgi.Response, falcon.Response)
    assert not issubclass(falcon.Request, falcon.asgi.Request)
