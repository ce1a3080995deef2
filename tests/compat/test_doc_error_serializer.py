"""The default error serializer as Falcon 4.4 documents it (``App.set_error_serializer``,
``falcon.app_helpers.default_serialize_error``, ``HTTPError.to_dict``/``to_json``/``to_xml``,
``ResponseOptions.xml_error_serialization``, the 4.0 changelog and the FAQ), in both kinds of
app: negotiation on ``Accept`` (JSON by default and on ties, XML when preferred, ``+json`` and
``+xml`` suffixes, the response media handlers, no body when nothing fits), ``Vary: Accept``,
``Content-Type`` overriding, ``to_dict`` overrides, and custom serializers."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.app_helpers
import falcon.media
from falcon import testing

from ._support import resource

XML_404 = b'<?xml version="1.0" encoding="UTF-8"?><error><title>404 Not Found</title></error>'


def _raising(asgi: bool, make_app: Callable[..., Any], error: Exception, **kw: Any) -> Any:
    def on_get(req: Any, resp: Any) -> None:
        resp.text = 'discarded'
        raise error

    app = make_app(**kw)
    app.add_route('/', resource(asgi, on_get=on_get))
    return app


@pytest.mark.parametrize(
    'accept',
    [
        None,
        '*/*',
        'application/json',
        'application/*',
        'application/xml, application/json',
        'application/json, application/xml',
        'text/xml;q=0.5, application/json;q=0.5',
        'application/xml;q=0.5, application/json',
    ],
)
def test_json_by_default_and_on_ties(
    asgi: bool, make_app: Callable[..., Any], accept: str | None
) -> None:
    headers = {} if accept is None else {'Accept': accept}
    result = testing.simulate_get(make_app(), '/nope', headers=headers)
    assert result.status_code == 404
    assert result.headers['Content-Type'] == 'application/json'
    assert result.content == b'{"title": "404 Not Found"}'
    assert result.headers['Vary'] == 'Accept'


@pytest.mark.parametrize(
    ('accept', 'content_type'),
    [
        ('application/xml', 'application/xml'),
        ('text/xml', 'text/xml'),
        ('application/json;q=0.4, application/xml', 'application/xml'),
    ],
)
def test_xml_when_the_client_prefers_it(
    asgi: bool, make_app: Callable[..., Any], accept: str, content_type: str
) -> None:
    result = testing.simulate_get(make_app(), '/nope', headers={'Accept': accept})
    assert result.status_code == 404
    assert result.headers['Content-Type'] == content_type
    assert result.content == XML_404
    assert result.headers['Vary'] == 'Accept'


@pytest.mark.parametrize(
    ('accept', 'content_type', 'body'),
    [
        ('application/vnd.api+json', 'application/json', b'{"title": "404 Not Found"}'),
        ('application/problem+json', 'application/json', b'{"title": "404 Not Found"}'),
        ('application/atom+xml', 'application/xml', XML_404),
    ],
)
def test_structured_syntax_suffixes(
    asgi: bool, make_app: Callable[..., Any], accept: str, content_type: str, body: bytes
) -> None:
    result = testing.simulate_get(make_app(), '/nope', headers={'Accept': accept})
    assert result.status_code == 404
    assert result.headers['Content-Type'] == content_type
    assert result.content == body


@pytest.mark.parametrize('accept', ['text/html', 'image/png', 'text/plain, text/csv'])
def test_no_body_when_neither_json_nor_xml_is_acceptable(
    asgi: bool, make_app: Callable[..., Any], accept: str
) -> None:
    app = _raising(asgi, make_app, falcon.HTTPForbidden(description='Denied'))
    result = testing.simulate_get(app, '/', headers={'Accept': accept})
    assert result.status_code == 403
    assert result.content == b''
    assert result.headers['Vary'] == 'Accept'


def test_response_media_handlers_take_part_in_negotiation(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    result = testing.simulate_get(
        make_app(), '/nope', headers={'Accept': 'application/x-www-form-urlencoded'}
    )
    assert result.status_code == 404
    assert result.headers['Content-Type'] == 'application/x-www-form-urlencoded'
    assert result.text == 'title=404+Not+Found'


class _Listing(falcon.media.BaseHandler):
    """Serializes a dict as ``key: value`` lines."""

    def serialize(self, media: Any, content_type: str | None = None) -> bytes:
        return ''.join(f'{key}: {value}\n' for key, value in media.items()).encode()


def test_custom_media_handler_serializes_to_dict(asgi: bool, make_app: Callable[..., Any]) -> None:
    app = _raising(asgi, make_app, falcon.HTTPConflict(description='Taken', code=11))
    app.resp_options.media_handlers['text/x-listing'] = _Listing()
    result = testing.simulate_get(app, '/', headers={'Accept': 'text/x-listing'})
    assert result.status_code == 409
    assert result.headers['Content-Type'] == 'text/x-listing'
    assert result.text == 'title: 409 Conflict\ndescription: Taken\ncode: 11\n'
    # JSON still wins when the client has no preference.
    assert testing.simulate_get(app, '/').json['title'] == '409 Conflict'


def test_json_is_rendered_by_the_apps_json_handler(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    app = _raising(asgi, make_app, falcon.HTTPBadRequest(title='Bad', description='Worse'))
    handler = falcon.media.JSONHandler(dumps=lambda obj: json.dumps(obj, sort_keys=True))
    app.resp_options.media_handlers[falcon.MEDIA_JSON] = handler
    result = testing.simulate_get(app, '/')
    assert result.text == '{"description": "Worse", "title": "Bad"}'


@pytest.mark.parametrize(
    ('accept', 'body'),
    [
        ('application/xml', b''),
        ('application/atom+xml', b''),
        ('application/xml, application/json;q=0.5', b'{"title": "404 Not Found"}'),
    ],
)
def test_xml_error_serialization_off(
    asgi: bool, make_app: Callable[..., Any], accept: str, body: bytes
) -> None:
    app = make_app()
    assert app.resp_options.xml_error_serialization is True
    app.resp_options.xml_error_serialization = False
    result = testing.simulate_get(app, '/nope', headers={'Accept': accept})
    assert result.status_code == 404
    assert result.content == body


def test_xml_handler_serves_xml_when_automatic_xml_is_off(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    class XMLHandler(falcon.media.BaseHandler):
        def serialize(self, media: Any, content_type: str | None = None) -> bytes:
            return f'<problem>{media["title"]}</problem>'.encode()

    app = make_app()
    app.resp_options.xml_error_serialization = False
    app.resp_options.media_handlers[falcon.MEDIA_XML] = XMLHandler()
    result = testing.simulate_get(app, '/nope', headers={'Accept': 'application/xml'})
    assert result.headers['Content-Type'] == 'application/xml'
    assert result.text == '<problem>404 Not Found</problem>'


def test_no_preference_means_json_whatever_the_default_media_type(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    app = make_app(media_type=falcon.MEDIA_MSGPACK)
    assert app.resp_options.default_media_type == falcon.MEDIA_MSGPACK
    result = testing.simulate_get(app, '/nope')
    assert result.headers['Content-Type'] == 'application/json'
    assert result.json == {'title': '404 Not Found'}


def test_error_content_type_header_is_overridden(asgi: bool, make_app: Callable[..., Any]) -> None:
    error = falcon.HTTPBadRequest(headers={'Content-Type': 'text/plain', 'X-Detail': 'kept'})
    result = testing.simulate_get(_raising(asgi, make_app, error), '/')
    assert result.status_code == 400
    assert result.headers['Content-Type'] == 'application/json'
    assert result.headers['X-Detail'] == 'kept'
    assert result.json == {'title': '400 Bad Request'}


def test_full_json_body(asgi: bool, make_app: Callable[..., Any]) -> None:
    error = falcon.HTTPNotFound(
        title='Gone fishing',
        description='The thing is elsewhere',
        code=404001,
        href='https://docs.example/errors/404',
    )
    result = testing.simulate_get(_raising(asgi, make_app, error), '/')
    assert result.json == {
        'title': 'Gone fishing',
        'description': 'The thing is elsewhere',
        'code': 404001,
        'link': {
            'text': 'Documentation related to this error',
            'href': 'https://docs.example/errors/404',
            'rel': 'help',
        },
    }


def test_head_gets_the_error_status_without_a_body(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    result = testing.simulate_head(make_app(), '/nope')
    assert result.status_code == 404
    assert result.content == b''
    assert result.headers['Vary'] == 'Accept'


class _WithTrace(falcon.HTTPBadRequest):
    def to_dict(self, obj_type: type = dict) -> Any:
        data = super().to_dict(obj_type)
        data['trace'] = 'abc123'
        return data


def test_to_dict_override_reaches_json_and_handlers(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    error = _WithTrace(title='Bad')
    assert json.loads(error.to_json()) == {'title': 'Bad', 'trace': 'abc123'}
    app = _raising(asgi, make_app, error)
    assert testing.simulate_get(app, '/').json == {'title': 'Bad', 'trace': 'abc123'}
    app.resp_options.media_handlers['text/x-listing'] = _Listing()
    listing = testing.simulate_get(app, '/', headers={'Accept': 'text/x-listing'})
    assert listing.text == 'title: Bad\ntrace: abc123\n'


def test_to_dict_obj_type_and_to_json_handler() -> None:
    error = falcon.HTTPForbidden(description='No')
    ordered = error.to_dict(OrderedDict)
    assert isinstance(ordered, OrderedDict)
    assert list(ordered.items()) == [('title', '403 Forbidden'), ('description', 'No')]
    handler = falcon.media.JSONHandler(dumps=lambda obj: json.dumps(obj, separators=(',', ':')))
    assert error.to_json(handler) == b'{"title":"403 Forbidden","description":"No"}'
    assert error.to_json() == b'{"title": "403 Forbidden", "description": "No"}'


def test_to_xml_is_deprecated_and_escapes() -> None:
    error = falcon.HTTPBadRequest(title='<Bad & worse>', description='a "quote"')
    with pytest.warns(falcon.util.DeprecatedWarning):
        document = error.to_xml()
    assert document == (
        b'<?xml version="1.0" encoding="UTF-8"?><error><title>&lt;Bad &amp; worse&gt;</title>'
        b'<description>a "quote"</description></error>'
    )


def test_default_serialize_error_is_the_documented_function(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    req = testing.create_req(headers={'Accept': 'application/xml'})
    resp = falcon.Response()
    falcon.app_helpers.default_serialize_error(req, resp, falcon.HTTPNotFound())
    assert resp.content_type == 'application/xml'
    assert resp.data == XML_404
    assert resp.get_header('Vary') == 'Accept'


def test_documented_custom_serializer(asgi: bool, make_app: Callable[..., Any]) -> None:
    def my_serializer(req: Any, resp: Any, exception: falcon.HTTPError) -> None:
        preferred = req.client_prefers((falcon.MEDIA_YAML, falcon.MEDIA_JSON))
        if preferred is not None:
            if preferred == falcon.MEDIA_JSON:
                resp.data = exception.to_json()
            else:
                resp.text = ''.join(f'{k}: {v}\n' for k, v in exception.to_dict().items())
            resp.content_type = preferred
        resp.append_header('Vary', 'Accept')

    app = _raising(asgi, make_app, falcon.HTTPGone())
    app.set_error_serializer(my_serializer)
    yaml = testing.simulate_get(app, '/', headers={'Accept': falcon.MEDIA_YAML})
    assert yaml.status_code == 410
    assert yaml.headers['Content-Type'] == falcon.MEDIA_YAML
    assert yaml.text == 'title: 410 Gone\n'
    plain = testing.simulate_get(app, '/', headers={'Accept': 'application/xml'})
    assert plain.status_code == 410
    assert plain.content == b''
    assert plain.headers['Vary'] == 'Accept'


def test_serializer_is_skipped_when_the_http_error_handler_is_replaced(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    called: list[str] = []

    def serializer(req: Any, resp: Any, exception: falcon.HTTPError) -> None:
        called.append('serializer')

    def handler(req: Any, resp: Any, ex: falcon.HTTPError, params: Any) -> None:
        resp.status = ex.status
        resp.text = f'handled {ex.title}'

    app = _raising(asgi, make_app, falcon.HTTPForbidden())
    app.set_error_serializer(serializer)
    app.add_error_handler(falcon.HTTPError, handler)
    result = testing.simulate_get(app, '/')
    assert result.status_code == 403
    assert result.text == 'handled 403 Forbidden'
    assert called == []


def test_serializer_covers_framework_errors(asgi: bool, make_app: Callable[..., Any]) -> None:
    seen: list[int] = []

    def serializer(req: Any, resp: Any, exception: falcon.HTTPError) -> None:
        seen.append(exception.status_code)
        resp.text = exception.title

    app = make_app()
    app.add_route('/', resource(asgi, on_get=lambda req, resp: None))
    app.set_error_serializer(serializer)
    assert testing.simulate_get(app, '/missing').text == '404 Not Found'
    assert testing.simulate_delete(app, '/').text == '405 Method Not Allowed'
    assert seen == [404, 405]
