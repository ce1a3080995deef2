"""The usual response head in C (falcon.core._fast_head) against App._response_head.

For every response it answers, usual_head() must give exactly the head and the header
changes the Python method gives; for every other response it must answer None and leave the
response untouched, so the lifecycle's fall-back to Python sees it as it was.
"""

from __future__ import annotations

import copy
import http
import importlib.util
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import falcon
import falcon.asgi
import falcon.testing
from falcon.core import _app
from falcon.core._awaitables import ForgottenAwaitError
from tests._c_extensions import assert_suites_pass_without, traced_growth

BUILT = importlib.util.find_spec('falcon.core._fast_head') is not None
needs_extension = pytest.mark.skipif(not BUILT, reason='falcon.core._fast_head was not built')

MODES = ['wsgi', 'asgi']


def _usual(req: Any, resp: Any, default_media_type: str) -> Any:
    assert _app.usual_head is not None
    return _app.usual_head(req, resp, default_media_type)


def _request(mode: str, method: str = 'GET') -> Any:
    if mode == 'wsgi':
        return falcon.testing.create_req(method=method)
    return falcon.testing.create_asgi_req(method=method)


def _response(mode: str, **attributes: Any) -> Any:
    cls = falcon.Response if mode == 'wsgi' else falcon.asgi.Response
    resp = cls(falcon.ResponseOptions())
    headers = attributes.pop('headers', {})
    cookies = attributes.pop('cookies', None)
    for name, value in attributes.items():
        setattr(resp, name, value)
    for name, value in headers.items():
        resp.set_header(name, value)
    if cookies is not None:
        resp._cookies = cookies
    return resp


def _state(resp: Any) -> tuple[Any, ...]:
    return (dict(resp._headers), resp.status, resp.text, resp._data, resp._media_rendered)


def _python_head(app: Any, req: Any, resp: Any) -> tuple[Any, ...]:
    return tuple(app._response_head(req, resp))


def _compare(mode: str, method: str = 'GET', **attributes: Any) -> Any:
    """The C answer for a response, checked against the Python method on a twin."""
    assert _app.usual_head is not None
    app = falcon.App() if mode == 'wsgi' else falcon.asgi.App()
    req = _request(mode, method)
    # The status line cache is filled by the Python method, as in the app.
    _python_head(app, req, _response(mode, **copy.deepcopy(attributes)))
    fast = _response(mode, **copy.deepcopy(attributes))
    reference = _response(mode, **copy.deepcopy(attributes))
    before = _state(fast)
    answer = _usual(req, fast, app._media_type)
    expected = _python_head(app, req, reference)
    if answer is None:
        assert _state(fast) == before
    else:
        assert answer == expected
        assert type(answer[0]) is str and type(answer[1]) is int
        assert _state(fast) == _state(reference)
    return answer


def test_in_use_exactly_where_the_extension_was_built() -> None:
    assert (_app.usual_head is not None) is BUILT


@needs_extension
@pytest.mark.parametrize('mode', MODES)
@pytest.mark.parametrize(
    'attributes',
    [
        {'text': 'hello'},
        {'text': 'héllo wörld ☃'},
        {'text': ''},
        {'text': 'x', 'status': falcon.HTTP_201},
        {'text': 'x', 'status': '599 Custom Thing'},
        {'text': 'x', 'headers': {'Content-Type': 'text/plain', 'X-A': 'b'}},
        {'text': 'x', 'headers': {'Content-Length': '99'}},
        {'text': 'x', 'cookies': {}},
        {'text': 'text wins', 'data': b'over data'},
        {'_media_rendered': b'{"a": 1}'},
        {'data': b'bytes'},
        {'data': b'', 'status': falcon.HTTP_202},
        {'_media_rendered': b'', 'status': falcon.HTTP_404},
    ],
)
def test_answers_the_usual_responses(mode: str, attributes: dict[str, Any]) -> None:
    assert _compare(mode, **attributes) is not None


