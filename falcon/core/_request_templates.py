"""The requests of both adapters built in C (``falcon.core._fast_request``) from a template.

Rules: each adapter's ``Request.__init__`` stays the reference. The C builder copies every
slot from a template request and sets only the slots the call decides; so a slot it copies
must start with the same immutable value in every request. :func:`install_fast_request`
checks that on two templates built by ``__init__`` from different calls (each such slot
identical in both, and None, a bool, a str or the ``UNSET`` marker) and installs the
builder only then.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from falcon.core._constants import UNSET
from falcon.core._constructors import ABSENT, read_slots

__all__ = ['install_fast_request']


def templates_agree(cls: type, first: Any, second: Any, decided: Collection[str]) -> bool:
    """Whether every slot of ``cls`` outside ``decided`` holds the same immutable value (or
    nothing) in both requests."""
    theirs = read_slots(cls, second)
    for name, value in read_slots(cls, first).items():
        if name in decided:
            continue
        if value is not theirs[name] or not (
            value is None or value is ABSENT or value is UNSET or type(value) in (bool, str)
        ):
            return False
    return True


def install_fast_request(
    kind: str,
    cls: type,
    first: Any,
    second: Any,
    running_loop: Callable[[], Any] | None = None,
) -> Callable[..., Any] | None:
    """Install the C builder of ``kind`` (``'asgi'`` or ``'wsgi'``) for ``cls``, with
    ``first`` as its template, where the extension was built and the two templates agree
    on every slot the builder copies (all but those it names in ``ASGI_DECIDED`` or
    ``WSGI_DECIDED``).

    Returns:
        The builder (``asgi_request`` or ``wsgi_request``), or None.
    """
    try:
        from falcon.core import _fast_request
    except ImportError:
        return None
    decided: tuple[str, ...] = getattr(_fast_request, f'{kind.upper()}_DECIDED')
    if not templates_agree(cls, first, second, decided):
        return None
    _fast_request.install(kind, cls, first, running_loop)
    builder: Callable[..., Any] = getattr(_fast_request, f'{kind}_request')
    return builder
