"""falcon-apispec 0.3 (``FalconPlugin``): OpenAPI paths built from the app's router.

The plugin walks ``app._router._roots`` breadth first through each node's ``children``,
mapping every node's ``resource`` to its ``uri_template``, then documents the resource's
``on_<method>`` responders for each of ``falcon.constants.HTTP_METHODS`` from the YAML in
their docstrings (and the resource's own docstring for path-level fields). So the router's
tree must be visible as Falcon's ``CompiledRouter`` shows it.

falcon-apispec 0.4.0 is not tested: it lists every method of each node's ``method_map``
except responders whose ``__dict__`` holds ``__module__ == 'falcon.responders'``, which a
Python function never has, so the default responders of the WebDAV methods reach apispec,
which refuses them ("One or more HTTP methods are invalid"). Falcon 4 fails the same way
(falcon-apispec issues 33 and 36).
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip('falcon_apispec')
pytest.importorskip('apispec')

from apispec import APISpec
from apispec.exceptions import APISpecError
from falcon_apispec import FalconPlugin

import falcon
import falcon.asgi


class Pets:
    """The pets.
    ---
    x-extension: pets
    """

    def on_get(self, req: Any, resp: Any) -> None:
        """List pets.
        ---
        description: All the pets
        responses:
            200:
                description: A list of pets
        """

    def on_post(self, req: Any, resp: Any) -> None:
        """Add a pet.
        ---
        description: Add a pet
        responses:
            201:
                description: Created
        """


class Pet:
    def on_get(self, req: Any, resp: Any, pet_id: int) -> None:
        """One pet.
        ---
        description: One pet
        parameters:
            - in: path
              name: pet_id
              required: true
              schema:
                type: integer
        responses:
            200:
                description: The pet
        """

    def on_delete(self, req: Any, resp: Any, pet_id: int) -> None:
        """Not documented in YAML."""


class Owner:
    def on_put(self, req: Any, resp: Any, shop: str, owner: str) -> None:
        """---
        responses:
            204:
                description: Replaced
        """


class Home:
    def on_get(self, req: Any, resp: Any) -> None:
        """---
        responses:
            200:
                description: Home
        """


class AsyncPets(Pets):
    __doc__ = Pets.__doc__

    async def on_get(self, req: Any, resp: Any) -> None:  # type: ignore[override]
        """List pets.
        ---
        description: All the pets
        responses:
            200:
                description: A list of pets
        """


def _spec(asgi: bool) -> tuple[APISpec, dict[str, Any]]:
    app: Any = falcon.asgi.App() if asgi else falcon.App()
    resources = {
        'home': Home(),
        'pets': AsyncPets() if asgi else Pets(),
        'pet': Pet(),
        'owner': Owner(),
    }
    app.add_route('/', resources['home'])
    app.add_route('/pets', resources['pets'])
    app.add_route('/pets/{pet_id:int}', resources['pet'])
    app.add_route('/shops/{shop}/owners/{owner}', resources['owner'])
    spec = APISpec(
        title='Pet shop', version='1.0.0', openapi_version='3.0.2', plugins=[FalconPlugin(app)]
    )
    return spec, resources


def test_paths_come_from_the_router(asgi: bool) -> None:
    spec, resources = _spec(asgi)
    for resource in resources.values():
        spec.path(resource=resource)
    assert spec.to_dict()['paths'] == {
        '/': {'get': {'responses': {'200': {'description': 'Home'}}}},
        '/pets': {
            'x-extension': 'pets',
            'get': {
                'description': 'All the pets',
                'responses': {'200': {'description': 'A list of pets'}},
            },
            'post': {'description': 'Add a pet', 'responses': {'201': {'description': 'Created'}}},
        },
        '/pets/{pet_id:int}': {
            'get': {
                'description': 'One pet',
                'parameters': [
                    {
                        'in': 'path',
                        'name': 'pet_id',
                        'required': True,
                        'schema': {'type': 'integer'},
                    }
                ],
                'responses': {'200': {'description': 'The pet'}},
            },
            'delete': {},
        },
        '/shops/{shop}/owners/{owner}': {
            'put': {'responses': {'204': {'description': 'Replaced'}}},
        },
    }


def test_a_resource_the_router_lacks_is_refused(asgi: bool) -> None:
    spec, _ = _spec(asgi)
    with pytest.raises(APISpecError, match='Could not find endpoint for resource'):
        spec.path(resource=Pets())
