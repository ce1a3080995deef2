"""The usual ASGI request built in C (falcon.core._fast_request) against Request.__init__.

Every request it builds must hold in every slot what ``falcon.asgi.Request(...)`` puts
there; every call it does not take must answer None, and the app then calls the class.
"""

from __future__ import annotations

import asyncio
import importlib.util
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import falcon
import falcon.asgi
import falcon.testing
from falcon.asgi import Request
from falcon.asgi import _request as asgi_request_module
from falcon.core._constructors import read_slots
from tests._c_extensions import assert_suites_pass_without, traced_growth

BUILT = importlib.util.find_spec('falcon.core._fast_request') is not None
needs_extension = pytest.mark.skipif(not BUILT, reason='falcon.core._fast_request was not built')


async def _receive() -> dict[str, Any]:
    return {'type': 'http.request', 'body': b'', 'more_body': False}


def _fast(*args: Any) -> Any:
    assert asgi_request_module.fast_request is not None
    return asgi_request_module.fast_request(*args)


def _compare(scope: dict[str, Any], options: Any, first_event: Any = None) -> Any:
    fast = _fast(scope, _receive, first_event, options)
    reference = Request(scope, _receive, first_event, options)
    if fast is not None:
        assert type(fast) is Request
        assert read_slots(Request, fast) == read_slots(Request, reference)
    return fast


def _scope(**overrides: Any) -> dict[str, Any]:
    scope: dict[str, Any] = {
        'type': 'http',
        'asgi': {'version': '3.0'},
        'http_version': '1.1',
        'method': 'GET',
        'scheme': 'http',
        'root_path': '',
        'path': '/things/1',
        'query_string': b'limit=25&x=1',
        'headers': [(b'host', b'example.com')],
    }
    scope.update(overrides)
    return scope


def test_in_use_exactly_where_the_extension_was_built() -> None:
    assert (asgi_request_module.fast_request is not None) is BUILT
    assert (asgi_request_module.FAST_REQUEST_TYPE is Request) is BUILT


@needs_extension
@pytest.mark.parametrize(
    'overrides',
    [
        {},
        {'method': 'POST'},
        {'path': '/'},
        {'query_string': b''},
        {'query_string': None},
        {'query_string': b'name=J\xf6rg&x=%20'},
        {'path': '/caf\xe9/\u2603'},
    ],
)
def test_builds_the_usual_requests(overrides: dict[str, Any]) -> None:
    request = _compare(_scope(**overrides), falcon.RequestOptions(), {'type': 'http.request'})
    assert request is not None


@needs_extension
@pytest.mark.parametrize(
    'overrides',
    [
        {'method': ''},
        {'method': None},
        {'root_path': '/app'},
        {'root_path': None},
        {'path': ''},
        {'path': '/trailing/'},
        {'query_string': 'text'},
        {'method': b'GET'},
    ],
)
def test_leaves_other_scopes_to_init(overrides: dict[str, Any]) -> None:
    assert _fast(_scope(**overrides), _receive, None, falcon.RequestOptions()) is None


@needs_extension
@pytest.mark.parametrize('missing', ['method', 'root_path', 'path', 'query_string'])
def test_a_scope_without_a_usual_key_is_left_to_init(missing: str) -> None:
    scope = _scope()
    del scope[missing]
    assert _fast(scope, _receive, None, falcon.RequestOptions()) is None


@needs_extension
def test_without_options_or_a_plain_dict_scope_init_runs() -> None:
    class Scope(dict):  # type: ignore[type-arg]
        pass

    assert _fast(_scope(), _receive, None, None) is None
    assert _fast(Scope(_scope()), _receive, None, falcon.RequestOptions()) is None


