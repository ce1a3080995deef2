"""The WSGI application class (``falcon.app``)."""

from falcon.wsgi._app import API, App

__all__ = ['API', 'App']
