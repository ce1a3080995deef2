"""The ASGI application class (``falcon.asgi.app``)."""

from falcon.asgi._app import App
from falcon.core._home import set_home

__all__ = ['App']

set_home(__name__, globals(), ('App',))