@needs_extension
@pytest.mark.parametrize('mode', MODES)
@pytest.mark.parametrize(
    ('method', 'attributes'),
    [
        ('HEAD', {'text': 'x'}),
        ('GET', {'text': 'lone \udc80 surrogate'}),
        ('GET', {'text': 'x', 'status': 200}),
        ('GET', {'text': 'x', 'status': http.HTTPStatus.OK}),
        ('GET', {'text': 'x', 'status': falcon.HTTP_204}),
        ('GET', {'text': 'x', 'status': falcon.HTTP_304}),
        ('GET', {'text': 'x', 'status': falcon.HTTP_416}),
        ('GET', {'text': 'x', 'status': falcon.HTTP_100}),
        ('GET', {'text': 'x', 'cookies': {'k': 'k=v'}}),
        ('GET', {'data': bytearray(b'not bytes')}),
        ('GET', {}),
        ('GET', {'stream': [b'a']}),
    ],
)
def test_leaves_everything_else_to_python(
    mode: str, method: str, attributes: dict[str, Any]
) -> None:
    assert _compare(mode, method, **attributes) is None


@needs_extension
@pytest.mark.parametrize('method', ['GET', 'HEAD'])
@pytest.mark.parametrize(
    'headers', [{}, {'Content-Type': 'text/plain', 'Cache-Control': 'max-age=5', 'X-A': 'b'}]
)
def test_an_async_generator_emitter_matches_python(method: str, headers: dict[str, str]) -> None:
    async def emitter() -> Any:
        yield None

    app = falcon.asgi.App()
    req = _request('asgi', method)
    fast = _response('asgi', headers=headers)
    reference = _response('asgi', headers=headers)
    fast.sse, reference.sse = emitter(), emitter()
    answer = _usual(req, fast, app._media_type)
    expected = app._response_head(req, reference)
    if method == 'HEAD':
        assert answer is None
        assert fast._headers == {name.lower(): value for name, value in headers.items()}
    else:
        assert answer is not None
        assert answer[:5] == expected[:5]
        assert answer[5] is fast.sse
        assert fast._headers == reference._headers
    for response in (fast, reference):
        response.sse.aclose().close()


@needs_extension
def test_other_emitters_are_left_to_python() -> None:
    class Events:
        def __aiter__(self) -> Any:
            return self

        async def __anext__(self) -> Any:
            raise StopAsyncIteration

    async def forgotten() -> Any:
        return None

    app = falcon.asgi.App()
    for emitter in (Events(), [b'data: x\n\n']):
        resp = _response('asgi')
        resp.sse = emitter
        assert _usual(_request('asgi'), resp, app._media_type) is None
        assert resp._headers == {}
    resp = _response('asgi')
    resp.sse = forgotten()
    assert _usual(_request('asgi'), resp, app._media_type) is None
    with pytest.raises(ForgottenAwaitError):
        app._response_head(_request('asgi'), resp)


@needs_extension
def test_an_unhashable_status_is_left_to_python() -> None:
    resp = _response('wsgi', text='x')
    resp.status = ['200 OK']
    assert _usual(_request('wsgi'), resp, 'application/json') is None
    with pytest.raises(ValueError, match='is not a valid status code'):
        falcon.App()._response_head(_request('wsgi'), resp)


@needs_extension
@settings(max_examples=300, deadline=None)
@given(
    mode=st.sampled_from(MODES),
    method=st.sampled_from(['GET', 'POST', 'HEAD', 'DELETE']),
    text=st.none() | st.text(max_size=20),
    rendered=st.none() | st.binary(max_size=20),
    data=st.none() | st.just(b'd'),
    status=st.sampled_from(
        [
            falcon.HTTP_200,
            falcon.HTTP_201,
            falcon.HTTP_204,
            falcon.HTTP_301,
            falcon.HTTP_304,
            falcon.HTTP_416,
            falcon.HTTP_500,
            falcon.HTTP_101,
            200,
            http.HTTPStatus.CREATED,
        ]
    ),
    headers=st.dictionaries(
        st.sampled_from(['Content-Type', 'Content-Length', 'X-One', 'ETag']),
        st.sampled_from(['1', 'text/plain', 'abc']),
        max_size=3,
    ),
)
def test_every_response_matches_python(
    mode: str,
    method: str,
    text: str | None,
    rendered: bytes | None,
    data: bytes | None,
    status: Any,
    headers: dict[str, str],
) -> None:
    _compare(
        mode,
        method,
        text=text,
        _media_rendered=rendered,
        _data=data,
        status=status,
        headers=headers,
    )


@needs_extension
def test_subclasses_reading_the_same_slots_are_answered() -> None:
    class Plain(falcon.Response):
        pass

    class Request(falcon.Request):
        context_type = dict

    req = Request(falcon.testing.create_environ())
    resp = Plain(falcon.ResponseOptions())
    resp.text = 'hi'
    head = _usual(req, resp, 'text/plain')
    assert head is not None
    assert head[:4] == (
        '200 OK',
        200,
        [('content-type', 'text/plain'), ('content-length', '2')],
        b'hi',
    )


