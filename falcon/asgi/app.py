"""The ASGI application class (``falcon.asgi.app``)."""

from falcon.asgi._app import App

__all__ = ['App']
