"""The build's one step pyproject.toml cannot state plainly: the optional C accelerators.

``falcon.core._fast_init`` makes ``SSEvent(...)`` and response construction cheaper,
``falcon.core._fast_parse`` builds the ASGI header map and plain query strings,
``falcon.core._fast_json`` writes JSON bodies of plain values,
``falcon.core._fast_await`` hands over a value at hand as an awaitable,
``falcon.core._fast_head`` makes the usual response head and
``falcon.core._fast_request`` builds the usual request of each adapter (see their
sources). All are optional: where no C compiler is available the build goes on without
them, and the modules that use them keep their pure-Python code, which stays the reference."""

from setuptools import Extension, setup

# Included by the three C builders of classes with __slots__.
SLOTS_HEADER = 'falcon/core/_fast_slots.h'

setup(
    ext_modules=[
        Extension(
            'falcon.core._fast_init',
            ['falcon/core/_fast_init.c'],
            depends=[SLOTS_HEADER],
            optional=True,
        ),
        Extension('falcon.core._fast_parse', ['falcon/core/_fast_parse.c'], optional=True),
        Extension('falcon.core._fast_json', ['falcon/core/_fast_json.c'], optional=True),
        Extension('falcon.core._fast_await', ['falcon/core/_fast_await.c'], optional=True),
        Extension(
            'falcon.core._fast_head',
            ['falcon/core/_fast_head.c'],
            depends=[SLOTS_HEADER],
            optional=True,
        ),
        Extension(
            'falcon.core._fast_request',
            ['falcon/core/_fast_request.c'],
            depends=[SLOTS_HEADER],
            optional=True,
        ),
    ]
)