@needs_extension
def test_a_property_in_a_subclass_is_left_to_python() -> None:
    class Shouting(falcon.Response):
        @property
        def text(self) -> str:
            return 'LOUD'

        @text.setter
        def text(self, value: str) -> None:
            pass

    class Later(falcon.Response):
        pass

    class Rendering(falcon.Response):
        def _render(self) -> bytes | None:
            return b'rendered'

    class Heading(falcon.Request):
        @property
        def method(self) -> str:
            return 'HEAD'

        @method.setter
        def method(self, value: str) -> None:
            pass

    req = _request('wsgi')
    assert _usual(req, Shouting(), 'text/plain') is None
    rendering = Rendering()
    rendering.data = b'data'
    assert _usual(req, rendering, 'text/plain') is None
    rendering.text = 'text'
    assert _usual(req, rendering, 'text/plain') is not None
    later = Later()
    later.text = 'x'
    assert _usual(req, later, 'text/plain') is not None
    # A class changed after it was approved is looked at again.
    Later.text = property(lambda self: 'changed')  # type: ignore[assignment]
    assert _usual(req, later, 'text/plain') is None
    heading = Heading(falcon.testing.create_environ())
    resp = _response('wsgi', text='x')
    assert _usual(heading, resp, 'text/plain') is None


@needs_extension
@pytest.mark.parametrize('mode', MODES)
def test_through_the_app(mode: str) -> None:
    class Resource:
        def on_get(self, req: Any, resp: Any) -> None:
            resp.text = 'héllo'

        def on_post(self, req: Any, resp: Any) -> None:
            resp.media = {'a': [1, 2]}
            resp.status = falcon.HTTP_201
            resp.set_header('X-Extra', 'yes')

    app = falcon.App() if mode == 'wsgi' else falcon.asgi.App()
    app.add_route('/', Resource())
    client = falcon.testing.TestClient(app)
    result = client.simulate_get('/')
    assert (result.status_code, result.content, result.headers['content-length']) == (
        200,
        'héllo'.encode(),
        '6',
    )
    assert result.headers['content-type'] == 'application/json'
    result = client.simulate_post('/')
    assert result.status_code == 201
    assert result.json == {'a': [1, 2]}
    assert [name for name, _ in result.headers.items()] == [
        'x-extra',
        'content-type',
        'content-length',
    ]


@needs_extension
def test_length_texts_are_cached_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _app._LENGTH_TEXTS
    length = 123_457
    texts.pop(length, None)
    resp = _response('wsgi', text='x' * length)
    head = _usual(_request('wsgi'), resp, 'text/plain')
    assert head is not None and head[2][-1] == ('content-length', str(length))
    assert texts[length] == str(length)
    del texts[length]
    saved = dict(texts)
    try:
        texts.update({-n: str(-n) for n in range(1, 4097)})
        resp = _response('wsgi', text='x' * length)
        head = _usual(_request('wsgi'), resp, 'text/plain')
        assert head is not None and head[2][-1] == ('content-length', str(length))
        assert length not in texts
    finally:
        texts.clear()
        texts.update(saved)


@needs_extension
def test_nothing_is_kept_after_a_head_goes() -> None:
    req = _request('wsgi')

    def build(count: int) -> None:
        for _ in range(count):
            resp = _response('wsgi', text='hello', headers={'X-A': 'b'})
            _usual(req, resp, 'text/plain')
            resp.status = falcon.HTTP_204
            _usual(req, resp, 'text/plain')

    assert traced_growth(build, 5_000) < 2_000


@pytest.mark.slow
def test_the_response_suites_pass_without_the_extension() -> None:
    """The Python method alone, with the extension's import blocked, passes the same
    response tests in both modes."""
    assert_suites_pass_without(
        ['falcon.core._fast_head'],
        'import falcon.core._app as a; assert a.usual_head is None',
        [
            'tests/core/test_fast_head.py',
            'tests/compat/test_doc_response.py',
            'tests/compat/test_body_kinds.py',
            'tests/asgi/test_response_start.py',
            'tests/test_media_render_paths.py',
            'tests/test_content_length_values.py',
        ],
    )
