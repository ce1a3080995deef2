"""sentry-sdk's FalconIntegration, run unchanged against this package (WSGI only).

The integration supports ``falcon.App`` alone: it replaces ``falcon.App.__call__`` (wrapping
the app in its WSGI middleware), ``falcon.App._handle_exception`` (reporting exceptions that
end in a 5xx) and ``falcon.app_helpers.prepare_middleware`` (adding its own middleware in
front of the app's, except for ASGI apps, which it leaves alone). Its event processor reads
``req.uri_template``/``req.path`` for the transaction name, ``req.env`` and ``req.cookies``,
and ``req._media`` compared with ``falcon.request._UNSET`` for the request body. So these
tests use ``falcon.App``, plus one check that a ``falcon.asgi.App`` gets no Sentry middleware.

Events are captured in memory by ``before_send`` and a transport that sends nothing. The
patches Sentry installs on ``falcon.App`` last for the process; each test undoes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

sentry_sdk = pytest.importorskip('sentry_sdk')

from sentry_sdk.integrations import (  # noqa: E402
    _installed_integrations,
    _processed_integrations,
)
from sentry_sdk.integrations.falcon import FalconIntegration  # noqa: E402
from sentry_sdk.transport import Transport  # noqa: E402

import falcon  # noqa: E402
import falcon.app_helpers  # noqa: E402
import falcon.asgi  # noqa: E402
from falcon import testing  # noqa: E402


class _NoNetwork(Transport):
    """Keeps envelopes in memory; nothing leaves the process."""

    def __init__(self, options: Any = None) -> None:
        super().__init__(options)
        self.envelopes: list[Any] = []

    def capture_envelope(self, envelope: Any) -> None:
        self.envelopes.append(envelope)


def _forget_falcon_integration() -> None:
    # Sentry patches once per process; forgetting lets the next test patch afresh.
    _installed_integrations.discard('falcon')
    _processed_integrations.discard('falcon')


@pytest.fixture
def sentry_init() -> Iterator[Any]:
    """``sentry_init(**options)`` starts Sentry with the Falcon integration; returns the
    list that receives every event. Afterwards Falcon is as it was."""
    saved = (
        falcon.App.__call__,
        falcon.App._handle_exception,
        falcon.app_helpers.prepare_middleware,
    )
    events: list[dict[str, Any]] = []

    def before_send(event: dict[str, Any], hint: dict[str, Any]) -> None:
        events.append(event)
        return None

    def init(transaction_style: str = 'uri_template', **options: Any) -> list[dict[str, Any]]:
        _forget_falcon_integration()
        sentry_sdk.init(
            dsn='https://public@sentry.example.invalid/1',
            transport=_NoNetwork,
            default_integrations=False,
            auto_enabling_integrations=False,
            integrations=[FalconIntegration(transaction_style=transaction_style)],
            before_send=before_send,
            **options,
        )
        return events

    yield init
    sentry_sdk.get_global_scope().set_client(None)
    _forget_falcon_integration()
    falcon.App.__call__, falcon.App._handle_exception = saved[0], saved[1]  # type: ignore[method-assign]
    falcon.app_helpers.prepare_middleware = saved[2]


class Items:
    def on_get(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        if item_id == 0:
            raise ZeroDivisionError('no item zero')
        if item_id == 4:
            raise falcon.HTTPNotFound(title='No such item')
        if item_id == 5:
            raise falcon.HTTPServiceUnavailable(title='Down for maintenance')
        if item_id == 6:
            raise ValueError('turned into a 400 by a handler')
        resp.media = {'id': item_id}

    def on_post(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        if item_id == 1:
            req.get_media()
        raise RuntimeError('failed after reading the body')


def _app(**kwargs: Any) -> falcon.App:
    app = falcon.App(**kwargs)
    app.add_route('/items/{item_id:int}', Items())
    return app


def test_unhandled_exception_is_captured_with_request_data(sentry_init: Any) -> None:
    events = sentry_init()
    client = testing.TestClient(_app())

    result = client.simulate_get('/items/0', query_string='verbose=1')

    assert result.status_code == 500
    assert result.json == {'title': '500 Internal Server Error'}
    assert len(events) == 1
    event = events[0]
    (exception,) = event['exception']['values']
    assert exception['type'] == 'ZeroDivisionError'
    assert exception['value'] == 'no item zero'
    assert exception['mechanism'] == {'type': 'falcon', 'handled': False}
    assert event['transaction'] == '/items/{item_id:int}'
    assert event['transaction_info'] == {'source': 'route'}
    request = event['request']
    assert request['url'] == 'http://falconframework.org/items/0'
    assert request['method'] == 'GET'
    assert request['query_string'] == 'verbose=1'


def test_transaction_style_path(sentry_init: Any) -> None:
    events = sentry_init(transaction_style='path')
    client = testing.TestClient(_app())

    assert client.simulate_get('/items/0').status_code == 500

    assert [event['transaction'] for event in events] == ['/items/0']
    assert events[0]['transaction_info'] == {'source': 'url'}


def test_media_read_by_the_responder_is_attached(sentry_init: Any) -> None:
    events = sentry_init()
    client = testing.TestClient(_app())

    result = client.simulate_post('/items/1', json={'name': 'kettle', 'count': 2})

    assert result.status_code == 500
    assert len(events) == 1
    assert events[0]['request']['data'] == {'name': 'kettle', 'count': 2}
    assert events[0]['request']['method'] == 'POST'


def test_unread_body_is_not_read_for_the_event(sentry_init: Any) -> None:
    events = sentry_init()
    client = testing.TestClient(_app())

    result = client.simulate_post('/items/2', json={'name': 'kettle'})

    assert result.status_code == 500
    assert len(events) == 1
    # req._media is still falcon.request._UNSET: Sentry leaves the body unread and marks it
    # as raw data removed from the event.
    assert events[0]['request']['data'] == ''
    assert events[0]['_meta']['request']['data'] == {'': {'rem': [['!raw', 'x']]}}


def test_http_error_4xx_is_not_reported(sentry_init: Any) -> None:
    events = sentry_init()
    client = testing.TestClient(_app())

    result = client.simulate_get('/items/4')

    assert result.status_code == 404
    assert result.json == {'title': 'No such item'}
    assert events == []


def test_http_error_5xx_is_reported(sentry_init: Any) -> None:
    events = sentry_init()
    client = testing.TestClient(_app())

    result = client.simulate_get('/items/5')

    assert result.status_code == 503
    assert [event['exception']['values'][0]['type'] for event in events] == [
        'HTTPServiceUnavailable'
    ]


def test_exception_a_handler_turns_into_4xx_is_not_reported(sentry_init: Any) -> None:
    events = sentry_init()
    app = _app()

    def handler(req: Any, resp: Any, ex: BaseException, params: dict[str, Any]) -> None:
        resp.status = falcon.HTTP_400
        resp.media = {'error': str(ex)}

    app.add_error_handler(ValueError, handler)
    client = testing.TestClient(app)

    result = client.simulate_get('/items/6')

    assert result.status_code == 400
    assert result.json == {'error': 'turned into a 400 by a handler'}
    assert events == []


def test_success_sends_no_event_and_the_response_is_unchanged(sentry_init: Any) -> None:
    events = sentry_init()
    client = testing.TestClient(_app())

    result = client.simulate_get('/items/7')

    assert result.status_code == 200
    assert result.json == {'id': 7}
    assert events == []


def test_sentry_middleware_runs_before_the_apps_own(sentry_init: Any) -> None:
    sentry_init()
    seen: list[str] = []

    class Recorder:
        def process_request(self, req: Any, resp: Any) -> None:
            seen.append('app middleware')

    app = _app(middleware=[Recorder()])
    components = app._middleware.components
    assert [type(component).__name__ for component in components] == [
        'SentryFalconMiddleware',
        'Recorder',
    ]
    # Only the app's own components are the unprepared list, as in Falcon.
    assert [type(component).__name__ for component in app._unprepared_middleware] == ['Recorder']
    assert testing.TestClient(app).simulate_get('/items/7').status_code == 200
    assert seen == ['app middleware']

    app.add_middleware(Recorder())
    assert [type(component).__name__ for component in app._middleware.components] == [
        'SentryFalconMiddleware',
        'Recorder',
        'Recorder',
    ]


def test_asgi_app_gets_no_sentry_middleware(sentry_init: Any) -> None:
    sentry_init()
    app = falcon.asgi.App()

    assert app._middleware.components == ()
    assert app._unprepared_middleware == []


def test_integration_off_leaves_the_app_alone(sentry_init: Any) -> None:
    events = sentry_init()
    sentry_sdk.get_global_scope().set_client(None)
    client = testing.TestClient(_app())

    result = client.simulate_get('/items/0')

    assert result.status_code == 500
    assert events == []
