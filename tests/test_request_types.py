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


class _KeywordOptionsWSGIRequest(falcon.Request):
    def __init__(self, env: dict[str, object], *, options: falcon.RequestOptions) -> None:
        super().__init__(env, options=options)
        self.context.constructed_with = options


class _KeywordOptionsASGIRequest(falcon.asgi.Request):
    def __init__(
        self, scope: dict[str, object], receive: object, *, first_event: object, options: object
    ) -> None:
        super().__init__(scope, receive, first_event=first_event, options=options)  # type: ignore[arg-type]
        self.context.constructed_with = options


class _KeywordOptionsResponse(falcon.asgi.Response):
    def __init__(self, *, options: falcon.ResponseOptions) -> None:
        super().__init__(options=options)
        self.context.constructed_with = options


class _CheckConstruction:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = {
            'request': req.context.constructed_with is req.options,
            'response': resp.context.constructed_with is resp.options,
        }


class _CheckConstructionAsync:
    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        resp.media = {
            'request': req.context.constructed_with is req.options,
            'response': resp.context.constructed_with is resp.options,
        }


def test_own_constructors_get_the_options_by_keyword_in_both_apps() -> None:
    wsgi_app = falcon.App(
        request_type=_KeywordOptionsWSGIRequest, response_type=_KeywordOptionsResponse
    )
    wsgi_app.add_route('/', _CheckConstruction())
    asgi_app = falcon.asgi.App(
        request_type=_KeywordOptionsASGIRequest, response_type=_KeywordOptionsResponse
    )
    asgi_app.add_route('/', _CheckConstructionAsync())
    for app in (wsgi_app, asgi_app):
        result = falcon.testing.TestClient(app).simulate_get('/')
        assert result.status_code == 200
        assert result.json == {'request': True, 'response': True}


def test_subclasses_without_a_constructor_get_the_app_options_in_both_apps() -> None:
    class PlainSubclassRequest(falcon.Request):
        pass

    class PlainSubclassASGIRequest(falcon.asgi.Request):
        pass

    class PlainSubclassResponse(falcon.asgi.Response):
        pass

    class Resource:
        def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
            resp.media = {
                'types': [type(req).__name__, type(resp).__name__],
                'options': [req.options is app.req_options, resp.options is app.resp_options],
            }

    for app in (
        falcon.App(request_type=PlainSubclassRequest, response_type=PlainSubclassResponse),
        falcon.asgi.App(
            request_type=PlainSubclassASGIRequest, response_type=PlainSubclassResponse
        ),
    ):
        app.add_route('/', Resource())
        result = falcon.testing.TestClient(app).simulate_get('/')
        expected_request = (
            'PlainSubclassASGIRequest'
            if isinstance(app, falcon.asgi.App)
            else 'PlainSubclassRequest'
        )
        assert result.json == {
            'types': [expected_request, 'PlainSubclassResponse'],
            'options': [True, True],
        }
