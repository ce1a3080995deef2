"""The async user resource from the project's seed document, run as written.

The seed leaves its data-access coroutines undefined; they are defined first, over an
in-memory store. Everything from ``import falcon.asgi`` down is the seed's code verbatim.

Run: ``python -m uvicorn seed_users:app`` from this directory (or ``python seed_users.py``).
"""

# ruff: noqa: E402, F401, I001

import falcon

_USERS = {
    '1': {'id': '1', 'name': 'Ada Lovelace', 'email': 'ada@example.com'},
    '2': {'id': '2', 'name': 'Alan Turing', 'email': 'alan@example.com'},
}


async def fetch_user_async(user_id):
    """Return the user with ``user_id``, or raise 404 Not Found."""
    try:
        return _USERS[user_id]
    except KeyError:
        raise falcon.HTTPNotFound(description=f'No user {user_id}.') from None


async def fetch_all_users_async():
    """Return every user, in creation order."""
    return list(_USERS.values())


async def create_user_async(user_data):
    """Store a new user from a JSON object with a string ``name`` (and optional ``email``)."""
    if not isinstance(user_data, dict) or not isinstance(user_data.get('name'), str):
        raise falcon.HTTPUnprocessableEntity(
            title='Invalid user', description='A user is a JSON object with a string "name".'
        )
    user_id = str(len(_USERS) + 1)
    user = {'id': user_id, 'name': user_data['name'], 'email': user_data.get('email')}
    _USERS[user_id] = user
    return user


# fmt: off
import falcon.asgi
import asyncio

class AsyncUserResource:
    async def on_get(self, req, resp, user_id=None):
        if user_id:
            # Async database call
            user = await fetch_user_async(user_id)
            resp.media = user
        else:
            users = await fetch_all_users_async()
            resp.media = {'users': users}

    async def on_post(self, req, resp):
        user_data = req.media
        new_user = await create_user_async(user_data)
        resp.status = falcon.HTTP_201
        resp.media = new_user

# Create ASGI app
app = falcon.asgi.App()
app.add_route('/users', AsyncUserResource())
app.add_route('/users/{user_id}', AsyncUserResource())

# Run with ASGI server
if __name__ == '__main__':
    import uvicorn
    uvicorn.run(app, host='0.0.0.0', port=8000)
# fmt: on
