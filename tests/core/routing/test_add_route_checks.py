"""Mistakes in a route's resource are reported by ``add_route``, naming the fix, in both apps."""

from __future__ import annotations

import functools
from typing import Any

import pytest

import falcon
import falcon.asgi
from falcon.routing.util import SuffixedMethodNotFoundError


@pytest.fixture(params=['wsgi', 'asgi'])
def app(request: pytest.FixtureRequest) -> Any:
    return falcon.App() if request.param == 'wsgi' else falcon.asgi.App()


class Item:
    def on_get(self, req: Any, resp: Any, item_id: str) -> None:
        resp.media = {'id': item_id}


class NoField:
    def on_get(self, req: Any, resp: Any) -> None:
        resp.text = 'x'


class ExtraRequired:
    def on_get(self, req: Any, resp: Any, item_id: str, user: str) -> None:
        resp.text = user


def test_a_responder_missing_a_field_is_named_with_the_fix(app: Any) -> None:
    with pytest.raises(TypeError) as info:
        app.add_route('/items/{item_id}', NoField())
    assert str(info.value) == (
        "NoField.on_get cannot serve the route '/items/{item_id}': it does not take the "
        "template field(s) 'item_id'. Add a parameter for each (or **kwargs), or rename the "
        'field in the template. A responder is called as on_get(req, resp, item_id=...).'
    )


def test_a_responder_requiring_what_the_template_lacks_is_named(app: Any) -> None:
    with pytest.raises(TypeError) as info:
        app.add_route('/items/{item_id}', ExtraRequired())
    assert str(info.value) == (
        "ExtraRequired.on_get cannot serve the route '/items/{item_id}': it requires 'user', "
        'which the template does not provide. Give the parameter a default, or add a field of '
        'that name to the template. A responder is called as on_get(req, resp, item_id=...).'
    )


def test_a_responder_without_request_and_response_is_named(app: Any) -> None:
    class Bare:
        def on_get(self) -> None:
            pass

    with pytest.raises(TypeError, match=r'Bare\.on_get .*first two parameters'):
        app.add_route('/bare', Bare())


def test_a_class_instead_of_an_instance_is_refused(app: Any) -> None:
    with pytest.raises(TypeError) as info:
        app.add_route('/items/{item_id}', Item)
    assert str(info.value) == (
        "Cannot add the route '/items/{item_id}' to Item: Item is a class, and its responder "
        "on_get needs an instance. Pass an instance: app.add_route('/items/{item_id}', Item())."
    )


def test_a_class_of_static_responders_is_accepted(app: Any) -> None:
    class Static:
        @staticmethod
        def on_get(req: Any, resp: Any) -> None:
            resp.text = 'static'

    app.add_route('/static', Static)
    assert falcon.testing.simulate_get(app, '/static').text == 'static'


def test_a_resource_without_responders_is_refused(app: Any) -> None:
    with pytest.raises(TypeError) as info:
        app.add_route('/nothing', object())
    assert str(info.value) == (
        "Cannot add the route '/nothing' to object: the resource has no responders. Define a "
        'method named on_<method> for each HTTP method it serves (for example '
        'on_get(self, req, resp)).'
    )


def test_a_websocket_only_resource_needs_the_asgi_app() -> None:
    class Chat:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()

    with pytest.raises(TypeError) as info:
        falcon.App().add_route('/chat', Chat())
    assert 'falcon.asgi.App' in str(info.value)
    assert str(info.value).startswith(
        "Cannot add the route '/chat' to Chat: its only responder is on_websocket, and "
        'falcon.App serves HTTP only.'
    )
    falcon.asgi.App().add_route('/chat', Chat())  # the ASGI app takes it


def test_a_websocket_responder_is_checked_against_the_fields() -> None:
    class Room:
        async def on_websocket(self, req: Any, ws: Any) -> None:
            await ws.accept()

    with pytest.raises(
        TypeError, match=r"Room\.on_websocket .*'room'.*on_websocket\(req, ws, room=\.\.\.\)"
    ):
        falcon.asgi.App().add_route('/rooms/{room}', Room())


def test_the_suffix_without_responders_is_named(app: Any) -> None:
    with pytest.raises(SuffixedMethodNotFoundError) as info:
        app.add_route('/items', Item(), suffix='nope')
    assert "'nope'" in info.value.message
    assert 'on_get_nope' in info.value.message
    assert 'Item' in info.value.message


def test_defaults_kwargs_and_suffixes_that_fit_are_accepted(app: Any) -> None:
    class Flexible:
        def on_get(self, req: Any, resp: Any, **fields: str) -> None:
            resp.media = fields

        def on_get_one(self, req: Any, resp: Any, item_id: str, extra: str = 'd') -> None:
            resp.media = {'id': item_id, 'extra': extra}

    app.add_route('/all/{a}/{b}', Flexible())
    app.add_route('/one/{item_id}', Flexible(), suffix='one')
    assert falcon.testing.simulate_get(app, '/all/x/y').json == {'a': 'x', 'b': 'y'}
    assert falcon.testing.simulate_get(app, '/one/7').json == {'id': '7', 'extra': 'd'}


