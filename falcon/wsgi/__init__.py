"""The WSGI adapter (PEP 3333): ``falcon.App`` and its request.

Rules: translate only. The environ becomes the core request's primitives; the core's
response head becomes ``start_response`` and an iterable body. Nothing here parses client
data or decides what the response is.
"""
