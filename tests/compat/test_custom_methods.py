"""Custom HTTP methods, both ways the routing page documents: extending
``falcon.constants.COMBINED_METHODS`` at set-up, or naming them in the
``FALCON_CUSTOM_HTTP_METHODS`` environment variable before ``falcon`` is imported."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import falcon
import falcon.constants
from falcon import testing

from ._support import resource


@pytest.fixture
def foo_method() -> Iterator[None]:
    falcon.constants.COMBINED_METHODS += ['FOO']
    try:
        yield
    finally:
        falcon.constants.COMBINED_METHODS.remove('FOO')


@pytest.mark.filterwarnings('ignore::wsgiref.validate.WSGIWarning')
def test_combined_methods_extended_at_setup_are_routed(
    foo_method: None, asgi: bool, make_app: Callable[..., Any]
) -> None:
    def on_foo(req: Any, resp: Any) -> None:
        resp.media = {'method': req.method}

    app = make_app()
    app.add_route('/', resource(asgi, on_foo=on_foo))
    client = testing.TestClient(app)

    result = client.simulate_request('FOO', '/')
    assert result.status_code == 200
    assert result.json == {'method': 'FOO'}
    assert client.simulate_get('/').status_code == 405
    assert client.simulate_request('BAR', '/').status_code == 405


def test_environment_variable_adds_methods_that_class_hooks_decorate() -> None:
    script = textwrap.dedent(
        """
        import warnings
        warnings.simplefilter('ignore')
        import falcon, falcon.asgi, falcon.constants
        from falcon import testing

        def mark(req, resp, resource, params):
            resp.set_header('X-Hooked', 'yes')

        @falcon.before(mark)
        class Things:
            def on_purge(self, req, resp):
                resp.media = {'method': req.method}

        assert falcon.constants.FALCON_CUSTOM_HTTP_METHODS == ['PURGE', 'FOO']
        assert 'PURGE' in falcon.constants.COMBINED_METHODS
        for app in (falcon.App(), falcon.asgi.App()):
            app.add_route('/', Things())
            result = testing.simulate_request(app, 'PURGE', '/')
            print(result.status_code, result.headers.get('X-Hooked'), result.json['method'])
        """
    )
    env = dict(os.environ, FALCON_CUSTOM_HTTP_METHODS='purge, FOO ,')
    done = subprocess.run(
        [sys.executable, '-c', script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ['200 yes PURGE', '200 yes PURGE']
