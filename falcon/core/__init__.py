"""The sans-I/O core: everything that does not touch a socket, an environ or a scope.

Rules: nothing here imports asyncio, threading, socket or wsgiref, and nothing reads a WSGI
environ or an ASGI scope. The adapters in ``falcon.wsgi`` and ``falcon.asgi`` translate
their server's view of a request into the primitives the core asks for.
"""
