"""The conformance suite: every scenario runs against falcon.App and falcon.asgi.App."""