@needs_extension
@given(
    method=st.sampled_from(['GET', 'POST', 'HEAD', 'PURGE', '', None]),
    root_path=st.sampled_from(['', '/app', None]),
    path=st.sampled_from(['/', '/a', '/a/', '', '/app/x', '/\u00e9t\u00e9', '//']),
    query=st.none() | st.binary(max_size=12),
    strip=st.booleans(),
)
def test_every_scope_matches_init(
    method: Any, root_path: Any, path: Any, query: bytes | None, strip: bool
) -> None:
    options = falcon.RequestOptions()
    options.strip_url_path_trailing_slash = strip
    _compare(
        _scope(method=method, root_path=root_path, path=path, query_string=query),
        options,
    )


@needs_extension
def test_the_running_loop_is_the_one_init_finds() -> None:
    async def build() -> tuple[Any, Any]:
        made = _fast(_scope(), _receive, None, falcon.RequestOptions())
        return made, asyncio.get_running_loop()

    outside = _fast(_scope(), _receive, None, falcon.RequestOptions())
    assert outside._loop is None
    made, loop = asyncio.run(build())
    assert made._loop is loop


@needs_extension
def test_each_request_is_its_own() -> None:
    options = falcon.RequestOptions()
    first = _fast(_scope(), _receive, None, options)
    second = _fast(_scope(path='/other'), _receive, None, options)
    first.context.user = 'a'
    assert first.params == {'limit': '25', 'x': '1'}
    assert second.params == {'limit': '25', 'x': '1'}
    assert first.params is not second.params
    assert 'user' not in second.context
    assert (first.path, second.path) == ('/things/1', '/other')


@needs_extension
@pytest.mark.parametrize('method_name', ['__init__', '_init_common'])
def test_a_replaced_init_runs(monkeypatch: pytest.MonkeyPatch, method_name: str) -> None:
    original = getattr(Request, method_name)
    calls: list[str] = []

    def recording(self: Request, *args: Any) -> None:
        calls.append(method_name)
        original(self, *args)

    monkeypatch.setattr(Request, method_name, recording)
    assert _fast(_scope(), _receive, None, falcon.RequestOptions()) is None
    monkeypatch.undo()
    assert _fast(_scope(), _receive, None, falcon.RequestOptions()) is not None


def test_through_the_app() -> None:
    seen: list[Any] = []

    class Resource:
        async def on_get(self, req: Request, resp: falcon.asgi.Response, tid: str) -> None:
            seen.append(type(req))
            resp.media = {
                'tid': tid,
                'limit': req.get_param_as_int('limit'),
                'path': req.path,
                'root': req.root_path,
                'method': req.method,
            }

    class Custom(Request):
        pass

    for request_type in (Request, Custom):
        app = falcon.asgi.App(request_type=request_type)
        app.add_route('/things/{tid}', Resource())
        client = falcon.testing.TestClient(app)
        result = client.simulate_get('/things/7', query_string='limit=5')
        assert result.json == {
            'tid': '7',
            'limit': 5,
            'path': '/things/7',
            'root': '',
            'method': 'GET',
        }
        result = client.simulate_get('/things/7/', params={'limit': '6'})
        assert result.status_code == 404
    assert seen == [Request, Custom]


@needs_extension
def test_nothing_is_kept_after_a_request_goes() -> None:
    options = falcon.RequestOptions()
    scope = _scope()

    def build(count: int) -> None:
        for _ in range(count):
            _fast(scope, _receive, None, options).context.x = 1

    assert traced_growth(build, 10_000) < 2_000


@pytest.mark.slow
def test_the_request_suites_pass_without_the_extension() -> None:
    """The Python constructor alone, with the extension's import blocked, passes the same
    request tests."""
    assert_suites_pass_without(
        ['falcon.core._fast_request'],
        'import falcon.asgi._request as r; assert r.fast_request is None',
        [
            'tests/asgi/test_fast_request.py',
            'tests/asgi/test_request_scope.py',
            'tests/compat/test_doc_asgi_scope.py',
            'tests/compat/test_request.py',
            'tests/compat/test_doc_request.py',
        ],
    )
