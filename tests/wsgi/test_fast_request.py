"""The usual WSGI request built in C (falcon.core._fast_request) against Request.__init__,
and the template check both adapters rely on (falcon.core._request_templates).

Every request it builds must hold in every slot what ``falcon.Request(env, options)`` puts
there; every call it does not take must answer None, and the app then calls the class.
"""

from __future__ import annotations

import importlib.util
import io
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import falcon
import falcon.testing
from falcon.core._constants import UNSET
from falcon.core._constructors import read_slots
from falcon.core._request_templates import templates_agree
from falcon.wsgi import _request as wsgi_request_module
from tests._c_extensions import assert_suites_pass_without, traced_growth

BUILT = importlib.util.find_spec('falcon.core._fast_request') is not None
needs_extension = pytest.mark.skipif(not BUILT, reason='falcon.core._fast_request was not built')

Request = falcon.Request


def _fast(*args: Any) -> Any:
    assert wsgi_request_module.fast_request is not None
    return wsgi_request_module.fast_request(*args)


def _env(**overrides: Any) -> dict[str, Any]:
    env = falcon.testing.create_environ('/things/1', query_string='limit=25&x=1')
    for name, value in overrides.items():
        if value is _DROP:
            env.pop(name, None)
        else:
            env[name] = value
    return env


_DROP = object()


def _compare(env: dict[str, Any], options: Any) -> Any:
    fast = _fast(env, options)
    reference = Request(env, options)
    if fast is not None:
        assert type(fast) is Request
        assert read_slots(Request, fast) == read_slots(Request, reference)
    return fast


def test_in_use_exactly_where_the_extension_was_built() -> None:
    assert (wsgi_request_module.fast_request is not None) is BUILT
    assert (wsgi_request_module.FAST_REQUEST_TYPE is Request) is BUILT


@needs_extension
@pytest.mark.parametrize(
    'overrides',
    [
        {},
        {'REQUEST_METHOD': 'POST'},
        {'PATH_INFO': '/'},
        {'QUERY_STRING': ''},
        {'QUERY_STRING': _DROP},
        {'wsgi.input': _DROP},
        {'REQUEST_METHOD': ''},
    ],
)
def test_builds_the_usual_requests(overrides: dict[str, Any]) -> None:
    assert _compare(_env(**overrides), falcon.RequestOptions()) is not None


@needs_extension
@pytest.mark.parametrize(
    'overrides',
    [
        {'REQUEST_METHOD': _DROP},
        {'REQUEST_METHOD': b'GET'},
        {'PATH_INFO': _DROP},
        {'PATH_INFO': ''},
        {'PATH_INFO': '/trailing/'},
        {'PATH_INFO': '/caf\xc3\xa9'},
        {'QUERY_STRING': b'x=1'},
    ],
)
def test_leaves_other_environs_to_init(overrides: dict[str, Any]) -> None:
    assert _fast(_env(**overrides), falcon.RequestOptions()) is None


@needs_extension
def test_form_parsing_and_missing_options_are_left_to_init() -> None:
    options = falcon.RequestOptions()
    options._auto_parse_form_urlencoded = True
    assert _fast(_env(), options) is None
    assert _fast(_env(), None) is None

    class Environ(dict):  # type: ignore[type-arg]
        pass

    assert _fast(Environ(_env()), falcon.RequestOptions()) is None


@needs_extension
@given(
    method=st.sampled_from(['GET', 'POST', '', 'PURGE']),
    path=st.sampled_from(['/', '/a', '/a/', '', '//', '/caf\xc3\xa9', '/%20']),
    query=st.none() | st.sampled_from(['', 'a=1', 'a=%C3%A9&b', 'x']),
    strip=st.booleans(),
)
def test_every_environ_matches_init(
    method: str, path: str, query: str | None, strip: bool
) -> None:
    options = falcon.RequestOptions()
    options.strip_url_path_trailing_slash = strip
    overrides: dict[str, Any] = {'REQUEST_METHOD': method, 'PATH_INFO': path}
    overrides['QUERY_STRING'] = _DROP if query is None else query
    _compare(_env(**overrides), options)


