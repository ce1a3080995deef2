"""Middleware shipped with the framework."""

from __future__ import annotations

# Falcon's module exposes this name too.
from typing import TYPE_CHECKING as TYPE_CHECKING

from falcon.core._cors import (
    CORSMiddleware,
    UniversalMiddlewareWithProcessResponse,
)
from falcon.core._home import set_home

__all__ = [
    'CORSMiddleware',
    'UniversalMiddlewareWithProcessResponse',
]

set_home(__name__, globals(), ('CORSMiddleware',))
