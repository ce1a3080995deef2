"""MessagePack media handlers at Falcon's ``falcon.media.msgpack`` path.

Rules: a face over ``falcon.core.media``; nothing is implemented here.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core._protocols import UnpackMethod
from falcon.core.media._msgpack import MessagePackHandler
from falcon.core.media._ws import MessagePackHandlerWS

__all__ = ['MessagePackHandler', 'MessagePackHandlerWS', 'UnpackMethod']

set_home(__name__, globals(), ('MessagePackHandler', 'MessagePackHandlerWS', 'UnpackMethod'))