@needs_extension
def test_each_request_is_its_own() -> None:
    options = falcon.RequestOptions()
    body = io.BytesIO(b'{}')
    first = _fast(_env(**{'wsgi.input': body}), options)
    second = _fast(_env(PATH_INFO='/other'), options)
    first.context.user = 'a'
    assert first.stream is body
    assert 'user' not in second.context
    assert first.params is not second.params
    assert (first.path, second.path, first.query_string) == ('/things/1', '/other', 'limit=25&x=1')


@needs_extension
@pytest.mark.parametrize('method_name', ['__init__', '_init_common'])
def test_a_replaced_init_runs(monkeypatch: pytest.MonkeyPatch, method_name: str) -> None:
    original = getattr(Request, method_name)

    def recording(self: Any, *args: Any) -> None:
        original(self, *args)

    monkeypatch.setattr(Request, method_name, recording)
    assert _fast(_env(), falcon.RequestOptions()) is None
    monkeypatch.undo()
    assert _fast(_env(), falcon.RequestOptions()) is not None


def test_through_the_app() -> None:
    seen: list[Any] = []

    class Resource:
        def on_get(self, req: falcon.Request, resp: falcon.Response, tid: str) -> None:
            seen.append(type(req))
            resp.media = {'tid': tid, 'limit': req.get_param_as_int('limit'), 'path': req.path}

    class Custom(falcon.Request):
        pass

    for request_type in (falcon.Request, Custom):
        app = falcon.App(request_type=request_type)
        app.add_route('/things/{tid}', Resource())
        client = falcon.testing.TestClient(app)
        result = client.simulate_get('/things/7', query_string='limit=5')
        assert result.json == {'tid': '7', 'limit': 5, 'path': '/things/7'}
    assert seen == [falcon.Request, Custom]


@needs_extension
def test_nothing_is_kept_after_a_request_goes() -> None:
    options = falcon.RequestOptions()
    env = _env()

    def build(count: int) -> None:
        for _ in range(count):
            _fast(env, options).context.x = 1

    assert traced_growth(build, 10_000) < 2_000


class _Slotted:
    __slots__ = ('decided', 'kept')

    def __init__(self, decided: Any, kept: Any) -> None:
        self.decided = decided
        self.kept = kept


@pytest.mark.parametrize(
    ('first_kept', 'second_kept', 'agree'),
    [
        (None, None, True),
        (UNSET, UNSET, True),
        ('same', 'same', True),
        (False, False, True),
        ('one', 'other', False),
        ({}, {}, False),
        ([], [], False),
    ],
)
def test_templates_must_agree_on_every_copied_slot(
    first_kept: Any, second_kept: Any, agree: bool
) -> None:
    first = _Slotted('a', first_kept)
    second = _Slotted('b', second_kept)
    assert templates_agree(_Slotted, first, second, ('decided',)) is agree


def test_a_shared_mutable_value_is_refused() -> None:
    shared: dict[str, Any] = {}
    assert templates_agree(_Slotted, _Slotted(1, shared), _Slotted(2, shared), ('decided',)) is (
        False
    )


@pytest.mark.slow
def test_the_request_suites_pass_without_the_extension() -> None:
    """The Python constructor alone, with the extension's import blocked, passes the same
    request tests."""
    assert_suites_pass_without(
        ['falcon.core._fast_request'],
        'import falcon.wsgi._request as w, falcon.asgi._request as a; '
        'assert w.fast_request is None and a.fast_request is None',
        [
            'tests/wsgi/test_fast_request.py',
            'tests/compat/test_request.py',
            'tests/compat/test_doc_request.py',
            'tests/compat/test_params.py',
        ],
    )
