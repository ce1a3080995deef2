"""``TestCase``: a ``unittest.TestCase`` that is also a :class:`TestClient`.

Rules: each test gets a fresh ``falcon.App`` in ``setUp``; a subclass may replace
``self.app`` there (after calling ``super().setUp()``) to test its own app.
"""

from __future__ import annotations

import unittest

from falcon.testing._client import TestClient
from falcon.wsgi._app import App

__all__ = ['TestCase']


class TestCase(unittest.TestCase, TestClient):
    """A ``unittest.TestCase`` with the ``simulate_*`` methods of :class:`TestClient`.

    Example::

        class TestThings(TestCase):
            def setUp(self):
                super().setUp()
                self.app.add_route('/things', ThingsResource())

            def test_list(self):
                self.assertEqual(self.simulate_get('/things').status_code, 200)

    Attributes:
        app: The app under test, a new ``falcon.App`` for each test.
    """

    __test__ = True
    app: App

    def setUp(self) -> None:
        """Create ``self.app``, a fresh ``falcon.App``."""
        super().setUp()
        TestClient.__init__(self, App())
