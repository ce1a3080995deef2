"""``TestCase``: a ``unittest.TestCase`` that is also a :class:`TestClient`.

Rules: each test gets a fresh ``falcon.App`` in ``setUp``; a subclass may replace
``self.app`` there (after calling ``super().setUp()``) to test its own app. The base class
is ``testtools.TestCase`` when ``testtools`` is installed, else ``unittest.TestCase``.
``TestCase`` itself is not collected by pytest (importing it into a test module must not
make its methods tests), while its subclasses are.
"""

from __future__ import annotations

import importlib
import unittest
from typing import TYPE_CHECKING, Any

from falcon.testing._client import TestClient
from falcon.wsgi._app import App

__all__ = ['TestCase']


def _base_case() -> type[unittest.TestCase]:
    try:
        testtools = importlib.import_module('testtools')
    except ImportError:
        return unittest.TestCase
    base: type[unittest.TestCase] = testtools.TestCase
    return base


if TYPE_CHECKING:
    _BaseCase = unittest.TestCase
else:
    _BaseCase = _base_case()


class TestCase(_BaseCase, TestClient):
    """A unittest test case with the ``simulate_*`` methods of :class:`TestClient`.

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

    __test__ = False
    app: App

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if '__test__' not in cls.__dict__:
            cls.__test__ = True

    def setUp(self) -> None:
        """Create ``self.app``, a fresh ``falcon.App``."""
        super().setUp()
        TestClient.__init__(self, App())
