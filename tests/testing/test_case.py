"""falcon.testing.TestCase: a unittest case with the TestClient methods and a fresh app."""

from __future__ import annotations

import sys
import types
import unittest
from typing import Any

import pytest

import falcon.testing._case
import falcon.wsgi._app
from falcon import testing


class Hello:
    def on_get(self, req: Any, resp: Any) -> None:
        resp.media = {'hello': req.get_header('X-Name', default='world')}


class HelloCase(testing.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.app.add_route('/', Hello())

    def test_get(self) -> None:
        result = self.simulate_get('/')
        self.assertEqual(result.json, {'hello': 'world'})

    def test_headers(self) -> None:
        self.assertEqual(self.get('/', headers={'X-Name': 'you'}).json, {'hello': 'you'})

    def test_missing(self) -> None:
        self.assertEqual(self.simulate_post('/nowhere').status_code, 404)


def run_case(case: type[unittest.TestCase]) -> unittest.TestResult:
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(case)
    result = unittest.TestResult()
    suite.run(result)
    return result


def test_case_runs_under_unittest() -> None:
    result = run_case(HelloCase)
    assert result.testsRun == 3
    assert result.wasSuccessful(), result.failures + result.errors


def test_each_test_gets_a_fresh_app() -> None:
    apps: list[Any] = []

    class Recorder(testing.TestCase):
        def test_one(self) -> None:
            apps.append(self.app)

        def test_two(self) -> None:
            apps.append(self.app)

    assert run_case(Recorder).wasSuccessful()
    assert len(apps) == 2
    assert apps[0] is not apps[1]
    assert all(isinstance(app, falcon.wsgi._app.App) for app in apps)


def test_only_subclasses_of_test_case_are_collected() -> None:
    # Importing TestCase into a test module must not make pytest collect its methods.
    assert testing.TestClient.__test__ is False
    assert testing.TestCase.__test__ is False
    assert HelloCase.__test__ is True

    class Opted(testing.TestCase):
        __test__ = False

    assert Opted.__test__ is False


def test_testtools_is_the_base_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    class ToolsCase(unittest.TestCase):
        pass

    fake = types.ModuleType('testtools')
    fake.TestCase = ToolsCase  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, 'testtools', fake)
    assert falcon.testing._case._base_case() is ToolsCase
    monkeypatch.setitem(sys.modules, 'testtools', None)
    assert falcon.testing._case._base_case() is unittest.TestCase
