"""The build's one step pyproject.toml cannot state plainly: the optional C accelerator.

``falcon.core._fast_init`` makes ``SSEvent(...)`` construction cheaper (see its source). It is
optional: where no C compiler is available the build goes on without it, and
``falcon.core._sse`` keeps the pure-Python constructor, which stays the reference.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension('falcon.core._fast_init', ['falcon/core/_fast_init.c'], optional=True),
    ]
)
