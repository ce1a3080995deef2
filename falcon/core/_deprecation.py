"""The deprecation warning category, and the one way the framework emits it.

Rules: no imports from the rest of the package, so any core module may use it. A warning
is emitted only where Falcon 4.4 documents a name, argument or attribute as deprecated, and
only when the application itself uses it (framework code goes through private names).
"""

from __future__ import annotations

import warnings

__all__ = ['DeprecatedWarning', 'warn_deprecated']


class DeprecatedWarning(UserWarning):
    """The warning category for uses of deprecated Falcon features."""


def warn_deprecated(message: str, stacklevel: int = 3) -> None:
    """Emit ``message`` as a :class:`DeprecatedWarning` pointing at the caller's caller.

    Args:
        message: What is deprecated and what to use instead.
        stacklevel: As for :func:`warnings.warn`; the default blames the code that called
            the function which calls this one.
    """
    warnings.warn(message, category=DeprecatedWarning, stacklevel=stacklevel)
