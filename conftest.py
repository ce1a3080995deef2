"""Pytest set-up shared by ``tests/`` and ``tests_shared/``: the one both-modes harness, and
untraced ``no_cover`` tests in pytest-xdist workers too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest_plugins = ['tests._harness']


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Run a ``no_cover`` test without the coverage tracer, in an xdist worker as well.

    pytest-cov pauses its tracer for these tests in a plain run, but an xdist worker also
    runs the measurement coverage starts in every subprocess (its ``.pth`` hook), stacked
    under pytest-cov's, and that one stays on (measured: a timed reader test took 6.1 s
    traced against 0.6 s). Every measurement running in this process is stopped around the
    test, and restarted in the same order after it.
    """
    if item.get_closest_marker('no_cover') is None:
        yield
        return
    import coverage

    stopped: list[coverage.Coverage] = []
    running = coverage.Coverage.current()
    while running is not None and running not in stopped:
        running.stop()
        stopped.append(running)
        running = coverage.Coverage.current()
    try:
        yield
    finally:
        for measurement in reversed(stopped):
            measurement.start()
