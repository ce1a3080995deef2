"""The build's one step pyproject.toml cannot state plainly: the optional C accelerators.

``falcon.core._fast_init`` makes ``SSEvent(...)`` construction cheaper, and
``falcon.core._fast_parse`` builds the ASGI header map and plain query strings (see their
sources). Both are optional: where no C compiler is available the build goes on without
them, and the modules that use them keep their pure-Python code, which stays the reference.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension('falcon.core._fast_init', ['falcon/core/_fast_init.c'], optional=True),
        Extension('falcon.core._fast_parse', ['falcon/core/_fast_parse.c'], optional=True),
    ]
)
