"""Deprecation helpers: warning category, decorators and the removed-attribute error."""

from __future__ import annotations

from falcon.core._home import set_home
from falcon.core._misc import AttributeRemovedError, DeprecatedWarning, deprecated, deprecated_args

__all__ = ['AttributeRemovedError', 'DeprecatedWarning', 'deprecated', 'deprecated_args']

set_home(
    __name__,
    globals(),
    (
        'AttributeRemovedError',
        'DeprecatedWarning',
        'deprecated',
        'deprecated_args',
    ),
)
