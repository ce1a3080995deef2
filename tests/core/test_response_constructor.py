"""The responses' C constructor (falcon.core._fast_init, planned by falcon.core._constructors)
against the pure-Python ``__init__``.

Every call must give what ``__init__`` gives: the same slot values (a new header dict each
time), or the same exception. A call without options or with None, a replaced ``__init__``,
subclasses and the build without the extension must all run the Python code; a class whose
``__init__`` does more than store parameters and fixed starting values gets no C constructor.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.testing
from falcon.asgi import _response as asgi_response
from falcon.core import _response as core_response
from falcon.core._constructors import ABSENT, _plan, install_fast_constructor, read_slots
from tests._c_extensions import assert_suites_pass_without, traced_growth

BUILT = importlib.util.find_spec('falcon.core._fast_init') is not None
needs_extension = pytest.mark.skipif(not BUILT, reason='falcon.core._fast_init was not built')

RESPONSES = [falcon.Response, falcon.asgi.Response]


def _by_init(cls: Any, *args: Any, **kwargs: Any) -> Any:
    response: Any = object.__new__(cls)
    cls.__init__(response, *args, **kwargs)
    return response


def _slots(response: Any) -> dict[str, Any]:
    return read_slots(type(response), response)


def _comparable(response: Any) -> dict[str, Any]:
    return {
        name: value if name == 'options' else repr(value)
        for name, value in _slots(response).items()
    }


def test_in_use_exactly_where_the_extension_was_built() -> None:
    assert core_response.FAST_CONSTRUCTOR is BUILT
    assert asgi_response.FAST_CONSTRUCTOR is BUILT


def test_the_plan_read_off_init() -> None:
    params, constants, dict_names = _plan(falcon.Response)  # type: ignore[misc]
    assert params == ('options',)
    assert dict_names == ('_headers',)
    assert constants == {
        '_callbacks': None,
        '_cookies': None,
        '_data': None,
        '_media': None,
        '_media_rendered': None,
        'complete': False,
        'sse': None,
        'status': '200 OK',
        'stream': None,
        'text': None,
        '_context': None,
    }
    assert _plan(falcon.asgi.Response) == _plan(falcon.Response)


@pytest.mark.parametrize('cls', RESPONSES)
def test_every_slot_matches_init(cls: Any) -> None:
    options = falcon.ResponseOptions()
    fast = cls(options)
    reference = _by_init(cls, options)
    assert type(fast) is cls
    assert fast.options is options
    assert _comparable(fast) == _comparable(reference)
    assert ABSENT not in _slots(fast).values()


@pytest.mark.parametrize('cls', RESPONSES)
def test_each_response_gets_its_own_header_dict(cls: type) -> None:
    options = falcon.ResponseOptions()
    first, second = cls(options), cls(options)
    first.set_header('X-One', '1')
    assert first._headers == {'x-one': '1'}
    assert second._headers == {}
    assert first._headers is not second._headers


@pytest.mark.parametrize('cls', RESPONSES)
def test_a_response_works_as_before(cls: type) -> None:
    response = cls(falcon.ResponseOptions())
    response.status = falcon.HTTP_201
    response.media = {'a': 1}
    response.set_cookie('k', 'v')
    assert response.status == falcon.HTTP_201
    assert response.get_header('content-type') is None
    assert response.media == {'a': 1}
    assert response.context.__class__ is falcon.Context
    assert response.complete is False
    assert repr(response) == f'<{cls.__name__}: 201 Created>'


@pytest.mark.parametrize('cls', RESPONSES)
@pytest.mark.parametrize('call', [(), (None,)], ids=['no options', 'None'])
def test_without_options_init_makes_them(cls: type, call: tuple[Any, ...]) -> None:
    response = cls(*call)
    assert type(response.options) is falcon.ResponseOptions
    assert response.options is not cls().options
    assert _comparable(response) | {'options': None} == _comparable(_by_init(cls)) | {
        'options': None
    }


@pytest.mark.parametrize('cls', RESPONSES)
def test_nothing_is_kept_after_a_response_goes(cls: type) -> None:
    options = falcon.ResponseOptions()
    references = sys.getrefcount(options)

    def build(count: int) -> None:
        for _ in range(count):
            cls(options).set_header('X-A', 'b')

    assert traced_growth(build, 10_000) < 2_000
    assert sys.getrefcount(options) == references


@pytest.mark.parametrize('cls', RESPONSES)
def test_options_by_keyword(cls: type) -> None:
    options = falcon.ResponseOptions()
    assert cls(options=options).options is options


@pytest.mark.parametrize('cls', RESPONSES)
@pytest.mark.parametrize(
    ('args', 'kwargs'),
    [
        ((1, 2), {}),
        ((), {'bogus': 1}),
        ((falcon.ResponseOptions(),), {'options': falcon.ResponseOptions()}),
    ],
)
def test_errors_come_from_init(cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    with pytest.raises(TypeError) as by_call:
        cls(*args, **kwargs)
    with pytest.raises(TypeError) as by_init:
        _by_init(cls, *args, **kwargs)
    assert str(by_call.value) == str(by_init.value)


def test_a_replaced_init_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    original = falcon.Response.__init__
    calls: list[Any] = []

    def recording_init(self: falcon.Response, options: Any = None) -> None:
        calls.append(options)
        original(self, options)
        self.status = falcon.HTTP_202

    monkeypatch.setattr(falcon.Response, '__init__', recording_init)
    options = falcon.ResponseOptions()
    assert falcon.Response(options).status == falcon.HTTP_202
    # The subclass inherits the replaced __init__ too.
    assert falcon.asgi.Response(options).status == falcon.HTTP_202
    assert calls == [options, options]
    monkeypatch.undo()
    assert falcon.Response(options).status == '200 OK'
    assert falcon.asgi.Response(options).status == '200 OK'
    assert len(calls) == 2


@pytest.mark.parametrize('cls', RESPONSES)
def test_subclasses_run_their_own_init(cls: type) -> None:
    class Tagged(cls):  # type: ignore[misc]
        def __init__(self, options: Any = None) -> None:
            super().__init__(options)
            self.tag = 'tagged'

    class Plain(cls):  # type: ignore[misc]
        pass

    options = falcon.ResponseOptions()
    tagged = Tagged(options)
    assert (type(tagged), tagged.tag, tagged.options, tagged.status) == (
        Tagged,
        'tagged',
        options,
        '200 OK',
    )
    plain = Plain(options)
    assert (type(plain), plain.options, plain.status, plain._headers) == (
        Plain,
        options,
        '200 OK',
        {},
    )


def test_custom_response_types_serve_requests() -> None:
    class Tagging(falcon.Response):
        def __init__(self, options: Any = None) -> None:
            super().__init__(options)
            self.set_header('X-Tag', 'on')

    class Hello:
        def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
            resp.text = 'hi'

    app = falcon.App(response_type=Tagging)
    app.add_route('/', Hello())
    result = falcon.testing.TestClient(app).simulate_get('/')
    assert (result.status_code, result.text, result.headers['x-tag']) == (200, 'hi', 'on')


class _StoresShared:
    __slots__ = ('items', 'options')
    shared: dict[str, Any] = {}

    def __init__(self, options: Any) -> None:
        self.options = options
        self.items = _StoresShared.shared


class _StoresElsewhere:
    __slots__ = ('other',)

    def __init__(self, options: Any) -> None:
        self.other = options


class _StoresAList:
    __slots__ = ('items', 'options')

    def __init__(self, options: Any) -> None:
        self.options = options
        self.items: list[Any] = []


class _TakesVarargs:
    __slots__ = ('options',)

    def __init__(self, *options: Any) -> None:
        self.options = options


class _DropsAParameter:
    __slots__ = ('options',)

    def __init__(self, options: Any, unused: Any) -> None:
        self.options = options


class _SetsASlotSometimes:
    __slots__ = ('options', 'seen')
    calls = 0

    def __init__(self, options: Any) -> None:
        self.options = options
        _SetsASlotSometimes.calls += 1
        if _SetsASlotSometimes.calls % 2:
            self.seen = True


@pytest.mark.parametrize(
    'cls',
    [
        _StoresShared,
        _StoresElsewhere,
        _StoresAList,
        _TakesVarargs,
        _DropsAParameter,
        _SetsASlotSometimes,
    ],
)
def test_an_init_doing_more_gets_no_c_constructor(cls: type) -> None:
    assert _plan(cls) is None
    assert install_fast_constructor(cls) is False


class _Point:
    __slots__ = ('label', 'tags', 'x', 'y')

    def __init__(self, x: Any, y: Any) -> None:
        self.x = x
        self.y = y
        self.label = 'point'
        self.tags: dict[str, Any] = {}


@needs_extension
def test_a_plain_class_of_its_own() -> None:
    assert install_fast_constructor(_Point) is True
    point = _Point(1, y=2)
    assert (point.x, point.y, point.label, point.tags) == (1, 2, 'point', {})
    assert point.tags is not _Point(1, 2).tags
    # Strict: a missing or None parameter runs __init__ (which here rejects a missing one).
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'y'"):
        _Point(1)  # type: ignore[call-arg]
    assert _Point(None, 2).x is None


@needs_extension
@pytest.mark.parametrize(
    ('names', 'constants', 'dict_names', 'error', 'message'),
    [
        (('nope',), {}, (), TypeError, 'nope is not a slot'),
        (('a',), {'a': 1}, (), ValueError, 'a is named twice'),
        (('a',), {}, ('a',), ValueError, 'a is named twice'),
        ((1,), {}, (), TypeError, 'field names must be str'),
    ],
)
def test_install_refuses_what_it_cannot_do(
    names: tuple[Any, ...],
    constants: dict[str, Any],
    dict_names: tuple[str, ...],
    error: type[Exception],
    message: str,
) -> None:
    from falcon.core import _fast_init

    class Slotted:
        __slots__ = ('a', 'b')

        def __init__(self, a: Any) -> None:
            self.a = a

    with pytest.raises(error, match=message):
        _fast_init.install(Slotted, names, constants, dict_names, True)
    # A refused install leaves the class as it was.
    assert Slotted(1).a == 1


@pytest.mark.slow
def test_the_response_suites_pass_without_the_extension() -> None:
    """The pure-Python constructor, with the extension's import blocked, passes the same
    response tests in both modes."""
    suites = [
        'tests/core/test_response_constructor.py',
        'tests/compat/test_doc_response.py',
        'tests/asgi/test_response_start.py',
        'tests/test_media_render_paths.py',
    ]
    assert_suites_pass_without(
        ['falcon.core._fast_init'],
        'import falcon.core._response as r, falcon.asgi._response as a; '
        'assert r.FAST_CONSTRUCTOR is False and a.FAST_CONSTRUCTOR is False',
        suites,
    )
