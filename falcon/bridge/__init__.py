"""Bridges between synchronous and asynchronous code, shared by both adapters.

Rules: this package may use asyncio and threads (the core may not). It holds what both
``falcon.wsgi`` and ``falcon.asgi`` need to run code of the other colour.
"""
