"""Child process for ``test_newrelic.py``: the New Relic agent instruments a ``falcon.App``.

Run as a script with the path of an agent configuration file, never imported by the test
process: the agent installs import hooks and a harvest thread for the life of a process.
The configuration turns on developer mode (the agent talks to a fake collector inside the
process) and turns off cloud and container detection, so nothing leaves the process.
Finished transactions are recorded by wrapping the stats engine's ``record_transaction``.
Prints one JSON document: what each request recorded.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import newrelic.agent

newrelic.agent.initialize(sys.argv[1])
newrelic.agent.register_application(timeout=10.0)

from newrelic.core.stats_engine import StatsEngine  # noqa: E402

import falcon  # noqa: E402
import falcon.asgi  # noqa: E402
from falcon import testing  # noqa: E402

RECORDED: list[Any] = []
_record_transaction = StatsEngine.record_transaction


def _keep(self: Any, transaction: Any) -> Any:
    RECORDED.append(transaction)
    return _record_transaction(self, transaction)


StatsEngine.record_transaction = _keep  # type: ignore[method-assign]


class Items:
    def on_get(self, req: Any, resp: Any, item_id: int) -> None:
        with newrelic.agent.FunctionTrace('load_item'):
            resp.media = {'id': item_id}

    def on_post(self, req: Any, resp: Any, item_id: int) -> None:
        raise RuntimeError('boom')

    def on_put(self, req: Any, resp: Any, item_id: int) -> None:
        raise falcon.HTTPNotFound()


class AsyncItems:
    async def on_get(self, req: Any, resp: Any, item_id: int) -> None:
        resp.media = {'id': item_id}


def _children(node: Any) -> list[str]:
    names = []
    for child in getattr(node, 'children', ()):
        names.append(getattr(child, 'name', type(child).__name__))
        names.extend(_children(child))
    return names


def _run(client: testing.TestClient, method: str, path: str) -> dict[str, Any]:
    RECORDED.clear()
    result = client.simulate_request(method, path)
    return {
        'status': result.status,
        'body': result.text,
        'transactions': [
            {
                'path': node.path,
                'group': node.group,
                'request_uri': node.request_uri,
                'attributes': {
                    attribute.name: attribute.value for attribute in node.agent_attributes
                },
                'errors': [[error.type, error.message] for error in node.errors],
                'traced': _children(node.root),
                'framework': [
                    metric for metric in node.custom_metrics.metrics() if 'Falcon' in metric[0]
                ],
            }
            for node in RECORDED
        ],
    }


def main() -> None:
    app = falcon.App()
    app.add_route('/items/{item_id:int}', Items())
    client = testing.TestClient(app)
    requests = {
        'get': _run(client, 'GET', '/items/3'),
        'error': _run(client, 'POST', '/items/3'),
        'not_found': _run(client, 'PUT', '/items/3'),
        'unrouted': _run(client, 'GET', '/nowhere'),
    }
    asgi_app = falcon.asgi.App()
    asgi_app.add_route('/items/{item_id:int}', AsyncItems())
    requests['asgi'] = _run(testing.TestClient(asgi_app), 'GET', '/items/5')
    print(json.dumps({'requests': requests}, default=str))
    newrelic.agent.shutdown_agent(timeout=5.0)


if __name__ == '__main__':
    main()
