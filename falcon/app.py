"""The WSGI application class (``falcon.app``)."""

from falcon.core._home import set_home
from falcon.wsgi._app import API, App

__all__ = ['API', 'App']

set_home(__name__, globals(), ('API', 'App'))