def test_hooked_responders_are_not_checked(app: Any) -> None:
    def rename(req: Any, resp: Any, resource: Any, params: dict[str, Any]) -> None:
        params['item'] = params.pop('item_id').upper()

    class Hooked:
        @falcon.before(rename)
        def on_get(self, req: Any, resp: Any, item: str) -> None:
            resp.text = item

    app.add_route('/items/{item_id}', Hooked())
    assert falcon.testing.simulate_get(app, '/items/abc').text == 'ABC'


def test_a_decorator_is_judged_by_what_its_wrapper_accepts(app: Any) -> None:
    def with_user(responder: Any) -> Any:
        @functools.wraps(responder)
        def wrapper(self: Any, req: Any, resp: Any, **params: Any) -> Any:
            return responder(self, req, resp, user='ann', **params)

        return wrapper

    class Profile:
        @with_user
        def on_get(self, req: Any, resp: Any, item_id: str, user: str) -> None:
            resp.text = f'{user}:{item_id}'

    app.add_route('/profiles/{item_id}', Profile())
    assert falcon.testing.simulate_get(app, '/profiles/3').text == 'ann:3'


def test_middleware_that_may_rewrite_params_turns_the_signature_check_off() -> None:
    class Inject:
        def process_resource(
            self, req: Any, resp: Any, resource: Any, params: dict[str, Any]
        ) -> None:
            params['user'] = 'bob'

    app = falcon.App(middleware=[Inject()])
    app.add_route('/items/{item_id}', ExtraRequired())
    assert falcon.testing.simulate_get(app, '/items/1').text == 'bob'


def test_an_explicit_method_map_is_not_checked(app: Any) -> None:
    app.add_route('/mapped', object(), method_map={'GET': NoField().on_get})
    assert falcon.testing.simulate_get(app, '/mapped').text == 'x'


@pytest.mark.parametrize(
    ('template', 'message'),
    [
        (
            '/a/{id:nope}',
            "unknown converter 'nope' in field 'id'; the known converters are dt, float, int, "
            'path, re, uuid (add others to app.router_options.converters before adding the '
            'route)',
        ),
        (
            '/a/{id:int(min=x)}',
            "cannot read the arguments of converter 'int' in field 'id': min=x is not a Python "
            'literal; converter arguments are numbers, quoted strings, True, False or None '
            "(for example min=1 or format_string='%Y')",
        ),
        (
            '/a/{id:int(min=1,,)}',
            "cannot read the arguments of converter 'int' in field 'id': (min=1,,) is not a "
            'list of arguments',
        ),
    ],
)
def test_converter_mistakes_read_plainly(app: Any, template: str, message: str) -> None:
    class ById:
        def on_get(self, req: Any, resp: Any, id: int) -> None:
            resp.media = {'id': id}

    with pytest.raises(ValueError) as info:
        app.add_route(template, ById())
    assert str(info.value) == f'Invalid URI template {template!r}: {message}'
    assert 'ast.' not in str(info.value)


class Users:
    """The brief's pattern: one resource on ``/users`` and ``/users/{user_id}``."""

    def on_get(self, req: Any, resp: Any, user_id: str | None = None) -> None:
        resp.media = {'user': user_id}

    def on_post(self, req: Any, resp: Any) -> None:
        resp.status = falcon.HTTP_201


def test_a_resource_serving_two_templates_is_accepted(app: Any) -> None:
    app.add_route('/users', Users())
    app.add_route('/users/{user_id}', Users())
    assert falcon.testing.simulate_get(app, '/users/5').json == {'user': '5'}
    assert falcon.testing.simulate_post(app, '/users').status_code == 201


def test_a_request_to_a_responder_that_does_not_fit_logs_the_fix(
    app: Any, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    reported: list[BaseException] = []
    app.set_error_reporter(lambda req, ex, handled, params: reported.append(ex))
    app.add_route('/users/{user_id}', Users())
    result = falcon.testing.simulate_post(app, '/users/5')
    assert result.status_code == 500
    assert result.json == {'title': '500 Internal Server Error'}
    expected = (
        "Users.on_post cannot serve the route '/users/{user_id}': it does not take the "
        "template field(s) 'user_id'. Add a parameter for each (or **kwargs), or rename the "
        'field in the template. A responder is called as on_post(req, resp, user_id=...).'
    )
    assert [str(error) for error in reported] == [expected]
    assert isinstance(reported[0], TypeError)
    assert isinstance(reported[0].__cause__, TypeError)
    logged = caplog.text + capsys.readouterr().err
    assert expected in logged


def test_a_type_error_raised_inside_a_responder_is_left_alone(app: Any) -> None:
    class Broken:
        def on_get(self, req: Any, resp: Any, item_id: str) -> None:
            raise TypeError('inside')

    reported: list[BaseException] = []
    app.set_error_reporter(lambda req, ex, handled, params: reported.append(ex))
    app.add_route('/broken/{item_id}', Broken())
    assert falcon.testing.simulate_get(app, '/broken/1').status_code == 500
    assert [str(error) for error in reported] == ['inside']
