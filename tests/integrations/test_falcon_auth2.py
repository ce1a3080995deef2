"""falcon-auth2 (``AuthMiddleware`` and its backends) authenticating requests in both apps.

The middleware has ``process_resource`` for ``falcon.App`` and ``process_resource_async``
for ``falcon.asgi.App``, which runs the backend inside a greenlet so that async user loaders
can be awaited from its sync code. It reads ``req.get_header``, ``req.uri_template``,
``req.method`` and ``req.get_param_as_list``/``req.get_cookie_values``, stores its result in
``req.context.auth`` and raises ``falcon.HTTPUnauthorized`` subclasses with ``challenges``.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest

pytest.importorskip('falcon_auth2')
pytest.importorskip('greenlet')

from falcon_auth2 import AuthHeaderGetter, AuthMiddleware, CookieGetter, MultiGetter
from falcon_auth2.backends import BasicAuthBackend, GenericAuthBackend, MultiAuthBackend

import falcon
import falcon.asgi
from falcon import testing

PASSWORDS = {'ada': 'lovelace'}
TOKENS = {'t0k3n': 'bob'}


def _basic(user: str, password: str) -> str:
    return 'Basic ' + base64.b64encode(f'{user}:{password}'.encode()).decode()


def basic_loader(attributes: Any, username: str, password: str) -> Any:
    if PASSWORDS.get(username) == password:
        return {'name': username}
    return None


def token_loader(attributes: Any, token: str) -> Any:
    return {'name': TOKENS[token]} if token in TOKENS else None


async def basic_loader_async(attributes: Any, username: str, password: str) -> Any:
    return basic_loader(attributes, username, password)


async def token_loader_async(attributes: Any, token: str) -> Any:
    return token_loader(attributes, token)


def _describe(req: Any) -> dict[str, Any]:
    auth = getattr(req.context, 'auth', None)
    if auth is None:
        return {'auth': None}
    return {
        'user': auth['user'],
        'backend': type(auth['backend']).__name__,
        'token': auth.get('token'),
    }


def _app(asgi: bool, *, async_loaders: bool = False) -> testing.TestClient:
    if async_loaders:
        basic, token = basic_loader_async, token_loader_async
    else:
        basic, token = basic_loader, token_loader
    token_getter = MultiGetter([AuthHeaderGetter('Token'), CookieGetter('token')])
    backend = MultiAuthBackend(
        [
            BasicAuthBackend(basic),
            GenericAuthBackend(token, token_getter, payload_key='token', challenges=['Token']),
        ]
    )
    middleware = AuthMiddleware(backend, exempt_templates=['/health'])

    if asgi:

        class Me:
            async def on_get(self, req: Any, resp: Any) -> None:
                resp.media = _describe(req)

            async def on_options(self, req: Any, resp: Any) -> None:
                resp.media = _describe(req)

        class Public:
            auth = {'auth_disabled': True}

            async def on_get(self, req: Any, resp: Any) -> None:
                resp.media = _describe(req)

        app: Any = falcon.asgi.App(middleware=[middleware])
    else:

        class Me:  # type: ignore[no-redef]
            def on_get(self, req: Any, resp: Any) -> None:
                resp.media = _describe(req)

            def on_options(self, req: Any, resp: Any) -> None:
                resp.media = _describe(req)

        class Public:  # type: ignore[no-redef]
            auth = {'auth_disabled': True}

            def on_get(self, req: Any, resp: Any) -> None:
                resp.media = _describe(req)

        app = falcon.App(middleware=[middleware])

    app.add_route('/me', Me())
    app.add_route('/public', Public())
    app.add_route('/health', Public())
    return testing.TestClient(app)


def _unauthorized(result: testing.Result, description: str, challenge: str) -> None:
    assert result.status == falcon.HTTP_401
    assert result.headers['www-authenticate'] == challenge
    assert result.json == {'title': '401 Unauthorized', 'description': description}


def test_good_basic_credentials_put_the_user_in_the_context(asgi: bool) -> None:
    result = _app(asgi).simulate_get('/me', headers={'Authorization': _basic('ada', 'lovelace')})
    assert result.status == falcon.HTTP_200
    assert result.json == {'user': {'name': 'ada'}, 'backend': 'BasicAuthBackend', 'token': None}


def test_good_token_in_the_header_or_a_cookie(asgi: bool) -> None:
    client = _app(asgi)
    expected = {'user': {'name': 'bob'}, 'backend': 'GenericAuthBackend', 'token': 't0k3n'}
    by_header = client.simulate_get('/me', headers={'Authorization': 'Token t0k3n'})
    assert by_header.status == falcon.HTTP_200
    assert by_header.json == expected
    by_cookie = client.simulate_get('/me', cookies={'token': 't0k3n'})
    assert by_cookie.status == falcon.HTTP_200
    assert by_cookie.json == expected


def test_async_user_loaders_under_asgi() -> None:
    client = _app(True, async_loaders=True)
    basic = client.simulate_get('/me', headers={'Authorization': _basic('ada', 'lovelace')})
    assert basic.json == {'user': {'name': 'ada'}, 'backend': 'BasicAuthBackend', 'token': None}
    token = client.simulate_get('/me', headers={'Authorization': 'Token t0k3n'})
    assert token.json['user'] == {'name': 'bob'}
    _unauthorized(
        client.simulate_get('/me', headers={'Authorization': 'Token nope'}),
        'User not found for provided payload',
        'Token',
    )


def test_wrong_password_is_a_401_with_the_basic_challenge(asgi: bool) -> None:
    result = _app(asgi).simulate_get('/me', headers={'Authorization': _basic('ada', 'nope')})
    _unauthorized(result, 'User not found for provided payload', 'Basic')


def test_unknown_token_is_a_401_with_the_token_challenge(asgi: bool) -> None:
    result = _app(asgi).simulate_get('/me', headers={'Authorization': 'Token nope'})
    _unauthorized(result, 'User not found for provided payload', 'Token')


@pytest.mark.parametrize(
    'headers',
    [{}, {'Authorization': 'Basic !!!'}, {'Authorization': 'Bearer abc'}],
    ids=['missing', 'undecodable', 'other-scheme'],
)
def test_no_usable_credentials_is_a_401_with_every_challenge(
    asgi: bool, headers: dict[str, str]
) -> None:
    result = _app(asgi).simulate_get('/me', headers=headers)
    _unauthorized(result, 'Cannot authenticate the request', 'Basic, Token')


def test_exemptions_skip_authentication(asgi: bool) -> None:
    client = _app(asgi)
    # A resource with auth_disabled, an exempt URI template and an exempt method (OPTIONS).
    for result in (
        client.simulate_get('/public'),
        client.simulate_get('/health'),
        client.simulate_options('/me'),
    ):
        assert result.status == falcon.HTTP_200
        assert result.json == {'auth': None}
