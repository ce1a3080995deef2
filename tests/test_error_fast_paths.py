"""A raised ``HTTPError`` answered by the default handler and serializer, in both apps.

The usual error (a fixed-status class, the stock JSON handler, the framework's own response
class) takes shortcuts; each case here checks the exact response they give, and that a
response class overriding ``data``, ``content_type`` or ``append_header`` is still served
through its own setters.
"""

from __future__ import annotations

import gc
import weakref
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.testing

NOT_FOUND_BODY = b'{"title": "Item not found", "description": "No item 42."}'


def _resource(make_error: Any, asgi: bool) -> object:
    if asgi:

        class AsyncResource:
            async def on_get(self, req: Any, resp: Any) -> None:
                raise make_error()

        return AsyncResource()

    class Resource:
        def on_get(self, req: Any, resp: Any) -> None:
            raise make_error()

    return Resource()


def _simulate(
    asgi: bool,
    make_error: Any,
    headers: dict[str, str] | None = None,
    response_type: type | None = None,
) -> falcon.testing.Result:
    kwargs = {} if response_type is None else {'response_type': response_type}
    app: Any = falcon.asgi.App(**kwargs) if asgi else falcon.App(**kwargs)
    app.add_route('/items', _resource(make_error, asgi))
    return falcon.testing.simulate_get(app, '/items', headers=headers)


def _not_found() -> falcon.HTTPNotFound:
    return falcon.HTTPNotFound(title='Item not found', description='No item 42.')


@pytest.mark.parametrize('asgi', [False, True], ids=['wsgi', 'asgi'])
@pytest.mark.parametrize('accept', [None, '*/*', 'application/json'])
def test_json_body_and_headers(asgi: bool, accept: str | None) -> None:
    headers = None if accept is None else {'Accept': accept}
    for _ in range(2):  # the second time the body comes from the table of rendered bodies
        result = _simulate(asgi, _not_found, headers)
        assert result.status == '404 Not Found'
        assert result.content == NOT_FOUND_BODY
        assert result.headers['content-type'] == 'application/json'
        assert result.headers['content-length'] == str(len(NOT_FOUND_BODY))
        assert result.headers['vary'] == 'Accept'


@pytest.mark.parametrize('asgi', [False, True], ids=['wsgi', 'asgi'])
def test_error_without_arguments(asgi: bool) -> None:
    result = _simulate(asgi, falcon.HTTPNotFound)
    assert result.status == '404 Not Found'
    assert result.content == b'{"title": "404 Not Found"}'
    assert result.headers['vary'] == 'Accept'


@pytest.mark.parametrize('asgi', [False, True], ids=['wsgi', 'asgi'])
def test_vary_from_the_error_headers_is_extended(asgi: bool) -> None:
    def make_error() -> falcon.HTTPNotFound:
        return falcon.HTTPNotFound(headers={'Vary': 'Origin', 'X-Trace': 'abc'})

    result = _simulate(asgi, make_error)
    assert result.headers['vary'] == 'Origin, Accept'
    assert result.headers['x-trace'] == 'abc'
    assert result.content == b'{"title": "404 Not Found"}'


@pytest.mark.parametrize('asgi', [False, True], ids=['wsgi', 'asgi'])
def test_code_and_link_render_through_to_json(asgi: bool) -> None:
    def make_error() -> falcon.HTTPNotFound:
        return falcon.HTTPNotFound(title='Gone', code=7, href='https://docs.test/7')

    result = _simulate(asgi, make_error)
    assert result.content == (
        b'{"title": "Gone", "code": 7, "link": {"text": "Documentation related to this error",'
        b' "href": "https://docs.test/7", "rel": "help"}}'
    )


def _response_base(asgi: bool) -> type:
    return falcon.asgi.Response if asgi else falcon.Response


@pytest.mark.parametrize('asgi', [False, True], ids=['wsgi', 'asgi'])
def test_response_class_with_its_own_data_setter(asgi: bool) -> None:
    base: Any = _response_base(asgi)
    seen: list[object] = []

    class Recording(base):  # type: ignore[misc, valid-type]
        @property
        def data(self) -> Any:
            return self._data

        @data.setter
        def data(self, value: Any) -> None:
            seen.append(value)
            self._data = None if value is None else b'[' + value + b']'

    result = _simulate(asgi, _not_found, response_type=Recording)
    assert result.content == b'[' + NOT_FOUND_BODY + b']'
    assert seen == [None, NOT_FOUND_BODY]
    assert result.headers['vary'] == 'Accept'
    assert result.headers['content-type'] == 'application/json'


@pytest.mark.parametrize('asgi', [False, True], ids=['wsgi', 'asgi'])
def test_response_class_with_its_own_content_type_setter(asgi: bool) -> None:
    base: Any = _response_base(asgi)

    class Tagged(base):  # type: ignore[misc, valid-type]
        @property
        def content_type(self) -> Any:
            return self._headers.get('content-type')

        @content_type.setter
        def content_type(self, value: Any) -> None:
            self._headers['content-type'] = f'{value}; charset=utf-8'

    result = _simulate(asgi, _not_found, response_type=Tagged)
    assert result.content == NOT_FOUND_BODY
    assert result.headers['content-type'] == 'application/json; charset=utf-8'
    assert result.headers['vary'] == 'Accept'


@pytest.mark.parametrize('asgi', [False, True], ids=['wsgi', 'asgi'])
def test_response_class_with_its_own_append_header(asgi: bool) -> None:
    base: Any = _response_base(asgi)
    appended: list[tuple[str, str]] = []

    class Counting(base):  # type: ignore[misc, valid-type]
        def append_header(self, name: str, value: str) -> None:
            appended.append((name, value))
            super().append_header(name, value.upper())

    result = _simulate(asgi, _not_found, response_type=Counting)
    assert appended == [('Vary', 'Accept')]
    assert result.headers['vary'] == 'ACCEPT'
    assert result.content == NOT_FOUND_BODY


@pytest.mark.parametrize('asgi', [False, True], ids=['wsgi', 'asgi'])
def test_no_reference_cycle_is_left_by_a_handled_error(asgi: bool) -> None:
    # Each raised error is freed by reference counting as soon as its request is answered
    # (the traceback's frames form no cycle with it), so none waits for the collector.
    raised: weakref.WeakSet[falcon.HTTPNotFound] = weakref.WeakSet()

    def make_error() -> falcon.HTTPNotFound:
        error = _not_found()
        raised.add(error)
        return error

    app: Any = falcon.asgi.App() if asgi else falcon.App()
    app.add_route('/items', _resource(make_error, asgi))
    client = falcon.testing.TestClient(app)
    client.simulate_get('/items')
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(3):
            assert client.simulate_get('/items').status_code == 404
        left = len(raised)
    finally:
        if enabled:
            gc.enable()
    assert left == 0
