"""Recipe "Decoding Raw URL Path" (user/recipes/raw-url-path.rst), and the FAQ answer on
percent-encoded slashes."""

import pytest

from falcon import testing

from .recipes import raw_url_path

ENCODED = '/cache/http%3A%2F%2Ffalconframework.org'


def _get(asgi, path, raw_path=True):
    app = raw_url_path.create_app(asgi, raw_path=raw_path)
    # Gunicorn exposes the raw request target as RAW_URI; the ASGI scope has raw_path.
    extras = None if asgi else {'RAW_URI': path}
    return testing.simulate_get(app, path, extras=extras)


def test_url_field(asgi):
    result = _get(asgi, ENCODED)
    assert result.status_code == 200
    assert result.json == {'url': 'http://falconframework.org'}


def test_status_suffix(asgi):
    result = _get(asgi, ENCODED + '/status')
    assert result.status_code == 200
    assert result.json == {'cached': True}


def test_encoded_slash_inside_the_field(asgi):
    result = _get(asgi, ENCODED + '%2Fstatus')
    assert result.status_code == 200
    assert result.json == {'url': 'http://falconframework.org/status'}


@pytest.mark.parametrize('suffix', ['', '/status', '%2Fstatus'])
def test_without_the_component_nothing_matches(asgi, suffix):
    result = _get(asgi, ENCODED + suffix, raw_path=False)
    assert result.status_code == 404
    assert result.json == {'title': '404 Not Found'}


def test_request_uri_with_query():
    # uWSGI and Waitress name the raw request target REQUEST_URI (a WSGI-only extension).
    app = raw_url_path.create_app(asgi=False)
    result = testing.simulate_get(
        app, ENCODED, query_string='x=1', extras={'REQUEST_URI': ENCODED + '?x=1'}
    )
    assert result.json == {'url': 'http://falconframework.org'}
