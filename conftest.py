"""Pytest set-up shared by ``tests/`` and ``tests_shared/``: the one both-modes harness."""

pytest_plugins = ['tests._harness']
