"""The unittest base class at Falcon's ``falcon.testing.test_case`` import path.

Rules: a re-export only; :class:`TestCase` lives in ``falcon.testing._case``, the client and
its result in ``falcon.testing._client``.
"""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.testing._case import TestCase
from falcon.testing._client import Result, TestClient

__all__ = ['Result', 'TestCase', 'TestClient']

set_home(__name__, globals(), ('TestCase',))
