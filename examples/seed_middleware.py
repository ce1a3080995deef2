"""The async logging and auth middleware from the project's seed document, run as written.

The seed leaves ``validate_token_async`` undefined and omits ``import time``; both come
first. The middleware classes and the app construction are the seed's code verbatim; a
resource is routed after them so there is something to protect.

Run: ``python -m uvicorn seed_middleware:app`` from this directory, then
``curl -H 'Authorization: Bearer ada-token' http://127.0.0.1:8000/profile``.
"""

import time

import falcon
import falcon.asgi

_TOKENS = {
    'Bearer ada-token': {'name': 'Ada Lovelace', 'roles': ['admin']},
    'Bearer alan-token': {'name': 'Alan Turing', 'roles': []},
}


async def validate_token_async(token):
    """Return the user a token belongs to, or ``None`` for an unknown token."""
    return _TOKENS.get(token)


# fmt: off
class AsyncLoggingMiddleware:
    async def process_request(self, req, resp):
        req.context.start_time = time.time()
        print(f"Request: {req.method} {req.path}")

    async def process_response(self, req, resp, resource, req_succeeded):
        duration = time.time() - req.context.start_time
        print(f"Response: {resp.status} ({duration:.3f}s)")

class AsyncAuthMiddleware:
    async def process_request(self, req, resp):
        token = req.get_header('Authorization')
        if not token:
            raise falcon.HTTPUnauthorized(title='Authentication required')

        # Async token validation
        user = await validate_token_async(token)
        if not user:
            raise falcon.HTTPUnauthorized(title='Invalid token')

        req.context.user = user

# Add middleware to ASGI app
app = falcon.asgi.App(middleware=[
    AsyncLoggingMiddleware(),
    AsyncAuthMiddleware()
])
# fmt: on


class ProfileResource:
    async def on_get(self, req, resp):
        resp.media = {'user': req.context.user}


app.add_route('/profile', ProfileResource())
