"""The media handler registry at Falcon's ``falcon.media.handlers`` path.

Rules: a face over ``falcon.core.media``; nothing is implemented here.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core._protocols import ResolverMethod
from falcon.core.media._handlers import Handlers
from falcon.core.media._ws import MissingDependencyHandler

__all__ = ['Handlers', 'MissingDependencyHandler', 'ResolverMethod']

set_home(__name__, globals(), ('Handlers', 'MissingDependencyHandler', 'ResolverMethod'))
