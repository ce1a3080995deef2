"""The WSGI ``start_response`` mock at Falcon's ``falcon.testing.srmock`` import path.

Rules: a re-export only; :class:`StartResponseMock` lives in ``falcon.testing._helpers``.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.testing._helpers import StartResponseMock

__all__ = ['StartResponseMock']

set_home(__name__, globals(), ('StartResponseMock',))
