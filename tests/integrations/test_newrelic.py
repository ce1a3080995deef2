"""The New Relic agent's Falcon hooks (``newrelic/hooks/framework_falcon.py``), run unchanged.

When ``falcon.app`` is imported the agent wraps ``App.__call__`` as a WSGI application
(one web transaction per request) and ``App._handle_exception`` (names the transaction
after it at low priority and records the exception with the response's status code); when
``falcon.routing.util`` is imported it wraps ``map_http_methods`` so that each responder
of a route names the transaction and is traced. It also reports ``falcon.__version__`` as
the framework version, read while ``falcon`` is still being imported.

It supports ``falcon.App`` only; ``falcon.asgi.App`` makes no transaction.

The agent runs in a child process (``_newrelic_app.py``): it installs import hooks and a
harvest thread for the life of a process. Its configuration turns on developer mode (a
fake collector inside the process) and turns off cloud and container detection, so
nothing leaves the process; transactions are read from the stats engine as they finish.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip('newrelic')

import falcon

CHILD = Path(__file__).with_name('_newrelic_app.py')
CONFIG = """\
[newrelic]
app_name = Falcon integration test
developer_mode = true
log_file = stderr
log_level = error
startup_timeout = 10.0
package_reporting.enabled = false
utilization.detect_aws = false
utilization.detect_azure = false
utilization.detect_azurefunction = false
utilization.detect_azureappservice = false
utilization.detect_gcp = false
utilization.detect_pcf = false
utilization.detect_docker = false
utilization.detect_kubernetes = false
"""


@pytest.fixture(scope='module')
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    config = tmp_path_factory.mktemp('newrelic') / 'newrelic.ini'
    config.write_text(CONFIG)
    done = subprocess.run(
        [sys.executable, str(CHILD), str(config)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _transaction(run: dict[str, Any], name: str) -> dict[str, Any]:
    (transaction,) = run['requests'][name]['transactions']
    return transaction


def test_a_request_is_a_web_transaction_named_by_its_responder(run: dict[str, Any]) -> None:
    assert run['requests']['get']['status'] == '200 OK'
    assert run['requests']['get']['body'] == '{"id": 3}'
    transaction = _transaction(run, 'get')
    assert transaction['path'] == 'WebTransaction/Function/__main__:Items.on_get'
    assert transaction['request_uri'] == '/items/3'
    attributes = transaction['attributes']
    assert attributes['request.method'] == 'GET'
    assert attributes['http.statusCode'] == 200
    assert attributes['response.headers.contentType'] == 'application/json'
    assert attributes['response.headers.contentLength'] == 9
    assert transaction['errors'] == []


def test_the_responder_and_spans_inside_it_are_traced(run: dict[str, Any]) -> None:
    traced = _transaction(run, 'get')['traced']
    assert '__main__:Items.on_get' in traced
    assert traced.index('load_item') == traced.index('__main__:Items.on_get') + 1
    assert 'falcon.app:App.__call__' in traced


def test_the_framework_and_its_version_are_reported(run: dict[str, Any]) -> None:
    metrics = [name for name, _ in _transaction(run, 'get')['framework']]
    assert metrics == [f'Python/Framework/Falcon/{falcon.__version__}']


def test_an_unhandled_exception_is_recorded_with_status_500(run: dict[str, Any]) -> None:
    assert run['requests']['error']['status'] == '500 Internal Server Error'
    transaction = _transaction(run, 'error')
    assert transaction['path'] == 'WebTransaction/Function/__main__:Items.on_post'
    assert transaction['attributes']['http.statusCode'] == 500
    assert transaction['errors'] == [['builtins:RuntimeError', 'boom']]


def test_a_404_from_the_responder_is_not_an_error(run: dict[str, Any]) -> None:
    # 404 is among the agent's ignored status codes by default.
    transaction = _transaction(run, 'not_found')
    assert transaction['path'] == 'WebTransaction/Function/__main__:Items.on_put'
    assert transaction['attributes']['http.statusCode'] == 404
    assert transaction['errors'] == []


def test_an_unrouted_path_is_named_after_the_exception_handler(run: dict[str, Any]) -> None:
    assert run['requests']['unrouted']['status'] == '404 Not Found'
    transaction = _transaction(run, 'unrouted')
    assert transaction['path'] == 'WebTransaction/Function/falcon.app:App._handle_exception'
    assert transaction['attributes']['http.statusCode'] == 404
    assert transaction['errors'] == []


def test_asgi_app_makes_no_transaction(run: dict[str, Any]) -> None:
    assert run['requests']['asgi']['status'] == '200 OK'
    assert run['requests']['asgi']['body'] == '{"id": 5}'
    assert run['requests']['asgi']['transactions'] == []
