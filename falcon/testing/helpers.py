"""Request-building helpers at Falcon's ``falcon.testing.helpers`` import path.

Rules: a re-export of ``falcon.testing._helpers``, ``_scope``, ``_asgi`` and ``_ws``, and the
home (``__module__``) of the classes and functions it re-exports. One thing is more than a
re-export, because Falcon documents it: assigning ``DEFAULT_UA`` on this module changes the
``User-Agent`` that simulated requests send when they set none.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from falcon.core._home import set_home
from falcon.testing import _asgi, _helpers, _scope
from falcon.testing._asgi import *  # noqa: F403
from falcon.testing._helpers import *  # noqa: F403
from falcon.testing._scope import *  # noqa: F403
from falcon.testing._ws import ASGIWebSocketSimulator as ASGIWebSocketSimulator
from falcon.testing._ws import _WSContextManager as _WSContextManager

__all__ = [*_asgi.__all__, *_helpers.__all__, *_scope.__all__, 'ASGIWebSocketSimulator']


class _HelpersModule(types.ModuleType):
    """This module's type: an assigned ``DEFAULT_UA`` also reaches the request builders."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == 'DEFAULT_UA':
            _helpers.DEFAULT_UA = value
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _HelpersModule

# The constants (DEFAULT_HOST, DEFAULT_UA) have no module to carry.
set_home(__name__, globals(), [name for name in __all__ if callable(globals()[name])])
