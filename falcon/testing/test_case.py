"""The unittest base class at Falcon's ``falcon.testing.test_case`` import path.

Rules: a re-export only, and the home (``__module__``) of :class:`TestCase`, which lives in
``falcon.testing._case``; the client and its result come along, as in Falcon.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.testing._case import TestCase
from falcon.testing._client import TestClient
from falcon.testing._result import Result

__all__ = ['Result', 'TestCase', 'TestClient']

set_home(__name__, globals(), ('TestCase',))
