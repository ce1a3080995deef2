"""Deprecations documented by Falcon 4.4 (changelogs 3.0 to 4.4 and ``.. deprecated::``
notes): each warns with ``falcon.util.deprecation.DeprecatedWarning`` where the documentation
deprecates it, and ordinary use of the framework warns nowhere."""

from __future__ import annotations

import datetime
import io
import warnings
from collections.abc import Callable
from typing import Any

import pytest

import falcon
import falcon.asgi
import falcon.testing
from falcon.util.deprecation import DeprecatedWarning
from tests.compat._support import resource


def test_deprecated_warning_is_a_user_warning() -> None:
    assert issubclass(DeprecatedWarning, UserWarning)
    assert falcon.util.DeprecatedWarning is DeprecatedWarning


def test_api_alias_warns_and_still_works() -> None:
    with pytest.warns(DeprecatedWarning, match='API'):
        app = falcon.API(media_type=falcon.MEDIA_TEXT)
    assert isinstance(app, falcon.App)
    result = falcon.testing.simulate_get(app, '/')
    assert result.status_code == 404


def test_to_xml_warns_but_xml_error_responses_do_not() -> None:
    with pytest.warns(DeprecatedWarning, match='to_xml'):
        document = falcon.HTTPNotFound().to_xml()
    assert document == (
        b'<?xml version="1.0" encoding="UTF-8"?><error><title>404 Not Found</title></error>'
    )
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        result = falcon.testing.simulate_get(
            falcon.App(), '/missing', headers={'Accept': 'application/xml'}
        )
    assert result.text == document.decode()


def test_payload_too_large_alias_warns() -> None:
    with pytest.warns(DeprecatedWarning, match='HTTPContentTooLarge'):
        error = falcon.HTTPPayloadTooLarge(title='big')
    assert isinstance(error, falcon.HTTPContentTooLarge)
    assert error.status_code == 413
    assert error.title == 'big'


def test_timezone_gmt_warns() -> None:
    with pytest.warns(DeprecatedWarning, match='timezone.utc'):
        zone = falcon.TimezoneGMT()
    assert zone.utcoffset(None) == datetime.timedelta(0)


def test_unset_cookie_samesite_argument_warns(asgi: bool) -> None:
    resp: Any = falcon.asgi.Response() if asgi else falcon.Response()
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        resp.unset_cookie('a', same_site='Strict')
    with pytest.warns(DeprecatedWarning, match='same_site'):
        resp.unset_cookie('b', samesite='Strict')
    assert 'SameSite=Strict' in resp._cookies['b']
    with pytest.warns(DeprecatedWarning):
        resp.unset_cookie('c', samesite='None')
    assert resp._set_cookie_values()[-1] == (
        'c=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; SameSite=None'
    )


def test_req_app_is_a_deprecated_alias_of_root_path(asgi: bool) -> None:
    req: Any = (
        falcon.testing.create_asgi_req(root_path='/mount')
        if asgi
        else falcon.testing.create_req(root_path='/mount')
    )
    with pytest.warns(DeprecatedWarning, match='root_path'):
        assert req.app == '/mount'


def test_bounded_stream_is_exhausted_warns() -> None:
    stream = falcon.stream.BoundedStream(io.BytesIO(b'ab'), 2)
    with pytest.warns(DeprecatedWarning, match='eof'):
        assert stream.is_exhausted is False
    stream.read()
    with pytest.warns(DeprecatedWarning):
        assert stream.is_exhausted is True


def test_auto_parse_form_urlencoded_defaults_off_and_warns() -> None:
    options = falcon.RequestOptions()
    with pytest.warns(DeprecatedWarning, match='get_media'):
        assert options.auto_parse_form_urlencoded is False
    with pytest.warns(DeprecatedWarning):
        options.auto_parse_form_urlencoded = True


def _form_app(make_app: Callable[..., Any], asgi: bool, enabled: bool) -> Any:
    app = make_app()
    if enabled:
        with pytest.warns(DeprecatedWarning):
            app.req_options.auto_parse_form_urlencoded = True

    def on_post(req: Any, resp: Any) -> None:
        resp.media = req.params

    app.add_route('/', resource(asgi, on_post=on_post))
    return app


def test_auto_parse_form_urlencoded_merges_the_form_in_wsgi() -> None:
    app = _form_app(falcon.App, False, True)
    result = falcon.testing.simulate_post(
        app,
        '/',
        query_string='a=1',
        body='a=2&b=x%20y&c=',
        content_type=falcon.MEDIA_URLENCODED,
    )
    assert result.json == {'a': ['1', '2'], 'b': 'x y', 'c': ''}


def test_auto_parse_form_urlencoded_ignores_other_types_and_asgi(
    asgi: bool, make_app: Callable[..., Any]
) -> None:
    app = _form_app(make_app, asgi, True)
    result = falcon.testing.simulate_post(
        app,
        '/',
        body='a=2',
        content_type=falcon.MEDIA_TEXT if not asgi else falcon.MEDIA_URLENCODED,
    )
    assert result.json == {}


def test_ordinary_use_emits_no_deprecation(asgi: bool, make_app: Callable[..., Any]) -> None:
    def on_get(req: Any, resp: Any) -> None:
        resp.media = {'root': req.root_path, 'q': req.get_param('q')}
        resp.set_cookie('c', 'v')
        resp.unset_cookie('d')

    with warnings.catch_warnings():
        warnings.simplefilter('error')
        app = make_app(cors_enable=True)
        app.add_route('/', resource(asgi, on_get=on_get))
        ok = falcon.testing.simulate_get(app, '/', query_string='q=1')
        missing = falcon.testing.simulate_get(app, '/nope', headers={'Accept': 'text/xml'})
    assert ok.json == {'root': '', 'q': '1'}
    assert missing.status_code == 404
